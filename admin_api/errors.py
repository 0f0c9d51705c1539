"""Every error leaves the API as JSON {"error": {"code", "message", "details"}}."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.services.errors import DomainError

log = logging.getLogger(__name__)


def error_response(status: int, code: str, message: str, details: Any = None) -> web.Response:
    return web.json_response(
        {"error": {"code": code, "message": message, "details": details}}, status=status
    )


@web.middleware
async def error_middleware(request: web.Request, handler: Any) -> web.StreamResponse:
    try:
        return await handler(request)
    except DomainError as exc:
        return error_response(exc.status, exc.code, exc.message, exc.details)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        # aiohttp's own 404/405/413: same JSON shape, no request data echoed back.
        code = exc.reason.lower().replace(" ", "_")
        return error_response(exc.status, code, exc.reason)
    except Exception:
        log.exception("admin API %s %s failed", request.method, request.path)
        return error_response(500, "internal_error", "internal error")
