"""``GET /api/audit``: the tenant's audit log, for its admins. It cannot be changed.

Platform administrators also read any other tenant's log with ``?tenant=<id>``, and with
``?tenant=-`` the entries that concern no known tenant (refused unknown keys and forged
tokens, sign-ins to tenants that do not exist).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from conclave.adapters.store.repositories.audit import NO_TENANT, AuditFilter
from conclave.api.auth import Admin
from conclave.api.deps import ServicesDep
from conclave.api.schemas._values import IsoDatetime
from conclave.api.schemas.identity import AuditEntryPublic, AuditPage
from conclave.errors import PermissionDenied
from conclave.services.access import Caller
from conclave.services.auth import Role

__all__ = ["router"]

router = APIRouter(prefix="/api/audit", tags=["audit"])
Short = Annotated[str | None, Query(max_length=200)]
TenantQuery = Annotated[
    str | None,
    Query(
        pattern=r"^(-|[a-z0-9][a-z0-9_-]{1,62})$",
        description=f"platform administrators only: another tenant, or {NO_TENANT!r}",
    ),
]


@router.get("")
async def audit_log(
    services: ServicesDep,
    caller: Admin,
    tenant: TenantQuery = None,
    action: Short = None,
    actor_id: Short = None,
    target_kind: Short = None,
    target_id: Short = None,
    outcome: Literal["ok", "denied", "failed"] | None = None,
    since: IsoDatetime | None = None,
    until: IsoDatetime | None = None,
    after: Annotated[int | None, Query(ge=0, le=2**62)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> AuditPage:
    """Entries oldest first, filtered; ``action`` matches a prefix (``agent.`` for all
    agent changes); page on with ``after=<next_after>``."""
    where = AuditFilter(
        action=action,
        actor_id=actor_id,
        target_kind=target_kind,
        target_id=target_id,
        outcome=outcome,
        since=since,
        until=until,
    )
    tenant_id = _tenant_of(caller, tenant)
    page = await services.identity.audit_log(tenant_id, where, after_id=after, limit=limit)
    items = [AuditEntryPublic.model_validate(e, from_attributes=True) for e in page.items]
    more = page.total > len(items)
    return AuditPage(items=items, total=page.total, next_after=items[-1].id if more else None)


def _tenant_of(caller: Caller, tenant: str | None) -> str:
    """The tenant whose log to read: the caller's own, or another for a platform admin."""
    if tenant is None or tenant == caller.tenant_id:
        return caller.tenant_id
    if not caller.role.allows(Role.PLATFORM):
        raise PermissionDenied(
            "only a platform administrator reads another tenant's audit log; leave out tenant",
            required=str(Role.PLATFORM),
        )
    return tenant
