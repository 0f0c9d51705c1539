"""The staff chat's screens: the card's buttons and their menus, queues, notices.

Rendered in the desk's default language (the staff chat is one room)."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardButton as Button
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.services import lifecycle
from bot.services.tickets import MENU_LIMIT
from bot.ui import texts
from bot.ui.callbacks import StaffAction, StaffCb
from bot.ui.html import escape
from bot.ui.keyboards import as_payload
from models import Agent, Department, Macro, Priority, Status, Tag, Template, Ticket
from models.enums import NotifyBy


def _b(text: str, ticket_id: int, action: StaffAction, value: int = 0, second: int = 0) -> Button:
    data = StaffCb(t=ticket_id, a=action, v=value, w=second).pack()
    return Button(text=text, callback_data=data)


def _markup(rows: list[list[Button]]) -> dict[str, Any]:
    return as_payload(InlineKeyboardMarkup(inline_keyboard=rows))


def card_keyboard(ticket: Ticket) -> dict[str, Any]:
    """What can be done with the ticket now; `ticket` with status loaded."""
    t = ticket.id
    if lifecycle.is_closed(ticket.status):
        return _markup([[_b(_("🔓 Reopen"), t, StaffAction.REOPEN)]])
    if lifecycle.is_resolved(ticket.status):
        # Waiting for the customer's confirmation: close it now, or work on it again.
        first = [_b(_("🔒 Close"), t, StaffAction.CLOSE), _b(_("🔓 Reopen"), t, StaffAction.REOPEN)]
    elif ticket.assignee_id is None:
        first = [_b(_("🙋 I'll answer"), t, StaffAction.CLAIM)]
    else:
        first = [
            _b(_("✅ Resolve"), t, StaffAction.RESOLVE),
            _b(_("🔓 Release"), t, StaffAction.RELEASE),
            _b(_("🔒 Close"), t, StaffAction.CLOSE),
        ]
    return _markup(
        [
            first,
            [
                _b(_("↪️ Transfer"), t, StaffAction.MENU, 1),
                _b(_("⚡ Priority"), t, StaffAction.MENU, 2),
                _b(_("🏷 Status"), t, StaffAction.MENU, 3),
            ]
            # (A resolved ticket waits for the customer's confirmation, not for a time.)
            + (
                [_b(_("💤 Snooze"), t, StaffAction.MENU, 6)]
                if lifecycle.may_snooze(ticket.status)
                else []
            ),
            [
                _b(_("📋 Templates"), t, StaffAction.MENU, 4),
                _b(_("👤 History"), t, StaffAction.HIST),
                _b(_("🔗 Merge"), t, StaffAction.MENU, 5),
            ]
            + (
                [_b(_("🛟 Take over"), t, StaffAction.TAKE)]
                if ticket.assignee_id is not None
                else []
            ),
            [_b(_("🏷 Tags"), t, StaffAction.MENU, 7), _b(_("⚡ Macros"), t, StaffAction.MENU, 8)],
        ]
    )


def _choices(ticket_id: int, action: StaffAction, options: list[tuple[int, str]]) -> dict[str, Any]:
    buttons = [_b(label, ticket_id, action, value) for value, label in options[:MENU_LIMIT]]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_b(_("⬅️ Back"), ticket_id, StaffAction.BACK)])
    return _markup(rows)


def departments_menu(ticket: Ticket, departments: list[Department]) -> dict[str, Any]:
    return _choices(ticket.id, StaffAction.DEP, [(d.id, d.name) for d in departments])


def agents_menu(ticket: Ticket, department_id: int, agents: list[Agent]) -> dict[str, Any]:
    """After a department was chosen for a transfer: to anyone there, or to an agent."""
    buttons = [[_b(_("👥 Anyone there"), ticket.id, StaffAction.AGENT, 0, department_id)]]
    buttons += [
        [_b(a.name, ticket.id, StaffAction.AGENT, a.id, department_id)] for a in agents[:MENU_LIMIT]
    ]
    buttons.append([_b(_("⬅️ Back"), ticket.id, StaffAction.BACK)])
    return _markup(buttons)


def priorities_menu(ticket: Ticket, priorities: list[Priority]) -> dict[str, Any]:
    return _choices(
        ticket.id,
        StaffAction.PRIO,
        [
            (p.id, f"{p.color} {p.name}".strip() + (" ✓" if p.id == ticket.priority_id else ""))
            for p in priorities
        ],
    )


def statuses_menu(ticket: Ticket, statuses: list[Status]) -> dict[str, Any]:
    return _choices(
        ticket.id,
        StaffAction.STATUS,
        [
            (s.id, f"{s.color} {s.name}".strip() + (" ✓" if s.id == ticket.status_id else ""))
            for s in statuses
        ],
    )


def merge_menu(ticket: Ticket, others: list[Ticket]) -> dict[str, Any]:
    """The customer's other open tickets this one may be merged into."""
    return _choices(
        ticket.id, StaffAction.MERGE, [(o.id, f"→ #{o.number} · {o.subject[:30]}") for o in others]
    )


