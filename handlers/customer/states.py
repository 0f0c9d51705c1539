"""FSM states of the private chat; their data lives in the FSM storage (database or
Redis), so a draft or an open conversation survives a restart."""

from aiogram.fsm.state import State, StatesGroup


class NewTicket(StatesGroup):
    department = State()
    category = State()
    priority = State()
    subject = State()
    description = State()
    files = State()
    summary = State()
    edit = State()
    faq = State()  # FAQ articles offered before the ticket (after the category or subject)
    detail = State()  # a required field of the category (the draft's `detail` index)


class Chat(StatesGroup):
    """Messages go to the ticket in the data's `chat` key (Reply was pressed)."""

    ticket = State()


class Feedback(StatesGroup):
    """Waiting for the optional CSAT comment of the data's `csat` ticket."""

    comment = State()
