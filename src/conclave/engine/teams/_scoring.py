"""Composite speaker scoring: who in a team should speak next, and why.

Each candidate gets seven factor scores between 0 and 1, summed with the selector's weights:

- ``expertise``: its expertise (and, at half weight, its description) shares words with the
  task and the newest message;
- ``phase``: the conversation's phase (discovery, analysis, strategy, execution,
  monitoring), read from keywords of the task and recent messages, suits it;
- ``complexity``: the task's complexity (length, clauses, technical words) matches its
  capacity (tools, breadth of expertise, or ``metadata["complexity"]``);
- ``collaboration``: it has done well right after the previous speaker;
- ``performance``: its past success rate, and its speed;
- ``recency``: it has not spoken for a while (the last speaker scores 0);
- ``urgency``: how urgent the task is, times its speed.

Scoring is pure and cheap: a text is read once (cached by its content) and a candidate's
keywords once per team (:func:`build_profiles`).
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from conclave.engine.agents import Agent
from conclave.engine.teams.base import Participant, Team, profile
from conclave.engine.teams.performance import PerformanceStore
from conclave.engine.teams.termination import TeamState
from conclave.errors import SpecError

if TYPE_CHECKING:
    from conclave.engine.teams.selector import SelectorWeights

__all__ = [
    "FACTORS",
    "PHASES",
    "Profile",
    "Signals",
    "build_profiles",
    "keywords",
    "read_signals",
    "score",
    "score_candidates",
]

FACTORS = ("expertise", "phase", "complexity", "collaboration", "performance", "recency", "urgency")

PHASES = ("discovery", "analysis", "strategy", "execution", "monitoring")
CAPACITY_LEVELS = {"low": 0.2, "medium": 0.55, "high": 0.9}

_TOKEN = re.compile(r"[a-z][a-z0-9+#]*")
_DOUBLED = frozenset("bgmnprt")  # "planned" -> "plann" -> "plan"
_SUFFIXES = (("ies", "y"), ("ing", ""), ("ers", ""), ("er", ""), ("ed", ""), ("es", ""), ("s", ""))


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP = _word_set(
    """a about above after again all also am an and any are as at be because been before
    being both but by can could did do does doing done each few for from further get got had
    has have having he her here hers him his how i if in into is it its just let like lot
    made make may me might more most much must my need no nor not now of off on once only or
    other our ours out over own please same she should so some such than that the their them
    then there these they this those through to too under until up us very was we were what
    when where which while who whom why will with would you your yours task team"""
)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light stem: plurals, ``-ing``, ``-ed`` and ``-er`` cut and a final ``e`` dropped,
    so "planning", "planned", "planner" and "plans" all meet at "plan"."""
    word = _cut(word)
    if word.endswith("er"):  # "engineering" -> "engineer" -> "engine"
        word = _cut(word)
    return word[:-1] if word.endswith("e") and len(word) >= 4 else word


def _cut(word: str) -> str:
    for suffix, keep in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word[-2] in "isu":
                return word  # "analysis", "class", "status" are not plurals
            word = word[: len(word) - len(suffix)] + keep
            if keep == "" and suffix[0] != "s" and word[-1] == word[-2] and word[-1] in _DOUBLED:
                return word[:-1]
            return word
    return word


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(word) for word in text.split())


PHASE_WORDS = {
    "discovery": _stems(
        """research discover discovery explore investigate gather find search source survey
        identify collect learn understand question interview scout background fact
        requirement brainstorm idea landscape competitor market"""
    ),
    "analysis": _stems(
        """analyse analyze analysis analyst analytic evaluate evaluation assess assessment
        compare comparison examine metric risk test validate validation review diagnose
        insight trend statistic calculate quantify benchmark backtest forecast data"""
    ),
    "strategy": _stems(
        """strategy strategic strategist plan roadmap design recommend recommendation decide
        decision prioritise prioritize priority approach option goal objective architecture
        architect propose proposal position vision tradeoff"""
    ),
    "execution": _stems(
        """implement implementation build write execute execution deliver deploy code coder
        develop developer engineer draft create launch produce ship fix program publish
        trade order copy content"""
    ),
    "monitoring": _stems(
        """monitor track watch alert observe audit maintain kpi status dashboard
        incident uptime measure log oversight compliance"""
    ),
}
URGENT_WORDS = _stems(
    """urgent urgently urgency asap immediate immediately critical deadline emergency quickly
    rush hurry outage today tonight"""
)
TECHNICAL_WORDS = _stems(
    """api database schema algorithm architecture latency throughput kubernetes docker cloud
    infrastructure microservice protocol encryption authentication integration pipeline
    deployment regression concurrency distributed scalability compliance regulatory
    derivative volatility portfolio hedge backtest model sql python javascript typescript
    rust java compiler cache queue"""
)
# How the offline model's notice starts (OFFLINE_NOTICE): boilerplate, not anyone's content.
# Matched by text so that scoring does not import the offline model.
_OFFLINE_NOTICE = "— offline model:"
_CLAUSE = re.compile(
    r"[;\n]|[.!?](?:\s|$)|,\s*(?:and|then|or)\b|\b(?:and then|must|should|also|additionally)\b",
    re.I,
)