def snooze_menu(ticket: Ticket) -> dict[str, Any]:
    """The snooze presets (bot.services.snoozing.preset), and Unsnooze when snoozed."""
    options = [
        (1, _("1 hour")),
        (2, _("4 hours")),
        (3, _("tomorrow 09:00 UTC")),
        (4, _("3 days")),
    ]
    rows = [
        [_b(label, ticket.id, StaffAction.SNOOZE, value) for value, label in options[:2]],
        [_b(label, ticket.id, StaffAction.SNOOZE, value) for value, label in options[2:]],
    ]
    if ticket.snoozed_until is not None:
        rows.append([_b(_("⏰ Unsnooze"), ticket.id, StaffAction.UNSNOOZE)])
    rows.append([_b(_("⬅️ Back"), ticket.id, StaffAction.BACK)])
    return _markup(rows)


def tags_menu(ticket: Ticket, tags: list[Tag], on: set[int]) -> dict[str, Any]:
    """Every tag as a toggle: ✓ on those the ticket has."""
    return _choices(
        ticket.id,
        StaffAction.TAG,
        [(t.id, f"{t.color} #{t.name}".strip() + (" ✓" if t.id in on else "")) for t in tags],
    )


def macros_menu(ticket: Ticket, macros: list[Macro]) -> dict[str, Any]:
    return _choices(ticket.id, StaffAction.MACRO, [(m.id, f"⚡ {m.name}") for m in macros])


def templates_menu(ticket: Ticket, templates: list[Template]) -> dict[str, Any]:
    return _choices(
        ticket.id, StaffAction.TPL, [(t.id, f"/{t.shortcut} · {t.title}") for t in templates]
    )


# -- texts -----------------------------------------------------------------------------


def claimed_alert(name: str) -> str:
    return _("You are answering this ticket now, {name}.").format(name=name)


def already_claimed(name: str) -> str:
    return _("{name} is already answering this ticket.").format(name=name)


def not_an_agent() -> str:
    return _("Only registered agents can do this.")


def wrong_department() -> str:
    return _("This ticket belongs to a department you do not work in.")


def release_not_yours() -> str:
    return _("Only the agent answering this ticket or an admin can release it.")


def own_ticket() -> str:
    return _("This is your own ticket (you are its customer): another agent has to handle it.")


def only_admins_take_over() -> str:
    return _("Only admins can take a ticket over from another agent.")


def status_not_for_agents() -> str:
    return _("Agents cannot set this status.")


def only_assignee(assignee: str | None) -> str:
    if assignee:
        return _(
            "Not sent to the customer: {name} is answering this ticket. Use /note for an "
            "internal note, or ask an admin to take it over."
        ).format(name=escape(assignee))
    return _(
        "Not sent to the customer: press «I'll answer» on the card first, or use /note "
        "for an internal note."
    )


# Reactions on an agent's message in a ticket's thread (from Telegram's reaction list):
# it reached the customer, or it was kept as an internal note.
SENT_REACTION = "👌"
NOTE_REACTION = "✍"


def sent_to_customer() -> str:
    return _("✉️ Sent to the customer.")


def template_sent(agent: str, shortcut: str, title: str, text: str) -> str:
    """The filled template as the customer received it, shown in the ticket's thread."""
    head = _("✉️ Sent to the customer by {agent} — template /{shortcut} «{title}»:").format(
        agent=escape(agent), shortcut=escape(shortcut), title=escape(title)
    )
    return f"{head}\n\n{escape(text)}"


