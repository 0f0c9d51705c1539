"""The buttons on a ticket card: I'll answer, release, resolve, close, reopen, the
transfer / priority / status / template / merge / snooze / tags / macros menus (shown in the card's
keyboard) and the customer's history; and a ticket's button in /find's list (its summary).

One handler per button (StaffAction); CardMiddleware first finds who pressed it and the
ticket it is on. A refusal (a domain error) is answered by handlers/staff/refusals.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, F, Router
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.delivery import outbox
from bot.presentation import card
from bot.services import (
    customer_tickets,
    lookup,
    macros,
    merging,
    snoozing,
    staff,
    staff_desk,
    tagging,
    tickets,
)
from bot.ui import staff as ui
from bot.ui.callbacks import StaffAction, StaffCb
from handlers.staff.refusals import FLAG, step
from handlers.staff.replies import notice
from models import Agent, Ticket

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class CardMiddleware(BaseMiddleware):
    """Only an agent's press acts, and only on a ticket of their departments: the
    handlers get `actor` and the `ticket` (locked for the update)."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        assert isinstance(event, CallbackQuery)
        agent: Agent | None = data.get("agent")
        if agent is None:
            await event.answer(ui.not_an_agent(), show_alert=True)
            return None
        if not isinstance(event.message, Message):
            await event.answer()
            return None
        actor = await tickets.agent_actor(agent)
        with step("held"):
            ticket = await tickets.held_ticket(data["callback_data"].t, actor)
        data["actor"], data["ticket"] = actor, ticket
        return await handler(event, data)


async def _menu(ticket: Ticket, which: int, agent: Agent) -> Any:
    if which == 1:
        return ui.departments_menu(ticket, await staff_desk.transfer_departments())
    if which == 2:
        return ui.priorities_menu(ticket, await customer_tickets.priorities())
    if which == 3:
        return ui.statuses_menu(ticket, await staff_desk.agent_statuses())
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


async def _show_keyboard(query: CallbackQuery, ticket: Ticket, markup: Any) -> None:
    assert isinstance(query.message, Message)
    await outbox.edit_markup(
        query.message.chat.id,
        query.message.message_id,
        markup,
        ticket_id=ticket.id,
        purpose=card.CARD_MENU,
    )


async def _chosen(query: CallbackQuery, ticket: Ticket, notice: str | None = None) -> None:
    """After a menu's choice: the card's own keyboard back if the choice changed nothing
    the card shows (so no card edit closed the menu), then the press is answered."""
    if await card.menu_left_open(ticket.id):
        fresh = await tickets.get_ticket(ticket.id)
        await _show_keyboard(query, fresh, ui.card_keyboard(fresh))
    await query.answer(notice)


async def claim(query: CallbackQuery, agent: Agent, ticket: Ticket) -> None:
    await staff.claim(ticket.id, agent)
    await query.answer(ui.claimed_alert(agent.name))


async def take(query: CallbackQuery, agent: Agent, ticket: Ticket) -> None:
    await staff.take_over(ticket.id, agent)
    await query.answer(ui.claimed_alert(agent.name))


async def release(query: CallbackQuery, agent: Agent, ticket: Ticket) -> None:
    await staff.release(ticket.id, agent)
    await query.answer()


async def resolve(query: CallbackQuery, actor: tickets.Actor, ticket: Ticket) -> None:
    await tickets.resolve(ticket.id, actor)
    await query.answer()


async def close(query: CallbackQuery, actor: tickets.Actor, ticket: Ticket) -> None:
    await tickets.close(ticket.id, actor)
    await query.answer()


async def reopen(query: CallbackQuery, actor: tickets.Actor, ticket: Ticket) -> None:
    await tickets.reopen(ticket.id, actor)
    await query.answer()


async def menu(query: CallbackQuery, callback_data: StaffCb, agent: Agent, ticket: Ticket) -> None:
    await _show_keyboard(query, ticket, await _menu(ticket, callback_data.v, agent))
    await query.answer()


async def back(query: CallbackQuery, ticket: Ticket) -> None:
    await _show_keyboard(query, ticket, ui.card_keyboard(ticket))
    await query.answer()


async def department(query: CallbackQuery, callback_data: StaffCb, ticket: Ticket) -> None:
    """A transfer's first step: the agents of the department chosen."""
    agents = await staff_desk.department_agents(callback_data.v)
    await _show_keyboard(query, ticket, ui.agents_menu(ticket, callback_data.v, agents))
    await query.answer()


async def transfer(
    query: CallbackQuery, callback_data: StaffCb, actor: tickets.Actor, ticket: Ticket
) -> None:
    await tickets.transfer(ticket.id, callback_data.w, callback_data.v or None, actor)
    await _chosen(query, ticket)


async def priority(
    query: CallbackQuery, callback_data: StaffCb, actor: tickets.Actor, ticket: Ticket
) -> None:
    await tickets.set_priority(ticket.id, callback_data.v, actor)
    await _chosen(query, ticket)


