from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.records import DocumentHead
from conclave.adapters.store.repositories import DocumentRepository
from conclave.errors import NotFound, UserError, VersionConflict

from .conftest import enforce_foreign_keys

SPEC = {"name": "research", "model": "offline"}


def spec(n: int) -> dict[str, object]:
    return {"name": "research", "model": "offline", "revision": n}


async def test_create_stores_version_one(documents: DocumentRepository) -> None:
    head = await documents.create("agent", "research", SPEC, by="ana")
    assert (head.version, head.latest_version, head.spec, head.created_by) == (1, 1, SPEC, "ana")


async def test_a_created_agent_starts_stopped(documents: DocumentRepository) -> None:
    assert (await documents.create("agent", "research", SPEC)).status == "stopped"


async def test_creating_an_existing_document_raises_a_conflict(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "research", SPEC)
    with pytest.raises(VersionConflict, match="already exists at version 1"):
        await documents.create("agent", "research", SPEC)


async def test_an_unknown_kind_is_refused(documents: DocumentRepository) -> None:
    with pytest.raises(UserError, match="unknown document kind 'robot'"):
        await documents.create("robot", "research", SPEC)


async def test_an_agent_and_a_team_may_share_a_name(documents: DocumentRepository) -> None:
    await documents.create("agent", "research", SPEC)
    team = await documents.create("team", "research", {"members": []})
    assert (team.kind, team.version) == ("team", 1)


async def test_update_stores_a_new_version_and_moves_the_head(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "research", spec(1))
    head = await documents.update("agent", "research", spec(2), by="bo")
    assert (head.version, head.latest_version, head.spec, head.created_by) == (2, 2, spec(2), "bo")


async def test_update_with_the_current_version_succeeds(documents: DocumentRepository) -> None:
    await documents.create("agent", "research", spec(1))
    head = await documents.update("agent", "research", spec(2), expected_version=1)
    assert head.version == 2


async def test_update_with_a_stale_version_names_the_current_one(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "research", spec(1))
    await documents.update("agent", "research", spec(2))
    with pytest.raises(VersionConflict, match="is at version 2, not 1") as caught:
        await documents.update("agent", "research", spec(3), expected_version=1)
    assert caught.value.current_version == 2  # type: ignore[attr-defined]


async def test_a_refused_update_stores_nothing(documents: DocumentRepository) -> None:
    await documents.create("agent", "research", spec(1))
    with pytest.raises(VersionConflict):
        await documents.update("agent", "research", spec(2), expected_version=7)
    assert [v.version for v in await documents.versions("agent", "research")] == [1]


async def test_update_of_a_missing_document_raises_not_found(
    documents: DocumentRepository,
) -> None:
    with pytest.raises(NotFound, match="agent 'ghost' not found"):
        await documents.update("agent", "ghost", SPEC)


async def test_get_returns_the_head_version(documents: DocumentRepository) -> None:
    await documents.create("agent", "research", spec(1))
    await documents.update("agent", "research", spec(2))
    got = await documents.get("agent", "research")
    assert (got.version, got.spec) == (2, spec(2))


async def test_get_returns_a_given_version(documents: DocumentRepository) -> None:
    await documents.create("agent", "research", spec(1))
    await documents.update("agent", "research", spec(2))
    assert (await documents.get("agent", "research", version=1)).spec == spec(1)


async def test_get_of_a_missing_document_raises_not_found(documents: DocumentRepository) -> None:
    with pytest.raises(NotFound, match="agent 'ghost' not found"):
        await documents.get("agent", "ghost")


async def test_get_of_a_missing_version_names_the_known_ones(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "research", spec(1))
    with pytest.raises(NotFound, match="has no version 9; its versions are 1 to 1"):
        await documents.get("agent", "research", version=9)


async def test_get_of_a_version_of_a_missing_document_raises_not_found(
    documents: DocumentRepository,
) -> None:
    with pytest.raises(NotFound, match="agent 'ghost' not found"):
        await documents.get("agent", "ghost", version=1)


