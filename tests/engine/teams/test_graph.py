from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from typing import Any

import pytest

from conclave import Agent, InMemoryRunLog, RunCompleted, RunFailed, ScriptedModel, Tool, call, tool
from conclave.engine.approvals import (
    ApprovalDecision,
    ApprovalRequest,
    DenyingApprover,
    ScriptedApprover,
)
from conclave.engine.events import (
    ApprovalRequested,
    Event,
    SlaBreached,
    StepCompleted,
    StepFailed,
    StepSkipped,
    StepStarted,
    TurnStarted,
)
from conclave.engine.models.scripted import ScriptItem
from conclave.engine.runlog import read_all
from conclave.engine.teams import RoundRobinTeam
from conclave.engine.teams.base import Participant
from conclave.engine.teams.graph import GraphSpec, GraphWorkflow
from conclave.errors import UnknownName


def _agent(name: str, replies: Sequence[ScriptItem], tools: Sequence[Tool] = ()) -> Agent:
    return Agent.define(name, model=ScriptedModel(replies), tools=tools)


def _flow(
    steps: list[dict[str, Any]],
    *,
    agents: Sequence[Participant] = (),
    tools: Sequence[Tool] = (),
    max_parallel: int = 8,
    **kwargs: Any,
) -> GraphWorkflow:
    spec = GraphSpec.from_data({"steps": steps, "max_parallel": max_parallel})
    return GraphWorkflow(
        "flow",
        spec,
        agents={agent.name: agent for agent in agents},
        tools={t.name: t for t in tools},
        **kwargs,
    )


async def _run(flow: GraphWorkflow, task: str = "the task", **kwargs: Any) -> list[Event]:
    async with asyncio.timeout(5):  # a deadlock fails the test instead of hanging it
        return [event async for event in flow.run(task, **kwargs)]


def _completed(events: list[Event]) -> list[str]:
    return [e.step for e in events if isinstance(e, StepCompleted)]


def _started(events: list[Event]) -> list[tuple[str, int]]:
    return [(e.step, e.attempt) for e in events if isinstance(e, StepStarted)]


def _skipped(events: list[Event]) -> dict[str, str]:
    return {e.step: e.reason for e in events if isinstance(e, StepSkipped)}


def _failed(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.step, e.action) for e in events if isinstance(e, StepFailed)]


def _output(events: list[Event]) -> str:
    done = events[-1]
    assert isinstance(done, RunCompleted), done
    return done.output


def _failure(events: list[Event]) -> RunFailed:
    failed = events[-1]
    assert isinstance(failed, RunFailed), failed
    return failed


def _counter_tool(name: str, results: Sequence[str | Exception | float]) -> Tool:
    """A tool that gives ``results`` in turn: text, an error to raise, or seconds to sleep."""
    script = list(results)

    async def run() -> str:
        item = script.pop(0)
        if isinstance(item, Exception):
            raise item
        if isinstance(item, float):
            await asyncio.sleep(item)
            return "slept"
        return item

    return Tool(run, name=name, description=name)


@tool
async def nap(seconds: float) -> str:
    """Sleep for a while."""
    await asyncio.sleep(seconds)
    return "rested"


@tool
def check(code: str) -> str:
    """Validate code."""
    return "PASS" if "v2" in code else "FAIL"


@tool
def place_order(side: str) -> str:
    """Place an order."""
    return f"filled {side}"


async def test_linear_steps_run_in_order_and_the_last_output_is_the_result() -> None:
    flow = _flow(
        [
            {"id": "a", "agent": "first"},
            {"id": "b", "agent": "second", "depends_on": ["a"]},
            {"id": "c", "agent": "third", "depends_on": ["b"]},
        ],
        agents=[_agent("first", ["A"]), _agent("second", ["B"]), _agent("third", ["C"])],
    )
    events = await _run(flow)
    assert _completed(events) == ["a", "b", "c"]
    assert _output(events) == "C"
    assert events[-1].reason == "completed 3 of 3 steps"  # type: ignore[union-attr]


async def test_a_step_emits_started_its_agent_events_then_completed() -> None:
    flow = _flow([{"id": "a", "agent": "solo"}], agents=[_agent("solo", ["done"])])
    events = await _run(flow)
    assert [(e.kind, e.author) for e in events[1:-1]] == [
        ("step.started", "flow"),
        ("turn.started", "flow/solo"),
        ("usage.recorded", "flow/solo"),
        ("message.completed", "flow/solo"),
        ("step.completed", "flow"),
    ]


