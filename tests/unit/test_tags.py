"""Tags are configuration (bot.services.config): every write to the tag table renews the
stamp, so each process sees a new or renamed tag at once, and a card edit on a desk
without tags reads no tag."""

from __future__ import annotations

from bench.statements import DATA, Cost, counting, installed
from bot.i18n import create_i18n
from bot.presentation import card
from bot.services import config, tagging, tickets
from bot.services.scope import update_scope
from models import Counter, Customer, Department, Tag
from tests.factories import open_ticket


async def _stamp() -> int:
    return (await Counter.get(name=config.CONFIG_COUNTER)).value


async def test_every_write_to_the_tags_renews_the_stamp(db):
    stamp = await _stamp()
    tag = await tagging.create_tag(name="billing")
    assert await _stamp() != stamp
    assert [t.name for t in await tagging.all_tags()] == ["billing"]
    stamp = await _stamp()
    await tagging.update_tag(tag.id, name="Invoices", color="🧾")
    assert await _stamp() != stamp
    assert [(t.name, t.color) for t in await tagging.all_tags()] == [("Invoices", "🧾")]
    stamp = await _stamp()
    await Tag.create(name="vip", key="vip")
    await tagging.delete_tag(tag.id)
    assert await _stamp() != stamp
    assert [t.name for t in await tagging.all_tags()] == ["vip"]


async def test_a_card_edit_reads_tags_only_where_there_are_tags(db):
    billing = await Department.create(name="Billing")
    alice = await Customer.create(telegram_id=21, first_name="Alice")
    ticket = await open_ticket(alice, billing, "Refund")
    ticket.staff_chat_id, ticket.staff_message_id = -100, 7
    await ticket.save()

    async def statements() -> list[str]:
        cost = Cost(keep_texts=True)
        with create_i18n("en").context(), update_scope(), installed(), counting(cost):
            await card.refresh_card(await tickets.get_ticket(ticket.id))
        return [sql for kind, sql in cost.sent if kind in DATA]

    assert not any("ticket_tag" in sql for sql in await statements())
    await tagging.create_tag(name="vip")
    assert any("ticket_tag" in sql for sql in await statements())
