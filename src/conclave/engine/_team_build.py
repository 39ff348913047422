"""How a team spec becomes objects: its termination condition and one builder per kind.

The team classes are imported inside their builders, so reading specs does not load every
pattern, and a program that uses one pattern pays only for that one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from conclave.engine.teams.termination import (
    AllOf,
    AnyOf,
    CostBudget,
    HandoffToUser,
    MaxMessages,
    MaxTurns,
    Termination,
    TextMention,
    Timeout,
    TokenBudget,
)
from conclave.errors import SpecError

if TYPE_CHECKING:
    from conclave.engine.agents import Agent
    from conclave.engine.approvals import Approver
    from conclave.engine.models.base import ModelClient
    from conclave.engine.team_specs import TeamSpec
    from conclave.engine.teams.base import Participant, Team
    from conclave.engine.teams.selector import SelectorWeights
    from conclave.engine.tools import Tool

# Conditions that take one number, with the type the number must have.
_LIMITS: dict[str, tuple[Callable[[Any], Termination], type]] = {
    "max_turns": (MaxTurns, int),
    "max_messages": (MaxMessages, int),
    "tokens": (TokenBudget, int),
    "cost_usd": (CostBudget, float),
    "timeout_s": (Timeout, float),
}
TERMINATION_KEYS = (*_LIMITS, "text", "handoff_to_user", "any", "all")
_EXAMPLE = "for example {max_turns: 8, text: TERMINATE}"


def parse_termination(data: Any, *, where: str = "termination") -> Termination:
    """A termination condition from its YAML form.

    A mapping stops the team when any of its keys says so: ``max_turns``, ``max_messages``,
    ``text`` (a mention in the newest message), ``tokens``, ``cost_usd``, ``timeout_s`` and
    ``handoff_to_user: true``; ``{any: [...]}`` and ``{all: [...]}`` compose mappings.

    Raises:
        SpecError: naming the key to fix, such as ``termination.max_turn``.
    """
    if not isinstance(data, Mapping):
        raise SpecError(f"{where}: use a mapping of conditions, {_EXAMPLE}", field=where)
    conditions = [
        condition
        for key, value in data.items()
        if (condition := _condition(str(key), value, f"{where}.{key}")) is not None
    ]
    if not conditions:
        keys = ", ".join(TERMINATION_KEYS)
        raise SpecError(f"{where}: names no condition; use any of {keys}", field=where)
    return conditions[0] if len(conditions) == 1 else AnyOf(tuple(conditions))


def _condition(key: str, value: Any, where: str) -> Termination | None:
    if key in ("any", "all"):
        return _group(key, value, where)
    if key == "text":
        return _mention(value, where)
    if key == "handoff_to_user":
        if not isinstance(value, bool):
            raise SpecError(f"{where}: use true or false", field=where)
        return HandoffToUser() if value else None
    limit = _LIMITS.get(key)
    if limit is None:
        raise SpecError(f"{where}: {_unknown_key(key)}", field=where)
    make, kind = limit
    return make(_positive(value, kind, where))


def _group(key: str, value: Any, where: str) -> Termination:
    if not isinstance(value, list) or not value:
        raise SpecError(f"{where}: use a non-empty list of conditions", field=where)
    parts = tuple(parse_termination(item, where=f"{where}[{i}]") for i, item in enumerate(value))
    if len(parts) == 1:
        return parts[0]
    return AnyOf(parts) if key == "any" else AllOf(parts)


def _mention(value: Any, where: str) -> Termination:
    """``text: TERMINATE``, or ``text: {text: APPROVE, authors: [reviewer]}``."""
    if isinstance(value, str) and value:
        return TextMention(value)
    if isinstance(value, Mapping) and set(value) <= {"text", "authors"}:
        text, authors = value.get("text"), value.get("authors", [])
        if isinstance(text, str) and text and isinstance(authors, list):
            return TextMention(text, tuple(str(author) for author in authors))
    raise SpecError(
        f"{where}: use the text to look for, or {{text: APPROVE, authors: [reviewer]}}",
        field=where,
    )


def _positive(value: Any, kind: type, where: str) -> Any:
    # bool is an int to Python, but `max_turns: true` is a mistake, not 1.
    numeric = (int,) if kind is int else (int, float)
    if isinstance(value, bool) or not isinstance(value, numeric) or value <= 0:
        noun = "a whole number" if kind is int else "a number"
        raise SpecError(f"{where}: use {noun} above 0", field=where)
    return kind(value)


def _unknown_key(key: str) -> str:
    close = difflib.get_close_matches(key, TERMINATION_KEYS, n=1)
    advice = f"did you mean {close[0]!r}? " if close else ""
    return f"unknown condition; {advice}(conditions: {', '.join(TERMINATION_KEYS)})"


class Members(Protocol):
    """What a builder needs to turn the names in a spec into objects."""

    @property
    def approver(self) -> Approver: ...

    def participant(self, name: str) -> Participant:
        """The agent or (nested) team of that name."""
        ...

    def agent(self, name: str) -> Agent:
        """The agent of that name; a team is an error."""
        ...

    def model(self, name: str) -> ModelClient:
        """The model client for a ``provider:model`` string."""
        ...

    def tool(self, name: str, *, step: str) -> Tool:
        """The tool a workflow step calls."""
        ...


def build_team(spec: TeamSpec, members: Members) -> Team:
    """The team a spec describes, its names resolved through ``members``."""
    return _BUILDERS[spec.kind](spec, members)


def _common(spec: TeamSpec, members: Members) -> dict[str, Any]:
    return {
        "termination": spec.termination_condition,
        "max_turns": spec.max_turns,
        "description": spec.description,
        "expertise": spec.expertise,
        "approver": members.approver,
    }


def _participants(spec: TeamSpec, members: Members) -> list[Participant]:
    return [members.participant(name) for name in spec.participants]


def weights(data: Mapping[str, float]) -> SelectorWeights | None:
    """Selector weights from a spec's mapping; ``None`` (the defaults) when it is empty."""
    if not data:
        return None
    from conclave.engine.teams.selector import SelectorWeights

    return SelectorWeights.from_mapping(data)


