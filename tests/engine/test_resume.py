"""Resume after a crash, at every point a crash could cut the log."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from conclave import (
    Agent,
    InMemoryRunLog,
    Message,
    ModelRequest,
    ModelResponse,
    RunCompleted,
    RunFailed,
    RunState,
    StreamChunk,
    ToolCall,
    Usage,
    tool,
)
from conclave.engine.approvals import ApprovalDecision, ScriptedApprover
from conclave.engine.events import Event, MessageCompleted, ToolCallCompleted
from conclave.engine.oversight import Oversight
from conclave.engine.resume import resume
from conclave.engine.runlog import read_all


class _Model:
    """Asks for the tool once, then answers with its result: the same at every call."""

    name = "test:steady"

    def __init__(self, calls: int = 1) -> None:
        self.calls = calls

    async def complete(self, request: ModelRequest) -> ModelResponse:
        results = [m.content for m in request.messages if m.role == "tool"]
        if len(results) >= self.calls:
            message = Message.assistant("done: " + ", ".join(results), author=request.author)
        else:
            calls = tuple(
                ToolCall(id=f"c{i}", name="effect", arguments={"n": i}) for i in range(self.calls)
            )
            message = Message.assistant("", author=request.author, tool_calls=calls)
        return ModelResponse(message=message, usage=Usage(input_tokens=1), model=self.name)

    def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        raise NotImplementedError("_Model does not stream")


def _agent(*, idempotent: bool, effects: list[int], calls: int = 1) -> Agent:
    @tool(name="effect", idempotent=idempotent)
    async def effect(n: int) -> str:
        """Has a side effect."""
        effects.append(n)
        return f"effect {n}"

    return Agent.define("worker", model=_Model(calls), tools=[effect])


async def _full_run(agent: Agent) -> list[Event]:
    log = InMemoryRunLog()
    async for _ in agent.run("do it", log=log, run_id="r1"):
        pass
    return await read_all(log, "r1")


async def _resume_from(events: list[Event], agent: Agent) -> list[Event]:
    log = InMemoryRunLog()
    for event in events:
        await log.append(event)
    state = RunState.fold(events)
    async for _ in resume(agent, state, log=log):
        pass
    return await read_all(log, "r1")


async def test_every_crash_point_of_an_idempotent_run_completes_without_duplicates() -> None:
    full = await _full_run(_agent(idempotent=True, effects=[]))
    for cut in range(1, len(full)):
        effects: list[int] = []
        events = await _resume_from(full[:cut], _agent(idempotent=True, effects=effects))
        assert isinstance(events[-1], RunCompleted), (cut, events[-1])
        assert events[-1].output == "done: effect 0"
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        replies = [
            e for e in events if isinstance(e, MessageCompleted) and not e.message.tool_calls
        ]
        assert len(replies) == 1, cut
        results = [e for e in events if isinstance(e, ToolCallCompleted)]
        assert len(results) == 1, cut


async def test_a_non_idempotent_call_cut_mid_flight_fails_and_never_runs_twice() -> None:
    full = await _full_run(_agent(idempotent=False, effects=[]))
    kinds = [e.kind for e in full]
    mid_call = kinds.index("tool.requested") + 1
    for cut in range(1, len(full)):
        effects: list[int] = []
        events = await _resume_from(full[:cut], _agent(idempotent=False, effects=effects))
        if cut == mid_call:
            assert isinstance(events[-1], RunFailed)
            assert events[-1].error_type == "InterruptedToolCall"
            assert "may or may not have taken effect" in events[-1].error
            assert effects == []
        else:
            assert isinstance(events[-1], RunCompleted), (cut, events[-1])
            assert len(effects) == (1 if cut < mid_call else 0), cut


async def test_calls_never_requested_before_the_crash_run_even_if_not_idempotent() -> None:
    full = await _full_run(_agent(idempotent=False, effects=[], calls=2))
    kinds = [e.kind for e in full]
    # Cut after the reply asking for two calls was recorded, before either was requested.
    cut = kinds.index("tool.requested")
    effects: list[int] = []
    events = await _resume_from(full[:cut], _agent(idempotent=False, effects=effects, calls=2))
    assert isinstance(events[-1], RunCompleted)
    assert events[-1].output == "done: effect 0, effect 1"
    assert effects == [0, 1]
    resumed = [e.kind for e in events[cut:]]
    assert resumed[:4] == ["tool.requested", "tool.completed", "tool.requested", "tool.completed"]


async def test_resuming_a_finished_run_does_nothing() -> None:
    full = await _full_run(_agent(idempotent=True, effects=[]))
    events = await _resume_from(full, _agent(idempotent=True, effects=[]))
    assert events == full


async def test_usage_and_cost_carry_over_into_the_resumed_run() -> None:
    full = await _full_run(_agent(idempotent=True, effects=[]))
    cut = [e.kind for e in full].index("tool.requested") + 1
    events = await _resume_from(full[:cut], _agent(idempotent=True, effects=[]))
    done = events[-1]
    assert isinstance(done, RunCompleted)
    assert done.usage.input_tokens == 2


@pytest.mark.parametrize("idempotent", [True, False])
async def test_a_crash_before_any_model_reply_calls_the_model_again(idempotent: bool) -> None:
    full = await _full_run(_agent(idempotent=idempotent, effects=[]))
    events = await _resume_from(full[:1], _agent(idempotent=idempotent, effects=[]))
    assert isinstance(events[-1], RunCompleted)
    assert events[-1].output == "done: effect 0"


async def _resume_with(
    events: list[Event], agent: Agent, decision: ApprovalDecision
) -> list[Event]:
    log = InMemoryRunLog()
    for event in events:
        await log.append(event)
    oversight = Oversight(approver=ScriptedApprover([decision]))
    async for _ in resume(agent, RunState.fold(events), log=log, oversight=oversight):
        pass
    return await read_all(log, "r1")


@pytest.mark.parametrize("granted", [True, False])
async def test_a_person_decides_whether_a_cut_off_call_runs_again(granted: bool) -> None:
    full = await _full_run(_agent(idempotent=False, effects=[]))
    cut = [e.kind for e in full].index("tool.requested") + 1
    effects: list[int] = []
    decision = ApprovalDecision(granted=granted, by="ana", comment="checked the ledger")
    events = await _resume_with(full[:cut], _agent(idempotent=False, effects=effects), decision)
    assert isinstance(events[-1], RunCompleted)
    asked = next(e for e in events if e.kind == "approval.requested")
    assert asked.step == "uncertain:c0"  # type: ignore[attr-defined]
    assert effects == ([0] if granted else [])
    result = next(e for e in events if isinstance(e, ToolCallCompleted))
    assert result.result == "effect 0" if granted else result.result.startswith("not run again")