@lru_cache(maxsize=2048)
def keywords(text: str) -> frozenset[str]:
    """The stems of ``text``'s words, lower-cased, stop words left out."""
    stems = (stem(word) for word in _TOKEN.findall(text.lower()) if word not in _STOP)
    return frozenset(word for word in stems if word not in _STOP)  # "needs" is "need"


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one text says: its keywords, and how many of them name each phase."""

    words: frozenset[str]
    phases: tuple[int, ...]


@lru_cache(maxsize=1024)
def _read(text: str) -> _Reading:
    notice = text.find(_OFFLINE_NOTICE)
    words = keywords(text if notice < 0 else text[:notice])
    phases = tuple(len(words & PHASE_WORDS[phase]) for phase in PHASES)
    return _Reading(words, phases)


@dataclass(frozen=True, slots=True)
class Signals:
    """What the conversation says, read once per choice.

    Attributes:
        task: keywords of the task.
        last: keywords of the newest message.
        phase: each phase's share of the phase keywords (sums to 1); empty if none.
        complexity: how complex the task is, 0..1.
        urgency: how urgent the task and the newest message sound, 0..1.
    """

    task: frozenset[str]
    last: frozenset[str]
    phase: tuple[float, ...]
    complexity: float
    urgency: float

    @property
    def phase_name(self) -> str | None:
        """The dominant phase, or ``None`` when nothing points to one."""
        if not self.phase:
            return None
        return PHASES[self.phase.index(max(self.phase))]


def read_signals(task: str, last_message: str, recent: Sequence[str] = ()) -> Signals:
    """Read the task, the newest message and the messages before it (oldest first).

    For the phase, the newest message counts double: a conversation moves on.
    """
    task_reading, last_reading = _read(task), _read(last_message)
    hits = [t + 2 * n for t, n in zip(task_reading.phases, last_reading.phases, strict=True)]
    for text in recent:
        hits = list(map(operator.add, hits, _read(text).phases))
    total = sum(hits)
    urgent = len((task_reading.words | last_reading.words) & URGENT_WORDS)
    return Signals(
        task=task_reading.words,
        last=last_reading.words,
        phase=tuple(hit / total for hit in hits) if total else (),
        complexity=_complexity(task),
        urgency=0.0 if urgent == 0 else min(1.0, 0.5 + 0.25 * urgent),
    )


@lru_cache(maxsize=256)
def _complexity(task: str) -> float:
    """Length, number of clauses and share of technical words, blended to 0..1."""
    words = task.split()
    if not words:
        return 0.0
    length = min(1.0, len(words) / 120)
    clauses = min(1.0, len(_CLAUSE.findall(task)) / 6)
    content = keywords(task)
    technical = sum(1 for word in content if word in TECHNICAL_WORDS or len(word) >= 11)
    technical += sum(1 for word in words if any(ch.isdigit() for ch in word))
    return 0.4 * length + 0.35 * clauses + 0.25 * min(1.0, technical / 5)


@dataclass(frozen=True, slots=True)
class Profile:
    """A candidate as the scorer sees it, worked out once per team.

    Attributes:
        expertise: stems of its expertise.
        description: stems of its description that its expertise lacks.
        phases: how well it suits each phase, 0..1.
        capacity: how complex a task it can take on, 0..1.
    """

    expertise: frozenset[str]
    description: frozenset[str]
    phases: tuple[float, ...]
    capacity: float


def build_profiles(candidates: Mapping[str, Participant]) -> dict[str, Profile]:
    """Each candidate's :class:`Profile`, by name.

    Raises:
        SpecError: an agent's ``metadata["complexity"]`` is not low, medium or high.
    """
    return {name: profile_of(name, member) for name, member in candidates.items()}


def profile_of(name: str, member: Participant) -> Profile:
    """One candidate's :class:`Profile` (cached by what it is built from)."""
    description, expertise = profile(member)
    return _profile(name, description, expertise, _capacity(name, member))


@lru_cache(maxsize=512)
def _profile(name: str, description: str, expertise: tuple[str, ...], capacity: float) -> Profile:
    skills = keywords(" ".join(expertise))
    described = keywords(description) - skills
    every = skills | described | keywords(name.replace("-", " ").replace("_", " "))
    hits = [len(every & PHASE_WORDS[phase]) for phase in PHASES]
    top = max(hits)
    # A generalist suits every phase a little; a specialist suits its own phases well.
    phases = tuple(0.1 + 0.9 * hit / top for hit in hits) if top else (0.25,) * len(PHASES)
    return Profile(skills, described, phases, capacity)


