"""Teams: versioned documents in the store, beside the catalog's built-in templates.

``POST /api/task`` hands a task to a team (or an agent), as ``POST /api/agents/{name}/execute``
does for an agent: the task is a run, under the same id.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from conclave.adapters.store.records import DocumentHead
from conclave.api.auth import Operator, OperatorTenant, ViewerTenant
from conclave.api.deps import Services, ServicesDep
from conclave.api.limits import check_message
from conclave.api.routes._documents import (
    Limit,
    Offset,
    all_heads,
    announce,
    delete_document,
    documents,
    dump,
    save,
    stored_head,
    unknown,
    validated,
    version_page,
)
from conclave.api.schemas.agents import (
    DocumentVersionPublic,
    Page,
    Rollback,
    TaskAccepted,
    TaskCreate,
    TeamCreate,
    TeamPublic,
    TeamUpdate,
)
from conclave.engine.team_specs import TeamSpec

__all__ = ["router", "task_router"]

router = APIRouter(prefix="/api/teams", tags=["teams"])
task_router = APIRouter(prefix="/api/task", tags=["tasks"])


def stored_public(head: DocumentHead) -> TeamPublic:
    """A stored team as the API shows it."""
    return TeamPublic(
        name=head.name,
        built_in=False,
        version=head.version,
        latest_version=head.latest_version,
        spec=head.spec,
        created_by=head.created_by,
        updated_at=head.updated_at,
    )


def builtin_public(spec: TeamSpec) -> TeamPublic:
    """A catalog team not stored by the tenant."""
    return TeamPublic(
        name=spec.name, built_in=True, version=None, latest_version=None, spec=dump(spec)
    )


async def team_public(services: Services, tenant_id: str, name: str) -> TeamPublic:
    """The stored team, else the built-in one; 404 if neither exists."""
    head = await stored_head(documents(services, tenant_id), "team", name)
    if head is not None:
        return stored_public(head)
    spec = services.catalog.teams.get(name)
    if spec is None:
        raise unknown("team", name, services.catalog.teams)
    return builtin_public(spec)


@router.post("", status_code=201)
async def create_team(
    body: TeamCreate, services: ServicesDep, tenant_id: OperatorTenant
) -> TeamPublic:
    """Store a new team as version 1; it may override a built-in team of the same name."""
    spec = validated(TeamSpec, body.spec)
    head = await documents(services, tenant_id).create("team", spec.name, dump(spec))
    await announce(services, tenant_id, "team.created", spec.name)
    return stored_public(head)


@router.get("")
async def list_teams(
    services: ServicesDep,
    tenant_id: ViewerTenant,
    limit: Limit = 50,
    offset: Offset = 0,
    built_in: bool = True,
) -> Page[TeamPublic]:
    """The tenant's teams and the built-in ones they do not override, by name."""
    heads = await all_heads(documents(services, tenant_id), "team")
    names = {head.name for head in heads}
    builtin_specs = services.catalog.teams if built_in else {}
    rows = [stored_public(head) for head in heads]
    rows += [builtin_public(s) for name, s in builtin_specs.items() if name not in names]
    rows.sort(key=lambda row: row.name)
    return Page(items=rows[offset : offset + limit], total=len(rows), limit=limit, offset=offset)


@router.get("/{name}")
async def get_team(name: str, services: ServicesDep, tenant_id: ViewerTenant) -> TeamPublic:
    """One team, stored or built in."""
    return await team_public(services, tenant_id, name)


@router.put("/{name}")
async def update_team(
    name: str, body: TeamUpdate, services: ServicesDep, tenant_id: OperatorTenant
) -> TeamPublic:
    """Store a new version; 409 if ``expected_version`` is not the current one."""
    spec = validated(TeamSpec, body.spec, name=name)
    built_in = name in services.catalog.teams
    head = await save(
        services,
        tenant_id,
        "team",
        name,
        spec,
        expected_version=body.expected_version,
        built_in=built_in,
    )
    return stored_public(head)


@router.get("/{name}/versions")
async def team_versions(
    name: str, services: ServicesDep, tenant_id: ViewerTenant, limit: Limit = 50, offset: Offset = 0
) -> Page[DocumentVersionPublic]:
    """The stored versions of a team, oldest first; none for a built-in one."""
    repo = documents(services, tenant_id)
    if name in services.catalog.teams and await stored_head(repo, "team", name) is None:
        return Page(items=[], total=0, limit=limit, offset=offset)
    return version_page(await repo.versions("team", name), limit, offset)


@router.post("/{name}/rollback")
async def rollback_team(
    name: str, body: Rollback, services: ServicesDep, tenant_id: OperatorTenant
) -> TeamPublic:
    """Point the team back at an earlier version; the next update follows the latest."""
    head = await documents(services, tenant_id).rollback("team", name, body.version)
    await announce(
        services, tenant_id, "team.updated", name,
        action="team.rollback", details={"version": body.version},
    )  # fmt: skip
    return stored_public(head)


@router.delete("/{name}", status_code=204, response_class=Response)
async def delete_team(name: str, services: ServicesDep, tenant_id: OperatorTenant) -> None:
    """Delete a stored team (its versions are kept; a built-in one it overrode returns)."""
    built_in = name in services.catalog.teams
    await delete_document(services, tenant_id, "team", name, built_in=built_in)


@task_router.post("", status_code=202)
async def create_task(body: TaskCreate, services: ServicesDep, caller: Operator) -> TaskAccepted:
    """Run a task for a team (or an agent) in the background; follow it at
    ``GET /api/tasks/{task_id}``."""
    tenant_id = caller.tenant_id
    kind, target = ("team", body.team) if body.team is not None else ("agent", body.agent)
    assert target is not None  # TaskCreate names exactly one
    check_message(body.task, services.settings.max_message_chars, loc=("body", "task"))
    record = await services.runs.create(
        tenant_id,
        kind,
        target,
        body.task,
        run_limit=caller.tier.concurrent_runs,
        limits=body.budget.limits() if body.budget else None,
    )
    return TaskAccepted(task_id=record.id, status=record.status, target_kind=kind, target=target)
