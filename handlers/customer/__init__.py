"""The customer's private chat with the bot (SPEC §3)."""

from aiogram import F, Router

from handlers.customer import edits, followup, ratings, refusals, start, tickets, wizard
from handlers.customer.access import CustomerMiddleware


def router() -> Router:
    root = Router(name="customer")
    root.message.filter(F.chat.type == "private")
    root.callback_query.filter(F.message.chat.type == "private")
    root.edited_message.filter(F.chat.type == "private")
    for observer in (root.message, root.edited_message, root.callback_query):
        observer.middleware(CustomerMiddleware())
    # Inside the customer middleware: a service's refusal is answered politely.
    refusals.install(root)
    # Commands and buttons first; the catch-all for plain messages comes last.
    root.include_router(start.router())
    root.include_router(tickets.router())
    root.include_router(wizard.router())
    root.include_router(ratings.router())
    root.include_router(followup.router())
    root.include_router(edits.router())
    return root
