"""Events: everything a run does, as one union tagged by ``kind``.

Every durable event is appended to the run's log before anyone sees it. Token deltas are the
one exception (``durable`` is false): they stream live and are never stored, because the
completed message that follows them is the durable unit.

Each event carries ``run_id``, a per-run ``seq`` (1, 2, 3, ... over durable events), the
``author`` (an agent name, or a ``team/sub-team/agent`` path when nested) and ``at``, the
wall-clock time it was made. ``EVENTS`` is the only (de)serialiser; build it lazily with
:func:`event_adapter` so that importing Conclave stays fast.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Discriminator, TypeAdapter

from conclave.engine.messages import ZERO_USAGE, Message, Usage

if TYPE_CHECKING:
    from collections.abc import Iterable


class _EventBase:
    """Equality, hashing and repr shared by every event, written once instead of being
    generated per class: twenty generated copies cost ~6 ms at every import."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _EventBase) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((self.__class__, self._values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{self.__class__.__name__}({fields})"


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class RunStarted(_EventBase):
    kind: Literal["run.started"] = "run.started"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    input: str
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class MessageDelta(_EventBase):
    """A piece of a message being streamed; live only, never stored.

    ``seq`` is that of the last durable event before it, so a client resuming after
    ``seq`` gets the deltas that followed.
    """

    kind: Literal["message.delta"] = "message.delta"
    durable: ClassVar[bool] = False
    run_id: str
    seq: int
    author: str
    text: str
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class StreamRestarted(_EventBase):
    """The deltas streamed since the last durable event are void; a new attempt follows."""

    kind: Literal["stream.restarted"] = "stream.restarted"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    reason: str
    attempt: int
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class MessageCompleted(_EventBase):
    kind: Literal["message.completed"] = "message.completed"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    message: Message
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ToolCallRequested(_EventBase):
    """A tool call about to run. Its idempotency key is ``(run_id, seq)``."""

    kind: Literal["tool.requested"] = "tool.requested"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    call_id: str
    tool: str
    arguments: dict[str, Any]
    idempotent: bool = False
    requires_approval: bool = False
    at: float = field(default_factory=time.time)

    @property
    def idempotency_key(self) -> str:
        return f"{self.run_id}:{self.seq}"


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ToolCallCompleted(_EventBase):
    kind: Literal["tool.completed"] = "tool.completed"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    call_id: str
    tool: str
    result: str
    is_error: bool = False
    duration_ms: float = 0.0
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class UsageRecorded(_EventBase):
    """One model call's usage and what it cost."""

    kind: Literal["usage.recorded"] = "usage.recorded"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    model: str
    usage: Usage
    cost_usd: float
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class RunCompleted(_EventBase):
    kind: Literal["run.completed"] = "run.completed"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    output: str
    usage: Usage = ZERO_USAGE
    cost_usd: float = 0.0
    reason: str = ""
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class RunFailed(_EventBase):
    """The run stopped on an error; ``error`` says what happened and what to do."""

    kind: Literal["run.failed"] = "run.failed"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    error: str
    error_type: str
    usage: Usage = ZERO_USAGE
    cost_usd: float = 0.0
    at: float = field(default_factory=time.time)


# Teams. Every event names its author: an agent, or a ``team/sub-team/agent`` path.


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class TurnStarted(_EventBase):
    """A participant of a team starts its turn."""

    kind: Literal["turn.started"] = "turn.started"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    turn: int
    at: float = field(default_factory=time.time)


