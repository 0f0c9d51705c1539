"""Texts of the console that are defined in Python but shown in the reader's language:
marked with N_ for extraction (`make locales`), translated where they are rendered."""


def N_(text: str) -> str:
    return text
