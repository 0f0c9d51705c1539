"""A message on its way to Telegram while its customer is erased (issue 12, point 19):
the send completes, but nothing of it - its row, the Telegram id it got - is kept."""

from __future__ import annotations

from bot.delivery import outbox
from bot.services import erasure, tickets
from models import MessageLink, OutboxMessage, Ticket
from models.enums import OutboxStatus, Side
from tests.erasure.helpers import english
from tests.factories import make_desk, open_ticket
from tests.support import running_sender, wait_until


async def test_a_send_in_flight_during_erasure_leaves_no_trace(db, api, bot, tmp_path):
    with english():
        desk = await make_desk()
        ticket = await open_ticket(desk.alice, desk.billing, "Alice's flat", "Flat 3")
    api.add_user(desk.alice.telegram_id, "Alice")
    first = await ticket.messages.all().first()
    await outbox.send_text(
        desk.alice.telegram_id,
        "Flat 3",
        ticket_id=ticket.id,
        message_id=first.id,
        side=Side.CUSTOMER,
    )
    api.fail_next(1, "slow", delay=1.5, chat_id=desk.alice.telegram_id)

    async def in_flight() -> bool:
        return await OutboxMessage.filter(status=OutboxStatus.SENDING).exists()

    async with running_sender(bot):
        await wait_until(in_flight)
        with english():
            done = await erasure.erase_customer(
                desk.alice.id, tickets.SYSTEM, attachments_dir=tmp_path, force=True
            )
        assert done.outbox_rows_removed >= 1
        await wait_until(lambda: api.sent_messages(desk.alice.telegram_id))
    # (Leaving the block waited for the send to be recorded.)
    assert await MessageLink.filter(ticket_id=ticket.id).count() == 0
    assert not await OutboxMessage.filter(ticket_id=ticket.id, status=OutboxStatus.SENT).exists()
    assert (await Ticket.get(id=ticket.id)).subject == ""
