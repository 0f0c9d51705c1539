"""Staff chat commands: /t (canned answer), /on and /off (duty), /mytickets, /queue,
/alert (an admin starts a ticket towards a customer), /ticket N, /find text and
/merge N (this ticket into #N), /split (in reply to a customer's message),
/notify private|group (how the agent is told about their tickets), /snooze 2d and
/unsnooze, /tag and /untag (a ticket's tags) and /macro name in a ticket's thread."""

from __future__ import annotations

from contextlib import nullcontext

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.i18n import speaking
from bot.services import lookup, macros, merging, snoozing, staff, tagging, tickets
from bot.services.errors import DomainError, Forbidden, Invalid, NotFound
from bot.ui import staff as ui
from handlers.staff.messages import _notice, _ticket_of
from models import Agent, Ticket
from models.enums import NotifyBy


async def template_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    if agent is None:
        return
    ticket = await _ticket_of(message)
    if ticket is None:
        await _notice(message, ui.outside_ticket())
        return
    shortcut = (command.args or "").strip()
    await ticket.fetch_related("customer")
    if not shortcut:
        await _notice(message, await _templates_list(ticket, agent))
        return
    template = await staff.template_by_shortcut(shortcut, ticket)
    if template is None:
        await _notice(message, ui.template_unknown(shortcut))
        return
    actor = await tickets.agent_actor(agent)
    if not actor.may_act_on(ticket):
        await _notice(message, ui.wrong_department())
        return
    try:
        await staff.send_template(ticket, template, agent, reply_to=message.message_id)
    except staff.AlreadyClaimed as exc:
        await _notice(message, ui.only_assignee(exc.assignee))
    except tickets.OwnTicket:
        await _notice(message, ui.own_ticket())
    except DomainError as exc:
        await _notice(message, ui.not_possible(exc.message))


async def _templates_list(ticket: Ticket, agent: Agent) -> str:
    if not (await tickets.agent_actor(agent)).may_act_on(ticket):
        return ui.wrong_department()
    templates = await staff.templates_for(ticket)
    return ui.templates_list(
        ticket.number, [(t.shortcut, t.title, staff.placeholders_of(t)) for t in templates]
    )


async def duty_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    on = command.command.lower() == "on"
    await staff.set_duty(agent, on)
    await _notice(message, ui.duty(on))


async def queue_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    if command.command.lower() == "mytickets":
        text = ui.queue(ui.my_queue_title(), await staff.my_queue(agent))
        text += ui.snoozed_list(await staff.my_snoozed(agent))
    else:
        text = ui.queue(ui.department_queue_title(), await staff.department_queue(agent))
    await _notice(message, text)


async def alert_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    parts = (command.args or "").split(maxsplit=2)
    if len(parts) < 3:
        await _notice(message, ui.alert_usage())
        return
    who, kind, text = parts
    try:
        ticket = await staff.send_alert(agent, who, kind, text)
    except staff.BadAlert as exc:
        await _notice(message, _bad_alert(exc))
        return
    except NotFound:
        await _notice(message, ui.alert_no_customer(who.lstrip("@")))
        return
    except tickets.OwnTicket:
        await _notice(message, ui.own_ticket())
        return
    except Forbidden:
        await _notice(message, ui.only_admins_alert())
        return
    except DomainError as exc:
        await _notice(message, ui.not_possible(exc.message))
        return
    await _notice(message, ui.alert_sent(ticket.number))


def _bad_alert(exc: staff.BadAlert) -> str:
    if exc.field == "kind":
        return ui.alert_kind_unknown(exc.value, tickets.ALERT_KINDS)
    if exc.field == "subject":
        return ui.alert_subject_too_long(staff.ALERT_SUBJECT_LIMIT)
    return ui.alert_not_a_customer(exc.value)


async def ticket_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/ticket 1042: the ticket's summary, a link to its card and its customer's history."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    typed = (command.args or "").strip()
    try:
        number = lookup.parse_number(typed)
    except Invalid:
        await _notice(message, ui.ticket_usage())
        return
    try:
        ticket = await lookup.by_number(number, await tickets.agent_actor(agent))
    except NotFound:
        await _notice(message, ui.ticket_not_found(typed.removeprefix("#")))
        return
    await _notice(message, ui.ticket_summary(ticket), ui.summary_keyboard(ticket))


async def find_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/find text: the matching tickets of the agent's departments, a button each."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    text = " ".join((command.args or "").split())
    try:
        found = await lookup.find(text, await tickets.agent_actor(agent))
    except Invalid:
        await _notice(message, ui.find_usage())
        return
    await _notice(
        message,
        ui.found(text, found.tickets, found.total, found.more),
        ui.found_keyboard(found.tickets),
    )


async def merge_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/merge 1042 in a ticket's thread: this ticket goes into #1042."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    ticket = await _ticket_of(message)
    typed = (command.args or "").strip()
    try:
        number = lookup.parse_number(typed)
    except Invalid:
        number = None
    if ticket is None or number is None:
        await _notice(message, ui.merge_usage())
        return
    actor = await tickets.agent_actor(agent)
    try:
        target = await lookup.by_number(number, actor)
        await merging.merge(ticket.id, target.id, actor)
    except NotFound:
        await _notice(message, ui.ticket_not_found(typed.removeprefix("#")))
    except DomainError as exc:
        await _notice(message, ui.not_possible(exc.message))


