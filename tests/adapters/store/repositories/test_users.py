from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from conclave.adapters.store.repositories import RefreshTokenRepository, UserRepository
from conclave.errors import NotFound, UserError, VersionConflict


async def test_create_stores_the_email_lowercased_with_safe_defaults(
    users: UserRepository,
) -> None:
    user = await users.create("  Ana@Example.COM ", name="Ana")
    assert (user.email, user.name, user.role, user.active) == (
        "ana@example.com",
        "Ana",
        "viewer",
        True,
    )
    assert (user.tenant_id, user.password_hash, user.last_login_at) == ("t1", None, None)
    assert user.created_at.tzinfo == UTC


async def test_get_returns_the_created_user(users: UserRepository) -> None:
    created = await users.create("ana@example.com", role="admin", password_hash="h")
    assert await users.get(created.id) == created


async def test_a_user_can_be_given_an_id(users: UserRepository) -> None:
    assert (await users.create("ana@example.com", user_id="u-ana")).id == "u-ana"


async def test_get_by_email_ignores_case_and_spaces(users: UserRepository) -> None:
    created = await users.create("ana@example.com")
    assert await users.get_by_email(" ANA@example.com") == created


async def test_an_email_is_unique_in_a_tenant_whatever_its_case(users: UserRepository) -> None:
    await users.create("ana@example.com")
    with pytest.raises(VersionConflict, match=r"user with email 'ana@example\.com' already exists"):
        await users.create("Ana@Example.com")


async def test_a_duplicate_id_is_a_conflict_that_names_the_id(users: UserRepository) -> None:
    await users.create("ana@example.com", user_id="u1")
    with pytest.raises(VersionConflict, match="user 'u1' already exists"):
        await users.create("bo@example.com", user_id="u1")


async def test_an_unknown_role_is_refused(users: UserRepository) -> None:
    with pytest.raises(UserError, match="unknown role 'root'"):
        await users.create("ana@example.com", role="root")


async def test_an_unusable_email_is_refused(users: UserRepository) -> None:
    for email in ["", "a\x00@example.com", "a" * 321]:
        with pytest.raises(UserError, match="email"):
            await users.create(email)


async def test_unknown_users_are_not_found(users: UserRepository) -> None:
    with pytest.raises(NotFound, match="user 'ghost' not found"):
        await users.get("ghost")
    with pytest.raises(NotFound):
        await users.get("g\x00")
    with pytest.raises(NotFound, match=r"no user with email 'ghost@example\.com'"):
        await users.get_by_email("ghost@example.com")


async def test_list_pages_through_members_by_email(users: UserRepository) -> None:
    for email in ["cy@example.com", "ana@example.com", "bo@example.com"]:
        await users.create(email)
    page = await users.list(limit=2, offset=1)
    assert [user.email for user in page.items] == ["bo@example.com", "cy@example.com"]
    assert (page.total, page.has_more) == (3, False)


async def test_list_can_show_only_active_or_deactivated_members(users: UserRepository) -> None:
    ana = await users.create("ana@example.com")
    await users.create("bo@example.com")
    await users.deactivate(ana.id)
    assert [user.email for user in (await users.list(active=False)).items] == [ana.email]
    assert [user.email for user in (await users.list(active=True)).items] == ["bo@example.com"]


async def test_update_changes_only_what_it_is_given(users: UserRepository) -> None:
    created = await users.create("ana@example.com", name="Ana", password_hash="old")
    updated = await users.update(created.id, role="operator", password_hash="new")
    assert (updated.name, updated.role, updated.password_hash) == ("Ana", "operator", "new")
    assert updated.updated_at >= created.updated_at
    assert await users.get(created.id) == updated


async def test_update_of_an_unknown_user_raises_not_found(users: UserRepository) -> None:
    with pytest.raises(NotFound):
        await users.update("ghost", name="Ghost")


async def test_deactivating_a_user_ends_its_sessions(
    users: UserRepository, tokens: RefreshTokenRepository
) -> None:
    ana = await users.create("ana@example.com")
    await tokens.issue("j1", user_id=ana.id, expires_at=datetime.now(UTC) + timedelta(days=1))
    assert not (await users.deactivate(ana.id)).active
    assert (await tokens.get("j1")).revoked_at is not None


async def test_touch_login_records_the_sign_in(users: UserRepository) -> None:
    ana = await users.create("ana@example.com")
    at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    await users.touch_login(ana.id, at)
    assert (await users.get(ana.id)).last_login_at == at
    with pytest.raises(NotFound):
        await users.touch_login("ghost")


async def test_the_password_hash_stays_out_of_the_repr(users: UserRepository) -> None:
    user = await users.create("ana@example.com", password_hash="$argon2id$secret")
    assert "argon2id" not in repr(user)
