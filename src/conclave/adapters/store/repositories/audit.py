"""The audit log: who did what to what, and how it went. Append-only by construction.

Nothing here updates or deletes an entry: :class:`AuditLog` can only append and read,
and so can :func:`append_audit`, which writes an entry inside a transaction of the
caller's (through :meth:`Database.run`), so that an action and its entry commit together
or not at all.

Every entry belongs to a tenant: the one the action concerns, even when a platform
administrator acts. An entry that concerns no known tenant (a request with an unknown
key, say) is filed under :data:`NO_TENANT`, ``"-"``, which no tenant can be called;
platform administrators read those with ``AuditLog(engine, NO_TENANT)``. The table has no
foreign key to ``tenants``, so that a tenant's trail outlives the tenant.

Values that come from requests (an actor id taken from a malformed key, a client's request
id) are clipped to their column's length and their NUL characters replaced, so a hostile
request cannot make its own entry fail to be written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, String, false, func, insert, select

from conclave.adapters.store.engine import write
from conclave.adapters.store.records import (
    ACTOR_KINDS,
    AUDIT_OUTCOMES,
    AuditEntry,
    Page,
)
from conclave.adapters.store.repositories._rows import (
    TenantScoped,
    aware,
    check_page,
    count,
    has_nul,
    to_record,
    utcnow,
)
from conclave.adapters.store.tables import audit_log
from conclave.errors import UserError

__all__ = ["NO_TENANT", "AuditFilter", "AuditLog", "append_audit", "audit_row"]

NO_TENANT = "-"

# Statements built once: an entry is written with many of the actions it records.
_APPEND = insert(audit_log)
_CLIPPED = ("tenant_id", "actor_id", "action", "target_kind", "target_id", "ip", "request_id")


def audit_row(
    tenant_id: str,
    action: str,
    *,
    actor_kind: str,
    actor_id: str | None = None,
    target_kind: str | None = None,
    target_id: str | None = None,
    outcome: str = "ok",
    details: Mapping[str, Any] | None = None,
    ip: str | None = None,
    request_id: str | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """The row of one audit entry, checked and clipped, ready to insert.

    Args:
        tenant_id: the tenant the action concerns, or :data:`NO_TENANT`.
        action: a dotted name, such as ``agent.create``, ``auth.failed`` or ``key.revoke``.
        actor_kind: ``user``, ``key``, ``system`` or ``anonymous``.
        actor_id: the member's or key's id, when there is one.
        target_kind: the kind of object acted on, such as ``agent``.
        target_id: the object's id or name.
        outcome: ``ok``, ``denied`` or ``failed``.
        details: anything else worth keeping; JSON.
        ip: the client's address.
        request_id: the request's id.
        at: when it happened; now by default.

    Raises:
        UserError: an unknown actor kind or outcome, or an empty action or tenant.
    """
    if actor_kind not in ACTOR_KINDS:
        raise UserError(f"unknown actor kind {actor_kind!r}; use user, key, system or anonymous")
    if outcome not in AUDIT_OUTCOMES:
        raise UserError(f"unknown audit outcome {outcome!r}; use ok, denied or failed")
    if not action or not tenant_id:
        raise UserError(f"an audit entry needs an action and a tenant (or {NO_TENANT!r})")
    row: dict[str, Any] = {
        "tenant_id": tenant_id,
        "at": aware(at or utcnow()),
        "actor_kind": actor_kind,
        "actor_id": actor_id,
        "action": action,
        "target_kind": target_kind,
        "target_id": target_id,
        "outcome": outcome,
        "details": dict(details or {}),
        "ip": ip,
        "request_id": request_id,
    }
    return row | {name: _clip(name, row[name]) for name in _CLIPPED}


def append_audit(connection: Connection, row: Mapping[str, Any]) -> None:
    """Insert an entry made by :func:`audit_row`, in the caller's transaction.

    Synchronous, for :meth:`Database.run`: the work that performs an action calls it too,
    and the action and its entry commit together.
    """
    write(connection, _APPEND, dict(row))


@dataclass(frozen=True, kw_only=True, slots=True)
class AuditFilter:
    """Which entries :meth:`AuditLog.list` returns; every field left ``None`` matches all.

    Attributes:
        action: a prefix of the action, such as ``agent.`` (exact and case-sensitive).
        actor_kind: only entries by this kind of actor.
        actor_id: only entries by this actor.
        target_kind: only entries about this kind of object.
        target_id: only entries about this object.
        outcome: only entries with this outcome.
        since: only entries at or after this time.
        until: only entries before this time.
    """

    action: str | None = None
    actor_kind: str | None = None
    actor_id: str | None = None
    target_kind: str | None = None
    target_id: str | None = None
    outcome: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class AuditLog(TenantScoped):
    """One tenant's audit entries: appended, read, never changed."""

    __slots__ = ()

    async def record(
        self,
        action: str,
        *,
        actor_kind: str,
        actor_id: str | None = None,
        target_kind: str | None = None,
        target_id: str | None = None,
        outcome: str = "ok",
        details: Mapping[str, Any] | None = None,
        ip: str | None = None,
        request_id: str | None = None,
        at: datetime | None = None,
    ) -> AuditEntry:
        """Append an entry in a transaction of its own; the arguments are :func:`audit_row`'s.

        Raises:
            UserError: an unknown actor kind or outcome, or an empty action.
        """
        row = audit_row(
            self.tenant_id,
            action,
            actor_kind=actor_kind,
            actor_id=actor_id,
            target_kind=target_kind,
            target_id=target_id,
            outcome=outcome,
            details=details,
            ip=ip,
            request_id=request_id,
            at=at,
        )
        statement = insert(audit_log).values(row).returning(audit_log.c.id)
        async with self._engine.begin() as connection:
            entry_id = (await connection.execute(statement)).scalar_one()
        return to_record(AuditEntry, row | {"id": entry_id})

    async def list(
        self,
        where: AuditFilter | None = None,
        *,
        after_id: int | None = None,
        before_id: int | None = None,
        newest_first: bool = False,
        limit: int = 50,
    ) -> Page[AuditEntry]:
        """A page of entries in the order they were written (or the newest first).

        Page with the cursors: pass the last entry's id as ``after_id`` for the next page
        in written order, or as ``before_id`` with ``newest_first`` to go back in time.
        The page's ``total`` counts the entries that match past the cursors.

        Args:
            where: which entries to include.
            after_id: only entries written after the one with this id.
            before_id: only entries written before the one with this id.
            newest_first: the newest entry first instead of the oldest.
            limit: the page size.
        """
        check_page(limit, 0)
        query = _filtered(self._query(), where or AuditFilter())
        if after_id is not None:
            query = query.where(audit_log.c.id > after_id)
        if before_id is not None:
            query = query.where(audit_log.c.id < before_id)
        order = audit_log.c.id.desc() if newest_first else audit_log.c.id
        async with self._engine.connect() as connection:
            total = await count(connection, query)
            rows = await connection.execute(query.order_by(order).limit(limit))
            items = [to_record(AuditEntry, row) for row in rows]
        return Page(items=items, total=total, limit=limit, offset=0)

    def _query(self) -> Select[Any]:
        return select(audit_log).where(audit_log.c.tenant_id == self.tenant_id)


