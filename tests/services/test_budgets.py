"""Budgets on the server: every scope stops a run before the call that would pass it, the
ledger records each call exactly, and concurrent runs never overspend a shared budget."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from conclave.adapters.bus import InProcessBus
from conclave.adapters.store.engine import Database
from conclave.adapters.store.tables import budget_holds, cost_ledger, spend_counters
from conclave.engine.agents import Agent
from conclave.engine.approvals import ScriptedApprover
from conclave.engine.models.pricing import Price, PriceTable
from conclave.engine.models.scripted import Reply, ScriptedModel, call
from conclave.engine.oversight import ApprovalPolicy
from conclave.services.executor import RunExecutor
from conclave.services.oversight import Overseer
from conclave.services.runs import RunService
from conclave.services.tiers import Tier, TierBudgets, Tiers
from tests.services.conftest import TENANT, Effects, ScriptTargets, finished

# Output costs a cent a token and input nothing, so a call's estimate (10 output tokens at
# most) equals its cost: figures are exact.
PRICES = PriceTable({"scripted:priced": Price(input_per_mtok=0, output_per_mtok=10_000)})
CENTS_10 = 100_000_000  # $0.10 in nano-dollars


def _tier(**budgets: str) -> Tiers:
    values = {"per_turn": "0", "per_run": "0", "per_day": "0", "per_month": "0", **budgets}
    spending = TierBudgets(**{k: Decimal(v) for k, v in values.items()})
    tier = Tier(
        name="free", requests_per_minute=60, concurrent_runs=50, max_agents=20, budgets=spending
    )
    return Tiers([tier])


def _spender(*, rounds: int = 3, name: str = "worker", **budget: float) -> tuple[Agent, Any]:
    """An agent whose every call costs $0.10: ``rounds - 1`` tool calls, then a reply."""
    from conclave.engine.messages import Usage

    usage = Usage(input_tokens=0, output_tokens=10)
    script: list[Any] = [
        Reply(tool_calls=(call("effect", n=i),), usage=usage) for i in range(rounds - 1)
    ]
    script.append(Reply(text="all done", usage=usage))
    model = ScriptedModel(script, name="priced")
    effects = Effects()
    agent = Agent.define(
        name,
        model=model,
        tools=[effects.tool],
        prices=PRICES,
        max_output_tokens=10,
        budget=budget or None,
    )
    return agent, model


def _service(
    database: Database, bus: InProcessBus, targets: ScriptTargets, tiers: Tiers, **policy: Any
) -> tuple[RunService, RunExecutor]:
    approver = policy.pop("approver", None)
    overseer = Overseer(
        database,
        tiers=tiers,
        approvers=lambda tenant: approver or ScriptedApprover([]),
        policy=ApprovalPolicy(**policy),
    )
    executor = RunExecutor(
        database, bus, targets, owner="one", poll_seconds=0.05, overseer=overseer
    )
    return RunService(database, bus, targets, executor=executor), executor


async def _ledger(database: Database) -> list[tuple[str, int, int]]:
    query = select(cost_ledger.c.agent, cost_ledger.c.output_tokens, cost_ledger.c.cost_nano)
    async with database.engine.connect() as connection:
        rows = await connection.execute(query.order_by(cost_ledger.c.at))
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def _counters(database: Database) -> dict[str, tuple[int, int]]:
    query = select(
        spend_counters.c.scope, spend_counters.c.spent_nano, spend_counters.c.reserved_nano
    )
    async with database.engine.connect() as connection:
        return {scope: (spent, held) for scope, spent, held in await connection.execute(query)}


SCOPES = {
    "turn": ({"per_turn_usd": 0.25}, {}),
    "run": ({"per_run_usd": 0.25}, {}),
    "conversation": ({"per_conversation_usd": 0.25}, {}),
    "agent_day": ({"per_day_usd": 0.25}, {}),
    "tenant_day": ({}, {"per_day": "0.25"}),
    "tenant_month": ({}, {"per_month": "0.25"}),
}


@pytest.mark.parametrize("scope", SCOPES)
async def test_every_scope_stops_the_run_before_the_call_that_would_pass_it(
    scope: str, database: Database, bus: InProcessBus, targets: ScriptTargets
) -> None:
    agent_budget, tier_budget = SCOPES[scope]
    agent, model = _spender(**agent_budget)
    targets.agents["worker"] = agent
    service, executor = _service(database, bus, targets, _tier(**tier_budget))
    try:
        turn = await service.chat(TENANT, "agent", "worker", "spend")
        done = await finished(database, turn.run.id)
        events = await service.events(TENANT, turn.run.id)
    finally:
        await executor.stop()
    assert done.status == "failed" and scope in (done.error or "")
    assert model.calls == 2  # the third call was never made
    exceeded = [e for e in events if e.kind == "budget.exceeded"]
    assert [(e.scope, e.limit_usd, e.estimate_usd) for e in exceeded] == [  # type: ignore[attr-defined]
        (scope, 0.25, pytest.approx(0.10))
    ]
    assert exceeded[0].spent_usd == pytest.approx(0.20)  # type: ignore[attr-defined]
    assert await _ledger(database) == [("worker", 10, CENTS_10), ("worker", 10, CENTS_10)]


async def test_the_ledger_and_counters_hold_exact_figures_and_no_reservation_is_left(
    database: Database, bus: InProcessBus, targets: ScriptTargets
) -> None:
    agent, _ = _spender(rounds=2)
    targets.agents["worker"] = agent
    service, executor = _service(database, bus, targets, _tier(per_day="5", per_month="50"))
    try:
        for _ in range(3):
            run = await service.create(TENANT, "agent", "worker", "spend")
            assert (await finished(database, run.id)).status == "completed"
            agent, _ = _spender(rounds=2)
            targets.agents["worker"] = agent
    finally:
        await executor.stop()
    assert [cost for *_, cost in await _ledger(database)] == [CENTS_10] * 6
    counters = await _counters(database)
    day = next(key for key in counters if key.startswith("day:"))
    month = next(key for key in counters if key.startswith("month:"))
    assert counters[day] == counters[month] == (6 * CENTS_10, 0)
    async with database.engine.connect() as connection:
        assert (
            await connection.execute(select(func.count()).select_from(budget_holds))
        ).scalar() == 0


async def test_a_run_override_wins_over_the_tier(
    database: Database, bus: InProcessBus, targets: ScriptTargets
) -> None:
    agent, model = _spender()
    targets.agents["worker"] = agent
    service, executor = _service(database, bus, targets, _tier(per_run="10"))
    try:
        run = await service.create(TENANT, "agent", "worker", "spend", limits={"run": 0.05})
        done = await finished(database, run.id)
    finally:
        await executor.stop()
    assert done.status == "failed" and "run budget" in (done.error or "")
    assert model.calls == 0
    assert await _ledger(database) == []


async def test_concurrent_runs_of_two_executors_never_overspend_the_tenant_day(
    database: Database, database_url: str, bus: InProcessBus
) -> None:
    limit = Decimal("0.55")  # room for five calls of $0.10, not six
    tiers = _tier(per_day=str(limit))
    second_store = Database(database_url)  # another pool, as another process would have
    services = []
    for store in (database, second_store):
        targets = ScriptTargets()
        for i in range(6):
            targets.agents[f"w{i}"] = _spender(rounds=1, name=f"w{i}")[0]
        services.append(_service(store, bus, targets, tiers))
    try:
        runs = await asyncio.gather(
            *(
                service.create(TENANT, "agent", f"w{i}", "spend")
                for service, _ in services
                for i in range(6)
            )
        )
        outcomes = [await finished(database, run.id) for run in runs]
    finally:
        for _, executor in services:
            await executor.stop()
        await second_store.dispose()
    completed = [run for run in outcomes if run.status == "completed"]
    refused = [run for run in outcomes if run.status == "failed"]
    assert len(completed) == 5 and len(refused) == 7
    assert all("tenant_day" in (run.error or "") for run in refused)
    spent = sum(cost for *_, cost in await _ledger(database))
    assert spent == 5 * CENTS_10 <= limit * 1_000_000_000
    assert all(held == 0 for _, held in (await _counters(database)).values())


async def test_over_budget_a_person_may_allow_the_call(
    database: Database, bus: InProcessBus, targets: ScriptTargets
) -> None:
    agent, model = _spender(per_run_usd=0.15)
    targets.agents["worker"] = agent
    approver = ScriptedApprover([True, False])
    service, executor = _service(
        database, bus, targets, _tier(), over_budget="ask", approver=approver
    )
    try:
        run = await service.create(TENANT, "agent", "worker", "spend")
        done = await finished(database, run.id)
        events = await service.events(TENANT, run.id)
    finally:
        await executor.stop()
    assert [r.kind for r in approver.requests] == ["budget", "budget"]
    assert model.calls == 2  # allowed once past the limit, then refused
    assert done.status == "failed" and "did not allow" in (done.error or "")
    kinds = [e.kind for e in events]
    assert kinds.count("budget.exceeded") == 2 and kinds.count("approval.decided") == 2


async def test_calls_draw_on_one_allowance_that_goes_back_when_the_executor_stops(
    database: Database, bus: InProcessBus, targets: ScriptTargets
) -> None:
    # $50 a day: the allowance grows by 2% of it ($1) at once, and six calls of $0.10 draw
    # on it without another reservation.
    agent, _ = _spender(rounds=2)
    targets.agents["worker"] = agent
    service, executor = _service(database, bus, targets, _tier(per_day="50"))
    try:
        for _ in range(3):
            run = await service.create(TENANT, "agent", "worker", "spend")
            assert (await finished(database, run.id)).status == "completed"
            targets.agents["worker"] = _spender(rounds=2)[0]
        async with database.engine.connect() as connection:
            holds = (await connection.execute(select(budget_holds.c.amount_nano))).scalars()
            assert list(holds) == [10 * CENTS_10 - 6 * CENTS_10]
        (day,) = (await _counters(database)).values()
        assert day == (6 * CENTS_10, 4 * CENTS_10)
    finally:
        await executor.stop()
    assert list((await _counters(database)).values()) == [(6 * CENTS_10, 0)]
    async with database.engine.connect() as connection:
        count = select(func.count()).select_from(budget_holds)
        assert (await connection.execute(count)).scalar() == 0


async def test_an_allowance_near_the_limit_grows_by_exactly_what_a_call_needs(
    database: Database,
) -> None:
    from conclave.adapters.store.repositories.spend import Refused, ScopeLimit
    from conclave.services.allowances import Allowances

    dollar = 10 * CENTS_10
    limits = [ScopeLimit(scope="tenant_day", key="day:2026-11-23", limit_nano=dollar)]
    first, second = (Allowances(database, hold_seconds=900) for _ in range(2))
    await first.draw(TENANT, "run-a", limits, 99 * dollar // 100)
    # Two cents would pass the limit; half a cent twice fits exactly.
    for _ in range(2):
        await second.draw(TENANT, "run-b", limits, dollar // 200)
    with pytest.raises(Refused):
        await second.draw(TENANT, "run-b", limits, dollar // 200)
    assert await _counters(database) == {"day:2026-11-23": (0, dollar)}
    await first.give_back(everything=True)
    await second.give_back(everything=True)
    assert await _counters(database) == {"day:2026-11-23": (0, 0)}
