"""API tokens and runtime settings."""

from __future__ import annotations

from aiohttp import web

from admin_api.keys import PROCESS_SETTINGS
from admin_api.registry import ADMIN_ONLY, Call, Registry
from admin_api.schemas.access import (
    SettingsOut,
    SettingsPatch,
    TokenCreated,
    TokenIn,
    TokenOut,
    TokenQuery,
)
from admin_api.schemas.common import Page
from admin_api.views.crud import page_of, patch_fields
from bot.config import Settings
from bot.services import settings as runtime
from bot.services import tokens
from models.enums import TokenRole


def _process_settings(request: web.Request) -> Settings:
    return request.config_dict[PROCESS_SETTINGS]


def register(api: Registry) -> None:
    _tokens(api)
    _settings(api)


def _tokens(api: Registry) -> None:
    tag = "tokens"

    @api.route(
        "GET",
        "/tokens",
        summary="List API tokens (never their secrets)",
        tag=tag,
        roles=ADMIN_ONLY,
        query=TokenQuery,
        response=Page[TokenOut],
    )
    async def list_tokens(call: Call) -> Page[TokenOut]:
        q = call.query
        result = await tokens.list_tokens(q.limit, q.offset, revoked=q.revoked, role=q.role)
        return page_of(TokenOut, result, q)

    @api.route(
        "POST",
        "/tokens",
        summary="Create an API token; the response holds its secret, shown only once",
        tag=tag,
        roles=ADMIN_ONLY,
        body=TokenIn,
        response=TokenCreated,
        status=201,
    )
    async def create_token(call: Call) -> TokenCreated:
        body = call.body
        token, secret = await tokens.create_token(body.name, body.role, body.agent_id)
        return TokenCreated.model_validate(
            {**TokenOut.model_validate(token).model_dump(), "secret": secret}
        )

    @api.route(
        "GET",
        "/tokens/{token_id}",
        summary="Get an API token (without its secret)",
        tag=tag,
        roles=ADMIN_ONLY,
        response=TokenOut,
    )
    async def get_token(call: Call) -> TokenOut:
        return TokenOut.model_validate(await tokens.get_token(call.path["token_id"]))

    @api.route(
        "DELETE",
        "/tokens/{token_id}",
        summary="Revoke an API token: it stops working at once",
        tag=tag,
        roles=ADMIN_ONLY,
        response=TokenOut,
    )
    async def revoke_token(call: Call) -> TokenOut:
        return TokenOut.model_validate(await tokens.revoke_token(call.path["token_id"]))


def _settings(api: Registry) -> None:
    tag = "settings"

    @api.route(
        "GET",
        "/settings",
        summary="Runtime settings in force",
        tag=tag,
        roles=(TokenRole.ADMIN, TokenRole.READONLY),
        response=SettingsOut,
    )
    async def get_settings(call: Call) -> SettingsOut:
        process = _process_settings(call.request)
        return SettingsOut.model_validate(await runtime.runtime_settings(process))

    @api.route(
        "PATCH",
        "/settings",
        summary="Change runtime settings (any subset; null resets to the configuration)",
        tag=tag,
        roles=ADMIN_ONLY,
        body=SettingsPatch,
        response=SettingsOut,
    )
    async def update_settings(call: Call) -> SettingsOut:
        process = _process_settings(call.request)
        await runtime.update_settings(patch_fields(call.body))
        return SettingsOut.model_validate(await runtime.runtime_settings(process))
