from __future__ import annotations

from pathlib import Path

import pytest

from conclave import AgentFactory, AgentSpec, ScriptedModel, SpecError, UnknownName
from conclave.engine.agents import Agent
from conclave.engine.approvals import DenyingApprover, ScriptedApprover
from conclave.engine.messages import Message
from conclave.engine.team_specs import TeamFactory, TeamSpec, load_specs
from conclave.engine.teams import (
    AllOf,
    AnyOf,
    CostBudget,
    HandoffToUser,
    MaxMessages,
    MaxTurns,
    RoundRobinTeam,
    TeamState,
    TextMention,
    Timeout,
    TokenBudget,
)
from conclave.engine.tools import tool

STEPS = """
name: pipeline
kind: graph
steps:
  - {id: research, agent: researcher}
  - {id: count, tool: shout_text, arguments: {text: "{steps.research}"}, depends_on: [research]}
  - {id: write, agent: writer, depends_on: [count]}
"""


@tool
def shout_text(text: str) -> str:
    """Upper-case a text."""
    return text.upper()


def team(text: str, *, source: str = "team.yaml") -> TeamSpec:
    return TeamSpec.from_text(text, source=source)


def rr(name: str, *participants: str, extra: str = "") -> TeamSpec:
    return team(
        f"name: {name}\nkind: round_robin\nparticipants: [{', '.join(participants)}]\n{extra}"
    )


def agent_specs(*names: str) -> dict[str, AgentSpec]:
    return {name: AgentSpec(name=name, description=f"the {name}") for name in names}


def factory(
    *teams: TeamSpec, agents: tuple[str, ...] = ("researcher", "writer", "boss")
) -> TeamFactory:
    return TeamFactory(
        AgentFactory(tools=[shout_text]),
        agent_specs(*agents),
        {spec.name: spec for spec in teams},
    )


def state(**fields: object) -> TeamState:
    return TeamState(task="t", **fields)  # type: ignore[arg-type]


# --- parsing and validation ---------------------------------------------------------------


def test_round_robin_spec_loads_with_defaults() -> None:
    spec = rr("duo", "researcher", "writer")
    assert spec.kind == "round_robin"
    assert spec.participants == ("researcher", "writer")
    assert spec.max_turns == 50
    assert spec.termination_condition is None


def test_unknown_field_names_the_file_and_field() -> None:
    with pytest.raises(SpecError, match=r"team\.yaml: particpants: unknown field"):
        team("name: t\nkind: round_robin\nparticpants: [a]\n")


def test_unknown_kind_lists_the_kinds() -> None:
    with pytest.raises(SpecError, match="kind: Input should be 'round_robin'"):
        team("name: t\nkind: roundrobin\nparticipants: [a]\n")


def test_participants_are_required_for_every_kind_but_graph() -> None:
    with pytest.raises(SpecError, match="participants: a selector team needs at least one"):
        team("name: t\nkind: selector\n")


def test_a_participant_listed_twice_is_an_error() -> None:
    with pytest.raises(SpecError, match="participants: 'a' is listed twice"):
        rr("t", "a", "b", "a")


def test_a_participant_name_must_be_a_valid_name() -> None:
    with pytest.raises(SpecError, match=r"participants\.0: use lower-case letters"):
        rr("t", "Bad Name")


def test_a_graph_team_names_its_agents_in_steps_not_participants() -> None:
    with pytest.raises(SpecError, match="participants: a graph team names its agents in its steps"):
        team("name: t\nkind: graph\nparticipants: [a]\nsteps: [{id: a, agent: a}]\n")


def test_a_graph_team_needs_steps() -> None:
    with pytest.raises(SpecError, match="steps: a graph team needs steps"):
        team("name: t\nkind: graph\n")


def test_only_graph_teams_have_steps() -> None:
    with pytest.raises(SpecError, match="steps: only graph teams have steps"):
        rr("t", "a", extra="steps: [{id: a, agent: a}]\n")


@pytest.mark.parametrize(
    ("section", "body"),
    [("selector", "{allow_repeat: true}"), ("swarm", "{start: a}"), ("coordinator", "{agent: c}")],
)
def test_a_section_is_only_for_its_own_kind(section: str, body: str) -> None:
    with pytest.raises(SpecError, match=f"{section}: only {section} teams take this section"):
        rr("t", "a", extra=f"{section}: {body}\n")


def test_a_coordinator_team_needs_its_coordinator() -> None:
    with pytest.raises(SpecError, match=r"coordinator: name the coordinating agent"):
        team("name: t\nkind: coordinator\nparticipants: [a]\n")


def test_the_coordinator_cannot_also_be_a_participant() -> None:
    with pytest.raises(SpecError, match=r"coordinator\.agent: 'a' is also a participant"):
        team("name: t\nkind: coordinator\nparticipants: [a, b]\ncoordinator: {agent: a}\n")


