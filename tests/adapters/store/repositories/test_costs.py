"""The cost ledger's read side groups alike on SQLite and PostgreSQL, and keeps to one tenant."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from functools import partial
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.repositories import TenantRepository, costs
from conclave.adapters.store.repositories.costs import Period
from tests.api.test_costs import ledger_row, record, run_row

ALL = Period()
LEDGER = [
    ledger_row("t1", run_id="r1", agent="a", team="x", cost_nano=3 * 10**12, day="2025-03-01",
               input_tokens=2_000_000_000, output_tokens=1),
    ledger_row("t1", run_id="r1", agent="a", team="x", cost_nano=5, day="2025-03-01"),
    ledger_row("t1", run_id="r2", agent="b", cost_nano=3 * 10**12, day="2025-03-02",
               model="anthropic:claude-haiku-4-5"),
    ledger_row("t2", run_id="r9", agent="a", team="x", cost_nano=11, day="2025-03-01"),
]  # fmt: skip
RUNS = [
    run_row("t1", "r1", status="completed"),
    run_row("t1", "r2", status="failed"),
    run_row("t2", "r9", status="completed"),
]


@pytest.fixture
async def ledger(engine: AsyncEngine, tenants: TenantRepository) -> AsyncEngine:
    """The engine, with :data:`LEDGER` and :data:`RUNS` written for ``t1`` and ``t2``."""
    async with engine.begin() as connection:
        await connection.run_sync(partial(record, ledger=LEDGER, run_rows=RUNS))
    return engine


async def read(
    engine: AsyncEngine, query: Callable[..., Awaitable[Any]], *args: Any, **kw: Any
) -> Any:
    async with engine.connect() as connection:
        return await query(connection, *args, **kw)


async def test_sums_are_integers_past_32_bits(ledger: AsyncEngine) -> None:
    total = await read(ledger, costs.spend_total, "t1", ALL)
    assert total == costs.Spend(
        key=None, calls=3, input_tokens=2_000_000_200, output_tokens=101,
        cost_nano=6_000_000_000_005,
    )  # fmt: skip
    assert type(total.cost_nano) is int


async def test_a_tie_puts_the_group_without_a_key_last(ledger: AsyncEngine) -> None:
    rows = await read(ledger, costs.spend_by, "t1", ALL, group_by="team", limit=10)
    assert [(row.key, row.cost_nano) for row in rows] == [
        ("x", 3_000_000_000_005),
        (None, 3_000_000_000_000),
    ]


async def test_a_period_includes_both_of_its_days(ledger: AsyncEngine) -> None:
    march_2 = Period(since=date(2025, 3, 2), until=date(2025, 3, 2))
    rows = await read(ledger, costs.spend_by, "t1", march_2, group_by="day", limit=10)
    assert [(row.key, row.calls) for row in rows] == [("2025-03-02", 1)]
    before = Period(until=date(2025, 2, 28))
    assert (await read(ledger, costs.spend_total, "t1", before)).calls == 0


async def test_turns_group_one_agents_calls_in_one_run(ledger: AsyncEngine) -> None:
    turns = await read(ledger, costs.turns, "t1", ALL)
    assert [(t.agent, t.run_id, t.calls, t.tokens) for t in turns] == [
        ("a", "r1", 2, 2_000_000_151),
        ("b", "r2", 1, 150),
    ]


async def test_turns_of_an_agent_named_with_a_nul_are_none(ledger: AsyncEngine) -> None:
    assert await read(ledger, costs.turns, "t1", ALL, agent="a\x00") == []


async def test_agent_runs_count_runs_by_how_they_ended(ledger: AsyncEngine) -> None:
    found = await read(ledger, costs.agent_runs, "t1", ALL)
    assert found == [
        costs.AgentRuns(agent="a", runs=1, completed=1, failed=0, cost_nano=3_000_000_000_005),
        costs.AgentRuns(agent="b", runs=1, completed=0, failed=1, cost_nano=3_000_000_000_000),
    ]


async def test_model_use_is_per_agent_and_model(ledger: AsyncEngine) -> None:
    found = await read(ledger, costs.model_use, "t2", ALL)
    assert found == [
        costs.ModelUse(agent="a", model="openai:gpt-4o", calls=1, input_tokens=100,
                       output_tokens=50, cost_nano=11),
    ]  # fmt: skip


async def test_spend_by_tenant_day_crosses_tenants_newest_day_first(ledger: AsyncEngine) -> None:
    found = await read(ledger, costs.spend_by_tenant_day, ALL, limit=10)
    assert [(row.tenant_id, row.day, row.cost_nano) for row in found] == [
        ("t1", "2025-03-02", 3_000_000_000_000),
        ("t1", "2025-03-01", 3_000_000_000_005),
        ("t2", "2025-03-01", 11),
    ]
    only = await read(ledger, costs.spend_by_tenant_day, ALL, tenant_id="t2", limit=10)
    assert [row.tenant_id for row in only] == ["t2"]
