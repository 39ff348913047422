"""The run service: runs created, executed in the background, read, cancelled, replayed."""

from __future__ import annotations

import pytest

from conclave.adapters.bus import EVENTS, InProcessBus, run_feed
from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories import RunRepository
from conclave.engine.events import Event
from conclave.engine.models.scripted import ScriptedModel
from conclave.engine.teams.round_robin import RoundRobinTeam
from conclave.errors import NotFound, UnknownName, UserError, VersionConflict
from conclave.services.runs import CANCELLED, RunService
from tests.services.conftest import (
    TENANT,
    CountingModel,
    Effects,
    ScriptTargets,
    comparable,
    finished,
    worker,
)


async def test_a_created_agent_run_completes_with_contiguous_events_output_and_usage(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    effects = Effects()
    targets.agents["worker"] = worker(CountingModel(), effects)
    run = await service.create(TENANT, "agent", "worker", "do it")
    assert run.status == "running"  # stored already leased to this process's executor
    done = await finished(database, run.id)
    events = await service.events(TENANT, run.id)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].kind == "run.started" and events[-1].kind == "run.completed"
    assert (done.status, done.output) == ("completed", "done: effect 1")
    assert (done.input_tokens, done.output_tokens) == (20, 10)
    assert done.lease_owner is None and done.last_seq == len(events)


async def test_events_after_a_seq_are_the_rest_of_the_log(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    targets.agents["worker"] = worker(CountingModel(), Effects())
    run = await service.create(TENANT, "agent", "worker", "do it")
    await finished(database, run.id)
    every = await service.events(TENANT, run.id)
    assert await service.events(TENANT, run.id, after=2) == every[2:]


async def test_the_bus_feed_sees_every_stored_event_and_the_live_deltas(
    service: RunService, targets: ScriptTargets, bus: InProcessBus
) -> None:
    targets.agents["helper"] = worker(ScriptedModel(["Hello there, friend."]), Effects(), "helper")
    seen: list[Event] = []
    async with run_feed(bus, TENANT) as feed, bus.subscribe(EVENTS, "run.*") as lifecycle:
        run = await service.create(TENANT, "agent", "helper", "hi")
        async for event in feed:
            seen.append(event)
            if event.kind == "run.completed":
                break
        ended = await anext(aiter(lifecycle))
    stored = await service.events(TENANT, run.id)
    assert [e for e in seen if e.durable] == stored
    assert any(e.kind == "message.delta" for e in seen)
    assert ended.routing_key == "run.completed"
    assert ended.payload["run_id"] == run.id and ended.payload["output"] == "Hello there, friend."


async def test_a_failing_run_is_marked_failed_with_its_error(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    targets.agents["worker"] = worker(
        ScriptedModel([RuntimeError("provider fell over")]), Effects()
    )
    run = await service.create(TENANT, "agent", "worker", "do it")
    done = await finished(database, run.id)
    assert done.status == "failed"
    assert done.error is not None and "provider fell over" in done.error
    assert (await service.events(TENANT, run.id))[-1].kind == "run.failed"


async def test_creating_a_run_of_an_unknown_agent_is_refused(service: RunService) -> None:
    with pytest.raises(UnknownName):
        await service.create(TENANT, "agent", "nobody", "hi")


async def test_another_tenants_run_looks_missing(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    targets.agents["worker"] = worker(CountingModel(), Effects())
    run = await service.create(TENANT, "agent", "worker", "do it")
    await finished(database, run.id)
    with pytest.raises(NotFound):
        await service.events("other", run.id)


async def test_list_shows_the_tenants_runs(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    targets.agents["worker"] = worker(CountingModel(), Effects())
    run = await service.create(TENANT, "agent", "worker", "do it")
    await finished(database, run.id)
    page = await service.list(TENANT, status="completed")
    assert [r.id for r in page.items] == [run.id]


async def test_cancel_stops_a_running_run_and_marks_it_cancelled(
    service: RunService, targets: ScriptTargets
) -> None:
    effects = Effects(hold=True)
    targets.agents["worker"] = worker(CountingModel(), effects)
    run = await service.create(TENANT, "agent", "worker", "do it")
    await effects.started.wait()
    cancelled = await service.cancel(TENANT, run.id)
    assert (cancelled.status, cancelled.error) == ("cancelled", CANCELLED)
    last = (await service.events(TENANT, run.id))[-1]
    assert last.kind == "run.failed" and last.error_type == "RunCancelled"
    assert effects.done == [] and cancelled.lease_owner is None


async def test_cancel_of_a_finished_run_is_refused(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    targets.agents["worker"] = worker(CountingModel(), Effects())
    run = await service.create(TENANT, "agent", "worker", "do it")
    await finished(database, run.id)
    with pytest.raises(VersionConflict):
        await service.cancel(TENANT, run.id)


async def test_replay_reproduces_the_events_one_for_one_and_calls_nothing(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    model, effects = CountingModel(), Effects()
    targets.agents["worker"] = worker(model, effects)
    run = await service.create(TENANT, "agent", "worker", "do it")
    await finished(database, run.id)
    again = await service.replay(TENANT, run.id)
    done = await finished(database, again.id)
    original = await service.events(TENANT, run.id)
    replayed = await service.events(TENANT, again.id)
    assert [comparable(e) for e in replayed] == [comparable(e) for e in original]
    assert (model.calls, effects.done) == (2, [1])
    assert (done.replay_of, done.status, done.output) == (run.id, "completed", "done: effect 1")


async def test_replay_of_a_team_run_is_refused(service: RunService, database: Database) -> None:
    run = await RunRepository(database.engine, TENANT).create("team_run", "team", "crew", "go")
    with pytest.raises(UserError, match="replay of team runs is not supported yet"):
        await service.replay(TENANT, run.id)


async def test_replay_of_an_unfinished_run_is_refused(
    service: RunService, database: Database
) -> None:
    run = await RunRepository(database.engine, TENANT).create("agent_run", "agent", "x", "go")
    with pytest.raises(UserError, match="only a completed or failed run"):
        await service.replay(TENANT, run.id)


async def test_a_team_run_completes_through_the_executor(
    service: RunService, targets: ScriptTargets, database: Database
) -> None:
    first = worker(ScriptedModel(["Plan ready."]), Effects(), "planner")
    second = worker(ScriptedModel(["Work done."]), Effects(), "doer")
    targets.teams["crew"] = RoundRobinTeam("crew", [first, second])
    run = await service.create(TENANT, "team", "crew", "build it")
    done = await finished(database, run.id)
    events = await service.events(TENANT, run.id)
    assert (done.status, done.target_kind) == ("completed", "team")
    assert {e.author for e in events if e.kind == "message.completed"} == {
        "crew/planner",
        "crew/doer",
    }
