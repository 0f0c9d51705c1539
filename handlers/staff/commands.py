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
from bot.services import lookup, macros, merging, snoozing, staff, staff_desk, tagging, tickets
from bot.ui import staff as ui
from handlers.staff.refusals import FLAG, step
from handlers.staff.replies import notice, ticket_of
from models import Agent, Ticket
from models.enums import NotifyBy


async def template_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    if agent is None:
        return
    ticket = await ticket_of(message)
    if ticket is None:
        await notice(message, ui.outside_ticket())
        return
    shortcut = (command.args or "").strip()
    ticket = await staff_desk.with_customer(ticket)
    if not shortcut:
        await notice(message, await _templates_list(ticket, agent))
        return
    await _send_template(message, ticket, shortcut, agent)


async def _send_template(message: Message, ticket: Ticket, shortcut: str, agent: Agent) -> None:
    template = await staff.template_by_shortcut(shortcut, ticket)
    if template is None:
        await notice(message, ui.template_unknown(shortcut))
        return
    actor = await tickets.agent_actor(agent)
    if not actor.may_act_on(ticket):
        await notice(message, ui.wrong_department())
        return
    await staff.send_template(ticket, template, agent, reply_to=message.message_id)


async def _templates_list(ticket: Ticket, agent: Agent) -> str:
    if not (await tickets.agent_actor(agent)).may_act_on(ticket):
        return ui.wrong_department()
    templates = await staff.templates_for(ticket)
    return ui.templates_list(
        ticket.number, [(t.shortcut, t.title, staff.placeholders_of(t)) for t in templates]
    )


async def duty_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    on = command.command.lower() == "on"
    await staff.set_duty(agent, on)
    await notice(message, ui.duty(on))


async def my_tickets_command(message: Message, agent: Agent | None) -> None:
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    text = ui.queue(ui.my_queue_title(), await staff.my_queue(agent))
    text += ui.snoozed_list(await staff.my_snoozed(agent))
    await notice(message, text)


async def queue_command(message: Message, agent: Agent | None) -> None:
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    text = ui.queue(ui.department_queue_title(), await staff.department_queue(agent))
    await notice(message, text)


async def alert_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    parts = (command.args or "").split(maxsplit=2)
    if len(parts) < 3:
        await notice(message, ui.alert_usage())
        return
    who, kind, text = parts
    ticket = await staff.send_alert(agent, who, kind, text)
    await notice(message, ui.alert_sent(ticket.number))


async def ticket_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/ticket 1042: the ticket's summary, a link to its card and its customer's history."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    number = lookup.parse_number((command.args or "").strip())
    ticket = await lookup.by_number(number, await tickets.agent_actor(agent))
    await notice(message, ui.ticket_summary(ticket), ui.summary_keyboard(ticket))


async def find_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/find text: the matching tickets of the agent's departments, a button each."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    text = " ".join((command.args or "").split())
    found = await lookup.find(text, await tickets.agent_actor(agent))
    reply = ui.found(text, found.tickets, found.total, found.more)
    await notice(message, reply, ui.found_keyboard(found.tickets))


async def merge_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/merge 1042 in a ticket's thread: this ticket goes into #1042."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    ticket = await ticket_of(message)
    if ticket is None:
        await notice(message, ui.merge_usage())
        return
    with step("/merge.number"):
        number = lookup.parse_number(command.args or "")
    actor = await tickets.agent_actor(agent)
    target = await lookup.by_number(number, actor)
    await merging.merge(ticket.id, target.id, actor)


