"""Finding a ticket from the staff chat (issue 16, point 2): /ticket 1042 answers with
the ticket's summary and a link to its card, /find lists matching tickets with a button
each, and the card's History button shows the customer's tickets and ratings - all
within the agent's departments, and every bad input answered politely."""

from __future__ import annotations

from models import Message, Ticket
from models.enums import MessageKind
from tests.handlers.wizard_support import STAFF, button_texts, last
from tests.staff.helpers import card_of, claimed, new_ticket, staff_desk, tap


async def _command(env, user, text: str, **where) -> dict:
    user.send_text(text, chat_id=STAFF, **where)
    await env.step()
    return last(env, STAFF)


def _url_buttons(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["url"] for row in rows for b in row if "url" in b]


async def test_ticket_by_number_shows_its_summary_and_links_its_card(env):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people, subject="Refund <now>")
    for typed in (f"/ticket {ticket.number}", f"/ticket #{ticket.number}"):
        answer = await _command(env, people.ann, typed)
        text = answer["text"]
        assert f"#{ticket.number} · Refund <now>" in text
        assert "Answering: Ann" in text and "Customer: Alice (@alice)" in text
        assert _url_buttons(answer) == [f"https://t.me/c/{str(STAFF)[4:]}/{card['message_id']}"]
        assert any("history" in label for label in button_texts(answer))


async def test_ticket_in_a_forum_links_its_topic(env):
    people = await staff_desk(env, forum=True)
    ticket = await new_ticket(people.desk.alice, people.desk.billing)
    await env.step()
    ticket = await Ticket.get(id=ticket.id)
    answer = await _command(env, people.ann, f"/ticket {ticket.number}")
    assert _url_buttons(answer) == [f"https://t.me/c/{str(STAFF)[4:]}/{ticket.staff_topic_id}"]


async def test_ticket_command_refuses_politely(env):
    people = await staff_desk(env)
    tech = await new_ticket(people.desk.carl, people.desk.tech, "Router")
    await env.step()
    before = await Ticket.all().count()
    for typed, expected in (
        ("/ticket", "Write /ticket and a ticket number"),
        ("/ticket abc", "Write /ticket and a ticket number"),
        ("/ticket 99999999999999", "Write /ticket and a ticket number"),
        ("/ticket 4242", "There is no ticket #4242 in your departments."),
        # Ann works in Billing: Tech's ticket is not hers to see.
        (f"/ticket {tech.number}", f"There is no ticket #{tech.number} in your departments."),
    ):
        assert expected in (await _command(env, people.ann, typed))["text"], typed
    eve_said = await _command(env, people.eve, "/ticket 1")
    assert "agent" in eve_said["text"].lower()
    assert await Ticket.all().count() == before
    # The admin agent sees every department.
    assert "Router" in (await _command(env, people.root, f"/ticket {tech.number}"))["text"]


async def test_find_lists_matches_with_a_button_each(env):
    people = await staff_desk(env)
    refund = await new_ticket(people.desk.alice, people.desk.billing, "Refund for March")
    other = await new_ticket(people.desk.alice, people.desk.billing, "Invoice", "a refund too")
    await new_ticket(people.desk.carl, people.desk.tech, "Refund of the router")
    await new_ticket(people.desk.alice, people.desk.billing, "Password", "I forgot it")
    await env.step()
    found = await _command(env, people.ann, "/find refund")
    assert "Found for «refund»: 2" in found["text"]
    assert "Refund for March" in found["text"] and "Invoice" in found["text"]
    assert "router" not in found["text"]  # Tech's
    labels = button_texts(found)
    assert sorted(labels) == sorted([f"#{refund.number}", f"#{other.number}"])
    await tap(env, people.ann, found, f"#{refund.number}")
    summary = last(env, STAFF)
    assert f"#{refund.number} · Refund for March" in summary["text"]
    assert summary["reply_to_message"]["message_id"] == found["message_id"]


async def test_find_refuses_politely(env):
    people = await staff_desk(env)
    await new_ticket(people.desk.alice, people.desk.billing, "Refund")
    await env.step()
    assert "Write /find" in (await _command(env, people.ann, "/find"))["text"]
    assert "Write /find" in (await _command(env, people.ann, "/find x"))["text"]
    nothing = await _command(env, people.ann, "/find <b>zzz%_*")
    assert "Nothing found for «<b>zzz%_*»." in nothing["text"]
    assert "reply_markup" not in nothing


async def test_the_cards_history_button_shows_the_customers_tickets_and_ratings(env):
    people = await staff_desk(env)
    ticket, card = await claimed(env, people, subject="Current")
    older = await new_ticket(people.desk.alice, people.desk.billing, "Older")
    hidden = await new_ticket(people.desk.alice, people.desk.tech, "Tech matter")
    await Ticket.filter(id=older.id).update(csat=5)
    await Ticket.filter(id=hidden.id).update(csat=1)
    await Message.create(ticket=ticket, kind=MessageKind.AGENT, text="a", rating=1)
    await env.step()
    card = await card_of(env, ticket.id)
    await tap(env, people.ann, card, "History")
    history = last(env, STAFF)
    text = history["text"]
    assert text.startswith("👤 Alice (@alice): 2 tickets")
    assert "Rating of the support: 5.0 of 5 (1 rated)" in text
    assert "Answers: 👍 1 · 👎 0" in text
    assert "Current" in text and "Older" in text and "Tech matter" not in text
    assert history["reply_to_message"]["message_id"] == card["message_id"]
    # The admin sees the Tech ticket too.
    await tap(env, people.root, card, "History")
    assert "Tech matter" in last(env, STAFF)["text"]
