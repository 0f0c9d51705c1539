"""The new-ticket wizard: department → category → priority → subject → description →
required details → files → summary with Send / Edit / Cancel (SPEC §3).

After the category is chosen, and again after the subject is typed, FAQ articles that
may answer the question are offered (bot.services.faq): "Yes, thanks" ends the wizard
and counts a deflection, "No, open a ticket" goes on where it was. The category's
required fields (bot.services.details) are asked after the description, each until
its answer is acceptable.

The draft is FSM data (it survives a restart); every button carries the draft's id,
and the step it was pressed in must be the current one, so stale buttons, a second
tap on Send or a button of an abandoned draft change nothing.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot import telegram_files
from bot.config import Settings
from bot.delivery import outbox
from bot.services import attachments, customer_tickets, details, faq
from bot.services.attachments import StoredFile
from bot.services.customer_tickets import AlreadySubmitted, Draft
from bot.services.errors import DomainError, NotFound
from bot.services.textclean import strip_invisible
from bot.services.tickets import TEXT_LIMIT
from bot.ui import keyboards, texts, wizard
from bot.ui.callbacks import PENDING_NEW, MenuAction, MenuCb, PendingCb, WizardAction, WizardCb
from bot.ui.html import escape
from handlers.customer import followup
from handlers.customer.common import WRITES, attachments_root, complain, not_a_command
from handlers.customer.refusals import Refusal, flags
from handlers.customer.screen import message_of, show, strip
from handlers.customer.states import Chat, NewTicket
from models import Customer

# Seconds the files prompt waits for an album's next file before showing the count.
ALBUM_SETTLE = 1.0


# -- the draft -------------------------------------------------------------------------


def _files(draft: dict[str, Any]) -> list[StoredFile]:
    return [StoredFile.from_json(f) for f in draft.get("files", [])]


async def discard_draft(state: FSMContext, settings: Settings) -> None:
    """Forgets the draft and the copies of its files."""
    data = await state.get_data()
    draft = data.pop("draft", None)
    if draft:
        attachments.discard(await attachments_root(settings), _files(draft))
    await state.set_data(data)


async def _save(state: FSMContext, draft: dict[str, Any], step: str) -> None:
    await state.set_state(getattr(NewTicket, step))
    await state.update_data(draft=draft)


async def _has_categories(draft: dict[str, Any]) -> bool:
    department = draft.get("department_id")
    if not department:
        return False
    return bool(await customer_tickets.categories_of(department))


async def _fields(draft: dict[str, Any]) -> list[details.RequiredField]:
    """The required fields of the draft's category."""
    _, category, _ = await customer_tickets.chosen(None, draft.get("category_id"), None)
    return details.fields_of(category if category is not None and category.active else None)


def _answered(required: details.RequiredField, draft: dict[str, Any]) -> bool:
    if required.kind == details.Kind.SCREENSHOT:
        return bool(draft.get("files"))
    return required.key in draft.get("details", {})


async def _missing_detail(draft: dict[str, Any]) -> int | None:
    """The first required field without an answer, if any."""
    for index, required in enumerate(await _fields(draft)):
        if not _answered(required, draft):
            return index
    return None


async def _next_detail(draft: dict[str, Any], start: int) -> str | None:
    """Points the draft at the next field to ask from `start` on: every one in a first
    run (a screenshot one only while no file is attached), only those still missing
    while editing."""
    fields = await _fields(draft)
    for index in range(start, len(fields)):
        required = fields[index]
        screenshot = required.kind == details.Kind.SCREENSHOT
        if (draft.get("editing") or screenshot) and _answered(required, draft):
            continue
        draft["detail"] = index
        return "detail"
    return None


async def _next(step: str, draft: dict[str, Any]) -> str:
    if step in ("description", "detail"):
        start = draft.get("detail", -1) + 1 if step == "detail" else 0
        found = await _next_detail(draft, start)
        if found is not None:
            return found
        return "summary" if draft.get("editing") else "files"
    if step == "department":
        return (
            "category"
            if await _has_categories(draft)
            else ("summary" if draft.get("editing") else "priority")
        )
    if draft.get("editing"):
        return "summary"
    order = ("category", "priority", "subject", "description", "files", "summary")
    return order[order.index(step) + 1]


