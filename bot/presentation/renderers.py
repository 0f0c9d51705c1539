"""The renderers of the domain's notices (bot.services.notices): each lays out what a
notice tells - in whose language, to which chat, with which buttons - and queues the
outbox rows, inside the transaction that emitted it. Those that need the process
configuration (the staff chat and attachments directory it falls back to) are
registered with it, bound (install)."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from bot.config import Settings
from bot.delivery import outbox
from bot.i18n import speaking
from bot.presentation import staff_thread
from bot.presentation.card import refresh_card
from bot.presentation.customer import send_files, tell_customer, upload_files
from bot.services import lifecycle
from bot.services import notices as n
from bot.services.staff_chats import staff_chat_for
from bot.ui import keyboards, texts
from bot.ui import staff as staff_ui
from bot.ui.html import escape
from models.enums import Side, SlaState


async def card_changed(notice: n.CardChanged) -> None:
    await refresh_card(notice.ticket)


async def ticket_created(process: Settings, notice: n.TicketCreated) -> None:
    await staff_thread.post_card(notice.ticket, notice.first, notice.files, process)


async def alert_sent(notice: n.AlertSent) -> None:
    ticket = notice.ticket
    await tell_customer(
        ticket,
        lambda: texts.alert_message(ticket.number, notice.kind, notice.subject, notice.text),
        message_id=notice.message.id,
    )
    if notice.files and not ticket.customer.banned:
        assert notice.attachments_dir is not None
        await upload_files(ticket, notice.message, notice.files, notice.attachments_dir)


async def ticket_registered(notice: n.TicketRegistered) -> None:
    ticket = notice.ticket
    customer = ticket.customer
    with speaking(customer.language):
        text = texts.ticket_registered(ticket.number)
        markup = keyboards.after_submit(ticket.id)
    # Linked to the first message: a Telegram reply to it adds to the ticket.
    await outbox.send_text(
        customer.telegram_id,
        text,
        reply_markup=markup,
        ticket_id=ticket.id,
        message_id=notice.first.id,
        side=Side.CUSTOMER,
        dedupe_key=notice.dedupe_key,
        key_unused=True,
    )


async def closed_hours(notice: n.ClosedHours) -> None:
    ticket = notice.ticket
    customer = ticket.customer
    with speaking(customer.language):
        text = texts.closed_now(texts.opening_time(notice.opens, notice.now))
    await outbox.send_text(
        customer.telegram_id,
        text,
        ticket_id=ticket.id,
        side=Side.CUSTOMER,
        dedupe_key=notice.dedupe_key,
    )


async def agent_answered(notice: n.AgentAnswered) -> None:
    ticket, message = notice.ticket, notice.message
    await tell_customer(
        ticket,
        lambda: texts.agent_answer(
            ticket.number, notice.agent_name or texts.support_team(), notice.text
        ),
        message_id=message.id,
        buttons=lambda: keyboards.answer(ticket.id, message.id),
    )
    await send_files(ticket, message, notice.files)


async def customer_message_received(process: Settings, notice: n.CustomerMessageReceived) -> None:
    await staff_thread.relay_customer_message(notice.ticket, notice.message, notice.files, process)


async def ticket_transferred(process: Settings, notice: n.TicketTransferred) -> None:
    ticket = notice.ticket
    department = ticket.department.name
    await tell_customer(ticket, lambda: texts.ticket_transferred(ticket.number, department))
    await refresh_card(ticket)
    await staff_thread.transferred(ticket, notice.before, notice.by, process)


async def ticket_status_changed(notice: n.TicketStatusChanged) -> None:
    ticket = notice.ticket
    status, number, told = ticket.status, ticket.number, notice.customer_notice
    if told == lifecycle.CustomerNotice.RESOLVED:
        await tell_customer(
            ticket,
            lambda: texts.ticket_resolved(number),
            buttons=lambda: keyboards.confirm_resolution(ticket.id),
        )
    elif told == lifecycle.CustomerNotice.CLOSED:
        # Closed by the customer's own Confirm, the CSAT question follows there.
        rate = notice.ask_rating
        await tell_customer(
            ticket,
            lambda: texts.ticket_closed(number) + ("\n\n" + texts.csat_question() if rate else ""),
            buttons=(lambda: keyboards.csat(ticket.id)) if rate else None,
        )
    elif told == lifecycle.CustomerNotice.REOPENED:
        await tell_customer(ticket, lambda: texts.ticket_reopened(number))
    elif told == lifecycle.CustomerNotice.STATUS_CHANGED:
        # (A change the customer caused by writing needs no notice to them.)
        name = status.name_in(ticket.customer.language)
        await tell_customer(ticket, lambda: texts.ticket_status_changed(number, name))
    await staff_thread.status_changed(
        ticket, notice.previous, notice.kind, by_customer=notice.by_customer
    )
    await refresh_card(ticket)


async def customer_chose_status(notice: n.CustomerChoseStatus) -> None:
    await staff_thread.customer_chose_status(notice.ticket)


async def answer_rated(notice: n.AnswerRated) -> None:
    await staff_thread.answer_rated(notice.ticket, notice.answer)


async def ticket_rated(notice: n.TicketRated) -> None:
    await staff_thread.ticket_rated(notice.ticket, score=notice.score, comment=notice.comment)


async def template_sent(notice: n.TemplateSent) -> None:
    with speaking(None):
        copy = staff_ui.template_sent(notice.by, notice.shortcut, notice.title, notice.text)
    # Linked to the answer: a reply to the copy stays in the ticket's thread.
    await staff_thread.in_thread(
        notice.ticket,
        copy,
        reply_to=notice.reply_to,
        message_id=notice.answer.id,
        side=Side.STAFF,
    )


async def macro_applied(notice: n.MacroApplied) -> None:
    with speaking(None):
        text = staff_ui.macro_applied(notice.macro.name, notice.by)
    await staff_thread.in_thread(notice.ticket, text)


async def tags_changed(notice: n.TagsChanged) -> None:
    with speaking(None):
        text = staff_ui.tags_changed(list(notice.added), list(notice.removed), notice.by)
    await staff_thread.in_thread(notice.ticket, text)


async def snoozed(notice: n.Snoozed) -> None:
    ticket = notice.ticket
    with speaking(None):
        text = staff_ui.snoozed(ticket.number, notice.by, staff_ui.moment(notice.until))
    await staff_thread.in_thread(ticket, text)


async def woken(notice: n.Woken) -> None:
    ticket = notice.ticket
    with speaking(None):
        if notice.reason in ("agent", "merge"):
            text = staff_ui.unsnoozed(ticket.number, notice.by)
        else:
            text = staff_ui.snooze_over(ticket.number, notice.reason == "customer") + staff_ui.to(
                await staff_thread.assignee_of(ticket)
            )
    await staff_thread.in_thread(ticket, text)


async def merged(notice: n.Merged) -> None:
    source, target = notice.source, notice.target
    with speaking(None):
        into_notice = staff_ui.merged_into(source.number, target.number, notice.by)
        here_notice = staff_ui.merged_here(source.number, source.subject, notice.by, notice.moved)
    await staff_thread.in_thread(source, into_notice)
    await staff_thread.in_thread(target, here_notice)
    await refresh_card(source)
    await refresh_card(target)
    await tell_customer(source, lambda: texts.ticket_merged(source.number, target.number))


async def split(notice: n.Split) -> None:
    source, ticket = notice.source, notice.ticket
    with speaking(None):
        text = staff_ui.split_off(notice.count, ticket.number, notice.by)
    await staff_thread.in_thread(source, text)
    await tell_customer(
        ticket, lambda: texts.ticket_split(source.number, ticket.number, ticket.subject)
    )


async def customer_erased(notice: n.CustomerErased) -> None:
    """The staff card shows the ticket without the customer; a forum topic loses the
    subject from its name."""
    ticket = notice.ticket
    if ticket.staff_chat_id is None:
        return
    await refresh_card(ticket)
    if ticket.staff_topic_id is not None:
        await ticket.fetch_related("status")
        await outbox.enqueue(
            "editForumTopic",
            ticket.staff_chat_id,
            # (the subject is gone by now: the number, and ✅ if it is solved)
            {
                "message_thread_id": ticket.staff_topic_id,
                "name": staff_thread.ticket_topic_name(ticket),
            },
            ticket_id=ticket.id,
        )


def _announcement(
    number: int, what: str, due: datetime, state: SlaState, language: str | None = None
) -> str:
    with speaking(language):
        label = staff_ui.first_response() if what == "first_response" else staff_ui.resolution()
        when = due.strftime("%d.%m %H:%M UTC")
        if state == SlaState.BREACHED:
            return staff_ui.sla_breached(number, label, when)
        return staff_ui.sla_warning(number, label, when)


async def sla_announced(process: Settings, notice: n.SlaAnnounced) -> None:
    ticket, what, due, state = notice.ticket, notice.what, notice.due, notice.state
    key = notice.dedupe_key
    chat_id = notice.chat_id or await staff_chat_for(ticket.department, process)
    target = await staff_thread.card_target(ticket)
    assignee = await staff_thread.assignee_of(ticket)
    if chat_id is not None:
        await outbox.send_text(
            chat_id,
            _announcement(ticket.number, what, due, state) + staff_ui.to(assignee),
            reply_to=target if ticket.staff_chat_id == chat_id else None,
            message_thread_id=await staff_thread.thread_of(ticket),
            ticket_id=ticket.id,
            dedupe_key=key,
        )
    await staff_thread.tell_privately(
        ticket,
        assignee,
        lambda: _announcement(
            ticket.number, what, due, state, assignee.language if assignee else None
        ),
        dedupe_key=f"{key}:private",
    )


async def lead_alerted(notice: n.LeadAlerted) -> None:
    ticket, lead = notice.ticket, notice.lead
    with speaking(None):
        text = staff_ui.escalated_to_lead(ticket.number, staff_ui.addressed(lead))
    await staff_thread.in_thread(ticket, text)
    await staff_thread.tell_privately(
        ticket, lead, lambda: staff_ui.escalated_to_lead(ticket.number, escape(lead.name))
    )


async def escalated(notice: n.Escalated) -> None:
    ticket, agent = notice.ticket, notice.agent
    with speaking(None):
        text = (
            staff_ui.escalated_to_agent(ticket.number, staff_ui.addressed(agent))
            if agent is not None
            else staff_ui.escalated_to_queue(ticket.number)
        )
    await staff_thread.in_thread(ticket, text)
    if agent is not None:
        await staff_thread.tell_privately(
            ticket, agent, lambda: staff_ui.escalated_to_agent(ticket.number, escape(agent.name))
        )


async def escalation_refused(notice: n.EscalationRefused) -> None:
    ticket = notice.ticket
    with speaking(None):
        text = staff_ui.not_possible(notice.reason)
    await staff_thread.in_thread(ticket, f"⏫ #{ticket.number}: {text}")


def team_name(language: str | None) -> str:
    with speaking(language):
        return texts.support_team()


def install(process: Settings) -> None:
    """Registers every renderer (the notices' presentation for Telegram); those that
    fall back to the process configuration get `process`."""
    n.register_team_name(team_name)
    n.register(n.CardChanged, card_changed)
    n.register(n.TicketCreated, partial(ticket_created, process))
    n.register(n.AlertSent, alert_sent)
    n.register(n.TicketRegistered, ticket_registered)
    n.register(n.ClosedHours, closed_hours)
    n.register(n.AgentAnswered, agent_answered)
    n.register(n.CustomerMessageReceived, partial(customer_message_received, process))
    n.register(n.TicketTransferred, partial(ticket_transferred, process))
    n.register(n.TicketStatusChanged, ticket_status_changed)
    n.register(n.CustomerChoseStatus, customer_chose_status)
    n.register(n.AnswerRated, answer_rated)
    n.register(n.TicketRated, ticket_rated)
    n.register(n.TemplateSent, template_sent)
    n.register(n.MacroApplied, macro_applied)
    n.register(n.TagsChanged, tags_changed)
    n.register(n.Snoozed, snoozed)
    n.register(n.Woken, woken)
    n.register(n.Merged, merged)
    n.register(n.Split, split)
    n.register(n.CustomerErased, customer_erased)
    n.register(n.SlaAnnounced, partial(sla_announced, process))
    n.register(n.LeadAlerted, lead_alerted)
    n.register(n.Escalated, escalated)
    n.register(n.EscalationRefused, escalation_refused)
