"""Termination conditions: when a team stops. Compose them with ``|`` (either) and ``&`` (both).

Example::

    stop = TextMention("TERMINATE") | MaxTurns(12) | CostBudget(0.50)

A condition reads the :class:`TeamState` between turns and returns why the team should
stop, or ``None`` to go on.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field

from conclave.engine.messages import Message


@dataclass(slots=True)
class TeamState:
    """What a team run has done so far, for its termination conditions and its selector.

    Attributes:
        task: what the team was asked.
        turns: turns taken.
        messages: messages added to the conversation.
        last: the newest message.
        tokens: tokens the run has used.
        cost_usd: money the run has spent.
        started: when the team started (monotonic seconds).
        handed_to_user: a participant handed the conversation back to the user.
        speakers: who spoke, in order.
        reason: why the team stopped, once it has.
    """

    task: str
    turns: int = 0
    messages: int = 0
    last: Message | None = None
    tokens: int = 0
    cost_usd: float = 0.0
    started: float = field(default_factory=time.monotonic)
    handed_to_user: bool = False
    speakers: list[str] = field(default_factory=list)
    reason: str = ""


class Termination(ABC):
    """A condition that ends a team run."""

    @abstractmethod
    def check(self, state: TeamState) -> str | None:
        """Why the team should stop now, or ``None``."""

    def __or__(self, other: Termination) -> Termination:
        return AnyOf((self, other))

    def __and__(self, other: Termination) -> Termination:
        return AllOf((self, other))


@dataclass(frozen=True, slots=True)
class AnyOf(Termination):
    conditions: Sequence[Termination]

    def check(self, state: TeamState) -> str | None:
        for condition in self.conditions:
            reason = condition.check(state)
            if reason is not None:
                return reason
        return None

    def __or__(self, other: Termination) -> Termination:
        return AnyOf((*self.conditions, other))


@dataclass(frozen=True, slots=True)
class AllOf(Termination):
    conditions: Sequence[Termination]

    def check(self, state: TeamState) -> str | None:
        reasons = []
        for condition in self.conditions:
            reason = condition.check(state)
            if reason is None:
                return None
            reasons.append(reason)
        return " and ".join(reasons)

    def __and__(self, other: Termination) -> Termination:
        return AllOf((*self.conditions, other))


@dataclass(frozen=True, slots=True)
class MaxTurns(Termination):
    turns: int

    def check(self, state: TeamState) -> str | None:
        return f"reached {self.turns} turns" if state.turns >= self.turns else None


@dataclass(frozen=True, slots=True)
class MaxMessages(Termination):
    messages: int

    def check(self, state: TeamState) -> str | None:
        return f"reached {self.messages} messages" if state.messages >= self.messages else None


@dataclass(frozen=True, slots=True)
class TextMention(Termination):
    """The newest message mentions ``text`` (from one of ``authors``, if given)."""

    text: str
    authors: tuple[str, ...] = ()

    def check(self, state: TeamState) -> str | None:
        last = state.last
        if last is None or self.text not in last.content:
            return None
        name = (last.author or "").rsplit("/", 1)[-1]
        if self.authors and name not in self.authors:
            return None
        return f"{name or 'a participant'} said {self.text}"


@dataclass(frozen=True, slots=True)
class TokenBudget(Termination):
    tokens: int

    def check(self, state: TeamState) -> str | None:
        return (
            f"used {state.tokens} of {self.tokens} tokens" if state.tokens >= self.tokens else None
        )


@dataclass(frozen=True, slots=True)
class CostBudget(Termination):
    usd: float

    def check(self, state: TeamState) -> str | None:
        if state.cost_usd >= self.usd:
            return f"spent ${state.cost_usd:.4f} of ${self.usd:.4f}"
        return None


@dataclass(frozen=True, slots=True)
class Timeout(Termination):
    """Checked between turns: a turn under way is allowed to finish."""

    seconds: float

    def check(self, state: TeamState) -> str | None:
        elapsed = time.monotonic() - state.started
        return f"ran {elapsed:.1f}s of {self.seconds:g}s" if elapsed >= self.seconds else None


class HandoffToUser(Termination):
    """A participant handed the conversation back to the user."""

    def check(self, state: TeamState) -> str | None:
        return "handed off to the user" if state.handed_to_user else None


class ExternalStop(Termination):
    """Stops the team when :meth:`stop` is called, from anywhere, at the next turn."""

    def __init__(self) -> None:
        self._reason: str | None = None

    def stop(self, reason: str = "stopped on request") -> None:
        self._reason = reason

    def check(self, state: TeamState) -> str | None:
        return self._reason
