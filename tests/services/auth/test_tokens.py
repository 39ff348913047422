from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest

from conclave.errors import ConfigError, Unauthenticated
from conclave.services.auth import Role, TokenCodec
from tests.services.auth.support import SECRET, START, Clock, KeyPair, make_settings

INVALID = "invalid token; log in again"
EXPIRED = "token expired; refresh it or log in again"


@pytest.fixture
def codec(clock: Clock) -> TokenCodec:
    return TokenCodec.from_settings(make_settings(), SECRET, now=clock)


def rs256_codec(pair: KeyPair, clock: Clock, **settings: Any) -> TokenCodec:
    config = make_settings(
        jwt_algorithm="RS256",
        jwt_private_key_file=pair.private_file,
        jwt_public_key_file=pair.public_file,
        **settings,
    )
    return TokenCodec.from_settings(config, SECRET, now=clock)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64_json(value: dict[str, Any]) -> str:
    return b64(json.dumps(value).encode())


def claims_for(clock: Clock, **changes: Any) -> dict[str, Any]:
    """A valid access payload, as the codec would write it, with ``changes`` applied."""
    now = int(clock().timestamp())
    payload = {
        "iss": "conclave",
        "aud": "conclave-api",
        "sub": "user-1",
        "jti": "j1",
        "typ": "access",
        "iat": now,
        "exp": now + 900,
        "tid": "acme",
        "role": "admin",
    }
    payload.update(changes)
    return {name: value for name, value in payload.items() if value is not None}


# Round trips


def test_an_access_token_carries_its_claims(codec: TokenCodec) -> None:
    token = codec.issue_access("user-1", tenant_id="acme", role=Role.OPERATOR)
    claims = codec.decode(token, kind="access")
    assert (claims.subject, claims.tenant_id, claims.role, claims.kind) == (
        "user-1",
        "acme",
        Role.OPERATOR,
        "access",
    )
    assert claims.issued_at == START
    assert claims.expires_at == START + timedelta(minutes=15)
    assert claims.family_id is None
    assert claims.jti


def test_access_tokens_have_unique_ids(codec: TokenCodec) -> None:
    tokens = [codec.issue_access("u", tenant_id="acme", role=Role.VIEWER) for _ in range(20)]
    assert len({codec.decode(token, kind="access").jti for token in tokens}) == 20


def test_a_platform_access_token_needs_no_tenant(codec: TokenCodec) -> None:
    token = codec.issue_access("root", tenant_id=None, role=Role.PLATFORM)
    assert codec.decode(token, kind="access").tenant_id is None


def test_a_tenant_role_without_a_tenant_cannot_be_issued(codec: TokenCodec) -> None:
    with pytest.raises(ValueError, match="needs a tenant_id"):
        codec.issue_access("u", tenant_id=None, role=Role.ADMIN)


def test_a_refresh_token_starts_a_family_and_describes_itself(codec: TokenCodec) -> None:
    issued = codec.issue_refresh("user-1", tenant_id="acme")
    claims = codec.decode(issued.token, kind="refresh")
    assert claims.family_id == issued.family_id
    assert claims.jti == issued.jti
    assert claims.expires_at == issued.expires_at == START + timedelta(days=14)
    assert claims.role is None


def test_a_refresh_token_stays_in_the_family_it_is_given(codec: TokenCodec) -> None:
    first = codec.issue_refresh("user-1", tenant_id="acme")
    second = codec.issue_refresh("user-1", tenant_id="acme", family_id=first.family_id)
    assert second.family_id == first.family_id
    assert second.jti != first.jti


def test_lifetimes_come_from_the_settings(clock: Clock) -> None:
    settings = make_settings(access_token_minutes=5, refresh_token_days=1)
    codec = TokenCodec.from_settings(settings, SECRET, now=clock)
    access = codec.decode(codec.issue_access("u", tenant_id="t", role=Role.VIEWER), kind="access")
    assert access.expires_at == START + timedelta(minutes=5)
    assert codec.issue_refresh("u", tenant_id="t").expires_at == START + timedelta(days=1)


def test_an_rs256_token_round_trips(key_pair: KeyPair, clock: Clock) -> None:
    codec = rs256_codec(key_pair, clock)
    token = codec.issue_access("user-1", tenant_id="acme", role=Role.ADMIN)
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    assert codec.decode(token, kind="access").role is Role.ADMIN


# Time