def _filtered(query: Select[Any], where: AuditFilter) -> Select[Any]:
    """``query`` narrowed to the entries ``where`` selects."""
    texts = (where.action, where.actor_kind, where.actor_id, where.target_kind, where.target_id)
    if has_nul(*texts, where.outcome):
        return query.where(false())  # no entry holds one: audit_row replaces them
    if where.action:
        # LIKE ignores case on SQLite; comparing the leading characters does not.
        prefix = func.substr(audit_log.c.action, 1, len(where.action))
        query = query.where(prefix == where.action)
    equal = {
        "actor_kind": where.actor_kind,
        "actor_id": where.actor_id,
        "target_kind": where.target_kind,
        "target_id": where.target_id,
        "outcome": where.outcome,
    }
    for name, value in equal.items():
        if value is not None:
            query = query.where(audit_log.c[name] == value)
    if where.since is not None:
        query = query.where(audit_log.c.at >= aware(where.since))
    if where.until is not None:
        query = query.where(audit_log.c.at < aware(where.until))
    return query


def _clip(name: str, value: str | None) -> str | None:
    """A request-borne value made fit for its column: no NUL, no longer than the column."""
    if value is None:
        return None
    column_type = audit_log.c[name].type
    assert isinstance(column_type, String) and column_type.length is not None
    return value.replace("\x00", "\ufffd")[: column_type.length]
