"""The customer's private chat with the bot (SPEC §3)."""

from aiogram import F, Router

from handlers.customer import start, tickets


def router() -> Router:
    root = Router(name="customer")
    root.message.filter(F.chat.type == "private")
    root.callback_query.filter(F.message.chat.type == "private")
    root.include_router(start.router())
    root.include_router(tickets.router())
    return root
