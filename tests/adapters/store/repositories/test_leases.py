from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from conclave.adapters.store.repositories import LeaseManager, RunRepository, TenantRepository
from conclave.adapters.store.tables import metadata

T0 = datetime(2031, 1, 1, 12, 0, tzinfo=UTC)
LATER = T0 + timedelta(seconds=31)
RACES = 25


async def make_runs(runs: RunRepository, count: int, *, prefix: str = "r") -> list[str]:
    ids = [f"{prefix}{n:03d}" for n in range(count)]
    for run_id in ids:
        await runs.create(run_id, "agent", "a", "go")
    return ids


@pytest.fixture
async def run_id(runs: RunRepository) -> str:
    await runs.create("r1", "agent", "a", "go")
    return "r1"


async def test_claiming_a_free_run_takes_its_lease(leases: LeaseManager, run_id: str) -> None:
    assert await leases.claim(run_id, "w1", 30, now=T0)
    lease = await leases.lease(run_id)
    assert lease is not None
    assert (lease.owner, lease.expires_at, lease.attempts, lease.tenant_id) == (
        "w1",
        T0 + timedelta(seconds=30),
        1,
        "t1",
    )


async def test_a_held_lease_cannot_be_claimed_by_another(leases: LeaseManager, run_id: str) -> None:
    await leases.claim(run_id, "w1", 30, now=T0)
    assert not await leases.claim(run_id, "w2", 30, now=T0 + timedelta(seconds=29))
    assert (await leases.lease(run_id)).owner == "w1"  # type: ignore[union-attr]


async def test_an_expired_lease_is_claimed_by_another(leases: LeaseManager, run_id: str) -> None:
    await leases.claim(run_id, "w1", 30, now=T0)
    assert await leases.claim(run_id, "w2", 30, now=LATER)
    lease = await leases.lease(run_id)
    assert lease is not None and (lease.owner, lease.attempts) == ("w2", 2)


async def test_the_owner_may_claim_again_and_counts_an_attempt(
    leases: LeaseManager, run_id: str
) -> None:
    await leases.claim(run_id, "w1", 30, now=T0)
    assert await leases.claim(run_id, "w1", 30, now=T0)
    assert (await leases.lease(run_id)).attempts == 2  # type: ignore[union-attr]


async def test_a_finished_run_cannot_be_claimed(
    leases: LeaseManager, runs: RunRepository, run_id: str
) -> None:
    await runs.set_status(run_id, "completed")
    assert not await leases.claim(run_id, "w1", 30, now=T0)


async def test_an_unknown_run_cannot_be_claimed(leases: LeaseManager) -> None:
    assert not await leases.claim("nope", "w1", 30, now=T0)


async def test_the_lease_of_an_unknown_run_is_none(leases: LeaseManager) -> None:
    assert await leases.lease("nope") is None


async def test_the_default_clock_gives_a_lease_in_the_future(
    leases: LeaseManager, run_id: str
) -> None:
    before = datetime.now(UTC)
    await leases.claim(run_id, "w1", 30)
    expires = (await leases.lease(run_id)).expires_at  # type: ignore[union-attr]
    assert expires is not None and expires.tzinfo == UTC
    assert before + timedelta(seconds=25) < expires < before + timedelta(seconds=35)


async def test_a_lease_on_the_default_clock_blocks_another_owner(
    leases: LeaseManager, run_id: str
) -> None:
    await leases.claim(run_id, "w1", 30)
    assert not await leases.claim(run_id, "w2", 30)


async def test_heartbeat_extends_the_owners_lease(leases: LeaseManager, run_id: str) -> None:
    await leases.claim(run_id, "w1", 30, now=T0)
    assert await leases.heartbeat(run_id, "w1", 30, now=T0 + timedelta(seconds=20))
    assert not await leases.claim(run_id, "w2", 30, now=LATER)


async def test_heartbeat_by_another_owner_fails(leases: LeaseManager, run_id: str) -> None:
    await leases.claim(run_id, "w1", 30, now=T0)
    assert not await leases.heartbeat(run_id, "w2", 30, now=T0)
    assert (await leases.lease(run_id)).expires_at == T0 + timedelta(seconds=30)  # type: ignore[union-attr]


