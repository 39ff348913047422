"""Team specs: how agents work together, read from YAML next to the agent specs.

Example ``research-team.yaml``::

    name: research-team
    description: Researches and writes
    kind: round_robin            # round_robin | selector | swarm | graph | coordinator
    participants: [researcher, writer]
    termination: {max_turns: 8, text: TERMINATE}

A spec file with a ``kind`` key is a team spec; any other is an agent spec. Participants
are agents or other teams, by name; :class:`TeamFactory` builds the team, nesting teams.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)

from conclave.engine._team_build import build_team, parse_termination, unique, weights
from conclave.engine.models.registry import parse_model_string
from conclave.engine.specs import (
    NAME_PATTERN,
    AgentSpec,
    SpecDocument,
    parse_document,
    spec_files,
)
from conclave.errors import SpecError, UnknownName, UserError

if TYPE_CHECKING:
    from conclave.engine.agents import Agent
    from conclave.engine.approvals import Approver
    from conclave.engine.factory import AgentFactory
    from conclave.engine.models.base import ModelClient
    from conclave.engine.teams._graph_spec import GraphSpec, StepSpec
    from conclave.engine.teams.base import Participant, Team
    from conclave.engine.teams.termination import Termination
    from conclave.engine.tools import Tool

__all__ = [
    "CoordinatorSection",
    "SelectorSection",
    "SwarmSection",
    "TeamFactory",
    "TeamKind",
    "TeamSpec",
    "load_specs",
    "parse_termination",
]

TeamKind = Literal["round_robin", "selector", "swarm", "graph", "coordinator"]
Name = Annotated[str, Field(pattern=NAME_PATTERN)]
_SECTIONS = ("selector", "swarm", "coordinator")
T = TypeVar("T")


class SelectorSection(BaseModel):
    """How a selector team chooses: factor weights, repeats, and an optional choosing model."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    weights: dict[str, float] = Field(default_factory=dict)
    allow_repeat: bool = False
    model: str | None = None


class SwarmSection(BaseModel):
    """Who holds the conversation first in a swarm (default: the first participant)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    start: Name | None = None


class CoordinatorSection(BaseModel):
    """The agent that splits the task and writes the synthesis, and how far it may split."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    agent: Name
    max_subtasks: int = Field(default=6, ge=1, le=50)
    weights: dict[str, float] = Field(default_factory=dict)


class TeamSpec(SpecDocument):
    """What a team is: its pattern, members, and when it stops.

    Attributes:
        name: lower-case letters, digits, ``-`` and ``_``; unique among agents and teams.
        description: one line on what it does; an outer team uses it to choose speakers.
        kind: the pattern: ``round_robin``, ``selector``, ``swarm``, ``graph`` or
            ``coordinator``.
        participants: agents or teams by name, in order (every kind but ``graph``).
        expertise: topics it is good at, when it takes part in another team.
        termination: when to stop, such as ``{max_turns: 8, text: TERMINATE}``.
        max_turns: a hard cap on turns, whatever the termination says.
        selector: weights, ``allow_repeat`` and ``model`` of a selector team.
        swarm: the ``start`` agent of a swarm.
        coordinator: the ``agent`` and ``max_subtasks`` of a coordinator team.
        steps: the steps of a graph workflow.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    what: ClassVar[str] = "a team spec"

    name: Name
    description: str = ""
    kind: TeamKind
    participants: tuple[Name, ...] = ()
    expertise: tuple[str, ...] = ()
    termination: dict[str, Any] | None = None
    max_turns: int = Field(default=50, ge=1, le=10_000)
    selector: SelectorSection | None = None
    swarm: SwarmSection | None = None
    coordinator: CoordinatorSection | None = None
    steps: tuple[dict[str, Any], ...] | None = None

    _termination: Termination | None = PrivateAttr(default=None)
    _graph: GraphSpec | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check(self, info: ValidationInfo) -> TeamSpec:
        source = str((info.context or {}).get("source", "spec"))
        _check_members(self, source)
        _check_sections(self, source)
        _check_options(self, source)
        self._termination = _parsed(
            lambda: parse_termination(self.termination) if self.termination else None, source
        )
        if self.steps is not None:
            self._graph = _graph_spec(self.steps, source)
        return self

    @property
    def termination_condition(self) -> Termination | None:
        """The parsed ``termination``, or ``None`` for the pattern's default."""
        return self._termination

    @property
    def graph(self) -> GraphSpec | None:
        """The validated workflow of a graph team."""
        return self._graph

    @property
    def members(self) -> tuple[str, ...]:
        """Every agent or team the team uses, by name: participants, the coordinator, and
        the agents of graph steps (escalations included)."""
        if self._graph is not None:
            return unique([name for step in self._graph.steps for name in _step_agents(step)])
        extra = (self.coordinator.agent,) if self.coordinator else ()
        return unique([*self.participants, *extra])

    @property
    def step_tools(self) -> tuple[tuple[str, str], ...]:
        """``(step id, tool name)`` for each tool step of a graph team."""
        if self._graph is None:
            return ()
        return tuple((step.id, step.tool) for step in self._graph.steps if step.tool)


