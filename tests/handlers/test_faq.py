"""FAQ before a ticket: articles offered in the new-ticket wizard after the category and
after the subject, through the real dispatcher and the fake Bot API, on both databases."""

from __future__ import annotations

from bot.clock import CLOCK
from bot.services import faq
from models import Article, Deflection, Ticket
from tests.handlers.wizard_support import (
    STAFF,
    button,
    current,
    desk_with_staff_chat,
    last,
    press,
    screens,
)
from tests.support import button_texts


async def _open_wizard(env, user, chat_id: int, label: str) -> dict:
    user.send_text("/start")
    await env.step()
    await press(env, user, chat_id, last(env, chat_id), label)
    return last(env, chat_id)


async def _articles(desk) -> dict[str, Article]:
    refund = await Article.create(
        department=desk.billing,
        category=desk.invoices,
        title_en="How to get a refund",
        title_ru="Как вернуть деньги",
        body_en="Open <Billing> & press Refund. The money is back in 3 days.",
        body_ru="Откройте «Оплата» и нажмите «Возврат». Деньги вернутся за 3 дня.",
    )
    twice = await Article.create(
        department=desk.billing,
        title_en="Charged twice for one payment",
        title_ru="Списали оплату дважды",
        body_en="A double charge is a hold by the bank; it disappears within a day.",
        body_ru="Двойное списание - это блокировка банка, она исчезает в течение суток.",
    )
    vpn = await Article.create(
        department=desk.tech,
        title_en="VPN disconnects",
        title_ru="VPN отключается",
        body_en="Update the VPN client.",
        body_ru="Обновите VPN-клиент.",
    )
    hidden = await Article.create(
        department=desk.billing,
        title_en="Charged twice (old)",
        title_ru="Списали дважды (старое)",
        body_en="Outdated.",
        body_ru="Устарело.",
        active=False,
    )
    return {"refund": refund, "twice": twice, "vpn": vpn, "hidden": hidden}


async def test_category_offers_its_article_and_yes_ends_the_wizard(env):
    desk = await desk_with_staff_chat(env)
    articles = await _articles(desk)
    alice = env.api.add_user(501, "Alice", username="alice")
    screen = await _open_wizard(env, alice, 501, "New ticket")
    screen = await press(env, alice, 501, screen, "Billing")
    screen = await press(env, alice, 501, screen, "Invoices")
    # Only the category's own article is offered for the category (titles in English).
    assert "Before you write" in screen["text"]
    assert button_texts(screen) == [
        "📄 How to get a refund",
        "➡️ No, open a ticket",
        "✖️ Cancel",
    ]
    screen = await press(env, alice, 501, screen, "How to get a refund")
    # The body as typed, escaped, with the question below it.
    assert "Open <Billing> & press Refund" in screen["text"]
    assert screen["text"].endswith("Did this solve it?")
    assert button_texts(screen) == ["✅ Yes, thanks", "➡️ No, open a ticket"]
    moment = CLOCK.now()
    screen = await press(env, alice, 501, screen, "Yes, thanks")
    assert "Glad it helped" in screen["text"] and "No ticket was opened" in screen["text"]
    assert "🆕 New ticket" in button_texts(screen)

    assert await Ticket.all().count() == 0
    deflection = await Deflection.get()
    assert deflection.article_id == articles["refund"].id
    assert deflection.department_id == desk.billing.id
    assert deflection.customer_id == desk.alice.id
    assert abs((deflection.created_at - moment).total_seconds()) < 60
    assert env.api.bot_messages(STAFF) == []
    assert env.api.calls(ok=False) == []
    print(screens(env, 501))


async def test_no_goes_on_and_the_subject_offers_matching_articles_in_russian(env):
    desk = await desk_with_staff_chat(env)
    articles = await _articles(desk)
    carl = env.api.add_user(502, "Карл", language_code="ru")
    screen = await _open_wizard(env, carl, 502, "Новая")
    screen = await press(env, carl, 502, screen, "Billing")
    screen = await press(env, carl, 502, screen, "Invoices")
    # Russian titles for a Russian-speaking customer.
    assert button_texts(screen)[0] == "📄 Как вернуть деньги"
    screen = await press(env, carl, 502, screen, "Нет, создать заявку")
    # On with the wizard where it was: the priority.
    assert "Насколько это срочно" in screen["text"]
    screen = await press(env, carl, 502, screen, "обычный")
    # Another word form than the article's title ("списали" / "списание", "дважды").
    carl.send_text("Списание дважды за один счёт")
    await env.step()
    offer = last(env, 502)
    labels = button_texts(offer)
    # The matching article of the department (for every category); not the refund one
    # declined already, not the inactive one, not another department's.
    assert labels == ["📄 Списали оплату дважды", "➡️ Нет, создать заявку", "✖️ Отмена"]
    opened = await press(env, carl, 502, offer, "Списали оплату дважды")
    assert "блокировка банка" in opened["text"] and "Это решило вопрос?" in opened["text"]
    screen = await press(env, carl, 502, opened, "Нет, создать заявку")
    assert "опишите" in screen["text"].lower()
    # Nothing lost: the subject is kept, the ticket is sent as before.
    carl.send_text("Пришло два списания")
    await env.step()
    screen = await press(env, carl, 502, last(env, 502), "Пропустить")
    screen = await press(env, carl, 502, screen, "Отправить")
    ticket = await Ticket.get()
    assert ticket.subject == "Списание дважды за один счёт"
    assert ticket.category_id == desk.invoices.id
    assert await Deflection.all().count() == 0
    assert articles["twice"].id  # offered above by its Russian title
    assert env.api.calls(ok=False) == []


