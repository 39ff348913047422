"""The spending reports of ``/api/costs``, over ledger rows of known amounts in two tenants.

The ledger and the runs are written straight into the tables (:func:`record`), so every
figure below is known to the nano-dollar.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from sqlalchemy import Connection, insert

from conclave.adapters.store.tables import cost_ledger, runs
from conclave.engine.messages import Usage
from conclave.engine.models.pricing import PriceTable
from tests.api._tenants import bearer, make_key, onboard
from tests.api.conftest import services

GPT4O = "openai:gpt-4o"
SONNET = "anthropic:claude-sonnet-4-5"
LOCAL = "vllm:my-model"  # a local model: free, so nothing is cheaper


def ledger_row(
    tenant_id: str,
    *,
    run_id: str,
    agent: str,
    cost_nano: int,
    day: date | str,
    model: str = GPT4O,
    team: str | None = None,
    conversation_id: str | None = None,
    input_tokens: int = 100,
    output_tokens: int = 50,
) -> dict[str, Any]:
    """A row of ``cost_ledger``: one model call, made at noon (UTC) of ``day``."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return {
        "id": uuid.uuid4().hex,
        "tenant_id": tenant_id,
        "run_id": run_id,
        "conversation_id": conversation_id,
        "agent": agent,
        "team": team,
        "model": model,
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "cost_nano": cost_nano,
        "estimate_nano": cost_nano,
        "day": day.isoformat(),
        "at": datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
    }


def run_row(
    tenant_id: str, run_id: str, *, status: str, target: str = "assistant"
) -> dict[str, Any]:
    """A row of ``runs`` with every column that may not be null."""
    now = datetime.now(UTC)
    return {
        "id": run_id,
        "tenant_id": tenant_id,
        "target_kind": "agent",
        "target": target,
        "input": "a task",
        "status": status,
        "created_at": now,
        "updated_at": now,
    }


def record(
    connection: Connection,
    *,
    ledger: Iterable[Mapping[str, Any]] = (),
    run_rows: Iterable[Mapping[str, Any]] = (),
) -> None:
    """Insert runs and ledger rows, synchronously (for ``Database.run`` or a sync engine)."""
    for table, rows in ((runs, list(run_rows)), (cost_ledger, list(ledger))):
        if rows:
            connection.execute(insert(table), [dict(row) for row in rows])


async def record_in(
    app: FastAPI,
    *,
    ledger: Iterable[Mapping[str, Any]] = (),
    run_rows: Iterable[Mapping[str, Any]] = (),
) -> None:
    """:func:`record`, in the store of the running ``app``."""
    await services(app).database.run(partial(record, ledger=ledger, run_rows=run_rows))


async def get(client: httpx2.AsyncClient, path: str, **params: Any) -> dict[str, Any]:
    response = await client.get(path, params=params)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


# The default tenant's calls: four turns in three runs (r2's research turn is two calls).
A = "default"
A_LEDGER = [
    ledger_row(A, run_id="r1", agent="research", team="desk", conversation_id="c1",
               cost_nano=1_000_000_000, day="2025-01-01", input_tokens=1000, output_tokens=500),
    ledger_row(A, run_id="r1", agent="writer", team="desk", conversation_id="c1", model=SONNET,
               cost_nano=250_000_000, day="2025-01-01", input_tokens=200, output_tokens=100),
    ledger_row(A, run_id="r2", agent="research", cost_nano=500_000_000, day="2025-01-02",
               input_tokens=400, output_tokens=100),
    ledger_row(A, run_id="r2", agent="research", cost_nano=123_456_789, day="2025-01-02",
               input_tokens=10, output_tokens=5),
    ledger_row(A, run_id="r3", agent="writer", model=LOCAL, cost_nano=7, day="2025-01-03",
               input_tokens=1, output_tokens=1),
]  # fmt: skip
A_RUNS = [
    run_row(A, "r1", status="completed"),
    run_row(A, "r2", status="failed"),
    run_row(A, "r3", status="completed"),
]


