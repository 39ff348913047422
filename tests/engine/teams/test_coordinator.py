from __future__ import annotations

import asyncio
import gc

import pytest

from conclave import Agent, InMemoryRunLog, RunCompleted, ScriptedModel
from conclave.engine.events import (
    Event,
    SpeakerSelected,
    StepCompleted,
    StepFailed,
    StepSkipped,
    StepStarted,
    TurnStarted,
)
from conclave.engine.models.scripted import ScriptItem, call
from conclave.engine.runlog import read_all
from conclave.engine.teams import RoundRobinTeam
from conclave.engine.teams.coordinator import CoordinatorTeam, parse_plan
from conclave.engine.tools import Tool
from conclave.errors import SpecError

TASK = "Launch our electric bike"
PLAN = "Here is the plan:\n1. Research the bike market\n2. Write the launch announcement"


def _agent(name: str, script: list[ScriptItem], **fields: object) -> tuple[Agent, ScriptedModel]:
    model = ScriptedModel(script, name=name)
    return Agent.define(name, model=model, **fields), model


def _researcher(script: list[ScriptItem], tools: tuple[Tool, ...] = ()) -> Agent:
    return _agent(
        "researcher",
        script,
        tools=tools,
        description="Finds facts and market data",
        expertise=["research", "market"],
    )[0]


def _writer(script: list[ScriptItem], tools: tuple[Tool, ...] = ()) -> Agent:
    return _agent(
        "writer",
        script,
        tools=tools,
        description="Writes announcements and copy",
        expertise=["writing", "announcement"],
    )[0]


def _team(
    lead_script: list[ScriptItem], *members: Agent | RoundRobinTeam, **kw: object
) -> tuple[CoordinatorTeam, ScriptedModel]:
    lead, model = _agent("lead", lead_script, description="Coordinates the team")
    return CoordinatorTeam("launch", list(members), coordinator=lead, **kw), model  # type: ignore[arg-type]


async def _run(team: CoordinatorTeam, **kw: object) -> list[Event]:
    return [event async for event in team.run(TASK, **kw)]  # type: ignore[arg-type]


def _done(events: list[Event]) -> RunCompleted:
    assert isinstance(events[-1], RunCompleted), events[-1]
    return events[-1]


def _selected(events: list[Event]) -> list[SpeakerSelected]:
    return [e for e in events if isinstance(e, SpeakerSelected)]


def _last_prompt(model: ScriptedModel) -> str:
    return model.requests[-1].messages[-1].content


def _index(events: list[Event], kind: type[Event], step: str) -> int:
    return next(i for i, e in enumerate(events) if isinstance(e, kind) and e.step == step)


def _meeting(*names: str) -> tuple[dict[str, Tool], dict[str, bool]]:
    """Tools that each wait for all the others to have started: they meet only if they
    run at the same time."""
    arrived = {name: asyncio.Event() for name in names}
    met: dict[str, bool] = {}

    def make(name: str) -> Tool:
        async def work() -> str:
            arrived[name].set()
            others = [arrived[other].wait() for other in names if other != name]
            try:
                await asyncio.wait_for(asyncio.gather(*others), 2)
            except TimeoutError:
                met[name] = False
                return "worked alone"
            met[name] = True
            return "met the others"

        return Tool(work, name=f"work_{name}")

    return {name: make(name) for name in names}, met


def test_a_numbered_plan_is_parsed_with_its_dependencies() -> None:
    plan = parse_plan(
        "Plan:\n1. Research the market\n2) Size the demand\n3. Write it up (after 1 and 2)\n"
        "4. Review the draft; depends on 3",
        limit=6,
    )
    assert [(s.number, s.after) for s in plan] == [(1, ()), (2, ()), (3, (1, 2)), (4, (3,))]
    assert plan[1].text == "Size the demand"


def test_bullets_count_when_there_are_no_numbers() -> None:
    plan = parse_plan("- Research the market\n* Write the copy (after 1)", limit=6)
    assert [(s.text, s.after) for s in plan] == [
        ("Research the market", ()),
        ("Write the copy (after 1)", (1,)),
    ]


def test_a_dependency_on_a_later_or_missing_subtask_is_ignored() -> None:
    plan = parse_plan("1. A (after 2)\n2. B (after 7)\n3. C (after 3)", limit=6)
    assert [s.after for s in plan] == [(), (), ()]


