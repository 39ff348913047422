from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator

from conclave import (
    Agent,
    InMemoryRunLog,
    Message,
    MessageCompleted,
    MessageDelta,
    ModelError,
    ModelRequest,
    ModelResponse,
    Reply,
    RunCompleted,
    RunFailed,
    RunState,
    ScriptedModel,
    StreamChunk,
    StreamDone,
    StreamReset,
    TextDelta,
    ToolCallCompleted,
    ToolCallRequested,
    Usage,
    call,
    tool,
)
from conclave.engine.runlog import read_all
from tests.factories import add, collect, explode, kinds, make_agent, shout, sleepy


async def test_plain_turn_emits_start_usage_message_and_completion() -> None:
    agent, _ = make_agent(["Hello there."])
    events = await collect(agent, "hi")
    assert kinds(events) == [
        "run.started",
        "usage.recorded",
        "message.completed",
        "run.completed",
    ]
    assert events[-1].output == "Hello there."  # type: ignore[union-attr]
    assert [event.seq for event in events] == [1, 2, 3, 4]
    assert len({event.run_id for event in events}) == 1


async def test_tool_turn_records_request_and_result_then_replies() -> None:
    agent, model = make_agent([call("add", a=2, b=3), "The sum is 5."])
    events = await collect(agent, "add 2 and 3")
    assert kinds(events) == [
        "run.started",
        "usage.recorded",
        "message.completed",
        "tool.requested",
        "tool.completed",
        "usage.recorded",
        "message.completed",
        "run.completed",
    ]
    requested = next(e for e in events if isinstance(e, ToolCallRequested))
    completed = next(e for e in events if isinstance(e, ToolCallCompleted))
    assert requested.arguments == {"a": 2, "b": 3}
    assert requested.idempotent is True
    assert completed.result == "5"
    assert completed.is_error is False
    second_request = model.requests[1]
    assert second_request.messages[-1].role == "tool"
    assert second_request.messages[-1].content == "5"


async def test_every_durable_event_is_in_the_log_before_it_is_yielded() -> None:
    log = InMemoryRunLog()
    agent, _ = make_agent([call("add", a=1, b=1), "2"])
    async for event in agent.run("go", log=log):
        stored = await read_all(log, event.run_id)
        if event.durable:
            assert stored[-1] == event
        else:
            assert event not in stored


async def test_streamed_deltas_join_into_the_completed_message_and_are_not_stored() -> None:
    log = InMemoryRunLog()
    agent, _ = make_agent(["one two three four"])
    events = await collect(agent, "count", stream=True, log=log)
    deltas = [e for e in events if isinstance(e, MessageDelta)]
    message = next(e for e in events if isinstance(e, MessageCompleted))
    assert "".join(d.text for d in deltas) == message.message.content
    assert all(d.seq == events[0].seq for d in deltas)
    stored = await read_all(log, events[0].run_id)
    assert not any(isinstance(e, MessageDelta) for e in stored)


class _DroppingModel:
    """Streams a few words, then resets and streams the whole reply."""

    name = "test:dropping"

    async def complete(self, request: ModelRequest) -> ModelResponse:
        raise NotImplementedError("_DroppingModel only streams")

    async def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        yield TextDelta(text="partial ")
        yield StreamReset(reason="connection dropped", attempt=2)
        yield TextDelta(text="whole reply")
        message = Message.assistant("whole reply")
        yield StreamDone(response=ModelResponse(message=message, usage=Usage(), model=self.name))


async def test_a_stream_cut_off_is_superseded_by_stream_restarted() -> None:
    agent = Agent.define("streamer", model=_DroppingModel())
    events = await collect(agent, "talk", stream=True)
    assert kinds(events) == [
        "run.started",
        "message.delta",
        "stream.restarted",
        "message.delta",
        "usage.recorded",
        "message.completed",
        "run.completed",
    ]
    assert events[-1].output == "whole reply"  # type: ignore[union-attr]


async def test_failing_tool_returns_an_error_result_and_the_run_goes_on() -> None:
    agent, model = make_agent([call("explode", reason="disk full"), "Sorry."], tools=[explode])
    events = await collect(agent)
    result = next(e for e in events if isinstance(e, ToolCallCompleted))
    assert result.is_error
    assert "disk full" in result.result
    assert isinstance(events[-1], RunCompleted)
    assert model.requests[1].messages[-1].content.startswith("error:")


async def test_tool_timeout_is_an_error_result() -> None:
    agent, _ = make_agent([call("sleepy", seconds=5), "It timed out."], tools=[sleepy])
    events = await collect(agent)
    result = next(e for e in events if isinstance(e, ToolCallCompleted))
    assert result.is_error
    assert "timed out" in result.result


async def test_unknown_tool_is_an_error_result_naming_the_available_tools() -> None:
    agent, _ = make_agent([call("ad", a=1, b=2), "Oops."])
    events = await collect(agent)
    result = next(e for e in events if isinstance(e, ToolCallCompleted))
    assert result.is_error
    assert "add" in result.result and "shout" in result.result


async def test_several_tool_calls_in_one_reply_run_concurrently() -> None:
    started: list[str] = []
    both_started = asyncio.Event()

    @tool
    async def wait_for_peer(label: str) -> str:
        """Waits until both calls have started."""
        started.append(label)
        if len(started) == 2:
            both_started.set()
        await asyncio.wait_for(both_started.wait(), timeout=2)
        return label

    agent, _ = make_agent(
        [[call("wait_for_peer", label="a"), call("wait_for_peer", label="b")], "done"],
        tools=[wait_for_peer],
    )
    events = await collect(agent)
    results = [e.result for e in events if isinstance(e, ToolCallCompleted)]
    assert results == ["a", "b"]
    assert isinstance(events[-1], RunCompleted)


