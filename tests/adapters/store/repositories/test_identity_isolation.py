"""A second tenant sees nothing of the first's members, keys, tokens, audit or secrets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from conclave.adapters.store.repositories import (
    ApiKeyRepository,
    AuditLog,
    RefreshTokenRepository,
    SecretRepository,
    UserRepository,
)
from conclave.errors import NotFound, Unauthenticated

LATER = datetime.now(UTC) + timedelta(days=30)


@pytest.fixture
async def ana(users: UserRepository) -> str:
    return (await users.create("ana@example.com", user_id="u-ana", name="Ana")).id


@pytest.fixture
async def key(keys: ApiKeyRepository) -> str:
    return (await keys.create("k1", name="ci", role="admin", digest="d" * 64)).id


@pytest.fixture
async def token(tokens: RefreshTokenRepository, ana: str) -> str:
    return (await tokens.issue("j1", user_id=ana, expires_at=LATER)).jti


async def test_another_tenant_cannot_read_a_user(other_users: UserRepository, ana: str) -> None:
    with pytest.raises(NotFound, match="user 'u-ana' not found"):
        await other_users.get(ana)
    with pytest.raises(NotFound):
        await other_users.get_by_email("ana@example.com")
    assert (await other_users.list()).total == 0


async def test_another_tenant_cannot_change_a_user(
    other_users: UserRepository, users: UserRepository, ana: str
) -> None:
    with pytest.raises(NotFound):
        await other_users.update(ana, role="platform")
    with pytest.raises(NotFound):
        await other_users.deactivate(ana)
    with pytest.raises(NotFound):
        await other_users.touch_login(ana)
    user = await users.get(ana)
    assert (user.role, user.active, user.last_login_at) == ("viewer", True, None)


async def test_one_email_makes_separate_members_in_two_tenants(
    other_users: UserRepository, ana: str
) -> None:
    theirs = await other_users.create("ana@example.com")
    assert (theirs.tenant_id, theirs.id != ana) == ("t2", True)


async def test_another_tenant_cannot_read_a_key(other_keys: ApiKeyRepository, key: str) -> None:
    with pytest.raises(NotFound, match="API key 'k1' not found"):
        await other_keys.get(key)
    assert (await other_keys.list()).total == 0


async def test_another_tenant_cannot_revoke_or_touch_a_key(
    other_keys: ApiKeyRepository, keys: ApiKeyRepository, key: str
) -> None:
    with pytest.raises(NotFound):
        await other_keys.revoke(key)
    with pytest.raises(NotFound):
        await other_keys.touch_used(key, LATER)
    stored = await keys.get(key)
    assert (stored.revoked_at, stored.last_used_at) == (None, None)


async def test_another_tenant_cannot_read_or_rotate_a_token(
    other_tokens: RefreshTokenRepository, tokens: RefreshTokenRepository, token: str
) -> None:
    with pytest.raises(NotFound):
        await other_tokens.get(token)
    with pytest.raises(Unauthenticated, match="invalid refresh token"):
        await other_tokens.rotate(token, "j2", LATER)
    stored = await tokens.get(token)
    assert (stored.used_at, stored.revoked_at) == (None, None)


async def test_another_tenant_cannot_revoke_tokens(
    other_tokens: RefreshTokenRepository, tokens: RefreshTokenRepository, ana: str, token: str
) -> None:
    assert await other_tokens.revoke_family(token) == 0
    assert await other_tokens.revoke_user(ana) == 0
    assert (await tokens.get(token)).revoked_at is None


async def test_another_tenant_cannot_issue_a_token_to_a_member(
    other_tokens: RefreshTokenRepository, ana: str
) -> None:
    with pytest.raises(NotFound, match="user 'u-ana' not found"):
        await other_tokens.issue("j9", user_id=ana, expires_at=LATER)


async def test_another_tenant_reads_none_of_the_audit_log(
    other_audit: AuditLog, audit: AuditLog
) -> None:
    await audit.record("agent.create", actor_kind="user", actor_id="u-ana")
    assert (await other_audit.list()).total == 0
    assert (await other_audit.list(after_id=0, newest_first=True)).items == []


async def test_another_tenant_cannot_read_or_delete_a_secret(
    other_secrets: SecretRepository, secrets: SecretRepository
) -> None:
    await secrets.put("openai", "theirs")
    with pytest.raises(NotFound, match="secret 'openai' not found"):
        await other_secrets.get("openai")
    with pytest.raises(NotFound):
        await other_secrets.delete("openai")
    assert await other_secrets.list() == []


async def test_a_secret_of_the_same_name_is_a_separate_secret(
    other_secrets: SecretRepository, secrets: SecretRepository
) -> None:
    await secrets.put("openai", "ours")
    await other_secrets.put("openai", "theirs")
    assert (await secrets.get("openai")).ciphertext == "ours"
