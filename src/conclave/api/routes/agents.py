"""Agents: versioned documents in the store, with status, health, chat and tasks.

``GET /api/agents`` lists the tenant's stored agents and, marked ``built_in``, the demo and
template agents of the catalog that no stored agent of the same name overrides. A built-in
agent can be read, chatted with and given tasks as it is; updating, starting or stopping it
stores a copy, which from then on overrides it (and deleting that copy brings it back).

The document helpers they share with the teams router live in ``_documents``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response
from pydantic import ValidationError

from conclave.adapters.store.records import DocumentHead
from conclave.adapters.store.repositories.documents import DocumentRepository
from conclave.api.auth import Operator, OperatorTenant, ViewerTenant
from conclave.api.deps import Services, ServicesDep
from conclave.api.limits import check_message
from conclave.api.schemas.agents import (
    AgentCreate,
    AgentPublic,
    AgentUpdate,
    ChatRequest,
    ChatResponse,
    DocumentVersionPublic,
    ExecuteRequest,
    Page,
    Rollback,
    TaskAccepted,
    UsagePublic,
)
from conclave.engine.agents import Agent
from conclave.engine.specs import AgentSpec
from conclave.errors import ConclaveError, QuotaExceeded

__all__ = ["router"]

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

router = APIRouter(prefix="/api/agents", tags=["agents"])

BuiltIn = Annotated[bool, Query(description="include built-in agents not overridden")]


def build_agent(services: Services, spec: AgentSpec) -> Agent:
    """The agent for ``spec``, on the catalog's factory.

    The model is passed explicitly so that the factory does not cache a blueprint for a
    spec object that lives for one request.
    """
    catalog = services.catalog
    model = catalog.override_model or spec.model or catalog.factory.default_model
    return catalog.factory.build(spec, model=model)


def _health(services: Services, spec: AgentSpec) -> tuple[str, str | None]:
    try:
        build_agent(services, spec)
    except ConclaveError as error:
        return "unhealthy", error.message
    return "healthy", None


def stored_public(services: Services, head: DocumentHead) -> AgentPublic:
    """A stored agent as the API shows it."""
    try:
        health, detail = _health(services, AgentSpec.model_validate(head.spec))
    except ValidationError as error:
        health, detail = "unhealthy", f"stored spec no longer validates: {error}"
    return AgentPublic(
        name=head.name,
        built_in=False,
        version=head.version,
        latest_version=head.latest_version,
        spec=head.spec,
        created_by=head.created_by,
        updated_at=head.updated_at,
        status=head.status,
        health=health,
        health_detail=detail,
    )


def builtin_public(services: Services, spec: AgentSpec) -> AgentPublic:
    """A catalog agent not stored by the tenant; it is always ``started``."""
    health, detail = _health(services, spec)
    return AgentPublic(
        name=spec.name,
        built_in=True,
        version=None,
        latest_version=None,
        spec=dump(spec),
        status="started",
        health=health,
        health_detail=detail,
    )


async def agent_public(services: Services, tenant_id: str, name: str) -> AgentPublic:
    """The stored agent, else the built-in one; 404 if neither exists."""
    head = await stored_head(documents(services, tenant_id), "agent", name)
    if head is not None:
        return stored_public(services, head)
    spec = services.catalog.specs.get(name)
    if spec is None:
        raise unknown("agent", name, services.catalog.specs)
    return builtin_public(services, spec)


async def agent_spec(services: Services, tenant_id: str, name: str) -> AgentSpec:
    """The spec the agent runs with: the stored one, else the built-in one."""
    head = await stored_head(documents(services, tenant_id), "agent", name)
    if head is not None:
        return AgentSpec.model_validate(head.spec)
    spec = services.catalog.specs.get(name)
    if spec is None:
        raise unknown("agent", name, services.catalog.specs)
    return spec


@router.post("", status_code=201)
async def create_agent(body: AgentCreate, services: ServicesDep, caller: Operator) -> AgentPublic:
    """Store a new agent as version 1; it may override a built-in agent of the same name.
    403 ``quota_exceeded`` when the tenant has as many agents as its tier allows."""
    tenant_id = caller.tenant_id
    spec = validated(AgentSpec, body.spec)
    repo = documents(services, tenant_id)
    await _check_quota(repo, caller.tier.max_agents)
    head = await repo.create("agent", spec.name, dump(spec))
    await announce(services, tenant_id, "agent.created", spec.name)
    return stored_public(services, head)


async def _check_quota(repo: DocumentRepository, most: int) -> None:
    # Checked before the write, not with it: two agents created at the same moment may
    # pass the limit by one, which a quota (unlike a budget) can afford.
    stored = (await repo.list("agent", limit=1)).total
    if stored >= most:
        raise QuotaExceeded(
            f"this tenant has {stored} agents, the most its tier allows; delete one, or "
            "move to a higher tier",
            limit=most,
        )


@router.get("")
async def list_agents(
    services: ServicesDep,
    tenant_id: ViewerTenant,
    limit: Limit = 50,
    offset: Offset = 0,
    built_in: BuiltIn = True,
) -> Page[AgentPublic]:
    """The tenant's agents and the built-in ones they do not override, by name."""
    heads = await all_heads(documents(services, tenant_id), "agent")
    names = {head.name for head in heads}
    builtin_specs = services.catalog.specs if built_in else {}
    extra = [spec for name, spec in builtin_specs.items() if name not in names]
    rows: list[DocumentHead | AgentSpec] = sorted([*heads, *extra], key=lambda row: row.name)
    items = [
        stored_public(services, row)
        if isinstance(row, DocumentHead)
        else builtin_public(services, row)
        for row in rows[offset : offset + limit]
    ]
    return Page(items=items, total=len(rows), limit=limit, offset=offset)


