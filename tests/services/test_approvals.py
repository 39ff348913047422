from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
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
from conclave.errors import NotFound, PermissionDenied, VersionConflict
from conclave.services import _approval_log
from conclave.services.approvals import StoreApprover, decide_approval, next_role
from conclave.services.auth import Role
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
    database: Database,
    bus: InProcessBus,
    approval_id: str,
    *,
    granted: bool = True,
    role: Role = Role.OPERATOR,
) -> None:
    await decide_approval(
        database,
        bus,
        tenant_id="t1",
        approval_id=approval_id,
        granted=granted,
        by="alice",
        role=role,
        comment="looks right" if granted else "too risky",
    )


async def _asked(
    bus: InProcessBus, approver: StoreApprover, request: ApprovalRequest = REQUEST
) -> asyncio.Task[ApprovalDecision]:
    """Start a decision and return once its request is announced."""
    async with bus.subscribe(EVENTS, "approval.requested") as requested:
        task = asyncio.create_task(approver.decide(request))
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
        "kind": "gate",
        "required_role": "operator",
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
    comment = "timed out: no decision within 0.1s; denied"
    assert decision == ApprovalDecision(granted=False, by="system", comment=comment)
    stored = await ApprovalRepository(database.engine, "t1").get(REQUEST.approval_id)
    assert (stored.status, stored.decided_by, stored.comment) == ("denied", "system", comment)


async def test_another_tenant_cannot_decide_it(database: Database, bus: InProcessBus) -> None:
    task = await _asked(bus, _approver(database, bus))
    with pytest.raises(NotFound):
        await decide_approval(
            database, bus, tenant_id="t2", approval_id=REQUEST.approval_id, granted=True,
            by="eve", role=Role.PLATFORM,
        )  # fmt: skip
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
            role=Role.OPERATOR,
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


async def _request_logged(
    database: Database, request: ApprovalRequest = REQUEST, **details: Any
) -> None:
    """The run's ``approval.requested`` event, stored before the waiting run stores the row."""
    log = SqlRunLog(database, tenant_id="t1")
    event = ApprovalRequested(
        run_id=RUN,
        seq=1,
        author="desk",
        approval_id=request.approval_id,
        step=request.step,
        prompt=request.prompt,
        details={**request.details, **details},
    )
    await log.append(event)


async def test_a_decision_made_from_the_stream_before_the_row_exists_is_kept(
    database: Database, bus: InProcessBus
) -> None:
    await _request_logged(database)
    record = await decide_approval(
        database, bus, tenant_id="t1", approval_id=REQUEST.approval_id, granted=True,
        by="alice", role=Role.OPERATOR, run_id=RUN,
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
            by="alice", role=Role.PLATFORM, run_id=RUN,
        )  # fmt: skip
    with pytest.raises(NotFound):  # another tenant's run
        await decide_approval(
            database, bus, tenant_id="t2", approval_id=REQUEST.approval_id, granted=True,
            by="mallory", role=Role.PLATFORM, run_id=RUN,
        )  # fmt: skip


# Roles, deadlines and escalation


def _tool_request(call: str = "call_1", **fields: Any) -> ApprovalRequest:
    """A tool call's approval, as an agent asks it: its own id per call."""
    base = ApprovalRequest(
        approval_id=f"{RUN}:tool:{call}", run_id=RUN, step=f"tool:{call}", prompt="Run deploy?",
        details={"tool": "deploy"}, kind="tool",
    )  # fmt: skip
    return replace(base, **fields)


async def _stored(database: Database, approval_id: str = REQUEST.approval_id) -> Any:
    return await ApprovalRepository(database.engine, "t1").get(approval_id)


async def _overdue_row(database: Database, request: ApprovalRequest, *, role: str) -> None:
    """The row of ``request`` as a run that died before its deadline left it."""
    past = datetime.now(UTC) - timedelta(seconds=1)
    await ApprovalRepository(database.engine, "t1").create(
        request.approval_id, RUN, request.step, request.prompt, kind=request.kind,
        required_role=role, expires_at=past, on_timeout=request.on_timeout,
    )  # fmt: skip