def test_swarm_start_must_be_a_participant_and_suggests_one() -> None:
    with pytest.raises(
        SpecError, match=r"swarm\.start: 'writter' is not a participant; did you mean"
    ):
        team("name: t\nkind: swarm\nparticipants: [writer, editor]\nswarm: {start: writter}\n")


def test_selector_weights_with_an_unknown_factor_name_the_field() -> None:
    with pytest.raises(SpecError, match=r"team\.yaml: selector\.weights: .*expertice"):
        team(
            "name: t\nkind: selector\nparticipants: [a, b]\nselector: {weights: {expertice: 0.5}}\n"
        )


def test_a_selector_model_must_be_a_model_string() -> None:
    with pytest.raises(
        SpecError, match=r"team\.yaml: selector\.model: model 'gpt-4o' names no provider"
    ):
        team("name: t\nkind: selector\nparticipants: [a]\nselector: {model: gpt-4o}\n")


def test_an_unknown_selector_option_is_named() -> None:
    with pytest.raises(SpecError, match=r"selector\.alow_repeat: unknown field"):
        team("name: t\nkind: selector\nparticipants: [a]\nselector: {alow_repeat: true}\n")


def test_graph_steps_are_validated_with_their_field_paths() -> None:
    with pytest.raises(SpecError, match=r"team\.yaml: .*steps\.0"):
        team("name: t\nkind: graph\nsteps: [{id: a, agent: a, colour: red}]\n")


def test_a_graph_spec_exposes_its_agents_and_tool_steps() -> None:
    spec = team(STEPS)
    assert spec.graph is not None
    assert spec.members == ("researcher", "writer")
    assert spec.step_tools == (("count", "shout_text"),)


def test_a_team_spec_must_be_a_mapping() -> None:
    with pytest.raises(SpecError, match="a team spec must be a mapping"):
        TeamSpec.from_data(["a"], source="team.yaml")


def test_from_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: t\nkind: round_robin\n")
    with pytest.raises(SpecError, match=r"bad\.yaml: participants"):
        TeamSpec.from_file(path)


# --- termination ---------------------------------------------------------------------------


def terminate(yaml_mapping: str) -> object:
    return rr("t", "a", extra=f"termination: {yaml_mapping}\n").termination_condition


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        ("{max_turns: 8}", MaxTurns(8)),
        ("{max_messages: 5}", MaxMessages(5)),
        ("{text: TERMINATE}", TextMention("TERMINATE")),
        ("{tokens: 1000}", TokenBudget(1000)),
        ("{cost_usd: 0.5}", CostBudget(0.5)),
        ("{timeout_s: 30}", Timeout(30.0)),
    ],
)
def test_each_termination_key_builds_its_condition(mapping: str, expected: object) -> None:
    assert terminate(mapping) == expected


def test_handoff_to_user_true_builds_its_condition() -> None:
    assert isinstance(terminate("{handoff_to_user: true}"), HandoffToUser)


def test_a_termination_mapping_stops_on_any_of_its_keys() -> None:
    condition = terminate("{max_turns: 8, text: TERMINATE}")
    assert condition == AnyOf((MaxTurns(8), TextMention("TERMINATE")))


def test_all_stops_only_when_every_condition_holds() -> None:
    condition = terminate("{all: [{max_turns: 2}, {max_messages: 3}]}")
    assert isinstance(condition, AllOf)
    assert condition.check(state(turns=2, messages=1)) is None
    assert condition.check(state(turns=2, messages=3)) == "reached 2 turns and reached 3 messages"


def test_any_and_all_compose() -> None:
    condition = terminate("{any: [{text: DONE}, {all: [{max_turns: 3}, {tokens: 10}]}]}")
    assert condition == AnyOf((TextMention("DONE"), AllOf((MaxTurns(3), TokenBudget(10)))))


def test_text_may_name_the_authors_it_listens_to() -> None:
    condition = terminate("{text: {text: APPROVE, authors: [reviewer]}}")
    assert condition == TextMention("APPROVE", ("reviewer",))
    said = Message.assistant("APPROVE", author="team/writer")
    assert condition is not None
    assert condition.check(state(last=said)) is None  # type: ignore[attr-defined]


def test_handoff_to_user_false_adds_no_condition() -> None:
    assert terminate("{max_turns: 4, handoff_to_user: false}") == MaxTurns(4)


def test_an_unknown_termination_key_suggests_the_right_one() -> None:
    with pytest.raises(
        SpecError,
        match=r"team\.yaml: termination\.max_turn: unknown condition; did you mean 'max_turns'",
    ):
        terminate("{max_turn: 4}")


