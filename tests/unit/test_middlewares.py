"""One customer's updates run one at a time; different customers run in parallel."""

import asyncio

from aiogram.types import Update

from bot.middlewares import SerializeByUserMiddleware


def _update(update_id: int, user_id: int) -> Update:
    return Update.model_validate(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 1700000000,
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": user_id, "is_bot": False, "first_name": "U"},
                "text": "x",
            },
        }
    )


async def test_same_user_is_serialized_and_others_are_not():
    middleware = SerializeByUserMiddleware()
    log: list[str] = []
    running = 0
    peak = 0

    async def handler(event, data):
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        log.append(f"start {event.update_id}")
        await asyncio.sleep(0.05)
        log.append(f"end {event.update_id}")
        running -= 1

    await asyncio.gather(
        middleware(handler, _update(1, 7), {}),
        middleware(handler, _update(2, 7), {}),
        middleware(handler, _update(3, 8), {}),
    )
    assert log.index("end 1") < log.index("start 2")  # user 7 in order
    assert peak == 2  # user 8 ran alongside
    assert middleware._locks == {}  # nothing kept for idle users