def not_possible(reason: str, *, html: bool = True) -> str:
    """`html` for a message (the reason may hold what someone typed); plain for a
    button's alert."""
    return _("Not done: {reason}").format(reason=escape(reason) if html else reason)


def _echo(value: str, limit: int = 64) -> str:
    """What someone typed, repeated back: escaped, and cut when long."""
    return escape(value if len(value) <= limit else value[: limit - 1] + "…")


def template_unknown(shortcut: str) -> str:
    return _("No template «{shortcut}» for this ticket. The card's 📋 button lists them.").format(
        shortcut=_echo(shortcut)
    )


def templates_list(number: int, templates: list[tuple[str, str, list[str]]]) -> str:
    """`/t` alone: (shortcut, title, placeholders used) of the ticket's templates."""
    if not templates:
        return _(
            "No templates for #{number} yet: admins add them in the admin API (templates)."
        ).format(number=number)
    lines = [_("📋 Templates for #{number} (send one with /t shortcut):").format(number=number)]
    for shortcut, title, placeholders in templates:
        used = ", ".join(placeholders) if placeholders else _("no placeholders")
        lines.append(f"/{escape(shortcut)} · {escape(title)} — {escape(used)}")
    return "\n".join(lines)


def note_empty() -> str:
    return _("The note is empty: write it after /note or ! in the same message.")


def outside_ticket() -> str:
    return _("Use this in a ticket's topic or as a reply to its card.")


def duty(on: bool) -> str:
    return (
        _("🟢 You are on duty: new tickets may be assigned to you.")
        if on
        else _("⚪️ You are off duty: no new tickets will be assigned to you.")
    )


def queue(title: str, rows: list[Ticket]) -> str:
    lines = [f"<b>{escape(title)}</b>"]
    if not rows:
        lines.append(_("Nothing here."))
    lines.extend(_line(t) for t in rows)
    return "\n".join(lines)


def my_queue_title() -> str:
    return _("Your open tickets")


def department_queue_title() -> str:
    return _("Waiting for «I'll answer»")


def customer_blocked(number: int) -> str:
    return _("⛔️ #{number}: the customer blocked the bot; messages to them are held.").format(
        number=number
    )


def customer_unblocked(number: int) -> str:
    return _("✅ #{number}: the customer unblocked the bot; held messages are sent.").format(
        number=number
    )


def sla_warning(number: int, what: str, due: str) -> str:
    return _("🟡 #{number}: {what} is due at {due}.").format(number=number, what=what, due=due)


def sla_breached(number: int, what: str, due: str) -> str:
    return _("🔴 #{number}: {what} was due at {due} — SLA breached.").format(
        number=number, what=what, due=due
    )


def first_response() -> str:
    return _("the first response")


def resolution() -> str:
    return _("the resolution")


def alert_usage() -> str:
    return _(
        "Usage: /alert &lt;customer id or @username&gt; &lt;information|complaint|"
        "suspicious_activity&gt; &lt;text&gt;"
    )


def alert_not_a_customer(who: str) -> str:
    return _("«{who}» is not a customer: give their Telegram id (digits) or @username.").format(
        who=_echo(who)
    )


def alert_no_customer(who: str) -> str:
    return _("No customer «{who}» (Telegram id or @username).").format(who=_echo(who))


def alert_kind_unknown(kind: str, kinds: tuple[str, ...]) -> str:
    return _("Unknown kind «{kind}»: use one of {kinds}.").format(
        kind=_echo(kind), kinds=", ".join(kinds)
    )


def alert_subject_too_long(limit: int) -> str:
    return _(
        "The first line of the text is the alert's subject: at most {limit} characters."
    ).format(limit=limit)


def only_admins_alert() -> str:
    return _("Only admins can send alerts.")


def alert_sent(number: int) -> str:
    return _("📣 Alert sent as ticket #{number}.").format(number=number)


def files_not_stored(number: int, names: list[str]) -> str:
    return _(
        "⚠️ #{number}: could not keep a copy of {files} on the server (check the disk); "
        "Telegram's copy above still works."
    ).format(number=number, files=", ".join(f"«{escape(n)}»" for n in names))