def test_a_token_is_accepted_within_the_leeway_after_expiry(
    codec: TokenCodec, clock: Clock
) -> None:
    token = codec.issue_access("u", tenant_id="acme", role=Role.VIEWER)
    clock.advance(minutes=15, seconds=5)
    assert codec.decode(token, kind="access").subject == "u"


def test_an_expired_token_is_refused_with_advice(codec: TokenCodec, clock: Clock) -> None:
    token = codec.issue_access("u", tenant_id="acme", role=Role.VIEWER)
    clock.advance(minutes=15, seconds=11)
    with pytest.raises(Unauthenticated) as caught:
        codec.decode(token, kind="access")
    assert str(caught.value) == EXPIRED


def test_an_expired_refresh_token_is_refused(codec: TokenCodec, clock: Clock) -> None:
    issued = codec.issue_refresh("u", tenant_id="acme")
    clock.advance(days=14, seconds=11)
    with pytest.raises(Unauthenticated, match="token expired"):
        codec.decode(issued.token, kind="refresh")


def test_a_token_issued_in_the_future_is_refused(codec: TokenCodec, clock: Clock) -> None:
    ahead = TokenCodec.from_settings(
        make_settings(), SECRET, now=lambda: START + timedelta(hours=1)
    )
    token = ahead.issue_access("u", tenant_id="acme", role=Role.VIEWER)
    with pytest.raises(Unauthenticated) as caught:
        codec.decode(token, kind="access")
    assert str(caught.value) == INVALID


# Kinds


def test_a_refresh_token_is_not_accepted_as_an_access_token(codec: TokenCodec) -> None:
    refresh = codec.issue_refresh("u", tenant_id="acme").token
    with pytest.raises(
        Unauthenticated, match="a refresh token cannot be used here; send the access token"
    ):
        codec.decode(refresh, kind="access")


def test_an_access_token_is_not_accepted_as_a_refresh_token(codec: TokenCodec) -> None:
    access = codec.issue_access("u", tenant_id="acme", role=Role.ADMIN)
    with pytest.raises(
        Unauthenticated, match="an access token cannot be used here; send the refresh token"
    ):
        codec.decode(access, kind="refresh")


# Tampering: every failure reads the same


def assert_invalid(codec: TokenCodec, token: str) -> None:
    with pytest.raises(Unauthenticated) as caught:
        codec.decode(token, kind="access")
    assert str(caught.value) == INVALID


def test_a_flipped_signature_byte_is_refused(codec: TokenCodec) -> None:
    token = codec.issue_access("u", tenant_id="acme", role=Role.VIEWER)
    head, body, signature = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 0x01
    assert_invalid(codec, f"{head}.{body}.{b64(bytes(raw))}")


def test_a_changed_payload_is_refused(codec: TokenCodec, clock: Clock) -> None:
    token = codec.issue_access("u", tenant_id="acme", role=Role.VIEWER)
    head, _, signature = token.split(".")
    forged = b64_json(claims_for(clock, sub="u", role="platform"))
    assert_invalid(codec, f"{head}.{forged}.{signature}")


def test_an_alg_none_token_is_refused(codec: TokenCodec, clock: Clock) -> None:
    head = b64_json({"alg": "none", "typ": "JWT"})
    assert_invalid(codec, f"{head}.{b64_json(claims_for(clock))}.")


def test_a_token_signed_with_another_secret_is_refused(codec: TokenCodec, clock: Clock) -> None:
    other = TokenCodec.from_settings(make_settings(), SECRET + b"-other", now=clock)
    assert_invalid(codec, other.issue_access("u", tenant_id="acme", role=Role.ADMIN))


def test_a_token_for_another_audience_is_refused(codec: TokenCodec, clock: Clock) -> None:
    other = TokenCodec.from_settings(make_settings(jwt_audience="elsewhere"), SECRET, now=clock)
    assert_invalid(codec, other.issue_access("u", tenant_id="acme", role=Role.ADMIN))


def test_a_token_from_another_issuer_is_refused(codec: TokenCodec, clock: Clock) -> None:
    other = TokenCodec.from_settings(make_settings(jwt_issuer="someone"), SECRET, now=clock)
    assert_invalid(codec, other.issue_access("u", tenant_id="acme", role=Role.ADMIN))


@pytest.mark.parametrize("text", ["", "garbage", "a.b.c", "é.é.é", "x" * 9000])
def test_text_that_is_no_token_is_refused(codec: TokenCodec, text: str) -> None:
    assert_invalid(codec, text)


