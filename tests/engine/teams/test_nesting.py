from __future__ import annotations

from conclave import Agent, MessageDelta, RunCompleted, ScriptedModel
from conclave.engine.events import Event, MessageCompleted, TurnStarted
from conclave.engine.teams import MaxTurns, RoundRobinTeam


def _agent(name: str, replies: list[str]) -> Agent:
    return Agent.define(name, model=ScriptedModel(replies))


async def test_nested_team_events_carry_the_full_path() -> None:
    inner = RoundRobinTeam("review", [_agent("critic", ["too long"]), _agent("editor", ["cut"])])
    outer = RoundRobinTeam(
        "company", [_agent("writer", ["draft", "final"]), inner], termination=MaxTurns(3)
    )
    events: list[Event] = [e async for e in outer.run("write a post", stream=True)]
    turns = [e.author for e in events if isinstance(e, TurnStarted)]
    assert turns == [
        "company/writer",
        "company/review",
        "company/review/critic",
        "company/review/editor",
        "company/writer",
    ]
    deltas = {e.author for e in events if isinstance(e, MessageDelta)}
    assert deltas == {"company/writer", "company/review/critic", "company/review/editor"}
    assert isinstance(events[-1], RunCompleted)
    assert events[-1].output == "final"


async def test_the_inner_team_output_joins_the_outer_conversation_as_one_message() -> None:
    writer_model = ScriptedModel(["draft", "final"])
    inner = RoundRobinTeam("review", [_agent("critic", ["too long"]), _agent("editor", ["cut it"])])
    outer = RoundRobinTeam(
        "company",
        [Agent.define("writer", model=writer_model), inner],
        termination=MaxTurns(3),
        share_context=False,
    )
    events = [e async for e in outer.run("write")]
    seen = [m.content for m in writer_model.requests[1].messages if m.role == "user"]
    assert seen == ["write", "[company/review] cut it"]
    completed = [e.author for e in events if isinstance(e, MessageCompleted)]
    assert completed == [
        "company/writer",
        "company/review/critic",
        "company/review/editor",
        "company/writer",
    ]