@pytest.fixture
async def onboarded(client: httpx2.AsyncClient, app: FastAPI) -> dict[str, Any]:
    """A second tenant, whose one call costs far more than all of the first's, as
    ``POST /api/tenants`` answered (with its ``admin_key``)."""
    tenant = await onboard(client)
    row = ledger_row(tenant["id"], run_id="r9", agent="research", cost_nano=999_000_000_000,
                     day="2025-01-01", input_tokens=10**8, output_tokens=10**8)  # fmt: skip
    await record_in(app, ledger=[row], run_rows=[run_row(tenant["id"], "r9", status="completed")])
    return tenant


@pytest.fixture
def other(onboarded: dict[str, Any]) -> str:
    """The second tenant's id."""
    tenant_id: str = onboarded["id"]
    return tenant_id


@pytest.fixture
async def spent(app: FastAPI, other: str) -> None:
    """The default tenant's calls and runs, beside the other tenant's."""
    await record_in(app, ledger=A_LEDGER, run_rows=A_RUNS)


# ---- summary


@pytest.mark.usefixtures("spent")
async def test_summary_by_agent_sums_each_agents_calls(client: httpx2.AsyncClient) -> None:
    found = await get(client, "/api/costs/summary", group_by="agent")
    assert found["rows"] == [
        {"key": "research", "calls": 3, "input_tokens": 1410, "output_tokens": 605,
         "cost_usd": 1.623456789, "cost_nano": 1_623_456_789},
        {"key": "writer", "calls": 2, "input_tokens": 201, "output_tokens": 101,
         "cost_usd": 0.250000007, "cost_nano": 250_000_007},
    ]  # fmt: skip
    assert found["total"] == {
        "key": None, "calls": 5, "input_tokens": 1611, "output_tokens": 706,
        "cost_usd": 1.873456796, "cost_nano": 1_873_456_796,
    }  # fmt: skip


@pytest.mark.usefixtures("spent")
async def test_summary_by_day_lists_days_in_date_order(client: httpx2.AsyncClient) -> None:
    found = await get(client, "/api/costs/summary", group_by="day")
    days = [(row["key"], row["calls"], row["cost_nano"]) for row in found["rows"]]
    assert days == [
        ("2025-01-01", 2, 1_250_000_000),
        ("2025-01-02", 2, 623_456_789),
        ("2025-01-03", 1, 7),
    ]


@pytest.mark.usefixtures("spent")
async def test_summary_by_team_keeps_calls_outside_any_team_under_null(
    client: httpx2.AsyncClient,
) -> None:
    found = await get(client, "/api/costs/summary", group_by="team")
    assert [(row["key"], row["cost_nano"]) for row in found["rows"]] == [
        ("desk", 1_250_000_000),
        (None, 623_456_796),
    ]


@pytest.mark.usefixtures("spent")
@pytest.mark.parametrize(
    ("group_by", "keys"),
    [
        ("model", [GPT4O, SONNET, LOCAL]),
        ("run", ["r1", "r2", "r3"]),
        ("conversation", ["c1", None]),
    ],
)
async def test_summary_groups_by_model_run_and_conversation(
    client: httpx2.AsyncClient, group_by: str, keys: list[str | None]
) -> None:
    found = await get(client, "/api/costs/summary", group_by=group_by)
    assert [row["key"] for row in found["rows"]] == keys
    assert sum(row["cost_nano"] for row in found["rows"]) == 1_873_456_796


@pytest.mark.usefixtures("spent")
async def test_summary_keeps_to_the_days_asked_for(client: httpx2.AsyncClient) -> None:
    found = await get(
        client, "/api/costs/summary", group_by="agent", since="2025-01-02", until="2025-01-03"
    )
    assert [(row["key"], row["cost_nano"]) for row in found["rows"]] == [
        ("research", 623_456_789),
        ("writer", 7),
    ]
    assert found["total"]["cost_nano"] == 623_456_796
    assert (found["since"], found["until"]) == ("2025-01-02", "2025-01-03")


