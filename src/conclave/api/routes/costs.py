"""``/api/costs``: spending reports read from the cost ledger.

Viewers read their own tenant's; ``/api/costs/tenants``, which crosses tenants, is for
platform administrators. Periods are UTC days, both ends included.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.exceptions import RequestValidationError

from conclave.adapters.store.repositories.costs import GroupBy, Period
from conclave.api.auth import Platform, ViewerTenant
from conclave.api.deps import Services, ServicesDep
from conclave.api.schemas.costs import (
    AgentEfficiencyPublic,
    EfficiencyReport,
    IsoDate,
    RecommendationPublic,
    RecommendationReport,
    SpendRow,
    SpendSummary,
    TenantDayRow,
    TenantSpendReport,
    TrendReport,
    TurnReportPublic,
    TurnStatsPublic,
)
from conclave.services.costs import CostReports

__all__ = ["router"]

router = APIRouter(prefix="/api/costs", tags=["costs"])
Since = Annotated[IsoDate | None, Query(description="the first day (UTC), YYYY-MM-DD")]
Until = Annotated[IsoDate | None, Query(description="the last day (UTC), included")]


async def _period(since: Since = None, until: Until = None) -> Period:
    """The days a report covers; ``until`` before ``since`` is refused, naming ``until``."""
    if since is not None and until is not None and until < since:
        message = f"must not be before since ({since.isoformat()})"
        problem = {"loc": ("query", "until"), "msg": message, "type": "date_order"}
        raise RequestValidationError([problem | {"input": until.isoformat()}])
    return Period(since=since, until=until)


PeriodDep = Annotated[Period, Depends(_period)]


def _reports(services: Services) -> CostReports:
    # Priced with the catalog's table, so prices_file overrides count here as in runs.
    return CostReports(services.database, services.catalog.factory.prices)


@router.get("/summary")
async def summary(
    services: ServicesDep,
    tenant_id: ViewerTenant,
    period: PeriodDep,
    group_by: GroupBy = "day",
    limit: Annotated[int, Query(ge=1, le=1000, description="at most this many rows")] = 100,
) -> SpendSummary:
    """Spending per day, agent, team, model, conversation or run, and in all."""
    found = await _reports(services).summary(tenant_id, period, group_by=group_by, limit=limit)
    return SpendSummary(
        group_by=found.group_by,
        since=period.since,
        until=period.until,
        rows=[SpendRow.of(row) for row in found.rows],
        total=SpendRow.of(found.total),
    )


@router.get("/turns")
async def turns(
    services: ServicesDep,
    tenant_id: ViewerTenant,
    period: PeriodDep,
    agent: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> TurnReportPublic:
    """Cost and tokens per turn (one agent's calls in one run): mean, median and 95th
    percentile, over all turns and per agent."""
    found = await _reports(services).turns(tenant_id, period, agent=agent)
    return TurnReportPublic(
        overall=TurnStatsPublic.of(found.overall),
        agents=[TurnStatsPublic.of(stats) for stats in found.agents],
    )


@router.get("/efficiency")
async def efficiency(
    services: ServicesDep, tenant_id: ViewerTenant, period: PeriodDep
) -> EfficiencyReport:
    """Per agent: the runs it made calls in, completed and failed, what its calls cost, and
    that cost per completed run."""
    found = await _reports(services).efficiency(tenant_id, period)
    return EfficiencyReport(agents=[AgentEfficiencyPublic.of(row) for row in found])


@router.get("/trends")
async def trends(
    services: ServicesDep,
    tenant_id: ViewerTenant,
    days: Annotated[int, Query(ge=1, le=366, description="how many days, today the last")] = 30,
) -> TrendReport:
    """Spending on each of the last ``days`` days (zero on days without calls), and the last
    seven days against the seven before."""
    return TrendReport.of(await _reports(services).trends(tenant_id, days=days))


@router.get("/recommendations")
async def recommendations(
    services: ServicesDep, tenant_id: ViewerTenant, period: PeriodDep
) -> RecommendationReport:
    """Per agent and model, what the same tokens would have cost on each cheaper model of
    the same provider, at list prices; only where one is cheaper, the largest saving first."""
    found = await _reports(services).recommendations(tenant_id, period)
    return RecommendationReport(recommendations=[RecommendationPublic.of(r) for r in found])


@router.get("/tenants")
async def tenants(
    services: ServicesDep,
    _caller: Platform,
    period: PeriodDep,
    tenant: Annotated[
        str | None, Query(pattern=r"^[a-z0-9][a-z0-9_-]{1,62}$", description="only this one")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10_000, description="at most this many rows")] = 1000,
) -> TenantSpendReport:
    """Every tenant's spending per day, newest day first, for platform administrators."""
    found = await _reports(services).tenants(period, tenant_id=tenant, limit=limit)
    return TenantSpendReport(rows=[TenantDayRow.of(row) for row in found])
