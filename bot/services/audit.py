"""The audit log: who changed what through the admin API and the console, when, and
from which address. The entry is written in the transaction of the change
(admin_api.audit), so a request that failed or was refused leaves none."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot import clock
from bot.services.tokens import Principal
from models import AuditEntry

VIA_API = "api"
VIA_CONSOLE = "console"


async def record(
    principal: Principal,
    *,
    via: str,
    method: str,
    resource: str,
    object_id: str | None,
    action: str,
    status_code: int,
    fields: Iterable[str],
    address: str,
) -> AuditEntry:
    return await AuditEntry.create(
        created_at=clock.now(),
        token_id=principal.token_id,
        token_name=principal.name[:128],
        role=principal.role.value,
        via=via,
        method=method[:8],
        resource=resource[:64],
        object_id=object_id[:64] if object_id else None,
        action=action[:255],
        status_code=status_code,
        fields_changed=sorted({str(f)[:64] for f in fields})[:100],
        address=address[:64],
    )


async def list_entries(
    limit: int,
    offset: int,
    *,
    token_id: int | None = None,
    resource: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> tuple[list[AuditEntry], int]:
    """Entries newest first, filtered by token, resource and time."""
    query = AuditEntry.all()
    if token_id is not None:
        query = query.filter(token_id=token_id)
    if resource is not None:
        query = query.filter(resource=resource)
    if since is not None:
        query = query.filter(created_at__gte=since)
    if until is not None:
        query = query.filter(created_at__lt=until)
    return await query.order_by("-id").offset(offset).limit(limit), await query.count()
