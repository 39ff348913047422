"""Replay runs a recorded agent run again without calling the model or any tool."""

from __future__ import annotations

from typing import Any

from conclave import (
    Agent,
    Event,
    InMemoryRunLog,
    Reply,
    RunCompleted,
    RunFailed,
    ScriptedModel,
    Usage,
    call,
    tool,
)
from conclave.engine.replay import replay
from conclave.engine.runlog import read_all

IGNORED = {"run_id", "at", "duration_ms"}


def _comparable(event: Event) -> dict[str, Any]:
    return {name: getattr(event, name) for name in event.__slots__ if name not in IGNORED}


def _agent(effects: list[str], script: list[Any], **fields: Any) -> Agent:
    @tool(name="effect")
    def effect(text: str) -> str:
        """Writes somewhere."""
        effects.append(text)
        return f"wrote {text}"

    return Agent.define("worker", model=ScriptedModel(script), tools=[effect], **fields)


SCRIPT = [
    Reply(
        tool_calls=(call("effect", text="a"), call("effect", text="b")), usage=Usage(input_tokens=9)
    ),
    Reply(tool_calls=(call("effect", text="c"),), usage=Usage(input_tokens=11)),
    Reply(text="all written, guaranteed returns of 10%", usage=Usage(output_tokens=5)),
]


async def _record(agent: Agent) -> list[Event]:
    log = InMemoryRunLog()
    async for _ in agent.run("write three", log=log, run_id="original"):
        pass
    return await read_all(log, "original")


async def test_a_replay_reproduces_every_event_without_calling_anything() -> None:
    effects: list[str] = []
    recorded = await _record(_agent(effects, list(SCRIPT), domain="financial_advisor"))
    assert effects == ["a", "b", "c"]
    fresh_model_script: list[Any] = []  # any model call would fail the replay
    log = InMemoryRunLog()
    agent = _agent(effects, fresh_model_script, domain="financial_advisor")
    replayed = [e async for e in replay(agent, recorded, run_id="again", log=log)]
    assert effects == ["a", "b", "c"]
    assert [_comparable(e) for e in replayed] == [_comparable(e) for e in recorded]
    assert {e.run_id for e in replayed} == {"again"}
    assert await read_all(log, "again") == replayed
    assert isinstance(replayed[-1], RunCompleted)


async def test_a_replay_of_a_changed_agent_says_where_it_diverged() -> None:
    recorded = await _record(_agent([], list(SCRIPT)))
    changed = _agent([], [], max_tool_rounds=0)  # now it may not call tools at all
    replayed = [e async for e in replay(changed, recorded)]
    assert isinstance(replayed[-1], RunCompleted)
    assert replayed[-1].output != recorded[-1].output  # type: ignore[union-attr]


async def test_a_replay_that_asks_for_more_than_was_recorded_fails_clearly() -> None:
    recorded = await _record(_agent([], list(SCRIPT)))
    truncated = [e for e in recorded if e.seq <= 3]  # only the first model reply survives
    replayed = [e async for e in replay(_agent([], []), truncated)]
    assert isinstance(replayed[-1], RunFailed)
    assert replayed[-1].error_type == "ReplayDiverged"
