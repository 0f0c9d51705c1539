"""aiogram routers only; each comes from a factory so every dispatcher gets fresh ones."""

from aiogram import Router

from handlers import customer, errors, membership, staff


def routers() -> list[Router]:
    return [errors.router(), membership.router(), customer.router(), staff.router()]
