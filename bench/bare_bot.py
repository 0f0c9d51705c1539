"""A bare aiogram polling bot, the baseline the helpdesk process is compared with.

`python -m bench.bare_bot STAFF_CHAT_ID` with BOT_TOKEN and TELEGRAM_API_URL in the
environment: long polling (as `python -m bot run` does), in-memory state, nothing else.
A customer's private message is sent to the staff chat as "name: text"; a staff member's
reply to such a message is sent to that customer. That is a pure relay (the shape of
MasterGroosha's telegram-feedback-bot-topics, without its database): the floor for what
a helpdesk must do per message. Idle, it is what any aiogram bot costs in memory.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys

from aiogram import Bot, Dispatcher, F, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message


def relay_router(staff_chat_id: int) -> Router:
    router = Router()
    # The staff chat's message id -> the customer it came from.
    customers: dict[int, int] = {}

    @router.message(F.chat.type == "private", F.text)
    async def from_customer(message: Message, bot: Bot) -> None:
        assert message.from_user is not None and message.text is not None
        sent = await bot.send_message(
            staff_chat_id, f"{message.from_user.full_name}: {message.text}"
        )
        customers[sent.message_id] = message.chat.id

    @router.message(F.chat.id == staff_chat_id, F.reply_to_message, F.text)
    async def from_staff(message: Message, bot: Bot) -> None:
        assert message.reply_to_message is not None and message.text is not None
        customer = customers.get(message.reply_to_message.message_id)
        if customer is not None:
            sent = await bot.send_message(customer, message.text)
            customers[sent.message_id] = customer

    return router


async def main(staff_chat_id: int) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(os.environ["TELEGRAM_API_URL"]))
    bot = Bot(os.environ["BOT_TOKEN"], session=session)
    dp = Dispatcher()
    dp.include_router(relay_router(staff_chat_id))
    await dp.start_polling(bot, allowed_updates=dp.resolve_used_update_types())


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(main(int(sys.argv[1])))
