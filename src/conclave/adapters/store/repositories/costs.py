"""What model calls cost, read from the cost ledger: sums grouped in SQL, one tenant at a time.

Every function but :func:`spend_by_tenant_day` takes the tenant whose rows it reads, and
filters on it; that one is for platform administrators, and reads every tenant's. Money is
in nano-dollars, summed as integers, so totals are exact.

Dates filter on the ledger's ``day`` column, the UTC day of the call as ``YYYY-MM-DD``: text
that sorts as the dates do, and compares alike on SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from conclave.adapters.store.repositories._rows import has_nul
from conclave.adapters.store.tables import cost_ledger, runs

__all__ = [
    "GROUPS",
    "AgentRuns",
    "GroupBy",
    "ModelUse",
    "Period",
    "Spend",
    "TenantDay",
    "Turn",
    "agent_runs",
    "model_use",
    "spend_by",
    "spend_by_tenant_day",
    "spend_total",
    "turns",
]

GroupBy = Literal["day", "agent", "team", "model", "conversation", "run"]
_L = cost_ledger.c
GROUPS: dict[str, ColumnElement[Any]] = {
    "day": _L.day,
    "agent": _L.agent,
    "team": _L.team,
    "model": _L.model,
    "conversation": _L.conversation_id,
    "run": _L.run_id,
}
"""The ledger column each grouping of :func:`spend_by` groups on."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Period:
    """The days to include, both ends inclusive; ``None`` leaves that end open."""

    since: date | None = None
    until: date | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Spend:
    """What the calls of one group cost.

    Attributes:
        key: the group's value (a day, an agent, a model...); ``None`` for calls without
            one (a call outside any team, for ``team``).
        calls: how many model calls.
        input_tokens: their input tokens.
        output_tokens: their output tokens.
        cost_nano: their cost in nano-dollars.
    """

    key: str | None
    calls: int
    input_tokens: int
    output_tokens: int
    cost_nano: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Turn:
    """One agent's calls in one run."""

    agent: str
    run_id: str
    calls: int
    tokens: int  # input and output
    cost_nano: int


@dataclass(frozen=True, kw_only=True, slots=True)
class AgentRuns:
    """The runs an agent made calls in, by how they ended, and what its calls cost.

    Attributes:
        agent: the agent.
        runs: the runs it made calls in, however they ended (or if they have not yet).
        completed: those that completed.
        failed: those that failed.
        cost_nano: what its calls in all of them cost.
    """

    agent: str
    runs: int
    completed: int
    failed: int
    cost_nano: int


@dataclass(frozen=True, kw_only=True, slots=True)
class ModelUse:
    """What an agent spent on one model."""

    agent: str
    model: str
    calls: int
    input_tokens: int
    output_tokens: int
    cost_nano: int


@dataclass(frozen=True, kw_only=True, slots=True)
class TenantDay:
    """What a tenant spent in one day."""

    tenant_id: str
    day: str
    calls: int
    input_tokens: int
    output_tokens: int
    cost_nano: int


def _sums() -> tuple[ColumnElement[Any], ...]:
    return (
        func.count().label("calls"),
        func.coalesce(func.sum(_L.input_tokens), 0).label("input_tokens"),
        func.coalesce(func.sum(_L.output_tokens), 0).label("output_tokens"),
        func.coalesce(func.sum(_L.cost_nano), 0).label("cost_nano"),
    )


def _within(query: Select[Any], period: Period) -> Select[Any]:
    if period.since is not None:
        query = query.where(_L.day >= period.since.isoformat())
    if period.until is not None:
        query = query.where(_L.day <= period.until.isoformat())
    return query


def _ledger(tenant_id: str, period: Period, *columns: ColumnElement[Any]) -> Select[Any]:
    """``columns`` of the tenant's ledger rows in ``period``."""
    return _within(select(*columns).where(_L.tenant_id == tenant_id), period)


def _spend(key: str | None, row: Any) -> Spend:
    # PostgreSQL sums integers as numeric: int() makes every flavour's figures alike.
    return Spend(
        key=key,
        calls=int(row.calls),
        input_tokens=int(row.input_tokens),
        output_tokens=int(row.output_tokens),
        cost_nano=int(row.cost_nano),
    )


async def spend_total(connection: AsyncConnection, tenant_id: str, period: Period) -> Spend:
    """What all the tenant's calls in ``period`` cost, as one group without a key."""
    row = (await connection.execute(_ledger(tenant_id, period, *_sums()))).one()
    return _spend(None, row)


