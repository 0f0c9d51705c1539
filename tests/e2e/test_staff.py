"""A ticket's life on the staff side through the real process (SPEC §4): the customer
opens a ticket, two agents press "I'll answer" at once and exactly one wins, the winner
answers in the ticket's thread, the customer sees it and replies with Telegram's reply,
and the reply appears in the thread — in reply mode and in forum mode."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from tests.support import button_texts

STAFF = -1001000000888
ADMIN = "e2e-staff-admin-secret"
ANN, DAN = 9001, 9004
CUSTOMER = 501


def _button(message: dict, label: str) -> str:
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for b in row:
            if label in b["text"]:
                return b["callback_data"]
    raise AssertionError(f"no {label!r} in {button_texts(message)}")


async def _bot_says(api, chat_id: int, predicate, timeout: float = 30.0) -> dict:
    """Waits until a bot message in the chat (as edited now) satisfies `predicate`."""

    def match(_request: Any = None) -> bool:
        return any(predicate(m) for m in api.bot_messages(chat_id))

    if not match():
        await api.wait_for(match, timeout=timeout)
    return next(m for m in reversed(api.bot_messages(chat_id)) if predicate(m))


async def _until(api, predicate, timeout: float = 30.0) -> None:
    """Waits until `predicate()` holds, re-checked on every Bot API call the bot makes."""
    if not predicate():
        await api.wait_for(lambda _r: predicate(), timeout=timeout)


class Transcript:
    """The staff chat's side of a ticket's life, in order: what people did there and
    every Bot API call the bot made into it (posts, edits, topics, button answers)."""

    def __init__(self, api, chat_id: int) -> None:
        self.api, self.chat_id = api, chat_id
        self.seen = 0
        self.lines: list[str] = []
        self.pressed: dict[str, str] = {}  # callback query id -> who pressed

    def _catch_up(self) -> None:
        for r in self.api.requests[self.seen :]:
            if not r.ok:
                self.lines.append(f"  !! {r.summary()}")
            elif (
                r.method == "answerCallbackQuery" and r.params["callback_query_id"] in self.pressed
            ):
                who = self.pressed[r.params["callback_query_id"]]
                text = r.params.get("text") or "(no text)"
                kind = "alert" if r.params.get("show_alert") else "toast"
                self.lines.append(f"  bot → {who} ({kind}): {text}")
            elif r.chat_id == self.chat_id and r.method == "createForumTopic":
                self.lines.append(
                    f"  bot creates topic {r.result['message_thread_id']}: {r.params['name']}"
                )
            elif r.chat_id == self.chat_id and r.method == "sendMessage":
                self._message("bot posts", r.created[0])
            elif r.chat_id == self.chat_id and r.method == "editMessageText":
                self._message("bot edits", r.result)
        self.seen = len(self.api.requests)

    def _message(self, verb: str, m: dict) -> None:
        where = []
        if m.get("is_topic_message"):
            where.append(f"topic {m['message_thread_id']}")
        elif (m.get("reply_to_message") or {}).get("message_id"):
            where.append(f"reply to [{m['reply_to_message']['message_id']}]")
        head = f"  {verb} [{m['message_id']}]" + (f" ({', '.join(where)})" if where else "")
        self.lines.append(head + ": " + (m.get("text") or "").replace("\n", "\n      "))
        labels = button_texts(m)
        if labels:
            self.lines.append("      [" + "] [".join(labels) + "]")

    def act(self, who: str, what: str, query: dict | None = None, sent: dict | None = None):
        self._catch_up()
        if query is not None:
            self.pressed[query["id"]] = who
        number = f" [{sent['message_id']}]" if sent is not None else ""
        self.lines.append(f"{who}{number}: {what}")

    def text(self) -> str:
        self._catch_up()
        return "\n".join(self.lines)


async def _open_ticket_as_customer(api, alice, log: Transcript) -> None:
    alice.send_text("/start")
    menu = await _bot_says(api, CUSTOMER, lambda m: "Hello, Alice" in m.get("text", ""))
    alice.press(menu, _button(menu, "New ticket"))
    screen = await _bot_says(api, CUSTOMER, lambda m: "Which department" in m.get("text", ""))
    alice.press(screen, _button(screen, "Billing"))
    screen = await _bot_says(api, CUSTOMER, lambda m: "How urgent" in m.get("text", ""))
    alice.press(screen, _button(screen, "high"))
    await _bot_says(api, CUSTOMER, lambda m: "Write the subject" in m.get("text", ""))
    alice.send_text("Charged twice for March")
    await _bot_says(api, CUSTOMER, lambda m: "describe the problem" in m.get("text", ""))
    alice.send_text("My card was charged twice for the March invoice. Please refund one.")
    files = await _bot_says(api, CUSTOMER, lambda m: "Attach" in m.get("text", ""))
    alice.press(files, _button(files, "Skip"))
    summary = await _bot_says(api, CUSTOMER, lambda m: "Your ticket" in m.get("text", ""))
    alice.press(summary, _button(summary, "Send"))
    ack = await _bot_says(api, CUSTOMER, lambda m: "is registered" in m.get("text", ""))
    assert "#1001" in ack["text"]
    log.act("(customer Alice)", "sends the new ticket from the wizard")


@pytest.mark.parametrize("forum", [False, True], ids=["reply-mode", "forum-mode"])
async def test_two_agents_race_the_winner_answers_and_the_customer_replies(
    api, bot_process, forum: bool
):
    # The group exists before start-up, so the start-up getChat learns whether it is a forum.
    ann = api.add_user(ANN, "Ann")
    dan = api.add_user(DAN, "Dan")
    group = api.add_group(
        STAFF, "Support staff", is_forum=forum, members={ann: "member", dan: "member"}
    )
    bot_process.env.update(ADMIN_TOKEN=ADMIN, STAFF_CHAT_ID=str(STAFF))
    log = Transcript(api, STAFF)
    await bot_process.start()
    await _until(api, lambda: any(r.ok for r in api.calls("getChat", STAFF)))
    base = f"http://127.0.0.1:{bot_process.port}/api/v1"
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {ADMIN}"}) as http:
        async with http.post(f"{base}/departments", json={"name": "Billing"}) as response:
            assert response.status == 201, await response.text()
            billing = (await response.json())["id"]
        for telegram_id, name in ((ANN, "Ann"), (DAN, "Dan")):
            agent = {"telegram_id": telegram_id, "name": name, "department_ids": [billing]}
            async with http.post(f"{base}/agents", json=agent) as response:
                assert response.status == 201, await response.text()

        alice = api.add_user(CUSTOMER, "Alice", username="alice", language_code="en")
        await _open_ticket_as_customer(api, alice, log)

        # The card: in the ticket's own topic in a forum, in the main chat otherwise.
        card = await _bot_says(api, STAFF, lambda m: m.get("text", "").startswith("🎫 #1001"))
        assert "Charged twice for March" in card["text"]
        assert "Alice (@alice)" in card["text"] and "🟠 high" in card["text"]
        assert button_texts(card)[0] == "🙋 I'll answer"
        if forum:
            [topic] = group.topics.values()
            assert topic.name == "#1001 Charged twice for March"
            assert card["message_thread_id"] == topic.thread_id
        else:
            assert not group.topics and "message_thread_id" not in card

        # Both press before the bot has handled either.
        data = _button(card, "I'll answer")
        since = api.mark()
        queries = {
            ANN: ann.press(card, data, chat_id=STAFF),
            DAN: dan.press(card, data, chat_id=STAFF),
        }
        log.act("Ann", "presses 🙋 I'll answer", queries[ANN])
        log.act("Dan", "presses 🙋 I'll answer at the same moment", queries[DAN])

        def claim_answers() -> dict[str, str]:
            return {
                r.params["callback_query_id"]: r.params.get("text", "")
                for r in api.calls("answerCallbackQuery")
                if r.index >= since
            }

        await _until(api, lambda: len(claim_answers()) == 2)
        answers = claim_answers()
        async with http.get(f"{base}/tickets", params={"q": "#1001"}) as response:
            [ticket] = (await response.json())["items"]
        agents_by_id = {}
        async with http.get(f"{base}/agents") as response:
            listing = await response.json()
            for a in listing.get("items", listing) if isinstance(listing, dict) else listing:
                agents_by_id[a["id"]] = a
        winner = agents_by_id[ticket["assignee_id"]]
        winner_id = winner["telegram_id"]
        loser_id = DAN if winner_id == ANN else ANN
        assert answers[queries[winner_id]["id"]] == (
            f"You are answering this ticket now, {winner['name']}."
        )
        assert answers[queries[loser_id]["id"]] == (
            f"{winner['name']} is already answering this ticket."
        )
        async with http.get(f"{base}/tickets/{ticket['id']}/events") as response:
            kinds = [e["kind"] for e in await response.json()]
        assert kinds.count("claimed") == 1
        card = await _bot_says(
            api,
            STAFF,
            lambda m: (
                m["message_id"] == card["message_id"]
                and f"Assignee: {winner['name']}" in m.get("text", "")
            ),
        )
        assert "🛠 in progress" in card["text"] and "✅ Resolve" in button_texts(card)

        # The winner answers in the thread; the loser's attempt is not relayed.
        winner_user, loser_user = (ann, dan) if winner_id == ANN else (dan, ann)
        where: dict[str, Any] = (
            {"message_thread_id": card["message_thread_id"]}
            if forum
            else {"reply_to_message_id": card["message_id"]}
        )
        sent = loser_user.send_text("I can take it too", chat_id=STAFF, **where)
        log.act(loser_user.first_name, "writes in the thread: I can take it too", sent=sent)
        await _bot_says(api, STAFF, lambda m: "Not sent to the customer" in m.get("text", ""))
        sent = winner_user.send_text(
            "Sorry about that! The second charge is refunded.", chat_id=STAFF, **where
        )
        log.act(
            winner_user.first_name,
            "writes in the thread: Sorry about that! The second charge is refunded.",
            sent=sent,
        )
        answer = await _bot_says(
            api, CUSTOMER, lambda m: f"answer from {winner['name']}" in m.get("text", "")
        )
        assert answer["text"].startswith("💬 Ticket #1001")
        assert answer["text"].endswith("The second charge is refunded.")
        assert button_texts(answer) == ["↩️ Reply", "👍", "👎"]
        assert not any("take it too" in m.get("text", "") for m in api.bot_messages(CUSTOMER))

        # The customer replies to the answer with Telegram's reply.
        log.act("(customer Alice)", "receives the answer: " + answer["text"].splitlines()[0])
        alice.send_text("Thank you, I see it now.", reply_to_message_id=answer["message_id"])
        log.act("(customer Alice)", "replies to the answer: Thank you, I see it now.")
        relay = await _bot_says(api, STAFF, lambda m: "I see it now" in m.get("text", ""))
        assert relay["text"].startswith("💬 #1001 · Alice (@alice) · ")
        if forum:
            assert relay["message_thread_id"] == card["message_thread_id"]
        else:
            assert relay["reply_to_message"]["message_id"] == card["message_id"]
        card = await _bot_says(
            api,
            STAFF,
            lambda m: m["message_id"] == card["message_id"] and "🛠 in progress" in m["text"],
        )
        async with http.get(f"{base}/tickets/{ticket['id']}/messages") as response:
            conversation = [(m["kind"], m["text"]) for m in await response.json()]
        assert conversation == [
            ("customer", "My card was charged twice for the March invoice. Please refund one."),
            ("agent", "Sorry about that! The second charge is refunded."),
            ("customer", "Thank you, I see it now."),
        ]

        # The winner resolves it from the card; the customer confirms; the card says closed.
        query = winner_user.press(card, _button(card, "Resolve"), chat_id=STAFF)
        log.act(winner_user.first_name, "presses ✅ Resolve", query)
        resolved = await _bot_says(api, CUSTOMER, lambda m: "is resolved" in m.get("text", ""))
        log.act("(customer Alice)", "is asked: " + resolved["text"].splitlines()[0])
        alice.press(resolved, _button(resolved, "Yes, solved"))
        log.act("(customer Alice)", "presses ✅ Yes, solved")
        card = await _bot_says(
            api,
            STAFF,
            lambda m: m["message_id"] == card["message_id"] and "🔒 closed" in m["text"],
        )
        assert button_texts(card) == ["🔓 Reopen"]
        async with http.get(f"{base}/tickets/{ticket['id']}/events") as response:
            kinds = [e["kind"] for e in await response.json()]
        assert kinds == [
            "created",
            "claimed",
            "replied",
            "customer_replied",
            "status_changed",
            "status_changed",
            "closed",
        ]

    print(f"\n--- staff chat, {'forum' if forum else 'reply'} mode ---")
    print(log.text())
    assert api.calls(ok=False) == []
    assert await bot_process.terminate() == 0


async def test_the_first_ticket_after_a_failed_start_up_getchat_gets_its_topic(api, bot_process):
    """Telegram did not answer the start-up getChat, and nobody wrote in the staff chat
    since: the bot asks again before the first card, and the ticket gets its topic."""
    ann = api.add_user(ANN, "Ann")
    group = api.add_group(STAFF, "Support staff", is_forum=True, members={ann: "member"})
    api.fail_next(method="getChat", status=502)
    bot_process.env.update(ADMIN_TOKEN=ADMIN, STAFF_CHAT_ID=str(STAFF))
    log = Transcript(api, STAFF)
    await bot_process.start()
    await _until(api, lambda: any(not r.ok for r in api.calls("getChat", STAFF)))
    base = f"http://127.0.0.1:{bot_process.port}/api/v1"
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {ADMIN}"}) as http:
        async with http.post(f"{base}/departments", json={"name": "Billing"}) as response:
            assert response.status == 201, await response.text()
        alice = api.add_user(CUSTOMER, "Alice", username="alice", language_code="en")
        await _open_ticket_as_customer(api, alice, log)
    card = await _bot_says(api, STAFF, lambda m: m.get("text", "").startswith("🎫 #1001"))
    [topic] = group.topics.values()
    assert topic.name == "#1001 Charged twice for March"
    assert card["message_thread_id"] == topic.thread_id
    assert [r.ok for r in api.calls("getChat", STAFF)] == [False, True]
    assert [r.method for r in api.calls(ok=False)] == ["getChat"]
    assert "not known yet whether it is a forum" in bot_process.logs()
    assert await bot_process.terminate() == 0
