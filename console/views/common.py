"""What the console's views share: the caller, their actor, form parsing."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from pydantic import BaseModel, ValidationError

from bot.services import tickets, tokens
from console.keys import SESSION, WAKE_OUTBOX
from models.enums import TokenRole


def principal(request: web.Request) -> tokens.Principal:
    return request[SESSION].principal


async def actor(request: web.Request) -> tickets.Actor:
    """Who acts: an agent token as its agent, an admin token as an admin; a readonly
    token reads everything (its posts never reach a view)."""
    who = principal(request)
    if who.role == TokenRole.READONLY:
        return tickets.Actor(tickets.ActorType.API, who.name, departments=None)
    return await tickets.api_actor(
        who.name, agent_id=who.agent_id, admin=who.role == TokenRole.ADMIN
    )


def wake(request: web.Request) -> None:
    request.app[WAKE_OUTBOX]()


def blank_to_none(data: dict[str, Any]) -> dict[str, Any]:
    """A form sends every field, empty ones as "": those mean "not given"."""
    return {k: v for k, v in data.items() if not (isinstance(v, str) and v.strip() == "")}


def field_errors(exc: ValidationError) -> dict[str, str]:
    """pydantic's messages per field (the first one each), as the API reports them."""
    errors: dict[str, str] = {}
    for err in exc.errors(include_url=False, include_input=False, include_context=False):
        name = str(err["loc"][0]) if err["loc"] else "__all__"
        errors.setdefault(name, err["msg"])
    return errors


def parse(model: type[BaseModel], data: dict[str, Any]) -> tuple[Any, dict[str, str]]:
    """The form read by the API's schema: (model, {}) or (None, errors per field)."""
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        return None, field_errors(exc)


def domain_errors(exc: Any) -> dict[str, str]:
    """A service's Invalid, per field when it names one."""
    details = exc.details
    if isinstance(details, dict) and "field" in details:
        return {details["field"]: exc.message}
    if isinstance(details, list):
        found: dict[str, str] = {}
        for item in details:
            if isinstance(item, dict) and item.get("loc"):
                found.setdefault(str(item["loc"][-1]), str(item.get("msg", exc.message)))
        if found:
            return found
    return {"__all__": exc.message}


async def form(request: web.Request) -> dict[str, str]:
    """The posted fields as text (files are left out), the CSRF token removed."""
    data = await request.post()
    return {k: v for k, v in data.items() if isinstance(v, str) and k != "csrf"}