def test_an_unknown_key_inside_a_group_is_named_by_its_path() -> None:
    with pytest.raises(SpecError, match=r"termination\.all\[1\]\.txt: unknown condition"):
        terminate("{all: [{max_turns: 2}, {txt: DONE}]}")


@pytest.mark.parametrize("value", ["0", "-1", "true", "many", "2.5"])
def test_a_turn_limit_must_be_a_whole_number_above_zero(value: str) -> None:
    with pytest.raises(SpecError, match=r"termination\.max_turns: use a whole number above 0"):
        terminate(f"{{max_turns: {value}}}")


def test_a_cost_limit_may_be_fractional_but_not_zero() -> None:
    assert terminate("{cost_usd: 0.25}") == CostBudget(0.25)
    with pytest.raises(SpecError, match=r"termination\.cost_usd: use a number above 0"):
        terminate("{cost_usd: 0}")


def test_a_group_must_be_a_non_empty_list() -> None:
    with pytest.raises(SpecError, match=r"termination\.any: use a non-empty list"):
        terminate("{any: []}")


def test_a_termination_with_no_condition_is_an_error() -> None:
    with pytest.raises(SpecError, match="termination: names no condition"):
        terminate("{handoff_to_user: false}")


def test_a_termination_must_be_a_mapping() -> None:
    with pytest.raises(SpecError, match="termination: Input should be a valid dictionary"):
        terminate("[max_turns]")


# --- load_specs ----------------------------------------------------------------------------


def test_load_specs_splits_agent_and_team_specs(tmp_path: Path) -> None:
    (tmp_path / "writer.yaml").write_text("name: writer\ndescription: writes\n")
    (tmp_path / "duo.yaml").write_text("name: duo\nkind: round_robin\nparticipants: [writer]\n")
    (tmp_path / "notes.txt").write_text("not a spec")
    agents, teams = load_specs(tmp_path)
    assert list(agents) == ["writer"]
    assert list(teams) == ["duo"]
    assert teams["duo"].participants == ("writer",)


def test_load_specs_rejects_a_team_defined_twice(tmp_path: Path) -> None:
    for file in ("a.yaml", "b.yaml"):
        (tmp_path / file).write_text("name: duo\nkind: round_robin\nparticipants: [w]\n")
    with pytest.raises(SpecError, match="'duo' is defined twice"):
        load_specs(tmp_path)