def test_the_plan_is_cut_to_max_subtasks() -> None:
    assert len(parse_plan("1. a\n2. b\n3. c\n4. d", limit=2)) == 2


def test_text_without_a_list_has_no_subtasks() -> None:
    assert parse_plan("I will just do it myself.", limit=6) == []


async def test_each_subtask_goes_to_its_expert_with_the_scores() -> None:
    team, _ = _team(
        [PLAN, "Final plan."], _researcher(["Market is big."]), _writer(["Announcement."])
    )
    events = await _run(team)
    selected = _selected(events)
    assert [(s.speaker, s.method, s.reason) for s in selected] == [
        ("researcher", "plan", "Research the bike market"),
        ("writer", "plan", "Write the launch announcement"),
    ]
    for event in selected:
        assert set(event.scores) == {"researcher", "writer"}
        best = max(event.scores, key=lambda name: event.scores[name]["total"])
        assert best == event.speaker


async def test_the_coordinator_plans_first_and_synthesises_last() -> None:
    team, _ = _team(
        [PLAN, "Final plan."], _researcher(["Market is big."]), _writer(["Announcement."])
    )
    events = await _run(team)
    turns = [e.author for e in events if isinstance(e, TurnStarted)]
    assert turns[0] == turns[-1] == "launch/lead"
    assert sorted(turns[1:-1]) == ["launch/researcher", "launch/writer"]


async def test_the_synthesis_is_the_output_and_reads_every_result() -> None:
    team, lead = _team(
        [PLAN, "Final plan."], _researcher(["Market is big."]), _writer(["Announcement."])
    )
    events = await _run(team)
    done = _done(events)
    assert done.output == "Final plan."
    assert done.reason == "synthesised the results of 2 subtasks"
    prompt = _last_prompt(lead)
    assert TASK in prompt
    assert "Market is big." in prompt
    assert "Announcement." in prompt


async def test_the_assignee_gets_the_subtask_and_the_task_for_context() -> None:
    researcher, model = _agent("researcher", ["Market is big."], expertise=["research"])
    team, _ = _team(["1. Research the bike market", "Final."], researcher)
    await _run(team)
    prompt = _last_prompt(model)
    assert prompt.startswith("Research the bike market")
    assert TASK in prompt


async def test_independent_subtasks_run_at_the_same_time() -> None:
    tools, met = _meeting("researcher", "writer")
    team, _ = _team(
        [PLAN, "Final."],
        _researcher([call("work_researcher"), "Market is big."], (tools["researcher"],)),
        _writer([call("work_writer"), "Announcement."], (tools["writer"],)),
    )
    events = await _run(team)
    assert met == {"researcher": True, "writer": True}
    assert _done(events).output == "Final."


async def test_a_dependent_subtask_waits_for_what_it_needs() -> None:
    writer, writer_model = _agent("writer", ["Announcement."], expertise=["announcement"])
    team, _ = _team(
        [
            "1. Research the bike market\n2. Write the launch announcement (after 1)",
            "Final.",
        ],
        _researcher(["Market is big."]),
        writer,
    )
    events = await _run(team)
    assert _index(events, StepCompleted, "subtask-1") < _index(events, StepStarted, "subtask-2")
    assert "Results you build on:\n1. Research the bike market\nMarket is big." in _last_prompt(
        writer_model
    )


async def test_a_plan_without_a_list_makes_the_whole_task_one_subtask() -> None:
    team, _ = _team(["I will delegate it.", "Final."], _researcher(["Done."]))
    events = await _run(team)
    (selected,) = _selected(events)
    assert selected.speaker == "researcher"
    assert "listed no subtasks" in selected.reason
    assert TASK in selected.reason
    assert _done(events).output == "Final."


async def test_a_failed_subtask_still_completes_the_run() -> None:
    team, lead = _team(
        [PLAN, "Partial plan: no market data."],
        _researcher([RuntimeError("provider down")]),
        _writer(["Announcement."]),
    )
    events = await _run(team)
    (failed,) = [e for e in events if isinstance(e, StepFailed)]
    assert failed.step == "subtask-1"
    assert "provider down" in failed.error
    assert _done(events).output == "Partial plan: no market data."
    assert "subtask 1 failed: RuntimeError: provider down" in _last_prompt(lead)
    assert "Announcement." in _last_prompt(lead)