@pytest.mark.usefixtures("spent")
async def test_summary_limit_keeps_the_costliest_rows_and_the_whole_total(
    client: httpx2.AsyncClient,
) -> None:
    found = await get(client, "/api/costs/summary", group_by="run", limit=1)
    assert [row["key"] for row in found["rows"]] == ["r1"]
    assert found["total"]["calls"] == 5


@pytest.mark.usefixtures("spent")
async def test_each_tenant_sees_only_its_own_spending(
    client: httpx2.AsyncClient, app: FastAPI, onboarded: dict[str, Any]
) -> None:
    async with bearer(app, onboarded["admin_key"]) as admin:
        key = await make_key(admin, "viewer")
    async with bearer(app, key) as viewer:
        theirs = await get(viewer, "/api/costs/summary", group_by="run")
        efficiency = await get(viewer, "/api/costs/efficiency")
        turns = await get(viewer, "/api/costs/turns")
    assert [(row["key"], row["cost_nano"]) for row in theirs["rows"]] == [("r9", 999 * 10**9)]
    assert [(a["agent"], a["runs"], a["completed_runs"]) for a in efficiency["agents"]] == [
        ("research", 1, 1)
    ]
    assert turns["overall"]["turns"] == 1
    mine = await get(client, "/api/costs/summary", group_by="agent")
    assert mine["total"]["cost_nano"] == 1_873_456_796  # their 999 dollars left out


# ---- turns


@pytest.mark.usefixtures("spent")
async def test_turns_give_mean_and_nearest_rank_percentiles(client: httpx2.AsyncClient) -> None:
    found = await get(client, "/api/costs/turns")
    overall = found["overall"]
    # Turn costs: 7, 250_000_000, 623_456_789, 1_000_000_000; tokens: 2, 300, 515, 1500.
    assert (overall["turns"], overall["calls"], overall["tokens"]) == (4, 5, 2317)
    assert overall["cost_nano"] == 1_873_456_796
    assert overall["mean_cost_usd"] == 1_873_456_796 / 4 / 1e9
    assert (overall["p50_cost_usd"], overall["p95_cost_usd"]) == (0.25, 1.0)
    assert (overall["mean_tokens"], overall["p50_tokens"], overall["p95_tokens"]) == (
        579.25,
        300,
        1500,
    )
    research = found["agents"][0]
    assert (research["agent"], research["turns"], research["calls"]) == ("research", 2, 3)
    assert (research["p50_cost_usd"], research["p95_cost_usd"]) == (0.623456789, 1.0)
    assert [agent["agent"] for agent in found["agents"]] == ["research", "writer"]


@pytest.mark.usefixtures("spent")
async def test_turns_of_one_agent(client: httpx2.AsyncClient) -> None:
    found = await get(client, "/api/costs/turns", agent="writer", since="2025-01-02")
    assert found["overall"]["turns"] == 1
    assert found["overall"]["cost_nano"] == 7
    assert [agent["agent"] for agent in found["agents"]] == ["writer"]


async def test_turns_without_calls_are_all_zero(client: httpx2.AsyncClient) -> None:
    found = await get(client, "/api/costs/turns")
    assert found["agents"] == []
    assert found["overall"]["turns"] == 0
    assert found["overall"]["p95_cost_usd"] == 0


# ---- efficiency


@pytest.mark.usefixtures("spent")
async def test_efficiency_counts_completed_and_failed_runs_per_agent(
    client: httpx2.AsyncClient,
) -> None:
    found = await get(client, "/api/costs/efficiency")
    assert found["agents"] == [
        {"agent": "research", "runs": 2, "completed_runs": 1, "failed_runs": 1,
         "cost_usd": 1.623456789, "cost_nano": 1_623_456_789,
         "cost_per_success_usd": 1.623456789},
        {"agent": "writer", "runs": 2, "completed_runs": 2, "failed_runs": 0,
         "cost_usd": 0.250000007, "cost_nano": 250_000_007,
         "cost_per_success_usd": 250_000_007 / 1e9 / 2},
    ]  # fmt: skip


