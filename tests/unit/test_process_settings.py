"""The process-backed runtime settings (the staff chat, the attachments directory) fall
back to the process configuration each caller passes in - no module state: two
configurations in one process give two fallbacks."""

from __future__ import annotations

from pathlib import Path

from bot import presentation
from bot.config import Settings
from bot.i18n import create_i18n
from bot.services.settings import (
    StoredSettings,
    runtime_settings,
    stored_settings,
    update_settings,
)
from bot.services.staff_chats import staff_chat_for, staff_chat_ids
from models import Department, Ticket
from tests.factories import make_desk, open_ticket

A_CHAT, B_CHAT, OWN_CHAT, STORED_CHAT = -100111, -100222, -100333, -100444


def _process(chat: int | None, files: str) -> Settings:
    return Settings.model_construct(staff_chat_id=chat, attachments_dir=Path(files))


async def test_the_fallbacks_follow_the_settings_passed_in(db):
    a, b = _process(A_CHAT, "/srv/a"), _process(B_CHAT, "/srv/b")
    desk = await make_desk()
    await Department.filter(id=desk.tech.id).update(staff_chat_id=OWN_CHAT)
    tech = await Department.get(id=desk.tech.id)

    assert (await runtime_settings(a)).staff_chat_id == A_CHAT
    assert (await runtime_settings(b)).staff_chat_id == B_CHAT
    assert (await runtime_settings(a)).attachments_dir == "/srv/a"
    assert (await runtime_settings(b)).attachments_dir == "/srv/b"
    assert await staff_chat_for(desk.billing, a) == A_CHAT
    assert await staff_chat_for(desk.billing, b) == B_CHAT
    assert await staff_chat_for(tech, a) == OWN_CHAT  # a department's own chat wins
    assert await staff_chat_ids(a) == {A_CHAT, OWN_CHAT}
    assert await staff_chat_ids(b) == {B_CHAT, OWN_CHAT}
    assert await staff_chat_ids(_process(None, "/srv/c")) == {OWN_CHAT}

    # A stored value stands for every process; reset, each falls back to its own again.
    await update_settings({"staff_chat_id": STORED_CHAT, "attachments_dir": "/srv/stored"})
    for process in (a, b):
        current = await runtime_settings(process)
        assert (current.staff_chat_id, current.attachments_dir) == (STORED_CHAT, "/srv/stored")
        assert await staff_chat_for(desk.billing, process) == STORED_CHAT
    await update_settings({"staff_chat_id": None, "attachments_dir": None})
    assert await staff_chat_for(desk.billing, a) == A_CHAT
    assert (await runtime_settings(b)).attachments_dir == "/srv/b"


async def test_the_stored_settings_need_no_process(db):
    await update_settings({"auto_close_hours": 12, "round_robin": True})
    assert await stored_settings() == StoredSettings(
        auto_close_hours=12,
        reopen_window_days=(await runtime_settings(_process(None, "/x"))).reopen_window_days,
        round_robin=True,
        sla_pause_while_waiting=(
            await runtime_settings(_process(None, "/x"))
        ).sla_pause_while_waiting,
    )


async def test_a_new_ticket_goes_to_the_staff_chat_of_the_installed_configuration(db):
    desk = await make_desk()
    with create_i18n("en").context():
        presentation.install(_process(A_CHAT, "/srv/a"))
        first = await open_ticket(desk.alice, desk.billing)
        presentation.install(_process(B_CHAT, "/srv/b"))
        second = await open_ticket(desk.alice, desk.billing)
    stored = {t.id: t.staff_chat_id for t in await Ticket.all()}
    assert stored == {first.id: A_CHAT, second.id: B_CHAT}
    assert (first.staff_chat_id, second.staff_chat_id) == (A_CHAT, B_CHAT)
