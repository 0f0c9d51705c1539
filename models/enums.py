"""Closed vocabularies stored in the database (values are the stored strings)."""

from enum import StrEnum


class StatusRole(StrEnum):
    """Fixed lifecycle meanings the system relies on; renaming a status keeps its role."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    RESOLVED = "resolved"
    CLOSED = "closed"


class SettableBy(StrEnum):
    ALL = "all"
    AGENTS = "agents"
    CUSTOMERS = "customers"


class AgentRole(StrEnum):
    AGENT = "agent"
    ADMIN = "admin"


class TokenRole(StrEnum):
    ADMIN = "admin"
    AGENT = "agent"
    READONLY = "readonly"


class TicketSource(StrEnum):
    TELEGRAM = "telegram"
    API = "api"
    ALERT = "alert"


class SlaState(StrEnum):
    OK = "ok"
    WARNING = "warning"
    BREACHED = "breached"


class MessageKind(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    NOTE = "note"
    SYSTEM = "system"


class Side(StrEnum):
    """Which Telegram chat a message copy lives in."""

    CUSTOMER = "customer"
    STAFF = "staff"


class AttachmentKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"
    VIDEO = "video"
    VOICE = "voice"
    AUDIO = "audio"
    ANIMATION = "animation"
    VIDEO_NOTE = "video_note"


class ActorType(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    API = "api"
    SYSTEM = "system"


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    BLOCKED = "blocked"


class NotifyBy(StrEnum):
    """How an agent is told about their tickets (a customer's follow-up, reopen, rating,
    an SLA warning or breach): a mention in the staff thread, or a private message from
    the bot (the thread still names them, without a second notification)."""

    GROUP = "group"
    PRIVATE = "private"


class BreachAction(StrEnum):
    """What an SLA policy does when a ticket breaches, besides the notice."""

    NOTHING = "nothing"
    NOTIFY_LEAD = "notify_lead"  # the policy's agent, else the department's lead
    REASSIGN = "reassign"  # to the policy's agent
    UNASSIGN = "unassign"  # back to the queue


class DeliveryStatus(StrEnum):
    """A webhook delivery's state."""

    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"