async def test_efficiency_without_a_completed_run_has_no_cost_per_success(
    client: httpx2.AsyncClient, app: FastAPI
) -> None:
    rows = [ledger_row(A, run_id=run_id, agent="critic", cost_nano=10, day="2025-01-05")
            for run_id in ("f1", "w1", "gone")]  # fmt: skip
    statuses = [run_row(A, "f1", status="failed"), run_row(A, "w1", status="running")]
    await record_in(app, ledger=rows, run_rows=statuses)
    [critic] = (await get(client, "/api/costs/efficiency"))["agents"]
    assert (critic["runs"], critic["completed_runs"], critic["failed_runs"]) == (3, 0, 1)
    assert critic["cost_nano"] == 30
    assert critic["cost_per_success_usd"] is None


# ---- trends


async def test_trends_fill_every_day_and_compare_the_last_two_weeks(
    client: httpx2.AsyncClient, app: FastAPI, other: str
) -> None:
    today = datetime.now(UTC).date()
    spent = {0: 100, 3: 300, 8: 1000, 20: 50, 40: 7777}  # days ago: nano-dollars
    rows = [ledger_row(A, run_id="r", agent="a", cost_nano=n, day=today - timedelta(days=ago))
            for ago, n in spent.items()]  # fmt: skip
    rows.append(ledger_row(A, run_id="r", agent="a", cost_nano=200, day=today))
    rows.append(ledger_row(other, run_id="r", agent="a", cost_nano=10**12, day=today))
    await record_in(app, ledger=rows)
    found = await get(client, "/api/costs/trends", days=30)
    days = found["days"]
    assert len(days) == 30
    assert days[0]["day"] == (today - timedelta(days=29)).isoformat()
    assert days[-1] == {"day": today.isoformat(), "calls": 2, "cost_usd": 3e-7, "cost_nano": 300}
    assert days[-2] == {"day": (today - timedelta(days=1)).isoformat(), "calls": 0,
                        "cost_usd": 0.0, "cost_nano": 0}  # fmt: skip
    assert sum(day["cost_nano"] for day in days) == 300 + 300 + 1000 + 50
    assert (found["last_7_days_nano"], found["previous_7_days_nano"]) == (600, 1000)
    assert found["change_ratio"] == -0.4


async def test_trends_of_a_short_window_still_compare_whole_weeks(
    client: httpx2.AsyncClient, app: FastAPI
) -> None:
    today = datetime.now(UTC).date()
    rows = [ledger_row(A, run_id="r", agent="a", cost_nano=n, day=today - timedelta(days=ago))
            for ago, n in {1: 500, 12: 250}.items()]  # fmt: skip
    await record_in(app, ledger=rows)
    found = await get(client, "/api/costs/trends", days=1)
    assert [day["day"] for day in found["days"]] == [today.isoformat()]
    assert found["change_ratio"] == 1.0


async def test_trends_without_a_week_before_have_no_change_ratio(
    client: httpx2.AsyncClient,
) -> None:
    found = await get(client, "/api/costs/trends")
    assert len(found["days"]) == 30
    assert found["change_ratio"] is None


# ---- recommendations


