"""Telegram helpdesk: application core."""