# -- what the customer did, told in the ticket's thread ----------------------------------


def mention(telegram_id: int, name: str) -> str:
    """A mention that notifies the person, with or without a username."""
    return f'<a href="tg://user?id={telegram_id}">{escape(name)}</a>'


def told_privately(agent: Agent) -> bool:
    """The agent gets their notices as a private message from the bot: they chose it
    (notify_by private) and have started the bot privately - until then a bot cannot
    write to them, and they are mentioned in the thread instead."""
    return agent.notify_by == NotifyBy.PRIVATE and agent.private_chat


def addressed(agent: Agent) -> str:
    """The agent a notice is for: a mention that notifies them, or just their name when
    they are told privately (one notification, not two)."""
    if told_privately(agent):
        return escape(agent.name)
    return mention(agent.telegram_id, agent.name)


def to(agent: Agent | None) -> str:
    """ " → Ann" naming the agent a notice is for (mentioned: Telegram notifies them);
    nothing when the ticket has nobody answering it."""
    return "" if agent is None else f" → {addressed(agent)}"


def private_notice(text: str, link: str | None) -> str:
    """A notice as the agent's private message, with a link to the ticket's thread."""
    if link is None:
        return text
    return f'{text}\n<a href="{link}">' + _("Open the ticket's thread") + "</a>"


def notify_usage(current: NotifyBy) -> str:
    where = _("a private message from me") if current == NotifyBy.PRIVATE else _("a mention here")
    return _(
        "You get the notices about your tickets (a customer's reply, a reopen, a rating, "
        "an SLA warning or breach) as {where}. To change it: <code>/notify private</code> "
        "or <code>/notify group</code>."
    ).format(where=where)


def notify_set(chosen: NotifyBy, can_write: bool) -> str:
    if chosen == NotifyBy.GROUP:
        return _("👌 Done: you will be mentioned here about your tickets.")
    if can_write:
        return _("👌 Done: I will tell you about your tickets in a private message.")
    return _(
        "👌 Saved. I cannot write to you privately yet: please open a chat with me and "
        "press Start. Until then you will be mentioned here."
    )


def escalated_to_lead(number: int, lead: str) -> str:
    """`lead`: addressed(agent)."""
    return _("⏫ #{number}: the SLA is breached; {lead}, please take a look.").format(
        number=number, lead=lead
    )


def escalated_to_agent(number: int, agent: str) -> str:
    return _("⏫ #{number}: the SLA is breached; the ticket passes to {agent}.").format(
        number=number, agent=agent
    )


def escalated_to_queue(number: int) -> str:
    return _("⏫ #{number}: the SLA is breached; the ticket goes back to the queue.").format(
        number=number
    )


def answer_rated(number: int, customer: str, agent: str, liked: bool) -> str:
    if liked:
        text = _("👍 #{number}: {customer} liked the answer by {agent}.")
    else:
        text = _("👎 #{number}: {customer} did not like the answer by {agent}.")
    return text.format(number=number, customer=escape(customer), agent=escape(agent))


def customer_set_status(number: int, customer: str, status: str) -> str:
    return _("🏷 #{number}: {customer} set the status to «{status}».").format(
        number=number, customer=escape(customer), status=escape(status)
    )


def customer_closed(number: int, customer: str) -> str:
    return _("🔒 #{number}: {customer} closed the ticket.").format(
        number=number, customer=escape(customer)
    )


def customer_confirmed(number: int, customer: str) -> str:
    return _("✅ #{number}: {customer} confirmed the solution; the ticket is closed.").format(
        number=number, customer=escape(customer)
    )


def customer_reopened(number: int, customer: str, assignee: str | None) -> str:
    """`assignee`: the agent answering the ticket, if any, as `addressed` renders them."""
    head = _("🔓 #{number}: {customer} reopened the ticket.").format(
        number=number, customer=escape(customer)
    )
    if assignee is None:
        return f"{head} " + _("It waits for «I'll answer».")
    return f"{head} " + _("{assignee}, it is yours again.").format(assignee=assignee)


def csat_given(number: int, customer: str, score: int) -> str:
    return _("⭐ #{number}: {customer} rated the support {score} of 5.").format(
        number=number, customer=escape(customer), score=score
    )


