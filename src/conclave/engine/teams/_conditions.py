"""Conditions on step outputs and success criteria, parsed once when a workflow loads.

A condition is a mapping::

    {step: signal, contains: BUY}                 # a test of one step's output
    {step: review, matches: "(?i)approved"}       # a regular expression, searched
    {any: [...]}   {all: [...]}   {not: {...}}    # combinations

A test may hold several checks (``contains``, ``not_contains``, ``equals``, ``matches``, each
a text or a list of texts); all of them must pass. ``equals`` ignores surrounding
whitespace. A step that has not run reads as empty output. Patterns are compiled here, so
checking a condition at run time is plain string work.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from conclave.errors import SpecError

CheckOp = Literal["contains", "not_contains", "equals", "matches"]
CHECK_OPS: tuple[CheckOp, ...] = ("contains", "not_contains", "equals", "matches")
_COMBINERS = ("any", "all", "not")
_HOW = (
    "a condition tests one step's output, e.g. {step: signal, contains: BUY} (with "
    "contains, not_contains, equals or matches), or combines conditions with any, all or not"
)


class Condition(ABC):
    """A yes-or-no question about the outputs of earlier steps."""

    __slots__ = ()

    @abstractmethod
    def holds(self, outputs: Mapping[str, str]) -> bool:
        """Whether the condition is true of ``outputs`` (step id → latest output)."""

    @abstractmethod
    def describe(self) -> str:
        """The condition in words, for events and error messages."""

    @abstractmethod
    def references(self) -> Iterator[tuple[str, str]]:
        """Each step the condition reads, with the field path that names it."""


@dataclass(frozen=True, slots=True)
class Check:
    """One check of a text: ``contains``, ``not_contains``, ``equals`` or ``matches``."""

    op: CheckOp
    value: str
    pattern: re.Pattern[str] | None = None

    def passes(self, text: str) -> bool:
        op = self.op
        if op == "contains":
            return self.value in text
        if op == "not_contains":
            return self.value not in text
        if op == "equals":
            return text.strip() == self.value.strip()
        assert self.pattern is not None
        return self.pattern.search(text) is not None

    def describe(self) -> str:
        return f"{self.op.replace('_', ' ')} {self.value!r}"


@dataclass(frozen=True, slots=True)
class OutputTest(Condition):
    """Checks of one step's output; all must pass."""

    step: str
    checks: tuple[Check, ...]
    where: str = ""

    def holds(self, outputs: Mapping[str, str]) -> bool:
        text = outputs.get(self.step, "")
        return all(check.passes(text) for check in self.checks)

    def describe(self) -> str:
        return f"{self.step} " + " and ".join(check.describe() for check in self.checks)

    def references(self) -> Iterator[tuple[str, str]]:
        yield self.step, f"{self.where}.step"


@dataclass(frozen=True, slots=True)
class AnyCondition(Condition):
    conditions: tuple[Condition, ...]

    def holds(self, outputs: Mapping[str, str]) -> bool:
        return any(condition.holds(outputs) for condition in self.conditions)

    def describe(self) -> str:
        return "(" + " or ".join(c.describe() for c in self.conditions) + ")"

    def references(self) -> Iterator[tuple[str, str]]:
        for condition in self.conditions:
            yield from condition.references()


@dataclass(frozen=True, slots=True)
class AllConditions(Condition):
    conditions: tuple[Condition, ...]

    def holds(self, outputs: Mapping[str, str]) -> bool:
        return all(condition.holds(outputs) for condition in self.conditions)

    def describe(self) -> str:
        return "(" + " and ".join(c.describe() for c in self.conditions) + ")"

    def references(self) -> Iterator[tuple[str, str]]:
        for condition in self.conditions:
            yield from condition.references()


@dataclass(frozen=True, slots=True)
class NotCondition(Condition):
    condition: Condition

    def holds(self, outputs: Mapping[str, str]) -> bool:
        return not self.condition.holds(outputs)

    def describe(self) -> str:
        return f"not {self.condition.describe()}"

    def references(self) -> Iterator[tuple[str, str]]:
        return self.condition.references()


def parse_condition(data: Any, *, where: str) -> Condition:
    """Parse a condition mapping; errors name the field path to fix.

    Args:
        data: the mapping read from a spec.
        where: its field path, such as ``steps.2.when``.
    """
    if not isinstance(data, Mapping) or not data:
        raise SpecError(f"{where}: expected a mapping; {_HOW}", field=where)
    combiners = [key for key in _COMBINERS if key in data]
    if combiners:
        if len(data) > 1:
            raise SpecError(
                f"{where}: {combiners[0]!r} cannot sit beside other keys; nest the "
                f"conditions inside it instead, e.g. {{all: [{{step: a, contains: X}}, ...]}}",
                field=where,
            )
        return _combination(combiners[0], data[combiners[0]], where=f"{where}.{combiners[0]}")
    return _output_test(data, where=where)


def _combination(key: str, value: Any, *, where: str) -> Condition:
    if key == "not":
        return NotCondition(parse_condition(value, where=where))
    if not isinstance(value, list) or not value:
        raise SpecError(f"{where}: give a non-empty list of conditions; {_HOW}", field=where)
    parts = tuple(parse_condition(item, where=f"{where}.{i}") for i, item in enumerate(value))
    return AnyCondition(parts) if key == "any" else AllConditions(parts)


def _output_test(data: Mapping[Any, Any], *, where: str) -> OutputTest:
    for key in data:
        if key != "step" and key not in CHECK_OPS:
            raise SpecError(f"{where}.{key}: unknown condition key; {_HOW}", field=where)
    step = data.get("step")
    if not isinstance(step, str) or not step:
        raise SpecError(
            f"{where}.step: name the step whose output to test; {_HOW}", field=f"{where}.step"
        )
    checks = [
        check(op, text, where=f"{where}.{op}")
        for op in CHECK_OPS
        if op in data
        for text in texts(data[op], where=f"{where}.{op}")
    ]
    if not checks:
        raise SpecError(f"{where}: say what to test in {step!r}'s output; {_HOW}", field=where)
    return OutputTest(step, tuple(checks), where)


def check(op: CheckOp, text: str, *, where: str) -> Check:
    """One check, its pattern compiled now; a bad pattern is a SpecError naming ``where``."""
    if op != "matches":
        return Check(op, text)
    return Check(op, text, compile_pattern(text, where=where))


def compile_pattern(text: str, *, where: str) -> re.Pattern[str]:
    """A regular expression, or a SpecError saying what is wrong with it."""
    try:
        return re.compile(text)
    except re.error as error:
        raise SpecError(
            f"{where}: invalid regular expression {text!r}: {error}", field=where
        ) from None


def texts(value: Any, *, where: str) -> list[str]:
    """A text or a list of texts; numbers and booleans read from YAML count as text."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not isinstance(item, str | int | float) or isinstance(item, bool):
            raise SpecError(f"{where}: expected a text or a list of texts", field=where)
    return [str(item) for item in items]


@dataclass(frozen=True, slots=True)
class Criteria:
    """What a step's output must satisfy to count as a success."""

    checks: tuple[Check, ...] = ()
    min_length: int = 0

    def miss(self, output: str) -> str | None:
        """The first criterion ``output`` misses, in words, or ``None`` when it meets all."""
        if len(output.strip()) < self.min_length:
            return f"min_length {self.min_length} (it has {len(output.strip())} characters)"
        for item in self.checks:
            if not item.passes(output):
                return item.describe()
        return None
