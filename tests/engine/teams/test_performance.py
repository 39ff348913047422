from __future__ import annotations

import pytest

from conclave.engine.teams.performance import PerformanceStore


def test_an_unknown_participant_is_neither_favoured_nor_held_back() -> None:
    store = PerformanceStore()
    assert store.success_rate("ghost") == 0.5
    assert store.speed("ghost") == 0.5
    assert store.affinity("a", "ghost") == 0.5
    assert store.turns("ghost") == 0


def test_success_rate_follows_successes_and_failures() -> None:
    store = PerformanceStore()
    for _ in range(3):
        store.record_turn("good", success=True, seconds=1.0)
        store.record_turn("bad", success=False, seconds=1.0)
    assert store.success_rate("good") == pytest.approx(0.8)
    assert store.success_rate("bad") == pytest.approx(0.2)
    assert store.turns("good") == 3


def test_one_turn_moves_the_rate_without_deciding_it() -> None:
    store = PerformanceStore()
    store.record_turn("lucky", success=True, seconds=1.0)
    assert 0.5 < store.success_rate("lucky") < 1.0


def test_speed_is_relative_to_the_other_participants() -> None:
    store = PerformanceStore()
    store.record_turn("fast", success=True, seconds=1.0)
    store.record_turn("slow", success=True, seconds=20.0)
    assert 0.5 < store.speed("fast") < 1.0
    assert 0.0 < store.speed("slow") < 0.5


def test_a_lone_participant_has_typical_speed() -> None:
    store = PerformanceStore()
    store.record_turn("solo", success=True, seconds=3.0)
    assert store.speed("solo") == 0.5


def test_speed_follows_new_turns() -> None:
    store = PerformanceStore()
    store.record_turn("a", success=True, seconds=1.0)
    store.record_turn("b", success=True, seconds=1.0)
    assert store.speed("a") == pytest.approx(0.5)
    store.record_turn("a", success=True, seconds=9.0)
    assert store.speed("a") < 0.5 < store.speed("b")


def test_instant_turns_do_not_divide_by_zero() -> None:
    store = PerformanceStore()
    store.record_turn("a", success=True, seconds=0.0)
    store.record_turn("b", success=True, seconds=-1.0)
    assert store.speed("a") == store.speed("b") == 0.5


def test_affinity_is_directional() -> None:
    store = PerformanceStore()
    for _ in range(4):
        store.record_transition("researcher", "writer", success=True)
        store.record_transition("writer", "researcher", success=False)
    assert store.affinity("researcher", "writer") > 0.8
    assert store.affinity("writer", "researcher") < 0.2
    assert store.affinity("writer", "editor") == 0.5
