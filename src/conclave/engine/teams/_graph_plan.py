"""Compiling graph steps: the checks on the graph, templates, loops and dependents.

:func:`plan_steps` turns validated :class:`StepSpec` values into :class:`PlannedStep` values,
raising a :class:`SpecError` that names the field path for an id used twice, an unknown
dependency, a cycle, a condition or loop that reads a step that may not have run, or a
template that names an unknown step.

A step outside a loop that depends on a step inside it waits for the loop to end, so it
sees the output of the last round; that wait is added to its ``waits_for``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from conclave.engine.teams._conditions import Condition, Criteria, parse_condition
from conclave.errors import SpecError

if TYPE_CHECKING:
    from conclave.engine.teams._graph_spec import StepKind, StepSpec

_PLACEHOLDER = re.compile(r"\{(task|steps\.([^{}\s]+)|context\.([^{}.\s]+)\.([^{}\s]+))\}")
_TASK, _STEP, _CONTEXT = 0, 1, 2
Part: TypeAlias = "str | tuple[int, str, str]"
ContextValues: TypeAlias = Mapping[tuple[str, str], str]
_NO_CONTEXT: ContextValues = {}


class Template:
    """A text with ``{task}``, ``{steps.<id>}`` and ``{context.<agent>.<key>}`` placeholders,
    split into parts when loaded. Other ``{...}`` text is left as it is."""

    __slots__ = ("context_refs", "parts", "text")

    def __init__(self, parts: Sequence[Part], text: str) -> None:
        self.parts = tuple(parts)
        self.text = text
        refs = {(p[1], p[2]) for p in self.parts if not isinstance(p, str) and p[0] == _CONTEXT}
        self.context_refs = tuple(sorted(refs))

    @classmethod
    def parse(cls, text: str, *, where: str, steps: Collection[str]) -> Template:
        """Split ``text``; a placeholder naming an unknown step is a SpecError at ``where``."""
        parts: list[Part] = []
        position = 0
        for match in _PLACEHOLDER.finditer(text):
            if match.start() > position:
                parts.append(text[position : match.start()])
            parts.append(_placeholder(match, where=where, steps=steps))
            position = match.end()
        if position < len(text):
            parts.append(text[position:])
        return cls(parts, text)

    @classmethod
    def default_prompt(cls, needs: Sequence[str]) -> Template:
        """The task, then the output of each step this one depends on."""
        parts: list[Part] = [(_TASK, "", "")]
        for step in needs:
            parts += [f"\n\nOutput of step {step!r}:\n", (_STEP, step, "")]
        return cls(parts, "")

    def render(
        self, task: str, outputs: Mapping[str, str], context: ContextValues = _NO_CONTEXT
    ) -> str:
        """The text with each placeholder filled; a step that has not run reads as empty."""
        out: list[str] = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part[0] == _STEP:
                out.append(outputs.get(part[1], ""))
            elif part[0] == _TASK:
                out.append(task)
            else:
                out.append(context.get((part[1], part[2]), ""))
        return "".join(out)


def _placeholder(match: re.Match[str], *, where: str, steps: Collection[str]) -> Part:
    if match.group(1) == "task":
        return (_TASK, "", "")
    step = match.group(2)
    if step is None:
        return (_CONTEXT, match.group(3), match.group(4))
    if step not in steps:
        raise SpecError(
            f"{where}: {match.group(0)!r} names an unknown step; {_suggest(step, steps)}",
            field=where,
        )
    return (_STEP, step, "")


class Arguments:
    """A tool step's arguments, with templated texts at any depth."""

    __slots__ = ("context_refs", "values")

    def __init__(self, data: Mapping[str, Any], *, where: str, steps: Collection[str]) -> None:
        refs: set[tuple[str, str]] = set()
        self.values = {
            key: _compile(value, f"{where}.{key}", steps, refs) for key, value in data.items()
        }
        self.context_refs = tuple(sorted(refs))

    def render(
        self, task: str, outputs: Mapping[str, str], context: ContextValues = _NO_CONTEXT
    ) -> dict[str, Any]:
        return {key: _render(value, task, outputs, context) for key, value in self.values.items()}