@router.get("/{name}")
async def get_agent(name: str, services: ServicesDep, tenant_id: ViewerTenant) -> AgentPublic:
    """One agent, stored or built in."""
    return await agent_public(services, tenant_id, name)


@router.put("/{name}")
async def update_agent(
    name: str, body: AgentUpdate, services: ServicesDep, tenant_id: OperatorTenant
) -> AgentPublic:
    """Store a new version; 409 if ``expected_version`` is not the current one."""
    spec = validated(AgentSpec, body.spec, name=name)
    built_in = name in services.catalog.specs
    head = await save(
        services,
        tenant_id,
        "agent",
        name,
        spec,
        expected_version=body.expected_version,
        built_in=built_in,
    )
    return stored_public(services, head)


@router.get("/{name}/versions")
async def agent_versions(
    name: str, services: ServicesDep, tenant_id: ViewerTenant, limit: Limit = 50, offset: Offset = 0
) -> Page[DocumentVersionPublic]:
    """The stored versions of an agent, oldest first; none for a built-in one."""
    repo = documents(services, tenant_id)
    if name in services.catalog.specs and await stored_head(repo, "agent", name) is None:
        return Page(items=[], total=0, limit=limit, offset=offset)
    return version_page(await repo.versions("agent", name), limit, offset)


@router.post("/{name}/rollback")
async def rollback_agent(
    name: str, body: Rollback, services: ServicesDep, tenant_id: OperatorTenant
) -> AgentPublic:
    """Point the agent back at an earlier version; the next update follows the latest."""
    head = await documents(services, tenant_id).rollback("agent", name, body.version)
    await announce(
        services, tenant_id, "agent.updated", name,
        action="agent.rollback", details={"version": body.version},
    )  # fmt: skip
    return stored_public(services, head)


@router.delete("/{name}", status_code=204, response_class=Response)
async def delete_agent(name: str, services: ServicesDep, tenant_id: OperatorTenant) -> None:
    """Delete a stored agent (its versions are kept; a built-in one it overrode returns)."""
    built_in = name in services.catalog.specs
    await delete_document(services, tenant_id, "agent", name, built_in=built_in)


@router.post("/{name}/start")
async def start_agent(name: str, services: ServicesDep, tenant_id: OperatorTenant) -> AgentPublic:
    """Mark the agent started and publish ``agent.started``."""
    return await _set_status(services, tenant_id, name, "started")


@router.post("/{name}/stop")
async def stop_agent(name: str, services: ServicesDep, tenant_id: OperatorTenant) -> AgentPublic:
    """Mark the agent stopped and publish ``agent.stopped``."""
    return await _set_status(services, tenant_id, name, "stopped")


async def _set_status(services: Services, tenant_id: str, name: str, status: str) -> AgentPublic:
    repo = documents(services, tenant_id)
    if await stored_head(repo, "agent", name) is None:
        # A built-in agent gets a stored copy to carry its status.
        await repo.create("agent", name, dump(await agent_spec(services, tenant_id, name)))
    head = await repo.set_status("agent", name, status)
    await announce(services, tenant_id, f"agent.{status}", name)
    return stored_public(services, head)


@router.post("/{name}/chat")
async def chat(
    name: str, body: ChatRequest, services: ServicesDep, caller: Operator
) -> ChatResponse:
    """Send a user message and get the agent's reply, within a conversation.

    The turn is a durable run (its id is ``run_id``): the message, the run and, when it
    ends, the reply are stored, so a turn cut off by a crash finishes on restart and its
    reply still joins the conversation.
    """
    tenant_id = caller.tenant_id
    check_message(body.message, services.settings.max_message_chars, loc=("body", "message"))
    turn = await services.runs.chat(
        tenant_id,
        "agent",
        name,
        body.message,
        conversation_id=body.conversation_id,
        run_limit=caller.tier.concurrent_runs,
    )
    done = await services.runs.outcome(turn.run)
    if done.status != "completed":
        raise HTTPException(502, f"agent {name!r} could not reply: {done.error}")
    usage = UsagePublic(input_tokens=done.input_tokens, output_tokens=done.output_tokens)
    return ChatResponse(
        conversation_id=turn.conversation_id,
        run_id=done.id,
        reply=done.output or "",
        usage=usage,
        cost_usd=done.cost_usd,
    )


@router.post("/{name}/execute", status_code=202)
async def execute(
    name: str, body: ExecuteRequest, services: ServicesDep, caller: Operator
) -> TaskAccepted:
    """Run a task in the background; follow it at ``GET /api/tasks/{task_id}``."""
    tenant_id = caller.tenant_id
    check_message(body.task, services.settings.max_message_chars, loc=("body", "task"))
    record = await services.runs.create(
        tenant_id,
        "agent",
        name,
        body.task,
        run_limit=caller.tier.concurrent_runs,
        limits=body.budget.limits() if body.budget else None,
    )
    return TaskAccepted(task_id=record.id, status=record.status, target_kind="agent", target=name)
