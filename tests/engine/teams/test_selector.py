from __future__ import annotations

from typing import Any

import pytest

from conclave import Agent, InMemoryRunLog, RunCompleted, RunFailed, ScriptedModel
from conclave.engine.events import Event, SpeakerSelected, TurnStarted, UsageRecorded
from conclave.engine.messages import Message, Usage
from conclave.engine.models.base import ModelRequest, ModelResponse
from conclave.engine.models.offline import OfflineModel
from conclave.engine.models.pricing import PriceTable
from conclave.engine.models.scripted import call
from conclave.engine.runlog import read_all
from conclave.engine.teams import MaxTurns, RoundRobinTeam
from conclave.engine.teams._scoring import FACTORS
from conclave.engine.teams.performance import PerformanceStore
from conclave.engine.teams.selector import SelectorTeam, SelectorWeights, parse_choice
from conclave.errors import ModelError
from tests.factories import explode

TASK = "Write a python parser for the CSV export"


def _agent(name: str, replies: list[Any], **fields: Any) -> Agent:
    fields.setdefault("description", f"the {name}")
    return Agent.define(name, model=ScriptedModel(replies), **fields)


def _coder(replies: list[Any] | None = None) -> Agent:
    replies = replies if replies is not None else ["def parse(): ..."]
    return _agent("coder", replies, expertise=["python", "parsers", "csv"])


async def _run(team: SelectorTeam, task: str = TASK, **kw: Any) -> list[Event]:
    return [event async for event in team.run(task, **kw)]


def _speakers(events: list[Event]) -> list[str]:
    return [e.author for e in events if isinstance(e, TurnStarted)]


def _selections(events: list[Event]) -> list[SpeakerSelected]:
    return [e for e in events if isinstance(e, SpeakerSelected)]


class _PricedModel:
    """A model that answers like a paid provider, so its calls cost money."""

    name = "openai:gpt-4o-mini"

    def __init__(self, answer: str) -> None:
        self.answer = answer

    async def complete(self, request: ModelRequest) -> ModelResponse:
        usage = Usage(input_tokens=1000, output_tokens=5)
        message = Message.assistant(self.answer, usage=usage)
        return ModelResponse(message=message, usage=usage, model=self.name)

    def stream(self, request: ModelRequest) -> Any:
        raise NotImplementedError("_PricedModel does not stream")


async def test_the_expert_for_the_task_speaks_first() -> None:
    team = SelectorTeam("crew", [_agent("scout", ["found it"]), _coder()])
    events = await _run(team)
    assert _speakers(events)[0] == "crew/coder"
    first = _selections(events)[0]
    assert (first.speaker, first.method, first.author) == ("coder", "scores", "crew")
    assert "coder has the highest total score" in first.reason


async def test_the_selection_carries_every_candidates_factor_scores() -> None:
    team = SelectorTeam("crew", [_agent("scout", ["found it"]), _coder(), _agent("x", ["x"])])
    events = await _run(team)
    first = _selections(events)[0]
    assert list(first.scores) == ["scout", "coder", "x"]
    for factors in first.scores.values():
        assert list(factors) == [*FACTORS, "total"]
    best = max(first.scores, key=lambda name: first.scores[name]["total"])
    assert best == first.speaker


async def test_speaker_order_and_result_follow_the_conversation() -> None:
    researcher = _agent(
        "researcher",
        ["Found three competitors. Next, analyse their pricing data."],
        description="Finds facts and sources",
        expertise=["market research", "competitors"],
    )
    analyst = _agent(
        "analyst",
        ["Their prices average 20 USD. Ready to write the recommendation."],
        description="Analyses numbers",
        expertise=["pricing analysis", "data"],
    )
    writer = _agent(
        "writer",
        ["We recommend pricing at 18 USD."],
        description="Writes clear recommendations",
        expertise=["writing", "recommendations"],
    )
    team = SelectorTeam("desk", [writer, analyst, researcher])
    events = await _run(team, "Research the competitors of our coffee shop")
    assert _speakers(events) == ["desk/researcher", "desk/analyst", "desk/writer"]
    done = events[-1]
    assert isinstance(done, RunCompleted)
    assert done.output == "We recommend pricing at 18 USD."
    assert done.reason == "reached 3 turns"


