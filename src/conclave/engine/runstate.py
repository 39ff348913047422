"""Run state, rebuilt by folding a run's durable events.

The log is the truth; this is a view of it. Resume after a crash, history and audit all
read a run through :meth:`RunState.fold`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, assert_never

from conclave.engine.events import (
    ApprovalDecided,
    ApprovalRequested,
    BudgetExceededEvent,
    BudgetSpike,
    ContextWritten,
    Event,
    GuardVerdict,
    HandoffOccurred,
    MessageCompleted,
    MessageDelta,
    RunCompleted,
    RunFailed,
    RunStarted,
    SlaBreached,
    SpeakerSelected,
    StepCompleted,
    StepFailed,
    StepSkipped,
    StepStarted,
    StreamRestarted,
    ToolCallCompleted,
    ToolCallRequested,
    TurnStarted,
    UsageRecorded,
)
from conclave.engine.messages import ZERO_USAGE, Message, Usage

RunStatus = Literal["pending", "running", "completed", "failed"]


@dataclass(kw_only=True, slots=True)
class RunState:
    """Where a run stands.

    Attributes:
        run_id: the run.
        author: who started it.
        input: the task or message it was given.
        status: ``pending`` before any event, then ``running``, ``completed`` or ``failed``.
        messages: every completed message, the input first, in order.
        pending_calls: tool calls requested but not yet completed, by call id.
        usage: tokens used so far.
        cost_usd: money spent so far.
        output: the final reply, once completed.
        error: what went wrong, once failed.
        last_seq: the sequence number of the last event folded in.
        speaker: who spoke last in a team.
        step_outputs: outputs of the workflow steps that completed, by step.
        pending_approvals: approvals asked for and not yet decided, by id.
        decisions: approvals decided, by id: granted or not.
    """

    run_id: str = ""
    author: str = ""
    input: str = ""
    status: RunStatus = "pending"
    messages: list[Message] = field(default_factory=list)
    pending_calls: dict[str, ToolCallRequested] = field(default_factory=dict)
    usage: Usage = ZERO_USAGE
    cost_usd: float = 0.0
    output: str | None = None
    error: str | None = None
    last_seq: int = 0
    speaker: str | None = None
    step_outputs: dict[str, str] = field(default_factory=dict)
    pending_approvals: dict[str, ApprovalRequested] = field(default_factory=dict)
    decisions: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def fold(cls, events: Iterable[Event]) -> RunState:
        """The state after ``events``, applied in order."""
        state = cls()
        for event in events:
            state.apply(event)
        return state

    @property
    def finished(self) -> bool:
        return self.status in ("completed", "failed")

    def apply(self, event: Event) -> None:
        """Fold one event in; live-only events change nothing."""
        if event.durable:
            self.last_seq = event.seq
        match event:
            case RunStarted():
                self._start(event)
            case MessageCompleted():
                self.messages.append(event.message)
            case ToolCallRequested():
                self.pending_calls[event.call_id] = event
            case ToolCallCompleted():
                self.pending_calls.pop(event.call_id, None)
                self.messages.append(
                    Message.tool(event.result, tool_call_id=event.call_id, author=event.author)
                )
            case UsageRecorded():
                self.usage = self.usage + event.usage
                self.cost_usd += event.cost_usd
            case RunCompleted():
                self.status, self.output = "completed", event.output
            case RunFailed():
                self.status, self.error = "failed", event.error
            case TurnStarted():
                self.speaker = event.author
            case StepCompleted():
                self.step_outputs[event.step] = event.output
            case ApprovalRequested():
                self.pending_approvals[event.approval_id] = event
            case ApprovalDecided():
                self.pending_approvals.pop(event.approval_id, None)
                self.decisions[event.approval_id] = event.granted
            case (
                MessageDelta()
                | StreamRestarted()
                | SpeakerSelected()
                | HandoffOccurred()
                | ContextWritten()
                | StepStarted()
                | StepFailed()
                | StepSkipped()
                | SlaBreached()
                | BudgetExceededEvent()
                | BudgetSpike()
                | GuardVerdict()
            ):
                pass
            case _:
                assert_never(event)

    def _start(self, event: RunStarted) -> None:
        self.run_id, self.author, self.input = event.run_id, event.author, event.input
        self.status = "running"
        self.messages.append(Message.user(event.input))
