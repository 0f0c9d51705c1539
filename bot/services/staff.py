"""The staff chat's side of the desk (SPEC §4): who is an agent, claiming with
"I'll answer", duty, queues, canned answers."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime

from tortoise.expressions import Q

from bot.delivery import outbox
from bot.delivery.outbox import CARD_POST, transaction
from bot.i18n import speaking
from bot.services import config, lifecycle, rollups, staff_thread, tickets
from bot.services.errors import Conflict, Forbidden, Invalid, NotFound
from bot.services.scope import joined_transaction
from bot.ui import staff as staff_ui
from models import Agent, Customer, MessageLink, Template, Ticket
from models.enums import AgentRole, NotifyBy, Side

QUEUE_LIMIT = 20
# Telegram user ids are positive and below 2**52.
TELEGRAM_ID_LIMIT = 2**52
ALERT_SUBJECT_LIMIT = 100
_USERNAME = re.compile(r"@?([A-Za-z0-9_]{1,32})")
# Outbox purpose of a card's keyboard swapped for a menu (transfer, priority, ...).
CARD_MENU = "card_menu"


class AlreadyClaimed(Conflict):
    code = "already_claimed"

    def __init__(self, assignee: str) -> None:
        super().__init__(f"the ticket is already taken by {assignee}")
        self.assignee = assignee


class BadAlert(Invalid):
    """An /alert argument that cannot be right; `field` is who, kind or subject."""

    code = "bad_alert"

    def __init__(self, field: str, value: str = "") -> None:
        super().__init__(f"the alert's {field} is not valid", {"field": field})
        self.field = field
        self.value = value


async def agent_for(telegram_id: int) -> Agent | None:
    """The active agent with this Telegram id (a copy of the configuration's: the caller
    may change it)."""
    agent = (await config.snapshot()).agent_by_telegram_id(telegram_id)
    return copy.copy(agent) if agent is not None and agent.active else None


async def claim(ticket_id: int, agent: Agent) -> Ticket:
    """ "I'll answer": under the ticket's lock, so of several agents pressing at once
    exactly one wins; the others learn who has it. Only agents of the ticket's
    department (or admins) may claim."""
    actor = await tickets.agent_actor(agent)
    async with joined_transaction():
        ticket = await tickets.lock(ticket_id)
        if ticket is None:
            raise NotFound("no such ticket")
        if not actor.may_act_on(ticket):
            raise Forbidden("the ticket belongs to another department")
        tickets.not_own(ticket.customer, agent)
        if not lifecycle.may_work_on(ticket.status):
            raise Conflict("the ticket is closed")
        if ticket.assignee_id == agent.id:
            return ticket
        if ticket.assignee is not None:
            raise AlreadyClaimed(ticket.assignee.name)
        # The ticket is locked (and on SQLite the update's transaction holds the write
        # lock since its first insert): no other claim can come between the check above
        # and after_claim's save of the assignee.
        await Agent.filter(id=agent.id).update(last_assigned_at=datetime.now(UTC))
        counted = rollups.track(ticket)  # as it counted: unassigned
        ticket.assignee = (await config.snapshot()).agent(agent.id) or agent
        return await tickets.after_claim(ticket, actor, counted)


async def send_template(
    ticket: Ticket, template: Template, agent: Agent, *, reply_to: int | None = None
) -> None:
    """A canned answer from the staff chat (`ticket` with its customer loaded). An
    unclaimed ticket is claimed first, by compare-and-set: of two agents sending a
    template at once only one answers (the other gets AlreadyClaimed). The thread shows
    the filled text the customer got (as a reply to `reply_to`, the agent's command)."""
    if ticket.assignee_id not in (None, agent.id) and agent.role != AgentRole.ADMIN:
        current = await Agent.get_or_none(id=ticket.assignee_id)
        raise AlreadyClaimed(current.name if current else "?")
    async with transaction():
        if ticket.assignee_id is None and agent.role != AgentRole.ADMIN:
            await claim(ticket.id, agent)
        text = fill(template, ticket, agent)
        answer = await tickets.reply(ticket.id, text, await tickets.agent_actor(agent))
        with speaking(None):
            copy = staff_ui.template_sent(agent.name, template.shortcut, template.title, text)
        # Linked to the answer: a reply to the copy stays in the ticket's thread.
        await staff_thread.in_thread(
            ticket, copy, reply_to=reply_to, message_id=answer.id, side=Side.STAFF
        )


async def customer_by_handle(handle: str) -> Customer:
    """A customer named in a command: Telegram id (digits) or @username."""
    if handle.isascii() and handle.isdigit():
        if len(handle) > 16 or not 0 < int(handle) <= TELEGRAM_ID_LIMIT:
            raise BadAlert("who", handle)
        customer = await Customer.get_or_none(telegram_id=int(handle))
    else:
        match = _USERNAME.fullmatch(handle)
        if match is None:
            raise BadAlert("who", handle)
        customer = await Customer.get_or_none(username__iexact=match.group(1))
    if customer is None:
        raise NotFound(f"no customer {handle}")
    return customer


async def send_alert(agent: Agent, who: str, kind: str, text: str) -> Ticket:
    """/alert: an admin agent starts a ticket towards a customer; the subject is the
    text's first line."""
    if agent.role != AgentRole.ADMIN:
        raise Forbidden("only admins send alerts")
    if kind not in tickets.ALERT_KINDS:
        raise BadAlert("kind", kind)
    customer = await customer_by_handle(who.strip())
    subject = text.strip().splitlines()[0].strip() if text.strip() else ""
    if len(subject) > ALERT_SUBJECT_LIMIT:
        raise BadAlert("subject", subject)
    return await tickets.send_alert(
        customer_id=customer.id,
        kind=kind,
        subject=subject,
        text=text,
        department_id=None,
        priority_id=None,
        actor=await tickets.agent_actor(agent),
    )


async def take_over(ticket_id: int, admin: Agent) -> Ticket:
    """An admin takes a ticket from whoever has it."""
    if admin.role != AgentRole.ADMIN:
        raise Forbidden("only admins take tickets over")
    ticket = await tickets.get_ticket(ticket_id)
    if ticket.assignee_id == admin.id:
        return ticket  # already theirs: nothing to record, nothing to re-render
    return await tickets.assign(ticket_id, admin.id, await tickets.agent_actor(admin))


async def release(ticket_id: int, agent: Agent) -> Ticket:
    ticket = await tickets.get_ticket(ticket_id, await tickets.agent_actor(agent))
    if ticket.assignee_id != agent.id and agent.role != AgentRole.ADMIN:
        raise Forbidden("only the assignee or an admin releases a ticket")
    return await tickets.assign(ticket_id, None, await tickets.agent_actor(agent))


async def set_duty(agent: Agent, on_duty: bool) -> None:
    await Agent.filter(id=agent.id).update(on_duty=on_duty)
    agent.on_duty = on_duty


async def set_notify_by(agent: Agent, choice: NotifyBy) -> None:
    """How the agent is told about their tickets (bot.ui.staff.told_privately)."""
    await Agent.filter(id=agent.id).update(notify_by=choice)
    config.changed()


async def opened_private_chat(telegram_id: int) -> bool:
    """Someone started the bot privately: if an agent, the bot can write to them from
    now on (their private notices). Whether an agent's flag changed."""
    agent = (await config.snapshot()).agent_by_telegram_id(telegram_id)
    if agent is None or agent.private_chat:
        return False
    await Agent.filter(id=agent.id).update(private_chat=True)
    config.changed()
    return True


def _open() -> Q:
    """Open tickets an agent's lists show: statuses an admin hid from the default lists
    (`shown_by_default` off, e.g. "on hold") stay out of /queue and /mytickets, and so do
    snoozed tickets until their time comes (bot.services.snoozing)."""
    return Q(**lifecycle.LISTED_TICKETS)


async def my_queue(agent: Agent) -> list[Ticket]:
    return (
        await Ticket.filter(_open(), assignee_id=agent.id)
        .order_by("created_at")
        .limit(QUEUE_LIMIT)
        .select_related("status", "priority")
    )


async def my_snoozed(agent: Agent) -> list[Ticket]:
    """The agent's snoozed open tickets, the soonest back first (under /mytickets)."""
    return (
        await Ticket.filter(
            assignee_id=agent.id, snoozed_until__isnull=False, **lifecycle.OPEN_TICKETS
        )
        .order_by("snoozed_until", "id")
        .limit(QUEUE_LIMIT)
        .select_related("status", "priority")
    )


async def department_queue(agent: Agent) -> list[Ticket]:
    """Unclaimed open tickets of the agent's departments (every department for admins)."""
    query = Ticket.filter(_open(), assignee_id=None)
    if agent.role != AgentRole.ADMIN:
        query = query.filter(
            department_id__in=await agent.departments.all().values_list("id", flat=True)
        )
    return (
        await query.order_by("-priority__level", "created_at")
        .limit(QUEUE_LIMIT)
        .select_related("status", "priority")
    )


async def templates_for(ticket: Ticket) -> list[Template]:
    """Canned answers for the ticket's department (or any) in the customer's language
    (or any language)."""
    await ticket.fetch_related("customer")
    return (
        await Template.filter(
            Q(department_id=None) | Q(department_id=ticket.department_id),
            Q(language=None) | Q(language=ticket.customer.language or ""),
            active=True,
        )
        .order_by("title", "id")
        .limit(30)
    )


async def template_by_shortcut(shortcut: str, ticket: Ticket) -> Template | None:
    shortcut = shortcut.strip().lstrip("/").lower()
    for template in await templates_for(ticket):
        if template.shortcut.lower() == shortcut:
            return template
    return None


async def search_templates(agent: Agent, query: str, limit: int = 20) -> list[Template]:
    """For inline mode: templates of the agent's departments matching the query."""
    filters = Template.filter(active=True)
    if agent.role != AgentRole.ADMIN:
        departments = await agent.departments.all().values_list("id", flat=True)
        filters = filters.filter(Q(department_id=None) | Q(department_id__in=departments))
    query = query.strip()
    if query:
        filters = filters.filter(
            Q(shortcut__icontains=query) | Q(title__icontains=query) | Q(text__icontains=query)
        )
    return await filters.order_by("title", "id").limit(limit)


PLACEHOLDERS = ("{customer_name}", "{ticket_number}", "{agent_name}")


def placeholders_of(template: Template) -> list[str]:
    """The placeholders a template's text uses, in PLACEHOLDERS' order."""
    return [p for p in PLACEHOLDERS if p in template.text]


def fill(template: Template, ticket: Ticket, agent: Agent) -> str:
    """Placeholders are replaced literally (never str.format on admin text)."""
    values = dict(
        zip(
            PLACEHOLDERS,
            (ticket.customer.display_name, str(ticket.number), agent.name),
            strict=True,
        )
    )
    text = template.text
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


async def ticket_in_chat(chat_id: int, topic_id: int | None, reply_to: int | None) -> Ticket | None:
    """The ticket a staff-chat message belongs to: its forum topic, else the message it
    replies to (the card or any relayed message), by the stored id mapping."""
    if topic_id is not None:
        ticket = (
            await Ticket.filter(staff_chat_id=chat_id, staff_topic_id=topic_id)
            .select_for_update()
            .first()
        )
        if ticket is not None:
            return await tickets.keep_locked(ticket)
    if reply_to is not None:
        ticket = (
            await Ticket.filter(staff_chat_id=chat_id, staff_message_id=reply_to)
            .select_for_update()
            .first()
        )
        if ticket is not None:
            return await tickets.keep_locked(ticket)
        link = await MessageLink.get_or_none(chat_id=chat_id, telegram_message_id=reply_to)
        if link is not None:
            return await tickets.lock(link.ticket_id)
    return None


async def menu_left_open(ticket_id: int) -> bool:
    """Whether the card still shows a menu: no card edit followed the last menu (an
    action that changes nothing on the card is not re-rendered)."""
    latest = await outbox.latest(
        ticket_id=ticket_id, purpose__in=(CARD_MENU, tickets.CARD_PURPOSE, CARD_POST)
    )
    return latest is not None and latest.purpose == CARD_MENU


def may_answer(ticket: Ticket, agent: Agent) -> bool:
    return ticket.assignee_id == agent.id or agent.role == AgentRole.ADMIN


async def is_own(ticket: Ticket, agent: Agent) -> bool:
    """Whether the agent is also this ticket's customer (the same Telegram id)."""
    return await Customer.filter(id=ticket.customer_id, telegram_id=agent.telegram_id).exists()
