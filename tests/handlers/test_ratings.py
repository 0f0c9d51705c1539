"""Ratings in the private chat: 👍/👎 on each agent answer, confirming a resolution,
CSAT 1-5 with an optional comment; banned and inactive customers (SPEC §3)."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from aiohttp import web

from admin_api import create_admin_app
from bot.config import Settings
from bot.i18n import create_i18n
from bot.services import tickets
from bot.services.settings import update_settings
from models import Customer, Message, Status, Ticket, TicketEvent
from models.enums import MessageKind, StatusRole
from tests.api.conftest import ADMIN_TOKEN, ApiClient
from tests.factories import make_desk, open_ticket
from tests.handlers.wizard_support import STAFF, button, current, last, press
from tests.support import TOKEN, button_texts


@contextmanager
def english():
    with create_i18n("en").context():
        yield


async def _desk(env):
    with english():
        desk = await make_desk()
    env.api.add_group(STAFF, "Support staff")
    await update_settings({"staff_chat_id": STAFF})
    return desk


async def _ticket(customer, department, subject: str = "Invoice is wrong") -> Ticket:
    with english():
        return await open_ticket(customer, department, subject, "Please help")


async def _answer(ticket: Ticket, agent, text: str) -> Message:
    with english():
        return await tickets.reply(ticket.id, text, await tickets.agent_actor(agent))


async def _resolve(ticket: Ticket, agent) -> None:
    resolved = await Status.get(role=StatusRole.RESOLVED)
    with english():
        await tickets.set_status(ticket.id, resolved.id, await tickets.agent_actor(agent))


async def _status(ticket_id: int) -> StatusRole | None:
    return (await Ticket.get(id=ticket_id).select_related("status")).status.role


def _alert(env) -> dict:
    return env.api.calls("answerCallbackQuery")[-1].params


def _texts(env, chat_id: int) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in env.api.bot_messages(chat_id)]


async def test_thumbs_up_and_down_on_an_answer(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    env.api.add_user(502, "Карл", language_code="ru")
    ticket = await _ticket(desk.alice, desk.billing)
    carls = await _ticket(desk.carl, desk.tech, "Carl's")
    answer = await _answer(ticket, desk.ann, "We fixed the <invoice> & sent it again")
    carls_answer = await _answer(carls, desk.bob, "Carl's answer")
    await env.settle()

    shown = last(env, 501)
    assert shown["text"].startswith("💬 Ticket #1001 — answer from Ann:")
    assert shown["text"].endswith("We fixed the <invoice> & sent it again")  # escaped
    assert button_texts(shown) == ["↩️ Reply", "👍", "👎"]

    shown = await press(env, alice, 501, shown, "👍")
    assert _alert(env)["text"] == "Thank you for the rating!"
    assert button_texts(shown) == ["↩️ Reply", "👍 ✓", "👎"]
    assert (await Message.get(id=answer.id)).rating == 1
    (rated,) = await TicketEvent.filter(ticket_id=ticket.id, kind="rated")
    assert rated.data == {"message_id": answer.id, "rating": 1}

    # Pressing the same thumb again changes nothing (and edits nothing).
    edits = len(env.api.calls("editMessageReplyMarkup"))
    shown = await press(env, alice, 501, shown, "👍 ✓")
    assert _alert(env)["text"] == "Thank you for the rating!"
    assert len(env.api.calls("editMessageReplyMarkup")) == edits
    assert await TicketEvent.filter(ticket_id=ticket.id, kind="rated").count() == 1

    shown = await press(env, alice, 501, shown, "👎")
    assert button_texts(shown) == ["↩️ Reply", "👍", "👎 ✓"]
    assert (await Message.get(id=answer.id)).rating == -1
    assert await TicketEvent.filter(ticket_id=ticket.id, kind="rated").count() == 2

    # Carl's answer, rated from Alice's chat with forged data: refused, nothing changes.
    alice.press(shown, f"ra:{carls_answer.id}:1", forged=True)
    await env.step()
    assert _alert(env)["text"] == "This button is no longer available."
    assert (await Message.get(id=carls_answer.id)).rating is None
    assert not await TicketEvent.filter(ticket_id=carls.id, kind="rated").exists()
    assert button_texts(current(env, 501, shown["message_id"])) == ["↩️ Reply", "👍", "👎 ✓"]
    # Forged values other than ±1 change nothing either.
    alice.press(shown, f"ra:{answer.id}:5", forged=True)
    await env.step()
    assert _alert(env)["text"] == "This button is no longer available."
    assert (await Message.get(id=answer.id)).rating == -1
    assert env.api.calls(ok=False) == []


async def _api(aiohttp_client, db: str, tmp_path) -> ApiClient:
    settings = Settings(
        bot_token=TOKEN,
        database_url=db,
        admin_token=ADMIN_TOKEN,
        attachments_dir=tmp_path / "files",
        _env_file=None,
    )
    root = web.Application()
    root.add_subapp("/api", create_admin_app(settings, wake_outbox=lambda: None))
    return ApiClient(await aiohttp_client(root))


async def test_resolution_confirmed_then_csat_with_a_comment(env, db, aiohttp_client, tmp_path):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    ticket = await _ticket(desk.alice, desk.billing)
    answer = await _answer(ticket, desk.ann, "Fixed")
    await env.settle()
    await press(env, alice, 501, last(env, 501), "👍")
    await _resolve(ticket, desk.ann)
    await env.settle()

    notice = last(env, 501)
    assert notice["text"].startswith("✅ Ticket #1001 is resolved.")
    assert button_texts(notice) == ["✅ Yes, solved", "🔓 No, reopen"]
    before = len(env.api.bot_messages(501))
    confirmed = await press(env, alice, 501, notice, "Yes, solved")
    assert await _status(ticket.id) == StatusRole.CLOSED
    # Read top to bottom: the closing line, then the rating question with its buttons.
    assert button_texts(confirmed) == []  # answered: its buttons are gone
    closed, question = env.api.bot_messages(501)[before:]
    assert closed["text"] == "🔒 Ticket #1001 is closed. Thank you for contacting us!"
    assert question["text"] == (
        "How would you rate our support on this ticket? 1 is poor, 5 is excellent."
    )
    assert button_texts(question) == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]
    # Closed by the customer's own confirmation: no second CSAT question.
    assert sum("How would you rate" in t for t in _texts(env, 501)) == 1

    thanks = await press(env, alice, 501, question, "4 ⭐")
    assert (await Ticket.get(id=ticket.id)).csat == 4
    assert thanks["text"].startswith("Thank you! You rated us ⭐⭐⭐⭐.")
    assert "Want to add a comment?" in thanks["text"]
    assert button_texts(thanks) == ["⏭ Skip"]

    comment = "Fast & <b>friendly</b>, thanks!"
    alice.send_text(comment)
    await env.step()
    saved = await Ticket.get(id=ticket.id)
    assert saved.csat == 4 and saved.csat_comment == comment  # stored verbatim
    assert last(env, 501)["text"] == "Your comment is saved. Thank you! 🙏"
    assert button_texts(current(env, 501, thanks["message_id"])) == []  # Skip is gone
    (csat,) = await TicketEvent.filter(ticket_id=ticket.id, kind="csat").order_by("-id").limit(1)
    assert csat.data == {"score": 4, "comment": comment}
    # The comment was taken as feedback, not as a message to some ticket.
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.CUSTOMER).count() == 1

    # Both ratings are in the admin API.
    api = await _api(aiohttp_client, db, tmp_path)
    status, detail = await api.get(f"/api/v1/tickets/{ticket.id}")
    assert status == 200
    assert detail["csat"] == 4 and detail["csat_comment"] == comment
    status, messages = await api.get(f"/api/v1/tickets/{ticket.id}/messages")
    assert status == 200
    assert {m["id"]: m["rating"] for m in messages if m["kind"] == "agent"} == {answer.id: 1}
    assert env.api.calls(ok=False) == []


async def test_csat_without_a_comment_and_no_reopens(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    first = await _ticket(desk.alice, desk.billing, "First")
    second = await _ticket(desk.alice, desk.tech, "Second")
    await _resolve(first, desk.ann)
    await env.settle()
    await press(env, alice, 501, last(env, 501), "Yes, solved")
    thanks = await press(env, alice, 501, last(env, 501), "5 ⭐")
    done = await press(env, alice, 501, thanks, "Skip")
    assert done["text"] == "Thank you for your feedback! 🙏" and button_texts(done) == []
    rated = await Ticket.get(id=first.id)
    assert rated.csat == 5 and rated.csat_comment is None
    # After Skip a message is a message again, not a comment.
    alice.send_text("By the way")
    await env.step()
    assert "Which ticket is this message for?" in last(env, 501)["text"]
    assert (await Ticket.get(id=first.id)).csat_comment is None

    # "No, reopen" opens the resolved ticket again.
    with english():
        await tickets.reply(second.id, "Try now", await tickets.agent_actor(desk.bob))
    await _resolve(second, desk.bob)
    await env.settle()
    notice = last(env, 501)
    assert "#1002 is resolved" in notice["text"]
    view = await press(env, alice, 501, notice, "No, reopen")
    assert await _status(second.id) == StatusRole.IN_PROGRESS  # Bob answered: his again
    assert "Ticket #1002" in view["text"]
    assert "#1002 is open again" in last(env, 501)["text"]
    assert (await Ticket.get(id=second.id)).csat is None
    # The old confirmation cannot close it any more.
    alice.press(view, button(notice, "Yes, solved"), forged=True)
    await env.step()
    assert _alert(env)["text"] == "This cannot be done with this ticket now."
    assert await _status(second.id) == StatusRole.IN_PROGRESS
    assert env.api.calls(ok=False) == []


async def test_closing_asks_for_csat(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    by_agent = await _ticket(desk.alice, desk.billing, "Closed by Ann")
    by_customer = await _ticket(desk.alice, desk.tech, "Closed by me")
    with english():
        await tickets.close(by_agent.id, await tickets.agent_actor(desk.ann))
    await env.settle()
    notice = last(env, 501)
    assert notice["text"].startswith("🔒 Ticket #1001 is closed.")
    assert "How would you rate our support" in notice["text"]
    assert button_texts(notice) == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]
    await press(env, alice, 501, notice, "3 ⭐")
    assert (await Ticket.get(id=by_agent.id)).csat == 3

    alice.send_text("/tickets")
    await env.step()
    view = await press(env, alice, 501, last(env, 501), "#1002")
    await press(env, alice, 501, view, "Close")
    assert await _status(by_customer.id) == StatusRole.CLOSED
    question = last(env, 501)
    assert question["text"].startswith("How would you rate our support")
    assert button_texts(question) == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]
    await press(env, alice, 501, question, "1 ⭐")
    assert (await Ticket.get(id=by_customer.id)).csat == 1
    assert (await Ticket.get(id=by_agent.id)).csat == 3
    assert env.api.calls(ok=False) == []


async def test_a_banned_customer_is_told_why_and_nothing_changes(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    ticket = await _ticket(desk.alice, desk.billing)
    answer = await _answer(ticket, desk.ann, "Fixed")
    await env.settle()
    shown = last(env, 501)
    await Customer.filter(id=desk.alice.id).update(banned=True, ban_reason="Spam <links> & abuse")
    before = len(env.api.bot_messages(501))

    alice.send_text("Hello?")
    await env.step()
    alice.send_text("More", reply_to_message_id=shown["message_id"])
    await env.step()
    alice.send_photo()
    await env.step()
    alice.send_text("/new")
    await env.step()
    for label in ("👍", "Reply"):
        alice.press(shown, button(shown, label))
        await env.step()
        assert not env.api.unanswered_queries()

    refusals = _texts(env, 501)[before:]
    assert len(refusals) == 6
    for text in refusals:
        assert text.startswith("Your access to support has been blocked.")
        assert "Reason: Spam <links> & abuse" in text  # escaped, shown literally
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.CUSTOMER).count() == 1
    assert (await Message.get(id=answer.id)).rating is None
    assert await Ticket.all().count() == 1
    assert env.api.calls(ok=False) == []


async def test_an_inactive_customer_may_rate_but_not_write(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    ticket = await _ticket(desk.alice, desk.billing)
    answer = await _answer(ticket, desk.ann, "Fixed")
    await env.settle()
    shown = last(env, 501)
    ended = datetime.now(UTC).date() - timedelta(days=1)
    await Customer.filter(id=desk.alice.id).update(support_until=ended)
    before = len(env.api.bot_messages(501))

    alice.send_text("It broke again")
    await env.step()
    alice.send_text("Still broken", reply_to_message_id=shown["message_id"])
    await env.step()
    alice.press(shown, button(shown, "Reply"))
    await env.step()
    refusals = _texts(env, 501)[before:]
    assert len(refusals) == 3
    for text in refusals:
        assert text.startswith(f"Your support plan ended on {ended:%d.%m.%Y}.")
        assert "renew your support plan" in text
    assert await Message.filter(ticket_id=ticket.id, kind=MessageKind.CUSTOMER).count() == 1
    assert "Write your message" not in " ".join(_texts(env, 501))

    rated = await press(env, alice, 501, shown, "👍")
    assert button_texts(rated) == ["↩️ Reply", "👍 ✓", "👎"]
    assert (await Message.get(id=answer.id)).rating == 1
    assert env.api.calls(ok=False) == []


async def test_russian_texts(env):
    desk = await _desk(env)
    carl = env.api.add_user(502, "Карл", language_code="ru")
    ticket = await _ticket(desk.carl, desk.tech, "Не работает VPN")
    await _answer(ticket, desk.bob, "Перезагрузите роутер")
    await env.settle()
    shown = last(env, 502)
    assert shown["text"].startswith("💬 Заявка #1001")
    assert button_texts(shown)[0] == "↩️ Ответить"

    carl.send_text("Не помогло")
    await env.step()
    question = last(env, 502)
    assert question["text"] == "К какой заявке относится это сообщение?"
    done = await press(env, carl, 502, question, "#1001")
    assert done["text"] == "✔️ Добавлено к заявке #1001."

    await _resolve(ticket, desk.bob)
    await env.settle()
    notice = last(env, 502)
    assert button_texts(notice) == ["✅ Да, решено", "🔓 Нет, открыть снова"]
    await press(env, carl, 502, notice, "Да, решено")
    csat = last(env, 502)
    assert csat["text"] == (
        "Как вы оцените работу поддержки по этой заявке? 1 — плохо, 5 — отлично."
    )
    thanks = await press(env, carl, 502, csat, "5 ⭐")
    assert thanks["text"].startswith("Спасибо! Ваша оценка: ⭐⭐⭐⭐⭐.")
    assert button_texts(thanks) == ["⏭ Пропустить"]
    carl.send_text("Всё отлично")
    await env.step()
    assert last(env, 502)["text"] == "Комментарий сохранён. Спасибо! 🙏"
    saved = await Ticket.get(id=ticket.id)
    assert saved.csat == 5 and saved.csat_comment == "Всё отлично"
    assert env.api.calls(ok=False) == []


async def test_forged_or_stale_csat_buttons_change_nothing(env):
    desk = await _desk(env)
    alice = env.api.add_user(501, "Alice", username="alice")
    env.api.add_user(502, "Карл", language_code="ru")
    open_one = await _ticket(desk.alice, desk.billing, "Still open")
    carls = await _ticket(desk.carl, desk.tech, "Carl's")
    with english():
        await tickets.close(carls.id, await tickets.agent_actor(desk.bob))
    await _answer(open_one, desk.ann, "Working on it")
    await env.settle()
    answer = last(env, 501)

    # Stars for a ticket still being worked on, and for Carl's closed one.
    alice.press(answer, f"cs:{open_one.id}:5", forged=True)
    await env.step()
    assert _alert(env)["text"] == "This cannot be done with this ticket now."
    alice.press(answer, f"cs:{carls.id}:1", forged=True)
    await env.step()
    assert _alert(env)["text"] == "This button is no longer available."
    # "Skip" of a ticket never rated: the pressed message is left as it is.
    alice.press(answer, f"cs:{open_one.id}:0", forged=True)
    await env.step()
    assert _alert(env)["text"] == "This button is no longer available."
    assert current(env, 501, answer["message_id"])["text"] == answer["text"]
    assert button_texts(current(env, 501, answer["message_id"])) == ["↩️ Reply", "👍", "👎"]
    assert (await Ticket.get(id=open_one.id)).csat is None
    assert (await Ticket.get(id=carls.id)).csat is None
    assert not await TicketEvent.filter(kind="csat").exists()

    # A stale Skip of another rated ticket does not end the comment being waited for.
    with english():
        await tickets.close(open_one.id, await tickets.agent_actor(desk.ann))
    other = await _ticket(desk.alice, desk.tech, "Other")
    with english():
        await tickets.close(other.id, await tickets.agent_actor(desk.bob))
    await env.settle()
    first_question, second_question = [
        m for m in env.api.bot_messages(501) if "How would you rate" in m.get("text", "")
    ]
    first_skip = await press(env, alice, 501, first_question, "2 ⭐")
    await press(env, alice, 501, second_question, "4 ⭐")
    await press(env, alice, 501, first_skip, "Skip")
    alice.send_text("Ann was great")
    await env.step()
    assert (await Ticket.get(id=other.id)).csat_comment == "Ann was great"
    assert (await Ticket.get(id=open_one.id)).csat_comment is None
    assert env.api.calls(ok=False) == []
