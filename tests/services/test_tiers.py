"""Tiers: the built-ins, and a tiers file that changes or adds to them."""

from __future__ import annotations

import json
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from conclave.adapters.limits import Rate
from conclave.config import Settings
from conclave.errors import ConfigError, UnknownName
from conclave.services.tiers import BUILT_IN, Tier, Tiers, load_tiers

STARTUP = {
    "requests_per_minute": 300,
    "concurrent_runs": 5,
    "max_agents": 20,
    "budgets": {"per_turn": "0.20", "per_run": "2", "per_day": "10", "per_month": "100"},
}


def _tiers_from(tmp_path: Path, name: str, text: str) -> Tiers:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_tiers(Settings(_env_file=None, tiers_file=path))


def test_without_a_file_the_built_in_tiers_are_the_customer_tiers_and_internal() -> None:
    tiers = load_tiers(Settings(_env_file=None))
    assert tiers.names() == ["free", "pro", "enterprise", "internal"]
    free = tiers.get("free")
    assert (free.requests_per_minute, free.concurrent_runs, free.max_agents) == (60, 2, 20)
    assert free.budgets.per_month == Decimal("20.00")


def test_each_built_in_tier_allows_more_than_the_one_below() -> None:
    for lower, higher in pairwise(BUILT_IN):
        assert higher.requests_per_minute > lower.requests_per_minute
        assert higher.concurrent_runs > lower.concurrent_runs
        assert higher.max_agents > lower.max_agents
        assert higher.budgets.per_month > lower.budgets.per_month


def test_a_tier_gives_its_request_rate_for_the_limiter() -> None:
    assert Tiers(BUILT_IN).get("pro").rate == Rate(600, 60)


def test_tiers_are_looked_up_like_a_mapping() -> None:
    tiers = Tiers(BUILT_IN)
    assert "pro" in tiers and "gold" not in tiers
    assert len(tiers) == 4
    assert list(tiers) == ["free", "pro", "enterprise", "internal"]
    assert tiers["enterprise"].name == "enterprise"


def test_an_unknown_tier_suggests_the_closest_one() -> None:
    with pytest.raises(
        UnknownName,
        match=r"unknown tier 'por'; did you mean 'pro'\? \(add tiers in CONCLAVE_TIERS_FILE\)",
    ):
        Tiers(BUILT_IN).get("por")


def test_a_yaml_file_changes_only_the_fields_it_names(tmp_path: Path) -> None:
    tiers = _tiers_from(
        tmp_path,
        "tiers.yaml",
        "pro:\n  requests_per_minute: 900\n  budgets:\n    per_day: '40.00'\n",
    )
    pro = tiers.get("pro")
    assert (pro.requests_per_minute, pro.concurrent_runs, pro.max_agents) == (900, 10, 100)
    assert (pro.budgets.per_day, pro.budgets.per_month) == (Decimal("40.00"), Decimal("200.00"))
    assert tiers.get("free") == Tiers(BUILT_IN).get("free")


def test_a_json_file_adds_a_new_tier_after_the_built_ins(tmp_path: Path) -> None:
    tiers = _tiers_from(tmp_path, "tiers.json", json.dumps({"startup": STARTUP}))
    assert tiers.names() == ["free", "pro", "enterprise", "internal", "startup"]
    assert tiers.get("startup") == Tier(name="startup", **STARTUP)


def test_money_written_as_a_yaml_number_stays_exact(tmp_path: Path) -> None:
    tiers = _tiers_from(tmp_path, "tiers.yml", "free:\n  budgets: {per_turn: 0.1}\n")
    assert tiers.get("free").budgets.per_turn == Decimal("0.1")


def test_an_empty_file_leaves_the_built_ins(tmp_path: Path) -> None:
    assert _tiers_from(tmp_path, "tiers.yaml", "").names() == [t.name for t in BUILT_IN]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("pro:\n  requests_per_minute: 0\n", r"tier 'pro': requests_per_minute: .*greater"),
        ("free:\n  budgets: {per_day: -1}\n", r"tier 'free': budgets\.per_day: .*greater"),
        ("pro:\n  concurrent_runs: lots\n", r"tier 'pro': concurrent_runs: .*'lots'"),
        ("pro:\n  request_per_minute: 5\n", r"is not a tier field; did you mean 'requests_per"),
        ("pro:\n  budgets: {per_days: 5}\n", r"budgets\.per_days .*did you mean 'per_day'"),
        (
            "gold:\n  requests_per_minute: 5\n",
            r"tier 'gold': missing concurrent_runs, max_agents, budgets \(a new tier must",
        ),
        ("pro:\n  name: gold\n", r"tier 'pro' has name 'gold'; the key is the name"),
        ("- free\n- pro\n", r"expected a mapping of tier name to fields, not a list"),
        ("just words\n", r"expected a mapping of tier name to fields, not a str"),
        ("pro: 600\n", r"tier 'pro' must be a mapping of fields, not 600"),
        ("pro:\n  requests_per_minute: [\n", r"is not valid YAML: .* at line 3"),
    ],
)
def test_a_bad_tiers_file_names_the_file_the_tier_and_the_field(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        _tiers_from(tmp_path, "tiers.yaml", text)
    assert str(caught.value).startswith(str(tmp_path / "tiers.yaml"))


def test_bad_json_is_reported_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"tiers\.json is not valid JSON: .* at line 2"):
        _tiers_from(tmp_path, "tiers.json", '{"pro":\n  {requests_per_minute: 5}}')


def test_a_missing_tiers_file_is_reported_with_the_setting_to_fix(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(ConfigError, match=r"nowhere\.yaml cannot be read .*CONCLAVE_TIERS_FILE"):
        load_tiers(Settings(_env_file=None, tiers_file=path))