async def test_head_returns_the_current_state(documents: DocumentRepository) -> None:
    created = await documents.create("agent", "research", SPEC)
    assert await documents.head("agent", "research") == created


async def test_list_pages_documents_by_name(documents: DocumentRepository) -> None:
    for name in ["e", "c", "a", "d", "b"]:
        await documents.create("agent", name, SPEC)
    page = await documents.list("agent", limit=2, offset=2)
    assert ([head.name for head in page.items], page.total, page.has_more) == (["c", "d"], 5, True)


async def test_the_last_page_has_no_more(documents: DocumentRepository) -> None:
    for name in ["a", "b", "c"]:
        await documents.create("agent", name, SPEC)
    page = await documents.list("agent", limit=2, offset=2)
    assert ([head.name for head in page.items], page.has_more) == (["c"], False)


async def test_list_holds_one_kind_only(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    await documents.create("team", "t", {"members": []})
    assert [head.name for head in (await documents.list("team")).items] == ["t"]


async def test_list_shows_each_document_at_its_head(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", spec(1))
    await documents.update("agent", "a", spec(2))
    await documents.rollback("agent", "a", 1)
    [head] = (await documents.list("agent")).items
    assert (head.version, head.latest_version, head.spec) == (1, 2, spec(1))


async def test_a_page_out_of_range_is_refused(documents: DocumentRepository) -> None:
    with pytest.raises(UserError, match="limit must be between"):
        await documents.list("agent", limit=0)


async def test_versions_lists_every_version_oldest_first(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", spec(1))
    await documents.update("agent", "a", spec(2))
    await documents.update("agent", "a", spec(3))
    versions = await documents.versions("agent", "a")
    assert [(v.version, v.spec) for v in versions] == [(1, spec(1)), (2, spec(2)), (3, spec(3))]


async def test_versions_of_a_missing_document_raise_not_found(
    documents: DocumentRepository,
) -> None:
    with pytest.raises(NotFound):
        await documents.versions("agent", "ghost")


async def test_rollback_points_the_head_at_an_earlier_version(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "a", spec(1))
    await documents.update("agent", "a", spec(2))
    head = await documents.rollback("agent", "a", 1)
    assert (head.version, head.spec) == (1, spec(1))
    assert (await documents.get("agent", "a")).spec == spec(1)


async def test_rollback_stores_no_version(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", spec(1))
    await documents.update("agent", "a", spec(2))
    head = await documents.rollback("agent", "a", 1)
    assert head.latest_version == 2
    assert len(await documents.versions("agent", "a")) == 2


async def test_an_update_after_a_rollback_continues_after_the_latest(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "a", spec(1))
    await documents.update("agent", "a", spec(2))
    await documents.rollback("agent", "a", 1)
    head = await documents.update("agent", "a", spec(3), expected_version=1)
    assert (head.version, head.latest_version) == (3, 3)


async def test_rollback_forward_to_a_later_version_is_allowed(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "a", spec(1))
    await documents.update("agent", "a", spec(2))
    await documents.rollback("agent", "a", 1)
    assert (await documents.rollback("agent", "a", 2)).version == 2


async def test_rollback_to_an_unknown_version_raises_not_found(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "a", spec(1))
    with pytest.raises(NotFound, match="has no version 5"):
        await documents.rollback("agent", "a", 5)


async def test_rollback_of_a_missing_document_raises_not_found(
    documents: DocumentRepository,
) -> None:
    with pytest.raises(NotFound, match="agent 'ghost' not found"):
        await documents.rollback("agent", "ghost", 1)


async def test_a_deleted_document_is_not_found(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    await documents.delete("agent", "a")
    with pytest.raises(NotFound, match="agent 'a' not found"):
        await documents.get("agent", "a")


async def test_a_deleted_document_leaves_the_list(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    await documents.delete("agent", "a")
    assert (await documents.list("agent")).total == 0


async def test_a_deleted_document_cannot_be_updated(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    await documents.delete("agent", "a")
    with pytest.raises(NotFound):
        await documents.update("agent", "a", SPEC)


async def test_deleting_twice_raises_not_found(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    await documents.delete("agent", "a")
    with pytest.raises(NotFound):
        await documents.delete("agent", "a")


async def test_creating_after_a_delete_continues_after_the_latest_version(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "a", spec(1))
    await documents.update("agent", "a", spec(2))
    await documents.delete("agent", "a")
    head = await documents.create("agent", "a", spec(3))
    assert (head.version, head.latest_version, head.spec) == (3, 3, spec(3))


async def test_a_recreated_agent_starts_stopped(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    await documents.set_status("agent", "a", "started")
    await documents.delete("agent", "a")
    assert (await documents.create("agent", "a", SPEC)).status == "stopped"


async def test_set_status_records_it_in_the_head(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    await documents.set_status("agent", "a", "degraded")
    assert (await documents.head("agent", "a")).status == "degraded"


async def test_set_status_keeps_the_version(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    head = await documents.set_status("agent", "a", "started")
    assert (head.status, head.version, head.latest_version) == ("started", 1, 1)


async def test_an_unknown_status_is_refused(documents: DocumentRepository) -> None:
    await documents.create("agent", "a", SPEC)
    with pytest.raises(UserError, match="unknown status 'dancing'"):
        await documents.set_status("agent", "a", "dancing")


async def test_set_status_of_a_missing_agent_raises_not_found(
    documents: DocumentRepository,
) -> None:
    with pytest.raises(NotFound):
        await documents.set_status("agent", "ghost", "started")


async def test_concurrent_updates_never_store_one_version_twice(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "a", spec(0))
    results = await asyncio.gather(
        *(documents.update("agent", "a", spec(n)) for n in range(1, 9)), return_exceptions=True
    )
    won = [r.version for r in results if isinstance(r, DocumentHead)]
    assert all(isinstance(r, DocumentHead | VersionConflict) for r in results), results
    assert won and len(set(won)) == len(won)
    stored = [v.version for v in await documents.versions("agent", "a")]
    assert stored == list(range(1, len(won) + 2))


async def test_concurrent_updates_leave_the_head_at_the_latest_version(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "a", spec(0))
    await asyncio.gather(
        *(documents.update("agent", "a", spec(n)) for n in range(1, 9)), return_exceptions=True
    )
    head = await documents.head("agent", "a")
    stored = await documents.versions("agent", "a")
    assert head.version == head.latest_version == stored[-1].version
    assert head.spec == stored[-1].spec


async def test_concurrent_updates_from_one_version_let_exactly_one_win(
    documents: DocumentRepository,
) -> None:
    await documents.create("agent", "a", spec(0))
    results = await asyncio.gather(
        *(documents.update("agent", "a", spec(n), expected_version=1) for n in range(1, 6)),
        return_exceptions=True,
    )
    assert sum(isinstance(r, DocumentHead) for r in results) == 1
    assert sum(isinstance(r, VersionConflict) for r in results) == 4


async def test_concurrent_creates_of_one_name_let_exactly_one_win(
    documents: DocumentRepository,
) -> None:
    results = await asyncio.gather(
        *(documents.create("agent", "a", spec(n)) for n in range(5)), return_exceptions=True
    )
    assert sum(isinstance(r, DocumentHead) for r in results) == 1
    assert sum(isinstance(r, VersionConflict) for r in results) == 4


async def test_creating_for_an_unknown_tenant_raises_not_found(engine: AsyncEngine) -> None:
    await enforce_foreign_keys(engine)
    with pytest.raises(NotFound, match="tenant 'nobody' not found"):
        await DocumentRepository(engine, tenant_id="nobody").create("agent", "a", SPEC)


async def test_a_name_with_a_nul_character_is_not_found(documents: DocumentRepository) -> None:
    name = "a\x00"
    lookups = [
        lambda: documents.head("agent", name),
        lambda: documents.get("agent", name),
        lambda: documents.versions("agent", name),
        lambda: documents.update("agent", name, SPEC),
        lambda: documents.rollback("agent", name, 1),
        lambda: documents.delete("agent", name),
        lambda: documents.set_status("agent", name, "started"),
    ]
    for lookup in lookups:
        with pytest.raises(NotFound, match="not found"):
            await lookup()
