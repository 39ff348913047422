from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from conclave import RunCompleted
from conclave.adapters.bus import EVENTS, InProcessBus
from conclave.adapters.store import migrate
from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories import (
    ApprovalRepository,
    RunRepository,
    TenantRepository,
)
from conclave.adapters.store.runlog import SqlRunLog
from conclave.engine.approvals import ApprovalDecision, ApprovalRequest
from conclave.engine.events import ApprovalRequested, Event
from conclave.engine.teams.graph import GraphSpec, GraphWorkflow
from conclave.errors import NotFound, VersionConflict
from conclave.services.approvals import StoreApprover, decide_approval
from tests.adapters.conftest import fresh_postgres_url

RUN = "r1"
REQUEST = ApprovalRequest(
    approval_id="r1:gate:2", run_id=RUN, step="gate", prompt="Trade?", details={"qty": 10}
)


async def _url(flavour: str, tmp_path: Path) -> AsyncIterator[str]:
    if flavour == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'conclave.db'}"
        return
    async for url in fresh_postgres_url():
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated store of each flavour, with tenants t1 and t2 and t1's running run r1."""
    async for url in _url(request.param, tmp_path):
        database = Database(url)
        try:
            await migrate.upgrade(database.engine)
            await TenantRepository(database.engine).create("t1", "One")
            await TenantRepository(database.engine).create("t2", "Two")
            await RunRepository(database.engine, "t1").create(RUN, "team", "desk", "trade")
            await RunRepository(database.engine, "t1").set_status(RUN, "running")
            yield database
        finally:
            await database.dispose()


@pytest.fixture
async def bus() -> AsyncIterator[InProcessBus]:
    bus = InProcessBus()
    yield bus
    await bus.close()


def _approver(database: Database, bus: InProcessBus, **options: Any) -> StoreApprover:
    return StoreApprover(database, bus, tenant_id="t1", **{"poll_seconds": 30, **options})


async def _decide(
    database: Database, bus: InProcessBus, approval_id: str, *, granted: bool = True
) -> None:
    await decide_approval(
        database,
        bus,
        tenant_id="t1",
        approval_id=approval_id,
        granted=granted,
        by="alice",
        comment="looks right" if granted else "too risky",
    )


async def _asked(bus: InProcessBus, approver: StoreApprover) -> asyncio.Task[ApprovalDecision]:
    """Start a decision and return once its request is announced."""
    async with bus.subscribe(EVENTS, "approval.requested") as requested:
        task = asyncio.create_task(approver.decide(REQUEST))
        async with asyncio.timeout(5):
            await anext(aiter(requested))
    return task


async def _status(database: Database) -> str:
    return (await RunRepository(database.engine, "t1").get(RUN)).status


async def test_a_waiting_approver_returns_the_grant_made_from_another_task(
    database: Database, bus: InProcessBus
) -> None:
    task = await _asked(bus, _approver(database, bus))
    await _decide(database, bus, REQUEST.approval_id)
    async with asyncio.timeout(5):
        decision = await task
    assert decision == ApprovalDecision(granted=True, by="alice", comment="looks right")


async def test_a_waiting_approver_returns_a_denial_with_who_and_why(
    database: Database, bus: InProcessBus
) -> None:
    task = await _asked(bus, _approver(database, bus))
    await _decide(database, bus, REQUEST.approval_id, granted=False)
    async with asyncio.timeout(5):
        decision = await task
    assert decision == ApprovalDecision(granted=False, by="alice", comment="too risky")


async def test_the_request_is_announced_with_its_details(
    database: Database, bus: InProcessBus
) -> None:
    async with bus.subscribe(EVENTS, "approval.requested") as requested:
        task = asyncio.create_task(_approver(database, bus).decide(REQUEST))
        async with asyncio.timeout(5):
            message = await anext(aiter(requested))
    await _decide(database, bus, REQUEST.approval_id)
    await task
    assert dict(message.payload) == {
        "tenant_id": "t1",
        "run_id": RUN,
        "approval_id": REQUEST.approval_id,
        "step": "gate",
        "prompt": "Trade?",
        "details": {"qty": 10},
    }


