"""The presentation for Telegram of what the services do: the renderers of their
notices (bot.services.notices), the staff thread and cards, the mirrored edits.
Services never import it; it imports them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings


def install(process: Settings) -> None:
    """Registers the notices' renderers, with the process configuration `process`
    (the staff chat and attachments directory they fall back to); every process (and
    the tests) calls it before any service runs. Idempotent."""
    from bot.presentation import renderers

    renderers.install(process)
