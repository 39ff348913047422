"""Which tools a message asks for, with what arguments, and what their results said.

A tool named in the message (``word_count`` or "word count") is called. Otherwise each tool
is scored on how much of its name and description the message's concepts cover, plus
evidence from the message's shape (an arithmetic expression suits a parameter named
``expression``); only the best tool is called, and only if it clears ``THRESHOLD`` with
some of its name or at least two words of its description behind it, so a stray word does
not trigger a call.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from conclave.engine.messages import ToolCall
from conclave.engine.models._offline_args import fill_arguments
from conclave.engine.models._offline_dates import find_dates
from conclave.engine.models._offline_math import find_expression
from conclave.engine.models._offline_schema import Param, params_of
from conclave.engine.models._offline_text import (
    GENERIC,
    clip,
    collapse,
    concept,
    concepts,
    full_stop,
    stem,
    words_of,
)
from conclave.engine.models._offline_turn import Result
from conclave.engine.models._offline_values import pairs_in, unquote
from conclave.engine.models.base import ToolDefinition

THRESHOLD = 4.0
STRONG = 6.0  # a described match this good is worth saying what it lacks
_NAME_WEIGHT = 6.0
_MAX_DESCRIPTION_HITS = 3
_MAX_EVIDENCE = 3.0
_RESULT_CHARS = 200
_ARGUMENTS_CHARS = 80

_NEGATED = re.compile(
    r"\b(?:don'?t|do not|never|without|not|no need to)\b(?:\s+\w+){0,2}\s*$", re.I
)
_TICKERISH = re.compile(r"(?<![\w$])\$?[A-Z]{2,5}(?![\w])")
_URLISH = re.compile(r"https?://|[\w.+-]+@[\w-]+\.")
_AGENT_NOUN = re.compile(r"[a-z]+(?:or|er)")
# Failures are flagged in metadata by the engine; a prefix catches results from elsewhere.
_ERROR = re.compile(r"^\s*(?:(?:error|exception|tool failed|failed)\s*:|traceback\b)\s*", re.I)


@dataclass(frozen=True, slots=True)
class Plan:
    """What to do about a message: tools to call, or tools that lack arguments.

    Attributes:
        calls: the tool calls to make, in the order the message asks for them.
        missing: for tools the message wants but cannot be called, the tool's name and
            the required parameters it gives no value for.
    """

    calls: tuple[ToolCall, ...] = ()
    missing: tuple[tuple[str, tuple[Param, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class _Profile:
    name: frozenset[str]
    description: frozenset[str]
    strip: frozenset[str]


def plan_calls(text: str, tools: Sequence[ToolDefinition], *, seed: str) -> Plan:
    """The tool calls ``text`` asks for; ``seed`` keeps call ids apart between turns."""
    named, refused = _named(text, tools)
    if named:
        return _plan(text, named, seed, report=True)
    best, score = _best_described(text, [tool for tool in tools if tool.name not in refused])
    if best is None:
        return Plan()
    return _plan(text, [(0, 0, best)], seed, report=score >= STRONG)


def _plan(
    text: str, chosen: list[tuple[int, int, ToolDefinition]], seed: str, *, report: bool
) -> Plan:
    calls: list[ToolCall] = []
    missing: list[tuple[str, tuple[Param, ...]]] = []
    mentions = [(start, end) for start, end, _ in chosen if end > start]
    for index, (start, _, tool) in enumerate(chosen):
        # A tool's part of the message runs from where it is named to where the next is.
        stop = chosen[index + 1][0] if index + 1 < len(chosen) else len(text)
        arguments, lacking = _arguments(text, tool, (0 if index == 0 else start, stop), mentions)
        if not lacking:
            calls.append(_call(seed, len(calls), tool.name, arguments))
        elif report:
            missing.append((tool.name, lacking))
    return Plan(calls=tuple(calls), missing=() if calls else tuple(missing))


def _arguments(
    text: str,
    tool: ToolDefinition,
    segment: tuple[int, int],
    mentions: list[tuple[int, int]],
) -> tuple[dict[str, Any], tuple[Param, ...]]:
    """Read the arguments from the tool's part of the message, else from all of it."""
    params = params_of(tool.parameters)
    strip = _profile(tool.name, tool.description).strip
    low, high = segment
    if (low, high) != (0, len(text)):
        inside = [(a - low, b - low) for a, b in mentions if low <= a and b <= high]
        found = fill_arguments(params, text[low:high], protect=inside, strip=strip)
        if not found[1]:
            return found
    return fill_arguments(params, text, protect=mentions, strip=strip)


def _call(seed: str, index: int, name: str, arguments: dict[str, Any]) -> ToolCall:
    body = json.dumps(arguments, sort_keys=True, default=str)
    digest = hashlib.sha256(f"{seed}\x00{index}\x00{name}\x00{body}".encode()).hexdigest()
    return ToolCall(id="call_" + digest[:16], name=name, arguments=arguments)


