"""The staff group chat (SPEC §4): ticket cards, replies, notes, commands."""

from aiogram import F, Router

from handlers.staff import cards, commands, inline, messages, refusals
from handlers.staff.access import AgentMiddleware


def router() -> Router:
    root = Router(name="staff")
    groups = F.chat.type.in_({"group", "supergroup"})
    root.message.filter(groups)
    root.edited_message.filter(groups)
    root.callback_query.filter(F.message.chat.type.in_({"group", "supergroup"}))
    for observer in (root.message, root.edited_message, root.callback_query, root.inline_query):
        observer.middleware(AgentMiddleware())
    # Inside AgentMiddleware: a refusal is told in the staff chat's language.
    refusals.install(root)
    root.include_router(cards.router())
    root.include_router(commands.router())
    root.include_router(messages.router())
    root.include_router(inline.router())
    return root
