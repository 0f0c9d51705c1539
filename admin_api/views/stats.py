"""Admin API views: stats."""

from __future__ import annotations

from admin_api.registry import Registry


def register(api: Registry) -> None:
    """Routes of this module (filled in as the resources land)."""
