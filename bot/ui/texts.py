"""User-visible texts; translated through the gettext catalogs in bot/locales."""

from __future__ import annotations

from datetime import datetime, timedelta

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.ui.html import escape, without_first_line

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


def alert_kind_name(kind: str) -> str:
    names = {
        "information": _("Information"),
        "complaint": _("Complaint"),
        "suspicious_activity": _("Suspicious activity"),
    }
    return names.get(kind, kind)


def agent_answer(number: int, agent_name: str, text: str) -> str:
    return _("💬 <b>Ticket #{number}</b> — answer from {agent}:\n\n{text}").format(
        number=number, agent=escape(agent_name), text=escape(text) or "📎"
    )


def alert_message(number: int, kind: str, subject: str, text: str) -> str:
    body = without_first_line(text, subject)
    head = _("📣 <b>{kind}</b> — ticket #{number}\n<b>{subject}</b>").format(
        kind=alert_kind_name(kind), number=number, subject=escape(subject)
    )
    return f"{head}\n\n{escape(body)}" if body.strip() else head


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


def ticket_merged(number: int, into: int) -> str:
    return _(
        "🔗 Ticket #{number} is merged into #{into}: its messages are there now, and we "
        "go on with your request in #{into}."
    ).format(number=number, into=into)


def ticket_split(number: int, new: int, subject: str) -> str:
    return _(
        "✂️ Part of your ticket #{number} is a ticket of its own now: #{new} «{subject}». "
        "We answer each in its ticket."
    ).format(number=number, new=new, subject=escape(subject))


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


def button_set_status(name: str) -> str:
    """A status the customer may give their ticket (plain text: a button's label)."""
    return _("🏷 Mark as: {status}").format(status=name)


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


# -- the new-ticket wizard ---------------------------------------------------------------


def button_new_ticket() -> str:
    return _("🆕 New ticket")


def button_back() -> str:
    return _("⬅️ Back")


def button_cancel() -> str:
    return _("✖️ Cancel")


def button_done() -> str:
    return _("✅ Done")


def button_skip() -> str:
    return _("⏭ Skip")


def button_clear_files() -> str:
    return _("🗑 Remove files")


def button_send() -> str:
    return _("📨 Send")


def button_edit() -> str:
    return _("✏️ Edit")


def button_to_summary() -> str:
    return _("⬅️ Back to summary")


def button_no_category() -> str:
    return _("Other / not sure")


def wizard_step(number: int, total: int) -> str:
    return _("🆕 <b>New ticket</b> · step {number} of {total}").format(number=number, total=total)


def ask_department() -> str:
    return _("Which department should handle your request?")


def ask_category(department: str) -> str:
    return _("🏢 {department}\nWhat is it about?").format(department=escape(department))


def ask_priority() -> str:
    return _("How urgent is it?")


def ask_subject(limit: int) -> str:
    return _(
        "Write the <b>subject</b> in one line, up to {limit} characters "
        "(for example: «Payment not credited»)."
    ).format(limit=limit)


def ask_description() -> str:
    return _(
        "Now <b>describe the problem</b>: what happened, what you expected, any error "
        "text. Long descriptions are fine; you can send them in several messages."
    )


def ask_files(count: int) -> str:
    if count:
        return _("📎 Files attached: <b>{count}</b>. Send more, or press Done.").format(count=count)
    return _(
        "📎 Attach <b>screenshots or files</b> if they help (photos, documents, albums), "
        "then press Done. No files? Press Skip."
    )


def current_value(value: str) -> str:
    return _("Now: {value}").format(value=escape(value))


def no_departments() -> str:
    return _("Sorry, support is not accepting new tickets right now. Please try later.")


def summary(
    department: str,
    category: str | None,
    priority: str,
    subject: str,
    description: str,
    files: int,
) -> str:
    return _(
        "📝 <b>Your ticket</b>\n\n"
        "🏢 Department: {department}\n"
        "🏷 Category: {category}\n"
        "⚡ Priority: {priority}\n"
        "✏️ Subject: <b>{subject}</b>\n"
        "📎 Files: {files}\n\n"
        "{description}\n\n"
        "Check it and press <b>Send</b>."
    ).format(
        department=escape(department),
        category=escape(category) if category else "—",
        priority=escape(priority),
        subject=escape(subject),
        files=files,
        description=escape(description),
    )


def description_shortened() -> str:
    return _("(shortened here; the whole text is kept and will be sent)")


def ask_what_to_edit() -> str:
    return _("What do you want to change?")


def field_department() -> str:
    return _("🏢 Department")


def field_category() -> str:
    return _("🏷 Category")


def field_priority() -> str:
    return _("⚡ Priority")


def field_subject() -> str:
    return _("✏️ Subject")


def field_description() -> str:
    return _("📄 Description")


