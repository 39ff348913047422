"""SqlRunLog beyond the shared contract: tenants, every event kind, run rows, two writers."""

from __future__ import annotations

import asyncio
import dataclasses
import typing
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, select

from conclave import RunCompleted, RunStarted, ToolCallCompleted
from conclave.adapters.store import migrate
from conclave.adapters.store.engine import Database
from conclave.adapters.store.runlog import PAGE, SqlRunLog
from conclave.adapters.store.tables import run_events, runs, tenants
from conclave.engine import events
from conclave.engine.events import (
    event_to_dict,
)
from conclave.engine.runlog import SequenceConflict, read_all
from conclave.errors import NotFound
from tests.engine.test_events import SAMPLES


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """A migrated database of each flavour with tenants t1 and t2."""
    database = Database(database_url)
    await migrate.upgrade(database.engine)
    now = datetime.now(UTC)
    rows = [{"id": t, "name": t, "settings": {}, "created_at": now} for t in ("t1", "t2")]
    async with database.begin() as connection:
        await connection.execute(insert(tenants), rows)
    try:
        yield database
    finally:
        await database.dispose()


@pytest.fixture
def log(database: Database) -> SqlRunLog:
    return SqlRunLog(database, tenant_id="t1", create_runs=True)


def _started(author: str = "analyst") -> RunStarted:
    return RunStarted(run_id="r1", seq=1, author=author, input="find the facts", at=1.0)


def _result(seq: int, text: str = "r") -> ToolCallCompleted:
    return ToolCallCompleted(
        run_id="r1", seq=seq, author="analyst", call_id="c", tool="t", result=text, at=1.0
    )


async def test_every_event_kind_survives_the_sql_log(log: SqlRunLog) -> None:
    samples = SAMPLES
    union = typing.get_args(typing.get_args(events.Event)[0])
    assert {e.kind for e in samples} == {cls.__dataclass_fields__["kind"].default for cls in union}
    stored = [dataclasses.replace(e, run_id="r1", seq=n) for n, e in enumerate(samples, 1)]
    for event in stored:
        await log.append(event)
    assert await read_all(log, "r1") == stored


async def test_each_event_is_one_row_with_its_kind_author_and_tenant(
    log: SqlRunLog, database: Database
) -> None:
    await log.append(_started())
    async with database.connect() as connection:
        row = (await connection.execute(select(run_events))).one()
    assert (row.run_id, row.seq, row.tenant_id) == ("r1", 1, "t1")
    assert (row.kind, row.author) == ("run.started", "analyst")
    assert row.data == event_to_dict(_started())


async def test_append_moves_the_runs_last_seq(log: SqlRunLog, database: Database) -> None:
    for event in [_started(), _result(2), _result(3)]:
        await log.append(event)
    async with database.connect() as connection:
        last = (await connection.execute(select(runs.c.last_seq))).scalar_one()
    assert last == 3
    assert await log.last_seq("r1") == 3


async def test_a_run_created_on_first_append_is_running_with_its_input(
    log: SqlRunLog, database: Database
) -> None:
    await log.append(_started())
    async with database.connect() as connection:
        run = (await connection.execute(select(runs))).one()
    assert (run.id, run.tenant_id, run.status) == ("r1", "t1", "running")
    assert (run.target, run.input) == ("analyst", "find the facts")


async def test_appending_to_a_run_that_does_not_exist_is_refused(database: Database) -> None:
    log = SqlRunLog(database, tenant_id="t1")
    with pytest.raises(NotFound, match="run 'r1' not found"):
        await log.append(_started())


async def test_another_tenants_run_reads_as_empty(log: SqlRunLog, database: Database) -> None:
    await log.append(_started())
    other = SqlRunLog(database, tenant_id="t2", create_runs=True)
    assert await read_all(other, "r1") == []
    assert await other.last_seq("r1") == 0


async def test_appending_to_another_tenants_run_fails_as_for_a_missing_run(
    log: SqlRunLog, database: Database
) -> None:
    await log.append(_started())
    other = SqlRunLog(database, tenant_id="t2", create_runs=True)
    with pytest.raises(NotFound, match="run 'r1' not found"):
        await other.append(_result(2))
    assert await read_all(log, "r1") == [_started()]


async def test_a_new_log_carries_on_where_the_store_left_off(
    log: SqlRunLog, database: Database
) -> None:
    await log.append(_started())
    await log.append(_result(2))
    resumed = SqlRunLog(database, tenant_id="t1")
    await resumed.append(_result(2))
    await resumed.append(_result(3))
    assert [e.seq for e in await read_all(log, "r1")] == [1, 2, 3]


async def test_a_log_that_fell_behind_sees_the_other_writer(
    log: SqlRunLog, database: Database
) -> None:
    await log.append(_started())
    other = SqlRunLog(database, tenant_id="t1")
    await other.append(_result(2, "theirs"))
    with pytest.raises(SequenceConflict, match="another executor"):
        await log.append(dataclasses.replace(_started(), seq=2))
    await log.append(_result(3))
    assert [e.seq for e in await read_all(other, "r1")] == [1, 2, 3]


async def test_of_two_writers_racing_for_one_seq_exactly_one_wins(
    log: SqlRunLog, database: Database
) -> None:
    await log.append(_started())
    first, second = (SqlRunLog(database, tenant_id="t1") for _ in range(2))
    outcomes = await asyncio.gather(
        first.append(_result(2)),
        second.append(dataclasses.replace(_started("rival"), seq=2)),
        return_exceptions=True,
    )
    assert sum(isinstance(outcome, SequenceConflict) for outcome in outcomes) == 1
    assert [e.seq for e in await read_all(log, "r1")] == [1, 2]


async def test_reading_a_long_run_pages_through_every_event(
    log: SqlRunLog, database: Database
) -> None:
    await log.append(_started())
    count = PAGE * 2 + 1
    async with database.begin() as connection:
        await connection.execute(insert(run_events), [_row(seq) for seq in range(2, count + 1)])
    assert [e.seq for e in await read_all(log, "r1")] == list(range(1, count + 1))
    assert len(await read_all(log, "r1", after=PAGE)) == count - PAGE


async def test_the_log_accepts_an_engine_as_well_as_a_database(database: Database) -> None:
    log = SqlRunLog(database.engine, tenant_id="t1", create_runs=True)
    await log.append(_started())
    assert await read_all(log, "r1") == [_started()]


def _row(seq: int) -> dict[str, object]:
    event = _result(seq)
    return {
        "run_id": "r1",
        "seq": seq,
        "tenant_id": "t1",
        "kind": event.kind,
        "author": event.author,
        "data": event_to_dict(event),
        "created_at": datetime.now(UTC),
    }


async def test_retrying_the_last_event_of_a_finished_run_is_a_no_op(log: SqlRunLog) -> None:
    finished = RunCompleted(run_id="r1", seq=2, author="analyst", output="done", at=1.0)
    await log.append(_started())
    await log.append(finished)
    await log.append(finished)
    assert await read_all(log, "r1") == [_started(), finished]
