"""The new-ticket wizard's screens: one text and one keyboard per step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aiogram.types import InlineKeyboardButton as Button
from aiogram.types import InlineKeyboardMarkup

from bot.ui import texts
from bot.ui.callbacks import WizardAction, WizardCb
from bot.ui.html import MESSAGE_LIMIT, escape, trim_html, visible_length
from bot.ui.keyboards import as_payload

SUBJECT_MAX = 100
MAX_FILES = 20
# The steps the customer counts ("step 3 of 6"); the summary is not one of them.
STEPS = ("department", "category", "priority", "subject", "description", "files")
FIELDS = ("department", "category", "priority", "subject", "description", "files")


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    label: str


def _button(text: str, key: str, action: str, value: int = 0) -> Button:
    return Button(text=text, callback_data=WizardCb(d=key, a=WizardAction(action), v=value).pack())


def _navigation(key: str, *, back: bool = True) -> list[Button]:
    cancel = _button(texts.button_cancel(), key, "cancel")
    return [_button(texts.button_back(), key, "back"), cancel] if back else [cancel]


def _screen(step: str, body: str, rows: list[list[Button]]) -> tuple[str, dict[str, Any]]:
    header = texts.wizard_step(STEPS.index(step) + 1, len(STEPS))
    return header + "\n\n" + body, as_payload(InlineKeyboardMarkup(inline_keyboard=rows))


def choices(
    step: str,
    key: str,
    body: str,
    options: list[Choice],
    *,
    back: bool,
    extra: Sequence[Button] = (),
) -> tuple[str, dict[str, Any]]:
    """Department, category or priority: one button per option, two per row."""
    actions = {
        "department": WizardAction.DEPARTMENT,
        "category": WizardAction.CATEGORY,
        "priority": WizardAction.PRIORITY,
    }
    action = actions[step]
    buttons = [_button(option.label, key, action, option.id) for option in options]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    if extra:
        rows.append(list(extra))
    rows.append(_navigation(key, back=back))
    return _screen(step, body, rows)


def no_category_button(key: str) -> Button:
    return _button(texts.button_no_category(), key, "cat", 0)


def text_step(step: str, key: str, body: str, current: str | None) -> tuple[str, dict[str, Any]]:
    if current:
        body += "\n\n" + texts.current_value(current if len(current) < 200 else current[:199] + "…")
    return _screen(step, body, [_navigation(key)])


def files_step(key: str, count: int) -> tuple[str, dict[str, Any]]:
    main = _button(texts.button_done() if count else texts.button_skip(), key, "done")
    rows = [[main]]
    if count:
        rows[0].append(_button(texts.button_clear_files(), key, "clear"))
    rows.append(_navigation(key))
    return _screen("files", texts.ask_files(count), rows)


def summary(
    key: str,
    *,
    department: str,
    category: str | None,
    priority: str,
    subject: str,
    description: str,
    files: int,
) -> tuple[str, dict[str, Any]]:
    """The whole draft; a description too long for one message is shown trimmed, and
    says so (room is left for the "Sent" line added after Send)."""
    text = texts.summary(department, category, priority, subject, description, files)
    if visible_length(text) > MESSAGE_LIMIT:
        escaped = escape(description)
        note = "\n<i>" + escape(texts.description_shortened()) + "</i>"
        fixed = visible_length(text) - visible_length(escaped) + visible_length(note)
        shown = trim_html(escaped, max(MESSAGE_LIMIT - fixed - 20, 100)) + note
        text = text.replace(escaped, shown, 1)
    rows = [
        [_button(texts.button_send(), key, "send")],
        [_button(texts.button_edit(), key, "edit"), _button(texts.button_cancel(), key, "cancel")],
    ]
    return text, as_payload(InlineKeyboardMarkup(inline_keyboard=rows))


def edit_menu(key: str, has_categories: bool) -> tuple[str, dict[str, Any]]:
    names = {
        "department": texts.field_department(),
        "category": texts.field_category(),
        "priority": texts.field_priority(),
        "subject": texts.field_subject(),
        "description": texts.field_description(),
        "files": texts.field_files(),
    }
    buttons = [
        _button(names[name], key, "field", index)
        for index, name in enumerate(FIELDS)
        if name != "category" or has_categories
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([_button(texts.button_to_summary(), key, "sum")])
    return texts.ask_what_to_edit(), as_payload(InlineKeyboardMarkup(inline_keyboard=rows))


# -- FAQ before a ticket --------------------------------------------------------------------


def faq_list(key: str, articles: list[Choice]) -> tuple[str, dict[str, Any]]:
    """The articles offered (titles in the customer's language), one per row."""
    rows = [[_button("📄 " + a.label, key, "art", a.id)] for a in articles]
    rows.append([_button(texts.button_faq_no(), key, "no")])
    rows.append([_button(texts.button_cancel(), key, "cancel")])
    return texts.faq_offer(), as_payload(InlineKeyboardMarkup(inline_keyboard=rows))


def faq_article(
    key: str, article_id: int, title: str, body: str, *, others: bool
) -> tuple[str, dict[str, Any]]:
    """One article: its title and body (as typed by an admin: escaped, trimmed to fit
    one message with the question under it)."""
    head = f"<b>{escape(title)}</b>\n\n"
    tail = "\n\n" + texts.faq_question()
    room = MESSAGE_LIMIT - visible_length(head) - visible_length(tail) - 20
    shown = trim_html(escape(body), max(room, 100))
    rows = [
        [_button(texts.button_faq_yes(), key, "yes", article_id)],
        [_button(texts.button_faq_no(), key, "no")],
    ]
    if others:
        rows.append([_button(texts.button_faq_others(), key, "faqs")])
    return head + shown + tail, as_payload(InlineKeyboardMarkup(inline_keyboard=rows))


# -- required details of a category -----------------------------------------------------------


def detail_step(key: str, body: str, current: str | None) -> tuple[str, dict[str, Any]]:
    """A required field of the category, asked after the description (counted as part of
    the description step)."""
    return text_step("description", key, body, current)