class Receiver:
    """A webhook receiver: a local HTTP server that keeps the JSON bodies posted to it."""

    def __init__(self, status: int = 204) -> None:
        self.status = status
        self.bodies: list[dict[str, Any]] = []
        self.arrived = asyncio.Event()
        self.url = ""

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode().split("\r\n")
        length = next(int(h.split(":")[1]) for h in lines if h.lower().startswith("content-len"))
        self.bodies.append(json.loads(await reader.readexactly(length)))
        self.arrived.set()
        writer.write(f"HTTP/1.1 {self.status} X\r\nContent-Length: 0\r\n\r\n".encode())
        await writer.drain()
        writer.close()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    found = Receiver()
    server = await asyncio.start_server(found.handle, "127.0.0.1", 0)
    found.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/hooks/approvals"
    async with server:
        yield found


def test_roles_escalate_one_step_up_to_platform() -> None:
    steps = [next_role(role) for role in ("viewer", "operator", "admin", "platform")]
    assert steps == ["operator", "admin", "platform", None]


async def test_the_row_keeps_the_kind_role_deadline_and_what_happens_at_it(
    database: Database, bus: InProcessBus
) -> None:
    request = _tool_request(required_role="admin", timeout_seconds=60, on_timeout="escalate")
    before = datetime.now(UTC)
    task = await _asked(bus, _approver(database, bus), request)
    stored = await _stored(database, request.approval_id)
    assert (stored.kind, stored.required_role, stored.on_timeout) == ("tool", "admin", "escalate")
    assert stored.expires_at is not None
    assert before + timedelta(seconds=59) < stored.expires_at < before + timedelta(seconds=61)
    await _decide(database, bus, request.approval_id, role=Role.ADMIN)
    assert (await task).granted


async def test_a_role_below_the_one_required_is_refused_and_it_stays_pending(
    database: Database, bus: InProcessBus
) -> None:
    request = _tool_request(required_role="admin")
    task = await _asked(bus, _approver(database, bus), request)
    with pytest.raises(PermissionDenied, match="needs the admin role") as refused:
        await _decide(database, bus, request.approval_id, role=Role.OPERATOR)
    assert refused.value.fields["required"] == "admin"
    assert (await _stored(database, request.approval_id)).status == "pending"
    assert not task.done()
    await _decide(database, bus, request.approval_id, granted=False, role=Role.PLATFORM)
    assert (await task) == ApprovalDecision(granted=False, by="alice", comment="too risky")


async def test_the_approver_deadline_applies_to_requests_that_set_none(
    database: Database, bus: InProcessBus
) -> None:
    approver = _approver(database, bus, poll_seconds=0.05, timeout_seconds=0.1)
    decision = await approver.decide(_tool_request(timeout_seconds=None))
    assert (decision.granted, decision.by) == (False, "system")
    assert "timed out" in decision.comment


async def test_a_timed_out_escalation_raises_the_role_announces_it_and_posts_the_webhook(
    database: Database, bus: InProcessBus, receiver: Receiver
) -> None:
    # Long enough for the checks below to end before the next escalation, to platform.
    request = _tool_request(timeout_seconds=1.0, on_timeout="escalate")
    approver = _approver(database, bus, poll_seconds=0.05, webhook_url=receiver.url)
    async with bus.subscribe(EVENTS, "approval.escalated") as escalated:
        task = asyncio.create_task(approver.decide(request))
        async with asyncio.timeout(5):
            message = await anext(aiter(escalated))
            await receiver.arrived.wait()
    stored = await _stored(database, request.approval_id)
    assert (stored.status, stored.required_role, stored.escalations) == ("pending", "admin", 1)
    expected = {
        "tenant_id": "t1", "run_id": RUN, "approval_id": request.approval_id,
        "required_role": "admin", "escalations": 1,
    }  # fmt: skip
    assert expected.items() <= dict(message.payload).items()
    assert receiver.bodies == [dict(message.payload)]
    with pytest.raises(PermissionDenied):  # an operator may no longer decide it
        await _decide(database, bus, request.approval_id, role=Role.OPERATOR)
    await _decide(database, bus, request.approval_id, role=Role.ADMIN)
    async with asyncio.timeout(5):
        assert (await task).granted


async def test_an_escalation_past_platform_is_denied(database: Database, bus: InProcessBus) -> None:
    request = _tool_request(required_role="admin", timeout_seconds=0.1, on_timeout="escalate")
    async with bus.subscribe(EVENTS, "approval.escalated") as escalated:
        async with asyncio.timeout(5):
            decision = await _approver(database, bus, poll_seconds=0.05).decide(request)
        roles = [m.payload["required_role"] async for m in _drained(escalated)]
    assert roles == ["platform"]
    assert (decision.granted, decision.by) == (False, "system")
    assert "after 1 escalation(s) up to platform" in decision.comment
    stored = await _stored(database, request.approval_id)
    assert (stored.status, stored.required_role, stored.escalations) == ("denied", "platform", 1)


