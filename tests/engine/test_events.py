from __future__ import annotations

import typing

import pytest
from pydantic import ValidationError

from conclave import (
    Event,
    Message,
    MessageCompleted,
    MessageDelta,
    RunCompleted,
    RunFailed,
    RunStarted,
    StreamRestarted,
    ToolCall,
    ToolCallCompleted,
    ToolCallRequested,
    Usage,
    UsageRecorded,
    dump_event,
    event_to_dict,
    load_event,
)
from conclave.engine.events import (
    ApprovalDecided,
    ApprovalRequested,
    BudgetExceededEvent,
    BudgetSpike,
    ContextWritten,
    GuardVerdict,
    HandoffOccurred,
    SlaBreached,
    SpeakerSelected,
    StepCompleted,
    StepFailed,
    StepSkipped,
    StepStarted,
    TurnStarted,
    durable,
)

BASE = {"run_id": "run_1", "author": "team/researcher"}

SAMPLES: list[Event] = [
    RunStarted(seq=1, input="find the facts", **BASE),
    MessageDelta(seq=2, text="par", **BASE),
    StreamRestarted(seq=2, reason="dropped", attempt=2, **BASE),
    MessageCompleted(
        seq=3,
        message=Message.assistant(
            "calling",
            author="team/researcher",
            tool_calls=(ToolCall(id="c1", name="search", arguments={"q": "x", "n": [1, 2]}),),
            usage=Usage(input_tokens=10, output_tokens=2),
        ),
        **BASE,
    ),
    ToolCallRequested(
        seq=4, call_id="c1", tool="search", arguments={"q": "x"}, idempotent=True, **BASE
    ),
    ToolCallCompleted(seq=5, call_id="c1", tool="search", result="found", duration_ms=1.5, **BASE),
    UsageRecorded(
        seq=6, model="openai:gpt-4o", usage=Usage(input_tokens=5), cost_usd=0.001, **BASE
    ),
    RunCompleted(seq=7, output="done", usage=Usage(input_tokens=15, output_tokens=2), **BASE),
    RunFailed(seq=7, error="budget", error_type="BudgetExceeded", **BASE),
    TurnStarted(turn=2, seq=8, **BASE),
    SpeakerSelected(
        speaker="writer", method="scores", scores={"writer": {"fit": 0.9}}, seq=8, **BASE
    ),
    HandoffOccurred(source="triage", target="billing", reason="an invoice", seq=8, **BASE),
    ContextWritten(
        namespace="team", key="facts", value=[1, {"a": None}], op="append", seq=8, **BASE
    ),
    StepStarted(step="draft", attempt=2, seq=8, **BASE),
    StepCompleted(step="draft", output="a draft", seq=8, **BASE),
    StepFailed(step="draft", error="boom", action="retry", seq=8, **BASE),
    StepSkipped(step="review", reason="condition false", seq=8, **BASE),
    ApprovalRequested(
        approval_id="a1", step="ship", prompt="Ship?", details={"n": 1}, seq=8, **BASE
    ),
    ApprovalDecided(approval_id="a1", granted=False, by="ana", comment="not yet", seq=8, **BASE),
    SlaBreached(step="ship", timeout_s=1.5, escalation="ops", seq=8, **BASE),
    BudgetExceededEvent(
        scope="run", limit_usd=1.0, spent_usd=0.9, estimate_usd=0.2, reason="over", seq=9, **BASE
    ),
    BudgetSpike(turn_cost_usd=0.3, daily_limit_usd=2.0, share=0.15, seq=9, **BASE),
    GuardVerdict(
        source="tool",
        verdict="block",
        score=0.9,
        reasons=("instruction_override:en",),
        applied="blocked",
        tool="fetch",
        call_id="c1",
        seq=9,
        **BASE,
    ),
]


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: e.kind)
def test_every_event_survives_a_json_round_trip(event: Event) -> None:
    assert load_event(dump_event(event)) == event
    assert load_event(event_to_dict(event)) == event


def test_the_samples_cover_every_kind_of_event() -> None:
    union = typing.get_args(typing.get_args(Event)[0])
    assert {e.kind for e in SAMPLES} == {cls.__dataclass_fields__["kind"].default for cls in union}


def test_the_union_is_tagged_by_kind() -> None:
    data = event_to_dict(SAMPLES[0])
    assert data["kind"] == "run.started"
    with pytest.raises(ValidationError):
        load_event({**data, "kind": "run.exploded"})


def test_only_token_deltas_are_live_only() -> None:
    assert [e.kind for e in SAMPLES if not e.durable] == ["message.delta"]
    assert len(durable(SAMPLES)) == len(SAMPLES) - 1


def test_tool_request_has_an_idempotency_key_of_run_and_step() -> None:
    requested = SAMPLES[4]
    assert isinstance(requested, ToolCallRequested)
    assert requested.idempotency_key == "run_1:4"


def test_events_are_immutable() -> None:
    with pytest.raises(AttributeError):
        SAMPLES[0].seq = 9  # type: ignore[misc]