async def spend_by(
    connection: AsyncConnection,
    tenant_id: str,
    period: Period,
    *,
    group_by: GroupBy,
    limit: int,
) -> list[Spend]:
    """The tenant's spending in ``period`` per group, at most ``limit`` groups.

    Days come in date order; other groups the most costly first, so ``limit`` keeps the
    largest. Ties go by key, the group without one last (as on PostgreSQL, on SQLite too).
    """
    column = GROUPS[group_by]
    query = _ledger(tenant_id, period, column.label("key"), *_sums()).group_by(column)
    cost = func.sum(_L.cost_nano)
    order = (column,) if group_by == "day" else (cost.desc(), column.nulls_last())
    rows = await connection.execute(query.order_by(*order).limit(limit))
    return [_spend(None if row.key is None else str(row.key), row) for row in rows]


async def turns(
    connection: AsyncConnection, tenant_id: str, period: Period, *, agent: str | None = None
) -> list[Turn]:
    """Every turn (one agent's calls in one run) in ``period``, by agent, then run."""
    if has_nul(agent):
        return []  # no agent is so named, and PostgreSQL would refuse the query
    tokens = func.sum(_L.input_tokens + _L.output_tokens)
    columns = (_L.agent, _L.run_id, func.count(), tokens, func.sum(_L.cost_nano))
    query = _ledger(tenant_id, period, *columns).group_by(_L.agent, _L.run_id)
    if agent is not None:
        query = query.where(_L.agent == agent)
    rows = await connection.execute(query.order_by(_L.agent, _L.run_id))
    return [
        Turn(agent=name, run_id=run_id, calls=int(calls), tokens=int(used), cost_nano=int(cost))
        for name, run_id, calls, used, cost in rows
    ]


async def agent_runs(
    connection: AsyncConnection, tenant_id: str, period: Period
) -> list[AgentRuns]:
    """Per agent, the runs it made calls in (in ``period``) by how they ended, and the cost."""
    per_run = (
        _ledger(tenant_id, period, _L.agent, _L.run_id, func.sum(_L.cost_nano).label("cost"))
        .group_by(_L.agent, _L.run_id)
        .subquery()
    )
    # A run's row may be gone (or the run may belong to no row): its calls still cost.
    joined = per_run.outerjoin(
        runs, and_(runs.c.id == per_run.c.run_id, runs.c.tenant_id == tenant_id)
    )
    query = (
        select(
            per_run.c.agent,
            func.count(),
            func.sum(case((runs.c.status == "completed", 1), else_=0)),
            func.sum(case((runs.c.status == "failed", 1), else_=0)),
            func.sum(per_run.c.cost),
        )
        .select_from(joined)
        .group_by(per_run.c.agent)
        .order_by(per_run.c.agent)
    )
    return [
        AgentRuns(agent=name, runs=int(n), completed=int(ok), failed=int(bad), cost_nano=int(cost))
        for name, n, ok, bad, cost in await connection.execute(query)
    ]


async def model_use(connection: AsyncConnection, tenant_id: str, period: Period) -> list[ModelUse]:
    """Per agent and model, the tokens and cost of the tenant's calls in ``period``."""
    query = _ledger(tenant_id, period, _L.agent, _L.model, *_sums()).group_by(_L.agent, _L.model)
    rows = await connection.execute(query.order_by(_L.agent, _L.model))
    return [
        ModelUse(
            agent=row.agent,
            model=row.model,
            calls=int(row.calls),
            input_tokens=int(row.input_tokens),
            output_tokens=int(row.output_tokens),
            cost_nano=int(row.cost_nano),
        )
        for row in rows
    ]


async def spend_by_tenant_day(
    connection: AsyncConnection, period: Period, *, tenant_id: str | None = None, limit: int
) -> list[TenantDay]:
    """Every tenant's spending per day in ``period`` (or one tenant's), newest day first,
    at most ``limit`` rows. For platform administrators: it crosses tenants."""
    query = _within(select(_L.tenant_id, _L.day, *_sums()), period)
    if tenant_id is not None:
        query = query.where(_L.tenant_id == tenant_id)
    query = query.group_by(_L.tenant_id, _L.day).order_by(_L.day.desc(), _L.tenant_id)
    return [
        TenantDay(
            tenant_id=row.tenant_id,
            day=row.day,
            calls=int(row.calls),
            input_tokens=int(row.input_tokens),
            output_tokens=int(row.output_tokens),
            cost_nano=int(row.cost_nano),
        )
        for row in await connection.execute(query.limit(limit))
    ]
