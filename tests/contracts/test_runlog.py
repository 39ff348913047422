"""The RunLog contract: every flavour passes the same cases.

The SQL flavours run on a fresh database each (PostgreSQL as in ``tests/adapters``: skipped
when unreachable, failed under ``CI=true``), migrated, with one tenant, and with
``create_runs=True``: in the server the run service creates each run's row first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from conclave import InMemoryRunLog, RunLog, RunStarted, ToolCallCompleted
from conclave.adapters.store import migrate
from conclave.adapters.store.engine import Database
from conclave.adapters.store.runlog import SqlRunLog
from conclave.adapters.store.tables import tenants
from conclave.engine.runlog import SequenceConflict, read_all
from tests.adapters.conftest import fresh_postgres_url


@asynccontextmanager
async def _memory(_folder: Path) -> AsyncIterator[RunLog]:
    yield InMemoryRunLog()


@asynccontextmanager
async def _sql(url: str) -> AsyncIterator[RunLog]:
    async with Database(url) as database:
        await migrate.upgrade(database.engine)
        async with database.begin() as connection:
            row = {"id": "t1", "name": "t1", "settings": {}, "created_at": datetime.now(UTC)}
            await connection.execute(insert(tenants), row)
        yield SqlRunLog(database, tenant_id="t1", create_runs=True)


@asynccontextmanager
async def _sqlite(folder: Path) -> AsyncIterator[RunLog]:
    async with _sql(f"sqlite+aiosqlite:///{folder / 'runlog.db'}") as log:
        yield log


@asynccontextmanager
async def _postgres(_folder: Path) -> AsyncIterator[RunLog]:
    urls = fresh_postgres_url()
    url = await anext(urls)
    try:
        async with _sql(url) as log:
            yield log
    finally:
        await urls.aclose()  # drops the database


FLAVOURS: dict[str, Callable[[Path], AbstractAsyncContextManager[RunLog]]] = {
    "memory": _memory,
    "sqlite": _sqlite,
    "postgres": _postgres,
}


@pytest.fixture(params=sorted(FLAVOURS))
async def log(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[RunLog]:
    async with FLAVOURS[request.param](tmp_path) as log:
        yield log


def _started(run_id: str, seq: int = 1) -> RunStarted:
    return RunStarted(run_id=run_id, seq=seq, author="a", input="x")


def _result(run_id: str, seq: int, text: str = "r") -> ToolCallCompleted:
    return ToolCallCompleted(run_id=run_id, seq=seq, author="a", call_id="c", tool="t", result=text)


def test_flavour_satisfies_the_protocol(log: RunLog) -> None:
    assert isinstance(log, RunLog)


async def test_events_read_back_in_order(log: RunLog) -> None:
    events = [_started("r1"), *(_result("r1", seq) for seq in range(2, 6))]
    for event in events:
        await log.append(event)
    assert await read_all(log, "r1") == events


async def test_read_after_skips_what_the_reader_has(log: RunLog) -> None:
    for event in [_started("r1"), _result("r1", 2, "a"), _result("r1", 3, "b")]:
        await log.append(event)
    assert [e.seq for e in await read_all(log, "r1", after=1)] == [2, 3]
    assert await read_all(log, "r1", after=3) == []


async def test_runs_are_kept_apart(log: RunLog) -> None:
    await log.append(_started("r1"))
    await log.append(_started("r2"))
    assert [e.run_id for e in await read_all(log, "r2")] == ["r2"]
    assert await read_all(log, "missing") == []


async def test_appending_the_same_event_twice_stores_it_once(log: RunLog) -> None:
    await log.append(_started("r1"))
    await log.append(_result("r1", 2))
    await log.append(_result("r1", 2))
    assert [e.seq for e in await read_all(log, "r1")] == [1, 2]


async def test_a_different_event_under_a_taken_seq_is_a_conflict(log: RunLog) -> None:
    await log.append(_started("r1"))
    with pytest.raises(SequenceConflict, match="another executor"):
        await log.append(_result("r1", 1))


async def test_a_gap_in_sequence_numbers_is_refused(log: RunLog) -> None:
    await log.append(_started("r1"))
    with pytest.raises(SequenceConflict, match="gap"):
        await log.append(_result("r1", 3))