async def test_the_last_speaker_does_not_speak_twice_in_a_row() -> None:
    team = SelectorTeam(
        "crew",
        [_coder(["v1", "v2"]), _agent("scout", ["s1", "s2"])],
        termination=MaxTurns(4),
    )
    events = await _run(team)
    assert _speakers(events) == ["crew/coder", "crew/scout", "crew/coder", "crew/scout"]
    assert "coder" not in _selections(events)[1].scores


async def test_allow_repeat_lets_the_best_speaker_go_again() -> None:
    team = SelectorTeam(
        "crew",
        [_agent("scout", []), _coder(["v1", "v2"])],
        termination=MaxTurns(2),
        allow_repeat=True,
    )
    events = await _run(team)
    assert _speakers(events) == ["crew/coder", "crew/coder"]
    assert _selections(events)[1].scores["coder"]["recency"] == 0.0


async def test_a_lone_participant_that_may_not_repeat_stops_the_team() -> None:
    team = SelectorTeam("solo", [_coder()], termination=MaxTurns(5))
    events = await _run(team)
    assert _speakers(events) == ["solo/coder"]
    assert "set allow_repeat" in events[-1].reason  # type: ignore[union-attr]


async def test_each_turn_teaches_the_performance_store() -> None:
    store = PerformanceStore()
    team = SelectorTeam(
        "crew",
        [
            _coder(),
            _agent("quiet", [""]),
            _agent("clumsy", [call("explode"), "sorry"], tools=[explode]),
        ],
        performance=store,
        termination=MaxTurns(3),
        weights=SelectorWeights(recency=1, expertise=0, phase=0, complexity=0),
    )
    events = await _run(team)
    assert [store.turns(name) for name in ("coder", "quiet", "clumsy")] == [1, 1, 1]
    assert store.success_rate("coder") > 0.5
    assert store.success_rate("quiet") < 0.5  # an empty reply
    assert store.success_rate("clumsy") < 0.5  # a tool error
    order = [name.rsplit("/", 1)[-1] for name in _speakers(events)]
    assert store.affinity(order[0], order[1]) != 0.5


async def test_a_turn_that_raises_counts_as_a_failure() -> None:
    store = PerformanceStore()
    team = SelectorTeam("crew", [_coder([])], performance=store)
    events = await _run(team)
    assert isinstance(events[-1], RunFailed)
    assert store.success_rate("coder") < 0.5


async def test_what_the_store_learned_changes_the_next_run() -> None:
    store = PerformanceStore()
    for _ in range(10):
        store.record_turn("coder", success=False, seconds=1.0)
        store.record_turn("coder-two", success=True, seconds=1.0)
    twin = _agent("coder-two", ["done"], expertise=["python", "parsers", "csv"])
    team = SelectorTeam("crew", [_coder(), twin], performance=store)
    events = await _run(team)
    assert _speakers(events)[0] == "crew/coder-two"


async def test_the_model_chooses_when_it_names_a_candidate() -> None:
    chooser = ScriptedModel(["Scout"])
    team = SelectorTeam(
        "crew",
        [_coder(), _agent("scout", ["found it"], expertise=["sources"])],
        termination=MaxTurns(1),
        model=chooser,
    )
    events = await _run(team)
    selected = _selections(events)[0]
    assert (selected.speaker, selected.method) == ("scout", "model")
    assert set(selected.scores) == {"coder", "scout"}
    system, prompt = chooser.requests[0].messages
    assert "[coder, scout]" in system.content
    assert "- scout — the scout (expertise: sources)" in system.content
    assert TASK in prompt.content


async def test_the_model_sees_the_recent_conversation() -> None:
    chooser = ScriptedModel(["scout", "coder"])
    team = SelectorTeam(
        "crew",
        [_coder(["line one\nline two"]), _agent("scout", ["found it"])],
        model=chooser,
        allow_repeat=True,
    )
    await _run(team)
    prompt = chooser.requests[1].messages[1].content
    assert "scout: found it" in prompt
    assert "nobody has spoken yet" in chooser.requests[0].messages[1].content


