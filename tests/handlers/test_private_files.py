"""A file a customer sends through Telegram is stored private to the service user
(issue 12, point 20): 0600 in 0700 directories under a normal umask."""

from __future__ import annotations

from pathlib import Path

from models import Attachment
from tests.handlers.wizard_support import desk_with_staff_chat, last, press
from tests.support import file_mode


async def test_a_customers_file_is_stored_private(env, tmp_path, umask_022):
    await desk_with_staff_chat(env)
    alice = env.api.add_user(501, "Alice")
    alice.send_text("/start")
    await env.step()
    await press(env, alice, 501, last(env, 501), "New ticket")
    screen = await press(env, alice, 501, last(env, 501), "Tech")
    await press(env, alice, 501, screen, "normal")
    alice.send_text("Scan of my passport")
    await env.step()
    alice.send_text("Attached")
    await env.step()
    alice.send_document("passport.pdf", content=b"%PDF passport scan")
    await env.step()
    summary = await press(env, alice, 501, last(env, 501), "Done")
    await press(env, alice, 501, summary, "Send")

    attachment = await Attachment.get(file_name="passport.pdf")
    stored = tmp_path / "files" / attachment.stored_path
    assert _modes(stored, up_to=tmp_path) == [0o600] + [0o700] * 3  # file, month, year, root


def _modes(path: Path, up_to: Path) -> list[int]:
    """The permission bits of `path` and of each directory above it below `up_to`."""
    modes = []
    while path != up_to:
        modes.append(file_mode(path))
        path = path.parent
    return modes