def field_files() -> str:
    return _("📎 Files")


def wizard_cancelled() -> str:
    return _("The new ticket was cancelled; nothing was sent.")


def wizard_sent() -> str:
    return _("📨 Sent.")


def subject_too_long(limit: int, length: int) -> str:
    return _(
        "The subject is too long ({length} characters). Please keep it within {limit}; "
        "the details go into the description."
    ).format(limit=limit, length=length)


def text_too_long(limit: int) -> str:
    return _("This text is too long: at most {limit} characters, please.").format(limit=limit)


def text_expected(what: str) -> str:
    return _("I can only take text here. Please write the {what}.").format(what=what)


def nothing_visible(what: str) -> str:
    return _("There is no visible text in your message. Please write the {what}.").format(what=what)


def empty_message() -> str:
    return _("Your message has no visible text, so nothing was added. Please write it again.")


def what_subject() -> str:
    return _("subject")


def what_description() -> str:
    return _("description")


def reader_language() -> str:
    """The language texts are rendered in now (the customer's, in the private chat)."""
    i18n = I18n.get_current(no_error=True)
    return i18n.current_locale if i18n is not None else "en"


def faq_offer() -> str:
    return _("💡 Before you write: maybe one of these answers helps. Did one of them solve it?")


def faq_question() -> str:
    return _("Did this solve it?")


def button_faq_yes() -> str:
    return _("✅ Yes, thanks")


def button_faq_no() -> str:
    return _("➡️ No, open a ticket")


def button_faq_others() -> str:
    return _("⬅️ Other answers")


def faq_deflected() -> str:
    return _("🙌 Glad it helped! No ticket was opened. If you need us after all, press New ticket.")


def ask_detail(label: str) -> str:
    return _("Please send <b>{label}</b>.").format(label=escape(label))


def ask_detail_number(label: str) -> str:
    return _("Please send <b>{label}</b> (a number).").format(label=escape(label))


def ask_detail_screenshot(label: str) -> str:
    return _(
        "📎 <b>{label}</b>: please attach a screenshot or a file (as a photo or a document)."
    ).format(label=escape(label))


def detail_number_expected(label: str) -> str:
    return _("«{label}» must be a number, for example 12345. Please send it again.").format(
        label=escape(label)
    )


def detail_bad_format(label: str, hint: str) -> str:
    text = _("«{label}» does not look right. Please check it and send it again.").format(
        label=escape(label)
    )
    return text + ("\n" + escape(hint) if hint else "")


def detail_too_long(label: str, limit: int) -> str:
    return _("«{label}» is too long: at most {limit} characters. Please send it again.").format(
        label=escape(label), limit=limit
    )


def detail_screenshot_expected(label: str) -> str:
    return _(
        "«{label}»: a screenshot is required here - please attach a photo or a document."
    ).format(label=escape(label))


def detail_missing() -> str:
    return _("Some required details are missing; please add them first.")


def use_the_buttons() -> str:
    return _("Please choose with the buttons.")


def added_to_description() -> str:
    return _("➕ Added to the description.")


def file_saved_describe() -> str:
    return _("📎 File saved. Now please describe the problem in words.")


def too_many_files(limit: int) -> str:
    return _("A ticket takes at most {limit} files; this one was not added.").format(limit=limit)


def file_too_big(name: str) -> str:
    return _(
        "«{name}» is larger than 20 MB, which Telegram does not let bots receive. "
        "Please compress it or send a link."
    ).format(name=escape(name))


def unsupported_content() -> str:
    return _(
        "Sorry, I cannot take this kind of message. Send text, photos, documents, "
        "video or voice messages."
    )


def ticket_registered(number: int) -> str:
    return _(
        "✅ Your ticket <b>#{number}</b> is registered. We will answer here, in this chat.\n\n"
        "Anything you send now is added to this ticket."
    ).format(number=number)


def already_sent() -> str:
    return _("This ticket has already been sent.")


def choice_gone() -> str:
    return _(
        "What you chose is no longer available. Please choose again; the rest of your "
        "ticket is kept."
    )


def draft_gone() -> str:
    return _("This draft is no longer active. Press «New ticket» to start again.")


# -- conversations and follow-ups --------------------------------------------------------


def button_reply() -> str:
    return _("↩️ Reply")


def button_stop_reply() -> str:
    return _("✖️ Stop replying")


def writing_to(number: int) -> str:
    return _(
        "✍️ Write your message for ticket <b>#{number}</b>: text, photos or files. "
        "Everything you send is added to the ticket."
    ).format(number=number)


def stopped_writing(number: int) -> str:
    return _("Messages are no longer added to ticket #{number}.").format(number=number)


def added_to_ticket(number: int) -> str:
    return _("✔️ Added to ticket #{number}.").format(number=number)


