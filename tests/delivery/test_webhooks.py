"""Outgoing webhooks against a real local HTTP receiver: signatures, retries with
back-off on the desk's clock (no sleeps), final refusals, claims, transactions."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from aiohttp import web
from tortoise.transactions import in_transaction

from bot.clock import CLOCK
from bot.delivery.webhooks import WebhookSender, backoff_seconds
from bot.i18n import create_i18n
from bot.services import tickets, webhooks
from models import Status, WebhookDelivery
from models.enums import DeliveryStatus, StatusRole
from tests.factories import make_desk, open_ticket

SECOND = timedelta(seconds=1)


class Receiver:
    """An integration's endpoint: answers with the statuses it is given (then 200) and
    keeps what it received."""

    def __init__(self) -> None:
        self.answers: list[int] = []
        self.received: list[tuple[dict[str, str], bytes]] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.received.append((dict(request.headers), await request.read()))
        status = self.answers.pop(0) if self.answers else 200
        return web.Response(status=status, text="ok" if status < 300 else "nope")


@pytest.fixture
def clock() -> Iterator[None]:
    CLOCK.reset()
    CLOCK.freeze()
    with create_i18n("en").context():
        yield
    CLOCK.reset()


@pytest.fixture
async def receiver(aiohttp_server) -> tuple[Receiver, str]:
    endpoint = Receiver()
    app = web.Application()
    app.router.add_post("/hook", endpoint.handle)
    server = await aiohttp_server(app)
    return endpoint, str(server.make_url("/hook"))


@pytest.fixture
async def sender() -> Any:
    worker = WebhookSender(jitter=lambda: 1.0, max_attempts=4)
    yield worker
    await worker.close()


def _agent(agent) -> tickets.Actor:
    return tickets.Actor(tickets.ActorType.AGENT, agent.name, id=agent.id, agent=agent)


async def test_a_signed_delivery_reaches_the_receiver(db, clock, receiver, sender):
    endpoint, url = receiver
    desk = await make_desk()
    hook, secret = await webhooks.create_webhook("CRM", url, ["ticket.created"])
    ticket = await open_ticket(desk.alice, desk.billing, "Refund")
    row = await WebhookDelivery.get(webhook_id=hook.id)
    assert row.status == DeliveryStatus.PENDING and row.event == "ticket.created"

    assert await sender.deliver_due() == 1
    [(headers, body)] = endpoint.received
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Helpdesk-Signature"] == expected
    assert headers["X-Helpdesk-Event"] == "ticket.created"
    assert headers["Content-Type"] == "application/json"
    sent = json.loads(body)
    assert headers["X-Helpdesk-Delivery"] == sent["id"] == row.key
    assert sent["event"] == "ticket.created"
    assert sent["occurred_at"] == CLOCK.now().isoformat()
    assert sent["ticket"]["number"] == ticket.number
    assert sent["ticket"]["subject"] == "Refund"
    assert sent["ticket"]["department_id"] == desk.billing.id
    assert sent["ticket"]["status"]["role"] in ("new", "in_progress")
    # A wrong secret does not verify: the receiver can tell a forgery.
    forged = hmac.new(b"guess", body, hashlib.sha256).hexdigest()
    assert headers["X-Helpdesk-Signature"] != "sha256=" + forged

    row = await WebhookDelivery.get(id=row.id)
    assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.DELIVERED, 1, 200)
    assert row.delivered_at == CLOCK.now()
    assert await sender.deliver_due() == 0  # delivered once, never again
    assert len(endpoint.received) == 1


async def test_5xx_is_retried_with_growing_back_off_then_delivered(db, clock, receiver, sender):
    endpoint, url = receiver
    endpoint.answers = [500, 503]
    desk = await make_desk()
    await webhooks.create_webhook("CRM", url, ["ticket.created"])
    await open_ticket(desk.alice, desk.billing)
    start = CLOCK.now()

    assert await sender.deliver_due() == 1
    row = await WebhookDelivery.get()
    assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.PENDING, 1, 500)
    assert row.due_at == start + 10 * SECOND and "HTTP 500" in row.last_error
    CLOCK.advance(9 * SECOND)
    assert await sender.deliver_due() == 0  # not due yet

    CLOCK.advance(SECOND)
    assert await sender.deliver_due() == 1
    row = await WebhookDelivery.get()
    assert (row.attempts, row.last_status_code) == (2, 503)
    assert row.due_at == start + 30 * SECOND  # 10 s, then 20 s

    CLOCK.advance(20 * SECOND)
    assert await sender.deliver_due() == 1
    row = await WebhookDelivery.get()
    assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.DELIVERED, 3, 200)
    assert row.last_error is None
    # Every attempt carried the same delivery id: the receiver drops repeats by it.
    assert len({h["X-Helpdesk-Delivery"] for h, _ in endpoint.received}) == 1
    assert len(endpoint.received) == 3


def test_back_off_doubles_is_capped_and_jittered():
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [10, 20, 40, 80]
    assert backoff_seconds(30) == 3600
    assert backoff_seconds(2, jitter=1.2) == pytest.approx(24)


async def test_4xx_is_final_408_and_429_are_retried_and_attempts_run_out(
    db, clock, receiver, sender
):
    endpoint, url = receiver
    desk = await make_desk()
    await webhooks.create_webhook("CRM", url, ["ticket.created"])
    endpoint.answers = [404]
    await open_ticket(desk.alice, desk.billing)
    await sender.deliver_due()
    row = await WebhookDelivery.get()
    assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.FAILED, 1, 404)
    await WebhookDelivery.all().delete()

    endpoint.answers = [429, 408, 502, 500]  # max_attempts=4: then it gives up
    await open_ticket(desk.alice, desk.billing)
    for wait in (0, 10, 20, 40):
        CLOCK.advance(wait * SECOND)
        assert await sender.deliver_due() == 1
    row = await WebhookDelivery.get()
    assert (row.status, row.attempts, row.last_status_code) == (DeliveryStatus.FAILED, 4, 500)
    CLOCK.advance(timedelta(days=1))
    assert await sender.deliver_due() == 0
    assert len(endpoint.received) == 5


async def test_a_network_error_is_retried(db, clock, unused_tcp_port, sender):
    desk = await make_desk()
    down = f"http://127.0.0.1:{unused_tcp_port}/"
    await webhooks.create_webhook("Down", down, ["ticket.created"])
    await open_ticket(desk.alice, desk.billing)
    assert await sender.deliver_due() == 1
    row = await WebhookDelivery.get()
    assert row.status == DeliveryStatus.PENDING and row.last_status_code is None
    assert row.last_error and "Connect" in row.last_error
    assert row.due_at == CLOCK.now() + 10 * SECOND


async def test_only_subscribed_events_of_active_webhooks_are_sent(db, clock, receiver, sender):
    endpoint, url = receiver
    desk = await make_desk()
    answers, _ = await webhooks.create_webhook("Answers", url, ["ticket.answered"])
    await webhooks.create_webhook("Off", url, list(webhooks.EVENTS), active=False)
    everything, _ = await webhooks.create_webhook("All", url, list(webhooks.EVENTS))
    ticket = await open_ticket(desk.alice, desk.billing)
    assert await WebhookDelivery.filter(webhook_id=answers.id).count() == 0
    assert await WebhookDelivery.filter(webhook_id=everything.id).count() == 1

    await tickets.reply(ticket.id, "Refunded", _agent(desk.ann))
    resolved = await Status.get(role=StatusRole.RESOLVED)
    await tickets.set_status(ticket.id, resolved.id, _agent(desk.ann))
    customer = tickets.Actor(tickets.ActorType.CUSTOMER, "Alice", id=desk.alice.id)
    await tickets.rate_ticket(ticket.id, 5, customer)

    mine = await WebhookDelivery.filter(webhook_id=answers.id).values_list("event", flat=True)
    assert mine == ["ticket.answered"]
    events = (
        await WebhookDelivery.filter(webhook_id=everything.id)
        .order_by("id")
        .values_list("event", "payload")
    )
    assert [e for e, _ in events] == [
        "ticket.created",
        "ticket.answered",
        "ticket.status_changed",
        "ticket.rated",
    ]
    status_payload = events[2][1]
    assert status_payload["data"]["new"] == resolved.id
    assert status_payload["ticket"]["status"]["role"] == "resolved"
    assert events[3][1]["data"]["score"] == 5 and events[3][1]["ticket"]["csat"] == 5
    await sender.deliver_due()
    assert len(endpoint.received) == 5


async def test_a_rolled_back_change_sends_nothing(db, clock, receiver, sender):
    endpoint, url = receiver
    desk = await make_desk()
    await webhooks.create_webhook("CRM", url, list(webhooks.EVENTS))

    class Abort(Exception):
        pass

    with pytest.raises(Abort):
        async with in_transaction():
            await open_ticket(desk.alice, desk.billing)
            assert await WebhookDelivery.all().count() == 1  # written with the change
            raise Abort
    assert await WebhookDelivery.all().count() == 0
    assert await sender.deliver_due() == 0
    assert endpoint.received == []


async def test_a_delivery_is_claimed_by_one_sender(db, clock, receiver):
    endpoint, url = receiver
    desk = await make_desk()
    await webhooks.create_webhook("CRM", url, ["ticket.created"])
    await open_ticket(desk.alice, desk.billing)
    row = await WebhookDelivery.get()
    first, second = WebhookSender(), WebhookSender()
    try:
        assert await first.claim(row.id, 0, CLOCK.now())
        assert not await second.claim(row.id, 0, CLOCK.now())  # another instance lost
        assert await second.deliver_due() == 0  # SENDING under first's lease
        # The first instance died: past its lease the row is taken back and sent once.
        CLOCK.advance(timedelta(seconds=61))
        assert await second.deliver_due() == 1
        assert len(endpoint.received) == 1
        row = await WebhookDelivery.get()
        assert (row.status, row.attempts) == (DeliveryStatus.DELIVERED, 2)
    finally:
        await first.close()
        await second.close()
