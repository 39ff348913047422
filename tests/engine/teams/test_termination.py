from __future__ import annotations

import time

import pytest

from conclave import Message
from conclave.engine.teams import (
    AllOf,
    AnyOf,
    CostBudget,
    ExternalStop,
    HandoffToUser,
    MaxMessages,
    MaxTurns,
    TeamState,
    TextMention,
    Timeout,
    TokenBudget,
)


def _state(**fields: object) -> TeamState:
    state = TeamState(task="t")
    for key, value in fields.items():
        setattr(state, key, value)
    return state


@pytest.mark.parametrize(
    ("condition", "stopping", "going"),
    [
        (MaxTurns(3), {"turns": 3}, {"turns": 2}),
        (MaxMessages(4), {"messages": 4}, {"messages": 3}),
        (TokenBudget(100), {"tokens": 100}, {"tokens": 99}),
        (CostBudget(0.5), {"cost_usd": 0.5}, {"cost_usd": 0.49}),
        (HandoffToUser(), {"handed_to_user": True}, {"handed_to_user": False}),
        (
            TextMention("DONE"),
            {"last": Message.assistant("all DONE", author="t/a")},
            {"last": Message.assistant("not yet", author="t/a")},
        ),
    ],
)
def test_each_condition_stops_exactly_when_it_should(
    condition: object, stopping: dict[str, object], going: dict[str, object]
) -> None:
    assert condition.check(_state(**stopping))  # type: ignore[attr-defined]
    assert condition.check(_state(**going)) is None  # type: ignore[attr-defined]


def test_timeout_stops_once_the_time_has_passed() -> None:
    condition = Timeout(1.0)
    assert condition.check(_state(started=time.monotonic() - 2)) == "ran 2.0s of 1s"
    assert condition.check(_state(started=time.monotonic())) is None


def test_text_mention_can_be_limited_to_authors() -> None:
    condition = TextMention("APPROVE", authors=("reviewer",))
    assert condition.check(_state(last=Message.assistant("APPROVE", author="t/reviewer")))
    assert condition.check(_state(last=Message.assistant("APPROVE", author="t/writer"))) is None


def test_or_stops_on_either_and_says_which() -> None:
    condition = MaxTurns(5) | TextMention("DONE")
    assert isinstance(condition, AnyOf)
    assert condition.check(_state(turns=5)) == "reached 5 turns"
    assert condition.check(_state(last=Message.assistant("DONE", author="a"))) == "a said DONE"
    assert condition.check(_state(turns=1)) is None


def test_and_stops_only_when_both_hold() -> None:
    condition = MaxTurns(2) & MaxMessages(3)
    assert isinstance(condition, AllOf)
    assert condition.check(_state(turns=2, messages=2)) is None
    assert condition.check(_state(turns=2, messages=3)) == "reached 2 turns and reached 3 messages"


def test_compositions_nest_and_flatten() -> None:
    condition = (MaxTurns(9) | MaxMessages(9)) | TokenBudget(9)
    assert isinstance(condition, AnyOf)
    assert len(condition.conditions) == 3
    mixed = (MaxTurns(1) & MaxMessages(1)) | CostBudget(1.0)
    assert mixed.check(_state(cost_usd=2.0)) is not None
    assert mixed.check(_state(turns=1)) is None


def test_external_stop_stops_once_called() -> None:
    stop = ExternalStop()
    assert stop.check(_state()) is None
    stop.stop("operator pressed stop")
    assert stop.check(_state()) == "operator pressed stop"
