"""Bodies of the spending reports (``/api/costs``).

Money comes twice: ``cost_nano``, an integer of nano-dollars (``$1`` is 1,000,000,000),
exact because the ledger sums integers; and ``*_usd``, a float of US dollars computed from
it, good to nine decimals. Add up the ``cost_nano`` figures, not the dollars.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from conclave.adapters.store.repositories.costs import GroupBy, Spend, TenantDay
from conclave.services.costs import (
    AgentEfficiency,
    Alternative,
    Recommendation,
    Trends,
    TurnStats,
    usd,
)

__all__ = [
    "AgentEfficiencyPublic",
    "AlternativePublic",
    "EfficiencyReport",
    "IsoDate",
    "RecommendationPublic",
    "RecommendationReport",
    "SpendRow",
    "SpendSummary",
    "TenantDayRow",
    "TenantSpendReport",
    "TrendDay",
    "TrendReport",
    "TurnReportPublic",
    "TurnStatsPublic",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
Nano = Annotated[int, Field(description="nano-dollars: exact; $1 is 1,000,000,000")]
Usd = Annotated[float, Field(description="US dollars, from the nano-dollar figure")]


def _iso_date(value: object) -> object:
    # Pydantic also reads a number as a Unix time ("0" is 1970-01-01): refuse it.
    if isinstance(value, date) or (isinstance(value, str) and _DATE.fullmatch(value.strip())):
        return value
    raise PydanticCustomError("iso_date", "must be a date as YYYY-MM-DD, such as 2026-12-31")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A day given as ``YYYY-MM-DD``, never as a number."""


class SpendRow(BaseModel):
    """What the calls of one group cost."""

    key: str | None = Field(
        description="the day, agent, team, model, conversation or run; null for calls "
        "without one (outside any team, say)"
    )
    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: Usd
    cost_nano: Nano

    @classmethod
    def of(cls, spend: Spend) -> SpendRow:
        return cls(
            key=spend.key,
            calls=spend.calls,
            input_tokens=spend.input_tokens,
            output_tokens=spend.output_tokens,
            cost_usd=usd(spend.cost_nano),
            cost_nano=spend.cost_nano,
        )


class SpendSummary(BaseModel):
    """Spending per group, the costliest first (days in date order), and in all."""

    group_by: GroupBy
    since: date | None
    until: date | None
    rows: list[SpendRow]
    total: SpendRow = Field(description="every call of the period, not only the rows shown")


class TurnStatsPublic(BaseModel):
    """Cost and tokens per turn (one agent's calls in one run); percentiles are nearest-rank,
    so each is the figure of a real turn."""

    agent: str | None = Field(description="whose turns; null for every agent's")
    turns: int
    calls: int
    tokens: int = Field(description="input and output tokens of all the turns")
    cost_usd: Usd
    cost_nano: Nano
    mean_cost_usd: Usd
    p50_cost_usd: Usd
    p95_cost_usd: Usd
    mean_tokens: float
    p50_tokens: int
    p95_tokens: int

    @classmethod
    def of(cls, stats: TurnStats) -> TurnStatsPublic:
        return cls(
            agent=stats.agent,
            turns=stats.turns,
            calls=stats.calls,
            tokens=stats.tokens,
            cost_usd=usd(stats.cost_nano),
            cost_nano=stats.cost_nano,
            mean_cost_usd=usd(stats.mean_cost_nano),
            p50_cost_usd=usd(stats.p50_cost_nano),
            p95_cost_usd=usd(stats.p95_cost_nano),
            mean_tokens=stats.mean_tokens,
            p50_tokens=stats.p50_tokens,
            p95_tokens=stats.p95_tokens,
        )


class TurnReportPublic(BaseModel):
    """Turn statistics over every agent, and per agent."""

    overall: TurnStatsPublic
    agents: list[TurnStatsPublic]


class AgentEfficiencyPublic(BaseModel):
    """How the runs an agent made calls in ended, and what its calls cost."""

    agent: str
    runs: int = Field(description="runs it made calls in, however they ended")
    completed_runs: int
    failed_runs: int
    cost_usd: Usd
    cost_nano: Nano
    cost_per_success_usd: float | None = Field(
        description="all it spent (failed runs too) per completed run; null when none completed"
    )

    @classmethod
    def of(cls, found: AgentEfficiency) -> AgentEfficiencyPublic:
        return cls(
            agent=found.agent,
            runs=found.runs,
            completed_runs=found.completed,
            failed_runs=found.failed,
            cost_usd=usd(found.cost_nano),
            cost_nano=found.cost_nano,
            cost_per_success_usd=found.cost_per_success_usd,
        )