async def test_fan_out_then_fan_in_passes_both_outputs_on() -> None:
    joiner = ScriptedModel(["joined"])
    flow = _flow(
        [
            {"id": "plan", "agent": "planner"},
            {"id": "left", "agent": "lefty", "depends_on": ["plan"]},
            {"id": "right", "agent": "righty", "depends_on": ["plan"]},
            {"id": "join", "agent": "joiner", "depends_on": ["left", "right"]},
        ],
        agents=[
            _agent("planner", ["P"]),
            _agent("lefty", ["L"]),
            _agent("righty", ["R"]),
            Agent.define("joiner", model=joiner),
        ],
    )
    events = await _run(flow, "build it")
    order = _completed(events)
    assert order[0] == "plan" and order[-1] == "join"
    assert set(order[1:3]) == {"left", "right"}
    prompt = joiner.requests[0].messages[-1].content
    assert prompt == "build it\n\nOutput of step 'left':\nL\n\nOutput of step 'right':\nR"


async def test_parallel_branches_run_concurrently() -> None:
    left_in, right_in = asyncio.Event(), asyncio.Event()

    async def left() -> str:
        left_in.set()
        await right_in.wait()  # finishes only once the other branch has started
        return "left"

    async def right() -> str:
        right_in.set()
        await left_in.wait()
        return "right"

    flow = _flow(
        [{"id": "l", "tool": "left"}, {"id": "r", "tool": "right"}],
        tools=[Tool(left, name="left"), Tool(right, name="right")],
    )
    events = await _run(flow)
    kinds = [(e.kind, getattr(e, "tool", "")) for e in events]
    first_done = kinds.index(("tool.completed", "left"))
    first_done = min(first_done, kinds.index(("tool.completed", "right")))
    assert kinds.index(("tool.requested", "left")) < first_done
    assert kinds.index(("tool.requested", "right")) < first_done
    assert _output(events) == "right"


async def test_max_parallel_of_one_runs_independent_steps_one_at_a_time() -> None:
    flow = _flow(
        [{"id": "a", "tool": "nap", "arguments": {"seconds": 0}}, {"id": "b", "agent": "x"}],
        agents=[_agent("x", ["X"])],
        tools=[nap],
        max_parallel=1,
    )
    events = await _run(flow)
    kinds = [(e.kind, getattr(e, "step", "")) for e in events]
    assert kinds.index(("step.completed", "a")) < kinds.index(("step.started", "b"))


async def test_a_condition_that_holds_runs_the_step() -> None:
    flow = _flow(
        [
            {"id": "signal", "agent": "analyst"},
            {
                "id": "trade",
                "tool": "place_order",
                "arguments": {"side": "{steps.signal}"},
                "depends_on": ["signal"],
                "when": {"step": "signal", "contains": "BUY"},
            },
        ],
        agents=[_agent("analyst", ["BUY"])],
        tools=[place_order],
    )
    events = await _run(flow)
    assert _completed(events) == ["signal", "trade"]
    assert _output(events) == "filled BUY"


async def test_a_false_condition_skips_the_step_saying_why() -> None:
    flow = _flow(
        [
            {"id": "signal", "agent": "analyst"},
            {
                "id": "trade",
                "tool": "place_order",
                "arguments": {"side": "{steps.signal}"},
                "depends_on": ["signal"],
                "when": {"step": "signal", "contains": "BUY"},
            },
        ],
        agents=[_agent("analyst", ["HOLD"])],
        tools=[place_order],
    )
    events = await _run(flow)
    assert _skipped(events) == {"trade": "its condition is false: signal contains 'BUY'"}
    assert _output(events) == "HOLD"
    assert events[-1].reason == "completed 1 of 2 steps (1 skipped)"  # type: ignore[union-attr]


async def test_a_step_whose_dependency_was_skipped_is_skipped_too() -> None:
    flow = _flow(
        [
            {"id": "signal", "agent": "analyst"},
            {
                "id": "trade",
                "agent": "trader",
                "depends_on": ["signal"],
                "when": {"step": "signal", "contains": "BUY"},
            },
            {"id": "report", "agent": "trader", "depends_on": ["trade"]},
            {"id": "audit", "agent": "trader", "depends_on": ["signal"]},
        ],
        agents=[_agent("analyst", ["HOLD"]), _agent("trader", ["audited"])],
    )
    events = await _run(flow)
    assert _skipped(events)["report"] == "it depends on 'trade', which was skipped"
    assert _completed(events) == ["signal", "audit"]


