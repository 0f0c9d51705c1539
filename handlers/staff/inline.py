"""Inline mode for agents: `@bot query` searches the canned answers of their departments."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
)

from bot.services import staff
from models import Agent


async def search(query: InlineQuery, agent: Agent | None) -> None:
    if agent is None:
        await query.answer([], cache_time=5, is_personal=True)
        return
    found = await staff.search_templates(agent, query.query[:64])
    results: list[InlineQueryResultUnion] = [
        InlineQueryResultArticle(
            id=str(t.id),
            title=f"/{t.shortcut} · {t.title}"[:256],
            description=t.text[:200],
            input_message_content=InputTextMessageContent(message_text=t.text[:4096]),
        )
        for t in found
    ]
    await query.answer(results, cache_time=5, is_personal=True)


def router() -> Router:
    r = Router(name="staff.inline")
    r.inline_query.register(search)
    return r
