from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import ApiKeyRecord
from conclave.adapters.store.repositories import ApiKeyRepository, find_key, touch_key
from conclave.errors import NotFound, UserError, VersionConflict

DIGEST = "a" * 64
AT = datetime(2030, 1, 1, tzinfo=UTC)


async def _find(engine: AsyncEngine, digest: str) -> ApiKeyRecord | None:
    async with engine.connect() as connection:
        return await connection.run_sync(find_key, digest)


async def test_create_returns_the_key_without_its_digest(keys: ApiKeyRepository) -> None:
    key = await keys.create("k1", name="ci", role="operator", digest=DIGEST, user_id="u1")
    assert (key.id, key.tenant_id, key.name, key.role, key.user_id) == (
        "k1",
        "t1",
        "ci",
        "operator",
        "u1",
    )
    assert (key.revoked_at, key.expires_at, key.last_used_at) == (None, None, None)
    assert DIGEST not in repr(key)


async def test_get_returns_the_created_key(keys: ApiKeyRepository) -> None:
    created = await keys.create("k1", name="ci", role="viewer", digest=DIGEST, expires_at=AT)
    assert await keys.get("k1") == created


async def test_find_key_returns_the_key_and_its_tenant(
    engine: AsyncEngine, keys: ApiKeyRepository
) -> None:
    created = await keys.create("k1", name="ci", role="admin", digest=DIGEST)
    found = await _find(engine, DIGEST)
    assert found == created
    assert found is not None and found.tenant_id == "t1"


async def test_find_key_returns_none_for_an_unknown_digest(
    engine: AsyncEngine, keys: ApiKeyRepository
) -> None:
    await keys.create("k1", name="ci", role="admin", digest=DIGEST)
    assert await _find(engine, "b" * 64) is None
    assert await _find(engine, "a\x00") is None


async def test_find_key_runs_in_a_database_unit_of_work(
    database_url: str, keys: ApiKeyRepository
) -> None:
    await keys.create("k1", name="ci", role="admin", digest=DIGEST)
    async with Database(database_url) as database:
        found = await database.run(lambda connection: find_key(connection, DIGEST))
    assert found is not None and found.id == "k1"


async def test_a_revoked_key_is_still_found_so_the_caller_can_refuse_it(
    engine: AsyncEngine, keys: ApiKeyRepository
) -> None:
    await keys.create("k1", name="ci", role="admin", digest=DIGEST)
    await keys.revoke("k1")
    found = await _find(engine, DIGEST)
    assert found is not None and found.revoked_at is not None
    assert not found.usable_at(datetime.now(UTC))


async def test_a_key_is_usable_until_it_expires(keys: ApiKeyRepository) -> None:
    key = await keys.create("k1", name="ci", role="admin", digest=DIGEST, expires_at=AT)
    assert key.usable_at(AT - timedelta(seconds=1))
    assert not key.usable_at(AT)


async def test_revoking_twice_keeps_the_first_time(keys: ApiKeyRepository) -> None:
    await keys.create("k1", name="ci", role="admin", digest=DIGEST)
    first = await keys.revoke("k1", at=AT)
    again = await keys.revoke("k1", at=AT + timedelta(days=1))
    assert first.revoked_at == again.revoked_at == AT


async def test_revoking_an_unknown_key_raises_not_found(keys: ApiKeyRepository) -> None:
    with pytest.raises(NotFound, match="API key 'ghost' not found"):
        await keys.revoke("ghost")


async def test_a_duplicate_id_or_digest_is_a_conflict(keys: ApiKeyRepository) -> None:
    await keys.create("k1", name="ci", role="admin", digest=DIGEST)
    with pytest.raises(VersionConflict, match="generate a new key"):
        await keys.create("k1", name="ci", role="admin", digest="c" * 64)
    with pytest.raises(VersionConflict, match="generate a new key"):
        await keys.create("k2", name="ci", role="admin", digest=DIGEST)


async def test_an_unknown_role_is_refused(keys: ApiKeyRepository) -> None:
    with pytest.raises(UserError, match="unknown role 'owner'"):
        await keys.create("k1", name="ci", role="owner", digest=DIGEST)


async def test_list_shows_the_newest_first_and_can_hide_revoked_keys(
    keys: ApiKeyRepository,
) -> None:
    for number in range(3):
        await keys.create(f"k{number}", name="ci", role="viewer", digest=f"{number}" * 64)
    await keys.revoke("k1")
    assert [key.id for key in (await keys.list()).items] == ["k2", "k1", "k0"]
    assert [key.id for key in (await keys.list(include_revoked=False)).items] == ["k2", "k0"]


async def test_touch_used_records_the_latest_use_only(keys: ApiKeyRepository) -> None:
    await keys.create("k1", name="ci", role="admin", digest=DIGEST)
    await keys.touch_used("k1", AT)
    await keys.touch_used("k1", AT - timedelta(minutes=1))
    assert (await keys.get("k1")).last_used_at == AT
    with pytest.raises(NotFound):
        await keys.touch_used("ghost", AT)


async def test_touch_key_writes_in_a_database_unit_of_work(
    database_url: str, keys: ApiKeyRepository
) -> None:
    await keys.create("k1", name="ci", role="admin", digest=DIGEST)
    async with Database(database_url) as database:
        moved = await database.run(lambda connection: touch_key(connection, "t1", "k1", AT))
        again = await database.run(lambda connection: touch_key(connection, "t1", "k1", AT))
    assert (moved, again) == (True, False)
    assert (await keys.get("k1")).last_used_at == AT