async def test_a_loop_runs_again_until_its_condition_clears() -> None:
    coder = ScriptedModel(["v1", "v2"])
    flow = _flow(
        [
            {"id": "code", "agent": "coder", "prompt": "{task}; feedback: {steps.validate}"},
            {
                "id": "validate",
                "tool": "check",
                "arguments": {"code": "{steps.code}"},
                "depends_on": ["code"],
                "repeat": {"from": "code", "while": {"step": "validate", "contains": "FAIL"}},
            },
            {"id": "ship", "agent": "shipper", "depends_on": ["validate"]},
        ],
        agents=[Agent.define("coder", model=coder), _agent("shipper", ["shipped"])],
        tools=[check],
    )
    events = await _run(flow, "write it")
    assert _started(events) == [
        ("code", 1),
        ("validate", 1),
        ("code", 2),
        ("validate", 2),
        ("ship", 1),
    ]
    assert [r.messages[-1].content for r in coder.requests] == [
        "write it; feedback: ",
        "write it; feedback: FAIL",
    ]
    assert _output(events) == "shipped"


async def test_a_loop_stops_after_its_max_rounds() -> None:
    flow = _flow(
        [
            {"id": "code", "agent": "coder"},
            {
                "id": "validate",
                "tool": "check",
                "arguments": {"code": "{steps.code}"},
                "depends_on": ["code"],
                "repeat": {
                    "from": "code",
                    "while": {"step": "validate", "contains": "FAIL"},
                    "max": 2,
                },
            },
        ],
        agents=[_agent("coder", ["v1", "v1", "v1"])],
        tools=[check],
    )
    events = await _run(flow)
    assert [step for step, _ in _started(events)] == ["code", "validate"] * 3
    assert _output(events) == "FAIL"


async def test_a_step_outside_a_loop_sees_its_last_round() -> None:
    docs = ScriptedModel(["documented"])
    flow = _flow(
        [
            {"id": "code", "agent": "coder"},
            {"id": "docs", "agent": "writer", "depends_on": ["code"]},
            {
                "id": "validate",
                "tool": "check",
                "arguments": {"code": "{steps.code}"},
                "depends_on": ["code"],
                "repeat": {"from": "code", "while": {"step": "validate", "contains": "FAIL"}},
            },
        ],
        agents=[_agent("coder", ["v1", "v2"]), Agent.define("writer", model=docs)],
        tools=[check],
    )
    events = await _run(flow, "t")
    assert [step for step, _ in _started(events)][-1] == "docs"
    assert docs.requests[0].messages[-1].content.endswith("v2")


async def test_an_approval_gate_waits_for_the_decision_then_goes_on() -> None:
    asked, release = asyncio.Event(), asyncio.Event()

    class Person:
        async def decide(self, request: ApprovalRequest) -> ApprovalDecision:
            asked.set()
            await release.wait()
            return ApprovalDecision(granted=True, by="alice", comment="go")

    flow = _flow(
        [
            {"id": "signal", "agent": "analyst"},
            {
                "id": "gate",
                "approval": {"prompt": "Execute {steps.signal}?"},
                "depends_on": ["signal"],
            },
            {
                "id": "trade",
                "tool": "place_order",
                "arguments": {"side": "{steps.signal}"},
                "depends_on": ["gate"],
            },
        ],
        agents=[_agent("analyst", ["BUY"])],
        tools=[place_order],
        approver=Person(),
    )
    seen: list[Event] = []

    async def consume() -> None:
        async for event in flow.run("t"):
            seen.append(event)

    running = asyncio.create_task(consume())
    await asyncio.wait_for(asked.wait(), 5)
    assert "trade" not in [step for step, _ in _started(seen)]
    release.set()
    await asyncio.wait_for(running, 5)
    request = next(e for e in seen if isinstance(e, ApprovalRequested))
    assert request.prompt == "Execute BUY?"
    assert request.details["inputs"] == {"signal": "BUY"}
    assert [e.kind for e in seen if e.kind.startswith("approval")] == [
        "approval.requested",
        "approval.decided",
    ]
    assert _output(seen) == "filled BUY"


