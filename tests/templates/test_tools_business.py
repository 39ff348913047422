from __future__ import annotations

import math

import pytest

from conclave.templates.tools.business import (
    break_even,
    irr,
    market_size,
    npv,
    plan_timeline,
    risk_matrix,
    unit_economics,
)


def discounted(rate: float, flows: list[float]) -> float:
    return sum(flow / (1 + rate) ** t for t, flow in enumerate(flows))


async def test_market_size_narrows_tam_to_sam_to_som() -> None:
    result = await market_size(population=250_000, adoption_percent=6, price=120, share_percent=10)
    assert result == {
        "tam": 250_000 * 120,
        "sam": 250_000 * 0.06 * 120,
        "som": round(250_000 * 0.06 * 0.10 * 120, 2),
        "tam_customers": 250_000,
        "sam_customers": 15_000,
        "som_customers": 1_500,
    }


async def test_market_size_wants_percentages() -> None:
    result = await market_size.run(
        {"population": 10, "adoption_percent": 120, "price": 1, "share_percent": 5}
    )
    assert result.is_error
    assert "adoption_percent must be from 0 to 100" in result.content


async def test_npv_discounts_each_flow_from_period_zero() -> None:
    flows = [-1000.0, 300.0, 400.0, 500.0]
    expected = -1000 + 300 / 1.1 + 400 / 1.1**2 + 500 / 1.1**3
    assert await npv(rate_percent=10, cash_flows=flows) == {
        "npv": round(expected, 2),
        "rate_percent": 10,
        "periods": 4,
    }


async def test_npv_needs_cash_flows() -> None:
    assert (await npv.run({"rate_percent": 5, "cash_flows": []})).is_error


@pytest.mark.parametrize(
    ("flows", "rate"), [([-100.0, 110.0], 10.0), ([-100.0, 0.0, 121.0], 10.0), ([-50.0, 50.0], 0.0)]
)
async def test_irr_finds_known_rates(flows: list[float], rate: float) -> None:
    assert (await irr(cash_flows=flows))["irr_percent"] == rate


async def test_irr_zeroes_the_npv() -> None:
    flows = [-200_000.0, 60_000.0, 80_000.0, 90_000.0, 100_000.0]
    result = await irr(cash_flows=flows)
    assert abs(discounted(result["irr_percent"] / 100, flows)) < 5  # 4 decimals of a percent
    assert result["irr_percent"] == 21.4113
    assert result["npv_at_irr"] == 0.0


async def test_irr_explains_flows_that_never_change_sign() -> None:
    result = await irr.run({"cash_flows": [100, 200]})
    assert result.is_error
    assert "never change sign" in result.content


async def test_break_even_rounds_units_up() -> None:
    result = await break_even(fixed_costs=50_000, price=25, unit_cost=10)
    assert result == {
        "break_even_units": math.ceil(50_000 / 15),
        "break_even_revenue": math.ceil(50_000 / 15) * 25,
        "contribution_margin": 15,
        "contribution_margin_percent": 60,
    }


async def test_break_even_refuses_a_price_below_cost() -> None:
    result = await break_even.run({"fixed_costs": 100, "price": 8, "unit_cost": 10})
    assert result.is_error
    assert "raise the price or lower the unit cost" in result.content


async def test_unit_economics_from_margin_churn_and_cac() -> None:
    result = await unit_economics(price=30, unit_cost=18, cac=45, monthly_churn_percent=6)
    ltv = (30 - 18) * (1 / 0.06)
    assert result == {
        "monthly_margin": 12,
        "margin_percent": 40,
        "lifetime_months": round(1 / 0.06, 2),
        "ltv": round(ltv, 2),
        "ltv_to_cac": round(ltv / 45, 2),
        "payback_months": 45 / 12,
        "verdict": "healthy",
    }


@pytest.mark.parametrize(
    ("price", "cac", "verdict"),
    [(50, 300, "healthy"), (50, 900, "viable"), (12, 300, "unprofitable")],
)
async def test_unit_economics_verdict(price: float, cac: float, verdict: str) -> None:
    result = await unit_economics(price=price, unit_cost=10, cac=cac, monthly_churn_percent=4)
    assert result["verdict"] == verdict


async def test_unit_economics_without_margin_has_no_payback() -> None:
    result = await unit_economics(price=10, unit_cost=10, cac=100, monthly_churn_percent=5)
    assert (result["payback_months"], result["verdict"]) == (None, "unprofitable")


async def test_risk_matrix_ranks_by_score_then_impact() -> None:
    result = await risk_matrix(
        risks=["churn", "regulation", "supplier delay", "typo"],
        likelihoods=[4, 2, 3, 1],
        impacts=[3, 5, 4, 1],
    )
    assert [(r["risk"], r["score"], r["level"]) for r in result["ranked"]] == [
        ("supplier delay", 12, "high"),  # ties with churn at 12, but hurts more
        ("churn", 12, "high"),
        ("regulation", 10, "high"),
        ("typo", 1, "low"),
    ]
    assert result["top_risk"] == "supplier delay"
    assert result["levels"] == {"critical": 0, "high": 3, "medium": 0, "low": 1}


@pytest.mark.parametrize(
    ("likelihoods", "impacts", "message"),
    [([1, 2], [1], "one likelihood and one impact per risk"), ([0, 6], [1, 1], "from 1 to 5")],
)
async def test_risk_matrix_checks_its_inputs(
    likelihoods: list[int], impacts: list[int], message: str
) -> None:
    result = await risk_matrix.run(
        {"risks": ["a", "b"], "likelihoods": likelihoods, "impacts": impacts}
    )
    assert result.is_error
    assert message in result.content


async def test_plan_timeline_lays_tasks_end_to_end() -> None:
    result = await plan_timeline.run(
        {"start": "2025-03-03", "tasks": ["research", "build", "launch"], "days_each": 10}
    )
    assert result.content == (
        '{"milestones": [{"task": "research", "start": "2025-03-03", "end": "2025-03-12"}, '
        '{"task": "build", "start": "2025-03-13", "end": "2025-03-22"}, '
        '{"task": "launch", "start": "2025-03-23", "end": "2025-04-01"}], '
        '"finish": "2025-04-01", "total_days": 30}'
    )


@pytest.mark.parametrize(
    "arguments",
    [
        {"start": "2025-03-03", "tasks": [], "days_each": 7},
        {"start": "2025-03-03", "tasks": ["a"], "days_each": 0},
        {"start": "2025-03-03", "tasks": ["a"], "days_each": 2_000_000},
        {"start": "next Monday", "tasks": ["a"]},
    ],
)
async def test_plan_timeline_refuses_what_it_cannot_date(arguments: dict[str, object]) -> None:
    assert (await plan_timeline.run(arguments)).is_error


def test_business_tools_are_idempotent_and_need_no_approval() -> None:
    tools = (market_size, npv, irr, break_even, unit_economics, risk_matrix, plan_timeline)
    assert all(tool.idempotent and not tool.requires_approval for tool in tools)
