"""The ticket card in the staff chat: always the current state, within 4096 characters."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.services import lifecycle
from bot.ui.html import MESSAGE_LIMIT, escape, trim_html, visible_length, without_first_line
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
    if ticket.sla_paused_at is not None and lifecycle.is_open(ticket.status):
        semaphore += " ⏸ " + _("paused")
    return _("⏱ SLA {semaphore}: first answer by {first}, resolution by {resolution}").format(
        semaphore=semaphore,
        first=_when(ticket.first_response_due),
        resolution=_when(ticket.resolution_due),
    )


def render_card(ticket: Ticket, description: str = "", tags: str = "") -> str:
    """`ticket` with status, priority, department, category, customer, assignee loaded;
    `tags` its tags as one line (#billing #urgent)."""
    customer = ticket.customer
    who = escape(customer.display_name)
    if customer.username:
        who += f" (@{escape(customer.username)})"
    level = escape(customer.support_level)
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
        _sla_line(ticket),
        *(
            [_("💤 Snoozed until {until}").format(until=_when(ticket.snoozed_until))]
            if ticket.snoozed_until is not None and lifecycle.is_open(ticket.status)
            else []
        ),
        (
            _("👤 Erased customer (personal data removed), level {level}").format(level=level)
            if customer.erased_at is not None
            else _("👤 {who}, id <code>{id}</code>, level {level}").format(
                who=who, id=customer.telegram_id, level=level
            )
        ),
        _("👷 Assignee: {assignee}").format(assignee=assignee),
    ]
    if tags:
        lines.append(_("🔖 Tags: {tags}").format(tags=escape(tags)))
    lines += detail_lines(ticket.details)
    if ticket.subject:  # (an erased customer's ticket has none)
        lines += ["", f"<b>{escape(ticket.subject)}</b>"]
    text = "\n".join(lines)
    description = card_description(ticket.subject, description)
    if description:
        body = escape(description)
        if description_cut(description):
            # The thread carries the whole text right below the card (staff_thread).
            body = (
                trim_html(body, DESCRIPTION_LIMIT)
                + "\n"
                + _("✂️ Shortened: the full text is below the card.")
            )
        text += "\n\n" + body
    return trim_html(text, MESSAGE_LIMIT)


def detail_lines(details: list[dict] | None) -> list[str]:
    """The category's required fields as the customer answered them."""
    if not details:
        return []
    i18n = I18n.get_current(no_error=True)
    language = i18n.current_locale if i18n is not None else "en"
    lines = []
    for item in details:
        labels = item.get("label") or {}
        label = labels.get(language) or labels.get("en") or item.get("key", "")
        if item.get("kind") == "screenshot":
            value = _("attached")
        else:
            value = f"<code>{escape(str(item.get('value', '')))}</code>"
        lines.append(f"📋 {escape(label)}: {value}")
    return lines


def card_description(subject: str, first_text: str) -> str:
    """What the card shows under the subject: the first message, without a first line
    that only repeats the subject (an alert's)."""
    return without_first_line(first_text, subject)


def description_cut(description: str) -> bool:
    """Whether the card shows only the start of the description."""
    return visible_length(escape(description)) > DESCRIPTION_LIMIT


def full_description(number: int, description: str) -> str:
    """The whole description, posted below a card that shows only its start."""
    return _("📄 #{number} · the full description:").format(number=number) + (
        "\n\n" + escape(description)
    )
