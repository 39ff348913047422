from __future__ import annotations

import pytest

from conclave import Agent, InMemoryRunLog, RunCompleted, ScriptedModel
from conclave.engine.events import Event, HandoffOccurred, TurnStarted
from conclave.engine.models.scripted import ScriptItem, call
from conclave.engine.runlog import read_all
from conclave.engine.teams import MaxTurns, RoundRobinTeam, TextMention
from conclave.engine.teams.swarm import SwarmTeam
from conclave.errors import SpecError


def _agent(name: str, script: list[ScriptItem], **fields: object) -> Agent:
    return Agent.define(name, model=ScriptedModel(script), description=f"the {name}", **fields)


async def _run(team: SwarmTeam, task: str = "I was charged twice", **kw: object) -> list[Event]:
    return [event async for event in team.run(task, **kw)]  # type: ignore[arg-type]


def _speakers(events: list[Event]) -> list[str]:
    return [e.author for e in events if isinstance(e, TurnStarted)]


def _handoffs(events: list[Event]) -> list[tuple[str, str, str]]:
    return [(e.source, e.target, e.reason) for e in events if isinstance(e, HandoffOccurred)]


def _done(events: list[Event]) -> RunCompleted:
    assert isinstance(events[-1], RunCompleted), events[-1]
    return events[-1]


def _tool_names(agent: object) -> set[str]:
    assert isinstance(agent, Agent)
    return {name for name in agent.blueprint.tools if name.startswith("transfer_to_")}


async def test_triage_hands_to_billing_which_answers() -> None:
    triage = _agent(
        "triage", [call("transfer_to_billing", reason="a billing question"), "One moment."]
    )
    billing = _agent("billing", ["I refunded the second charge."])
    team = SwarmTeam("support", [triage, billing])
    events = await _run(team)
    assert _speakers(events) == ["support/triage", "support/billing"]
    assert _handoffs(events) == [("triage", "billing", "a billing question")]
    done = _done(events)
    assert done.output == "I refunded the second charge."
    assert done.reason == "answered"


async def test_the_handoff_event_comes_between_the_two_turns() -> None:
    triage = _agent("triage", [call("transfer_to_billing"), "One moment."])
    team = SwarmTeam("support", [triage, _agent("billing", ["Done."])])
    events = await _run(team)
    kinds = [e.kind for e in events if e.kind in ("turn.started", "handoff")]
    assert kinds == ["turn.started", "handoff", "turn.started"]


async def test_a_chain_of_handoffs_passes_the_turn_along() -> None:
    team = SwarmTeam(
        "support",
        [
            _agent("triage", [call("transfer_to_billing", reason="money"), "ok"]),
            _agent("billing", [call("transfer_to_refunds", reason="a refund"), "ok"]),
            _agent("refunds", ["Refund issued."]),
        ],
    )
    events = await _run(team)
    assert _speakers(events) == ["support/triage", "support/billing", "support/refunds"]
    assert _handoffs(events) == [("triage", "billing", "money"), ("billing", "refunds", "a refund")]
    assert _done(events).output == "Refund issued."


async def test_start_chooses_who_speaks_first() -> None:
    team = SwarmTeam("support", [_agent("triage", []), _agent("billing", ["Hi."])], start="billing")
    events = await _run(team)
    assert _speakers(events) == ["support/billing"]


async def test_handing_off_to_the_user_stops_the_run() -> None:
    triage = _agent(
        "triage", [call("transfer_to_user", reason="need the invoice number"), "Please send it."]
    )
    team = SwarmTeam("support", [triage, _agent("billing", [])])
    events = await _run(team)
    assert _speakers(events) == ["support/triage"]
    assert _handoffs(events) == [("triage", "user", "need the invoice number")]
    done = _done(events)
    assert done.reason == "handed off to the user"
    assert done.output == "Please send it."


async def test_the_last_of_several_handoffs_in_one_turn_wins() -> None:
    triage = _agent(
        "triage", [call("transfer_to_billing"), call("transfer_to_refunds"), "Passing on."]
    )
    team = SwarmTeam("support", [triage, _agent("billing", []), _agent("refunds", ["Refunded."])])
    events = await _run(team)
    assert _speakers(events) == ["support/triage", "support/refunds"]


async def test_the_last_of_several_handoffs_in_one_reply_wins() -> None:
    triage = _agent(
        "triage", [[call("transfer_to_billing"), call("transfer_to_refunds")], "Passing on."]
    )
    team = SwarmTeam("support", [triage, _agent("billing", []), _agent("refunds", ["Refunded."])])
    events = await _run(team)
    assert _speakers(events) == ["support/triage", "support/refunds"]