def _capacity(name: str, member: Participant) -> float:
    if isinstance(member, Team):
        return min(1.0, 0.5 + 0.1 * len(member.members))
    if not isinstance(member, Agent):
        return 0.5
    spec = member.spec
    level = spec.metadata.get("complexity")
    if level is not None:
        capacity = CAPACITY_LEVELS.get(level.lower()) if isinstance(level, str) else None
        if capacity is None:
            raise SpecError(
                f"agent {name!r}: metadata.complexity is {level!r}; use low, medium or high",
                field="metadata.complexity",
            )
        return capacity
    return 0.2 + 0.4 * min(1.0, len(spec.tools) / 4) + 0.4 * min(1.0, len(spec.expertise) / 5)


def score_candidates(
    task: str,
    last_message: str,
    candidates: Mapping[str, Participant],
    state: TeamState,
    *,
    weights: SelectorWeights,
    performance: PerformanceStore,
    allow_repeat: bool,
    recent: Sequence[str] = (),
    profiles: Mapping[str, Profile] | None = None,
) -> dict[str, dict[str, float]]:
    """Score every eligible candidate to speak next.

    Args:
        task: what the team was asked.
        last_message: the newest message of the conversation.
        candidates: the participants, by name, in the team's order.
        state: the team's state; ``state.speakers`` gives recency and the previous speaker.
        weights: how much each factor counts.
        performance: past success, speed and affinity.
        allow_repeat: whether the last speaker may speak again.
        recent: earlier messages to read the phase from, oldest first.
        profiles: candidates' profiles, when the caller keeps them (built if not).

    Returns:
        ``{name: {factor: score, ..., "total": weighted sum}}`` in the candidates' order,
        leaving out the last speaker unless ``allow_repeat``.
    """
    signals = read_signals(task, last_message, recent)
    known = profiles if profiles is not None else build_profiles(candidates)
    return score(signals, candidates, known, state, weights, performance, allow_repeat)


def score(
    signals: Signals,
    candidates: Iterable[str],
    profiles: Mapping[str, Profile],
    state: TeamState,
    weights: SelectorWeights,
    performance: PerformanceStore,
    allow_repeat: bool,
) -> dict[str, dict[str, float]]:
    """:func:`score_candidates` on signals already read and profiles already built."""
    names = list(candidates)
    previous = state.speakers[-1] if state.speakers else None
    since = _turns_since(state.speakers, names)
    scores: dict[str, dict[str, float]] = {}
    for name in names:
        if name != previous or allow_repeat:
            recency = _recency(since.get(name), len(names))
            scores[name] = _rate(name, profiles[name], signals, previous, recency, performance)
            scores[name]["total"] = _total(scores[name], weights)
    return scores


def _rate(
    name: str,
    who: Profile,
    signals: Signals,
    previous: str | None,
    recency: float,
    performance: PerformanceStore,
) -> dict[str, float]:
    speed = performance.speed(name)
    return {
        "expertise": _expertise(signals, who),
        "phase": sum(map(operator.mul, signals.phase, who.phases)) if signals.phase else 0.5,
        "complexity": 1.0 - abs(signals.complexity - who.capacity),
        "collaboration": performance.affinity(previous, name) if previous else 0.5,
        "performance": 0.7 * performance.success_rate(name) + 0.3 * speed,
        "recency": recency,
        "urgency": signals.urgency * speed,
    }


def _total(factors: Mapping[str, float], w: SelectorWeights) -> float:
    return (
        w.expertise * factors["expertise"]
        + w.phase * factors["phase"]
        + w.complexity * factors["complexity"]
        + w.collaboration * factors["collaboration"]
        + w.performance * factors["performance"]
        + w.recency * factors["recency"]
        + w.urgency * factors["urgency"]
    )


def _expertise(signals: Signals, who: Profile) -> float:
    """Saturating in the words shared: one shared word 0.5, two 0.75, three 0.875 ..."""
    hits: float = len(who.expertise & signals.task) + len(who.expertise & signals.last)
    hits += 0.5 * (len(who.description & signals.task) + len(who.description & signals.last))
    return 1.0 - math.pow(0.5, hits)


def _turns_since(speakers: Sequence[str], names: Sequence[str]) -> dict[str, int]:
    """How many turns ago each candidate last spoke (1 = the last turn)."""
    since: dict[str, int] = {}
    wanted = set(names)
    for distance, name in enumerate(reversed(speakers), start=1):
        if name in wanted and name not in since:
            since[name] = distance
            if len(since) == len(wanted):
                break
    return since


def _recency(distance: int | None, candidates: int) -> float:
    if distance is None:
        return 1.0
    if distance == 1 or candidates < 2:
        return 0.0
    return min(1.0, (distance - 1) / (candidates - 1))
