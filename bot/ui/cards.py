"""The ticket card in the staff chat: always the current state, within 4096 characters."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.i18n import gettext as _

from bot.ui.html import MESSAGE_LIMIT, escape, trim_html
from models import Ticket
from models.enums import SlaState

SEMAPHORE = {SlaState.OK: "🟢", SlaState.WARNING: "🟡", SlaState.BREACHED: "🔴"}
DESCRIPTION_LIMIT = 1500


def _when(moment: datetime | None) -> str:
    return moment.strftime("%d.%m %H:%M UTC") if moment else "—"


def _sla_line(ticket: Ticket) -> str:
    if ticket.sla_started_at is None and ticket.first_response_due is None:
        # An alert: support spoke first; the clock starts when the customer answers.
        return _("⏱ SLA: starts when the customer answers")
    semaphore = SEMAPHORE.get(ticket.sla_state, "")
    if ticket.sla_paused_at is not None and not ticket.status.is_final:
        semaphore += " ⏸ " + _("paused")
    return _("⏱ SLA {semaphore}: first answer by {first}, resolution by {resolution}").format(
        semaphore=semaphore,
        first=_when(ticket.first_response_due),
        resolution=_when(ticket.resolution_due),
    )


def render_card(ticket: Ticket, description: str = "") -> str:
    """`ticket` with status, priority, department, category, customer, assignee loaded."""
    customer = ticket.customer
    who = escape(customer.display_name)
    if customer.username:
        who += f" (@{escape(customer.username)})"
    level = escape(customer.support_level)
    status = f"{ticket.status.color} {escape(ticket.status.name)}".strip()
    category = (
        f"{ticket.category.color} {escape(ticket.category.name)}".strip()
        if ticket.category
        else _("no category")
    )
    priority = f"{ticket.priority.color} {escape(ticket.priority.name)}".strip()
    assignee = escape(ticket.assignee.name) if ticket.assignee else _("nobody yet")
    lines = [
        f"🎫 <b>#{ticket.number}</b> · {status}",
        f"🏢 {escape(ticket.department.name)} · 🏷 {category} · {priority}",
        _sla_line(ticket),
        (
            _("👤 Erased customer (personal data removed), level {level}").format(level=level)
            if customer.erased_at is not None
            else _("👤 {who}, id <code>{id}</code>, level {level}").format(
                who=who, id=customer.telegram_id, level=level
            )
        ),
        _("👷 Assignee: {assignee}").format(assignee=assignee),
    ]
    if ticket.subject:  # (an erased customer's ticket has none)
        lines += ["", f"<b>{escape(ticket.subject)}</b>"]
    text = "\n".join(lines)
    if description:
        room = min(DESCRIPTION_LIMIT, MESSAGE_LIMIT - len(text) - 10)
        text += "\n\n" + trim_html(escape(description), max(room, 10))
    return trim_html(text, MESSAGE_LIMIT)