async def test_heartbeat_fails_once_another_owner_took_the_run(
    leases: LeaseManager, run_id: str
) -> None:
    await leases.claim(run_id, "w1", 30, now=T0)
    await leases.claim(run_id, "w2", 30, now=LATER)
    assert not await leases.heartbeat(run_id, "w1", 30, now=LATER)


async def test_one_heartbeat_renews_every_lease_its_owner_still_holds(
    leases: LeaseManager, runs: RunRepository
) -> None:
    mine, stolen, released = await make_runs(runs, 3)
    for run in (mine, stolen, released):
        await leases.claim(run, "w1", 30, now=T0)
    await leases.claim(stolen, "w2", 30, now=LATER)
    await leases.release(released, "w1")
    at = T0 + timedelta(seconds=20)
    assert await leases.heartbeat_many([mine, stolen, released], "w1", 30, now=at) == {mine}
    assert (await leases.lease(mine)).expires_at == at + timedelta(seconds=30)  # type: ignore[union-attr]
    assert (await leases.lease(stolen)).owner == "w2"  # type: ignore[union-attr]
    assert await leases.heartbeat_many([], "w1", 30) == set()


async def test_release_frees_the_run(leases: LeaseManager, run_id: str) -> None:
    await leases.claim(run_id, "w1", 30, now=T0)
    assert await leases.release(run_id, "w1")
    assert await leases.claim(run_id, "w2", 30, now=T0)


async def test_release_by_another_owner_fails(leases: LeaseManager, run_id: str) -> None:
    await leases.claim(run_id, "w1", 30, now=T0)
    assert not await leases.release(run_id, "w2")
    assert (await leases.lease(run_id)).owner == "w1"  # type: ignore[union-attr]


async def test_racing_claims_let_exactly_one_owner_win(
    leases: LeaseManager, runs: RunRepository
) -> None:
    for run_id in await make_runs(runs, RACES):
        won = await asyncio.gather(*(leases.claim(run_id, f"w{n}", 30) for n in range(3)))
        assert sum(won) == 1, run_id


async def test_racing_claims_from_two_engines_let_exactly_one_win(
    leases: LeaseManager, runs: RunRepository, second_engine: AsyncEngine
) -> None:
    other = LeaseManager(second_engine)
    for run_id in await make_runs(runs, RACES):
        won = await asyncio.gather(leases.claim(run_id, "w1", 30), other.claim(run_id, "w2", 30))
        assert sum(won) == 1, run_id


async def test_racing_claims_of_an_expired_lease_let_exactly_one_win(
    leases: LeaseManager, runs: RunRepository
) -> None:
    for run_id in await make_runs(runs, RACES):
        await leases.claim(run_id, "dead", 30, now=T0)
        won = await asyncio.gather(
            *(leases.claim(run_id, f"w{n}", 30, now=LATER) for n in range(3))
        )
        assert sum(won) == 1, run_id


async def test_claim_orphans_takes_free_runs_oldest_first(
    leases: LeaseManager, runs: RunRepository
) -> None:
    ids = await make_runs(runs, 5)
    assert await leases.claim_orphans("w1", 30, 3, now=T0) == ids[:3]


async def test_claim_orphans_holds_the_runs_it_returns(
    leases: LeaseManager, runs: RunRepository
) -> None:
    await make_runs(runs, 2)
    for run_id in await leases.claim_orphans("w1", 30, now=T0):
        assert (await leases.lease(run_id)).owner == "w1"  # type: ignore[union-attr]


async def test_claim_orphans_takes_expired_leases(
    leases: LeaseManager, runs: RunRepository
) -> None:
    [run_id] = await make_runs(runs, 1)
    await leases.claim(run_id, "dead", 30, now=T0)
    assert await leases.claim_orphans("w2", 30, now=LATER) == [run_id]


async def test_claim_orphans_leaves_live_leases(leases: LeaseManager, runs: RunRepository) -> None:
    [run_id] = await make_runs(runs, 1)
    await leases.claim(run_id, "w1", 30, now=T0)
    assert await leases.claim_orphans("w2", 30, now=T0 + timedelta(seconds=10)) == []