def _named(
    text: str, tools: Sequence[ToolDefinition]
) -> tuple[list[tuple[int, int, ToolDefinition]], set[str]]:
    """Tools the text names, in the order it names them, and those it says not to use."""
    found, refused = [], set()
    for tool in tools:
        for match in _name_pattern(tool.name).finditer(text):
            if _NEGATED.search(text[max(0, match.start() - 32) : match.start()]):
                refused.add(tool.name)
                continue
            found.append((match.start(), match.end(), tool))
            break
    return sorted(found, key=lambda hit: hit[0]), refused - {tool.name for _, _, tool in found}


@lru_cache(maxsize=512)
def _name_pattern(name: str) -> re.Pattern[str]:
    spaced = " ".join(words_of(name))
    variants = sorted({name, spaced, name.replace("_", "-")}, key=len, reverse=True)
    alternatives = "|".join(re.escape(variant).replace(r"\ ", r"[\s_-]+") for variant in variants)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


def _best_described(
    text: str, tools: Sequence[ToolDefinition]
) -> tuple[ToolDefinition | None, float]:
    """The tool the text asks for without naming it, if any asks clearly enough."""
    signals = _signals(text)
    found = concepts(text) | _implied(text, signals)
    pairs = pairs_in(text)
    best: ToolDefinition | None = None
    best_score = 0.0
    for tool in tools:
        score = _score(tool, found, signals, pairs, text)
        if score > best_score:
            best, best_score = tool, score
    return best, best_score


def _score(
    tool: ToolDefinition,
    found: set[str],
    signals: frozenset[str],
    pairs: Mapping[str, str],
    text: str,
) -> float:
    profile = _profile(tool.name, tool.description)
    hits = len(profile.name & found)
    name_score = _NAME_WEIGHT * hits / len(profile.name) if profile.name else 0.0
    description_hits = min(_MAX_DESCRIPTION_HITS, len(profile.description & found))
    if not hits and description_hits < 2:
        return 0.0
    score = (
        name_score + description_hits + _evidence(params_of(tool.parameters), signals, pairs, text)
    )
    return score if score >= THRESHOLD else 0.0


def _evidence(
    params: Sequence[Param], signals: frozenset[str], pairs: Mapping[str, str], text: str
) -> float:
    """How much the message's shape suits the tool's parameters."""
    score = 0.0
    lowered = text.lower()
    for param in params:
        if param.role in signals:
            score += 2.0
        if param.name.lower() in pairs:
            score += 2.0
        if param.enum and any(str(member).lower() in lowered for member in param.enum):
            score += 1.0
    return min(score, _MAX_EVIDENCE)


def _signals(text: str) -> frozenset[str]:
    """Roles of parameters the text holds a value for."""
    found = set()
    if find_expression(text) is not None:
        found.add("expression")
    if _TICKERISH.search(text):
        found.add("symbol")
    if find_dates(text):
        found.add("date")
    if _URLISH.search(text):
        found.update(("url", "email"))
    return frozenset(found)


def _implied(text: str, signals: frozenset[str]) -> set[str]:
    """Concepts a message implies by its shape: arithmetic, or an amount in two units."""
    implied = set()
    if "expression" in signals:
        implied.add("math")
    units = {stem(word) for word in words_of(text) if concept(word) == "unit"}
    if len(units) >= 2 and any(char.isdigit() for char in text):
        implied.add("convert")
    return implied


@lru_cache(maxsize=512)
def _profile(name: str, description: str) -> _Profile:
    name_words = {concept(word) for word in words_of(name)} - GENERIC
    described = concepts(description, drop=GENERIC) - name_words - GENERIC
    strip = {stem(word) for word in words_of(f"{name} {description}")}
    return _Profile(frozenset(name_words), frozenset(described), frozenset(strip))


def describe_result(result: Result) -> str:
    """One line on what a tool returned: "The calculator returned 84 (for 12 * 7)."."""
    # "The calculator" reads well; "The convert" does not, so verbs get a "tool".
    tool = result.tool
    label = f"The {tool}" if _AGENT_NOUN.fullmatch(tool) else f"The {tool} tool"
    if result.failed or _ERROR.match(result.content):
        reason = _ERROR.sub("", result.content, count=1)
        return f"{label} failed: {full_stop(clip(reason, _RESULT_CHARS) or 'no reason given')}"
    return f"{label} returned {full_stop(brief(result.content) + _for(result.arguments))}"


def _for(arguments: Mapping[str, Any]) -> str:
    """The arguments of a call, if short enough to remind the reader what was asked."""
    pairs = [f"{key}={_scalar(value)}" for key, value in arguments.items()]
    shown = _scalar(next(iter(arguments.values()))) if len(pairs) == 1 else ", ".join(pairs)
    return f" (for {shown})" if pairs and len(shown) <= _ARGUMENTS_CHARS else ""


def brief(content: str) -> str:
    """A tool result shortened to a line: JSON objects as ``key: value`` pairs."""
    text = content.strip()
    if text[:1] in ("{", "["):
        try:
            value = json.loads(text)
        except ValueError:
            value = None
        if isinstance(value, dict) and value:
            text = ", ".join(f"{key}: {_scalar(item)}" for key, item in value.items())
        elif isinstance(value, list):
            text = f"{len(value)} items: " + ", ".join(_scalar(item) for item in value[:5])
    return clip(unquote(collapse(text)), _RESULT_CHARS) or "nothing"


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)
