"""The customer's private chat with the bot (SPEC §3)."""

from aiogram import F, Router

from handlers.customer import start


def router() -> Router:
    root = Router(name="customer")
    root.message.filter(F.chat.type == "private")
    root.callback_query.filter(F.message.chat.type == "private")
    root.include_router(start.router())
    return root
