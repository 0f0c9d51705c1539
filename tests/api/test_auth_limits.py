"""Guessing admin API tokens: failed authentications are limited per client address,
and a request with a valid token is never refused by that limit."""

from __future__ import annotations

import pytest
from aiohttp import web

from admin_api import create_admin_app
from bot.config import ConfigError, load_settings
from tests.api.conftest import ADMIN_TOKEN

DEPARTMENTS = "/api/v1/departments"


def _limited_app(api_settings, **update) -> web.Application:
    settings = api_settings.model_copy(update={"auth_failures_per_minute": 5, **update})
    root = web.Application()
    root.add_subapp("/api", create_admin_app(settings, wake_outbox=lambda: None))
    return root


@pytest.fixture
async def limited(api_settings, aiohttp_client):
    return await aiohttp_client(_limited_app(api_settings))


@pytest.fixture
async def behind_proxy(api_settings, aiohttp_client):
    """The API behind a reverse proxy on this host: every peer is 127.0.0.1."""
    settings = load_settings(trusted_proxies="127.0.0.1, ::1", _env_file=None)
    return await aiohttp_client(
        _limited_app(api_settings, trusted_proxies=settings.trusted_proxies)
    )


async def _guess(client, attempts: int, **headers: str) -> list[int]:
    statuses = []
    for attempt in range(attempts):
        response = await client.get(
            DEPARTMENTS, headers={"Authorization": f"Bearer guess-{attempt}", **headers}
        )
        statuses.append(response.status)
    return statuses


async def test_too_many_wrong_tokens_get_429_with_retry_after(limited):
    assert await _guess(limited, 5) == [401] * 5
    response = await limited.get(DEPARTMENTS, headers={"Authorization": "Bearer guess-6"})
    assert response.status == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    body = await response.json()
    assert body["error"]["code"] == "too_many_failures"
    # No token at all is a failed authentication too.
    response = await limited.get(DEPARTMENTS)
    assert response.status == 429 and "Retry-After" in response.headers


async def test_a_valid_token_passes_while_its_address_is_locked_out(limited, make_token):
    readonly = await make_token("readonly")
    assert await _guess(limited, 6) == [401] * 5 + [429]
    for secret in (ADMIN_TOKEN, readonly):
        response = await limited.get(DEPARTMENTS, headers={"Authorization": f"Bearer {secret}"})
        assert response.status == 200, secret
    # ...and the address stays locked for bad tokens.
    response = await limited.get(DEPARTMENTS, headers={"Authorization": "Bearer guess-7"})
    assert response.status == 429 and int(response.headers["Retry-After"]) >= 1


async def test_successful_requests_do_not_count(limited):
    for _ in range(20):
        response = await limited.get(
            DEPARTMENTS, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
        )
        assert response.status == 200


async def test_forwarded_for_is_ignored_without_trusted_proxies(limited):
    # Anyone may send the header: believing it would let a guesser pick a fresh
    # address for every attempt.
    statuses = [
        (
            await limited.get(
                DEPARTMENTS,
                headers={"Authorization": "Bearer guess", "X-Forwarded-For": f"203.0.113.{n}"},
            )
        ).status
        for n in range(6)
    ]
    assert statuses == [401] * 5 + [429]


async def test_behind_a_trusted_proxy_failures_count_per_forwarded_client(behind_proxy):
    broken_script = {"X-Forwarded-For": "203.0.113.7"}
    assert await _guess(behind_proxy, 6, **broken_script) == [401] * 5 + [429]
    # Colleagues behind the same proxy are not locked out by the broken script.
    colleague = {"X-Forwarded-For": "198.51.100.20"}
    assert await _guess(behind_proxy, 1, **colleague) == [401]
    response = await behind_proxy.get(
        DEPARTMENTS, headers={"Authorization": f"Bearer {ADMIN_TOKEN}", **colleague}
    )
    assert response.status == 200
    # The client cannot slip out by prepending addresses: the right-most address that is
    # not a trusted proxy is the one the proxy saw.
    for forged in (
        "198.51.100.99, 203.0.113.7",
        "198.51.100.99,203.0.113.7, 127.0.0.1",
        "not-an-address, 203.0.113.7",
    ):
        assert await _guess(behind_proxy, 1, **{"X-Forwarded-For": forged}) == [429], forged
    # Several X-Forwarded-For headers are one list, in order.
    response = await behind_proxy.get(
        DEPARTMENTS,
        headers=[
            ("Authorization", "Bearer guess"),
            ("X-Forwarded-For", "198.51.100.99"),
            ("X-Forwarded-For", "203.0.113.7"),
        ],
    )
    assert response.status == 429


async def test_behind_a_trusted_proxy_without_forwarded_for_the_peer_counts(behind_proxy):
    assert await _guess(behind_proxy, 6) == [401] * 5 + [429]
    # A forwarded client is someone else.
    assert await _guess(behind_proxy, 1, **{"X-Forwarded-For": "203.0.113.8"}) == [401]


@pytest.mark.parametrize("value", ["10.0.0.0/8,localhost", "300.1.1.1", "10.0.0.0/33"])
def test_trusted_proxies_must_be_addresses_or_networks(value):
    with pytest.raises(ConfigError) as info:
        load_settings(trusted_proxies=value, _env_file=None)
    assert str(info.value).startswith("configuration error: TRUSTED_PROXIES:")


def test_trusted_proxies_take_addresses_and_networks(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", " 127.0.0.1, 10.0.0.0/8 ,::1,")
    settings = load_settings(_env_file=None)
    assert [str(n) for n in settings.trusted_proxies] == ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]
    monkeypatch.setenv("TRUSTED_PROXIES", "")
    assert load_settings(_env_file=None).trusted_proxies == ()


async def test_openapi_documents_429_with_retry_after_on_every_operation(limited):
    response = await limited.get("/api/openapi.json")
    document = await response.json()
    operations = [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) > 60
    for method, path, operation in operations:
        answer = operation["responses"].get("429")
        assert answer is not None, (method, path)
        assert answer["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorBody"
        }
        assert answer["headers"]["Retry-After"]["schema"]["type"] == "integer", (method, path)
        assert answer["headers"]["Retry-After"]["required"] is True