async def _previous(step: str, draft: dict[str, Any]) -> str:
    if draft.get("editing") or step == "edit":
        return "summary"
    if step == "faq":
        return (draft.get("faq") or {}).get("from", "department")
    if step == "detail" and draft.get("detail", 0) > 0:
        draft["detail"] -= 1
        return "detail"
    if step == "files" and (fields := await _fields(draft)):
        draft["detail"] = len(fields) - 1
        return "detail"
    if step == "detail":
        return "description"
    if step == "priority" and not await _has_categories(draft):
        return "department"
    order = ("department", "category", "priority", "subject", "description", "files", "summary")
    return order[max(order.index(step) - 1, 0)]


async def _render(step: str, draft: dict[str, Any], language: str | None):
    key = draft["key"]
    if step == "department":
        options = [
            wizard.Choice(d.id, d.name) for d in await customer_tickets.visible_departments()
        ]
        # Back leads to the summary when the department is being changed.
        back = bool(draft.get("editing"))
        return wizard.choices(step, key, texts.ask_department(), options, back=back)
    if step == "category":
        department, _, _ = await customer_tickets.chosen(draft["department_id"], None, None)
        if department is None:
            raise NotFound("this department is not available")
        options = [
            wizard.Choice(c.id, f"{c.color} {c.name}".strip())
            for c in await customer_tickets.categories_of(department.id)
        ]
        return wizard.choices(
            step,
            key,
            texts.ask_category(department.name),
            options,
            back=True,
            extra=[wizard.no_category_button(key)],
        )
    if step == "priority":
        chosen = draft.get("priority_id")
        options = [
            wizard.Choice(
                p.id,
                f"{p.color} {texts.priority_name(p.name)}".strip()
                + (" ✓" if p.id == chosen else ""),
            )
            for p in await customer_tickets.priorities()
        ]
        return wizard.choices(step, key, texts.ask_priority(), options, back=True)
    if step == "subject":
        body = texts.ask_subject(wizard.SUBJECT_MAX)
        return wizard.text_step(step, key, body, draft.get("subject"))
    if step == "description":
        return wizard.text_step(step, key, texts.ask_description(), draft.get("description"))
    if step == "files":
        return wizard.files_step(key, len(draft.get("files", [])))
    if step == "edit":
        return wizard.edit_menu(key, await _has_categories(draft))
    if step == "faq":
        return await _faq_screen(draft)
    if step == "detail":
        fields = await _fields(draft)
        index = draft.get("detail", 0)
        if not 0 <= index < len(fields):  # the category changed meanwhile
            return await _summary(draft)
        required = fields[index]
        label = required.label_in(texts.reader_language())
        if required.kind == details.Kind.SCREENSHOT:
            return wizard.detail_step(key, texts.ask_detail_screenshot(label), None)
        ask = texts.ask_detail_number if required.kind == details.Kind.NUMBER else texts.ask_detail
        return wizard.detail_step(key, ask(label), draft.get("details", {}).get(required.key))
    return await _summary(draft)


async def _faq_screen(draft: dict[str, Any]):
    offer = draft.get("faq") or {}
    articles = await faq.offered(offer.get("ids", []), draft["department_id"])
    language = texts.reader_language()
    opened = next((a for a in articles if a.id == offer.get("open")), None)
    if opened is not None:
        return wizard.faq_article(
            draft["key"],
            opened.id,
            opened.title_in(language),
            opened.body_in(language),
            others=len(articles) > 1,
        )
    choices = [wizard.Choice(a.id, a.title_in(language)) for a in articles]
    return wizard.faq_list(draft["key"], choices)


async def _articles_for(step: str, draft: dict[str, Any]) -> list[Any]:
    """FAQ articles to offer after `step` (none while the customer edits a draft)."""
    if draft.get("editing") or step not in ("category", "subject"):
        return []
    seen = draft.get("faq_seen", [])
    if step == "category":
        _, category, _ = await customer_tickets.chosen(None, draft.get("category_id"), None)
        if category is None:
            return []
        return await faq.for_category(
            draft["department_id"], category.id, category.name, exclude=seen
        )
    return await faq.suggest(
        draft.get("subject", ""), draft["department_id"], draft.get("category_id"), exclude=seen
    )


async def _on_from(
    chat_id: int, state: FSMContext, draft: dict[str, Any], step: str, *, edit: int | None = None
) -> None:
    """Goes on after `step`: to the FAQ articles that match, if any, else to the next step."""
    articles = await _articles_for(step, draft)
    if articles:
        draft["faq"] = {"from": step, "ids": [a.id for a in articles], "open": 0}
        await go(chat_id, state, draft, "faq", edit=edit)
        return
    await go(chat_id, state, draft, await _next(step, draft), edit=edit)