def test_load_specs_rejects_an_agent_and_a_team_of_one_name(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: duo\n")
    (tmp_path / "b.yaml").write_text("name: duo\nkind: round_robin\nparticipants: [w]\n")
    with pytest.raises(SpecError, match="'duo' is defined twice"):
        load_specs(tmp_path)


def test_load_specs_reports_the_file_of_a_bad_team(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("name: t\nkind: swarm\n")
    with pytest.raises(SpecError, match=r"bad\.yaml: participants"):
        load_specs(tmp_path)


# --- the factory ---------------------------------------------------------------------------


def test_factory_builds_a_round_robin_team_with_its_options() -> None:
    spec = rr("duo", "researcher", "writer", extra="description: d\ntermination: {max_turns: 3}\n")
    built = factory(spec).build("duo")
    assert isinstance(built, RoundRobinTeam)
    assert list(built.members) == ["researcher", "writer"]
    assert built.termination == MaxTurns(3)
    assert built.description == "d"


def test_factory_builds_a_selector_team_with_weights_and_a_model() -> None:
    from conclave.engine.teams.selector import SelectorTeam

    spec = team(
        "name: pick\nkind: selector\nparticipants: [researcher, writer]\n"
        "selector: {weights: {expertise: 1.0}, allow_repeat: true, model: offline}\n"
    )
    built = factory(spec).build("pick")
    assert isinstance(built, SelectorTeam)
    assert list(built.members) == ["researcher", "writer"]


def test_factory_builds_a_swarm_that_starts_where_the_spec_says() -> None:
    from conclave.engine.teams.swarm import SwarmTeam

    spec = team(
        "name: s\nkind: swarm\nparticipants: [researcher, writer]\nswarm: {start: writer}\n"
    )
    built = factory(spec).build("s")
    assert isinstance(built, SwarmTeam)
    assert built.start == "writer"


def test_factory_builds_a_coordinator_team_with_its_coordinator() -> None:
    from conclave.engine.teams.coordinator import CoordinatorTeam

    spec = team(
        "name: c\nkind: coordinator\nparticipants: [researcher, writer]\n"
        "coordinator: {agent: boss, max_subtasks: 3}\n"
    )
    built = factory(spec).build("c")
    assert isinstance(built, CoordinatorTeam)
    assert built.coordinator.name == "boss"
    assert built.max_subtasks == 3
    assert list(built.members) == ["researcher", "writer"]


def test_factory_builds_a_graph_workflow_with_its_agents_and_tools() -> None:
    from conclave.engine.teams.graph import GraphWorkflow

    built = factory(team(STEPS)).build("pipeline")
    assert isinstance(built, GraphWorkflow)
    assert sorted(built.members) == ["researcher", "writer"]


def test_a_graph_tool_step_naming_an_unknown_tool_suggests_one() -> None:
    spec = team(STEPS.replace("tool: shout_text", "tool: shout_txt"))
    with pytest.raises(UnknownName, match="unknown tool 'shout_txt'; did you mean 'shout_text'"):
        factory(spec).build("pipeline")


def test_a_nested_team_is_built_as_a_participant() -> None:
    inner = rr("inner", "researcher", "writer")
    outer = rr("outer", "inner", "boss")
    built = factory(inner, outer).build("outer")
    nested = built.members["inner"]
    assert isinstance(nested, RoundRobinTeam)
    assert list(nested.members) == ["researcher", "writer"]


async def test_a_nested_team_speaks_under_its_own_path() -> None:
    inner = rr("inner", "researcher", "writer")
    outer = rr("outer", "inner", "boss")
    built = factory(inner, outer).build("outer")
    events = [event async for event in built.run("plan a launch")]
    turns = [event.author for event in events if event.kind == "turn.started"]
    assert turns == ["outer/inner", "outer/inner/researcher", "outer/inner/writer", "outer/boss"]
    assert events[-1].kind == "run.completed"


def test_teams_that_contain_each_other_are_a_cycle() -> None:
    a = rr("a", "researcher", "b")
    b = rr("b", "writer", "a")
    with pytest.raises(SpecError, match="team a → b → a is a cycle"):
        factory(a, b).build("a")


def test_a_team_that_contains_itself_is_a_cycle() -> None:
    with pytest.raises(SpecError, match="team a → a is a cycle"):
        factory(rr("a", "writer", "a")).build("a")


def test_the_cycle_is_named_from_where_it_starts() -> None:
    top = rr("top", "a")
    a = rr("a", "b")
    b = rr("b", "a")
    with pytest.raises(SpecError, match="team a → b → a is a cycle"):
        factory(top, a, b).build("top")


def test_an_unknown_participant_suggests_the_closest_name() -> None:
    with pytest.raises(
        UnknownName, match=r"unknown agent or team 'reseacher'; did you mean 'researcher'\?"
    ):
        factory(rr("duo", "reseacher", "writer")).build("duo")


def test_an_unknown_team_suggests_the_closest_name() -> None:
    with pytest.raises(UnknownName, match=r"unknown team 'dou'; did you mean 'duo'\?"):
        factory(rr("duo", "writer")).build("dou")


def test_a_coordinator_must_be_an_agent_not_a_team() -> None:
    crew = rr("crew", "writer")
    spec = team(
        "name: c\nkind: coordinator\nparticipants: [researcher]\ncoordinator: {agent: crew}\n"
    )
    with pytest.raises(SpecError, match="needs an agent where it names team 'crew'"):
        factory(crew, spec).build("c")


def test_an_agent_and_a_team_of_one_name_are_refused() -> None:
    with pytest.raises(SpecError, match="'writer' names both an agent and a team"):
        factory(rr("writer", "researcher"))


def test_the_approver_reaches_nested_teams() -> None:
    approver = ScriptedApprover([True])
    built = factory(rr("inner", "writer"), rr("outer", "inner")).build("outer", approver=approver)
    nested = built.members["inner"]
    assert built.approver is approver
    assert isinstance(nested, RoundRobinTeam) and nested.approver is approver


def test_without_an_approver_requests_are_denied() -> None:
    built = factory(rr("duo", "writer")).build("duo")
    assert isinstance(built.approver, DenyingApprover)


def test_a_model_override_reaches_every_agent() -> None:
    model = ScriptedModel(["hi"], name="override")
    spec_agents = {"writer": AgentSpec(name="writer", model="openai:gpt-4o-mini")}
    teams = {"duo": rr("duo", "writer")}
    built = TeamFactory(AgentFactory(), spec_agents, teams, model=model).build("duo")
    writer = built.members["writer"]
    assert isinstance(writer, Agent)
    assert writer.blueprint.model is model


async def test_a_team_built_from_specs_runs_on_the_offline_model() -> None:
    spec = rr("duo", "researcher", "writer", extra="termination: {max_turns: 2}\n")
    events = [event async for event in factory(spec).build("duo").run("solar panels")]
    turns = [event.author for event in events if event.kind == "turn.started"]
    assert turns == ["duo/researcher", "duo/writer"]
    assert events[-1].kind == "run.completed"
    assert events[-1].reason == "reached 2 turns"  # type: ignore[union-attr]
