"""Delivery to Telegram: the outbox and its sender (SPEC §8)."""
