"""The arithmetic of the spending reports: percentiles, turn statistics, the weekly trend."""

from __future__ import annotations

import pytest

from conclave.adapters.store.repositories.costs import Turn
from conclave.services.costs import AgentEfficiency, Trends, TurnStats, percentile


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        ([5], 50, 5),
        ([5], 95, 5),
        ([1, 2, 3, 4], 50, 2),
        ([1, 2, 3, 4], 95, 4),
        (list(range(1, 101)), 95, 95),
        (list(range(1, 61)), 95, 57),  # 0.95 * 60 in floats is 57.000000000000007
        (list(range(1, 21)), 5, 1),
    ],
)
def test_percentile_is_the_nearest_rank(values: list[int], percent: int, expected: int) -> None:
    assert percentile(values, percent) == expected


def test_turn_stats_of_no_turns_are_zero() -> None:
    stats = TurnStats.of([])
    assert (stats.turns, stats.cost_nano, stats.p95_cost_nano, stats.mean_cost_nano) == (0, 0, 0, 0)


def test_turn_stats_sum_and_rank_the_turns() -> None:
    turns = [
        Turn(agent="a", run_id=f"r{n}", calls=2, tokens=10 * n, cost_nano=n) for n in (3, 1, 2)
    ]
    stats = TurnStats.of(turns, agent="a")
    assert (stats.turns, stats.calls, stats.tokens, stats.cost_nano) == (3, 6, 60, 6)
    assert (stats.p50_cost_nano, stats.p95_cost_nano, stats.p50_tokens) == (2, 3, 20)
    assert (stats.mean_cost_nano, stats.mean_tokens) == (2.0, 20.0)


def test_the_change_ratio_compares_the_last_week_with_the_one_before() -> None:
    assert Trends(days=[], last_week_nano=150, previous_week_nano=100).change_ratio == 0.5
    assert Trends(days=[], last_week_nano=5, previous_week_nano=0).change_ratio is None


def test_cost_per_success_spreads_failed_runs_over_completed_ones() -> None:
    found = AgentEfficiency(agent="a", runs=3, completed=2, failed=1, cost_nano=3_000_000_000)
    assert found.cost_per_success_usd == 1.5
    none_done = AgentEfficiency(agent="a", runs=1, completed=0, failed=1, cost_nano=1)
    assert none_done.cost_per_success_usd is None