async def test_an_invalid_answer_falls_back_to_the_scores_and_says_so() -> None:
    team = SelectorTeam(
        "crew",
        [_agent("scout", ["found it"]), _coder()],
        termination=MaxTurns(1),
        model=ScriptedModel(["I would ask the intern"]),
    )
    events = await _run(team)
    selected = _selections(events)[0]
    assert selected.method == "fallback"
    assert "'I would ask the intern'" in selected.reason
    assert selected.speaker == "coder"  # the scores' choice, not the first participant
    assert _speakers(events) == ["crew/coder"]


async def test_the_model_may_only_choose_an_eligible_candidate() -> None:
    team = SelectorTeam(
        "crew",
        [_coder(["v1"]), _agent("scout", ["s1"]), _agent("third", ["t1"])],
        termination=MaxTurns(2),
        model=ScriptedModel(["third", "third"]),
        allow_repeat=False,
    )
    events = await _run(team)
    second = _selections(events)[1]
    assert (second.method, second.speaker) == ("fallback", "coder")


async def test_a_failed_model_call_falls_back_to_the_scores() -> None:
    down = ModelError("the provider is down", provider="openai")
    team = SelectorTeam(
        "crew",
        [_agent("scout", ["found it"]), _coder()],
        termination=MaxTurns(1),
        model=ScriptedModel([down]),
    )
    selected = _selections(await _run(team))[0]
    assert (selected.method, selected.speaker) == ("fallback", "coder")
    assert "the provider is down" in selected.reason


async def test_the_offline_model_can_choose() -> None:
    team = SelectorTeam(
        "crew",
        [_agent("scout", ["found it"]), _coder(), _agent("third", ["t1"])],
        model=OfflineModel(),
    )
    events = await _run(team)
    methods = {selected.method for selected in _selections(events)}
    assert methods == {"model"}
    assert sorted(_speakers(events)) == ["crew/coder", "crew/scout", "crew/third"]


async def test_the_selection_costs_money_like_any_call() -> None:
    model = _PricedModel("coder")
    team = SelectorTeam(
        "crew", [_agent("scout", ["s"]), _coder()], termination=MaxTurns(1), model=model
    )
    events = await _run(team)
    usage = next(e for e in events if isinstance(e, UsageRecorded) and e.author == "crew")
    expected = PriceTable.default().cost(model.name, usage.usage)
    assert usage.cost_usd == pytest.approx(expected) and expected > 0
    done = events[-1]
    assert isinstance(done, RunCompleted)
    assert done.cost_usd == pytest.approx(expected)
    assert done.usage.input_tokens >= 1000


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [
        ("writer", "writer"),
        ("  Writer  \n— offline model: set a real model", "writer"),
        ("**writer**", "writer"),
        ("I think this one:\nwriter", "writer"),
        ("writer, because it writes", None),
        ("not the writer", None),
        ("", None),
    ],
)
def test_parse_choice_accepts_only_a_line_that_is_a_name(answer: str, chosen: str | None) -> None:
    assert parse_choice(answer, ["researcher", "writer"]) == chosen


async def test_a_nested_team_can_be_chosen() -> None:
    research = RoundRobinTeam(
        "research-team",
        [_agent("a", ["Competitor A charges 20."]), _agent("b", ["Competitor B charges 22."])],
        description="Investigates markets",
        expertise=["market research", "competitors"],
    )
    writer = _agent("writer", ["Price at 18."], expertise=["copy"])
    team = SelectorTeam("desk", [writer, research])
    events = await _run(team, "Research the competitors and their prices")
    assert _speakers(events) == [
        "desk/research-team",
        "desk/research-team/a",
        "desk/research-team/b",
        "desk/writer",
    ]
    assert [s.speaker for s in _selections(events)] == ["research-team", "writer"]
    assert events[-1].output == "Price at 18."  # type: ignore[union-attr]


async def test_a_selector_run_is_logged_contiguously() -> None:
    log = InMemoryRunLog()
    team = SelectorTeam(
        "crew", [_coder(), _agent("scout", ["s"])], model=ScriptedModel(["scout", "coder"])
    )
    events = await _run(team, log=log)
    stored = await read_all(log, events[0].run_id)
    assert [e.seq for e in stored] == list(range(1, len(stored) + 1))
    assert [e for e in events if e.durable] == stored
