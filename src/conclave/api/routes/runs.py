"""Runs: create, list, get, cancel, replay, their events, and their live SSE stream.

Tasks (``/api/tasks``) are the same runs seen as tasks, under the same ids: one mechanism.

The stream (``GET /api/runs/{id}/stream``) sends each event as ``event: <kind>`` with
``data: <the event as JSON>``. Durable events carry ``id: <seq>``; token deltas carry no
``id``, so a client's ``Last-Event-ID`` is always the seq of the last durable event it got.
Resuming after it sends every durable event with a higher seq, and never skips one; the
deltas of a message cut off by the reconnect are not sent again, but the completed message
that follows them is. The stream ends after ``run.completed`` or ``run.failed``, and sends a
comment every 15 seconds to keep idle connections open.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import aclosing
from typing import Annotated

from fastapi import APIRouter, Header, Query
from sse_starlette import EventSourceResponse, ServerSentEvent

from conclave.adapters.store.repositories import MAX_OFFSET
from conclave.api.auth import Operator, OperatorTenant, StreamTenant, ViewerTenant
from conclave.api.deps import Services, ServicesDep
from conclave.api.limits import check_message
from conclave.api.routes._follow import FeedClosed, follow
from conclave.api.schemas.runs import (
    EventPublic,
    RunCreate,
    RunList,
    RunPublic,
    TaskList,
    TaskPublic,
)
from conclave.engine.events import Event, event_to_dict
from conclave.errors import UserError

__all__ = ["HEARTBEAT_SECONDS", "router", "tasks_router"]

HEARTBEAT_SECONDS = 15
router = APIRouter(prefix="/api/runs", tags=["runs"])
tasks_router = APIRouter(prefix="/api/tasks", tags=["tasks"])

Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
# Sequence numbers are 32-bit integers in the store.
MAX_SEQ = 2**31 - 1
After = Annotated[int, Query(ge=0, le=MAX_SEQ, description="only events with a higher seq")]
Status = Annotated[str | None, Query(max_length=20)]
Target = Annotated[str | None, Query(max_length=200)]


@router.post("", status_code=201)
async def create_run(body: RunCreate, services: ServicesDep, caller: Operator) -> RunPublic:
    """Start a run of an agent or a team; it executes in the background."""
    tenant_id = caller.tenant_id
    check_message(body.input, services.settings.max_message_chars, loc=("body", "input"))
    record = await services.runs.create(
        tenant_id,
        body.target_kind,
        body.target,
        body.input,
        run_limit=caller.tier.concurrent_runs,
        limits=body.budget.limits() if body.budget else None,
    )
    return RunPublic.of(record)


@router.get("")
async def list_runs(
    services: ServicesDep,
    tenant_id: ViewerTenant,
    status: Status = None,
    target: Target = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> RunList:
    """A page of runs, newest first, optionally of one status or target."""
    page = await services.runs.list(
        tenant_id, status=status, target=target, limit=limit, offset=offset
    )
    return RunList.of(page)


@router.get("/{run_id}")
async def get_run(run_id: str, services: ServicesDep, tenant_id: ViewerTenant) -> RunPublic:
    """One run, as it stands."""
    return RunPublic.of(await services.runs.get(tenant_id, run_id))


@router.post("/{run_id}/cancel")
async def cancel_run(run_id: str, services: ServicesDep, tenant_id: OperatorTenant) -> RunPublic:
    """Stop the run and mark it cancelled; 409 if it has already finished."""
    return RunPublic.of(await services.runs.cancel(tenant_id, run_id))


@router.post("/{run_id}/replay", status_code=201)
async def replay_run(run_id: str, services: ServicesDep, caller: Operator) -> RunPublic:
    """Run a finished agent run again under a new id, from its recorded outputs."""
    limit = caller.tier.concurrent_runs
    return RunPublic.of(await services.runs.replay(caller.tenant_id, run_id, run_limit=limit))


@router.get("/{run_id}/events")
async def run_events(
    run_id: str, services: ServicesDep, tenant_id: ViewerTenant, after: After = 0
) -> list[EventPublic]:
    """The run's stored events with a seq above ``after``, in order."""
    events = await services.runs.events(tenant_id, run_id, after=after)
    return [EventPublic.of(event) for event in events]


@router.get("/{run_id}/stream", response_class=EventSourceResponse)
async def stream_run(
    run_id: str,
    services: ServicesDep,
    tenant_id: StreamTenant,
    after: After = 0,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> EventSourceResponse:
    """The run's events as server-sent events, from after ``Last-Event-ID`` (or ``after``)."""
    await services.runs.get(tenant_id, run_id)  # a 404 now, before the stream starts
    start = _resume_point(last_event_id, after)
    events = _stream(services, tenant_id, run_id, start)
    return EventSourceResponse(events, ping=HEARTBEAT_SECONDS)


def _resume_point(last_event_id: str | None, after: int) -> int:
    if last_event_id is None or not last_event_id.strip():
        return after
    try:
        seq = int(last_event_id)
    except ValueError:
        seq = -1
    if not 0 <= seq <= MAX_SEQ:
        raise UserError(
            f"Last-Event-ID {last_event_id[:40]!r} is not an event seq; send the id of the "
            "last event received (a whole number), or leave it out to start at the beginning"
        )
    return seq


async def _stream(
    services: Services, tenant_id: str, run_id: str, after: int
) -> AsyncIterator[ServerSentEvent]:
    """Stored events after ``after``, then live ones, with no gap and no duplicate."""
    try:
        async with aclosing(follow(services, tenant_id, run_id, after)) as events:
            async for event in events:
                yield _sse(event)
    except FeedClosed:
        return  # the server is stopping: the client reconnects with Last-Event-ID


def _sse(event: Event) -> ServerSentEvent:
    data = json.dumps(event_to_dict(event), separators=(",", ":"))
    return ServerSentEvent(
        data=data, event=event.kind, id=str(event.seq) if event.durable else None
    )


@tasks_router.get("")
async def list_tasks(
    services: ServicesDep,
    tenant_id: ViewerTenant,
    status: Status = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> TaskList:
    """A page of tasks (runs), newest first; get one task for its history."""
    page = await services.runs.list(tenant_id, status=status, limit=limit, offset=offset)
    items = [TaskPublic.of(record) for record in page.items]
    return TaskList(items=items, total=page.total, limit=page.limit, offset=page.offset)


@tasks_router.get("/{task_id}")
async def get_task(task_id: str, services: ServicesDep, tenant_id: ViewerTenant) -> TaskPublic:
    """One task: its status, its history (the run's events) and its result."""
    record = await services.runs.get(tenant_id, task_id)
    history = await services.runs.events(tenant_id, task_id)
    return TaskPublic.of(record, history)
