"""The presentation for Telegram of what the services do: the renderers of their
notices (bot.services.notices), the staff thread and cards, the mirrored edits.
Services never import it; it imports them."""

from __future__ import annotations


def install() -> None:
    """Registers the notices' renderers; every process (and the tests) calls it once
    before any service runs. Idempotent."""
    from bot.presentation import renderers

    renderers.install()
