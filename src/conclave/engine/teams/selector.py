"""Selector group chat: each turn, the participant best suited to speak next speaks.

The choice is a composite score of seven factors (expertise, phase, complexity,
collaboration, performance, recency, urgency; see :func:`score_candidates`), weighted by
:class:`SelectorWeights`. With a ``model``, the model picks among the candidates instead and
the scores are the fallback when its answer names none of them. Every choice is recorded
as a ``speaker.selected`` event carrying every candidate's factor scores, so it can be
explained afterwards.

Example::

    team = SelectorTeam("desk", [researcher, analyst, writer], termination=MaxTurns(6))
    async for event in team.run("Research the market, analyse it and write a brief"):
        ...
"""

from __future__ import annotations

import difflib
import math
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from conclave.engine.context import SharedContext
from conclave.engine.events import (
    Event,
    SelectionMethod,
    SpeakerSelected,
    ToolCallCompleted,
    UsageRecorded,
)
from conclave.engine.messages import Message
from conclave.engine.models.base import ModelClient, ModelRequest, ModelResponse
from conclave.engine.models.pricing import PriceTable
from conclave.engine.recorder import Recorder
from conclave.engine.teams._scoring import (
    FACTORS,
    Signals,
    build_profiles,
    read_signals,
    score,
    score_candidates,
)
from conclave.engine.teams.base import Participant, Team, profile
from conclave.engine.teams.performance import PerformanceStore
from conclave.engine.teams.termination import MaxTurns, TeamState
from conclave.errors import ModelError, SpecError

__all__ = [
    "FACTORS",
    "PerformanceStore",
    "SelectorTeam",
    "SelectorWeights",
    "parse_choice",
    "score_candidates",
]

_RECENT = 8  # messages of the conversation the selecting model sees
_EXCERPT = 300  # characters of each of them
_QUOTE = 80  # characters of an invalid answer quoted in the fallback reason
_DECORATION = "\"'`*. "  # what models wrap a bare name in: quotes, bold, a full stop

Choice = tuple[UsageRecorded | None, SelectionMethod, str, str]  # usage, method, speaker, why