async def test_an_approval_id_names_the_run_and_the_step() -> None:
    approver = ScriptedApprover([True, True])
    flow = _flow(
        [
            {"id": "a", "approval": {"prompt": "first?"}},
            {"id": "b", "approval": {"prompt": "second?"}, "depends_on": ["a"]},
        ],
        approver=approver,
    )
    events = await _run(flow, run_id="r1")
    assert [r.approval_id for r in approver.requests] == ["r1:a:2", "r1:b:6"]
    assert _output(events) == "approved by script"


async def test_an_approval_id_is_unique_when_a_loop_asks_again() -> None:
    again = ApprovalDecision(granted=True, by="bob", comment="again")
    approver = ScriptedApprover([again, True])
    flow = _flow(
        [
            {
                "id": "gate",
                "approval": {"prompt": "ok?"},
                "repeat": {"from": "gate", "while": {"step": "gate", "equals": "again"}},
            }
        ],
        approver=approver,
    )
    events = await _run(flow)
    ids = [r.approval_id for r in approver.requests]
    assert len(set(ids)) == 2
    assert _started(events) == [("gate", 1), ("gate", 2)]


async def test_a_denied_approval_fails_the_workflow() -> None:
    decision = ApprovalDecision(granted=False, by="alice", comment="too risky")
    flow = _flow(
        [
            {"id": "gate", "approval": {"prompt": "Trade?"}},
            {
                "id": "trade",
                "tool": "place_order",
                "arguments": {"side": "BUY"},
                "depends_on": ["gate"],
            },
        ],
        tools=[place_order],
        approver=ScriptedApprover([decision]),
    )
    events = await _run(flow)
    failed = _failure(events)
    assert failed.error_type == "ApprovalDenied"
    assert failed.error == "workflow 'flow' failed at step 'gate': denied by alice: too risky"
    assert _failed(events) == [("gate", "fail")]
    assert "trade" not in [step for step, _ in _started(events)]


async def test_with_nobody_to_ask_the_gate_denies_saying_how_to_decide() -> None:
    flow = _flow([{"id": "gate", "approval": {"prompt": "Trade?"}}], approver=DenyingApprover())
    failed = _failure(await _run(flow))
    assert "failed at step 'gate': denied by system" in failed.error
    assert "nobody was there to approve 'gate'" in failed.error


async def test_a_denied_gate_with_skip_policy_skips_it_and_what_depends_on_it() -> None:
    flow = _flow(
        [
            {"id": "gate", "approval": {"prompt": "Trade?"}, "on_failure": "skip"},
            {
                "id": "trade",
                "tool": "place_order",
                "arguments": {"side": "B"},
                "depends_on": ["gate"],
            },
        ],
        tools=[place_order],
        approver=ScriptedApprover([False]),
    )
    events = await _run(flow)
    assert _skipped(events) == {
        "gate": "it failed and on_failure is skip: denied by script",
        "trade": "it depends on 'gate', which was skipped",
    }
    assert _output(events) == ""


async def test_an_sla_breach_retries_on_the_backup_agent() -> None:
    slow = _agent("slow", [call("nap", seconds=1.0)], tools=[nap])
    flow = _flow(
        [
            {
                "id": "answer",
                "agent": "slow",
                "timeout_s": 0.05,
                "escalation": {"action": "retry_on", "agent": "backup"},
            }
        ],
        agents=[slow, _agent("backup", ["backup answer"])],
    )
    events = await _run(flow)
    breach = next(e for e in events if isinstance(e, SlaBreached))
    assert (breach.step, breach.timeout_s, breach.escalation) == ("answer", 0.05, "retry_on backup")
    assert _failed(events) == [("answer", "escalate")]
    assert _started(events) == [("answer", 1), ("answer", 2)]
    turns = [e.author for e in events if isinstance(e, TurnStarted)]
    assert turns == ["flow/slow", "flow/backup"]
    assert _output(events) == "backup answer"


async def test_an_sla_breach_asks_the_approver_and_retries_on_a_grant() -> None:
    approver = ScriptedApprover([True])
    flow = _flow(
        [
            {
                "id": "fetch",
                "tool": "fetch",
                "timeout_s": 0.05,
                "escalation": {"action": "ask_approver"},
            }
        ],
        tools=[_counter_tool("fetch", [1.0, "data"])],
        approver=approver,
    )
    events = await _run(flow)
    assert approver.requests[0].prompt == "Step 'fetch' ran past its SLA of 0.05s. Run it again?"
    assert _started(events) == [("fetch", 1), ("fetch", 2)]
    assert _output(events) == "data"