def csat_comment(number: int, customer: str, comment: str) -> str:
    return _("💬 #{number}: {customer}'s comment on the rating: «{comment}»").format(
        number=number, customer=escape(customer), comment=escape(comment)
    )


# -- a transfer, told in the ticket's thread ------------------------------------------


def transferred(number: int, by: str, old: str, new: str) -> str:
    return _("↪️ #{number}: {by} transferred the ticket from {old} to {new}.").format(
        number=number, by=escape(by), old=escape(old), new=escape(new)
    )


def passed_on(number: int, by: str) -> str:
    return _("↪️ #{number}: {by} passed the ticket on.").format(number=number, by=escape(by))


def category_cleared(category: str, department: str) -> str:
    return _("🏷 Category «{category}» cleared: it belongs to {department}.").format(
        category=escape(category), department=escape(department)
    )


def now_answered_by(agent: str) -> str:
    return _("👷 Now answered by {agent}.").format(agent=escape(agent))


def no_longer_answered_by(agent: str) -> str:
    return _("👷 {agent} no longer answers it; it waits for «I'll answer».").format(
        agent=escape(agent)
    )


def status_moved(old: str, new: str) -> str:
    return _("🏷 Status: {old} → {new}.").format(old=escape(old), new=escape(new))


# -- finding tickets (/ticket, /find, the customer's history) ----------------------------


def _when(moment) -> str:
    return moment.strftime("%d.%m.%Y %H:%M UTC")


def _line(t: Ticket) -> str:
    return (
        f"{escape(t.priority.color)} #{t.number} · {escape(t.subject[:60])} — "
        f"{escape(t.status.name)}" + (" 💤" if t.snoozed_until is not None else "")
    )


def card_link(ticket: Ticket) -> str | None:
    """A t.me link to the ticket's card (or its forum topic) - only a supergroup's
    messages have one (chat id -100…)."""
    chat = ticket.staff_chat_id
    if chat is None or not str(chat).startswith("-100"):
        return None
    internal = str(chat)[4:]
    if ticket.staff_topic_id is not None:
        return f"https://t.me/c/{internal}/{ticket.staff_topic_id}"
    if ticket.staff_message_id is not None:
        return f"https://t.me/c/{internal}/{ticket.staff_message_id}"
    return None


def ticket_summary(ticket: Ticket) -> str:
    """`ticket` with its relations loaded."""
    who = texts.who(ticket.customer.display_name, ticket.customer.username)
    lines = [
        f"🎫 <b>#{ticket.number}</b> · {escape(ticket.subject)}",
        _("Status: {status} · priority: {priority}").format(
            status=escape(ticket.status.name), priority=escape(ticket.priority.name)
        ),
        _("Department: {department}").format(department=escape(ticket.department.name))
        + (f" · {escape(ticket.category.name)}" if ticket.category else ""),
        _("Customer: {who}").format(who=who),
        _("Answering: {agent}").format(agent=escape(ticket.assignee.name))
        if ticket.assignee
        else _("Nobody answers it yet."),
        _("Opened {opened}, last activity {updated}").format(
            opened=_when(ticket.created_at), updated=_when(ticket.updated_at)
        ),
    ]
    if ticket.staff_message_id is None and ticket.staff_topic_id is None:
        lines.append(_("It has no card in a staff chat."))
    return "\n".join(lines)


def summary_keyboard(ticket: Ticket) -> dict[str, Any]:
    rows = []
    link = card_link(ticket)
    if link is not None:
        rows.append([Button(text=_("🔗 Open the card"), url=link)])
    rows.append([_b(_("👤 Customer's history"), ticket.id, StaffAction.HIST)])
    return _markup(rows)


def ticket_usage() -> str:
    return _("Write /ticket and a ticket number, e.g. <code>/ticket 1042</code>.")


def ticket_not_found(number: str) -> str:
    return _("There is no ticket #{number} in your departments.").format(number=_echo(number))


def find_usage() -> str:
    return _(
        "Write /find and what to look for (two characters or more): a number, words of "
        "a subject or a message, e.g. <code>/find refund</code>."
    )