async def _summary(draft: dict[str, Any]):
    department, category, priority = await customer_tickets.chosen(
        draft.get("department_id"), draft.get("category_id"), draft.get("priority_id")
    )
    return wizard.summary(
        draft["key"],
        department=department.name if department else "—",
        category=category.name if category else None,
        priority=f"{priority.color} {texts.priority_name(priority.name)}".strip()
        if priority
        else "—",
        subject=draft.get("subject", ""),
        description=draft.get("description", ""),
        files=len(draft.get("files", [])),
    )


async def go(
    chat_id: int,
    state: FSMContext,
    draft: dict[str, Any],
    step: str,
    *,
    edit: int | None = None,
    update: bool = False,
    settle: float = 0.0,
) -> None:
    """Shows `step` of the draft and makes it the current one."""
    text, markup = await _render(step, draft, None)
    draft["screen"] = await show(
        chat_id, draft.get("screen"), text, markup, edit=edit, update=update, settle=settle
    )
    await _save(state, draft, step)


async def start(
    chat_id: int,
    state: FSMContext,
    settings: Settings,
    *,
    edit: int | None = None,
    description: str = "",
    files: list[dict[str, Any]] | None = None,
) -> None:
    """A new draft (an unfinished one is dropped), optionally with a description and
    files the customer already sent."""
    old = (await state.get_data()).get("draft")
    if old and (edit is None or await message_of(old.get("screen")) != edit):
        await strip(chat_id, old.get("screen"))
    await discard_draft(state, settings)
    if not await customer_tickets.visible_departments():
        await outbox.send_text(chat_id, texts.no_departments())
        return
    draft: dict[str, Any] = {
        "key": secrets.token_hex(4),
        "files": files or [],
        "description": description,
    }
    await go(chat_id, state, draft, "department", edit=edit)


async def _current(state: FSMContext) -> tuple[str | None, dict[str, Any] | None]:
    current = await state.get_state()
    if not current or not current.startswith(f"{NewTicket.__name__}:"):
        return None, None
    return current.split(":", 1)[1], (await state.get_data()).get("draft")


# -- entry points ------------------------------------------------------------------------


async def new_command(message: Message, state: FSMContext, settings: Settings) -> None:
    await start(message.chat.id, state, settings)


async def new_button(query: CallbackQuery, state: FSMContext, settings: Settings) -> None:
    if not isinstance(query.message, Message):
        await query.answer(texts.not_available(), show_alert=True)
        return
    await start(query.message.chat.id, state, settings)
    await query.answer()


async def pending_new(query: CallbackQuery, state: FSMContext, settings: Settings) -> None:
    """A new ticket with the untied message (handlers/customer/followup.py kept it)."""
    pending = await followup.pending_of(query, state)
    if pending is None:
        return
    assert isinstance(query.message, Message)
    await state.update_data(pending=None)
    chat_id, here = query.message.chat.id, query.message.message_id
    text, files = pending.get("text", ""), pending.get("files", [])
    await start(chat_id, state, settings, edit=here, description=text, files=files)
    await query.answer()


async def cancel_command(message: Message, state: FSMContext, settings: Settings) -> None:
    """/cancel: drops the draft, or stops adding messages to a ticket."""
    _, draft = await _current(state)
    data = await state.get_data()
    if draft is not None:
        await strip(message.chat.id, draft.get("screen"))
        await discard_draft(state, settings)
        text = texts.wizard_cancelled()
    elif await state.get_state() == Chat.ticket.state and data.get("chat"):
        text = await _stop_writing(message.chat.id, data)
    else:
        text = texts.nothing_to_cancel()
    await state.set_state(None)
    await outbox.send_text(message.chat.id, text, reply_markup=keyboards.main_menu())


async def _stop_writing(chat_id: int, data: dict[str, Any]) -> str:
    """The open conversation's screen loses its button; what /cancel says about it."""
    await strip(chat_id, data.get("chat_screen"))
    number = await customer_tickets.ticket_number(data["chat"])
    return texts.stopped_writing(number) if number is not None else texts.nothing_to_cancel()


# -- buttons -------------------------------------------------------------------------------


async def _choose(step: str, draft: dict[str, Any], value: int) -> bool:
    """Records a department / category / priority choice if it is a valid option."""
    if step == "department":
        if value not in {d.id for d in await customer_tickets.visible_departments()}:
            return False
        if draft.get("department_id") != value:
            draft["category_id"] = None
        draft["department_id"] = value
    elif step == "category":
        valid = {c.id for c in await customer_tickets.categories_of(draft["department_id"])}
        if value and value not in valid:
            return False
        draft["category_id"] = value or None
    else:
        if value not in {p.id for p in await customer_tickets.priorities()}:
            return False
        draft["priority_id"] = value
    return True


