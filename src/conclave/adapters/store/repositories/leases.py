"""Run leases: at most one executor runs a run, and an orphaned run finds a new one.

An executor claims a run, heartbeats while it works, and releases it at the end. A lease
that is not renewed expires, and the run becomes claimable by any executor. Every change is
one conditional ``UPDATE``, so two executors racing for a run cannot both win: the database
applies one update, and re-checks the condition for the other.

Leases cross tenants, because executors take work from every tenant; run ids are unique
across tenants.

Time comes from the database on PostgreSQL, so executors on several machines share one
clock, and from this process on SQLite, whose file lives on this machine. Every method
takes ``now`` to fix the time instead, for tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, DateTime, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.records import RUN_STATUSES, TERMINAL_RUN_STATUSES, Lease
from conclave.adapters.store.repositories._rows import aware, to_record, utcnow
from conclave.adapters.store.tables import runs

DEFAULT_TTL_SECONDS = 30.0

# A run without a lease is picked up only in these statuses: a run waiting for a person
# is left alone until the person decides.
_UNLEASED_CLAIMABLE = ("pending", "running")
# Named rather than "not terminal": an IN list lets the database seek the (status,
# lease_expires_at) index instead of scanning every run it ever stored on each poll.
_UNFINISHED = tuple(sorted(RUN_STATUSES - TERMINAL_RUN_STATUSES))


class LeaseManager:
    """Claims, renews and releases runs for executors, across tenants."""

    __slots__ = ("_engine",)

    def __init__(self, engine: AsyncEngine) -> None:
        """Bind the manager to the store's engine."""
        self._engine = engine

    async def claim(
        self,
        run_id: str,
        owner: str,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        *,
        now: datetime | None = None,
    ) -> bool:
        """Take the lease on an unfinished run that nobody else holds; count the attempt.

        Succeeds if the run has no lease, its lease expired, or ``owner`` holds it already.

        Returns:
            Whether ``owner`` now holds the lease.
        """
        at = self._now(now)
        free = or_(
            runs.c.lease_owner.is_(None),
            runs.c.lease_expires_at < at,
            runs.c.lease_owner == owner,
        )
        statement = (
            update(runs)
            .where(runs.c.id == run_id, runs.c.status.not_in(TERMINAL_RUN_STATUSES), free)
            .values(_taken(owner, at, ttl_seconds))
        )
        return await self._changed(statement)

    async def heartbeat(
        self,
        run_id: str,
        owner: str,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        *,
        now: datetime | None = None,
    ) -> bool:
        """Extend the lease; only its owner can.

        Returns:
            Whether ``owner`` held the lease and extended it; if not, it must stop the run.
        """
        at = self._now(now)
        statement = (
            update(runs)
            .where(runs.c.id == run_id, runs.c.lease_owner == owner)
            .values(lease_expires_at=at + timedelta(seconds=ttl_seconds))
        )
        return await self._changed(statement)

    async def heartbeat_many(
        self,
        run_ids: Iterable[str],
        owner: str,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        *,
        now: datetime | None = None,
    ) -> set[str]:
        """Extend every lease ``owner`` holds among ``run_ids``, in one statement.

        Returns:
            The ids whose leases were extended; ``owner`` must stop running the others.
        """
        ids = list(run_ids)
        if not ids:
            return set()
        at = self._now(now)
        statement = (
            update(runs)
            .where(runs.c.id.in_(ids), runs.c.lease_owner == owner)
            .values(lease_expires_at=at + timedelta(seconds=ttl_seconds))
            .returning(runs.c.id)
        )
        async with self._engine.begin() as connection:
            return set((await connection.execute(statement)).scalars())

    async def release(self, run_id: str, owner: str) -> bool:
        """Give up the lease, if ``owner`` holds it.

        Returns:
            Whether ``owner`` held it.
        """
        statement = (
            update(runs)
            .where(runs.c.id == run_id, runs.c.lease_owner == owner)
            .values(lease_owner=None, lease_expires_at=None)
        )
        return await self._changed(statement)

    async def claim_orphans(
        self,
        owner: str,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        limit: int = 10,
        *,
        now: datetime | None = None,
    ) -> list[str]:
        """Claim up to ``limit`` unfinished runs that nobody holds, oldest first.

        An orphan is an unfinished run whose lease expired, or a pending or running run
        with no lease at all. On PostgreSQL, candidates are locked with ``FOR UPDATE SKIP
        LOCKED``, so concurrent callers take different runs rather than queueing on the
        same rows; SQLite serialises writers, and the conditional update re-checks each.

        Returns:
            The ids of the runs ``owner`` now holds.
        """
        at = self._now(now)
        candidates = (
            select(runs.c.id)
            .where(_orphaned(at))
            .order_by(runs.c.created_at, runs.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        async with self._engine.begin() as connection:
            ids = list((await connection.execute(candidates)).scalars())
            if not ids:
                return []
            statement = (
                update(runs)
                .where(runs.c.id.in_(ids), _orphaned(at))
                .values(_taken(owner, at, ttl_seconds))
                .returning(runs.c.id)
            )
            won = set((await connection.execute(statement)).scalars())
        return [run_id for run_id in ids if run_id in won]

    async def lease(self, run_id: str) -> Lease | None:
        """Who holds a run and until when, or ``None`` if there is no such run."""
        query = select(
            runs.c.id.label("run_id"),
            runs.c.tenant_id,
            runs.c.lease_owner.label("owner"),
            runs.c.lease_expires_at.label("expires_at"),
            runs.c.attempts,
        ).where(runs.c.id == run_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        return None if row is None else to_record(Lease, row)

    def _now(self, now: datetime | None) -> Any:
        """The time to compare leases with: a value, or the database's clock."""
        if now is not None:
            return aware(now)
        if self._engine.dialect.name == "postgresql":
            return func.now(type_=DateTime(timezone=True))
        return utcnow()

    async def _changed(self, statement: Any) -> bool:
        async with self._engine.begin() as connection:
            result = await connection.execute(statement)
        return bool(result.rowcount == 1)


def _taken(owner: str, at: Any, ttl_seconds: float) -> dict[str, Any]:
    """The columns a successful claim writes."""
    return {
        "lease_owner": owner,
        "lease_expires_at": at + timedelta(seconds=ttl_seconds),
        "attempts": runs.c.attempts + 1,
    }


def _orphaned(at: Any) -> ColumnElement[bool]:
    """Unfinished runs whose lease expired, or active ones that never had a lease."""
    expired = and_(
        runs.c.status.in_(_UNFINISHED),
        runs.c.lease_expires_at < at,
        runs.c.lease_owner.is_not(None),
    )
    unleased = and_(runs.c.status.in_(_UNLEASED_CLAIMABLE), runs.c.lease_owner.is_(None))
    return or_(expired, unleased)