async def test_an_sla_breach_the_approver_declines_fails_the_workflow() -> None:
    flow = _flow(
        [
            {
                "id": "fetch",
                "tool": "fetch",
                "timeout_s": 0.05,
                "escalation": {"action": "ask_approver"},
            }
        ],
        tools=[_counter_tool("fetch", [1.0])],
        approver=ScriptedApprover([False]),
    )
    failed = _failure(await _run(flow))
    assert failed.error_type == "ApprovalDenied"
    assert "step 'fetch': ran past its SLA of 0.05s and script declined" in failed.error


async def test_an_sla_breach_with_fail_escalation_fails_the_workflow() -> None:
    flow = _flow(
        [{"id": "fetch", "tool": "fetch", "timeout_s": 0.05}],
        tools=[_counter_tool("fetch", [1.0])],
    )
    events = await _run(flow)
    breach = next(e for e in events if isinstance(e, SlaBreached))
    assert breach.escalation == "fail"
    assert _failure(events).error == (
        "workflow 'flow' failed at step 'fetch': ran past its SLA of 0.05s; "
        "raise timeout_s or set an escalation"
    )


async def test_a_second_breach_after_escalating_fails_the_workflow() -> None:
    flow = _flow(
        [
            {
                "id": "fetch",
                "tool": "fetch",
                "timeout_s": 0.05,
                "escalation": {"action": "ask_approver"},
            }
        ],
        tools=[_counter_tool("fetch", [1.0, 1.0])],
        approver=ScriptedApprover([True]),
    )
    events = await _run(flow)
    assert [e.escalation for e in events if isinstance(e, SlaBreached)] == ["ask_approver", "fail"]
    assert "again after escalating" in _failure(events).error


async def test_a_failed_step_is_retried_until_it_succeeds() -> None:
    flaky = _counter_tool("flaky", [RuntimeError("down"), RuntimeError("down"), "ok"])
    flow = _flow(
        [{"id": "call", "tool": "flaky", "on_failure": "retry", "retries": 2}], tools=[flaky]
    )
    events = await _run(flow)
    assert _failed(events) == [("call", "retry"), ("call", "retry")]
    assert _started(events) == [("call", 1), ("call", 2), ("call", 3)]
    failure = next(e for e in events if isinstance(e, StepFailed))
    assert failure.error == "tool 'flaky' failed: RuntimeError: down"
    assert _output(events) == "ok"


async def test_a_step_that_keeps_failing_fails_after_its_retries() -> None:
    flaky = _counter_tool("flaky", [RuntimeError("down"), RuntimeError("down")])
    flow = _flow(
        [{"id": "call", "tool": "flaky", "on_failure": "retry", "retries": 1}], tools=[flaky]
    )
    events = await _run(flow)
    assert _failed(events) == [("call", "retry"), ("call", "fail")]
    assert _failure(events).error_type == "ToolFailed"


async def test_skip_policy_skips_a_failed_step_and_the_run_goes_on() -> None:
    flow = _flow(
        [
            {"id": "first", "agent": "a"},
            {"id": "broken", "tool": "flaky", "on_failure": "skip", "depends_on": ["first"]},
            {"id": "after", "agent": "a", "depends_on": ["broken"]},
        ],
        agents=[_agent("a", ["A"])],
        tools=[_counter_tool("flaky", [RuntimeError("down")])],
    )
    events = await _run(flow)
    assert _failed(events) == [("broken", "skip")]
    assert set(_skipped(events)) == {"broken", "after"}
    assert _output(events) == "A"


async def test_fail_policy_fails_the_run_naming_the_step() -> None:
    flow = _flow(
        [{"id": "broken", "tool": "flaky"}], tools=[_counter_tool("flaky", [RuntimeError("down")])]
    )
    events = await _run(flow)
    assert _failed(events) == [("broken", "fail")]
    failed = _failure(events)
    assert (
        failed.error
        == "workflow 'flow' failed at step 'broken': tool 'flaky' failed: RuntimeError: down"
    )
    assert failed.error_type == "ToolFailed"