async def _pressed(
    query: CallbackQuery, callback_data: WizardCb, state: FSMContext, expected: str | None
) -> tuple[str, dict[str, Any]] | None:
    """The current step and draft when a wizard button acts: it is of this draft, pressed
    in the `expected` step (None: any) on the current screen. Else None, the press
    answered."""
    step, draft = await _current(state)
    if (
        not isinstance(query.message, Message)
        or step is None  # (None only with no draft)
        or draft is None
        or draft["key"] != callback_data.d
    ):
        sent = (await state.get_data()).get("sent") == callback_data.d
        await query.answer(texts.already_sent() if sent else texts.draft_gone(), show_alert=True)
        return None
    if expected is not None and expected != step:
        await query.answer(texts.not_available(), show_alert=True)
        return None
    # Only the current screen acts: an older one whose buttons were not removed yet
    # would otherwise come alive next to it. (A screen still on its way may be the one
    # just tapped.) Send is the exception - a file that arrived just before the tap
    # re-sent the summary - and removes the current screen's buttons.
    shown = await message_of(draft.get("screen"))
    here = query.message.message_id
    if callback_data.a != WizardAction.SEND and shown is not None and shown != here:
        await query.answer(texts.not_available(), show_alert=True)
        return None
    return step, draft


async def _go_to(query: CallbackQuery, state: FSMContext, draft: dict[str, Any], step: str) -> None:
    """Shows `step` in the pressed message and answers the press."""
    assert isinstance(query.message, Message)
    await go(query.message.chat.id, state, draft, step, edit=query.message.message_id)
    await query.answer()


async def cancel_button(
    query: CallbackQuery, callback_data: WizardCb, state: FSMContext, settings: Settings
) -> None:
    if await _pressed(query, callback_data, state, None) is None:
        return
    assert isinstance(query.message, Message)
    await discard_draft(state, settings)
    await state.set_state(None)
    await outbox.edit_text(
        query.message.chat.id,
        query.message.message_id,
        texts.wizard_cancelled(),
        reply_markup=keyboards.main_menu(),
    )
    await query.answer()


async def back_button(query: CallbackQuery, callback_data: WizardCb, state: FSMContext) -> None:
    if (pressed := await _pressed(query, callback_data, state, None)) is None:
        return
    step, draft = pressed
    await _go_to(query, state, draft, await _previous(step, draft))


_CHOICE_STEPS = {
    WizardAction.DEPARTMENT: "department",
    WizardAction.CATEGORY: "category",
    WizardAction.PRIORITY: "priority",
}


async def choice_button(query: CallbackQuery, callback_data: WizardCb, state: FSMContext) -> None:
    """A department, category or priority chosen."""
    step = _CHOICE_STEPS[callback_data.a]
    if (pressed := await _pressed(query, callback_data, state, step)) is None:
        return
    _, draft = pressed
    if not await _choose(step, draft, callback_data.v):
        await query.answer(texts.not_available(), show_alert=True)
        return
    assert isinstance(query.message, Message)
    await _on_from(query.message.chat.id, state, draft, step, edit=query.message.message_id)
    await query.answer()


async def article_button(query: CallbackQuery, callback_data: WizardCb, state: FSMContext) -> None:
    """An article offered opened (or, `v` = 0, the list of them again)."""
    if (pressed := await _pressed(query, callback_data, state, "faq")) is None:
        return
    _, draft = pressed
    offer = draft.get("faq") or {}
    opening = callback_data.a == WizardAction.ARTICLE
    if opening and callback_data.v not in offer.get("ids", []):
        await query.answer(texts.not_available(), show_alert=True)
        return
    offer["open"] = callback_data.v if opening else 0
    await _go_to(query, state, draft, "faq")


async def no_article_button(
    query: CallbackQuery, callback_data: WizardCb, state: FSMContext
) -> None:
    """No article answered it: not offered again in this draft, on with the ticket."""
    if (pressed := await _pressed(query, callback_data, state, "faq")) is None:
        return
    _, draft = pressed
    offer = draft.get("faq") or {}
    draft["faq_seen"] = [*draft.get("faq_seen", []), *offer.get("ids", [])]
    draft.pop("faq", None)
    await _go_to(query, state, draft, await _next(offer.get("from", "subject"), draft))


async def yes_button(
    query: CallbackQuery,
    callback_data: WizardCb,
    state: FSMContext,
    customer: Customer,
    settings: Settings,
) -> None:
    if (pressed := await _pressed(query, callback_data, state, "faq")) is None:
        return
    await _deflected(query, state, pressed[1], customer, settings, callback_data.v)