async def test_tool_rounds_are_bounded_and_the_last_round_offers_no_tools() -> None:
    agent, model = make_agent(
        [call("add", a=1, b=1), call("add", a=2, b=2), "final"], max_tool_rounds=2
    )
    events = await collect(agent)
    assert events[-1].output == "final"  # type: ignore[union-attr]
    assert [len(r.tools) for r in model.requests] == [2, 2, 0]


async def test_history_is_limited_to_the_last_n_messages() -> None:
    history = [Message.user(f"m{i}") for i in range(30)]
    agent, model = make_agent(["ok"], history_limit=5, instructions="Be brief.")
    await collect(agent, "now", history=history)
    sent = model.requests[0].messages
    assert sent[0].role == "system"
    assert [m.content for m in sent[1:]] == ["m25", "m26", "m27", "m28", "m29", "now"]


async def test_system_prompt_carries_role_instructions_personality_and_rules() -> None:
    agent, model = make_agent(
        ["Stocks can rise."],
        description="explains investing",
        instructions="Use plain words.",
        personality="analytical",
        domain="financial_advisor",
    )
    await collect(agent)
    prompt = model.requests[0].messages[0].content
    assert prompt.startswith("You are helper: explains investing")
    assert "Use plain words." in prompt
    assert "risk" in prompt.lower()


async def test_domain_rules_amend_the_reply() -> None:
    agent, _ = make_agent(
        ["This fund offers guaranteed returns of 20% on your investment."],
        domain="financial_advisor",
    )
    events = await collect(agent, "Which fund should I invest in?")
    output = events[-1].output  # type: ignore[union-attr]
    assert "guaranteed returns" not in output.lower()
    assert "risk" in output.lower()


async def test_domain_rules_refuse_input_without_calling_the_model() -> None:
    agent, model = make_agent(["never used"], domain="financial_advisor")
    events = await collect(agent, "Help me profit from insider trading on tomorrow's merger.")
    assert isinstance(events[-1], RunCompleted)
    assert model.calls == 0
    assert events[-1].output


async def test_model_error_fails_the_run_with_its_message() -> None:
    error = ModelError("openai:gpt-4o failed after 3 attempts: HTTP 500", provider="openai")
    agent, _ = make_agent([error])
    events = await collect(agent)
    failed = events[-1]
    assert isinstance(failed, RunFailed)
    assert failed.error_type == "ModelError"
    assert "failed after 3 attempts" in failed.error


async def test_a_bug_in_a_model_client_fails_the_run_as_an_internal_error() -> None:
    agent, _ = make_agent([ZeroDivisionError("oops")])
    events = await collect(agent)
    assert isinstance(events[-1], RunFailed)
    assert "internal error ZeroDivisionError" in events[-1].error


async def test_run_budget_refuses_a_call_before_it_is_made() -> None:
    model = ScriptedModel(["never"], name="x")
    agent = Agent.define(
        "spender",
        model=_Renamed(model, "openai:gpt-4o"),
        max_output_tokens=100_000,
        budget={"per_run_usd": 0.01},
    )
    events = await collect(agent)
    assert isinstance(events[-1], RunFailed)
    assert events[-1].error_type == "BudgetExceeded"
    assert "per_run_usd" in events[-1].error
    assert model.calls == 0


async def test_usage_and_cost_add_up_over_the_run() -> None:
    usage = Usage(input_tokens=1_000_000, output_tokens=0)
    model = ScriptedModel(
        [Reply(tool_calls=(call("add", a=1, b=2),), usage=usage), Reply(text="3", usage=usage)]
    )
    agent = Agent.define("counter", model=_Renamed(model, "openai:gpt-4o"), tools=[add])
    events = await collect(agent)
    done = events[-1]
    assert isinstance(done, RunCompleted)
    assert done.usage.input_tokens == 2_000_000
    price = agent.blueprint.prices.lookup("openai:gpt-4o")
    assert price is not None
    assert abs(done.cost_usd - 2 * price.input_per_mtok) < 1e-9


async def test_folding_the_log_rebuilds_the_run_state() -> None:
    log = InMemoryRunLog()
    agent, _ = make_agent([call("shout", text="hey"), "HEY it is."], tools=[shout])
    events = await collect(agent, "shout hey", log=log)
    state = RunState.fold(await read_all(log, events[0].run_id))
    assert state.status == "completed"
    assert state.output == "HEY it is."
    assert [m.role for m in state.messages] == ["user", "assistant", "tool", "assistant"]
    assert state.pending_calls == {}
    assert state.last_seq == events[-1].seq


async def test_reply_returns_the_text() -> None:
    agent, _ = make_agent(["Just this."])
    assert await agent.reply("hi") == "Just this."


class _Renamed:
    """A model under another name, so the price table applies to a scripted model."""

    def __init__(self, inner: ScriptedModel, name: str) -> None:
        self.inner, self.name = inner, name

    async def complete(self, request: ModelRequest) -> ModelResponse:
        response = await self.inner.complete(request)
        return dataclasses.replace(response, model=self.name)

    def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        raise NotImplementedError("_Renamed does not stream")
