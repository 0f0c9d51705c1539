"""How a domain error of a handler becomes its refusal, for both audiences.

A handler names what it does with a flag (the staff chat's `refusals`, the private
chat's `refusal`); its audience's router maps (that name, the error) to the text once,
in its errors observer (handlers/staff/refusals.py, handlers/customer/refusals.py).

Why a middleware hands the error to the router's errors observer, instead of leaving it
to aiogram's ErrorsMiddleware: that one wraps the whole update, outside
DedupeUpdatesMiddleware, so the error would arrive after the update's transaction was
rolled back - with the update no longer recorded as handled, the refusal's outbox row
outside any transaction, and outside the chat's language. RefusalsMiddleware sits on the
audience's observers, within the update's transaction: what the refused service did was
undone by its own transaction (savepoint), the refusal is written with the update, and
the update is recorded as handled. An error no entry maps goes on as before, to
handlers/errors.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.dispatcher.flags import get_flag
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent, TelegramObject

from bot.services.errors import DomainError


def _itself(exc: DomainError) -> BaseException:
    return exc


class RefusalsMiddleware(BaseMiddleware):
    """Raises a handler's domain error as `router`'s error event, with the handler's
    `flag` passed to the errors handler under the same name; what no errors handler
    takes is raised on (as `original(exc)`, for an error that wraps another)."""

    def __init__(
        self,
        router: Router,
        flag: str,
        original: Callable[[DomainError], BaseException] = _itself,
    ) -> None:
        self._router = router
        self._flag = flag
        self._original = original

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        try:
            return await handler(event, data)
        except DomainError as exc:
            named = get_flag(data, self._flag)
            if named is not None:
                error = ErrorEvent(update=data["event_update"], exception=exc)
                answer = await self._router.propagate_event(
                    update_type="error", event=error, **{**data, self._flag: named}
                )
                if answer is not UNHANDLED:
                    return answer
            original = self._original(exc)
            if original is exc:
                raise
            raise original from None


def install(
    router: Router,
    refuse: Callable[..., Awaitable[Any]],
    flag: str,
    original: Callable[[DomainError], BaseException] = _itself,
) -> None:
    """`refuse` on `router`'s errors observer, and the middleware on the observers whose
    handlers may be refused."""
    router.errors.register(refuse, ExceptionTypeFilter(DomainError))
    for observer in (router.message, router.callback_query):
        observer.middleware(RefusalsMiddleware(router, flag, original))