def ticket_takes_no_messages(number: int) -> str:
    return _(
        "Ticket #{number} is closed and takes no messages. Reopen it from «My tickets» "
        "or open a new ticket."
    ).format(number=number)


def which_ticket() -> str:
    return _("Which ticket is this message for?")


def which_ticket_none() -> str:
    return _("You have no open tickets. Shall I open a new one with this message?")


def button_new_ticket_with_this() -> str:
    return _("🆕 New ticket with this")


def button_discard() -> str:
    return _("🗑 Discard")


def message_discarded() -> str:
    return _("The message was discarded.")


def who(name: str, username: str | None) -> str:
    """A person as staff see them: the name, and the @username when there is one."""
    return escape(name) + (f" (@{escape(username)})" if username else "")


def staff_customer_message(number: int, name: str, username: str | None, message) -> str:
    return _("💬 #{number} · {who} · {when}").format(
        number=number, who=who(name, username), when=message.created_at.strftime("%d.%m %H:%M UTC")
    )


def quote_text(text: str) -> str:
    return escape(text)


# -- ratings ----------------------------------------------------------------------------


def thanks_for_rating() -> str:
    return _("Thank you for the rating!")


def confirm_resolved() -> str:
    return _("✅ Yes, solved")


def not_resolved() -> str:
    return _("🔓 No, reopen")


def csat_question() -> str:
    return _("How would you rate our support on this ticket? 1 is poor, 5 is excellent.")


def csat_thanks_ask_comment(score: int) -> str:
    return _(
        "Thank you! You rated us {stars}.\n\nWant to add a comment? Write it now, or press Skip."
    ).format(stars="⭐" * score)


def csat_done() -> str:
    return _("Thank you for your feedback! 🙏")


def comment_saved() -> str:
    return _("Your comment is saved. Thank you! 🙏")


# -- access -----------------------------------------------------------------------------


def banned(reason: str) -> str:
    text = _("Your access to support has been blocked.")
    if reason:
        text += "\n" + _("Reason: {reason}").format(reason=escape(reason))
    return (
        text
        + "\n\n"
        + _("If you believe this is a mistake, contact us through the website or by e-mail.")
    )


def inactive(until) -> str:
    if until is not None:
        head = _("Your support plan ended on {date}.").format(date=until.strftime("%d.%m.%Y"))
    else:
        head = _("Support access is not active for your account.")
    return (
        head
        + "\n\n"
        + _(
            "You can still read your tickets in «My tickets». To open new tickets again, "
            "renew your support plan in your account or ask your account manager; access "
            "returns as soon as it is renewed."
        )
    )


def nothing_to_cancel() -> str:
    return _("There is nothing to cancel. What would you like to do?")


def what_comment() -> str:
    return _("comment")


def unknown_command() -> str:
    return _("I do not know this command. Here is the menu:")


def priority_name(name: str) -> str:
    """The seeded priorities in the reader's language; names admins chose stay as set."""
    seeded = {"low": _("low"), "normal": _("normal"), "high": _("high"), "urgent": _("urgent")}
    return seeded.get(name, name)


def edited_mark() -> str:
    return _("(edited)")


def slow_down(seconds: int) -> str:
    return _(
        "You are sending messages too fast. Please wait about {seconds} seconds; "
        "what you send meanwhile is not taken."
    ).format(seconds=seconds)


def temporarily_unavailable() -> str:
    return _(
        "Support is briefly unavailable on our side, so this was not taken. Please "
        "send it again in a minute."
    )


# -- business hours -----------------------------------------------------------------------


def on_weekday(index: int) -> str:
    """ "on Monday" (Monday is 0)."""
    names = (
        _("on Monday"),
        _("on Tuesday"),
        _("on Wednesday"),
        _("on Thursday"),
        _("on Friday"),
        _("on Saturday"),
        _("on Sunday"),
    )
    return names[index]


def opening_time(opens: datetime, now: datetime) -> str:
    """ "on Monday from 09:00 (UTC+3)" in the department's time (`opens` and `now` are
    local); with the date when it is a week or more away."""
    offset = opens.utcoffset() or timedelta(0)
    minutes = round(offset.total_seconds() / 60)
    sign = "+" if minutes >= 0 else "-"
    hours_part, minutes_part = divmod(abs(minutes), 60)
    zone = f"UTC{sign}{hours_part}" + (f":{minutes_part:02d}" if minutes_part else "")
    day = on_weekday(opens.weekday())
    if (opens.date() - now.date()).days >= 7:
        day += opens.strftime(" %d.%m")
    return _("{day} from {time}").format(day=day, time=f"{opens:%H:%M} ({zone})")


def closed_now(when: str) -> str:
    return _(
        "🌙 We're closed now; we'll answer {when}. Your message is saved, "
        "there is no need to write again."
    ).format(when=when)
