from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from conclave import Agent, ScriptedModel
from conclave.engine.models.offline import OFFLINE_NOTICE
from conclave.engine.teams import RoundRobinTeam, TeamState
from conclave.engine.teams._scoring import FACTORS, keywords, read_signals, stem
from conclave.engine.teams.performance import PerformanceStore
from conclave.engine.teams.selector import SelectorWeights, score_candidates
from conclave.errors import SpecError
from tests.factories import add, shout

COMPLEX_TASK = (
    "Design the database schema and the API for the payments service; it must support "
    "idempotent retries, authentication with rotating keys, and 10000 requests per second. "
    "Then write the migration plan, benchmark the latency of the three candidate queues, "
    "add regression tests for concurrency, and also document the deployment pipeline, the "
    "rollback procedure and the encryption of data at rest for the compliance review."
)


def _agent(name: str, **fields: Any) -> Agent:
    return Agent.define(name, model=ScriptedModel([]), **fields)


def _score(
    task: str,
    agents: Sequence[Any],
    *,
    last: str = "",
    speakers: Sequence[str] = (),
    performance: PerformanceStore | None = None,
    allow_repeat: bool = False,
    weights: SelectorWeights | None = None,
) -> dict[str, dict[str, float]]:
    state = TeamState(task=task, speakers=list(speakers))
    return score_candidates(
        task,
        last,
        {agent.name: agent for agent in agents},
        state,
        weights=weights or SelectorWeights(),
        performance=performance or PerformanceStore(),
        allow_repeat=allow_repeat,
    )


def _best(scores: dict[str, dict[str, float]]) -> str:
    return max(scores, key=lambda name: scores[name]["total"])


def _twins(*names: str, **fields: Any) -> list[Agent]:
    return [_agent(name, description="a helpful colleague", **fields) for name in names]


def test_default_weights_are_the_documented_ones_and_sum_to_one() -> None:
    weights = SelectorWeights()
    assert weights.as_dict() == {
        "expertise": 0.25,
        "phase": 0.20,
        "complexity": 0.15,
        "collaboration": 0.15,
        "performance": 0.10,
        "recency": 0.10,
        "urgency": 0.05,
    }
    assert sum(weights.as_dict().values()) == pytest.approx(1.0)


def test_weights_that_do_not_sum_to_one_are_normalised() -> None:
    weights = SelectorWeights(
        expertise=2, phase=1, complexity=1, collaboration=0, performance=0, recency=0, urgency=0
    )
    assert weights.expertise == pytest.approx(0.5)
    assert weights.phase == pytest.approx(0.25)
    assert sum(weights.as_dict().values()) == pytest.approx(1.0)


def test_weights_from_a_mapping_keep_defaults_for_factors_left_out() -> None:
    weights = SelectorWeights.from_mapping({"expertise": 0.25, "urgency": 0.05})
    assert weights == SelectorWeights()