@dataclass(frozen=True, kw_only=True, slots=True)
class SelectorWeights:
    """How much each factor of the speaker score counts; normalised to sum to 1.

    Raises:
        SpecError: a weight is negative or not a finite number, or all are zero.
    """

    expertise: float = 0.25
    phase: float = 0.20
    complexity: float = 0.15
    collaboration: float = 0.15
    performance: float = 0.10
    recency: float = 0.10
    urgency: float = 0.05

    def __post_init__(self) -> None:
        values = [getattr(self, name) for name in FACTORS]
        for name, value in zip(FACTORS, values, strict=True):
            _check_weight(name, value)
        total = math.fsum(values)
        if total <= 0.0:
            raise SpecError("selector weights are all zero; give at least one factor a weight")
        if abs(total - 1.0) > 1e-9:
            for name, value in zip(FACTORS, values, strict=True):
                object.__setattr__(self, name, value / total)

    @classmethod
    def from_mapping(cls, data: Mapping[str, float]) -> SelectorWeights:
        """Weights from a spec's ``selector.weights``; factors left out keep their default.

        Raises:
            SpecError: an unknown factor (naming the closest one), or a bad value.
        """
        for key in data:
            if key not in FACTORS:
                close = difflib.get_close_matches(str(key), FACTORS, n=1)
                known = "the factors are " + ", ".join(FACTORS)
                hint = f"did you mean {close[0]!r}?" if close else known
                raise SpecError(f"unknown selector weight {key!r}; {hint}", field=str(key))
        return cls(**dict(data))

    def as_dict(self) -> dict[str, float]:
        """Each factor's weight, by name."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def _check_weight(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise SpecError(f"selector weight {name!r} must be a number, not {value!r}", field=name)
    if value < 0:
        raise SpecError(f"selector weight {name!r} is {value}; use 0 or more", field=name)


def parse_choice(answer: str, candidates: Iterable[str]) -> str | None:
    """The candidate a model's answer names, or ``None``.

    A name counts when a whole line is exactly that name, ignoring case and the quotes,
    bold marks or full stop models wrap it in; the first such line wins. Mentions inside a
    sentence do not count: "not the writer" must not choose the writer.
    """
    by_lower = {name.lower(): name for name in candidates}
    for line in answer.splitlines():
        found = by_lower.get(line.strip(_DECORATION).lower())
        if found is not None:
            return found
    return None


class SelectorTeam(Team):
    """A group chat in which the best-suited participant speaks each turn.

    Without a termination, it stops after as many turns as it has participants.

    Args:
        name: the team's name.
        participants: agents or teams; ties in score go to the earlier one.
        weights: how much each scoring factor counts.
        allow_repeat: let the last speaker speak again (it still scores 0 on recency).
        model: a model that picks the next speaker; the scores decide without one, and
            whenever its answer names no eligible candidate.
        performance: past turns to learn from; pass one store to share it between teams.
        **team_kwargs: the arguments of :class:`Team`.

    Raises:
        SpecError: as :class:`Team`, or an agent's ``metadata["complexity"]`` is not low,
            medium or high.
    """

    def __init__(
        self,
        name: str,
        participants: Sequence[Participant],
        *,
        weights: SelectorWeights | None = None,
        allow_repeat: bool = False,
        model: ModelClient | None = None,
        performance: PerformanceStore | None = None,
        **team_kwargs: Any,
    ) -> None:
        super().__init__(name, participants, **team_kwargs)
        self.weights = weights if weights is not None else SelectorWeights()
        self.allow_repeat = allow_repeat
        self.model = model
        self.performance = performance if performance is not None else PerformanceStore()
        self._profiles = build_profiles(self.members)
        self._lines = {name: _introduce(name, member) for name, member in self.members.items()}
        self._prices = PriceTable.default()

    async def _play(
        self,
        rec: Recorder,
        transcript: list[Message],
        state: TeamState,
        *,
        author: str,
        stream: bool,
        context: SharedContext,
    ) -> AsyncGenerator[Event, None]:
        """Each round: stop if it is time; :meth:`_select` the speaker, recording the
        selection's usage (with a model) and ``speaker.selected``; then :meth:`_turn`."""
        once = MaxTurns(len(self.members)) if self.termination is None else None
        while True:
            reason = once.check(state) if once else self._stop_reason(state)
            reason = reason or self._stuck(state)
            if reason is not None:
                state.reason = reason
                return
            usage, selected = await self._select(rec, transcript, state, author)
            if usage is not None:
                yield await rec.record(usage)
            yield await rec.record(selected)
            async for event in self._turn(
                rec,
                selected.speaker,
                transcript,
                state,
                author=author,
                stream=stream,
                context=context,
            ):
                yield event

    def _stuck(self, state: TeamState) -> str | None:
        """Why no one may speak: the only participant spoke last and may not repeat."""
        if self.allow_repeat or len(self.members) > 1 or not state.speakers:
            return None
        return f"no one else may speak after {state.speakers[-1]}; set allow_repeat to go on"

    async def _select(
        self, rec: Recorder, transcript: list[Message], state: TeamState, author: str
    ) -> tuple[UsageRecorded | None, SpeakerSelected]:
        """Score the candidates, let the model choose if there is one, and say why."""
        signals = self._signals(transcript, state)
        scores = score(
            signals,
            self.members,
            self._profiles,
            state,
            self.weights,
            self.performance,
            self.allow_repeat,
        )
        best = max(scores, key=lambda name: scores[name]["total"])
        choice: Choice = (None, "scores", best, _by_scores(best, scores, signals))
        if self.model is not None and len(scores) > 1:
            choice = await self._ask(self.model, rec, transcript, state, author, scores, best)
        usage, method, speaker, reason = choice
        selected = SpeakerSelected(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=author,
            speaker=speaker,
            method=method,
            scores=scores,
            reason=reason,
        )
        return usage, selected

    @staticmethod
    def _signals(transcript: list[Message], state: TeamState) -> Signals:
        last = transcript[-1].content if transcript else ""
        recent = [m.content for m in transcript[-4:-1] if m.role == "assistant"]
        return read_signals(state.task, last, recent)

    async def _ask(
        self,
        model: ModelClient,
        rec: Recorder,
        transcript: list[Message],
        state: TeamState,
        author: str,
        scores: Mapping[str, Mapping[str, float]],
        best: str,
    ) -> Choice:
        """The model's pick, priced like any call; the scores' pick if it names no one."""
        request = self._request(transcript, state, author, list(scores))
        try:
            response = await model.complete(request)
        except ModelError as error:
            return (
                None,
                "fallback",
                best,
                f"the model call failed ({error}); chose {best} by scores",
            )
        usage = self._usage(rec, author, response)
        answer = response.message.content
        chosen = parse_choice(answer, scores)
        if chosen is None:
            quoted = repr(answer.strip()[:_QUOTE])
            why = (
                f"the model answered {quoted}, which names none of the candidates "
                f"({', '.join(scores)}); chose {best} by scores instead"
            )
            return usage, "fallback", best, why
        return usage, "model", chosen, f"{response.model} chose {chosen}"

    def _request(
        self, transcript: list[Message], state: TeamState, author: str, names: list[str]
    ) -> ModelRequest:
        listed = ", ".join(names)
        system = (
            f"You choose who speaks next in the team {self.name}. "
            f"Select the next speaker from [{listed}].\n"
            "Reply with just the name of that participant, nothing else.\n\n"
            "Participants:\n" + "\n".join(self._lines[name] for name in names)
        )
        prompt = (
            f"Task: {_one_line(state.task, 2000)}\n\n"
            f"Conversation so far, oldest first:\n{_conversation(transcript)}\n\n"
            f"Who should speak next? Answer with one name from [{listed}]."
        )
        messages = (Message.system(system), Message.user(prompt))
        return ModelRequest(messages=messages, author=author)

    def _usage(self, rec: Recorder, author: str, response: ModelResponse) -> UsageRecorded:
        cost = self._prices.cost(response.model, response.usage)
        rec.add_usage(response.usage, cost)
        return UsageRecorded(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=author,
            model=response.model,
            usage=response.usage,
            cost_usd=cost,
        )

    async def _turn(
        self,
        rec: Recorder,
        name: str,
        transcript: list[Message],
        state: TeamState,
        *,
        author: str,
        stream: bool,
        context: SharedContext,
    ) -> AsyncIterator[Event]:
        """The speaker's turn, then what it teaches: success, time and the transition."""
        previous = state.speakers[-1] if state.speakers else None
        before, started, tool_error = len(transcript), time.perf_counter(), False
        member = self.members[name]
        try:
            async for event in self._take_turn(
                rec, member, transcript, state, author=author, stream=stream, context=context
            ):
                tool_error = tool_error or (isinstance(event, ToolCallCompleted) and event.is_error)
                yield event
        except Exception:
            self._learn(name, previous, success=False, seconds=time.perf_counter() - started)
            raise
        success = not tool_error and _replied(transcript, before)
        self._learn(name, previous, success=success, seconds=time.perf_counter() - started)

    def _learn(self, name: str, previous: str | None, *, success: bool, seconds: float) -> None:
        self.performance.record_turn(name, success=success, seconds=seconds)
        if previous is not None:
            self.performance.record_transition(previous, name, success=success)