async def split_command(message: Message, agent: Agent | None) -> None:
    """/split in reply to a customer's message: it and their later ones, a new ticket."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    if message.reply_to_message is None or message.reply_to_message.forum_topic_created:
        await _notice(message, ui.split_usage())
        return
    actor = await tickets.agent_actor(agent)
    try:
        await merging.split_from_copy(message.chat.id, message.reply_to_message.message_id, actor)
    except Invalid:
        await _notice(message, ui.split_usage())
    except NotFound:
        await _notice(message, ui.wrong_department())
    except DomainError as exc:
        await _notice(message, ui.not_possible(exc.message))


async def notify_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/notify private|group: notices about the agent's tickets as a private message
    from the bot, or as a mention in the thread; /notify alone says which is in force.
    Answered in the agent's language (theirs in the desk, else their Telegram one)."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    typed = (command.args or "").strip().lower()
    with speaking(agent.language) if agent.language else nullcontext():
        if typed not in (NotifyBy.PRIVATE.value, NotifyBy.GROUP.value):
            await _notice(message, ui.notify_usage(NotifyBy(agent.notify_by)))
            return
        choice = NotifyBy(typed)
        await staff.set_notify_by(agent, choice)
        await _notice(message, ui.notify_set(choice, agent.private_chat))


async def snooze_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/snooze 2d (30m, 3h, 1w, 2026-12-24 10:00 UTC) in a ticket's thread."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    ticket = await _ticket_of(message)
    typed = " ".join((command.args or "").split())
    if ticket is None or not typed:
        await _notice(message, ui.snooze_usage())
        return
    actor = await tickets.agent_actor(agent)
    if not actor.may_act_on(ticket):
        await _notice(message, ui.wrong_department())
        return
    try:
        until = snoozing.parse(typed, tickets.now())
    except snoozing.BadSnooze as exc:
        await _notice(message, ui.snooze_bad(typed, exc.reason))
        return
    try:
        await snoozing.snooze(ticket.id, until, actor)
    except NotFound:
        await _notice(message, ui.wrong_department())
    except DomainError as exc:
        await _notice(message, ui.not_possible(exc.message))


async def unsnooze_command(message: Message, agent: Agent | None) -> None:
    """/unsnooze in a ticket's thread: it is back in the queue now."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    ticket = await _ticket_of(message)
    if ticket is None:
        await _notice(message, ui.snooze_usage())
        return
    actor = await tickets.agent_actor(agent)
    if not actor.may_act_on(ticket):
        await _notice(message, ui.wrong_department())
        return
    if ticket.snoozed_until is None:
        await _notice(message, ui.not_snoozed())
        return
    try:
        await snoozing.unsnooze(ticket.id, actor)
    except DomainError as exc:
        await _notice(message, ui.not_possible(exc.message))


async def tag_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/tag billing urgent (or /untag billing) in a ticket's thread."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    known = [t.name for t in await tagging.all_tags()]
    ticket = await _ticket_of(message)
    names = (command.args or "").split()
    if ticket is None or not names:
        await _notice(message, ui.tag_usage(known))
        return
    actor = await tickets.agent_actor(agent)
    try:
        wanted = await tagging.by_names(names)
        if command.command.lower() == "untag":
            changed = await tagging.change(ticket.id, actor, remove=wanted)
        else:
            changed = await tagging.change(ticket.id, actor, add=wanted)
    except tagging.UnknownTags as exc:
        await _notice(message, ui.tags_unknown(exc.names, known))
        return
    except NotFound:
        await _notice(message, ui.wrong_department())
        return
    except DomainError as exc:
        await _notice(message, ui.not_possible(exc.message))
        return
    if changed.added or changed.removed:
        await tagging.in_thread(ticket, changed, agent.name)
    else:
        await _notice(message, ui.tags_now([t.name for t in changed.tags]))


async def macro_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/macro name in a ticket's thread: the macro's steps, all or nothing."""
    if agent is None:
        await _notice(message, ui.not_an_agent())
        return
    ticket = await _ticket_of(message)
    name = " ".join((command.args or "").split())
    known = [m.name for m in await macros.for_ticket()]
    if ticket is None or not name:
        await _notice(message, ui.macro_usage(known))
        return
    actor = await tickets.agent_actor(agent)
    try:
        macro = await macros.by_name(name)
        await macros.apply(ticket.id, macro.id, actor)
    except macros.UnknownMacro:
        await _notice(message, ui.macro_unknown(name, known))
    except NotFound:
        await _notice(message, ui.wrong_department())
    except staff.AlreadyClaimed as exc:
        await _notice(message, ui.macro_refused(ui.already_claimed(exc.assignee)))
    except tickets.OwnTicket:
        await _notice(message, ui.macro_refused(ui.own_ticket()))
    except DomainError as exc:
        await _notice(message, ui.macro_refused(exc.message))


def router() -> Router:
    r = Router(name="staff.commands")
    r.message.register(template_command, Command("t"))
    r.message.register(duty_command, Command("on", "off"))
    r.message.register(queue_command, Command("mytickets", "queue"))
    r.message.register(alert_command, Command("alert"))
    r.message.register(ticket_command, Command("ticket"))
    r.message.register(find_command, Command("find"))
    r.message.register(merge_command, Command("merge"))
    r.message.register(split_command, Command("split"))
    r.message.register(notify_command, Command("notify"))
    r.message.register(snooze_command, Command("snooze"))
    r.message.register(unsnooze_command, Command("unsnooze"))
    r.message.register(tag_command, Command("tag", "untag"))
    r.message.register(macro_command, Command("macro"))
    return r
