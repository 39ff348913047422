from __future__ import annotations

from conclave import Agent, InMemoryRunLog, RunCompleted, RunFailed, ScriptedModel
from conclave.engine.events import Event, MessageCompleted, TurnStarted
from conclave.engine.messages import Message
from conclave.engine.runlog import read_all
from conclave.engine.teams import MaxTurns, RoundRobinTeam, TextMention


def _agent(name: str, replies: list[str]) -> Agent:
    return Agent.define(name, model=ScriptedModel(replies), description=f"the {name}")


async def _run(team: RoundRobinTeam, task: str = "plan a launch", **kw: object) -> list[Event]:
    return [event async for event in team.run(task, **kw)]  # type: ignore[arg-type]


def _speakers(events: list[Event]) -> list[str]:
    return [e.author for e in events if isinstance(e, TurnStarted)]


async def test_participants_speak_in_order_until_the_termination() -> None:
    team = RoundRobinTeam(
        "crew",
        [_agent("a", ["a1", "a2"]), _agent("b", ["b1", "b2"]), _agent("c", ["c1"])],
        termination=MaxTurns(5),
    )
    events = await _run(team)
    assert _speakers(events) == ["crew/a", "crew/b", "crew/c", "crew/a", "crew/b"]
    done = events[-1]
    assert isinstance(done, RunCompleted)
    assert done.output == "b2"
    assert done.reason == "reached 5 turns"


async def test_without_a_termination_everyone_speaks_once() -> None:
    team = RoundRobinTeam("crew", [_agent("a", ["a1"]), _agent("b", ["b1"])])
    events = await _run(team)
    assert _speakers(events) == ["crew/a", "crew/b"]


async def test_text_mention_stops_the_team() -> None:
    team = RoundRobinTeam(
        "crew",
        [_agent("a", ["draft"]), _agent("b", ["looks good TERMINATE"]), _agent("c", [])],
        termination=TextMention("TERMINATE") | MaxTurns(10),
    )
    events = await _run(team)
    assert _speakers(events) == ["crew/a", "crew/b"]
    assert events[-1].reason == "b said TERMINATE"  # type: ignore[union-attr]


async def test_each_agent_sees_the_others_as_named_messages() -> None:
    model_b = ScriptedModel(["second"])
    team = RoundRobinTeam(
        "crew", [_agent("a", ["first"]), Agent.define("b", model=model_b)], share_context=False
    )
    await _run(team, "the task")
    seen = model_b.requests[0].messages
    assert [(m.role, m.content) for m in seen if m.role != "system"] == [
        ("user", "the task"),
        ("user", "[crew/a] first"),
    ]


async def test_a_team_run_is_logged_contiguously() -> None:
    log = InMemoryRunLog()
    team = RoundRobinTeam("crew", [_agent("a", ["x"]), _agent("b", ["y"])])
    events = await _run(team, log=log)
    stored = await read_all(log, events[0].run_id)
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert [e for e in events if e.durable] == stored


async def test_a_failing_member_fails_the_team_run() -> None:
    team = RoundRobinTeam("crew", [_agent("a", [])])
    events = await _run(team)
    assert isinstance(events[-1], RunFailed)
    assert "scripts only 0 replies" in events[-1].error


async def test_messages_are_attributed_to_their_authors() -> None:
    team = RoundRobinTeam("crew", [_agent("a", ["x"]), _agent("b", ["y"])])
    events = await _run(team)
    authors = [e.author for e in events if isinstance(e, MessageCompleted)]
    assert authors == ["crew/a", "crew/b"]


async def test_members_see_the_conversation_before_the_task() -> None:
    model = ScriptedModel(["noted"])
    team = RoundRobinTeam("crew", [Agent.define("a", model=model)], share_context=False)
    earlier = [Message.user("our budget is 5k"), Message.assistant("understood", author="crew")]
    await _run(team, "plan within it", history=earlier)
    seen = [(m.role, m.content) for m in model.requests[0].messages if m.role != "system"]
    # Another author's words reach a member as a named message, as within a team run.
    assert seen[:2] == [("user", "our budget is 5k"), ("user", "[crew] understood")]
    assert seen[-1] == ("user", "plan within it")