def _fail(source: str, field: str, problem: str) -> SpecError:
    return SpecError(f"{source}: {field}: {problem}", source=source, field=field)


def _check_members(spec: TeamSpec, source: str) -> None:
    if spec.kind == "graph":
        if spec.participants:
            raise _fail(source, "participants", "a graph team names its agents in its steps")
        if spec.steps is None:
            raise _fail(source, "steps", "a graph team needs steps; add a list of steps")
        return
    if spec.steps is not None:
        raise _fail(source, "steps", f"only graph teams have steps, and this one is {spec.kind}")
    if not spec.participants:
        raise _fail(source, "participants", f"a {spec.kind} team needs at least one participant")
    seen: set[str] = set()
    for name in spec.participants:
        if name in seen:
            raise _fail(source, "participants", f"{name!r} is listed twice")
        seen.add(name)


def _check_sections(spec: TeamSpec, source: str) -> None:
    for section in _SECTIONS:
        if getattr(spec, section) is not None and spec.kind != section:
            raise _fail(source, section, f"only {section} teams take this section")
    if spec.kind == "coordinator" and spec.coordinator is None:
        raise _fail(source, "coordinator", "name the coordinating agent: {agent: NAME}")
    if spec.coordinator and spec.coordinator.agent in spec.participants:
        problem = f"{spec.coordinator.agent!r} is also a participant; list it only here"
        raise _fail(source, "coordinator.agent", problem)


def _check_options(spec: TeamSpec, source: str) -> None:
    """The options inside the sections: the swarm's start, weights, the selector's model."""
    if spec.swarm and spec.swarm.start and spec.swarm.start not in spec.participants:
        close = difflib.get_close_matches(spec.swarm.start, spec.participants, n=1)
        advice = f"did you mean {close[0]!r}?" if close else "name one of the participants"
        raise _fail(source, "swarm.start", f"{spec.swarm.start!r} is not a participant; {advice}")
    for field, data in (
        ("selector.weights", spec.selector),
        ("coordinator.weights", spec.coordinator),
    ):
        if data is not None and data.weights:
            _parsed(partial(weights, data.weights), source, field)
    if spec.selector is not None and spec.selector.model:
        _parsed(partial(parse_model_string, spec.selector.model), source, "selector.model")


def _parsed(make: Callable[[], T], source: str, field: str = "") -> T:
    """Run a parser that raises a UserError, putting the file (and field) in its message."""
    try:
        return make()
    except UserError as error:
        prefix = f"{field}: " if field else ""
        raise SpecError(f"{source}: {prefix}{error}", source=source) from None


def _graph_spec(steps: tuple[dict[str, Any], ...], source: str) -> GraphSpec:
    from conclave.engine.teams._graph_spec import GraphSpec

    return GraphSpec.from_data({"steps": list(steps)}, source=source)


def _step_agents(step: StepSpec) -> list[str]:
    names = [step.agent] if step.agent else []
    if step.escalation.agent:
        names.append(step.escalation.agent)
    return names


