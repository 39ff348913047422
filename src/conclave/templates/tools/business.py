"""Business-analysis tools: market size, discounted cash flows, break-even, unit economics,
risk scoring and timelines. Each computes from the figures it is given, and says which
figure to fix when one cannot work."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from conclave.engine.tools import tool
from conclave.errors import ToolFailed

IRR_TOLERANCE = 1e-10
MAX_TASKS = 200
MAX_TASK_DAYS = 3650
_IRR_LOW = -0.9999  # a rate of -100% would divide by zero
_IRR_HIGH = 1000.0  # +100,000%: any higher root is of no practical use
_RISK_LEVELS = ((20, "critical"), (10, "high"), (5, "medium"), (1, "low"))


def _percent(value: float, name: str, tool_name: str) -> float:
    if not 0 <= value <= 100:
        raise ToolFailed(f"{name} must be from 0 to 100 (a percentage)", tool=tool_name)
    return value / 100


@tool(idempotent=True, timeout=5)
def market_size(
    population: int, adoption_percent: float, price: float, share_percent: float
) -> dict[str, float]:
    """Size a market top-down, in money per period and in customers: TAM is the whole
    population buying at the price, SAM the adoption_percent of it that adopts this kind
    of product, SOM the share_percent of SAM you can win.
    """
    if population < 0 or price < 0:
        raise ToolFailed("population and price cannot be negative", tool="market_size")
    adoption = _percent(adoption_percent, "adoption_percent", "market_size")
    share = _percent(share_percent, "share_percent", "market_size")
    sam_customers = population * adoption
    som_customers = sam_customers * share
    return {
        "tam": round(population * price, 2),
        "sam": round(sam_customers * price, 2),
        "som": round(som_customers * price, 2),
        "tam_customers": population,
        "sam_customers": round(sam_customers, 2),
        "som_customers": round(som_customers, 2),
    }


def present_value(rate: float, cash_flows: Sequence[float]) -> float:
    """The sum of ``cash_flows[t] / (1 + rate) ** t``, the first flow undiscounted."""
    return sum(flow / (1 + rate) ** period for period, flow in enumerate(cash_flows))


@tool(idempotent=True, timeout=5)
def npv(rate_percent: float, cash_flows: list[float]) -> dict[str, float]:
    """Net present value of cash flows, one per period, discounted at rate_percent per
    period: the sum of flow_t / (1 + rate)^t, the first flow (usually the negative
    investment) at period 0, not discounted.
    """
    if not cash_flows:
        raise ToolFailed("give at least one cash flow", tool="npv")
    if rate_percent <= -100:
        raise ToolFailed("rate_percent must be above -100", tool="npv")
    value = present_value(rate_percent / 100, cash_flows)
    return {"npv": round(value, 2), "rate_percent": rate_percent, "periods": len(cash_flows)}


@tool(idempotent=True, timeout=5)
def irr(cash_flows: list[float]) -> dict[str, float]:
    """Internal rate of return: the rate per period at which the NPV of the cash flows is
    zero, found by bisection. The first flow is at period 0; the flows must change sign
    (an investment, then returns).
    """
    if not any(f < 0 for f in cash_flows) or not any(f > 0 for f in cash_flows):
        raise ToolFailed(
            "the cash flows never change sign, so no rate makes their NPV zero; give the "
            "investment as a negative flow and the returns as positive ones",
            tool="irr",
        )
    low, high = _bracket(cash_flows)
    rate = _bisect(cash_flows, low, high)
    return {
        "irr_percent": round(rate * 100, 4),
        "npv_at_irr": round(present_value(rate, cash_flows), 2) + 0.0,  # never -0.0
    }


def _bracket(cash_flows: Sequence[float]) -> tuple[float, float]:
    """The first interval of rates, from low to high, over which the NPV changes sign."""
    edges = [_IRR_LOW, *(x / 100 for x in range(-99, 100)), *(2.0**k for k in range(0, 11))]
    values = [present_value(rate, cash_flows) for rate in edges]
    for index in range(len(edges) - 1):
        if values[index] == 0 or values[index] * values[index + 1] < 0:
            return edges[index], edges[index + 1]
    raise ToolFailed(
        "no rate between -99.99% and 100,000% makes the NPV zero; check the cash flows",
        tool="irr",
    )


def _bisect(cash_flows: Sequence[float], low: float, high: float) -> float:
    low_value = present_value(low, cash_flows)
    if low_value == 0:
        return low
    while high - low > IRR_TOLERANCE:
        middle = (low + high) / 2
        value = present_value(middle, cash_flows)
        if value == 0:
            return middle
        if (value < 0) == (low_value < 0):
            low, low_value = middle, value
        else:
            high = middle
    return (low + high) / 2


@tool(idempotent=True, timeout=5)
def break_even(fixed_costs: float, price: float, unit_cost: float) -> dict[str, float]:
    """Units to sell to cover fixed costs, fixed_costs / (price - unit_cost) rounded up,
    with the revenue at that point and the contribution margin per unit.
    """
    if fixed_costs < 0:
        raise ToolFailed("fixed_costs cannot be negative", tool="break_even")
    margin = price - unit_cost
    if margin <= 0:
        raise ToolFailed(
            f"each unit loses {-margin:g} (price {price:g} <= unit cost {unit_cost:g}), so "
            "sales never cover fixed costs; raise the price or lower the unit cost",
            tool="break_even",
        )
    units = math.ceil(fixed_costs / margin)
    return {
        "break_even_units": units,
        "break_even_revenue": round(units * price, 2),
        "contribution_margin": round(margin, 2),
        "contribution_margin_percent": round(margin / price * 100, 2),
    }


@tool(idempotent=True, timeout=5)
def unit_economics(
    price: float, unit_cost: float, cac: float, monthly_churn_percent: float
) -> dict[str, Any]:
    """Subscription unit economics from the monthly price and cost per customer, the cost
    to acquire a customer (cac) and the monthly churn: lifetime = 1 / churn months, LTV =
    monthly margin x lifetime, payback = cac / monthly margin. Verdict: healthy when
    LTV/CAC >= 3 and payback <= 12 months, viable when LTV/CAC >= 1, else unprofitable.
    """
    if price <= 0 or cac < 0 or unit_cost < 0:
        raise ToolFailed(
            "price must be positive; unit_cost and cac not negative", tool="unit_economics"
        )
    if not 0 < monthly_churn_percent <= 100:
        raise ToolFailed(
            "monthly_churn_percent must be above 0 and at most 100", tool="unit_economics"
        )
    margin = price - unit_cost
    lifetime = 100 / monthly_churn_percent
    ltv = margin * lifetime
    ratio = ltv / cac if cac else math.inf
    payback = cac / margin if margin > 0 else None
    return {
        "monthly_margin": round(margin, 2),
        "margin_percent": round(margin / price * 100, 2),
        "lifetime_months": round(lifetime, 2),
        "ltv": round(ltv, 2),
        "ltv_to_cac": round(ratio, 2) if math.isfinite(ratio) else None,
        "payback_months": round(payback, 2) if payback is not None else None,
        "verdict": _verdict(ratio, payback),
    }


def _verdict(ratio: float, payback: float | None) -> str:
    if payback is not None and ratio >= 3 and payback <= 12:
        return "healthy"
    return "viable" if ratio >= 1 and payback is not None else "unprofitable"


@tool(idempotent=True, timeout=5)
def risk_matrix(risks: list[str], likelihoods: list[int], impacts: list[int]) -> dict[str, Any]:
    """Score and rank risks on a 5x5 matrix: each risk's likelihood and impact (1 to 5,
    matched by position) give score = likelihood x impact; critical from 20, high from 10,
    medium from 5, else low. Ranked by score, then impact.
    """
    if not (len(risks) == len(likelihoods) == len(impacts)) or not risks:
        raise ToolFailed(
            f"give one likelihood and one impact per risk; got {len(risks)} risks, "
            f"{len(likelihoods)} likelihoods and {len(impacts)} impacts",
            tool="risk_matrix",
        )
    if any(not 1 <= value <= 5 for value in (*likelihoods, *impacts)):
        raise ToolFailed(
            "likelihoods and impacts must be whole numbers from 1 to 5", tool="risk_matrix"
        )
    rows = sorted(
        zip(risks, likelihoods, impacts, strict=True),
        key=lambda row: (-row[1] * row[2], -row[2]),
    )
    ranked = [
        {"rank": rank, "risk": risk, "likelihood": lk, "impact": im, "score": lk * im,
         "level": _level(lk * im)}
        for rank, (risk, lk, im) in enumerate(rows, 1)
    ]  # fmt: skip
    counts = {level: sum(r["level"] == level for r in ranked) for _, level in _RISK_LEVELS}
    return {"ranked": ranked, "top_risk": ranked[0]["risk"], "levels": counts}


def _level(score: int) -> str:
    return next(level for floor, level in _RISK_LEVELS if score >= floor)


@tool(idempotent=True, timeout=5)
def plan_timeline(start: dt.date, tasks: list[str], days_each: int = 7) -> dict[str, Any]:
    """Lay tasks end to end from a start date (YYYY-MM-DD), days_each calendar days each,
    and give each one's start and end date, and the finish date.
    """
    if not tasks:
        raise ToolFailed("give at least one task", tool="plan_timeline")
    if not 1 <= days_each <= MAX_TASK_DAYS or len(tasks) > MAX_TASKS:
        raise ToolFailed(
            f"give at most {MAX_TASKS} tasks of 1 to {MAX_TASK_DAYS} days each",
            tool="plan_timeline",
        )
    milestones = []
    for index, task in enumerate(tasks):
        begins = start + dt.timedelta(days=index * days_each)
        ends = begins + dt.timedelta(days=days_each - 1)
        milestones.append({"task": task, "start": begins.isoformat(), "end": ends.isoformat()})
    return {
        "milestones": milestones,
        "finish": milestones[-1]["end"],
        "total_days": len(tasks) * days_each,
    }