async def test_an_output_missing_its_success_criteria_is_a_failure() -> None:
    flow = _flow(
        [{"id": "review", "agent": "critic", "success": {"contains": ["APPROVED"]}}],
        agents=[_agent("critic", ["needs work"])],
    )
    failed = _failure(await _run(flow))
    assert failed.error == (
        "workflow 'flow' failed at step 'review': its output misses the success criterion "
        "contains 'APPROVED'"
    )


async def test_success_criteria_with_retry_try_again() -> None:
    flow = _flow(
        [
            {
                "id": "review",
                "agent": "critic",
                "success": {"matches": "^APPROVED"},
                "on_failure": "retry",
            }
        ],
        agents=[_agent("critic", ["needs work", "APPROVED with notes"])],
    )
    events = await _run(flow)
    assert _failed(events) == [("review", "retry")]
    assert _output(events) == "APPROVED with notes"


async def test_a_failing_agent_fails_the_step() -> None:
    flow = _flow([{"id": "a", "agent": "mute"}], agents=[_agent("mute", [])])
    failed = _failure(await _run(flow))
    assert failed.error_type == "ScriptExhausted"
    assert failed.error.startswith("workflow 'flow' failed at step 'a': ")


async def test_a_failure_stops_the_other_running_branches() -> None:
    flow = _flow(
        [
            {"id": "slow", "tool": "nap", "arguments": {"seconds": 5}},
            {"id": "bad", "tool": "flaky"},
        ],
        tools=[nap, _counter_tool("flaky", [RuntimeError("down")])],
    )
    log = InMemoryRunLog()
    events = await _run(flow, log=log)
    assert _failure(events).error.startswith("workflow 'flow' failed at step 'bad'")
    assert "slow" not in _completed(events)
    stored = await read_all(log, events[0].run_id)
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert [e for e in events if e.durable] == stored


async def test_closing_the_stream_early_stops_the_running_steps() -> None:
    started = asyncio.Event()

    async def hang() -> str:
        started.set()
        await asyncio.sleep(60)
        return "never"

    flow = _flow(
        [{"id": "a", "tool": "hang"}, {"id": "b", "tool": "hang"}], tools=[Tool(hang, name="hang")]
    )
    async with asyncio.timeout(5), contextlib.aclosing(flow.run("t")) as stream:
        async for event in stream:
            if event.kind == "tool.requested":
                break
    assert started.is_set()
    for _n in range(20):  # the closed generators are finalised on the next loop passes
        if not [t for t in asyncio.all_tasks() if t.get_name().startswith("flow:")]:
            break
        await asyncio.sleep(0)
    assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("flow:")]


async def test_streamed_steps_pass_on_their_deltas() -> None:
    flow = _flow(
        [{"id": "a", "agent": "x"}, {"id": "b", "agent": "y"}],
        agents=[_agent("x", ["hello there"]), _agent("y", ["hi"])],
    )
    events = await _run(flow, stream=True)
    assert {e.author for e in events if e.kind == "message.delta"} == {"flow/x", "flow/y"}


async def test_parallel_steps_keep_the_log_contiguous() -> None:
    log = InMemoryRunLog()
    flow = _flow(
        [
            {"id": "a", "agent": "x"},
            {"id": "b", "agent": "y"},
            {"id": "c", "tool": "nap", "arguments": {"seconds": 0.01}},
            {"id": "d", "agent": "x", "depends_on": ["a", "b", "c"]},
        ],
        agents=[_agent("x", ["x1", "x2"]), _agent("y", ["y1"])],
        tools=[nap],
    )
    events = await _run(flow, log=log)
    stored = await read_all(log, events[0].run_id)
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert [e for e in events if e.durable] == stored


async def test_a_team_can_be_the_agent_of_a_step() -> None:
    review = RoundRobinTeam("review", [_agent("critic", ["too long"]), _agent("editor", ["cut"])])
    flow = _flow(
        [
            {"id": "draft", "agent": "writer"},
            {"id": "edit", "agent": "review", "depends_on": ["draft"]},
        ],
        agents=[_agent("writer", ["draft"]), review],
    )
    events = await _run(flow)
    turns = [e.author for e in events if isinstance(e, TurnStarted)]
    assert turns == ["flow/writer", "flow/review", "flow/review/critic", "flow/review/editor"]
    assert _output(events) == "cut"


