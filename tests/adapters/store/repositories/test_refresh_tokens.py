from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from conclave.adapters.store.records import RefreshTokenRecord
from conclave.adapters.store.repositories import RefreshTokenRepository, UserRepository
from conclave.errors import NotFound, Unauthenticated, VersionConflict

LATER = datetime.now(UTC) + timedelta(days=30)


@pytest.fixture
async def ana(users: UserRepository) -> str:
    return (await users.create("ana@example.com", user_id="u-ana")).id


@pytest.fixture
async def token(tokens: RefreshTokenRepository, ana: str) -> RefreshTokenRecord:
    return await tokens.issue("j1", user_id=ana, expires_at=LATER)


async def test_issue_starts_a_family_named_after_the_token(token: RefreshTokenRecord) -> None:
    assert (token.jti, token.tenant_id, token.user_id, token.family_id) == (
        "j1",
        "t1",
        "u-ana",
        "j1",
    )
    assert (token.used_at, token.revoked_at) == (None, None)


async def test_get_returns_the_issued_token(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    assert await tokens.get("j1") == token
    with pytest.raises(NotFound, match="refresh token 'nope' not found"):
        await tokens.get("nope")


async def test_issue_needs_a_member_of_the_tenant(tokens: RefreshTokenRepository) -> None:
    with pytest.raises(NotFound, match="user 'ghost' not found"):
        await tokens.issue("j1", user_id="ghost", expires_at=LATER)


async def test_issue_refuses_a_deactivated_member(
    tokens: RefreshTokenRepository, users: UserRepository, ana: str
) -> None:
    await users.deactivate(ana)
    with pytest.raises(Unauthenticated, match="deactivated"):
        await tokens.issue("j1", user_id=ana, expires_at=LATER)


async def test_issuing_a_jti_twice_is_a_conflict(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    with pytest.raises(VersionConflict, match="refresh token 'j1' already exists"):
        await tokens.issue("j1", user_id=token.user_id, expires_at=LATER)


async def test_rotate_spends_the_token_and_issues_the_next_in_its_family(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    new = await tokens.rotate("j1", "j2", LATER)
    assert (new.jti, new.family_id, new.user_id, new.used_at) == ("j2", "j1", "u-ana", None)
    assert (await tokens.get("j1")).used_at is not None
    assert (await tokens.rotate("j2", "j3", LATER)).family_id == "j1"


async def test_replaying_a_spent_token_revokes_its_whole_family(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    await tokens.rotate("j1", "j2", LATER)
    with pytest.raises(Unauthenticated, match="no longer valid") as refused:
        await tokens.rotate("j1", "j3", LATER)
    assert refused.value.fields == {"reason": "reused"}
    assert (await tokens.get("j2")).revoked_at is not None
    with pytest.raises(NotFound):
        await tokens.get("j3")


async def test_concurrent_rotations_of_one_token_let_exactly_one_win(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    attempts = [tokens.rotate("j1", f"next-{number}", LATER) for number in range(4)]
    results = await asyncio.gather(*attempts, return_exceptions=True)
    winners = [result for result in results if isinstance(result, RefreshTokenRecord)]
    losers = [result for result in results if isinstance(result, Unauthenticated)]
    assert (len(winners), len(losers)) == (1, 3)
    assert (await tokens.get(winners[0].jti)).revoked_at is not None


async def test_an_expired_token_is_refused_without_revoking_its_family(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    with pytest.raises(Unauthenticated, match="expired") as refused:
        await tokens.rotate("j1", "j2", LATER, now=LATER + timedelta(seconds=1))
    assert refused.value.fields == {"reason": "expired"}
    assert (await tokens.get("j1")).revoked_at is None


async def test_an_unknown_token_is_refused(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    for jti in ["nope", "n\x00pe"]:
        with pytest.raises(Unauthenticated, match="invalid refresh token") as refused:
            await tokens.rotate(jti, "j2", LATER)
        assert refused.value.fields == {"reason": "unknown"}


async def test_rotating_to_a_taken_jti_spends_nothing(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    await tokens.issue("taken", user_id=token.user_id, expires_at=LATER)
    with pytest.raises(VersionConflict, match="rotate to a fresh id"):
        await tokens.rotate("j1", "taken", LATER)
    assert (await tokens.get("j1")).used_at is None


async def test_revoke_family_signs_one_session_out(
    tokens: RefreshTokenRepository, token: RefreshTokenRecord
) -> None:
    await tokens.rotate("j1", "j2", LATER)
    await tokens.issue("other", user_id=token.user_id, expires_at=LATER)
    assert await tokens.revoke_family("j1") == 2
    assert (await tokens.get("other")).revoked_at is None
    with pytest.raises(Unauthenticated, match="no longer valid"):
        await tokens.rotate("j2", "j3", LATER)


async def test_revoke_user_signs_a_member_out_everywhere(
    tokens: RefreshTokenRepository, users: UserRepository, token: RefreshTokenRecord
) -> None:
    bo = await users.create("bo@example.com")
    await tokens.issue("j2", user_id=token.user_id, expires_at=LATER)
    await tokens.issue("bo-1", user_id=bo.id, expires_at=LATER)
    assert await tokens.revoke_user(token.user_id) == 2
    assert (await tokens.get("bo-1")).revoked_at is None