async def test_a_subtask_whose_dependency_failed_is_skipped() -> None:
    team, lead = _team(
        ["1. Research the bike market\n2. Write the launch announcement (after 1)", "Sorry."],
        _researcher([RuntimeError("provider down")]),
        _writer([]),
    )
    events = await _run(team)
    (skipped,) = [e for e in events if isinstance(e, StepSkipped)]
    assert (skipped.step, skipped.reason) == ("subtask-2", "subtask 1 did not complete")
    assert "subtask 2 was not run: subtask 1 did not complete" in _last_prompt(lead)
    assert _done(events).output == "Sorry."


async def test_the_log_stays_contiguous_with_parallel_subtasks() -> None:
    log = InMemoryRunLog()
    tools, _ = _meeting("researcher", "writer")
    team, _ = _team(
        [PLAN, "Final."],
        _researcher([call("work_researcher"), "Market is big."], (tools["researcher"],)),
        _writer([call("work_writer"), "Announcement."], (tools["writer"],)),
    )
    events = await _run(team, log=log)
    stored = await read_all(log, events[0].run_id)
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert [e for e in events if e.durable] == stored


async def test_max_subtasks_limits_the_plan() -> None:
    team, _ = _team(
        ["1. Research the bike market\n2. Write the announcement\n3. Review it", "Final."],
        _researcher(["Market is big."]),
        _writer(["Announcement."]),
        max_subtasks=2,
    )
    events = await _run(team)
    assert len(_selected(events)) == 2


async def test_the_turn_cap_stops_the_subtasks_and_the_synthesis() -> None:
    team, _ = _team(
        [PLAN], _researcher(["Market is big."]), _writer(["Announcement."]), max_turns=2
    )
    events = await _run(team)
    (skipped,) = [e for e in events if isinstance(e, StepSkipped)]
    assert skipped.reason == "the team stopped: reached the cap of 2 turns"
    done = _done(events)
    assert done.reason == "reached the cap of 2 turns"
    assert done.output == "Market is big."


async def test_a_nested_team_can_take_a_subtask() -> None:
    inner = RoundRobinTeam(
        "research", [_agent("analyst", ["Market is big."])[0]], expertise=["research", "market"]
    )
    team, _ = _team(["1. Research the bike market", "Final."], inner)
    events = await _run(team)
    turns = [e.author for e in events if isinstance(e, TurnStarted)]
    assert turns == ["launch/lead", "launch/research", "launch/research/analyst", "launch/lead"]
    assert _done(events).output == "Final."


async def test_cancelling_the_run_cancels_its_branches() -> None:
    gate, both = asyncio.Event(), asyncio.Event()
    started: list[str] = []

    async def hang(who: str) -> str:
        started.append(who)
        if len(started) == 2:
            both.set()
        await gate.wait()
        return "never"

    tool = Tool(hang, name="hang", timeout=None)
    team, _ = _team(
        [PLAN],
        _researcher([call("hang", who="researcher")], (tool,)),
        _writer([call("hang", who="writer")], (tool,)),
    )
    runner = asyncio.create_task(_run(team))
    await asyncio.wait_for(both.wait(), 2)
    runner.cancel()
    with pytest.raises(asyncio.CancelledError):
        await runner
    assert asyncio.all_tasks() == {asyncio.current_task()}


def test_the_coordinator_cannot_also_be_a_participant() -> None:
    lead, _ = _agent("lead", [])
    with pytest.raises(SpecError, match="'lead' is also a participant"):
        CoordinatorTeam("launch", [lead, _writer([])], coordinator=lead)


class _BrokenLog(InMemoryRunLog):
    """A log whose disk fills up when the first subtask result is stored."""

    full = False

    async def append(self, event: Event) -> None:
        if self.full or isinstance(event, StepCompleted):
            self.full = True
            raise OSError("disk full")
        await super().append(event)


async def test_a_log_failure_in_a_branch_ends_the_run_without_orphans() -> None:
    loop = asyncio.get_running_loop()
    unhandled: list[dict[str, object]] = []
    loop.set_exception_handler(lambda _, context: unhandled.append(context))
    team, _ = _team([PLAN, "Final."], _researcher(["Market is big."]), _writer(["Announcement."]))
    with pytest.raises(OSError, match="disk full"):
        await _run(team, log=_BrokenLog())
    gc.collect()
    assert asyncio.all_tasks() == {asyncio.current_task()}
    assert unhandled == []