async def _drained(messages: Any) -> AsyncIterator[Any]:
    """The messages already delivered to a subscription, without waiting for more."""
    with contextlib.suppress(TimeoutError):
        while True:
            async with asyncio.timeout(0.05):
                yield await anext(aiter(messages))


async def test_a_webhook_that_fails_does_not_stop_the_escalation(
    database: Database, bus: InProcessBus, caplog: pytest.LogCaptureFixture
) -> None:
    request = _tool_request(timeout_seconds=30, on_timeout="escalate")
    await _overdue_row(database, request, role="operator")
    refused = "http://127.0.0.1:9/nobody-listens"  # the discard port: connection refused
    approver = _approver(database, bus, poll_seconds=0.05, webhook_url=refused)
    task = asyncio.create_task(approver.decide(request))
    async with asyncio.timeout(5):
        while (await _stored(database, request.approval_id)).escalations == 0:  # noqa: ASYNC110
            await asyncio.sleep(0.02)
    assert not task.done()
    await _decide(database, bus, request.approval_id, role=Role.ADMIN)
    assert (await task).granted
    [logged] = [r.getMessage() for r in caplog.records if "webhook" in r.getMessage()]
    assert logged.startswith("webhook at 127.0.0.1 failed")
    assert "nobody-listens" not in logged  # a webhook's path may hold its secret


async def test_escalation_racing_a_decision_has_one_winner(
    database: Database, bus: InProcessBus
) -> None:
    request = _tool_request(timeout_seconds=30, on_timeout="escalate")
    await _overdue_row(database, request, role="operator")
    approver = _approver(database, bus)
    waiting = asyncio.create_task(approver.decide(request))
    person = _decide(database, bus, request.approval_id, role=Role.OPERATOR)
    [outcome] = await asyncio.gather(person, return_exceptions=True)
    stored = await _stored(database, request.approval_id)
    if outcome is None:  # the person won: the overdue row was never escalated
        assert (stored.status, stored.escalations, stored.required_role) == (
            "granted", 0, "operator",
        )  # fmt: skip
    else:  # the escalation won: the operator is too low now, and it still waits
        assert isinstance(outcome, PermissionDenied)
        assert (stored.status, stored.escalations, stored.required_role) == (
            "pending", 1, "admin",
        )  # fmt: skip
        await _decide(database, bus, request.approval_id, role=Role.ADMIN)
    async with asyncio.timeout(5):
        assert (await waiting).granted


async def test_a_late_decision_after_the_timeout_denied_it_is_a_conflict(
    database: Database, bus: InProcessBus
) -> None:
    request = _tool_request(timeout_seconds=30)
    await _overdue_row(database, request, role="operator")
    decision = await _approver(database, bus).decide(request)
    assert (decision.granted, decision.by) == (False, "system")
    with pytest.raises(VersionConflict, match="already denied by system"):
        await _decide(database, bus, request.approval_id)


async def test_an_escalation_from_a_stale_read_changes_nothing(database: Database) -> None:
    request = _tool_request(on_timeout="escalate")
    await _overdue_row(database, request, role="operator")
    approvals = ApprovalRepository(database.engine, "t1")
    now, later = datetime.now(UTC), datetime.now(UTC) + timedelta(seconds=30)
    first = await approvals.escalate(
        request.approval_id, seen=0, now=now, required_role="admin", expires_at=later
    )
    # A second process read the row before the first escalated it.
    second = await approvals.escalate(
        request.approval_id, seen=0, now=now, required_role="admin", expires_at=later
    )
    assert first is not None and first.escalations == 1
    assert second is None
    assert await approvals.expire(request.approval_id, now=now, comment="late") is None


async def test_two_processes_past_one_deadline_escalate_it_once(
    database: Database, bus: InProcessBus
) -> None:
    request = _tool_request(timeout_seconds=30, on_timeout="escalate")
    await _overdue_row(database, request, role="operator")
    other = InProcessBus()  # another process: same database, its own bus
    async with (
        bus.subscribe(EVENTS, "approval.escalated") as here,
        other.subscribe(EVENTS, "approval.escalated") as there,
    ):
        tasks = [
            asyncio.create_task(_approver(database, bus, poll_seconds=0.05).decide(request)),
            asyncio.create_task(_approver(database, other, poll_seconds=0.05).decide(request)),
        ]
        await asyncio.sleep(0.3)
        announced = [m async for m in _drained(here)] + [m async for m in _drained(there)]
    assert len(announced) == 1
    assert (await _stored(database, request.approval_id)).escalations == 1
    await _decide(database, bus, request.approval_id, role=Role.ADMIN)
    async with asyncio.timeout(5):
        assert all(decision.granted for decision in await asyncio.gather(*tasks))


