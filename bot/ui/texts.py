"""User-visible texts; translated through the gettext catalogs in bot/locales."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.ui.html import escape

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def greeting(first_name: str) -> str:
    return _(
        "👋 Hello, <b>{name}</b>!\n\n"
        "This is the support desk. Describe a problem here and our team will answer "
        "you in this chat."
    ).format(name=escape(first_name or _("there")))


def help_text() -> str:
    return _(
        "<b>How support works</b>\n\n"
        "• Write to us here; every request gets a ticket number.\n"
        "• Our agents answer in this chat, and you can reply to them.\n"
        "• /menu shows the main menu, /language changes the language."
    )


def choose_language() -> str:
    return _("Choose your language:")


def language_set() -> str:
    return _("Language changed: English.")


def button_help() -> str:
    return _("❓ Help")


def button_language() -> str:
    return _("🌐 Language")


def something_went_wrong() -> str:
    return _("Sorry, something went wrong on our side. Please try again in a moment.")


def not_available() -> str:
    return _("This button is no longer available.")


# -- tickets, as the customer sees them ------------------------------------------------

ALERT_KINDS = ("information", "complaint", "suspicious_activity")


def alert_kind_name(kind: str) -> str:
    names = {
        "information": _("Information"),
        "complaint": _("Complaint"),
        "suspicious_activity": _("Suspicious activity"),
    }
    return names.get(kind, kind)


def agent_answer(number: int, agent_name: str, text: str) -> str:
    return _("💬 <b>Ticket #{number}</b> — answer from {agent}:\n\n{text}").format(
        number=number, agent=escape(agent_name), text=escape(text)
    )


def alert_message(number: int, kind: str, subject: str, text: str) -> str:
    return _("📣 <b>{kind}</b> — ticket #{number}\n<b>{subject}</b>\n\n{text}").format(
        kind=alert_kind_name(kind), number=number, subject=escape(subject), text=escape(text)
    )


def ticket_status_changed(number: int, status: str) -> str:
    return _("ℹ️ Ticket #{number}: the status is now <b>{status}</b>.").format(
        number=number, status=escape(status)
    )


def ticket_resolved(number: int) -> str:
    return _(
        "✅ Ticket #{number} is resolved. If the problem is still there, write to us and "
        "we will reopen it."
    ).format(number=number)


def ticket_closed(number: int) -> str:
    return _("🔒 Ticket #{number} is closed. Thank you for contacting us!").format(number=number)


def ticket_reopened(number: int) -> str:
    return _("🔓 Ticket #{number} is open again; we will get back to you.").format(number=number)


def ticket_transferred(number: int, department: str) -> str:
    return _("↪️ Ticket #{number} was passed to <b>{department}</b>.").format(
        number=number, department=escape(department)
    )


def support_team() -> str:
    return _("Support")


# -- my tickets --------------------------------------------------------------------------


def button_my_tickets() -> str:
    return _("📋 My tickets")


def my_tickets_title(total: int, archived: bool) -> str:
    if archived:
        return _("🗄 Archived tickets: {total}").format(total=total)
    return _("📋 Your tickets: {total}").format(total=total)


def no_tickets(archived: bool) -> str:
    return _("No archived tickets.") if archived else _("You have no tickets yet.")


def unread_marker() -> str:
    return _("new messages")


def button_archived() -> str:
    return _("🗄 Archived")


def button_open_tickets() -> str:
    return _("📋 Open tickets")


def button_menu() -> str:
    return _("🏠 Menu")


def button_back_to_list() -> str:
    return _("⬅️ My tickets")


def button_close_ticket() -> str:
    return _("🔒 Close")


def button_reopen_ticket() -> str:
    return _("🔓 Reopen")


def button_archive_ticket() -> str:
    return _("🗄 Archive")


def ticket_header(number: int, subject: str, status: str) -> str:
    return _("🎫 <b>Ticket #{number}</b> — {subject}\nStatus: <b>{status}</b>").format(
        number=number, subject=escape(subject), status=escape(status)
    )


def author_you() -> str:
    return _("You")


def ticket_not_found() -> str:
    return _("This ticket is not available.")


def ticket_archived(number: int) -> str:
    return _("Ticket #{number} moved to the archive.").format(number=number)


def reopen_window_passed() -> str:
    return _("This ticket was closed too long ago to reopen. Please open a new one.")


def action_not_possible() -> str:
    return _("This cannot be done with this ticket now.")