async def status(
    query: CallbackQuery, callback_data: StaffCb, actor: tickets.Actor, ticket: Ticket
) -> None:
    if callback_data.v != ticket.status_id:
        await tickets.set_status(ticket.id, callback_data.v, actor)
    await _chosen(query, ticket)


async def merge(
    query: CallbackQuery, callback_data: StaffCb, actor: tickets.Actor, ticket: Ticket
) -> None:
    await merging.merge(ticket.id, callback_data.v, actor)
    await _chosen(query, ticket, ui.merged_alert())


async def summary(query: CallbackQuery, ticket: Ticket) -> None:
    assert isinstance(query.message, Message)
    await notice(query.message, ui.ticket_summary(ticket), ui.summary_keyboard(ticket))
    await query.answer()


async def history(query: CallbackQuery, actor: tickets.Actor, ticket: Ticket) -> None:
    assert isinstance(query.message, Message)
    found = await lookup.customer_history(ticket.customer_id, actor)
    await notice(query.message, ui.customer_history(found), None)
    await query.answer()


async def snooze(
    query: CallbackQuery, callback_data: StaffCb, actor: tickets.Actor, ticket: Ticket
) -> None:
    until = snoozing.preset(callback_data.v, tickets.now())
    await snoozing.snooze(ticket.id, until, actor)
    await _chosen(query, ticket, ui.snoozed_alert(ui.moment(until)))


async def unsnooze(query: CallbackQuery, actor: tickets.Actor, ticket: Ticket) -> None:
    await snoozing.unsnooze(ticket.id, actor)
    await _chosen(query, ticket, ui.unsnoozed_alert())


async def tag(
    query: CallbackQuery, callback_data: StaffCb, agent: Agent, actor: tickets.Actor, ticket: Ticket
) -> None:
    changed = await tagging.toggle(ticket.id, callback_data.v, actor)
    await tagging.in_thread(ticket, changed, agent.name)
    on = {t.id for t in changed.tags}
    # The menu stays open for the next toggle, showing the ticket's tags now.
    fresh = await tickets.get_ticket(ticket.id)
    await _show_keyboard(query, fresh, ui.tags_menu(fresh, await tagging.all_tags(), on))
    await query.answer(_toggled(changed, on))


def _toggled(changed: tagging.Changed, on: set[int]) -> str | None:
    """The alert of a tag's toggle: which tag is on or off now."""
    tag = next(iter(changed.added or changed.removed), None)
    return ui.tag_toggled(tag.name, tag.id in on) if tag is not None else None


async def macro(
    query: CallbackQuery, callback_data: StaffCb, actor: tickets.Actor, ticket: Ticket
) -> None:
    applied = await macros.apply(ticket.id, callback_data.v, actor)
    await _chosen(query, ticket, ui.macro_done(applied.macro.name))


async def template(
    query: CallbackQuery, callback_data: StaffCb, agent: Agent, ticket: Ticket
) -> None:
    await staff_desk.send_template_by_id(ticket, callback_data.v, agent)
    await _chosen(query, ticket, ui.sent_to_customer())


def _button(action: StaffAction) -> Any:
    return StaffCb.filter(F.a == action)


def _card(action: StaffAction) -> dict[str, str]:
    """The refusals of a button are looked up as "card.<action>"."""
    return {FLAG: f"card.{action.value}"}


def router() -> Router:
    r = Router(name="staff.cards")
    r.callback_query.middleware(CardMiddleware())
    on, A = r.callback_query, StaffAction
    on.register(claim, _button(A.CLAIM), flags=_card(A.CLAIM))
    on.register(take, _button(A.TAKE), flags=_card(A.TAKE))
    on.register(release, _button(A.RELEASE), flags=_card(A.RELEASE))
    on.register(resolve, _button(A.RESOLVE), flags=_card(A.RESOLVE))
    on.register(close, _button(A.CLOSE), flags=_card(A.CLOSE))
    on.register(reopen, _button(A.REOPEN), flags=_card(A.REOPEN))
    on.register(menu, _button(A.MENU), flags=_card(A.MENU))
    on.register(back, _button(A.BACK), flags=_card(A.BACK))
    on.register(department, _button(A.DEP), flags=_card(A.DEP))
    on.register(transfer, _button(A.AGENT), flags=_card(A.AGENT))
    on.register(priority, _button(A.PRIO), flags=_card(A.PRIO))
    on.register(status, _button(A.STATUS), flags=_card(A.STATUS))
    on.register(merge, _button(A.MERGE), flags=_card(A.MERGE))
    on.register(summary, _button(A.SHOW), flags=_card(A.SHOW))
    on.register(history, _button(A.HIST), flags=_card(A.HIST))
    on.register(snooze, _button(A.SNOOZE), flags=_card(A.SNOOZE))
    on.register(unsnooze, _button(A.UNSNOOZE), flags=_card(A.UNSNOOZE))
    on.register(tag, _button(A.TAG), flags=_card(A.TAG))
    on.register(macro, _button(A.MACRO), flags=_card(A.MACRO))
    on.register(template, _button(A.TPL), flags=_card(A.TPL))
    return r
