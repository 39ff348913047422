"""Approvals of one tenant: decisions asked of people, each decided at most once.

Every change of a pending approval (a decision, an expiry, an escalation) is one conditional
``UPDATE`` of a row still ``pending``, so a person deciding and a deadline passing at the same
moment cannot both win, whichever processes they run in.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Select, Update, false, insert, select, update
from sqlalchemy.exc import IntegrityError

from conclave.adapters.store.records import ApprovalRecord, Page
from conclave.adapters.store.repositories._rows import (
    TenantScoped,
    check_page,
    count,
    has_nul,
    insert_error,
    to_record,
    utcnow,
)
from conclave.adapters.store.tables import approvals, runs
from conclave.errors import NotFound, PermissionDenied, VersionConflict


def _not_found(approval_id: str) -> NotFound:
    return NotFound(f"approval {approval_id!r} not found", kind="approval", name=approval_id)


class ApprovalRepository(TenantScoped):
    """One tenant's approvals: asked by runs, granted or denied once by a person."""

    __slots__ = ()

    async def create(
        self,
        id: str,
        run_id: str,
        step: str,
        prompt: str,
        *,
        details: dict[str, Any] | None = None,
        kind: str = "gate",
        required_role: str = "operator",
        expires_at: datetime | None = None,
        on_timeout: str = "deny",
    ) -> ApprovalRecord:
        """Ask for a decision on behalf of a run.

        Args:
            id: the approval's id, unique across the store.
            run_id: the run that waits.
            step: what asks.
            prompt: the question, for a person.
            details: what the person needs to decide.
            kind: ``gate``, ``tool``, ``budget``, ``cost`` or ``uncertain``.
            required_role: the least role that may decide it.
            expires_at: when it times out; ``None`` never.
            on_timeout: ``deny`` or ``escalate`` when it times out.

        Raises:
            NotFound: the tenant has no run with this id.
            VersionConflict: an approval with this id exists.
        """
        row = {
            "id": id,
            "tenant_id": self.tenant_id,
            "run_id": run_id,
            "step": step,
            "prompt": prompt,
            "details": details or {},
            "status": "pending",
            "created_at": utcnow(),
            "kind": kind,
            "required_role": required_role,
            "expires_at": expires_at,
            "on_timeout": on_timeout,
            "escalations": 0,
        }
        statement = insert(approvals).values(row).returning(*approvals.c)
        owned = select(runs.c.id).where(runs.c.tenant_id == self.tenant_id, runs.c.id == run_id)
        try:
            async with self._engine.begin() as connection:
                if (await connection.execute(owned)).first() is None:
                    raise NotFound(f"run {run_id!r} not found", kind="run", name=run_id)
                created = (await connection.execute(statement)).one()
        except IntegrityError as error:
            message = f"approval {id!r} already exists; ask with a fresh id"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error
        return to_record(ApprovalRecord, created)

    async def get(self, id: str) -> ApprovalRecord:
        """One approval.

        Raises:
            NotFound: the tenant has no approval with this id.
        """
        if has_nul(id):
            raise _not_found(id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(self._query().where(approvals.c.id == id))).first()
        if row is None:
            raise _not_found(id)
        return to_record(ApprovalRecord, row)

    async def list(
        self,
        *,
        status: str | None = "pending",
        run_id: str | None = None,
        kind: str | None = None,
        required_role: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[ApprovalRecord]:
        """A page of approvals, oldest first: pending ones unless ``status`` says otherwise.

        Args:
            status: ``pending``, ``granted``, ``denied``, or ``None`` for all.
            run_id: only the approvals of this run.
            kind: only approvals of this kind.
            required_role: only approvals that need this role.
            limit: the page size.
            offset: how many to skip.
        """
        check_page(limit, offset)
        query = self._query()
        filters = {"status": status, "run_id": run_id, "kind": kind, "required_role": required_role}
        if has_nul(*filters.values()):  # no row holds one, and PostgreSQL would refuse it
            return Page(items=[], total=0, limit=limit, offset=offset)
        for name, value in filters.items():
            if value is not None:
                query = query.where(approvals.c[name] == value)
        async with self._engine.connect() as connection:
            total = await count(connection, query)
            page = query.order_by(approvals.c.created_at, approvals.c.id)
            rows = await connection.execute(page.limit(limit).offset(offset))
            items = [to_record(ApprovalRecord, row) for row in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    async def decide(
        self,
        id: str,
        *,
        granted: bool,
        by: str,
        comment: str | None = None,
        roles: Collection[str] | None = None,
    ) -> ApprovalRecord:
        """Grant or deny a pending approval.

        Args:
            id: the approval.
            granted: grant (``True``) or deny (``False``).
            by: who decided.
            comment: why.
            roles: when given, the ``required_role`` values the decider may decide; an
                approval escalated beyond them since it was read is refused.

        Raises:
            NotFound: the tenant has no approval with this id.
            PermissionDenied: it needs a role not in ``roles`` (it was escalated).
            VersionConflict: it was already decided.
        """
        if has_nul(id):
            raise _not_found(id)
        values = {
            "status": "granted" if granted else "denied",
            "decided_by": by,
            "comment": comment,
            "decided_at": utcnow(),
        }
        statement = self._pending(id).values(values)
        if roles is not None:
            statement = statement.where(approvals.c.required_role.in_(list(roles)))
        changed = await self._change(statement)
        if changed is not None:
            return changed
        current = await self.get(id)
        if current.status == "pending":
            raise PermissionDenied(
                f"approval {id!r} was escalated and now needs the {current.required_role} "
                "role to decide; ask a member with that role",
                required=current.required_role,
            )
        raise VersionConflict(
            f"approval {id!r} was already {current.status} by {current.decided_by}; "
            "a decision cannot be changed",
            approval_id=id,
            status=current.status,
        )

    async def expire(self, id: str, *, now: datetime, comment: str) -> ApprovalRecord | None:
        """Deny, by ``system``, a pending approval whose deadline is past ``now``.

        Returns:
            The denied approval; ``None`` if it was decided, escalated or not yet due.
        """
        values = {"status": "denied", "decided_by": "system", "comment": comment, "decided_at": now}
        statement = self._pending(id).where(approvals.c.expires_at <= now).values(values)
        return await self._change(statement)

    async def escalate(
        self,
        id: str,
        *,
        seen: int,
        now: datetime,
        required_role: str,
        expires_at: datetime | None,
    ) -> ApprovalRecord | None:
        """Hand a pending approval past its deadline to ``required_role``, until ``expires_at``.

        Args:
            id: the approval.
            seen: its ``escalations`` as read; another escalation since then wins instead.
            now: the time; the approval must be due by then.
            required_role: the role that may decide it from now on.
            expires_at: its new deadline.

        Returns:
            The escalated approval; ``None`` if it was decided, escalated or not yet due.
        """
        statement = (
            self._pending(id)
            .where(approvals.c.escalations == seen, approvals.c.expires_at <= now)
            .values(required_role=required_role, expires_at=expires_at, escalations=seen + 1)
        )
        return await self._change(statement)

    async def set_deadline(
        self, id: str, *, expires_at: datetime, on_timeout: str
    ) -> ApprovalRecord | None:
        """Give a pending approval without a deadline one (a row made before its run asked).

        Returns:
            The approval; ``None`` if it was decided or has a deadline already.
        """
        statement = (
            self._pending(id)
            .where(approvals.c.expires_at.is_(None))
            .values(expires_at=expires_at, on_timeout=on_timeout)
        )
        return await self._change(statement)

    def _pending(self, id: str) -> Update:
        """An update of this approval, if it is still pending (and its id can be stored)."""
        if has_nul(id):  # no row has such an id; PostgreSQL would refuse to compare
            return update(approvals).where(false())
        return (
            update(approvals)
            .where(approvals.c.tenant_id == self.tenant_id, approvals.c.id == id)
            .where(approvals.c.status == "pending")
        )

    async def _change(self, statement: Update) -> ApprovalRecord | None:
        """Apply an update of one approval; the changed row, or ``None`` if none matched."""
        async with self._engine.begin() as connection:
            row = (await connection.execute(statement.returning(*approvals.c))).first()
        return None if row is None else to_record(ApprovalRecord, row)

    def _query(self) -> Select[Any]:
        return select(approvals).where(approvals.c.tenant_id == self.tenant_id)