def test_an_unknown_weight_suggests_the_closest_factor() -> None:
    with pytest.raises(SpecError, match="did you mean 'expertise'"):
        SelectorWeights.from_mapping({"expertize": 0.5})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"recency": -0.1}, "use 0 or more"),
        ({"phase": "high"}, "must be a number"),
        ({"phase": float("nan")}, "must be a number"),
        (dict.fromkeys(FACTORS, 0), "all zero"),
    ],
)
def test_bad_weights_are_refused(data: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        SelectorWeights.from_mapping(data)


def test_keywords_are_lower_cased_stemmed_and_free_of_stop_words() -> None:
    assert keywords("The Planner planned the plans while planning") == {"plan"}
    assert stem("strategies") == "strategy"
    assert stem("analysis") == "analysis"
    assert keywords("Engineering needs engineers") == {stem("engineer")}


def test_scores_cover_every_factor_between_zero_and_one_and_total_their_weighted_sum() -> None:
    weights = SelectorWeights()
    scores = _score("Research the market", _twins("a", "b"), weights=weights)
    for factors in scores.values():
        assert list(factors) == [*FACTORS, "total"]
        assert all(0.0 <= value <= 1.0 for value in factors.values())
        expected = sum(weights.as_dict()[name] * factors[name] for name in FACTORS)
        assert factors["total"] == pytest.approx(expected, abs=1e-3)


def test_the_expert_for_the_task_wins_on_expertise() -> None:
    researcher = _agent("researcher", description="Finds sources", expertise=["market research"])
    coder = _agent("coder", description="Writes software", expertise=["python", "parsers"])
    scores = _score("Write a Python parser for CSV files", [researcher, coder])
    assert scores["coder"]["expertise"] > scores["researcher"]["expertise"]
    assert _best(scores) == "coder"


def test_the_newest_message_counts_for_expertise_too() -> None:
    agents = [
        _agent("lawyer", expertise=["contracts", "liability"]),
        _agent("accountant", expertise=["taxes", "invoices"]),
    ]
    assert _best(_score("Help the client", agents, last="What about the taxes?")) == "accountant"
    assert _best(_score("Help the client", agents, last="Check the liability")) == "lawyer"


def test_expertise_counts_more_than_the_description() -> None:
    listed = _agent("listed", expertise=["pricing"])
    described = _agent("described", description="pricing")
    scores = _score("Review the pricing", [described, listed])
    assert scores["listed"]["expertise"] > scores["described"]["expertise"] > 0


def test_a_phase_keyword_shifts_the_pick() -> None:
    agents = [
        _agent("planner", description="Sets direction", expertise=["roadmaps", "strategy"]),
        _agent("builder", description="Gets things done", expertise=["implementation"]),
    ]
    early = _score("Our new product", agents, last="First we need a plan and priorities")
    late = _score("Our new product", agents, last="Good, now build and deploy it")
    assert early["planner"]["phase"] > early["builder"]["phase"]
    assert late["builder"]["phase"] > late["planner"]["phase"]
    assert (_best(early), _best(late)) == ("planner", "builder")


def test_the_phase_is_read_from_the_task_and_recent_messages() -> None:
    assert read_signals("Research the competitors", "").phase_name == "discovery"
    assert read_signals("Hello", "", ["Let us analyse the data"]).phase_name == "analysis"
    assert read_signals("Research it", "now monitor the rollout").phase_name == "monitoring"
    assert read_signals("Hello there", "").phase_name is None


def test_without_phase_signals_no_one_is_favoured_on_phase() -> None:
    scores = _score("Hello there", [_agent("planner"), _agent("builder")])
    assert scores["planner"]["phase"] == scores["builder"]["phase"] == 0.5


def test_a_complex_task_goes_to_the_more_capable_agent() -> None:
    agents = [
        _agent("junior", description="a colleague", metadata={"complexity": "low"}),
        _agent("senior", description="a colleague", metadata={"complexity": "high"}),
    ]
    assert read_signals(COMPLEX_TASK, "").complexity > 0.6
    assert _best(_score(COMPLEX_TASK, agents)) == "senior"
    assert _best(_score("Say hi", agents)) == "junior"


def test_tools_and_breadth_of_expertise_add_capacity() -> None:
    broad = _agent("broad", tools=[add, shout], expertise=["a", "b", "c", "d", "e"])
    narrow = _agent("narrow")
    scores = _score(COMPLEX_TASK, [narrow, broad])
    assert scores["broad"]["complexity"] > scores["narrow"]["complexity"]


@pytest.mark.parametrize("level", ["extreme", 3, ["high"]])
def test_an_unknown_complexity_level_is_refused(level: object) -> None:
    agent = _agent("odd", metadata={"complexity": level})
    with pytest.raises(SpecError, match="use low, medium or high"):
        _score("anything", [agent])


def test_collaboration_favours_who_did_well_after_the_previous_speaker() -> None:
    store = PerformanceStore()
    for _ in range(3):
        store.record_transition("lead", "b", success=True)
        store.record_transition("lead", "a", success=False)
    agents = [_agent("lead"), *_twins("a", "b")]
    scores = _score("Write it up", agents, speakers=["lead"], performance=store)
    assert scores["b"]["collaboration"] > scores["a"]["collaboration"]
    assert _best(scores) == "b"


def test_past_performance_favours_who_succeeded() -> None:
    store = PerformanceStore()
    for _ in range(3):
        store.record_turn("a", success=False, seconds=1.0)
        store.record_turn("b", success=True, seconds=1.0)
    scores = _score("Write it up", _twins("a", "b"), performance=store)
    assert scores["b"]["performance"] > scores["a"]["performance"]
    assert _best(scores) == "b"


def test_the_last_speaker_is_left_out_unless_repeats_are_allowed() -> None:
    agents = _twins("a", "b", "c")
    assert list(_score("task", agents, speakers=["a"])) == ["b", "c"]
    repeat = _score("task", agents, speakers=["a"], allow_repeat=True)
    assert list(repeat) == ["a", "b", "c"]
    assert repeat["a"]["recency"] == 0.0


def test_recency_favours_who_waited_longest() -> None:
    scores = _score("task", _twins("a", "b", "c", "d"), speakers=["a", "b", "c"])
    assert scores["d"]["recency"] == 1.0
    assert scores["a"]["recency"] > scores["b"]["recency"] > 0.0
    assert _best(scores) == "d"


def test_a_repeat_wins_only_when_it_outscores_the_recency_penalty() -> None:
    agents = [_agent("coder", expertise=["python", "code", "parsers"]), *_twins("b")]
    scores = _score(
        "Write python code for the parser", agents, speakers=["coder"], allow_repeat=True
    )
    assert _best(scores) == "coder"


def test_urgency_favours_the_fast_one() -> None:
    store = PerformanceStore()
    for _ in range(3):
        store.record_turn("slow", success=True, seconds=20.0)
    store.record_turn("fast", success=True, seconds=1.0)
    store.record_turn("fast", success=False, seconds=1.0)
    store.record_turn("fast", success=False, seconds=1.0)
    agents = _twins("slow", "fast")
    calm = _score("Fix the login bug", agents, performance=store)
    urgent = _score("Urgent: fix the login bug asap", agents, performance=store)
    assert calm["fast"]["urgency"] == calm["slow"]["urgency"] == 0.0
    assert urgent["fast"]["urgency"] > urgent["slow"]["urgency"]
    assert (_best(calm), _best(urgent)) == ("slow", "fast")


def test_weights_change_the_choice() -> None:
    store = PerformanceStore()
    for _ in range(5):
        store.record_turn("reliable", success=True, seconds=1.0)
        store.record_turn("expert", success=False, seconds=1.0)
    agents = [_agent("expert", expertise=["python"]), _agent("reliable")]
    task = "Write the python script"
    assert _best(_score(task, agents, performance=store)) == "expert"
    only_performance = SelectorWeights.from_mapping(dict.fromkeys(FACTORS, 0) | {"performance": 1})
    assert _best(_score(task, agents, performance=store, weights=only_performance)) == "reliable"


def test_a_team_is_scored_on_its_description_and_expertise() -> None:
    inner = RoundRobinTeam(
        "research-team", _twins("x", "y"), description="investigates", expertise=["research"]
    )
    scores = _score("Research the market", [inner, _agent("writer", expertise=["prose"])])
    assert scores["research-team"]["expertise"] > 0
    assert _best(scores) == "research-team"


def test_the_offline_models_notice_is_not_read_as_content() -> None:
    reply = f"Let us monitor the rollout.\n{OFFLINE_NOTICE}"
    signals = read_signals("Hello", reply)
    assert signals.last == keywords("Let us monitor the rollout.")
    assert signals.phase_name == "monitoring"