async def split_command(message: Message, agent: Agent | None) -> None:
    """/split in reply to a customer's message: it and their later ones, a new ticket."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    if message.reply_to_message is None or message.reply_to_message.forum_topic_created:
        await notice(message, ui.split_usage())
        return
    actor = await tickets.agent_actor(agent)
    await merging.split_from_copy(message.chat.id, message.reply_to_message.message_id, actor)


async def notify_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/notify private|group: notices about the agent's tickets as a private message
    from the bot, or as a mention in the thread; /notify alone says which is in force.
    Answered in the agent's language (theirs in the desk, else their Telegram one)."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    typed = (command.args or "").strip().lower()
    with speaking(agent.language) if agent.language else nullcontext():
        if typed not in (NotifyBy.PRIVATE.value, NotifyBy.GROUP.value):
            await notice(message, ui.notify_usage(NotifyBy(agent.notify_by)))
            return
        choice = NotifyBy(typed)
        await staff.set_notify_by(agent, choice)
        await notice(message, ui.notify_set(choice, agent.private_chat))


async def snooze_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/snooze 2d (30m, 3h, 1w, 2026-12-24 10:00 UTC) in a ticket's thread."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    ticket = await ticket_of(message)
    typed = " ".join((command.args or "").split())
    if ticket is None or not typed:
        await notice(message, ui.snooze_usage())
        return
    if (actor := await _acting_on(message, ticket, agent)) is not None:
        with step("/snooze.until"):
            until = snoozing.parse(typed, tickets.now())
        await snoozing.snooze(ticket.id, until, actor)


async def unsnooze_command(message: Message, agent: Agent | None) -> None:
    """/unsnooze in a ticket's thread: it is back in the queue now."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    ticket = await ticket_of(message)
    if ticket is None:
        await notice(message, ui.snooze_usage())
        return
    if (actor := await _acting_on(message, ticket, agent)) is None:
        return
    if ticket.snoozed_until is None:
        await notice(message, ui.not_snoozed())
        return
    await snoozing.unsnooze(ticket.id, actor)


async def _acting_on(message: Message, ticket: Ticket, agent: Agent) -> tickets.Actor | None:
    """The agent as the actor on `ticket`; None (and they are told) if it belongs to a
    department they do not work in."""
    actor = await tickets.agent_actor(agent)
    if not actor.may_act_on(ticket):
        await notice(message, ui.wrong_department())
        return None
    return actor


async def tag_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/tag billing urgent (or /untag billing) in a ticket's thread."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    known = [t.name for t in await tagging.all_tags()]
    ticket = await ticket_of(message)
    names = (command.args or "").split()
    if ticket is None or not names:
        await notice(message, ui.tag_usage(known))
        return
    untag = command.command.lower() == "untag"
    await _change_tags(message, ticket, names, agent, untag=untag)


async def _change_tags(
    message: Message, ticket: Ticket, names: list[str], agent: Agent, *, untag: bool
) -> None:
    actor = await tickets.agent_actor(agent)
    wanted = await tagging.by_names(names)
    if untag:
        changed = await tagging.change(ticket.id, actor, remove=wanted)
    else:
        changed = await tagging.change(ticket.id, actor, add=wanted)
    if changed.added or changed.removed:
        await tagging.in_thread(ticket, changed, agent.name)
    else:
        await notice(message, ui.tags_now([t.name for t in changed.tags]))


async def macro_command(message: Message, command: CommandObject, agent: Agent | None) -> None:
    """/macro name in a ticket's thread: the macro's steps, all or nothing."""
    if agent is None:
        await notice(message, ui.not_an_agent())
        return
    ticket = await ticket_of(message)
    name = " ".join((command.args or "").split())
    known = [m.name for m in await macros.for_ticket()]
    if ticket is None or not name:
        await notice(message, ui.macro_usage(known))
        return
    actor = await tickets.agent_actor(agent)
    macro = await macros.by_name(name)
    await macros.apply(ticket.id, macro.id, actor)


def _refusals(name: str) -> dict[str, str]:
    return {FLAG: name}


def router() -> Router:
    r = Router(name="staff.commands")
    r.message.register(template_command, Command("t"), flags=_refusals("/t"))
    r.message.register(duty_command, Command("on", "off"))
    r.message.register(my_tickets_command, Command("mytickets"))
    r.message.register(queue_command, Command("queue"))
    r.message.register(alert_command, Command("alert"), flags=_refusals("/alert"))
    r.message.register(ticket_command, Command("ticket"), flags=_refusals("/ticket"))
    r.message.register(find_command, Command("find"), flags=_refusals("/find"))
    r.message.register(merge_command, Command("merge"), flags=_refusals("/merge"))
    r.message.register(split_command, Command("split"), flags=_refusals("/split"))
    r.message.register(notify_command, Command("notify"))
    r.message.register(snooze_command, Command("snooze"), flags=_refusals("/snooze"))
    r.message.register(unsnooze_command, Command("unsnooze"), flags=_refusals("/unsnooze"))
    r.message.register(tag_command, Command("tag", "untag"), flags=_refusals("/tag"))
    r.message.register(macro_command, Command("macro"), flags=_refusals("/macro"))
    return r