def _round_robin(spec: TeamSpec, members: Members) -> Team:
    from conclave.engine.teams.round_robin import RoundRobinTeam

    return RoundRobinTeam(spec.name, _participants(spec, members), **_common(spec, members))


def _selector(spec: TeamSpec, members: Members) -> Team:
    from conclave.engine.teams.selector import SelectorTeam

    section = spec.selector
    return SelectorTeam(
        spec.name,
        _participants(spec, members),
        weights=weights(section.weights) if section else None,
        allow_repeat=section.allow_repeat if section else False,
        model=members.model(section.model) if section and section.model else None,
        **_common(spec, members),
    )


def _swarm(spec: TeamSpec, members: Members) -> Team:
    from conclave.engine.teams.swarm import SwarmTeam

    start = spec.swarm.start if spec.swarm else None
    return SwarmTeam(spec.name, _participants(spec, members), start=start, **_common(spec, members))


def _coordinator(spec: TeamSpec, members: Members) -> Team:
    from conclave.engine.teams.coordinator import CoordinatorTeam

    section = spec.coordinator
    assert section is not None, "TeamSpec validation requires the coordinator section"
    return CoordinatorTeam(
        spec.name,
        _participants(spec, members),
        coordinator=members.agent(section.agent),
        max_subtasks=section.max_subtasks,
        weights=weights(section.weights),
        **_common(spec, members),
    )


def _graph(spec: TeamSpec, members: Members) -> Team:
    from conclave.engine.teams.graph import GraphWorkflow

    graph = spec.graph
    assert graph is not None, "TeamSpec validation requires steps in a graph team"
    agents = {name: members.participant(name) for name in spec.members}
    tools = {name: members.tool(name, step=step) for step, name in spec.step_tools}
    return GraphWorkflow(spec.name, graph, agents=agents, tools=tools, **_common(spec, members))


_BUILDERS: dict[str, Callable[[TeamSpec, Members], Team]] = {
    "round_robin": _round_robin,
    "selector": _selector,
    "swarm": _swarm,
    "coordinator": _coordinator,
    "graph": _graph,
}


def unique(names: Sequence[str]) -> tuple[str, ...]:
    """Names without repeats, in first-seen order."""
    return tuple(dict.fromkeys(names))
