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


def render_card(ticket: Ticket, description: str = "") -> str:
    """`ticket` with status, priority, department, category, customer, assignee loaded."""
    customer = ticket.customer
    who = escape(customer.display_name)
    if customer.username:
        who += f" (@{escape(customer.username)})"
    status = f"{escape(ticket.status.color)} {escape(ticket.status.name)}".strip()
    category = (
        f"{escape(ticket.category.color)} {escape(ticket.category.name)}".strip()
        if ticket.category
        else _("no category")
    )
    priority = f"{escape(ticket.priority.color)} {escape(ticket.priority.name)}".strip()
    assignee = escape(ticket.assignee.name) if ticket.assignee else _("nobody yet")
    lines = [
        f"🎫 <b>#{ticket.number}</b> · {status}",
        f"🏢 {escape(ticket.department.name)} · 🏷 {category} · {priority}",
        _("⏱ SLA {semaphore}: first answer by {first}, resolution by {resolution}").format(
            semaphore=SEMAPHORE.get(ticket.sla_state, ""),
            first=_when(ticket.first_response_due),
            resolution=_when(ticket.resolution_due),
        ),
        _("👤 {who}, id <code>{id}</code>, level {level}").format(
            who=who, id=customer.telegram_id, level=escape(customer.support_level)
        ),
        _("👷 Assignee: {assignee}").format(assignee=assignee),
        "",
        f"<b>{escape(ticket.subject)}</b>",
    ]
    text = "\n".join(lines)
    if description:
        room = min(DESCRIPTION_LIMIT, MESSAGE_LIMIT - len(text) - 10)
        text += "\n\n" + trim_html(escape(description), max(room, 10))
    return trim_html(text, MESSAGE_LIMIT)