async def test_claim_orphans_leaves_finished_runs(
    leases: LeaseManager, runs: RunRepository
) -> None:
    ids = await make_runs(runs, 3)
    await runs.set_status(ids[0], "completed")
    await leases.claim(ids[1], "dead", 30, now=T0)
    await runs.set_status(ids[1], "failed")
    assert await leases.claim_orphans("w1", 30, now=LATER) == [ids[2]]


async def test_claim_orphans_leaves_an_unleased_run_waiting_for_a_person(
    leases: LeaseManager, runs: RunRepository
) -> None:
    [run_id] = await make_runs(runs, 1)
    await runs.set_status(run_id, "waiting")
    assert await leases.claim_orphans("w1", 30, now=T0) == []


async def test_claim_orphans_takes_a_waiting_run_whose_executor_died(
    leases: LeaseManager, runs: RunRepository
) -> None:
    [run_id] = await make_runs(runs, 1)
    await leases.claim(run_id, "dead", 30, now=T0)
    await runs.set_status(run_id, "waiting")
    assert await leases.claim_orphans("w1", 30, now=LATER) == [run_id]


async def test_claim_orphans_works_across_tenants(
    leases: LeaseManager, runs: RunRepository, other_runs: RunRepository
) -> None:
    await runs.create("mine", "agent", "a", "go")
    await other_runs.create("theirs", "agent", "a", "go")
    assert sorted(await leases.claim_orphans("w1", 30, now=T0)) == ["mine", "theirs"]


async def test_concurrent_claim_orphans_never_share_a_run(
    leases: LeaseManager, runs: RunRepository
) -> None:
    ids = await make_runs(runs, 40)
    for round_ in range(4):
        at = T0 + timedelta(minutes=round_)  # each round, the last round's leases have expired
        first, second = await asyncio.gather(
            leases.claim_orphans("w1", 30, 25, now=at), leases.claim_orphans("w2", 30, 25, now=at)
        )
        assert not set(first) & set(second)
        assert set(first) | set(second) <= set(ids)


async def test_concurrent_claim_orphans_from_two_engines_never_share_a_run(
    leases: LeaseManager, runs: RunRepository, second_engine: AsyncEngine
) -> None:
    ids = await make_runs(runs, 40)
    other = LeaseManager(second_engine)
    for round_ in range(4):
        at = T0 + timedelta(minutes=round_)
        first, second = await asyncio.gather(
            leases.claim_orphans("w1", 30, 25, now=at), other.claim_orphans("w2", 30, 25, now=at)
        )
        assert not set(first) & set(second)
        assert set(first) | set(second) <= set(ids)


async def test_concurrent_claim_orphans_leave_no_orphan_behind(
    leases: LeaseManager, runs: RunRepository
) -> None:
    ids = await make_runs(runs, 20)
    results = await asyncio.gather(
        *(leases.claim_orphans(f"w{n}", 30, 10, now=T0) for n in range(4))
    )
    claimed = [run_id for result in results for run_id in result]
    assert len(claimed) == len(set(claimed))
    remaining = await leases.claim_orphans("late", 30, 100, now=T0)
    assert sorted(claimed + remaining) == ids


async def test_looking_for_orphans_seeks_an_index_rather_than_reading_every_run(
    tmp_path: Path,
) -> None:
    # Every executor looks for orphans every few seconds, and finished runs pile up for
    # ever: the search must not read them all. The plan is read with SQLite's EXPLAIN
    # QUERY PLAN (PostgreSQL's planner scans a table this small whatever its indexes).
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'plan.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    await TenantRepository(engine).create("t1", "Tenant one")
    await make_runs(RunRepository(engine, tenant_id="t1"), 3)
    seen: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", remember)
    try:
        await LeaseManager(engine).claim_orphans("w1", 30, now=T0)
        [(statement, parameters)] = seen
        async with engine.connect() as connection:
            plan = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            steps = [row[-1] for row in plan]
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", remember)
        await engine.dispose()
    assert not [step for step in steps if step.startswith("SCAN runs")], steps
    assert any("USING INDEX ix_runs_status_lease" in step for step in steps), steps