SelectionMethod = Literal["round_robin", "scores", "model", "fallback", "handoff", "plan"]


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SpeakerSelected(_EventBase):
    """Who speaks next and why: each candidate's factor scores and total, when scored."""

    kind: Literal["speaker.selected"] = "speaker.selected"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    speaker: str
    method: SelectionMethod
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    reason: str = ""
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class HandoffOccurred(_EventBase):
    kind: Literal["handoff"] = "handoff"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    source: str
    target: str
    reason: str = ""
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ContextWritten(_EventBase):
    """A write to the team's shared context."""

    kind: Literal["context.written"] = "context.written"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    namespace: str
    key: str
    value: Any
    op: Literal["set", "append", "delete"] = "set"
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class StepStarted(_EventBase):
    kind: Literal["step.started"] = "step.started"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    step: str
    attempt: int = 1
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class StepCompleted(_EventBase):
    kind: Literal["step.completed"] = "step.completed"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    step: str
    output: str
    attempt: int = 1
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class StepFailed(_EventBase):
    """A step failed; ``action`` is what the workflow does about it."""

    kind: Literal["step.failed"] = "step.failed"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    step: str
    error: str
    attempt: int = 1
    action: Literal["retry", "skip", "fail", "escalate"] = "fail"
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class StepSkipped(_EventBase):
    kind: Literal["step.skipped"] = "step.skipped"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    step: str
    reason: str
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ApprovalRequested(_EventBase):
    """The run waits for a human to grant or deny."""

    kind: Literal["approval.requested"] = "approval.requested"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    approval_id: str
    step: str
    prompt: str
    details: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class ApprovalDecided(_EventBase):
    kind: Literal["approval.decided"] = "approval.decided"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    approval_id: str
    granted: bool
    by: str
    comment: str = ""
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class SlaBreached(_EventBase):
    """A step ran past its time limit; ``escalation`` is what happens next."""

    kind: Literal["sla.breached"] = "sla.breached"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    step: str
    timeout_s: float
    escalation: str
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class BudgetExceededEvent(_EventBase):
    """A model call was not made: its estimate would have passed ``scope``'s limit.

    ``action`` is what followed: the run ``stopped``, or a person was ``asked`` whether to
    make the call anyway (the decision follows as ``approval.decided``).
    """

    kind: Literal["budget.exceeded"] = "budget.exceeded"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    scope: str
    limit_usd: float
    spent_usd: float
    estimate_usd: float
    reason: str
    action: Literal["stopped", "asked"] = "stopped"
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class BudgetSpike(_EventBase):
    """One turn cost more than ``share`` of the daily budget."""

    kind: Literal["budget.spike"] = "budget.spike"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    turn_cost_usd: float
    daily_limit_usd: float
    share: float
    at: float = field(default_factory=time.time)


@dataclass(frozen=True, kw_only=True, slots=True, eq=False, repr=False)
class GuardVerdict(_EventBase):
    """The guard found something in text that entered or left the run.

    ``source`` is where the text came from (``input``, ``tool``, ``document``, ``output``);
    ``applied`` is what the agent's policy made of the verdict: ``blocked`` (the text was
    replaced by a notice, or the input refused), ``flagged`` or ``logged`` (it went on).
    """

    kind: Literal["guard.verdict"] = "guard.verdict"
    durable: ClassVar[bool] = True
    run_id: str
    seq: int
    author: str
    source: str
    verdict: str
    score: float
    reasons: tuple[str, ...] = ()
    applied: Literal["blocked", "flagged", "logged"] = "logged"
    tool: str | None = None
    call_id: str | None = None
    at: float = field(default_factory=time.time)


TeamEvent = (
    TurnStarted
    | SpeakerSelected
    | HandoffOccurred
    | ContextWritten
    | StepStarted
    | StepCompleted
    | StepFailed
    | StepSkipped
    | ApprovalRequested
    | ApprovalDecided
    | SlaBreached
)

Event = Annotated[
    RunStarted
    | MessageDelta
    | StreamRestarted
    | MessageCompleted
    | ToolCallRequested
    | ToolCallCompleted
    | UsageRecorded
    | RunCompleted
    | RunFailed
    | TurnStarted
    | SpeakerSelected
    | HandoffOccurred
    | ContextWritten
    | StepStarted
    | StepCompleted
    | StepFailed
    | StepSkipped
    | ApprovalRequested
    | ApprovalDecided
    | SlaBreached
    | BudgetExceededEvent
    | BudgetSpike
    | GuardVerdict,
    Discriminator("kind"),
]

TERMINAL_KINDS = frozenset({"run.completed", "run.failed"})


@cache
def event_adapter() -> TypeAdapter[Event]:
    """The one (de)serialiser of events, built on first use."""
    return TypeAdapter(Event)


def dump_event(event: Event) -> bytes:
    """Serialise an event to JSON bytes."""
    return event_adapter().dump_json(event)


def event_to_dict(event: Event) -> dict[str, Any]:
    """The event as a JSON-compatible dict."""
    data: dict[str, Any] = event_adapter().dump_python(event, mode="json")
    return data


def load_event(data: str | bytes | dict[str, Any]) -> Event:
    """Parse an event from JSON text or a dict."""
    adapter = event_adapter()
    if isinstance(data, dict):
        return adapter.validate_python(data)
    return adapter.validate_json(data)


def durable(events: Iterable[Event]) -> list[Event]:
    """The events that belong in a log."""
    return [event for event in events if event.durable]