async def clear_button(
    query: CallbackQuery, callback_data: WizardCb, state: FSMContext, settings: Settings
) -> None:
    """The files attached so far are dropped."""
    if (pressed := await _pressed(query, callback_data, state, "files")) is None:
        return
    _, draft = pressed
    attachments.discard(await attachments_root(settings), _files(draft))
    draft["files"] = []
    await _go_to(query, state, draft, "files")


# A button that only moves to another step: the step it is pressed in, the one it shows.
_MOVES = {
    WizardAction.DONE: ("files", "summary"),
    WizardAction.EDIT: ("summary", "edit"),
    WizardAction.SUMMARY: ("edit", "summary"),
}


async def move_button(query: CallbackQuery, callback_data: WizardCb, state: FSMContext) -> None:
    """Done (files), Edit (summary), To the summary (edit menu)."""
    expected, target = _MOVES[callback_data.a]
    if (pressed := await _pressed(query, callback_data, state, expected)) is None:
        return
    await _go_to(query, state, pressed[1], target)


async def field_button(query: CallbackQuery, callback_data: WizardCb, state: FSMContext) -> None:
    """A field of the edit menu: its step, then back to the summary."""
    if (pressed := await _pressed(query, callback_data, state, "edit")) is None:
        return
    _, draft = pressed
    if not 0 <= callback_data.v < len(wizard.FIELDS):
        await query.answer(texts.not_available(), show_alert=True)
        return
    draft["editing"] = True
    await _go_to(query, state, draft, wizard.FIELDS[callback_data.v])


async def send_button(
    query: CallbackQuery, callback_data: WizardCb, state: FSMContext, customer: Customer
) -> None:
    if (pressed := await _pressed(query, callback_data, state, "summary")) is None:
        return
    await _send(query, state, pressed[1], customer)


async def _deflected(
    query: CallbackQuery,
    state: FSMContext,
    draft: dict[str, Any],
    customer: Customer,
    settings: Settings,
    article: int,
) -> None:
    """The article solved it: no ticket, the draft is dropped and the deflection counted."""
    assert isinstance(query.message, Message)
    if article not in (draft.get("faq") or {}).get("ids", []):
        await query.answer(texts.not_available(), show_alert=True)
        return
    # (NotFound: switched off since it was shown - refused as Refusal.DEFLECT.)
    await faq.deflect(article, draft["department_id"], customer)
    await discard_draft(state, settings)
    await state.set_state(None)
    await outbox.edit_text(
        query.message.chat.id,
        query.message.message_id,
        texts.faq_deflected(),
        reply_markup=keyboards.main_menu(),
    )
    await query.answer()


async def _gone_choice(draft: dict[str, Any]) -> str | None:
    """The step whose choice was switched off since it was made (an admin hid the
    department, deactivated the category or priority), if any."""
    department = draft.get("department_id")
    if department not in {d.id for d in await customer_tickets.visible_departments()}:
        return "department"
    category = draft.get("category_id")
    if category and category not in {
        c.id for c in await customer_tickets.categories_of(department)
    }:
        return "category"
    priority = draft.get("priority_id")
    if priority and priority not in {p.id for p in await customer_tickets.priorities()}:
        return "priority"
    return None


async def _choose_again(
    query: CallbackQuery, state: FSMContext, draft: dict[str, Any], step: str
) -> None:
    """Asks for a choice that is no longer available; the rest of the draft is kept
    and the customer returns to the summary."""
    assert isinstance(query.message, Message)
    chat_id, here = query.message.chat.id, query.message.message_id
    if step == "category":
        draft["category_id"] = None
    elif step == "priority":
        draft["priority_id"] = None
    draft["editing"] = True
    await go(chat_id, state, draft, step, edit=here)
    await query.answer(texts.choice_gone(), show_alert=True)


