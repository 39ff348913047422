"""``GET /api/status``: the system at a glance for the tenant, as an operator sees it."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from conclave import __version__
from conclave.adapters.store.records import RUN_STATUSES
from conclave.adapters.store.repositories import DocumentRepository, RunRepository
from conclave.api.auth import ViewerTenant
from conclave.api.deps import ServicesDep

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["status"])


class Counts(BaseModel):
    built_in: int
    stored: int


class RunCounts(BaseModel):
    in_flight: int
    by_status: dict[str, int]


class StatusPublic(BaseModel):
    version: str
    agents: Counts
    teams: Counts
    runs: RunCounts
    queue: int


@router.get("/status")
async def status(services: ServicesDep, tenant_id: ViewerTenant) -> StatusPublic:
    """Agents and teams (built in and stored), runs by status, the tenant's runs executing
    here, and the queue: runs waiting for an executor."""
    engine = services.database.engine
    documents = DocumentRepository(engine, tenant_id)
    runs = RunRepository(engine, tenant_id)
    by_status = {s: (await runs.list(status=s, limit=1)).total for s in sorted(RUN_STATUSES)}
    # The executor runs every tenant's runs: count only this tenant's.
    in_flight = {run.id for run in await runs.unfinished()} & services.executor.running()
    return StatusPublic(
        version=__version__,
        agents=Counts(
            built_in=len(services.catalog.specs),
            stored=(await documents.list("agent", limit=1)).total,
        ),
        teams=Counts(
            built_in=len(services.catalog.teams),
            stored=(await documents.list("team", limit=1)).total,
        ),
        runs=RunCounts(in_flight=len(in_flight), by_status=by_status),
        queue=by_status.get("pending", 0),
    )