async def test_subject_without_a_match_shows_no_extra_message(env):
    desk = await desk_with_staff_chat(env)
    await _articles(desk)
    alice = env.api.add_user(501, "Alice", username="alice")
    screen = await _open_wizard(env, alice, 501, "New ticket")
    screen = await press(env, alice, 501, screen, "Tech")
    screen = await press(env, alice, 501, screen, "normal")
    before = len(env.api.bot_messages(501))
    alice.send_text("Printer on floor 2 jams")
    await env.step()
    # Straight to the description: one new message, the next step.
    assert len(env.api.bot_messages(501)) == before + 1
    assert "describe the problem" in last(env, 501)["text"]
    assert "Before you write" not in "".join(m["text"] for m in env.api.bot_messages(501))


async def test_subject_matches_english_words_and_yes_counts_per_article(env):
    desk = await desk_with_staff_chat(env)
    articles = await _articles(desk)
    alice = env.api.add_user(501, "Alice", username="alice")
    screen = await _open_wizard(env, alice, 501, "New ticket")
    screen = await press(env, alice, 501, screen, "Tech")
    screen = await press(env, alice, 501, screen, "normal")
    alice.send_text("My VPN keeps disconnecting")
    await env.step()
    offer = last(env, 501)
    assert button_texts(offer)[0] == "📄 VPN disconnects"
    opened = await press(env, alice, 501, offer, "VPN disconnects")
    yes = button(opened, "Yes, thanks")
    done = await press(env, alice, 501, opened, "Yes, thanks")
    assert "Glad it helped" in done["text"]
    # A stale tap on the old screen's buttons changes nothing more.
    alice.press(opened, yes, forged=True)
    await env.step()
    assert await Deflection.all().count() == 1
    stats = await faq.deflection_stats()
    assert stats.total == 1
    assert [(r.id, r.deflections) for r in stats.by_article] == [(articles["vpn"].id, 1)]
    assert [(r.id, r.deflections) for r in stats.by_department] == [(desk.tech.id, 1)]
    assert current(env, 501, opened["message_id"])["text"] == done["text"]


async def test_forged_article_buttons_change_nothing(env):
    desk = await desk_with_staff_chat(env)
    articles = await _articles(desk)
    alice = env.api.add_user(501, "Alice", username="alice")
    screen = await _open_wizard(env, alice, 501, "New ticket")
    screen = await press(env, alice, 501, screen, "Billing")
    screen = await press(env, alice, 501, screen, "Invoices")
    draft = button(screen, "How to get a refund").split(":")[1]
    # An article that was not offered (another department's) and an inactive one.
    for article in (articles["vpn"], articles["hidden"]):
        for action in ("art", "yes"):
            alice.press(screen, f"w:{draft}:{action}:{article.id}", forged=True)
            await env.step()
    assert await Deflection.all().count() == 0
    assert current(env, 501, screen["message_id"])["text"] == screen["text"]
    alerts = [c for c in env.api.calls("answerCallbackQuery") if c.params.get("show_alert")]
    assert len(alerts) == 4


async def test_a_long_article_fits_one_message(env):
    desk = await desk_with_staff_chat(env)
    await Article.create(
        department=desk.billing,
        category=desk.invoices,
        title_en="Everything about invoices",
        title_ru="Всё о счетах",
        body_en="<b>Invoices</b> & more. " * 400,  # ~9,600 characters, tags typed literally
        body_ru="Счета. " * 800,
    )
    alice = env.api.add_user(501, "Alice", username="alice")
    screen = await _open_wizard(env, alice, 501, "New ticket")
    screen = await press(env, alice, 501, screen, "Billing")
    screen = await press(env, alice, 501, screen, "Invoices")
    opened = await press(env, alice, 501, screen, "Everything about invoices")
    assert len(opened["text"]) <= 4096
    assert opened["text"].startswith("Everything about invoices\n\n<b>Invoices</b> & more.")
    assert "…" in opened["text"] and opened["text"].endswith("Did this solve it?")
    assert button_texts(opened) == ["✅ Yes, thanks", "➡️ No, open a ticket"]
    assert env.api.calls(ok=False) == []
