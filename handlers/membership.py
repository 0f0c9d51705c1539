"""A customer blocking or unblocking the bot (`my_chat_member` in their private chat):
delivery to them stops or resumes, and their open tickets' threads say so."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import ChatMemberUpdated

from bot.presentation import staff_thread


async def changed(event: ChatMemberUpdated) -> None:
    status = event.new_chat_member.status
    if status in ("kicked", "left"):
        await staff_thread.customer_blocked_bot(event.chat.id, blocked=True)
    elif status == "member":
        await staff_thread.customer_blocked_bot(event.chat.id, blocked=False)


def router() -> Router:
    r = Router(name="membership")
    r.my_chat_member.register(changed, F.chat.type == "private")
    return r