async def test_parallel_tool_calls_are_decided_apart(database: Database, bus: InProcessBus) -> None:
    first, second = _tool_request("call_1"), _tool_request("call_2")
    one = await _asked(bus, _approver(database, bus), first)
    two = await _asked(bus, _approver(database, bus), second)
    await _decide(database, bus, first.approval_id, granted=False)
    await asyncio.sleep(0.05)
    assert one.done() and not two.done()
    assert await _status(database) == "waiting"
    await _decide(database, bus, second.approval_id)
    async with asyncio.timeout(5):
        assert (await one, await two) == (
            ApprovalDecision(granted=False, by="alice", comment="too risky"),
            ApprovalDecision(granted=True, by="alice", comment="looks right"),
        )
    rows = [await _stored(database, r.approval_id) for r in (first, second)]
    assert [(r.id, r.status) for r in rows] == [
        (first.approval_id, "denied"),
        (second.approval_id, "granted"),
    ]
    assert await _status(database) == "running"


async def _crashed(bus: InProcessBus, approver: StoreApprover, request: ApprovalRequest) -> None:
    """Start waiting for ``request``, then die as a crashed process would."""
    task = await _asked(bus, approver, request)
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def test_after_a_crash_the_decision_made_meanwhile_is_returned_and_the_deadline_kept(
    database: Database, bus: InProcessBus
) -> None:
    request = _tool_request(timeout_seconds=60)
    await _crashed(bus, _approver(database, bus), request)
    deadline = (await _stored(database, request.approval_id)).expires_at
    await _decide(database, InProcessBus(), request.approval_id, granted=False)
    await asyncio.sleep(0.05)
    restarted = _approver(database, InProcessBus())
    async with asyncio.timeout(1):  # far less than its poll: it must not wait
        decision = await restarted.decide(request)
    assert decision == ApprovalDecision(granted=False, by="alice", comment="too risky")
    assert (await _stored(database, request.approval_id)).expires_at == deadline


async def test_after_a_crash_the_waiting_goes_on_to_the_original_deadline(
    database: Database, bus: InProcessBus
) -> None:
    request = _tool_request(timeout_seconds=0.6)
    await _crashed(bus, _approver(database, bus), request)
    deadline = (await _stored(database, request.approval_id)).expires_at
    await asyncio.sleep(0.4)
    restarted = _approver(database, bus, poll_seconds=0.05)
    async with asyncio.timeout(5):
        decision = await restarted.decide(request)
    decided = await _stored(database, request.approval_id)
    assert (decision.granted, decision.by) == (False, "system")
    assert decided.expires_at == deadline
    assert deadline is not None and decided.decided_at is not None
    # A fresh deadline would have come 0.6 s after the restart, not 0.2 s.
    assert decided.decided_at - deadline < timedelta(seconds=0.35)


async def test_a_decision_from_the_stream_takes_the_role_the_log_names(
    database: Database, bus: InProcessBus
) -> None:
    request = _tool_request()
    await _request_logged(database, request, kind="tool", required_role="admin")
    with pytest.raises(PermissionDenied, match="needs the admin role"):
        await decide_approval(
            database, bus, tenant_id="t1", approval_id=request.approval_id, granted=True,
            by="alice", role=Role.OPERATOR, run_id=RUN,
        )  # fmt: skip
    assert (await _stored(database, request.approval_id)).status == "pending"


async def test_a_decision_from_the_stream_without_a_role_waits_for_the_runs_row(
    database: Database, bus: InProcessBus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_approval_log, "ROW_WAIT_SECONDS", 0.3)
    request = _tool_request(required_role="admin")
    await _request_logged(database, request, kind="tool")
    decide = {
        "tenant_id": "t1", "approval_id": request.approval_id, "granted": True, "by": "alice",
        "role": Role.OPERATOR, "run_id": RUN,
    }  # fmt: skip
    with pytest.raises(NotFound, match="not stored yet; try again in a moment"):
        await decide_approval(database, bus, **decide)
    task = await _asked(bus, _approver(database, bus), request)
    with pytest.raises(PermissionDenied):  # the run's own row says admin
        await decide_approval(database, bus, **decide)
    await decide_approval(database, bus, **{**decide, "role": Role.ADMIN})
    assert (await task).granted
