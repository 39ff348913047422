"""Approvals of one tenant: decisions asked of people, each decided at most once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, insert, select, update
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
from conclave.errors import NotFound, VersionConflict


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
    ) -> ApprovalRecord:
        """Ask for a decision on behalf of a run.

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
        limit: int = 50,
        offset: int = 0,
    ) -> Page[ApprovalRecord]:
        """A page of approvals, oldest first: pending ones unless ``status`` says otherwise.

        Args:
            status: ``pending``, ``granted``, ``denied``, or ``None`` for all.
            run_id: only the approvals of this run.
            limit: the page size.
            offset: how many to skip.
        """
        check_page(limit, offset)
        query = self._query()
        if status is not None:
            query = query.where(approvals.c.status == status)
        if run_id is not None:
            query = query.where(approvals.c.run_id == run_id)
        async with self._engine.connect() as connection:
            total = await count(connection, query)
            page = query.order_by(approvals.c.created_at, approvals.c.id)
            rows = await connection.execute(page.limit(limit).offset(offset))
            items = [to_record(ApprovalRecord, row) for row in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    async def decide(
        self, id: str, *, granted: bool, by: str, comment: str | None = None
    ) -> ApprovalRecord:
        """Grant or deny a pending approval.

        Raises:
            NotFound: the tenant has no approval with this id.
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
        statement = (
            update(approvals)
            .where(approvals.c.tenant_id == self.tenant_id, approvals.c.id == id)
            .where(approvals.c.status == "pending")
            .values(values)
            .returning(*approvals.c)
        )
        async with self._engine.begin() as connection:
            row = (await connection.execute(statement)).first()
        if row is not None:
            return to_record(ApprovalRecord, row)
        current = await self.get(id)
        raise VersionConflict(
            f"approval {id!r} was already {current.status} by {current.decided_by}; "
            "a decision cannot be changed",
            approval_id=id,
            status=current.status,
        )

    def _query(self) -> Select[Any]:
        return select(approvals).where(approvals.c.tenant_id == self.tenant_id)
