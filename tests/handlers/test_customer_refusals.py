"""A service's refusal in the private chat (handlers/customer/refusals.py) is answered
inside the update's transaction: the customer is told politely, the refused change is
not made, and the update is recorded as handled (a re-delivery is skipped)."""

from __future__ import annotations

from models import ProcessedUpdate, Ticket
from models.enums import StatusRole
from tests.handlers.test_my_tickets import _desk_with_tickets


async def test_refused_press_is_answered_and_recorded(env, caplog):
    user = env.api.add_user(501, "Alice")
    _, _, _, carls = await _desk_with_tickets()
    await env.settle()
    user.send_text("/tickets")
    await env.api.wait_for(lambda r: r.method == "sendMessage" and r.chat_id == 501)
    await env.step()
    listing = env.api.chat_messages(501)[-1]
    assert "Your tickets: 2" in listing["text"]
    before = set(env.handled)
    user.press(listing, f"tk:{carls.id}:close", forged=True)
    answer = await env.api.wait_for("answerCallbackQuery")
    await env.step()
    assert answer.params["text"] == "This ticket is not available."
    assert answer.params["show_alert"] is True
    # Handled, not failed: recorded in the update's transaction, nothing logged as an
    # error, no "something went wrong" message.
    (press,) = env.handled - before
    assert await ProcessedUpdate.filter(update_id=press).exists()
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    assert env.api.chat_messages(501)[-1] == listing
    ticket = await Ticket.get(id=carls.id).select_related("status")
    assert ticket.status.role == StatusRole.NEW
