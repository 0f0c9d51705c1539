"""The demo desk: who is in the emulated Telegram world and what the desk is configured with.

The world (users and groups in the emulator) and the desk (rows in the database) name the
same people by the same Telegram ids. The desk is created through the services, as the
admin API would create it, so what the sandbox shows is what a configured desk does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.services import directory, people
from models import Priority
from models.enums import AgentRole
from sandbox.emulator import FakeBotAPI, FakeChat, FakeUser

BOT_USERNAME = "helpdesk_demo_bot"
BOT_NAME = "Helpdesk demo"

# Two staff groups: the desk uses one at a time (the page's forum switch picks it).
REPLY_GROUP_ID = -1001000000001
FORUM_GROUP_ID = -1001000000002


@dataclass(frozen=True)
class Person:
    telegram_id: int
    first_name: str
    username: str
    language: str = "en"


@dataclass(frozen=True)
class DemoAgent(Person):
    role: str = "agent"
    departments: tuple[str, ...] = ()


AGENTS = (
    DemoAgent(2001, "Anna", "anna_lead", role="admin", departments=("Technical", "Billing")),
    DemoAgent(2002, "Boris", "boris_tech", departments=("Technical",)),
    DemoAgent(2003, "Vera", "vera_billing", departments=("Billing",)),
)

CUSTOMERS = (Person(1001, "Alex", "alex_customer", "en"),)
# Customers added from the page get the next ids.
NEXT_CUSTOMER_ID = 1002

DEPARTMENTS: tuple[dict[str, Any], ...] = (
    {
        "name": "Technical",
        "description": "Connection, email, devices",
        "order": 10,
        "categories": (("Connection", "🌐"), ("Email", "✉️"), ("Devices", "🖥")),
    },
    {
        "name": "Billing",
        "description": "Invoices, payments, refunds",
        "order": 20,
        "categories": (("Invoices", "🧾"), ("Refunds", "💸"), ("Tariffs", "📈")),
    },
)

# Minutes. The catch-all policy warns after 48 of 60 minutes without a first answer.
SLA_POLICIES = (
    {"name": "Standard", "level": None, "first_response": 60, "resolution": 8 * 60},
    {"name": "Urgent", "level": 5, "first_response": 15, "resolution": 2 * 60},
)

TEMPLATES = (
    # shortcut, department (None: every department), language, title, text
    (
        "hello",
        None,
        "en",
        "Greeting",
        "Hello, {customer_name}! I am {agent_name} and I am looking into ticket "
        "#{ticket_number} now.",
    ),
    (
        "hello",
        None,
        "ru",
        "Приветствие",
        "Здравствуйте, {customer_name}! Меня зовут {agent_name}, я уже занимаюсь "
        "заявкой #{ticket_number}.",
    ),
    (
        "restart",
        "Technical",
        "en",
        "Restart the router",
        "Please unplug the router for 30 seconds, plug it back in and tell us whether "
        "the connection is back.",
    ),
    (
        "restart",
        "Technical",
        "ru",
        "Перезагрузка роутера",
        "Пожалуйста, отключите роутер от питания на 30 секунд, включите снова и напишите, "
        "появилась ли связь.",
    ),
    (
        "invoice",
        "Billing",
        "en",
        "Invoice resent",
        "We have sent the invoice again to the address in your account.",
    ),
    (
        "invoice",
        "Billing",
        "ru",
        "Счёт отправлен повторно",
        "Мы повторно отправили счёт на адрес, указанный в вашем аккаунте.",
    ),
)


@dataclass
class World:
    """The emulated Telegram side of the demo: the staff groups, agents and customers."""

    api: FakeBotAPI
    reply_group: FakeChat
    forum_group: FakeChat
    agents: list[FakeUser]
    customers: list[FakeUser]

    def group(self, forum: bool) -> FakeChat:
        return self.forum_group if forum else self.reply_group

    def add_customer(self, first_name: str, language: str) -> FakeUser:
        next_id = max([NEXT_CUSTOMER_ID - 1, *(c.id for c in self.customers)]) + 1
        user = self.api.add_user(next_id, first_name, f"customer{next_id}", language_code=language)
        self.customers.append(user)
        return user


def build_world(api: FakeBotAPI) -> World:
    agents = [
        api.add_user(a.telegram_id, a.first_name, a.username, language_code=a.language)
        for a in AGENTS
    ]
    customers = [
        api.add_user(c.telegram_id, c.first_name, c.username, language_code=c.language)
        for c in CUSTOMERS
    ]
    groups = []
    for chat_id, title, forum in (
        (REPLY_GROUP_ID, "Support team", False),
        (FORUM_GROUP_ID, "Support team (topics)", True),
    ):
        # Agents are group admins: they may write in every topic, closed ones too.
        members = {agent: "administrator" for agent in agents}
        groups.append(api.add_group(chat_id, title, forum, members=members))
    return World(api, groups[0], groups[1], agents, customers)


async def seed_demo() -> None:
    """The demo desk on a freshly migrated database (defaults already seeded)."""
    departments = {}
    for spec in DEPARTMENTS:
        department = await directory.create_department(
            name=spec["name"], description=spec["description"], order=spec["order"]
        )
        departments[spec["name"]] = department
    agents = {}
    for agent in AGENTS:
        agents[agent.first_name] = await people.create_agent(
            telegram_id=agent.telegram_id,
            name=agent.first_name,
            username=agent.username,
            role=AgentRole(agent.role),
            language=agent.language,
            department_ids=[departments[name].id for name in agent.departments],
        )
    for spec in DEPARTMENTS:
        for order, (name, color) in enumerate(spec["categories"]):
            await directory.create_category(
                department_id=departments[spec["name"]].id,
                name=name,
                color=color,
                order=order * 10,
            )
    for policy in SLA_POLICIES:
        priority_id = None
        if policy["level"] is not None:
            priority_id = (await Priority.get(level=policy["level"])).id
        await directory.create_sla_policy(
            name=policy["name"],
            priority_id=priority_id,
            first_response_minutes=policy["first_response"],
            resolution_minutes=policy["resolution"],
            warning_ratio=0.8,
        )
    for shortcut, department_name, language, title, text in TEMPLATES:
        await directory.create_template(
            shortcut=shortcut,
            department_id=departments[department_name].id if department_name else None,
            language=language,
            title=title,
            text=text,
        )
