from __future__ import annotations

import asyncio

from conclave import InMemoryRunLog, MessageDelta, RunStarted, ToolCallCompleted
from conclave.engine.recorder import Recorder, new_run_id
from conclave.engine.runlog import read_all


def test_run_ids_are_unique() -> None:
    ids = {new_run_id() for _ in range(1000)}
    assert len(ids) == 1000


async def test_branches_keep_the_log_contiguous_however_they_interleave() -> None:
    log = InMemoryRunLog()
    rec = Recorder("r", log)
    await rec.record(RunStarted(run_id="r", seq=rec.next_seq(), author="t", input="x"))

    async def branch(name: str) -> list[int]:
        sub = rec.branch()
        seqs = []
        for i in range(20):
            event = ToolCallCompleted(
                run_id="r", seq=sub.next_seq(), author=name, call_id=str(i), tool="t", result=""
            )
            seqs.append((await sub.record(event)).seq)
            await asyncio.sleep(0)
        return seqs

    first, second = await asyncio.gather(branch("a"), branch("b"))
    stored = await read_all(log, "r")
    assert [e.seq for e in stored] == list(range(1, 42))
    assert sorted(first + second) == list(range(2, 42))
    assert set(first) & set(second) == set()


async def test_branch_deltas_follow_the_last_durable_event() -> None:
    rec = Recorder("r", InMemoryRunLog())
    await rec.record(RunStarted(run_id="r", seq=rec.next_seq(), author="t", input="x"))
    sub = rec.branch()
    delta = await sub.record(MessageDelta(run_id="r", seq=0, author="a", text="hi"))
    assert delta.seq == 1


async def test_usage_of_branches_adds_up_in_the_run() -> None:
    from conclave import Usage

    rec = Recorder("r")
    rec.branch().add_usage(Usage(input_tokens=5), 0.25)
    rec.branch().add_usage(Usage(output_tokens=3), 0.5)
    assert rec.usage == Usage(input_tokens=5, output_tokens=3)
    assert rec.cost_usd == 0.75


async def test_a_branch_of_a_branch_numbers_against_the_run() -> None:
    log = InMemoryRunLog()
    rec = Recorder("r", log)
    await rec.record(RunStarted(run_id="r", seq=rec.next_seq(), author="t", input="x"))
    inner = rec.branch().branch()
    event = ToolCallCompleted(
        run_id="r", seq=inner.next_seq(), author="a", call_id="c", tool="t", result=""
    )
    recorded = await inner.record(event)
    assert recorded.seq == 2
    assert [e.seq for e in await read_all(log, "r")] == [1, 2]
