from __future__ import annotations

import asyncio

import pytest

from conclave.adapters.store.records import ApprovalRecord
from conclave.adapters.store.repositories import ApprovalRepository, RunRepository
from conclave.errors import NotFound, VersionConflict


@pytest.fixture
async def run_id(runs: RunRepository) -> str:
    await runs.create("r1", "team", "desk", "trade")
    return "r1"


async def test_create_asks_a_pending_decision(approvals: ApprovalRepository, run_id: str) -> None:
    approval = await approvals.create("a1", run_id, "buy", "Buy 10 AAPL?", details={"qty": 10})
    assert (approval.run_id, approval.step, approval.prompt, approval.details) == (
        "r1",
        "buy",
        "Buy 10 AAPL?",
        {"qty": 10},
    )
    assert (approval.status, approval.decided_by, approval.decided_at) == ("pending", None, None)


async def test_get_returns_the_created_approval(approvals: ApprovalRepository, run_id: str) -> None:
    created = await approvals.create("a1", run_id, "buy", "Buy?")
    assert await approvals.get("a1") == created


async def test_creating_for_an_unknown_run_raises_not_found(
    approvals: ApprovalRepository,
) -> None:
    with pytest.raises(NotFound, match="run 'nope' not found"):
        await approvals.create("a1", "nope", "buy", "Buy?")


async def test_creating_an_approval_id_twice_raises_a_conflict(
    approvals: ApprovalRepository, run_id: str
) -> None:
    await approvals.create("a1", run_id, "buy", "Buy?")
    with pytest.raises(VersionConflict, match="approval 'a1' already exists"):
        await approvals.create("a1", run_id, "sell", "Sell?")


async def test_get_of_an_unknown_approval_raises_not_found(
    approvals: ApprovalRepository,
) -> None:
    with pytest.raises(NotFound, match="approval 'nope' not found"):
        await approvals.get("nope")


async def test_list_shows_pending_approvals_by_default(
    approvals: ApprovalRepository, run_id: str
) -> None:
    await approvals.create("a1", run_id, "buy", "Buy?")
    await approvals.create("a2", run_id, "sell", "Sell?")
    await approvals.decide("a1", granted=True, by="ana")
    assert [a.id for a in (await approvals.list()).items] == ["a2"]


async def test_list_of_every_status_is_oldest_first(
    approvals: ApprovalRepository, run_id: str
) -> None:
    await approvals.create("a1", run_id, "buy", "Buy?")
    await approvals.create("a2", run_id, "sell", "Sell?")
    await approvals.decide("a2", granted=False, by="ana")
    assert [a.id for a in (await approvals.list(status=None)).items] == ["a1", "a2"]


async def test_list_filters_by_run(
    approvals: ApprovalRepository, runs: RunRepository, run_id: str
) -> None:
    await runs.create("r2", "team", "desk", "trade")
    await approvals.create("a1", run_id, "buy", "Buy?")
    await approvals.create("a2", "r2", "buy", "Buy?")
    assert [a.id for a in (await approvals.list(run_id="r2")).items] == ["a2"]


async def test_list_pages_approvals(approvals: ApprovalRepository, run_id: str) -> None:
    for n in range(3):
        await approvals.create(f"a{n}", run_id, "buy", "Buy?")
    page = await approvals.list(limit=2)
    assert ([a.id for a in page.items], page.total, page.has_more) == (["a0", "a1"], 3, True)


async def test_granting_records_who_decided_and_why(
    approvals: ApprovalRepository, run_id: str
) -> None:
    await approvals.create("a1", run_id, "buy", "Buy?")
    decided = await approvals.decide("a1", granted=True, by="ana", comment="within limits")
    assert (decided.status, decided.decided_by, decided.comment) == (
        "granted",
        "ana",
        "within limits",
    )
    assert decided.decided_at is not None


async def test_denying_records_a_denial(approvals: ApprovalRepository, run_id: str) -> None:
    await approvals.create("a1", run_id, "buy", "Buy?")
    assert (await approvals.decide("a1", granted=False, by="bo")).status == "denied"


async def test_a_decision_cannot_be_changed(approvals: ApprovalRepository, run_id: str) -> None:
    await approvals.create("a1", run_id, "buy", "Buy?")
    await approvals.decide("a1", granted=True, by="ana")
    with pytest.raises(VersionConflict, match="already granted by ana"):
        await approvals.decide("a1", granted=False, by="bo")
    assert (await approvals.get("a1")).status == "granted"


async def test_concurrent_decisions_let_exactly_one_win(
    approvals: ApprovalRepository, run_id: str
) -> None:
    await approvals.create("a1", run_id, "buy", "Buy?")
    results = await asyncio.gather(
        *(approvals.decide("a1", granted=n % 2 == 0, by=f"u{n}") for n in range(4)),
        return_exceptions=True,
    )
    assert sum(isinstance(r, ApprovalRecord) for r in results) == 1
    assert sum(isinstance(r, VersionConflict) for r in results) == 3


async def test_deciding_an_unknown_approval_raises_not_found(
    approvals: ApprovalRepository,
) -> None:
    with pytest.raises(NotFound):
        await approvals.decide("nope", granted=True, by="ana")


async def test_an_approval_id_with_a_nul_character_is_not_found(
    approvals: ApprovalRepository,
) -> None:
    with pytest.raises(NotFound, match="not found"):
        await approvals.get("a\x00")
    with pytest.raises(NotFound, match="not found"):
        await approvals.decide("a\x00", granted=True, by="ann")
