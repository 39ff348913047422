"""The run executor: leases, orphans resumed after a crash, stop, and lost leases."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from contextlib import aclosing
from datetime import UTC, datetime, timedelta
from typing import cast

import pytest

from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import RunRecord
from conclave.adapters.store.repositories import LeaseManager, RunRepository
from conclave.adapters.store.runlog import SqlRunLog
from conclave.engine.agents import Agent
from conclave.engine.events import Event, RunStarted
from conclave.engine.runlog import read_all
from tests.services.conftest import (
    TENANT,
    CountingModel,
    Effects,
    ExecutorFactory,
    ScriptTargets,
    finished,
    until,
    worker,
)

LONG_AGO = datetime.now(UTC) - timedelta(hours=1)


async def crashed_run(database: Database, agent: Agent, *, cut_after: str) -> str:
    """A run as a killed process leaves it: events up to ``cut_after``, an expired lease."""
    runs = RunRepository(database.engine, TENANT)
    run = await runs.create("crashed", "agent", agent.name, "do it")
    await LeaseManager(database.engine).claim(run.id, "dead", 1, now=LONG_AGO)
    await runs.set_status(run.id, "running")
    log = SqlRunLog(database, tenant_id=TENANT)
    run_events = cast(AsyncGenerator[Event, None], agent.run("do it", run_id=run.id, log=log))
    async with aclosing(run_events) as events:
        async for event in events:
            if event.kind == cut_after:
                break
    return run.id


async def test_two_executors_on_two_connections_never_both_run_one_run(
    database: Database, targets: ScriptTargets, executors: ExecutorFactory
) -> None:
    model = CountingModel()
    targets.agents["worker"] = worker(model, Effects())
    run = await RunRepository(database.engine, TENANT).create("r1", "agent", "worker", "go")
    other = Database(database.url)
    try:
        one, two = executors("one"), executors("two", database=other)
        won = await asyncio.gather(one.submit(TENANT, run.id), two.submit(TENANT, run.id))
        await asyncio.gather(one.wait(run.id), two.wait(run.id))
    finally:
        await other.dispose()
    assert sorted(won) == [False, True]
    assert model.calls == 2  # one tool round and the reply: a single execution
    assert (await finished(database, run.id)).status == "completed"


async def test_a_started_executor_resumes_an_orphan_without_redoing_finished_steps(
    database: Database, targets: ScriptTargets, executors: ExecutorFactory
) -> None:
    model, effects = CountingModel(), Effects()
    run_id = await crashed_run(database, worker(model, effects), cut_after="tool.completed")
    targets.agents["worker"] = worker(model, effects)
    await executors("survivor").start()
    done = await finished(database, run_id)
    assert (done.status, done.output) == ("completed", "done: effect 1")
    assert (model.calls, effects.done) == (2, [1])
    events = await read_all(SqlRunLog(database, tenant_id=TENANT), run_id)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert sum(e.kind == "tool.requested" for e in events) == 1


async def test_a_non_idempotent_call_cut_mid_flight_fails_and_is_not_run_again(
    database: Database, targets: ScriptTargets, executors: ExecutorFactory
) -> None:
    model, effects = CountingModel(), Effects()
    run_id = await crashed_run(database, worker(model, effects), cut_after="tool.requested")
    targets.agents["worker"] = worker(model, effects)
    claimed = await executors().claim_orphans()
    done = await finished(database, run_id)
    assert claimed == [run_id] and done.status == "failed"
    assert done.error is not None and "may or may not have taken effect" in done.error
    events = await read_all(SqlRunLog(database, tenant_id=TENANT), run_id)
    assert events[-1].error_type == "InterruptedToolCall"  # type: ignore[union-attr]
    assert effects.done == [] and model.calls == 1


async def test_an_idempotent_call_cut_mid_flight_runs_again_and_completes(
    database: Database, targets: ScriptTargets, executors: ExecutorFactory
) -> None:
    model, effects = CountingModel(), Effects(idempotent=True)
    run_id = await crashed_run(database, worker(model, effects), cut_after="tool.requested")
    targets.agents["worker"] = worker(model, effects)
    await executors().claim_orphans()
    done = await finished(database, run_id)
    assert (done.status, effects.done, model.calls) == ("completed", [1], 2)


async def test_an_interrupted_team_run_fails_rather_than_restarting(
    database: Database, executors: ExecutorFactory
) -> None:
    runs = RunRepository(database.engine, TENANT)
    run = await runs.create("team_run", "team", "crew", "go")
    await LeaseManager(database.engine).claim(run.id, "dead", 1, now=LONG_AGO)
    log = SqlRunLog(database, tenant_id=TENANT)
    await log.append(RunStarted(run_id=run.id, seq=1, author="crew", input="go"))
    await executors().claim_orphans()
    done = await finished(database, run.id)
    assert done.status == "failed"
    assert done.error is not None and "resuming team runs is not supported yet" in done.error


async def test_stop_leaves_a_run_unfinished_for_another_executor_to_resume(
    database: Database, targets: ScriptTargets, executors: ExecutorFactory
) -> None:
    model, effects = CountingModel(), Effects(idempotent=True, hold=True)
    targets.agents["worker"] = worker(model, effects)
    run = await RunRepository(database.engine, TENANT).create("r1", "agent", "worker", "go")
    first = executors("first")
    await first.submit(TENANT, run.id)
    await effects.started.wait()
    await first.stop()
    stopped = await RunRepository(database.engine, TENANT).get(run.id)
    assert (stopped.status, stopped.lease_owner, first.running()) == ("running", None, set())
    effects.release.set()
    await executors("second").start()
    done = await finished(database, run.id)
    assert (done.status, effects.done) == ("completed", [1])


async def test_a_run_whose_lease_is_taken_stops_at_once_and_writes_nothing(
    database: Database, targets: ScriptTargets, executors: ExecutorFactory
) -> None:
    effects = Effects(hold=True)
    targets.agents["worker"] = worker(CountingModel(), effects)
    run = await RunRepository(database.engine, TENANT).create("r1", "agent", "worker", "go")
    executor = executors(heartbeat_seconds=0.05)
    await executor.submit(TENANT, run.id)
    await effects.started.wait()
    later = datetime.now(UTC) + timedelta(hours=1)
    assert await LeaseManager(database.engine).claim(run.id, "thief", 60, now=later)

    async def stopped() -> bool:
        return not executor.running()

    await until(stopped)
    record: RunRecord = await RunRepository(database.engine, TENANT).get(run.id)
    assert (record.status, record.lease_owner, effects.done) == ("running", "thief", [])


async def test_stop_survives_a_lease_it_cannot_release(
    executors: ExecutorFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    executor = executors()

    async def refuse(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database is locked")

    stuck = asyncio.create_task(asyncio.sleep(60))
    executor._tasks["r-stuck"] = stuck
    monkeypatch.setattr(LeaseManager, "release", refuse)
    await executor.stop()
    assert stuck.cancelled()


async def test_a_submit_racing_the_orphan_poll_runs_the_run_once(
    database: Database, targets: ScriptTargets, executors: ExecutorFactory
) -> None:
    model, effects = CountingModel(), Effects()
    targets.agents["worker"] = worker(model, effects)
    executor = executors("one")
    for attempt in range(10):
        run = await RunRepository(database.engine, TENANT).create(
            f"r{attempt}", "agent", "worker", "go"
        )
        # Both take the lease as this executor; only one may execute the run.
        await asyncio.gather(executor.claim_orphans(), executor.submit(TENANT, run.id))
        await executor.wait(run.id)
        assert (await finished(database, run.id)).status == "completed"
    assert model.calls == 2 * 10  # one tool round and the reply, per run
    assert len(effects.done) == 10


async def test_a_run_whose_executors_keep_dying_fails_instead_of_being_claimed_forever(
    database: Database, targets: ScriptTargets, executors: ExecutorFactory
) -> None:
    model = CountingModel()
    targets.agents["worker"] = worker(model, Effects())
    run_id = await crashed_run(database, worker(model, Effects()), cut_after="run.started")
    leases = LeaseManager(database.engine)
    for attempt in range(1, 3):  # two more executors died holding it
        later = LONG_AGO + timedelta(minutes=attempt)
        assert await leases.claim(run_id, f"dead{attempt}", 1, now=later)
    calls = model.calls
    executor = executors("survivor", max_attempts=3)
    assert await executor.claim_orphans() == [run_id]
    done = await finished(database, run_id)
    assert done.status == "failed" and done.lease_owner is None
    assert "started 3 times" in (done.error or "") and "start a new run" in (done.error or "")
    assert model.calls == calls  # not run again
    events = await read_all(SqlRunLog(database, tenant_id=TENANT), run_id)
    assert events[-1].kind == "run.failed"
