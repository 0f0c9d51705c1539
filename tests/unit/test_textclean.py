"""Invisible characters around typed text are dropped; inside it they are kept."""

from __future__ import annotations

import pytest

from bot.services.textclean import strip_invisible

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # joined by zero-width joiners
SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\u200b\u200c\u200d\ufeff\u200e\u200f\u2060\u00ad", ""),
        (" \u200b\n\u200f ", ""),
        ("\u200fשלום\u200e", "שלום"),
        ("\ufeffInvoice 1042\u200b", "Invoice 1042"),
        (f"Our {FAMILY}", f"Our {FAMILY}"),
        (f"Hello from {SCOTLAND}", f"Hello from {SCOTLAND}"),
        ("می\u200cخواهم", "می\u200cخواهم"),
    ],
)
def test_strip_invisible(typed: str, kept: str) -> None:
    assert strip_invisible(typed) == kept