def load_specs(directory: str | Path) -> tuple[dict[str, AgentSpec], dict[str, TeamSpec]]:
    """Every agent and team spec in a directory, by name.

    A file with a ``kind`` key is a team spec; any other is an agent spec. A name defined
    twice, or by both an agent and a team, is an error.
    """
    agents: dict[str, AgentSpec] = {}
    teams: dict[str, TeamSpec] = {}
    for path in spec_files(directory):
        data = parse_document(path.read_text(encoding="utf-8"), source=str(path))
        if isinstance(data, dict) and "kind" in data:
            spec: AgentSpec | TeamSpec = TeamSpec.from_data(data, source=str(path))
        else:
            spec = AgentSpec.from_data(data, source=str(path))
        if spec.name in agents or spec.name in teams:
            raise SpecError(
                f"{path}: {spec.name!r} is defined twice in {directory}; rename one of them",
                source=str(path),
            )
        if isinstance(spec, TeamSpec):
            teams[spec.name] = spec
        else:
            agents[spec.name] = spec
    return agents, teams


class TeamFactory:
    """Builds teams from :class:`TeamSpec` documents, with their agents and nested teams.

    Args:
        agents: builds the agents the teams name.
        agent_specs: agent specs by name.
        team_specs: team specs by name; a participant may name one of them.
        tools: tools the tool steps of graph workflows may call.
        approver: decides approval gates, unless :meth:`build` is given another.
        model: a model for every agent and selector, whatever their specs say.
    """

    def __init__(
        self,
        agents: AgentFactory,
        agent_specs: Mapping[str, AgentSpec],
        team_specs: Mapping[str, TeamSpec],
        *,
        tools: Mapping[str, Tool] | None = None,
        approver: Approver | None = None,
        model: str | ModelClient | None = None,
    ) -> None:
        clash = sorted(agent_specs.keys() & team_specs.keys())
        if clash:
            raise SpecError(f"{clash[0]!r} names both an agent and a team; rename one of them")
        self.agents = agents
        self.agent_specs = agent_specs
        self.team_specs = team_specs
        self.tools: Mapping[str, Tool] = tools if tools is not None else agents.tools
        self.approver = approver
        self.model = model

    def build(self, name: str, *, approver: Approver | None = None) -> Team:
        """The named team, with nested teams built too.

        Raises:
            UnknownName: for a team, participant or tool that is not defined.
            SpecError: when teams contain each other.
        """
        spec = self.team_specs.get(name)
        if spec is None:
            raise UnknownName("team", name, self.team_specs, hint="conclave teams list")
        return self._build(spec, (), approver or self.approver)

    def _build(self, spec: TeamSpec, chain: tuple[str, ...], approver: Approver | None) -> Team:
        from conclave.engine.approvals import DenyingApprover

        return build_team(spec, _Members(self, (*chain, spec.name), approver or DenyingApprover()))


class _Members:
    """Resolves the names of one team under construction; ``chain`` is the nesting so far."""

    def __init__(self, factory: TeamFactory, chain: tuple[str, ...], approver: Approver) -> None:
        self.factory = factory
        self.chain = chain
        self.approver = approver

    def participant(self, name: str) -> Participant:
        team = self.factory.team_specs.get(name)
        if team is not None:
            if name in self.chain:
                loop = " → ".join((*self.chain[self.chain.index(name) :], name))
                raise SpecError(f"team {loop} is a cycle; a team cannot contain itself")
            return self.factory._build(team, self.chain, self.approver)
        return self.agent(name)

    def agent(self, name: str) -> Agent:
        spec = self.factory.agent_specs.get(name)
        if spec is not None:
            return self.factory.agents.build(spec, model=self.factory.model)
        if name in self.factory.team_specs:
            raise SpecError(f"team {self.chain[-1]!r} needs an agent where it names team {name!r}")
        known = [*self.factory.agent_specs, *self.factory.team_specs]
        hint = f"named by team {self.chain[-1]!r}; see conclave agents list and conclave teams list"
        raise UnknownName("agent or team", name, known, hint=hint)

    def model(self, name: str) -> ModelClient:
        return self.factory.agents.model_for(self.factory.model or name)

    def tool(self, name: str, *, step: str) -> Tool:
        found = self.factory.tools.get(name)
        if found is None:
            hint = f"called by step {step!r} of team {self.chain[-1]!r}"
            raise UnknownName("tool", name, self.factory.tools, hint=hint)
        return found