def test_an_rs256_token_checked_with_another_public_key_is_refused(
    key_pair: KeyPair, other_key_pair: KeyPair, clock: Clock
) -> None:
    token = rs256_codec(key_pair, clock).issue_access("u", tenant_id="acme", role=Role.ADMIN)
    assert_invalid(rs256_codec(other_key_pair, clock), token)


def test_an_hs256_token_keyed_with_the_rs256_public_key_is_refused(
    key_pair: KeyPair, clock: Clock
) -> None:
    # The classic confusion: the public key is public, so anyone can make this HMAC.
    signing_input = f"{b64_json({'alg': 'HS256', 'typ': 'JWT'})}.{b64_json(claims_for(clock))}"
    mac = hmac.new(key_pair.public_pem, signing_input.encode(), hashlib.sha256).digest()
    assert_invalid(rs256_codec(key_pair, clock), f"{signing_input}.{b64(mac)}")


@pytest.mark.parametrize("algorithm", ["RS384", "RS512", "PS256"])
def test_a_token_signed_with_the_right_key_but_another_algorithm_is_refused(
    algorithm: str, key_pair: KeyPair, clock: Clock
) -> None:
    token = jwt.encode(claims_for(clock), key_pair.private_key, algorithm=algorithm)
    assert_invalid(rs256_codec(key_pair, clock), token)


@pytest.mark.parametrize("claim", ["iss", "aud", "sub", "jti", "iat", "exp", "typ"])
def test_a_correctly_signed_token_without_a_required_claim_is_refused(
    claim: str, key_pair: KeyPair, clock: Clock
) -> None:
    payload = claims_for(clock, **{claim: None})
    token = jwt.encode(payload, key_pair.private_key, algorithm="RS256")
    assert_invalid(rs256_codec(key_pair, clock), token)


@pytest.mark.parametrize(
    "changes",
    [
        {"role": "owner"},
        {"role": None},
        {"tid": None},
        {"typ": "id"},
        {"sub": 7},
        {"iat": True},
    ],
)
def test_a_correctly_signed_token_with_wrong_claims_is_refused(
    changes: dict[str, Any], key_pair: KeyPair, clock: Clock
) -> None:
    token = jwt.encode(claims_for(clock, **changes), key_pair.private_key, algorithm="RS256")
    assert_invalid(rs256_codec(key_pair, clock), token)


def test_a_hand_made_token_with_valid_claims_is_accepted(key_pair: KeyPair, clock: Clock) -> None:
    # The control for the two tests above: their payload differs from this one only as named.
    token = jwt.encode(claims_for(clock), key_pair.private_key, algorithm="RS256")
    assert rs256_codec(key_pair, clock).decode(token, kind="access").subject == "user-1"


# RS256 configuration


def test_rs256_without_key_files_is_a_config_error(clock: Clock) -> None:
    with pytest.raises(ConfigError, match="RS256 needs CONCLAVE_JWT_PRIVATE_KEY_FILE; make"):
        TokenCodec.from_settings(make_settings(jwt_algorithm="RS256"), SECRET, now=clock)


def test_rs256_with_an_unreadable_key_file_is_a_config_error(
    key_pair: KeyPair, tmp_path: Path
) -> None:
    settings = make_settings(
        jwt_algorithm="RS256",
        jwt_private_key_file=tmp_path / "missing.key",
        jwt_public_key_file=key_pair.public_file,
    )
    with pytest.raises(ConfigError, match="cannot read CONCLAVE_JWT_PRIVATE_KEY_FILE="):
        TokenCodec.from_settings(settings, SECRET)


def test_rs256_with_a_file_that_is_not_pem_is_a_config_error(
    key_pair: KeyPair, tmp_path: Path
) -> None:
    (tmp_path / "jwt.pub").write_text("not a key")
    settings = make_settings(
        jwt_algorithm="RS256",
        jwt_private_key_file=key_pair.private_file,
        jwt_public_key_file=tmp_path / "jwt.pub",
    )
    with pytest.raises(ConfigError, match="is not a PEM public key"):
        TokenCodec.from_settings(settings, SECRET)


def test_rs256_with_keys_that_are_not_a_pair_is_a_config_error(
    key_pair: KeyPair, other_key_pair: KeyPair
) -> None:
    settings = make_settings(
        jwt_algorithm="RS256",
        jwt_private_key_file=key_pair.private_file,
        jwt_public_key_file=other_key_pair.public_file,
    )
    with pytest.raises(ConfigError, match="does not hold the public half"):
        TokenCodec.from_settings(settings, SECRET)