async def test_a_workflow_nested_in_a_workflow_keeps_one_numbering() -> None:
    inner = GraphWorkflow(
        "inner",
        GraphSpec.from_data(
            [
                {"id": "p", "agent": "x"},
                {"id": "q", "agent": "y"},
                {"id": "r", "tool": "nap", "arguments": {"seconds": 0}},
            ]
        ),
        agents={"x": _agent("x", ["X"]), "y": _agent("y", ["Y"])},
        tools={"nap": nap},
    )
    outer = _flow(
        [{"id": "first", "agent": "inner"}, {"id": "side", "agent": "z"}],
        agents=[inner, _agent("z", ["Z"])],
    )
    log = InMemoryRunLog()
    events = await _run(outer, log=log)
    stored = await read_all(log, events[0].run_id)
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert [e for e in events if e.durable] == stored
    assert isinstance(events[-1], RunCompleted)


async def test_templates_read_what_agents_shared_in_the_context() -> None:
    reader = ScriptedModel(["ok"])
    flow = _flow(
        [
            {"id": "pick", "agent": "researcher"},
            {
                "id": "use",
                "agent": "reader",
                "depends_on": ["pick"],
                "prompt": "Buy {context.researcher.pick}",
            },
        ],
        agents=[
            _agent("researcher", [call("share_finding", key="pick", value="AAPL"), "picked"]),
            Agent.define("reader", model=reader),
        ],
        share_context=True,
    )
    events = await _run(flow)
    assert reader.requests[0].messages[-1].content == "Buy AAPL"
    assert "context.written" in [e.kind for e in events]


async def test_workflow_agents_get_no_context_tools_unless_asked() -> None:
    model = ScriptedModel(["done"])
    flow = _flow([{"id": "only", "agent": "solo"}], agents=[Agent.define("solo", model=model)])
    await _run(flow)
    assert [tool.name for tool in model.requests[0].tools] == []


async def test_a_workflow_of_tools_alone_needs_no_agents() -> None:
    flow = _flow(
        [{"id": "order", "tool": "place_order", "arguments": {"side": "{task}"}}],
        tools=[place_order],
    )
    assert flow.members == {}
    assert _output(await _run(flow, "SELL")) == "filled SELL"


async def test_a_tool_that_requires_approval_asks_before_it_runs() -> None:
    @tool(requires_approval=True)
    def launch(target: str) -> str:
        """Launch."""
        return f"launched {target}"

    approver = ScriptedApprover([True])
    flow = _flow(
        [{"id": "go", "tool": "launch", "arguments": {"target": "moon"}}],
        tools=[launch],
        approver=approver,
    )
    events = await _run(flow)
    assert approver.requests[0].details == {"target": "moon"}
    assert _output(events) == "launched moon"


async def test_the_turn_cap_stops_the_workflow_and_skips_the_rest() -> None:
    flow = _flow(
        [{"id": "a", "agent": "x"}, {"id": "b", "agent": "x", "depends_on": ["a"]}],
        agents=[_agent("x", ["X"])],
        max_turns=1,
    )
    events = await _run(flow)
    assert _skipped(events) == {"b": "the workflow stopped: reached the cap of 1 turns"}
    assert events[-1].reason == "reached the cap of 1 turns"  # type: ignore[union-attr]


async def test_the_output_is_the_last_completed_step_in_spec_order() -> None:
    flow = _flow(
        [
            {"id": "late", "tool": "nap", "arguments": {"seconds": 0.02}},
            {"id": "early", "agent": "x"},
        ],
        agents=[_agent("x", ["fast"])],
        tools=[nap],
    )
    events = await _run(flow)
    assert _completed(events) == ["early", "late"]
    assert _output(events) == "fast"


def test_an_unknown_agent_is_named_with_a_suggestion() -> None:
    with pytest.raises(UnknownName, match="unknown agent 'reseacher'; did you mean 'researcher'"):
        _flow([{"id": "a", "agent": "reseacher"}], agents=[_agent("researcher", [])])


def test_an_unknown_tool_is_named() -> None:
    with pytest.raises(UnknownName, match="unknown tool 'deploy'"):
        _flow([{"id": "a", "tool": "deploy"}])


def test_the_participants_are_the_agents_the_steps_use() -> None:
    flow = _flow(
        [
            {
                "id": "a",
                "agent": "x",
                "timeout_s": 1,
                "escalation": {"action": "retry_on", "agent": "y"},
            }
        ],
        agents=[_agent("x", []), _agent("y", []), _agent("unused", [])],
    )
    assert list(flow.members) == ["x", "y"]
