"""The admin REST API, an aiohttp sub-application mounted at /api/v1 (SPEC §6)."""

from admin_api.app import create_admin_app

__all__ = ["create_admin_app"]