def _replied(transcript: list[Message], before: int) -> bool:
    """Whether the turn ended with a reply that says something."""
    if len(transcript) <= before:
        return False
    last = transcript[-1]
    return last.role == "assistant" and bool(last.content.strip())


def _by_scores(best: str, scores: Mapping[str, Mapping[str, float]], signals: Signals) -> str:
    phase = signals.phase_name
    where = f"in the {phase} phase" if phase else "with no phase signal"
    return f"{best} has the highest total score ({scores[best]['total']:.3f}) {where}"


def _introduce(name: str, member: Participant) -> str:
    """A participant as the selecting model sees it: name, description, expertise."""
    description, expertise = profile(member)
    line = f"- {name}"
    if description:
        line += f" — {_one_line(description, _EXCERPT)}"
    if expertise:
        line += f" (expertise: {', '.join(expertise)})"
    return line


def _conversation(transcript: list[Message]) -> str:
    """The newest messages after the task, one line each, as "speaker: text"."""
    lines = []
    for message in transcript[1:][-_RECENT:]:
        if message.role in ("assistant", "user") and message.content:
            speaker = (message.author or "user").rsplit("/", 1)[-1]
            lines.append(f"{speaker}: {_one_line(message.content, _EXCERPT)}")
    return "\n".join(lines) or "(nobody has spoken yet)"


def _one_line(text: str, limit: int) -> str:
    """Text on one line, so a multi-line message cannot pass for several speakers."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
