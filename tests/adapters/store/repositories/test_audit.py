from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import AuditEntry
from conclave.adapters.store.repositories import (
    NO_TENANT,
    AuditFilter,
    AuditLog,
    append_audit,
    audit_row,
)
from conclave.errors import UserError

T0 = datetime(2030, 1, 1, tzinfo=UTC)


async def _fill(audit: AuditLog) -> None:
    """Five entries, a minute apart, by two actors about two agents."""
    entries = [
        ("agent.create", "u1", "research", "ok"),
        ("agent.update", "u2", "research", "ok"),
        ("key.revoke", "u1", "k1", "ok"),
        ("agent.delete", "u2", "writer", "denied"),
        ("agents.list", "u1", None, "ok"),
    ]
    for minute, (action, actor, target, outcome) in enumerate(entries):
        await audit.record(
            action,
            actor_kind="user",
            actor_id=actor,
            target_kind=None if target is None else action.split(".")[0],
            target_id=target,
            outcome=outcome,
            at=T0 + timedelta(minutes=minute),
        )


def _actions(entries: list[AuditEntry]) -> list[str]:
    return [entry.action for entry in entries]


async def test_record_returns_the_entry_with_an_increasing_id(audit: AuditLog) -> None:
    first = await audit.record("agent.create", actor_kind="user", actor_id="u1")
    second = await audit.record(
        "key.revoke",
        actor_kind="key",
        actor_id="k1",
        target_kind="api_key",
        target_id="k2",
        outcome="denied",
        details={"reason": "role"},
        ip="10.0.0.1",
        request_id="req-1",
    )
    assert second.id > first.id
    assert (second.tenant_id, second.outcome, second.details, second.ip) == (
        "t1",
        "denied",
        {"reason": "role"},
        "10.0.0.1",
    )
    assert (await audit.list()).items == [first, second]


async def test_the_log_offers_no_way_to_change_an_entry() -> None:
    assert not {"update", "delete", "remove", "clear"} & set(dir(AuditLog))


async def test_audit_row_refuses_unknown_actor_kinds_and_outcomes() -> None:
    with pytest.raises(UserError, match="unknown actor kind 'robot'"):
        audit_row("t1", "agent.create", actor_kind="robot")
    with pytest.raises(UserError, match="unknown audit outcome 'maybe'"):
        audit_row("t1", "agent.create", actor_kind="user", outcome="maybe")
    with pytest.raises(UserError, match="needs an action"):
        audit_row("t1", "", actor_kind="user")


async def test_request_borne_values_are_clipped_and_lose_their_nuls(audit: AuditLog) -> None:
    entry = await audit.record(
        "auth.failed", actor_kind="anonymous", actor_id="k\x00" + "x" * 500, outcome="failed"
    )
    assert entry.actor_id is not None and len(entry.actor_id) == 200
    assert entry.actor_id.startswith("k\ufffd")
    assert (await audit.list()).items == [entry]


async def test_filters_select_by_action_prefix_actor_target_and_outcome(audit: AuditLog) -> None:
    await _fill(audit)
    by_prefix = await audit.list(AuditFilter(action="agent."))
    assert _actions(by_prefix.items) == ["agent.create", "agent.update", "agent.delete"]
    assert _actions((await audit.list(AuditFilter(action="Agent."))).items) == []
    by_actor = await audit.list(AuditFilter(actor_kind="user", actor_id="u2"))
    assert _actions(by_actor.items) == ["agent.update", "agent.delete"]
    by_target = await audit.list(AuditFilter(target_kind="agent", target_id="research"))
    assert _actions(by_target.items) == ["agent.create", "agent.update"]
    assert _actions((await audit.list(AuditFilter(outcome="denied"))).items) == ["agent.delete"]


async def test_filters_select_a_time_window(audit: AuditLog) -> None:
    await _fill(audit)
    window = AuditFilter(since=T0 + timedelta(minutes=1), until=T0 + timedelta(minutes=3))
    assert _actions((await audit.list(window)).items) == ["agent.update", "key.revoke"]


async def test_a_filter_holding_a_nul_matches_nothing(audit: AuditLog) -> None:
    await _fill(audit)
    assert (await audit.list(AuditFilter(actor_id="u1\x00"))).total == 0


async def test_after_id_pages_forward_in_written_order(audit: AuditLog) -> None:
    await _fill(audit)
    first = await audit.list(limit=2)
    second = await audit.list(after_id=first.items[-1].id, limit=2)
    assert _actions(first.items) == ["agent.create", "agent.update"]
    assert _actions(second.items) == ["key.revoke", "agent.delete"]
    assert (first.total, second.total, second.has_more) == (5, 3, True)


async def test_before_id_pages_back_from_the_newest(audit: AuditLog) -> None:
    await _fill(audit)
    newest = await audit.list(newest_first=True, limit=2)
    older = await audit.list(newest_first=True, before_id=newest.items[-1].id, limit=2)
    assert _actions(newest.items) == ["agents.list", "agent.delete"]
    assert _actions(older.items) == ["key.revoke", "agent.update"]


async def test_entries_without_a_tenant_are_filed_under_no_tenant(
    engine: AsyncEngine, audit: AuditLog
) -> None:
    platform = AuditLog(engine, NO_TENANT)
    await platform.record("auth.failed", actor_kind="anonymous", outcome="failed")
    assert _actions((await platform.list()).items) == ["auth.failed"]
    assert (await audit.list()).total == 0


async def test_append_audit_commits_with_the_action_it_records(
    database_url: str, audit: AuditLog
) -> None:
    def act(connection: Connection) -> None:
        append_audit(connection, audit_row("t1", "agent.create", actor_kind="user"))

    async with Database(database_url) as database:
        await database.run(act)
    assert _actions((await audit.list()).items) == ["agent.create"]


async def test_append_audit_rolls_back_with_the_action_it_records(
    database_url: str, audit: AuditLog
) -> None:
    def fail(connection: Connection) -> None:
        append_audit(connection, audit_row("t1", "agent.create", actor_kind="user"))
        raise RuntimeError("the action failed")

    async with Database(database_url) as database:
        with pytest.raises(RuntimeError):
            await database.run(fail)
    assert (await audit.list()).total == 0
