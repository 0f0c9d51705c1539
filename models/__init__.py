"""Tortoise models, one module per aggregate; Tortoise discovers them through this package."""

from models.auth import ApiToken
from models.console import ConsoleSession
from models.delivery import FsmRecord, OutboxMessage, ProcessedUpdate, ShownMessage
from models.directory import (
    Category,
    Counter,
    Department,
    Priority,
    Setting,
    SlaPolicy,
    Status,
    Template,
)
from models.faq import Article, Deflection
from models.integrations import AuditEntry, Webhook, WebhookDelivery
from models.people import Agent, Customer
from models.stats import StatsCount, StatsHistogram
from models.tags import Macro, Tag, TicketTag
from models.tickets import Attachment, Message, MessageLink, Ticket, TicketEvent

__all__ = [
    "Agent",
    "ApiToken",
    "Article",
    "Attachment",
    "AuditEntry",
    "Category",
    "ConsoleSession",
    "Counter",
    "Customer",
    "Deflection",
    "Department",
    "FsmRecord",
    "Macro",
    "Message",
    "MessageLink",
    "OutboxMessage",
    "Priority",
    "ProcessedUpdate",
    "Setting",
    "ShownMessage",
    "SlaPolicy",
    "StatsCount",
    "StatsHistogram",
    "Status",
    "Tag",
    "Template",
    "Ticket",
    "TicketEvent",
    "TicketTag",
    "Webhook",
    "WebhookDelivery",
]
