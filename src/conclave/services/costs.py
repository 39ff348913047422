"""Spending reports: where a tenant's money goes, how it trends, and where it could be saved.

Built on the cost ledger (one row per model call; see
:mod:`conclave.adapters.store.repositories.costs`), which groups in SQL. This module adds
what SQL cannot say alike on SQLite and PostgreSQL: percentiles, days without calls, and
prices from the :class:`~conclave.engine.models.pricing.PriceTable`.

- :meth:`CostReports.summary`: spending grouped by day, agent, team, model, conversation
  or run, with the total.
- :meth:`CostReports.turns`: cost and tokens per turn, one agent's calls in one run.
- :meth:`CostReports.efficiency`: per agent, runs completed and failed, and the cost of
  each completed one.
- :meth:`CostReports.trends`: spending per day, and this week against the one before.
- :meth:`CostReports.recommendations`: what the same tokens would have cost on cheaper
  models of the same provider.
- :meth:`CostReports.tenants`: every tenant's spending per day, for platform administrators.

Amounts stay in nano-dollars (integers) here; :func:`usd` turns them into dollars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories import costs
from conclave.adapters.store.repositories.costs import (
    GroupBy,
    ModelUse,
    Period,
    Spend,
    TenantDay,
    Turn,
)
from conclave.engine.budget import NANO
from conclave.engine.messages import Usage
from conclave.engine.models.pricing import PriceTable

__all__ = [
    "WEEK",
    "AgentEfficiency",
    "Alternative",
    "CostReports",
    "DaySpend",
    "Recommendation",
    "Summary",
    "Trends",
    "TurnReport",
    "TurnStats",
    "percentile",
    "usd",
]

WEEK = 7  # the days of each window the trend compares


def usd(nano: int | float) -> float:
    """Nano-dollars as dollars."""
    return nano / NANO


def percentile(ordered: Sequence[int], percent: int) -> int:
    """The nearest-rank percentile of ``ordered`` (sorted, not empty): the least value that
    ``percent`` per cent of the values are at most. It is always one of the values."""
    rank = max(1, -(-percent * len(ordered) // 100))  # ceil, in integers: floats miss by one
    return ordered[rank - 1]


@dataclass(frozen=True, kw_only=True, slots=True)
class Summary:
    """Spending per group, and in all."""

    group_by: GroupBy
    rows: list[Spend]
    total: Spend


@dataclass(frozen=True, kw_only=True, slots=True)
class TurnStats:
    """Cost and tokens per turn, over some turns (an agent's, or all of them).

    Attributes:
        agent: whose turns; ``None`` for every agent's.
        turns: how many turns.
        calls: their model calls.
        tokens: their input and output tokens.
        cost_nano: their cost.
        p50_cost_nano: the median cost of a turn.
        p95_cost_nano: the 95th percentile of the cost of a turn.
        p50_tokens: the median tokens of a turn.
        p95_tokens: the 95th percentile of the tokens of a turn.
    """

    agent: str | None
    turns: int
    calls: int
    tokens: int
    cost_nano: int
    p50_cost_nano: int
    p95_cost_nano: int
    p50_tokens: int
    p95_tokens: int

    @property
    def mean_cost_nano(self) -> float:
        return self.cost_nano / self.turns if self.turns else 0.0

    @property
    def mean_tokens(self) -> float:
        return self.tokens / self.turns if self.turns else 0.0

    @classmethod
    def of(cls, turns: Sequence[Turn], *, agent: str | None = None) -> TurnStats:
        """The statistics of ``turns``; all zero when there are none."""
        cost = sorted(turn.cost_nano for turn in turns) or [0]
        tokens = sorted(turn.tokens for turn in turns) or [0]
        return cls(
            agent=agent,
            turns=len(turns),
            calls=sum(turn.calls for turn in turns),
            tokens=sum(tokens),
            cost_nano=sum(cost),
            p50_cost_nano=percentile(cost, 50),
            p95_cost_nano=percentile(cost, 95),
            p50_tokens=percentile(tokens, 50),
            p95_tokens=percentile(tokens, 95),
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class TurnReport:
    """Turn statistics over every agent, and per agent."""

    overall: TurnStats
    agents: list[TurnStats]


@dataclass(frozen=True, kw_only=True, slots=True)
class AgentEfficiency:
    """How an agent's runs ended, and what its calls in them cost.

    Attributes:
        agent: the agent.
        runs: the runs it made calls in.
        completed: those that completed.
        failed: those that failed.
        cost_nano: what its calls in all of them cost, failed ones included.
    """

    agent: str
    runs: int
    completed: int
    failed: int
    cost_nano: int

    @property
    def cost_per_success_usd(self) -> float | None:
        """All it spent, per run that completed; ``None`` when none did."""
        return usd(self.cost_nano) / self.completed if self.completed else None


@dataclass(frozen=True, kw_only=True, slots=True)
class DaySpend:
    """What one day's calls cost."""

    day: date
    calls: int
    cost_nano: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Trends:
    """Spending per day, every day of the window (zero on days without calls), and the last
    :data:`WEEK` days against the ones before.

    Attributes:
        days: each day of the window, oldest first.
        last_week_nano: the cost of the last seven days, today included.
        previous_week_nano: the cost of the seven days before those.
    """

    days: list[DaySpend]
    last_week_nano: int
    previous_week_nano: int

    @property
    def change_ratio(self) -> float | None:
        """How much more (or, below zero, less) the last week cost than the one before, as a
        share of that one: 0.25 is a quarter more. ``None`` when the week before cost
        nothing."""
        if not self.previous_week_nano:
            return None
        return (self.last_week_nano - self.previous_week_nano) / self.previous_week_nano


@dataclass(frozen=True, kw_only=True, slots=True)
class Alternative:
    """A cheaper model, and what the same tokens would have cost on it."""

    model: str
    cost_usd: float
    saving_usd: float
    saving_share: float  # of the list cost on the model used


@dataclass(frozen=True, kw_only=True, slots=True)
class Recommendation:
    """An agent's use of one model, and cheaper models for the same tokens, cheapest first.

    Attributes:
        use: what the agent spent on the model.
        list_cost_usd: what its tokens cost at the price table's list price; savings are
            reckoned from it.
        alternatives: the cheaper models, cheapest (the best saving) first.
    """

    use: ModelUse
    list_cost_usd: float
    alternatives: list[Alternative]

    @property
    def best(self) -> Alternative:
        return self.alternatives[0]


class CostReports:
    """Spending reports read from one store, priced with one table.

    Args:
        database: the store.
        prices: the price table the cheaper models are found in.
    """

    __slots__ = ("_database", "prices")

    def __init__(self, database: Database, prices: PriceTable) -> None:
        self._database = database
        self.prices = prices

    async def summary(
        self, tenant_id: str, period: Period, *, group_by: GroupBy, limit: int = 100
    ) -> Summary:
        """The tenant's spending per group (at most ``limit`` groups), and in all."""
        async with self._database.connect() as connection:
            rows = await costs.spend_by(
                connection, tenant_id, period, group_by=group_by, limit=limit
            )
            total = await costs.spend_total(connection, tenant_id, period)
        return Summary(group_by=group_by, rows=rows, total=total)

    async def turns(
        self, tenant_id: str, period: Period, *, agent: str | None = None
    ) -> TurnReport:
        """Cost and tokens per turn, over all the tenant's turns and per agent."""
        async with self._database.connect() as connection:
            found = await costs.turns(connection, tenant_id, period, agent=agent)
        by_agent: dict[str, list[Turn]] = {}
        for turn in found:
            by_agent.setdefault(turn.agent, []).append(turn)
        agents = [TurnStats.of(items, agent=name) for name, items in by_agent.items()]
        return TurnReport(overall=TurnStats.of(found), agents=agents)

    async def efficiency(self, tenant_id: str, period: Period) -> list[AgentEfficiency]:
        """Per agent (by name), how the runs it made calls in ended, and what they cost."""
        async with self._database.connect() as connection:
            found = await costs.agent_runs(connection, tenant_id, period)
        return [
            AgentEfficiency(
                agent=row.agent,
                runs=row.runs,
                completed=row.completed,
                failed=row.failed,
                cost_nano=row.cost_nano,
            )
            for row in found
        ]

    async def trends(self, tenant_id: str, *, days: int, today: date | None = None) -> Trends:
        """Spending on each of the last ``days`` days (UTC), today included.

        Args:
            tenant_id: whose spending.
            days: how many days, today the last.
            today: the day to end on; the current UTC day by default.
        """
        today = today or datetime.now(UTC).date()
        span = max(days, 2 * WEEK)
        period = Period(since=today - timedelta(days=span - 1), until=today)
        async with self._database.connect() as connection:
            found = await costs.spend_by(connection, tenant_id, period, group_by="day", limit=span)
        spent = {row.key: row for row in found}
        series = [_day(spent, today - timedelta(days=back)) for back in range(span - 1, -1, -1)]
        return Trends(
            days=series[-days:],
            last_week_nano=sum(day.cost_nano for day in series[-WEEK:]),
            previous_week_nano=sum(day.cost_nano for day in series[-2 * WEEK : -WEEK]),
        )

    async def recommendations(self, tenant_id: str, period: Period) -> list[Recommendation]:
        """Where an agent's tokens would have cost less on another model, the largest saving
        first. Models the price table does not know are left out."""
        async with self._database.connect() as connection:
            uses = await costs.model_use(connection, tenant_id, period)
        found = [made for use in uses if (made := self._recommend(use)) is not None]
        return sorted(found, key=lambda r: (-r.best.saving_usd, r.use.agent, r.use.model))

    async def tenants(
        self, period: Period, *, tenant_id: str | None = None, limit: int = 1000
    ) -> list[TenantDay]:
        """Every tenant's spending per day (or one tenant's), newest day first."""
        async with self._database.connect() as connection:
            return await costs.spend_by_tenant_day(
                connection, period, tenant_id=tenant_id, limit=limit
            )

    def _recommend(self, use: ModelUse) -> Recommendation | None:
        usage = Usage(input_tokens=use.input_tokens, output_tokens=use.output_tokens)
        cheaper = self.prices.cheapest_alternatives(use.model, usage)
        if not cheaper:
            return None  # unknown, free, or the cheapest already
        listed = self.prices.cost(use.model, usage)
        alternatives = [
            Alternative(
                model=model,
                cost_usd=cost,
                saving_usd=listed - cost,
                saving_share=(listed - cost) / listed,
            )
            for model, cost in cheaper
        ]
        return Recommendation(use=use, list_cost_usd=listed, alternatives=alternatives)


def _day(spent: dict[str | None, Spend], day: date) -> DaySpend:
    found = spent.get(day.isoformat())
    if found is None:
        return DaySpend(day=day, calls=0, cost_nano=0)
    return DaySpend(day=day, calls=found.calls, cost_nano=found.cost_nano)
