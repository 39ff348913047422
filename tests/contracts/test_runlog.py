"""The RunLog contract: every flavour passes the same cases."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conclave import InMemoryRunLog, RunLog, RunStarted, ToolCallCompleted
from conclave.engine.runlog import SequenceConflict, read_all

FLAVOURS: dict[str, Callable[[], RunLog]] = {"memory": InMemoryRunLog}


@pytest.fixture(params=sorted(FLAVOURS))
def log(request: pytest.FixtureRequest) -> RunLog:
    return FLAVOURS[request.param]()


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