async def _send(
    query: CallbackQuery, state: FSMContext, draft: dict[str, Any], customer: Customer
) -> None:
    assert isinstance(query.message, Message)
    chat_id, here = query.message.chat.id, query.message.message_id
    if await message_of(draft.get("screen")) != here:
        await strip(chat_id, draft.get("screen"))
    gone = await _gone_choice(draft)
    if gone is not None:
        await _choose_again(query, state, draft, gone)
        return
    missing = await _missing_detail(draft)
    if missing is not None:
        # The category (changed in Edit) asks for more, or its screenshot was cleared.
        draft["editing"] = True
        draft["detail"] = missing
        await go(chat_id, state, draft, "detail", edit=here)
        await query.answer(texts.detail_missing(), show_alert=True)
        return
    answers = [
        details.stored(f, draft.get("details", {}).get(f.key, "")) for f in await _fields(draft)
    ]
    try:
        ticket = await customer_tickets.submit(
            customer,
            Draft(
                department_id=draft["department_id"],
                category_id=draft.get("category_id"),
                priority_id=draft.get("priority_id"),
                subject=draft.get("subject", ""),
                description=draft.get("description", ""),
                files=_files(draft),
                details=answers,
            ),
            draft["key"],
        )
    except AlreadySubmitted:
        raise  # refused as Refusal.SEND
    except DomainError:
        # Switched off between the check above and the ticket: choose again.
        await _choose_again(query, state, draft, "department")
        return
    text, _ = await _summary(draft)
    await outbox.edit_text(chat_id, here, text + "\n\n" + texts.wizard_sent())
    data = await state.get_data()
    data.pop("draft", None)
    # Files of an album still arriving after Send are added to the new ticket.
    await state.set_data({**data, "sent": draft["key"], "chat": ticket.id})
    await state.set_state(Chat.ticket)
    await query.answer()


# -- what the customer types or sends during the wizard --------------------------------


async def _add_file(
    message: Message, bot: Bot, settings: Settings, draft: dict[str, Any]
) -> str | None:
    """Adds the message's file to the draft; returns a complaint when it is refused."""
    incoming = telegram_files.file_of(message)
    assert incoming is not None
    if incoming.too_big:
        return texts.file_too_big(incoming.file_name)
    if len(draft.get("files", [])) >= wizard.MAX_FILES:
        return texts.too_many_files(wizard.MAX_FILES)
    stored = await telegram_files.keep(bot, incoming, await attachments_root(settings))
    draft.setdefault("files", []).append(stored.as_json())
    return None


def _same_album(message: Message, draft: dict[str, Any]) -> bool:
    group = message.media_group_id
    same = group is not None and draft.get("group") == group
    draft["group"] = group
    return same


async def _add_to_description(chat_id: int, draft: dict[str, Any], text: str) -> bool:
    """Appends a later text or caption to the description, within the length limit."""
    combined = (draft.get("description", "") + "\n\n" + text).strip()
    if len(combined) > TEXT_LIMIT:
        await outbox.send_text(chat_id, texts.text_too_long(TEXT_LIMIT))
        return False
    draft["description"] = combined
    return True


class Typed:
    """A message sent in a wizard step, with what the step handlers need of it."""

    def __init__(
        self,
        step: str,
        message: Message,
        state: FSMContext,
        bot: Bot,
        settings: Settings,
        draft: dict[str, Any],
    ) -> None:
        self.step = step
        self.message = message
        self.state = state
        self.bot = bot
        self.settings = settings
        self.draft = draft
        self.chat_id = message.chat.id
        self.incoming = telegram_files.file_of(message)
        self.text = strip_invisible(message.text or message.caption or "")

    async def add_file(self) -> str | None:
        return await _add_file(self.message, self.bot, self.settings, self.draft)

    async def complain(self, text: str) -> None:
        await complain(self.chat_id, self.message, self.draft, text)

    async def keep(self) -> None:
        """The draft saved as it is, the step unchanged."""
        await self.state.update_data(draft=self.draft)

    async def say(self, text: str) -> None:
        await outbox.send_text(self.chat_id, text)

    async def go(self, step: str, *, update: bool = False, settle: float = 0.0) -> None:
        await go(self.chat_id, self.state, self.draft, step, update=update, settle=settle)


StepHandler = Callable[[Typed], Awaitable[None]]


async def _typed(
    step: StepHandler,
    message: Message,
    state: FSMContext,
    bot: Bot,
    customer: Customer,
    settings: Settings,
) -> None:
    """Runs `step`, the handler of the step the state filter matched (the state is read
    under the customer's lock, bot.middlewares.UserIsolation, so it is the one the
    previous update left). A step without its draft (expired, or cleared by a Send
    of another instance) takes the message as a follow-up."""
    current, draft = await _current(state)
    if current is None or draft is None:
        await followup.incoming(message, state, bot, customer, settings)
        return
    await step(Typed(current, message, state, bot, settings, draft))


# One handler per step, registered with that step's StateFilter.


async def subject_typed(
    message: Message, state: FSMContext, bot: Bot, customer: Customer, settings: Settings
) -> None:
    await _typed(_subject, message, state, bot, customer, settings)