def found(text: str, rows: list[Ticket], total: int, more: bool) -> str:
    if not rows:
        return _("Nothing found for «{text}».").format(text=_echo(text))
    count = f"{total}+" if more else str(total)
    head = _("Found for «{text}»: {count}").format(text=_echo(text), count=count)
    lines = [f"<b>{head}</b>", *(_line(t) for t in rows)]
    if total > len(rows):
        lines.append(_("The newest {shown} are listed; narrow the search.").format(shown=len(rows)))
    return "\n".join(lines)


def found_keyboard(rows: list[Ticket]) -> dict[str, Any] | None:
    if not rows:
        return None
    buttons = [_b(f"#{t.number}", t.id, StaffAction.SHOW) for t in rows]
    return _markup([buttons[i : i + 5] for i in range(0, len(buttons), 5)])


def customer_history(history) -> str:
    """bot.services.lookup.History."""
    customer = history.customer
    who = texts.who(customer.display_name, customer.username)
    lines = [
        "<b>" + _("👤 {who}: {total} tickets").format(who=who, total=history.total) + "</b>",
        _("Customer since {since}").format(since=_when(customer.created_at)),
    ]
    if history.csat_average is not None:
        lines.append(
            _("Rating of the support: {average} of 5 ({count} rated)").format(
                average=f"{history.csat_average:.1f}", count=history.csat_count
            )
        )
    if history.answers_liked or history.answers_disliked:
        lines.append(
            _("Answers: 👍 {liked} · 👎 {disliked}").format(
                liked=history.answers_liked, disliked=history.answers_disliked
            )
        )
    lines.append("")
    lines.append("<b>" + _("Open: {count}").format(count=history.open_count) + "</b>")
    lines.extend(_line(t) for t in history.open)
    lines.append("")
    lines.append("<b>" + _("Latest tickets") + "</b>")
    lines.extend(_line(t) for t in history.recent)
    return "\n".join(lines)


# -- merging --------------------------------------------------------------------------


def merged_into(number: int, into: int, by: str) -> str:
    return _("🔗 #{number} is merged into #{into} by {by}; it is closed.").format(
        number=number, into=into, by=escape(by)
    )


def merged_here(number: int, subject: str, by: str, messages: int) -> str:
    return _(
        "🔗 #{number} «{subject}» is merged into this ticket by {by}; "
        "messages moved here: {messages}."
    ).format(number=number, subject=escape(subject[:80]), by=escape(by), messages=messages)


def merge_usage() -> str:
    return _(
        "In a ticket's thread, write /merge and the number of the ticket it goes into, "
        "e.g. <code>/merge 1042</code>: this ticket's conversation moves there and it closes."
    )


def merged_alert() -> str:
    return _("Merged: the conversation is in the other ticket now.")


def split_off(messages: int, into: int, by: str) -> str:
    return _(
        "✂️ Split off into the new ticket #{into} by {by}; messages moved there: {messages}."
    ).format(messages=messages, into=into, by=escape(by))


def split_usage() -> str:
    return _(
        "Reply with /split to a customer's message in a ticket's thread: it and the "
        "customer's later messages become a new ticket."
    )


# -- snoozing ---------------------------------------------------------------------------


def moment(when) -> str:
    """A snooze's end as the staff chat shows it (the desk's time is UTC)."""
    return when.strftime("%d.%m.%Y %H:%M UTC")


def snoozed(number: int, by: str, until: str) -> str:
    return _(
        "💤 #{number} is snoozed by {by} until {until}: it is out of the queues till then, "
        "or until the customer writes."
    ).format(number=number, by=escape(by), until=until)


def unsnoozed(number: int, by: str) -> str:
    return _("⏰ #{number}: {by} ended the snooze; it is back in the queue.").format(
        number=number, by=escape(by)
    )


def snooze_over(number: int, customer_wrote: bool) -> str:
    if customer_wrote:
        return _("⏰ #{number} is back in the queue: the customer wrote during the snooze.").format(
            number=number
        )
    return _("⏰ #{number} is back in the queue: its snooze is over.").format(number=number)


def snoozed_alert(until: str) -> str:
    return _("💤 Snoozed until {until}.").format(until=until)


def unsnoozed_alert() -> str:
    return _("⏰ Back in the queue.")


