"""The web console at /console: dashboard, tickets and configuration for admins and
team leads, server-rendered on the same services as the admin API."""

from console.app import create_console_app

__all__ = ["create_console_app"]
