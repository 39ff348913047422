"""Runs of one tenant: created pending, moved through their statuses, finished once.

A run in a terminal status (``completed``, ``failed``, ``cancelled``) never changes status
again, so a late cancel cannot overwrite a completion, nor the other way round. Leases,
which executors take across tenants, live in :mod:`.leases`.
"""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import Connection, Select, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from conclave.adapters.store.records import (
    RUN_STATUSES,
    TERMINAL_RUN_STATUSES,
    Page,
    RunRecord,
)
from conclave.adapters.store.repositories._rows import (
    TenantScoped,
    check_kind,
    check_page,
    count,
    has_nul,
    insert_error,
    to_record,
    utcnow,
)
from conclave.adapters.store.tables import runs
from conclave.engine.messages import Usage
from conclave.errors import NotFound, UserError, VersionConflict


def _not_found(run_id: str) -> NotFound:
    return NotFound(f"run {run_id!r} not found", kind="run", name=run_id)


class RunRepository(TenantScoped):
    """One tenant's runs, newest first, with their status, output, usage and cost."""

    __slots__ = ()

    async def create(
        self,
        run_id: str,
        target_kind: str,
        target: str,
        input: str,
        *,
        target_version: int | None = None,
        conversation_id: str | None = None,
        replay_of: str | None = None,
    ) -> RunRecord:
        """Record a new run, ``pending`` until an executor claims it.

        Raises:
            VersionConflict: a run with this id exists.
        """
        check_kind(target_kind)
        now = utcnow()
        row = {
            "id": run_id,
            "tenant_id": self.tenant_id,
            "target_kind": target_kind,
            "target": target,
            "target_version": target_version,
            "input": input,
            "status": "pending",
            "conversation_id": conversation_id,
            "replay_of": replay_of,
            "created_at": now,
            "updated_at": now,
        }
        statement = insert(runs).values(row).returning(*runs.c)
        try:
            async with self._engine.begin() as connection:
                created = (await connection.execute(statement)).one()
        except IntegrityError as error:
            message = f"run {run_id!r} already exists; runs need a fresh id"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error
        return to_record(RunRecord, created)

    async def get(self, run_id: str) -> RunRecord:
        """One run.

        Raises:
            NotFound: the tenant has no run with this id.
        """
        if has_nul(run_id):
            raise _not_found(run_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(self._query().where(runs.c.id == run_id))).first()
        if row is None:
            raise _not_found(run_id)
        return to_record(RunRecord, row)

    async def list(
        self,
        *,
        status: str | None = None,
        target: str | None = None,
        target_kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[RunRecord]:
        """A page of the tenant's runs, newest first, optionally of one status or target."""
        check_page(limit, offset)
        if has_nul(status, target, target_kind):
            return Page(items=[], total=0, limit=limit, offset=offset)
        query = self._query()
        if status is not None:
            query = query.where(runs.c.status == status)
        if target is not None:
            query = query.where(runs.c.target == target)
        if target_kind is not None:
            query = query.where(runs.c.target_kind == target_kind)
        async with self._engine.connect() as connection:
            total = await count(connection, query)
            page = query.order_by(runs.c.created_at.desc(), runs.c.id.desc())
            rows = await connection.execute(page.limit(limit).offset(offset))
            items = [to_record(RunRecord, row) for row in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    async def set_status(
        self,
        run_id: str,
        status: str,
        *,
        output: str | None = None,
        error: str | None = None,
        usage: Usage | None = None,
        cost_usd: float | None = None,
    ) -> RunRecord:
        """Move a run to ``status``, recording what it produced; a terminal one sets finished_at.

        Args:
            run_id: the run.
            status: one of pending, running, waiting, completed, failed, cancelled.
            output: the final output, if any.
            error: what went wrong, if anything.
            usage: the run's total tokens so far, replacing the stored totals.
            cost_usd: the run's total cost so far, replacing the stored total.

        Raises:
            NotFound: the tenant has no run with this id.
            VersionConflict: the run has already finished.
        """
        values = _status_values(status, output=output, error=error, usage=usage, cost=cost_usd)
        statement = (
            update(runs)
            .where(runs.c.tenant_id == self.tenant_id, runs.c.id == run_id)
            .where(runs.c.status.not_in(TERMINAL_RUN_STATUSES))
            .values(values)
            .returning(*runs.c)
        )
        async with self._engine.begin() as connection:
            row = (await connection.execute(statement)).first()
        if row is None:
            current = await self.get(run_id)
            raise VersionConflict(
                f"run {run_id!r} already finished as {current.status}; it cannot become "
                f"{status} (replay it to run it again)",
                run_id=run_id,
                status=current.status,
            )
        return to_record(RunRecord, row)

    async def unfinished(self) -> builtins.list[RunRecord]:
        """The tenant's runs not in a terminal status, oldest first: the ones to resume."""
        query = self._query().where(runs.c.status.not_in(TERMINAL_RUN_STATUSES))
        async with self._engine.connect() as connection:
            rows = await connection.execute(query.order_by(runs.c.created_at, runs.c.id))
            return [to_record(RunRecord, row) for row in rows]

    def _query(self) -> Select[Any]:
        return select(runs).where(runs.c.tenant_id == self.tenant_id)


def _status_values(
    status: str,
    *,
    output: str | None,
    error: str | None,
    usage: Usage | None,
    cost: float | None,
) -> dict[str, Any]:
    """The columns a status change writes; ``None`` leaves a column as it is."""
    if status not in RUN_STATUSES:
        known = ", ".join(sorted(RUN_STATUSES))
        raise UserError(f"unknown run status {status!r}; use one of {known}", status=status)
    now = utcnow()
    values: dict[str, Any] = {"status": status, "updated_at": now}
    if status in TERMINAL_RUN_STATUSES:
        # A finished run can never be claimed again, so its lease ends in the same write:
        # nobody can see it finished and still leased.
        values |= {"finished_at": now, "lease_owner": None, "lease_expires_at": None}
    optional = {"output": output, "error": error, "cost_usd": cost}
    values |= {key: value for key, value in optional.items() if value is not None}
    if usage is not None:
        values |= {"input_tokens": usage.input_tokens, "output_tokens": usage.output_tokens}
    return values


_ONE_RUN = select(runs).where(
    runs.c.tenant_id == bindparam("tenant_id"), runs.c.id == bindparam("run_id")
)


def fetch_run(connection: Connection, tenant_id: str, run_id: str) -> RunRecord:
    """One run of the tenant, read synchronously (for :meth:`Database.run` on hot paths).

    Raises:
        NotFound: the tenant has no run with this id.
    """
    if has_nul(run_id):
        raise _not_found(run_id)
    row = connection.execute(_ONE_RUN, {"tenant_id": tenant_id, "run_id": run_id}).first()
    if row is None:
        raise _not_found(run_id)
    return to_record(RunRecord, row)