def snooze_usage() -> str:
    return _(
        "In a ticket's thread, write /snooze and how long: <code>30m</code>, <code>3h</code>, "
        "<code>2d</code>, <code>1w</code>, or until when in UTC: "
        "<code>/snooze 2026-12-24 10:00</code>. /unsnooze ends it."
    )


def snooze_bad(typed: str, reason: str) -> str:
    if reason == "past":
        return _(
            "«{typed}» is not in the future: a snooze ends a minute from now or later."
        ).format(typed=_echo(typed))
    if reason == "too_far":
        return _("«{typed}» is too far ahead: a snooze ends within 365 days.").format(
            typed=_echo(typed)
        )
    return _(
        "Cannot read «{typed}»: write a duration like <code>30m</code>, <code>3h</code>, "
        "<code>2d</code>, <code>1w</code>, or a UTC time like <code>2026-12-24 10:00</code>."
    ).format(typed=_echo(typed))


def not_snoozed() -> str:
    return _("This ticket is not snoozed.")


def snoozed_list(rows: list[Ticket]) -> str:
    """Under /mytickets: the agent's snoozed tickets and when each comes back."""
    if not rows:
        return ""
    lines = ["", "<b>" + _("💤 Snoozed") + "</b>"]
    lines += [
        f"#{t.number} · {escape(t.subject[:60])} — "
        + _("until {until}").format(until=moment(t.snoozed_until))
        for t in rows
    ]
    return "\n".join(lines)


# -- tags and macros ------------------------------------------------------------------


def _tag_list(names: list[str]) -> str:
    return " ".join(f"#{escape(n)}" for n in names)


def tags_changed(added: list[str], removed: list[str], by: str) -> str:
    lines = []
    if added:
        lines.append(_("🔖 Tagged by {by}: {tags}").format(by=escape(by), tags=_tag_list(added)))
    if removed:
        lines.append(
            _("🔖 Untagged by {by}: {tags}").format(by=escape(by), tags=_tag_list(removed))
        )
    return "\n".join(lines)


def tags_now(names: list[str]) -> str:
    if not names:
        return _("🔖 The ticket has no tags now.")
    return _("🔖 The ticket's tags: {tags}").format(tags=_tag_list(names))


def tag_usage(known: list[str]) -> str:
    text = _(
        "In a ticket's thread, write /tag and the tags to put on it, e.g. "
        "<code>/tag billing urgent</code>; /untag takes them off."
    )
    return text + "\n" + known_tags(known)


def known_tags(known: list[str]) -> str:
    if not known:
        return _("There are no tags yet: admins create them in the admin API or the console.")
    return _("The tags: {tags}").format(tags=_tag_list(known))


def tags_unknown(unknown: list[str], known: list[str]) -> str:
    return (
        _("No such tag: {tags}. Nothing was changed.").format(
            tags=", ".join(_echo(n, 32) for n in unknown[:10])
        )
        + "\n"
        + known_tags(known)
    )


def tag_toggled(name: str, on: bool) -> str:
    return (_("#{tag} is on the ticket.") if on else _("#{tag} is off the ticket.")).format(
        tag=name
    )


def macro_usage(known: list[str]) -> str:
    text = _(
        "In a ticket's thread, write /macro and a macro's name, e.g. "
        "<code>/macro refund done</code>; the card's ⚡ Macros lists them."
    )
    return text + "\n" + known_macros(known)


def known_macros(known: list[str]) -> str:
    if not known:
        return _("There are no macros yet: admins create them in the admin API or the console.")
    return _("The macros: {macros}").format(macros=", ".join(escape(n) for n in known))


def macro_unknown(name: str, known: list[str]) -> str:
    return (
        _("No macro «{name}». Nothing was changed.").format(name=_echo(name))
        + "\n"
        + known_macros(known)
    )


def macro_applied(name: str, by: str) -> str:
    return _("⚡ Macro «{name}» applied by {by}.").format(name=escape(name), by=escape(by))


def macro_refused(reason: str, *, html: bool = True) -> str:
    return _("The macro was not applied, nothing was changed: {reason}").format(
        reason=escape(reason) if html else reason
    )


def macro_done(name: str) -> str:
    return _("⚡ «{name}» applied.").format(name=name)