async def description_typed(
    message: Message, state: FSMContext, bot: Bot, customer: Customer, settings: Settings
) -> None:
    await _typed(_description, message, state, bot, customer, settings)


async def detail_typed(
    message: Message, state: FSMContext, bot: Bot, customer: Customer, settings: Settings
) -> None:
    await _typed(_detail, message, state, bot, customer, settings)


async def files_typed(
    message: Message, state: FSMContext, bot: Bot, customer: Customer, settings: Settings
) -> None:
    await _typed(_files_step, message, state, bot, customer, settings)


async def summary_typed(
    message: Message, state: FSMContext, bot: Bot, customer: Customer, settings: Settings
) -> None:
    await _typed(_summary_typed, message, state, bot, customer, settings)


async def button_step_typed(
    message: Message, state: FSMContext, bot: Bot, customer: Customer, settings: Settings
) -> None:
    """Typed in a step that takes a button (department, category, priority, edit, FAQ)."""
    await _typed(_button_step, message, state, bot, customer, settings)


async def _subject(typed: Typed) -> None:
    if typed.message.text is None:
        await typed.say(texts.text_expected(texts.what_subject()))
        return
    subject = strip_invisible(" ".join(typed.text.split()))
    if not subject:
        await typed.say(texts.nothing_visible(texts.what_subject()))
        return
    if len(subject) > wizard.SUBJECT_MAX:
        await typed.say(texts.subject_too_long(wizard.SUBJECT_MAX, len(subject)))
        return
    typed.draft["subject"] = subject
    await _on_from(typed.chat_id, typed.state, typed.draft, "subject")


async def _description(typed: Typed) -> None:
    if typed.incoming is None and typed.message.text is None:
        await typed.say(texts.text_expected(texts.what_description()))
        return
    if typed.incoming is None and not typed.text:
        await typed.say(texts.nothing_visible(texts.what_description()))
        return
    album = _same_album(typed.message, typed.draft)
    if typed.incoming is not None:
        complaint = await typed.add_file()
        if complaint:
            await typed.complain(complaint)
            await typed.keep()
            return
    if not typed.text:
        await typed.keep()
        if not album:  # an album is acknowledged once
            await typed.say(texts.file_saved_describe())
        return
    if len(typed.text) > TEXT_LIMIT:
        await typed.say(texts.text_too_long(TEXT_LIMIT))
        return
    typed.draft["description"] = typed.text
    await typed.go(await _next("description", typed.draft))


async def _file_to(typed: Typed, step: str) -> None:
    """A file sent to the files step or the summary: attached, its caption added to the
    description, and the step shown again with the count."""
    album = _same_album(typed.message, typed.draft)
    complaint = await typed.add_file()
    if complaint:
        await typed.complain(complaint)
    if typed.text:  # every caption counts, also one on a later file of an album
        await _add_to_description(typed.chat_id, typed.draft, typed.text)
    if complaint and album:  # the album's screen already shows what was kept
        await typed.keep()
        return
    if step == "files":
        # One prompt, edited in place as the button steps are; an album's files
        # are counted into one edit.
        settle = ALBUM_SETTLE if typed.message.media_group_id else 0.0
        await typed.go(step, update=True, settle=settle)
        return
    await typed.go(step, update=album)


async def _files_step(typed: Typed) -> None:
    if typed.incoming is not None:
        await _file_to(typed, "files")
        return
    if typed.message.text is None:
        await _button_step(typed)
        return
    if not typed.text:
        await typed.say(texts.empty_message())
        return
    if not await _add_to_description(typed.chat_id, typed.draft, typed.text):
        return
    typed.draft["group"] = None
    await typed.say(texts.added_to_description())
    await typed.go("files")


async def _summary_typed(typed: Typed) -> None:
    if typed.incoming is not None:
        await _file_to(typed, "summary")
        return
    await _button_step(typed)


async def _detail(typed: Typed) -> None:
    await _detail_typed(
        typed.message,
        typed.state,
        typed.bot,
        typed.settings,
        typed.draft,
        typed.incoming,
        typed.text,
    )


async def _button_step(typed: Typed) -> None:
    """A button step (department, category, priority, summary, edit, FAQ): asked again."""
    if telegram_files.unsupported(typed.message):
        await typed.say(texts.unsupported_content())
        return
    await typed.say(texts.use_the_buttons())
    typed.draft["group"] = None
    await typed.go(typed.step)