@pytest.mark.usefixtures("spent")
async def test_recommendations_name_the_cheapest_model_and_the_exact_saving(
    client: httpx2.AsyncClient,
) -> None:
    found = (await get(client, "/api/costs/recommendations"))["recommendations"]
    assert [(r["agent"], r["model"]) for r in found] == [("research", GPT4O), ("writer", SONNET)]
    research = found[0]
    table = PriceTable.default()
    usage = Usage(input_tokens=1410, output_tokens=605)
    cheaper = table.cheapest_alternatives(GPT4O, usage)
    listed = table.cost(GPT4O, usage)
    assert listed == pytest.approx(0.009575)
    assert research["list_cost_usd"] == listed
    assert research["best_model"] == "openai:gpt-5-nano" == cheaper[0][0]
    assert research["best_saving_usd"] == listed - cheaper[0][1]
    assert research["best_saving_usd"] == pytest.approx(0.009575 - 0.0003125)
    assert research["best_saving_share"] == (listed - cheaper[0][1]) / listed
    assert [a["model"] for a in research["alternatives"]] == [model for model, _ in cheaper]
    assert research["cost_nano"] == 1_623_456_789  # what the ledger charged


@pytest.mark.usefixtures("spent")
async def test_recommendations_leave_out_models_with_nothing_cheaper(
    client: httpx2.AsyncClient, app: FastAPI
) -> None:
    cheapest = ledger_row(A, run_id="r4", agent="scout", model="openai:gpt-5-nano",
                          cost_nano=1, day="2025-01-04")  # fmt: skip
    unknown = ledger_row(A, run_id="r4", agent="scout", model="openai:made-up", cost_nano=1,
                         day="2025-01-04")  # fmt: skip
    await record_in(app, ledger=[cheapest, unknown])
    found = (await get(client, "/api/costs/recommendations"))["recommendations"]
    assert {r["model"] for r in found} == {GPT4O, SONNET}  # not LOCAL, nano or made-up


# ---- every tenant, for platform administrators


@pytest.mark.usefixtures("spent")
async def test_platform_administrators_see_every_tenant_by_day(
    client: httpx2.AsyncClient, other: str
) -> None:
    found = (await get(client, "/api/costs/tenants", since="2025-01-01"))["rows"]
    assert [(r["tenant_id"], r["day"], r["cost_nano"]) for r in found] == sorted(
        [
            ("default", "2025-01-03", 7),
            ("default", "2025-01-02", 623_456_789),
            ("default", "2025-01-01", 1_250_000_000),
            (other, "2025-01-01", 999_000_000_000),
        ],
        key=lambda row: (-date.fromisoformat(row[1]).toordinal(), row[0]),
    )
    one = (await get(client, "/api/costs/tenants", tenant=other))["rows"]
    assert [(r["tenant_id"], r["calls"], r["cost_usd"]) for r in one] == [(other, 1, 999.0)]


async def test_a_tenant_admin_cannot_see_every_tenant(
    client: httpx2.AsyncClient, app: FastAPI
) -> None:
    tenant = await onboard(client)
    async with bearer(app, tenant["admin_key"]) as admin:
        response = await admin.get("/api/costs/tenants")
    assert response.status_code == 403
    assert response.json()["error"]["details"]["required"] == "platform"


# ---- bad queries


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/costs/summary", {"group_by": "week"}, "group_by"),
        ("/api/costs/summary", {"since": "2025-13-01"}, "since"),
        ("/api/costs/summary", {"since": "0"}, "since"),
        ("/api/costs/summary", {"limit": 0}, "limit"),
        ("/api/costs/turns", {"until": "yesterday"}, "until"),
        ("/api/costs/efficiency", {"since": "2025-02-01", "until": "2025-01-31"}, "until"),
        ("/api/costs/trends", {"days": 0}, "days"),
        ("/api/costs/trends", {"days": 367}, "days"),
        ("/api/costs/tenants", {"tenant": "Not A Tenant"}, "tenant"),
    ],
)
async def test_a_bad_query_value_is_a_422_naming_the_field(
    client: httpx2.AsyncClient, path: str, params: dict[str, Any], field: str
) -> None:
    response = await client.get(path, params=params)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert [problem["loc"] for problem in error["details"]["fields"]] == [["query", field]]
