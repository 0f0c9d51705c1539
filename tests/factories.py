"""Building blocks for tests: a small helpdesk with departments, agents and customers."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.services import tickets
from models import Agent, Category, Customer, Department, Ticket
from models.enums import AgentRole, TicketSource


@dataclass
class Desk:
    billing: Department
    tech: Department
    invoices: Category
    ann: Agent  # billing agent
    bob: Agent  # tech agent
    root: Agent  # admin agent
    alice: Customer
    carl: Customer
    tickets: list[Ticket] = field(default_factory=list)


async def make_desk() -> Desk:
    billing = await Department.create(name="Billing", order=1)
    tech = await Department.create(name="Tech", order=2)
    invoices = await Category.create(department=billing, name="Invoices", color="🟦")
    ann = await Agent.create(telegram_id=9001, name="Ann")
    await ann.departments.add(billing)
    bob = await Agent.create(telegram_id=9002, name="Bob")
    await bob.departments.add(tech)
    root = await Agent.create(telegram_id=9003, name="Root", role=AgentRole.ADMIN)
    alice = await Customer.create(telegram_id=501, first_name="Alice", username="alice")
    carl = await Customer.create(telegram_id=502, first_name="Carl", language="ru")
    return Desk(billing, tech, invoices, ann, bob, root, alice, carl)


async def open_ticket(
    customer: Customer,
    department: Department,
    subject: str = "It does not work",
    text: str = "Please help",
    category: Category | None = None,
) -> Ticket:
    actor = tickets.Actor(tickets.ActorType.CUSTOMER, customer.display_name, id=customer.id)
    return await tickets.open_ticket(
        customer=customer,
        department_id=department.id,
        category_id=category.id if category else None,
        priority_id=None,
        subject=subject,
        text=text,
        source=TicketSource.TELEGRAM,
        actor=actor,
    )
