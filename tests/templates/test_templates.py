"""The five workflow templates: they parse, and each runs to the end on the offline model
with its real tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from conclave.demo import AGENTS_DIR as DEMO_AGENTS_DIR
from conclave.engine.approvals import Approver, ScriptedApprover
from conclave.engine.events import (
    Event,
    RunCompleted,
    RunFailed,
    StepCompleted,
    StepStarted,
    ToolCallCompleted,
)
from conclave.engine.factory import AgentFactory
from conclave.engine.models.base import ModelClient
from conclave.engine.models.offline import OfflineModel
from conclave.engine.models.scripted import ScriptedModel
from conclave.engine.specs import AgentSpec, load_agent_specs
from conclave.engine.team_specs import TeamFactory, TeamSpec, load_specs
from conclave.engine.teams._graph_spec import GraphSpec
from conclave.engine.teams.base import Team
from conclave.engine.teams.graph import GraphWorkflow
from conclave.templates import AGENTS_DIR, TEAMS_DIR, TEMPLATE_NAMES, TEMPLATE_TOOLS

TOOLS = {tool.name: tool for tool in TEMPLATE_TOOLS}
AGENT_SPECS, _ = load_specs(AGENTS_DIR)
_, TEAM_SPECS = load_specs(TEAMS_DIR)

STRATEGY_TASK = (
    "Should we open a bike-repair subscription in Porto? Market: population 250000, "
    'adoption 6%, price 120, capture 10%. Finance: rate_percent=8, cash_flows="-200000, '
    '60000, 80000, 90000, 100000".'
)
LAUNCH_TASK = (
    "Launch a meal-kit app for students: price 30, unit cost 18, cac 45, monthly churn 6%, "
    'fixed costs 120000. Start 2025-03-03 with tasks="recipes, app, marketing" and '
    "days_each=14."
)
ENTRY_TASK = (
    "Enter the German e-bike market: population 2000000, adoption 8%, price 1500, capture 3%. "
    'Risks: risks="import tariffs, local competition, dealer network" likelihoods="3, 4, 2" '
    'impacts="4, 3, 5". Start 2025-04-01 with tasks="partner search, pilot, roll-out" and '
    "days_each=30."
)
TRADE_TASK = (
    "Trade XOM: quantity 50 with capital 100000. News: Exxon beats earnings as output "
    "surges; analysts upgrade the stock."
)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONCLAVE_DATA_DIR", str(tmp_path))


def build(name: str, *, approver: Approver | None = None) -> Team:
    factory = AgentFactory(tools=TEMPLATE_TOOLS, model=OfflineModel())
    return TeamFactory(factory, AGENT_SPECS, TEAM_SPECS).build(name, approver=approver)


async def run(team: Team, task: str) -> list[Event]:
    return [event async for event in team.run(task)]


def completed(events: Sequence[Event]) -> list[str]:
    return [e.step for e in events if isinstance(e, StepCompleted)]


def output(events: Sequence[Event], step: str) -> str:
    return next(e.output for e in events if isinstance(e, StepCompleted) and e.step == step)


def results(events: Sequence[Event], tool: str) -> list[str]:
    return [e.result for e in events if isinstance(e, ToolCallCompleted) and e.tool == tool]


def finished(events: Sequence[Event]) -> RunCompleted:
    failures = [e.error for e in events if isinstance(e, RunFailed)]
    assert not failures, failures
    last = events[-1]
    assert isinstance(last, RunCompleted)
    return last


def test_the_five_templates_are_graph_teams_with_their_names() -> None:
    assert set(TEAM_SPECS) == set(TEMPLATE_NAMES)
    assert all(spec.kind == "graph" and spec.graph is not None for spec in TEAM_SPECS.values())


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_a_template_parses_as_a_team_spec_and_a_workflow(name: str) -> None:
    spec = TeamSpec.from_file(TEAMS_DIR / f"{name}.yaml")
    assert spec.steps is not None
    workflow = GraphSpec.from_data({"steps": list(spec.steps)}, source=name)
    assert [step.id for step in workflow.steps] == [step["id"] for step in spec.steps]
    assert spec.description


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_a_template_names_only_template_agents_and_tools(name: str) -> None:
    spec = TEAM_SPECS[name]
    assert set(spec.members) <= set(AGENT_SPECS)
    assert {tool for _, tool in spec.step_tools} <= set(TOOLS)
    assert isinstance(build(name), GraphWorkflow)


def test_template_agents_do_not_clash_with_the_demo_agents() -> None:
    demo = load_agent_specs(DEMO_AGENTS_DIR)
    assert not set(AGENT_SPECS) & set(demo)
    assert not set(AGENT_SPECS) & set(TEAM_SPECS)


@pytest.mark.parametrize("spec", AGENT_SPECS.values(), ids=lambda spec: spec.name)
def test_a_template_agent_states_its_role_and_uses_template_tools(spec: AgentSpec) -> None:
    assert spec.description and spec.personality and spec.expertise
    assert spec.instructions.startswith("You are the ")
    assert set(spec.tools) <= set(TOOLS)


def test_every_template_tool_is_used_by_an_agent_or_a_step() -> None:
    used = {tool for spec in AGENT_SPECS.values() for tool in spec.tools}
    used |= {tool for spec in TEAM_SPECS.values() for _, tool in spec.step_tools}
    assert used == set(TOOLS)


async def test_strategic_analysis_runs_market_then_finance_then_synthesis() -> None:
    events = await run(build("strategic-analysis"), STRATEGY_TASK)
    assert finished(events).reason == "completed 3 of 3 steps"
    assert completed(events) == ["market", "financials", "synthesis"]
    sized = json.loads(results(events, "market_size")[0])
    assert (sized["tam"], sized["sam"], sized["som"]) == (30_000_000, 1_800_000, 180_000)
    assert json.loads(results(events, "npv")[0])["npv"] == 69_090.55
    assert json.loads(results(events, "irr")[0])["irr_percent"] == 21.4113
    assert "npv: 69090.55" in output(events, "financials")


async def test_product_launch_runs_validation_to_execution() -> None:
    events = await run(build("product-launch"), LAUNCH_TASK)
    finished(events)
    assert completed(events) == ["validation", "go_to_market", "financial_plan", "execution"]
    assert json.loads(results(events, "unit_economics")[0])["ltv_to_cac"] == 4.44
    assert json.loads(results(events, "break_even")[0])["break_even_units"] == 10_000
    timeline = json.loads(results(events, "plan_timeline")[0])
    assert (timeline["finish"], timeline["total_days"]) == ("2025-04-13", 42)


async def test_market_entry_runs_research_to_implementation() -> None:
    events = await run(build("market-entry"), ENTRY_TASK)
    finished(events)
    assert completed(events) == ["research", "entry_strategy", "risk_assessment", "implementation"]
    assert json.loads(results(events, "market_size")[0])["som"] == 7_200_000
    ranked = json.loads(results(events, "risk_matrix")[-1])["ranked"]
    assert [risk["risk"] for risk in ranked] == [
        "import tariffs",
        "local competition",
        "dealer network",
    ]
    assert json.loads(results(events, "plan_timeline")[0])["finish"] == "2025-06-29"


@pytest.mark.slow
async def test_software_delivery_tests_deploys_and_checks_the_code(tmp_path: Path) -> None:
    approver = ScriptedApprover([True])
    events = await run(
        build("software-delivery", approver=approver),
        "Write a function that turns a title into a slug.",
    )
    assert finished(events).reason == "completed 8 of 8 steps"
    assert "deployment" in approver.requests[0].prompt  # a deployment waits for a person
    order = completed(events)
    assert order[:2] == ["research", "code"]
    assert set(order[2:5]) == {"solution", "tests", "lint"}  # tests and lint run side by side
    assert order.index("solution") < order.index("lint")
    assert order[5:] == ["validate", "deploy", "monitor"]
    assert output(events, "solution").startswith("# Bundled example solution")
    validated = json.loads(output(events, "validate"))
    assert (validated["verdict"], validated["passed"], validated["failed"]) == ("PASS", 5, 0)
    monitored = json.loads(output(events, "monitor"))
    assert (monitored["status"], monitored["public_names"]) == (
        "HEALTHY",
        ["moving_average", "slugify", "word_frequencies"],
    )
    assert (tmp_path / "deployments" / "solution" / "manifest.json").exists()


GOOD_REPLY = (
    "```python\ndef slug(text):\n    return '-'.join(text.lower().split())\n```\n"
    "```python\nfrom solution import slug\n\n\ndef test_slug():\n"
    "    assert slug('Hello World') == 'hello-world'\n```"
)
BAD_REPLY = GOOD_REPLY.replace("'-'.join", "'_'.join")


def delivery(coder: ModelClient) -> GraphWorkflow:
    """The software-delivery workflow with a scripted coder and the offline researcher."""
    factory = AgentFactory(tools=TEMPLATE_TOOLS, model=OfflineModel())
    graph = TEAM_SPECS["software-delivery"].graph
    assert graph is not None
    agents = {
        "tech_researcher": factory.build(AGENT_SPECS["tech_researcher"]),
        "coder": factory.build(AGENT_SPECS["coder"], model=coder),
    }
    approver = ScriptedApprover([True])
    return GraphWorkflow("software-delivery", graph, agents=agents, tools=TOOLS, approver=approver)


@pytest.mark.slow
async def test_software_delivery_sends_failing_tests_back_to_the_coder() -> None:
    coder = ScriptedModel([BAD_REPLY, GOOD_REPLY])
    events = await run(delivery(coder), "Write slug(text).")
    finished(events)
    verdicts = [json.loads(result)["verdict"] for result in results(events, "run_tests")]
    assert verdicts == ["FAIL", "PASS"]
    assert completed(events).count("code") == 2
    assert json.loads(output(events, "monitor"))["public_names"] == ["slug"]


@pytest.mark.slow
async def test_software_delivery_gives_up_after_two_more_rounds_and_deploys_nothing() -> None:
    coder = ScriptedModel([BAD_REPLY] * 3)
    events = await run(delivery(coder), "Write slug(text).")
    finished(events)
    assert completed(events).count("code") == 3
    assert "deploy" not in completed(events)
    assert "test_slug: AssertionError" in output(events, "validate")


async def test_trading_desk_runs_research_and_news_in_parallel_then_trades() -> None:
    approver = ScriptedApprover([True, True])  # the desk's gate, then the trader's order
    events = await run(build("trading-desk", approver=approver), TRADE_TASK)
    assert finished(events).reason == "completed 6 of 6 steps"
    steps = [(e.kind, e.step) for e in events if isinstance(e, StepStarted | StepCompleted)]
    # Research and sentiment both start before either ends: they run side by side.
    assert {step for _, step in steps[:2]} == {"research", "sentiment"}
    assert {kind for kind, _ in steps[:2]} == {"step.started"}
    assert set(completed(events)[:2]) == {"research", "sentiment"}
    assert completed(events)[2:] == ["signal", "risk", "approval", "execution"]
    assert "signal: BUY" in output(events, "signal")
    assert "verdict: PASS" in output(events, "risk")
    assert json.loads(results(events, "news_sentiment")[0])["label"] == "positive"
    trade = json.loads(results(events, "paper_trade")[0])
    assert (trade["symbol"], trade["side"], trade["quantity"], trade["price"]) == (
        "XOM",
        "BUY",
        50,
        64.66,
    )
    steps = [request.step for request in approver.requests]
    assert steps[0] == "approval" and steps[1].startswith("tool:")


async def test_trading_desk_places_no_trade_when_the_approval_is_denied(tmp_path: Path) -> None:
    events = await run(build("trading-desk", approver=ScriptedApprover([False])), TRADE_TASK)
    failed = events[-1]
    assert isinstance(failed, RunFailed)
    assert "failed at step 'approval'" in failed.error
    assert "execution" not in completed(events)
    assert not (tmp_path / "paper_trades.json").exists()


async def test_trading_desk_asks_nobody_when_the_signal_says_hold() -> None:
    approver = ScriptedApprover([])
    task = TRADE_TASK.replace("XOM", "AAPL")  # AAPL's averages are within the 0.5% band
    events = await run(build("trading-desk", approver=approver), task)
    finished(events)
    assert "signal: HOLD" in output(events, "signal")
    assert completed(events)[-1] == "risk"
    assert approver.requests == []