class EfficiencyReport(BaseModel):
    """Per agent, by name."""

    agents: list[AgentEfficiencyPublic]


class TrendDay(BaseModel):
    """One day's spending (UTC)."""

    day: date
    calls: int
    cost_usd: Usd
    cost_nano: Nano


class TrendReport(BaseModel):
    """Spending on each day of the window, zero on days without calls, and the last seven
    days against the seven before."""

    days: list[TrendDay] = Field(description="oldest first; the last is today (UTC)")
    last_7_days_usd: Usd
    last_7_days_nano: Nano
    previous_7_days_usd: Usd
    previous_7_days_nano: Nano
    change_ratio: float | None = Field(
        description="(last 7 days - the 7 before) / the 7 before: 0.25 is a quarter more, "
        "-0.5 half as much; null when the 7 before cost nothing"
    )

    @classmethod
    def of(cls, trends: Trends) -> TrendReport:
        days = [
            TrendDay(day=d.day, calls=d.calls, cost_usd=usd(d.cost_nano), cost_nano=d.cost_nano)
            for d in trends.days
        ]
        return cls(
            days=days,
            last_7_days_usd=usd(trends.last_week_nano),
            last_7_days_nano=trends.last_week_nano,
            previous_7_days_usd=usd(trends.previous_week_nano),
            previous_7_days_nano=trends.previous_week_nano,
            change_ratio=trends.change_ratio,
        )


class AlternativePublic(BaseModel):
    """A cheaper model, and what the same tokens would have cost on it at list price."""

    model: str
    cost_usd: Usd
    saving_usd: Usd
    saving_share: float = Field(description="the saving as a share of the list cost, 0 to 1")

    @classmethod
    def of(cls, found: Alternative) -> AlternativePublic:
        return cls(
            model=found.model,
            cost_usd=found.cost_usd,
            saving_usd=found.saving_usd,
            saving_share=found.saving_share,
        )


class RecommendationPublic(BaseModel):
    """An agent's use of one model, and the cheaper models of the same provider."""

    agent: str
    model: str
    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: Usd = Field(description="what the calls were charged, from the ledger")
    cost_nano: Nano
    list_cost_usd: Usd = Field(
        description="what the tokens cost at the price table's list price; savings are "
        "reckoned from it"
    )
    best_model: str
    best_saving_usd: Usd
    best_saving_share: float
    alternatives: list[AlternativePublic] = Field(description="cheapest first")

    @classmethod
    def of(cls, found: Recommendation) -> RecommendationPublic:
        use = found.use
        return cls(
            agent=use.agent,
            model=use.model,
            calls=use.calls,
            input_tokens=use.input_tokens,
            output_tokens=use.output_tokens,
            cost_usd=usd(use.cost_nano),
            cost_nano=use.cost_nano,
            list_cost_usd=found.list_cost_usd,
            best_model=found.best.model,
            best_saving_usd=found.best.saving_usd,
            best_saving_share=found.best.saving_share,
            alternatives=[AlternativePublic.of(item) for item in found.alternatives],
        )


class RecommendationReport(BaseModel):
    """Where a cheaper model would have saved money, the largest saving first."""

    recommendations: list[RecommendationPublic]


class TenantDayRow(BaseModel):
    """What one tenant spent in one day (UTC)."""

    tenant_id: str
    day: date
    calls: int
    input_tokens: int
    output_tokens: int
    cost_usd: Usd
    cost_nano: Nano

    @classmethod
    def of(cls, found: TenantDay) -> TenantDayRow:
        return cls(
            tenant_id=found.tenant_id,
            day=date.fromisoformat(found.day),
            calls=found.calls,
            input_tokens=found.input_tokens,
            output_tokens=found.output_tokens,
            cost_usd=usd(found.cost_nano),
            cost_nano=found.cost_nano,
        )


class TenantSpendReport(BaseModel):
    """Every tenant's spending per day, newest day first."""

    rows: list[TenantDayRow]
