"""Presentation for Telegram: texts, keyboards, callback data."""