async def _detail_typed(
    message: Message,
    state: FSMContext,
    bot: Bot,
    settings: Settings,
    draft: dict[str, Any],
    incoming: Any,
    text: str,
) -> None:
    """An answer to a required field: kept and on to the next when it is acceptable,
    else said why and asked again."""
    chat_id = message.chat.id
    fields = await _fields(draft)
    index = draft.get("detail", 0)
    if not 0 <= index < len(fields):  # the category changed meanwhile
        await go(chat_id, state, draft, await _next("detail", draft))
        return
    required = fields[index]
    label = required.label_in(texts.reader_language())
    album = incoming is not None and _same_album(message, draft)
    if album and required.kind != details.Kind.SCREENSHOT:
        # The rest of an album whose first item answered the step before (the
        # description, a screenshot): its files are the draft's, as in the files step.
        complaint = await _add_file(message, bot, settings, draft)
        if complaint:
            await complain(chat_id, message, draft, complaint)
        if text:
            await _add_to_description(chat_id, draft, text)
        await state.update_data(draft=draft)
        return
    if required.kind == details.Kind.SCREENSHOT:
        if incoming is None:
            await outbox.send_text(chat_id, texts.detail_screenshot_expected(label))
            return
        complaint = await _add_file(message, bot, settings, draft)
        if complaint:
            await complain(chat_id, message, draft, complaint)
            await state.update_data(draft=draft)
            return
        if text and not await _add_to_description(chat_id, draft, text):
            await state.update_data(draft=draft)
            return
        await go(chat_id, state, draft, await _next("detail", draft))
        return
    if message.text is None:
        await outbox.send_text(chat_id, texts.text_expected(escape(label)))
        return
    answer = " ".join(text.split())
    if not answer:
        await outbox.send_text(chat_id, texts.nothing_visible(escape(label)))
        return
    problem = details.check(required, answer)
    if problem == details.Problem.TOO_LONG:
        await outbox.send_text(chat_id, texts.detail_too_long(label, required.max_length))
        return
    if problem == details.Problem.NUMBER:
        await outbox.send_text(chat_id, texts.detail_number_expected(label))
        return
    if problem == details.Problem.FORMAT:
        hint = required.hint_in(texts.reader_language())
        await outbox.send_text(chat_id, texts.detail_bad_format(label, hint))
        return
    draft.setdefault("details", {})[required.key] = answer
    await go(chat_id, state, draft, await _next("detail", draft))


def router() -> Router:
    r = Router(name="customer.wizard")
    r.message.register(new_command, Command("new"), flags=WRITES)
    r.message.register(cancel_command, Command("cancel"))
    r.callback_query.register(new_button, MenuCb.filter(F.action == MenuAction.NEW), flags=WRITES)
    r.callback_query.register(pending_new, PendingCb.filter(F.t == PENDING_NEW), flags=WRITES)
    button = WizardCb.filter
    query = r.callback_query
    query.register(cancel_button, button(F.a == WizardAction.CANCEL), flags=WRITES)
    query.register(back_button, button(F.a == WizardAction.BACK), flags=WRITES)
    query.register(choice_button, button(F.a.in_(_CHOICE_STEPS)), flags=WRITES)
    articles = (WizardAction.ARTICLE, WizardAction.ARTICLES)
    query.register(article_button, button(F.a.in_(articles)), flags=WRITES)
    query.register(no_article_button, button(F.a == WizardAction.NO), flags=WRITES)
    deflect = flags(Refusal.DEFLECT, **WRITES)
    query.register(yes_button, button(F.a == WizardAction.YES), flags=deflect)
    query.register(clear_button, button(F.a == WizardAction.CLEAR), flags=WRITES)
    query.register(move_button, button(F.a.in_(_MOVES)), flags=WRITES)
    query.register(field_button, button(F.a == WizardAction.FIELD), flags=WRITES)
    send = flags(Refusal.SEND, **WRITES)
    query.register(send_button, button(F.a == WizardAction.SEND), flags=send)
    typed = r.message
    plain = (not_a_command,)
    typed.register(subject_typed, StateFilter(NewTicket.subject), *plain, flags=WRITES)
    typed.register(description_typed, StateFilter(NewTicket.description), *plain, flags=WRITES)
    typed.register(detail_typed, StateFilter(NewTicket.detail), *plain, flags=WRITES)
    typed.register(files_typed, StateFilter(NewTicket.files), *plain, flags=WRITES)
    typed.register(summary_typed, StateFilter(NewTicket.summary), *plain, flags=WRITES)
    button_steps = StateFilter(
        NewTicket.department, NewTicket.category, NewTicket.priority, NewTicket.edit, NewTicket.faq
    )
    typed.register(button_step_typed, button_steps, *plain, flags=WRITES)
    return r
