"""aiogram routers only; each comes from a factory so every dispatcher gets fresh ones."""

from aiogram import Router

from handlers import customer, errors, membership, staff, stale


def routers() -> list[Router]:
    # The stale-button catch-all comes last: it takes the presses nothing else took.
    return [
        errors.router(),
        membership.router(),
        customer.router(),
        staff.router(),
        stale.router(),
    ]