async def test_the_handoff_tool_result_names_the_target() -> None:
    model = ScriptedModel([call("transfer_to_billing"), "One moment."])
    team = SwarmTeam("support", [Agent.define("triage", model=model), _agent("billing", ["ok"])])
    await _run(team)
    tool_messages = [m.content for m in model.requests[1].messages if m.role == "tool"]
    assert tool_messages == ["handed off to billing"]


async def test_every_agent_may_hand_to_every_other_member_and_the_user() -> None:
    team = SwarmTeam("support", [_agent("a", []), _agent("b", []), _agent("c", [])])
    assert _tool_names(team.members["a"]) == {
        "transfer_to_b",
        "transfer_to_c",
        "transfer_to_user",
    }


async def test_spec_handoffs_restrict_the_tools_an_agent_gets() -> None:
    team = SwarmTeam(
        "support",
        [_agent("triage", [], handoffs=["billing"]), _agent("billing", []), _agent("refunds", [])],
    )
    assert _tool_names(team.members["triage"]) == {"transfer_to_billing", "transfer_to_user"}
    assert "transfer_to_refunds" in _tool_names(team.members["billing"])


async def test_the_agent_is_told_about_its_handoff_targets() -> None:
    model = ScriptedModel(["Hi."])
    triage = Agent.define("triage", model=model)
    team = SwarmTeam("support", [triage, _agent("billing", [])])
    await _run(team)
    system = model.requests[0].messages[0].content
    assert "- billing: the billing" in system
    assert {t.name for t in model.requests[0].tools} >= {"transfer_to_billing", "transfer_to_user"}


def test_an_unknown_handoff_target_is_a_spec_error_with_a_suggestion() -> None:
    with pytest.raises(SpecError, match=r"'triage'.*'biling'.*did you mean 'billing'"):
        SwarmTeam("support", [_agent("triage", [], handoffs=["biling"]), _agent("billing", [])])


def test_an_unknown_start_is_a_spec_error_with_a_suggestion() -> None:
    with pytest.raises(SpecError, match="did you mean 'triage'"):
        SwarmTeam("support", [_agent("triage", []), _agent("billing", [])], start="triag")


def test_a_member_named_user_is_refused() -> None:
    with pytest.raises(SpecError, match="transfer_to_user"):
        SwarmTeam("support", [_agent("triage", []), _agent("user", [])])


async def test_the_turn_cap_stops_a_ping_pong() -> None:
    ping = _agent("ping", [call("transfer_to_pong"), "ok"] * 3)
    pong = _agent("pong", [call("transfer_to_ping"), "ok"] * 3)
    team = SwarmTeam("table", [ping, pong], max_turns=4)
    events = await _run(team)
    assert _speakers(events) == ["table/ping", "table/pong", "table/ping", "table/pong"]
    assert _done(events).reason == "reached the cap of 4 turns"


async def test_a_termination_stops_a_ping_pong() -> None:
    ping = _agent("ping", [call("transfer_to_pong"), "ok"] * 3)
    pong = _agent("pong", [call("transfer_to_ping"), "ok"] * 3)
    team = SwarmTeam("table", [ping, pong], termination=MaxTurns(3))
    events = await _run(team)
    assert _speakers(events) == ["table/ping", "table/pong", "table/ping"]
    assert _done(events).reason == "reached 3 turns"


async def test_a_text_termination_applies_between_handoffs() -> None:
    ping = _agent("ping", [call("transfer_to_pong"), "DONE"])
    team = SwarmTeam(
        "table", [ping, _agent("pong", [])], termination=TextMention("DONE") | MaxTurns(9)
    )
    events = await _run(team)
    assert _speakers(events) == ["table/ping"]
    assert _done(events).reason == "ping said DONE"


async def test_a_nested_team_can_be_handed_to_and_just_answers() -> None:
    inner = RoundRobinTeam("experts", [_agent("lawyer", ["It is legal."])])
    triage = _agent("triage", [call("transfer_to_experts", reason="legal"), "One moment."])
    team = SwarmTeam("support", [triage, inner])
    events = await _run(team)
    assert _speakers(events) == ["support/triage", "support/experts", "support/experts/lawyer"]
    done = _done(events)
    assert done.output == "It is legal."
    assert done.reason == "answered"


async def test_the_handoff_tool_outside_a_swarm_turn_is_an_error() -> None:
    team = SwarmTeam("support", [_agent("a", []), _agent("b", [])])
    agent = team.members["a"]
    assert isinstance(agent, Agent)
    result = await agent.blueprint.tools["transfer_to_b"].run({})
    assert result.is_error
    assert "only during a turn" in result.content


async def test_a_swarm_run_is_logged_contiguously() -> None:
    log = InMemoryRunLog()
    team = SwarmTeam(
        "support", [_agent("triage", [call("transfer_to_billing"), "ok"]), _agent("billing", ["x"])]
    )
    events = await _run(team, log=log)
    stored = await read_all(log, events[0].run_id)
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert [e for e in events if e.durable] == stored