def _compile(value: Any, where: str, steps: Collection[str], refs: set[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        if "{" not in value:
            return value
        template = Template.parse(value, where=where, steps=steps)
        refs.update(template.context_refs)
        return template
    if isinstance(value, dict):
        return {k: _compile(v, f"{where}.{k}", steps, refs) for k, v in value.items()}
    if isinstance(value, list):
        return [_compile(v, f"{where}.{i}", steps, refs) for i, v in enumerate(value)]
    return value


def _render(value: Any, task: str, outputs: Mapping[str, str], context: ContextValues) -> Any:
    if isinstance(value, Template):
        return value.render(task, outputs, context)
    if isinstance(value, dict):
        return {k: _render(v, task, outputs, context) for k, v in value.items()}
    if isinstance(value, list):
        return [_render(v, task, outputs, context) for v in value]
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class Loop:
    """A bounded loop ending at one step.

    Attributes:
        start: the first step to run again.
        body: every step from ``start`` up to the loop's step, which run again each round;
            loops that end inside the body start their round count over.
        condition: run another round while this holds.
        max: the most extra rounds.
    """

    start: str
    body: frozenset[str]
    condition: Condition
    max: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedStep:
    """A step ready to run: its spec, and everything about it worked out in advance.

    Attributes:
        needs: the steps it depends on, as written; if one is skipped, so is this one.
        waits_for: ``needs`` plus the ends of loops it depends on from outside.
        dependents: the steps that wait for this one.
        prompt: the agent's prompt or the approval's question.
    """

    id: str
    index: int
    kind: StepKind
    spec: StepSpec
    prompt: Template | None
    arguments: Arguments | None
    needs: tuple[str, ...]
    waits_for: tuple[str, ...]
    dependents: tuple[str, ...]
    when: Condition | None
    success: Criteria | None
    loop: Loop | None


def plan_steps(steps: Sequence[StepSpec]) -> tuple[PlannedStep, ...]:
    """Check the graph and compile its steps, in spec order."""
    index = _unique_ids(steps)
    needs = {step.id: step.depends_on for step in steps}
    order = _check_dependencies(steps, index)
    ancestors = _ancestors(needs, order)
    loops = {s.id: _loop(s, index, ancestors) for s in steps if s.repeat is not None}
    waits = _waits_for(needs, loops)
    _check_acyclic(waits, index, what="loops wait on each other")
    dependents: dict[str, list[str]] = {step.id: [] for step in steps}
    for step in steps:
        for before in waits[step.id]:
            dependents[before].append(step.id)
    return tuple(
        _planned(step, i, index, ancestors[step.id], waits, dependents, loops.get(step.id))
        for i, step in enumerate(steps)
    )


def _planned(
    step: StepSpec,
    i: int,
    index: Mapping[str, int],
    ancestors: frozenset[str],
    waits: Mapping[str, tuple[str, ...]],
    dependents: Mapping[str, list[str]],
    loop: Loop | None,
) -> PlannedStep:
    where = f"steps.{i}"
    when = None
    if step.when is not None:
        when = parse_condition(step.when, where=f"{where}.when")
        _check_reads(when, step.id, index, ancestors, self_ok=False)
    return PlannedStep(
        id=step.id,
        index=i,
        kind=step.kind,
        spec=step,
        prompt=_prompt(step, where, index),
        arguments=Arguments(step.arguments, where=f"{where}.arguments", steps=index)
        if step.kind == "tool"
        else None,
        needs=step.depends_on,
        waits_for=waits[step.id],
        dependents=tuple(dependents[step.id]),
        when=when,
        success=step.success.criteria() if step.success is not None else None,
        loop=loop,
    )


def _prompt(step: StepSpec, where: str, steps: Collection[str]) -> Template | None:
    if step.approval is not None:
        return Template.parse(step.approval.prompt, where=f"{where}.approval.prompt", steps=steps)
    if step.kind != "agent":
        return None
    if step.prompt is None:
        return Template.default_prompt(step.depends_on)
    return Template.parse(step.prompt, where=f"{where}.prompt", steps=steps)


def _unique_ids(steps: Sequence[StepSpec]) -> dict[str, int]:
    index: dict[str, int] = {}
    for i, step in enumerate(steps):
        if step.id in index:
            raise SpecError(
                f"steps.{i}.id: step id {step.id!r} is already used by steps.{index[step.id]}; "
                "give each step its own id",
                field=f"steps.{i}.id",
            )
        index[step.id] = i
    return index


def _check_dependencies(steps: Sequence[StepSpec], index: Mapping[str, int]) -> list[str]:
    for i, step in enumerate(steps):
        for dependency in step.depends_on:
            if dependency not in index:
                raise SpecError(
                    f"steps.{i}.depends_on: step {step.id!r} depends on unknown step "
                    f"{dependency!r}; {_suggest(dependency, index)}",
                    field=f"steps.{i}.depends_on",
                )
    return _check_acyclic({s.id: s.depends_on for s in steps}, index, what="the dependencies")


def _check_acyclic(
    graph: Mapping[str, Sequence[str]], index: Mapping[str, int], *, what: str
) -> list[str]:
    """The steps in an order that runs each after what it waits for; raises naming the
    steps of a cycle if ``graph`` (step → what it waits for) has one."""
    waiting = {step: len(set(before)) for step, before in graph.items()}
    after: dict[str, list[str]] = {step: [] for step in graph}
    for step, before in graph.items():
        for other in set(before):
            after[other].append(step)
    ready = [step for step, count in waiting.items() if count == 0]
    order: list[str] = []
    while ready:
        order.append(ready.pop())
        for step in after[order[-1]]:
            waiting[step] -= 1
            if waiting[step] == 0:
                ready.append(step)
    stuck = {step for step, count in waiting.items() if count > 0}
    if stuck:
        cycle = _cycle(graph, stuck)[:-1]
        first = min(cycle, key=index.__getitem__)
        at = cycle.index(first)  # start where the spec lists the first of its steps
        cycle = [*cycle[at:], *cycle[:at], first]
        raise SpecError(
            f"steps.{index[first]}.depends_on: {what} form a cycle: "
            f"{' -> '.join(cycle)} (each step runs after the one before it); "
            "remove one of these dependencies",
            field=f"steps.{index[first]}.depends_on",
        )
    return order


def _cycle(graph: Mapping[str, Sequence[str]], stuck: Collection[str]) -> list[str]:
    """One cycle among the steps a topological sort could not place, in running order."""
    walk = [min(stuck)]
    while True:
        following = next(b for b in sorted(graph[walk[-1]]) if b in stuck)
        if following in walk:
            cycle = walk[walk.index(following) :]
            cycle.reverse()
            return [*cycle, cycle[0]]
        walk.append(following)


def _ancestors(
    needs: Mapping[str, Sequence[str]], order: Sequence[str]
) -> dict[str, frozenset[str]]:
    """Every step each step depends on, directly or not."""
    found: dict[str, frozenset[str]] = {}
    for step in order:
        found[step] = frozenset().union(*(found[b] | {b} for b in needs[step]))
    return found


def _loop(
    step: StepSpec, index: Mapping[str, int], ancestors: Mapping[str, frozenset[str]]
) -> Loop:
    repeat, i = step.repeat, index[step.id]
    assert repeat is not None
    mine = ancestors[step.id]
    if repeat.start != step.id and repeat.start not in mine:
        raise SpecError(
            f"steps.{i}.repeat.from: {repeat.start!r} is not a step that {step.id!r} depends "
            "on; a loop runs again the steps from `from` up to the step that holds it",
            field=f"steps.{i}.repeat.from",
        )
    condition = parse_condition(repeat.condition, where=f"steps.{i}.repeat.while")
    _check_reads(condition, step.id, index, mine, self_ok=True)
    body = frozenset(
        s for s in (*mine, step.id) if s == repeat.start or repeat.start in ancestors[s]
    )
    return Loop(start=repeat.start, body=body, condition=condition, max=repeat.max)


def _check_reads(
    condition: Condition,
    step: str,
    known: Collection[str],
    ancestors: frozenset[str],
    *,
    self_ok: bool,
) -> None:
    """A condition may read only steps that have finished when it is checked."""
    for ref, where in condition.references():
        if ref not in known:
            raise SpecError(f"{where}: unknown step {ref!r}; {_suggest(ref, known)}", field=where)
        if ref not in ancestors and not (self_ok and ref == step):
            raise SpecError(
                f"{where}: {step!r} does not depend on {ref!r}, so {ref!r} may not have run "
                f"when the condition is checked; add {ref!r} to depends_on",
                field=where,
            )


def _waits_for(
    needs: Mapping[str, tuple[str, ...]], loops: Mapping[str, Loop]
) -> dict[str, tuple[str, ...]]:
    waits = {step: list(before) for step, before in needs.items()}
    for end, loop in loops.items():
        for step, before in needs.items():
            inside = any(b in loop.body for b in before)
            if inside and step not in loop.body and end not in waits[step]:
                waits[step].append(end)
    return {step: tuple(before) for step, before in waits.items()}


def _suggest(name: str, known: Collection[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"did you mean {close[0]!r}?"
    return "known steps: " + ", ".join(sorted(known))