async def test_the_run_is_waiting_while_the_approver_waits_and_running_after(
    database: Database, bus: InProcessBus
) -> None:
    task = await _asked(bus, _approver(database, bus))
    assert await _status(database) == "waiting"
    await _decide(database, bus, REQUEST.approval_id)
    await task
    assert await _status(database) == "running"


async def test_a_decision_without_the_bus_arrives_by_polling(
    database: Database, bus: InProcessBus
) -> None:
    task = await _asked(bus, _approver(database, bus, poll_seconds=0.05))
    # Another process: same database, a bus of its own that the approver never hears.
    elsewhere = InProcessBus()
    await _decide(database, elsewhere, REQUEST.approval_id)
    async with asyncio.timeout(5):
        decision = await task
    assert decision.granted


async def test_after_a_restart_the_stored_decision_is_returned_at_once(
    database: Database, bus: InProcessBus
) -> None:
    task = await _asked(bus, _approver(database, bus))
    await _decide(database, bus, REQUEST.approval_id, granted=False)
    await task
    restarted = _approver(database, InProcessBus())
    async with asyncio.timeout(1):  # far less than its poll: it must not wait at all
        decision = await restarted.decide(REQUEST)
    assert decision == ApprovalDecision(granted=False, by="alice", comment="too risky")


async def test_after_a_restart_a_pending_approval_reuses_its_row(
    database: Database, bus: InProcessBus
) -> None:
    first = await _asked(bus, _approver(database, bus))
    first.cancel()  # the process died while it waited
    with contextlib.suppress(asyncio.CancelledError):
        await first
    second = await _asked(bus, _approver(database, bus))
    await _decide(database, bus, REQUEST.approval_id)
    assert (await second).granted
    page = await ApprovalRepository(database.engine, "t1").list(status=None, run_id=RUN)
    assert [record.id for record in page.items] == [REQUEST.approval_id]


async def test_an_undecided_approval_is_denied_when_it_times_out(
    database: Database, bus: InProcessBus
) -> None:
    approver = _approver(database, bus, poll_seconds=0.05, timeout_seconds=0.1)
    async with asyncio.timeout(5):
        decision = await approver.decide(REQUEST)
    assert decision == ApprovalDecision(
        granted=False, by="system", comment="no decision within 0.1s; denied"
    )
    stored = await ApprovalRepository(database.engine, "t1").get(REQUEST.approval_id)
    assert (stored.status, stored.decided_by) == ("denied", "system")
    assert stored.comment == "no decision within 0.1s; denied"


async def test_another_tenant_cannot_decide_it(database: Database, bus: InProcessBus) -> None:
    task = await _asked(bus, _approver(database, bus))
    with pytest.raises(NotFound):
        await decide_approval(
            database, bus, tenant_id="t2", approval_id=REQUEST.approval_id, granted=True, by="eve"
        )
    await _decide(database, bus, REQUEST.approval_id, granted=False)
    assert not (await task).granted


async def test_a_second_decision_is_a_version_conflict(
    database: Database, bus: InProcessBus
) -> None:
    task = await _asked(bus, _approver(database, bus))
    await _decide(database, bus, REQUEST.approval_id)
    with pytest.raises(VersionConflict):
        await _decide(database, bus, REQUEST.approval_id, granted=False)
    assert (await task).granted


async def test_a_decision_names_the_run_in_the_path_or_is_not_found(
    database: Database, bus: InProcessBus
) -> None:
    task = await _asked(bus, _approver(database, bus))
    with pytest.raises(NotFound, match="not found in run 'r2'"):
        await decide_approval(
            database,
            bus,
            tenant_id="t1",
            approval_id=REQUEST.approval_id,
            granted=True,
            by="alice",
            run_id="r2",
        )
    await _decide(database, bus, REQUEST.approval_id)
    await task


