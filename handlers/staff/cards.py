"""The buttons on a ticket card: I'll answer, release, resolve, close, reopen, the
transfer / priority / status / template / merge / snooze / tags / macros menus (shown in the card's
keyboard) and the customer's history; and a ticket's button in /find's list (its summary)."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery, Message

from bot.delivery import outbox
from bot.services import (
    customer_tickets,
    lookup,
    macros,
    merging,
    snoozing,
    staff,
    tagging,
    tickets,
)
from bot.services.errors import DomainError, Forbidden, NotFound
from bot.ui import staff as ui
from bot.ui.callbacks import StaffCb
from handlers.staff.messages import _notice
from models import Agent, Department, Status, Ticket
from models.enums import AgentRole, SettableBy


async def _menu(ticket: Ticket, which: int, agent: Agent):
    if which == 1:
        departments = [d for d in await Department.filter(active=True).order_by("order", "id")]
        return ui.departments_menu(ticket, departments)
    if which == 2:
        return ui.priorities_menu(ticket, await customer_tickets.priorities())
    if which == 3:
        statuses = await Status.filter(
            available=True, settable_by__in=[SettableBy.ALL, SettableBy.AGENTS]
        ).order_by("order", "id")
        return ui.statuses_menu(ticket, statuses)
    if which == 5:
        return ui.merge_menu(ticket, await merging.candidates(ticket, agent))
    if which == 6:
        return ui.snooze_menu(ticket)
    if which == 7:
        on = {t.id for t in (await tagging.tags_of([ticket.id]))[ticket.id]}
        return ui.tags_menu(ticket, await tagging.all_tags(), on)
    if which == 8:
        return ui.macros_menu(ticket, await macros.for_ticket())
    return ui.templates_menu(ticket, await staff.templates_for(ticket))


MENU_CHOICES = frozenset({"agent", "prio", "status", "tpl", "merge", "snooze", "unsnooze", "macro"})


async def _show_keyboard(query: CallbackQuery, ticket: Ticket, markup) -> None:
    assert isinstance(query.message, Message)
    await outbox.edit_markup(
        query.message.chat.id,
        query.message.message_id,
        markup,
        ticket_id=ticket.id,
        purpose=staff.CARD_MENU,
    )


async def card_button(query: CallbackQuery, callback_data: StaffCb, agent: Agent | None) -> None:
    if agent is None:
        await query.answer(ui.not_an_agent(), show_alert=True)
        return
    if not isinstance(query.message, Message):
        await query.answer()
        return
    actor = await tickets.agent_actor(agent)
    action, value = callback_data.a, callback_data.v
    try:
        ticket = await tickets.held_ticket(callback_data.t, actor)
    except NotFound:
        await query.answer(ui.wrong_department(), show_alert=True)
        return
    notice: str | None = None
    try:
        if action == "claim":
            await staff.claim(ticket.id, agent)
            notice = ui.claimed_alert(agent.name)
        elif action == "take":
            await staff.take_over(ticket.id, agent)
            notice = ui.claimed_alert(agent.name)
        elif action == "release":
            await staff.release(ticket.id, agent)
        elif action == "resolve":
            await tickets.resolve(ticket.id, actor)
        elif action == "close":
            await tickets.close(ticket.id, actor)
        elif action == "reopen":
            await tickets.reopen(ticket.id, actor)
        elif action == "menu":
            await _show_keyboard(query, ticket, await _menu(ticket, value, agent))
        elif action == "back":
            await _show_keyboard(query, ticket, ui.card_keyboard(ticket))
        elif action == "dep":
            department = await Department.get_or_none(id=value, active=True)
            if department is None:
                raise NotFound("no such department")
            agents = await Agent.filter(
                active=True, departments__id=department.id, role=AgentRole.AGENT
            ).order_by("name")
            await _show_keyboard(query, ticket, ui.agents_menu(ticket, department.id, agents))
        elif action == "agent":
            await tickets.transfer(ticket.id, callback_data.w, value or None, actor)
        elif action == "prio":
            await tickets.set_priority(ticket.id, value, actor)
        elif action == "status":
            if value != ticket.status_id:
                await tickets.set_status(ticket.id, value, actor)
        elif action == "merge":
            await merging.merge(ticket.id, value, actor)
            notice = ui.merged_alert()
        elif action == "show":
            await _notice(query.message, ui.ticket_summary(ticket), ui.summary_keyboard(ticket))
        elif action == "hist":
            history = await lookup.customer_history(ticket.customer_id, actor)
            await _notice(query.message, ui.customer_history(history), None)
        elif action == "snooze":
            until = snoozing.preset(value, tickets.now())
            await snoozing.snooze(ticket.id, until, actor)
            notice = ui.snoozed_alert(ui.moment(until))
        elif action == "unsnooze":
            await snoozing.unsnooze(ticket.id, actor)
            notice = ui.unsnoozed_alert()
        elif action == "tag":
            changed = await tagging.toggle(ticket.id, value, actor)
            await tagging.in_thread(ticket, changed, agent.name)
            on = {t.id for t in changed.tags}
            tag = next(iter(changed.added or changed.removed), None)
            notice = ui.tag_toggled(tag.name, tag.id in on) if tag is not None else None
            # The menu stays open for the next toggle, showing the ticket's tags now.
            fresh = await tickets.get_ticket(ticket.id)
            await _show_keyboard(query, fresh, ui.tags_menu(fresh, await tagging.all_tags(), on))
        elif action == "macro":
            applied = await macros.apply(ticket.id, value, actor)
            notice = ui.macro_done(applied.macro.name)
        elif action == "tpl":
            await _send_template(ticket, value, agent)
            notice = ui.sent_to_customer()
        else:
            raise NotFound("unknown action")
        if action in MENU_CHOICES and await staff.menu_left_open(ticket.id):
            # The choice changed nothing the card shows, so no card edit closed the menu.
            fresh = await tickets.get_ticket(ticket.id)
            await _show_keyboard(query, fresh, ui.card_keyboard(fresh))
    except staff.AlreadyClaimed as exc:
        await query.answer(_refused(action, ui.already_claimed(exc.assignee)), show_alert=True)
        return
    except tickets.OwnTicket:
        await query.answer(_refused(action, ui.own_ticket()), show_alert=True)
        return
    except Forbidden:
        await query.answer(_refused(action, _refusal(action)), show_alert=True)
        return
    except DomainError as exc:
        if action == "macro":
            text = ui.macro_refused(exc.message, html=False)
        else:
            text = ui.not_possible(exc.message, html=False)
        await query.answer(text[:200], show_alert=True)
        return
    await query.answer(notice)


def _refused(action: str, reason: str) -> str:
    """A refusal as an alert; a macro's says that none of its steps was done."""
    return ui.macro_refused(reason, html=False)[:200] if action == "macro" else reason


def _refusal(action: str) -> str:
    """Why an agent of the ticket's department still may not do this."""
    if action == "release":
        return ui.release_not_yours()
    if action == "take":
        return ui.only_admins_take_over()
    if action == "status":
        return ui.status_not_for_agents()
    return ui.wrong_department()


async def _send_template(ticket: Ticket, template_id: int, agent: Agent) -> None:
    """One of the ticket's templates (never trust the id in the button) to the customer."""
    templates = {t.id: t for t in await staff.templates_for(ticket)}
    template = templates.get(template_id)
    if template is None:
        raise NotFound("no such template")
    await ticket.fetch_related("customer")
    await staff.send_template(ticket, template, agent)


def router() -> Router:
    r = Router(name="staff.cards")
    r.callback_query.register(card_button, StaffCb.filter())
    return r
