from __future__ import annotations

import pytest

from conclave.adapters.store.repositories import LeaseManager, RunRepository
from conclave.engine.messages import Usage
from conclave.errors import NotFound, UserError, VersionConflict


async def test_create_records_a_pending_run(runs: RunRepository) -> None:
    run = await runs.create(
        "r1", "agent", "research", "find rates", target_version=3, conversation_id="c1"
    )
    assert (run.id, run.status, run.target, run.target_version, run.input) == (
        "r1",
        "pending",
        "research",
        3,
        "find rates",
    )
    assert (run.conversation_id, run.finished_at, run.lease_owner, run.attempts) == (
        "c1",
        None,
        None,
        0,
    )


async def test_a_replay_names_the_run_it_replays(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    assert (await runs.create("r2", "agent", "a", "go", replay_of="r1")).replay_of == "r1"


async def test_get_returns_the_created_run(runs: RunRepository) -> None:
    created = await runs.create("r1", "team", "desk", "go")
    assert await runs.get("r1") == created


async def test_creating_a_run_id_twice_raises_a_conflict(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    with pytest.raises(VersionConflict, match="run 'r1' already exists"):
        await runs.create("r1", "agent", "a", "again")


async def test_a_run_needs_a_known_target_kind(runs: RunRepository) -> None:
    with pytest.raises(UserError, match="unknown document kind"):
        await runs.create("r1", "robot", "a", "go")


async def test_get_of_an_unknown_run_raises_not_found(runs: RunRepository) -> None:
    with pytest.raises(NotFound, match="run 'nope' not found"):
        await runs.get("nope")


async def test_list_shows_the_newest_run_first(runs: RunRepository) -> None:
    for run_id in ["r1", "r2", "r3"]:
        await runs.create(run_id, "agent", "a", "go")
    assert [run.id for run in (await runs.list()).items] == ["r3", "r2", "r1"]


async def test_list_filters_by_status(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    await runs.create("r2", "agent", "a", "go")
    await runs.set_status("r1", "running")
    assert [run.id for run in (await runs.list(status="running")).items] == ["r1"]


async def test_list_filters_by_target(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    await runs.create("r2", "agent", "b", "go")
    await runs.create("r3", "team", "b", "go")
    page = await runs.list(target="b", target_kind="agent")
    assert [run.id for run in page.items] == ["r2"]


async def test_list_pages_runs(runs: RunRepository) -> None:
    for n in range(5):
        await runs.create(f"r{n}", "agent", "a", "go")
    page = await runs.list(limit=2, offset=2)
    assert ([run.id for run in page.items], page.total, page.has_more) == (["r2", "r1"], 5, True)


async def test_a_running_run_has_not_finished(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    run = await runs.set_status("r1", "running")
    assert (run.status, run.finished_at, run.finished) == ("running", None, False)


async def test_completing_a_run_records_its_output_usage_and_cost(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    run = await runs.set_status(
        "r1",
        "completed",
        output="done",
        usage=Usage(input_tokens=10, output_tokens=4),
        cost_usd=0.5,
    )
    assert (run.status, run.output, run.input_tokens, run.output_tokens, run.cost_usd) == (
        "completed",
        "done",
        10,
        4,
        0.5,
    )


async def test_a_terminal_status_sets_finished_at(runs: RunRepository) -> None:
    created = await runs.create("r1", "agent", "a", "go")
    run = await runs.set_status("r1", "failed", error="the tool broke")
    assert run.finished and run.finished_at is not None
    assert run.finished_at >= created.created_at
    assert run.error == "the tool broke"


async def test_a_status_change_keeps_what_it_does_not_mention(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    await runs.set_status("r1", "running", usage=Usage(input_tokens=7), cost_usd=0.1)
    run = await runs.set_status("r1", "waiting")
    assert (run.input_tokens, run.cost_usd) == (7, 0.1)


async def test_a_finished_run_cannot_change_status(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    await runs.set_status("r1", "completed", output="done")
    with pytest.raises(VersionConflict, match="already finished as completed"):
        await runs.set_status("r1", "cancelled")
    assert (await runs.get("r1")).status == "completed"


async def test_an_unknown_run_status_is_refused(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    with pytest.raises(UserError, match="unknown run status 'paused'"):
        await runs.set_status("r1", "paused")


async def test_set_status_of_an_unknown_run_raises_not_found(runs: RunRepository) -> None:
    with pytest.raises(NotFound):
        await runs.set_status("nope", "running")


async def test_unfinished_lists_runs_to_resume_oldest_first(runs: RunRepository) -> None:
    for run_id in ["r1", "r2", "r3", "r4"]:
        await runs.create(run_id, "agent", "a", "go")
    await runs.set_status("r1", "completed")
    await runs.set_status("r2", "waiting")
    await runs.set_status("r4", "cancelled")
    assert [run.id for run in await runs.unfinished()] == ["r2", "r3"]


async def test_finishing_a_run_ends_its_lease_in_the_same_write(
    runs: RunRepository, leases: LeaseManager
) -> None:
    await runs.create("r1", "agent", "a", "x")
    assert await leases.claim("r1", "owner", 60)
    done = await runs.set_status("r1", "completed", output="ok")
    assert (done.lease_owner, done.lease_expires_at) == (None, None)


async def test_a_run_id_with_a_nul_character_is_not_found(runs: RunRepository) -> None:
    with pytest.raises(NotFound, match="not found"):
        await runs.get("r\x001")


async def test_list_filters_with_a_nul_character_match_nothing(runs: RunRepository) -> None:
    await runs.create("r1", "agent", "a", "go")
    page = await runs.list(status="pending\x00", target="a\x00")
    assert (page.items, page.total) == ([], 0)


async def test_an_offset_past_a_64_bit_integer_is_refused(runs: RunRepository) -> None:
    with pytest.raises(UserError, match="offset must be between 0 and"):
        await runs.list(offset=2**63)