def _workflow(steps: list[dict[str, Any]], approver: StoreApprover) -> GraphWorkflow:
    spec = GraphSpec.from_data({"steps": steps})
    return GraphWorkflow("flow", spec, agents={}, approver=approver)


async def _start(
    flow: GraphWorkflow, bus: InProcessBus, gates: int
) -> tuple[asyncio.Task[list[Event]], list[str]]:
    """Run the workflow in a task; return it once ``gates`` approvals are asked."""

    async def run() -> list[Event]:
        return [event async for event in flow.run("t", run_id=RUN)]

    async with bus.subscribe(EVENTS, "approval.requested") as requested:
        task = asyncio.create_task(run())
        ids: list[str] = []
        async with asyncio.timeout(5):
            async for message in requested:
                ids.append(message.payload["approval_id"])
                if len(ids) == gates:
                    break
    return task, ids


async def test_a_workflow_gate_waits_then_completes_when_decided_elsewhere(
    database: Database, bus: InProcessBus
) -> None:
    steps = [{"id": "gate", "approval": {"prompt": "Trade?"}}]
    task, [approval_id] = await _start(_workflow(steps, _approver(database, bus)), bus, 1)
    await asyncio.sleep(0.05)
    assert not task.done()
    await _decide(database, bus, approval_id)
    async with asyncio.timeout(5):
        events = await task
    kinds = [event.kind for event in events]
    assert kinds.count("approval.requested") == kinds.count("approval.decided") == 1
    done = events[-1]
    assert isinstance(done, RunCompleted)
    assert done.output == "looks right"


async def test_parallel_gates_get_their_own_ids_and_are_decided_apart(
    database: Database, bus: InProcessBus
) -> None:
    steps = [
        {"id": "legal", "approval": {"prompt": "Legal ok?"}},
        {"id": "risk", "approval": {"prompt": "Risk ok?"}},
    ]
    task, ids = await _start(_workflow(steps, _approver(database, bus)), bus, 2)
    legal, risk = sorted(ids)
    assert legal != risk
    await _decide(database, bus, risk)
    await asyncio.sleep(0.05)
    assert not task.done()
    assert (await ApprovalRepository(database.engine, "t1").get(legal)).status == "pending"
    assert await _status(database) == "waiting"
    await _decide(database, bus, legal)
    async with asyncio.timeout(5):
        events = await task
    assert isinstance(events[-1], RunCompleted)
    assert await _status(database) == "running"


async def _request_logged(database: Database) -> None:
    """The run's ``approval.requested`` event, stored before the waiting run stores the row."""
    log = SqlRunLog(database, tenant_id="t1")
    event = ApprovalRequested(
        run_id=RUN,
        seq=1,
        author="desk",
        approval_id=REQUEST.approval_id,
        step=REQUEST.step,
        prompt=REQUEST.prompt,
        details=dict(REQUEST.details),
    )
    await log.append(event)


async def test_a_decision_made_from_the_stream_before_the_row_exists_is_kept(
    database: Database, bus: InProcessBus
) -> None:
    await _request_logged(database)
    record = await decide_approval(
        database, bus, tenant_id="t1", approval_id=REQUEST.approval_id, granted=True,
        by="alice", run_id=RUN,
    )  # fmt: skip
    assert (record.status, record.step, record.details) == ("granted", "gate", {"qty": 10})
    decision = await _approver(database, bus).decide(REQUEST)
    assert decision == ApprovalDecision(granted=True, by="alice", comment="")


async def test_an_approval_the_run_never_asked_for_is_not_found(
    database: Database, bus: InProcessBus
) -> None:
    await _request_logged(database)
    with pytest.raises(NotFound):
        await decide_approval(
            database, bus, tenant_id="t1", approval_id="r1:other:9", granted=True,
            by="alice", run_id=RUN,
        )  # fmt: skip
    with pytest.raises(NotFound):  # another tenant's run
        await decide_approval(
            database, bus, tenant_id="t2", approval_id=REQUEST.approval_id, granted=True,
            by="mallory", run_id=RUN,
        )  # fmt: skip
