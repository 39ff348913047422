"""Access and refresh tokens: JWTs signed with HS256 (the default) or RS256.

Every token carries ``iss``, ``aud``, ``sub``, ``jti``, ``iat``, ``exp`` and ``typ``
(``access`` or ``refresh``), all required on decoding. Access tokens also carry ``tid``
(the tenant, absent only for the platform role) and ``role``; refresh tokens carry ``fam``,
the family a rotated refresh token stays in, so that reuse of an old one can revoke them all.
Refresh tokens carry no role: it is read again from the member when one is used.

The algorithm comes from the configuration only; a token's header cannot choose it, so
``alg: none`` and HS256 tokens signed with an RS256 public key are refused. Every failure
raises :class:`~conclave.errors.Unauthenticated` with a short message that says what to
do, not which check failed.

Example::

    codec = TokenCodec.from_settings(settings, resolve_secret_key(settings))
    token = codec.issue_access("user-1", tenant_id="acme", role=Role.ADMIN)
    claims = codec.decode(token, kind="access")
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import jwt

from conclave.config import Settings
from conclave.errors import Unauthenticated, UnknownName
from conclave.services.auth._kdf import derive_key
from conclave.services.auth._pem import SigningKeys, load_rsa_keys
from conclave.services.auth.roles import Role

__all__ = ["Claims", "IssuedToken", "TokenCodec", "TokenKind"]

TokenKind = Literal["access", "refresh"]

_HS256_LABEL = "conclave/jwt-hs256"
_REQUIRED = ["iss", "aud", "sub", "jti", "iat", "exp", "typ"]
# Far above any token this codec issues; anything longer is refused before parsing.
_MAX_TOKEN_LENGTH = 8192
_INVALID = "invalid token; log in again"
_EXPIRED = "token expired; refresh it or log in again"
# Keyed by the kind that was wanted.
_WRONG_KIND = {
    "access": "a refresh token cannot be used here; send the access token",
    "refresh": "an access token cannot be used here; send the refresh token",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Claims:
    """What a verified token says.

    Attributes:
        subject: who the token was issued to (a member or an API client id).
        tenant_id: the tenant it acts in; ``None`` only for a platform administrator.
        role: the role it grants; ``None`` in refresh tokens.
        jti: the token's unique id.
        family_id: the refresh family it belongs to, if any.
        kind: ``access`` or ``refresh``.
        issued_at: when it was issued (UTC, whole seconds).
        expires_at: when it stops being accepted (UTC, whole seconds).
    """

    subject: str
    tenant_id: str | None
    role: Role | None
    jti: str
    family_id: str | None
    kind: TokenKind
    issued_at: datetime
    expires_at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class IssuedToken:
    """A refresh token and what the server records about it.

    Attributes:
        token: the encoded token to hand to the client.
        jti: its unique id, to record and later revoke.
        expires_at: when it stops being accepted.
        family_id: its family; pass it on when this token is exchanged for a new one.
    """

    token: str
    jti: str
    expires_at: datetime
    family_id: str


def _utc_now() -> datetime:
    return datetime.now(UTC)


class TokenCodec:
    """Issues and verifies access and refresh tokens.

    Build it with :meth:`from_settings`; the constructor takes the keys themselves.

    Args:
        algorithm: ``HS256`` or ``RS256``.
        signing_key: the HMAC key, or the RSA private key.
        verifying_key: the HMAC key, or the RSA public key.
        issuer: the ``iss`` claim written and required.
        audience: the ``aud`` claim written and required.
        access_lifetime: how long an access token is accepted.
        refresh_lifetime: how long a refresh token is accepted.
        leeway: clock skew forgiven between servers when checking ``iat`` and ``exp``.
        now: the clock, returning an aware UTC datetime.
    """

    __slots__ = (
        "_access_lifetime",
        "_algorithm",
        "_audience",
        "_issuer",
        "_leeway",
        "_now",
        "_refresh_lifetime",
        "_signing_key",
        "_verifying_key",
    )

    def __init__(
        self,
        *,
        algorithm: Literal["HS256", "RS256"],
        signing_key: Any,
        verifying_key: Any,
        issuer: str,
        audience: str,
        access_lifetime: timedelta,
        refresh_lifetime: timedelta,
        leeway: timedelta = timedelta(seconds=10),
        now: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._algorithm = algorithm
        self._signing_key = signing_key
        self._verifying_key = verifying_key
        self._issuer = issuer
        self._audience = audience
        self._access_lifetime = access_lifetime
        self._refresh_lifetime = refresh_lifetime
        self._leeway = leeway
        self._now = now

    @classmethod
    def from_settings(
        cls, settings: Settings, secret: bytes, *, now: Callable[[], datetime] = _utc_now
    ) -> TokenCodec:
        """A codec configured by ``CONCLAVE_JWT_*`` and the token lifetimes.

        HS256 signs with a key derived from ``secret`` (the server's secret key); RS256
        reads the PEM files named by ``CONCLAVE_JWT_PRIVATE_KEY_FILE`` and
        ``CONCLAVE_JWT_PUBLIC_KEY_FILE``.

        Raises:
            ConfigError: RS256 without both key files, or with files that cannot be read.
        """
        if settings.jwt_algorithm == "RS256":
            keys = load_rsa_keys(settings.jwt_private_key_file, settings.jwt_public_key_file)
        else:
            hmac_key = derive_key(secret, label=_HS256_LABEL)
            keys = SigningKeys(signing=hmac_key, verifying=hmac_key)
        return cls(
            algorithm=settings.jwt_algorithm,
            signing_key=keys.signing,
            verifying_key=keys.verifying,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            access_lifetime=timedelta(minutes=settings.access_token_minutes),
            refresh_lifetime=timedelta(days=settings.refresh_token_days),
            now=now,
        )

    def issue_access(
        self,
        subject: str,
        *,
        tenant_id: str | None,
        role: Role,
        family_id: str | None = None,
    ) -> str:
        """A short-lived token granting ``role`` in ``tenant_id``.

        Args:
            subject: who it is for.
            tenant_id: the tenant it acts in; ``None`` only with ``Role.PLATFORM``.
            role: the role it grants.
            family_id: the refresh family of the session it belongs to, if any.

        Raises:
            ValueError: ``tenant_id`` is ``None`` for a role below platform.
        """
        if tenant_id is None and role is not Role.PLATFORM:
            raise ValueError(f"an access token for role {role!r} needs a tenant_id")
        claims = {"tid": tenant_id, "role": role.value, "fam": family_id}
        token, _, _ = self._encode(subject, "access", self._access_lifetime, claims)
        return token

    def issue_refresh(
        self, subject: str, *, tenant_id: str | None, family_id: str | None = None
    ) -> IssuedToken:
        """A long-lived token that can be exchanged for new access and refresh tokens.

        Args:
            subject: who it is for.
            tenant_id: the tenant the session acts in.
            family_id: the family of the token being exchanged; ``None`` starts a new one
                (at login).
        """
        family = family_id or secrets.token_hex(16)
        claims = {"tid": tenant_id, "fam": family}
        token, jti, expires_at = self._encode(subject, "refresh", self._refresh_lifetime, claims)
        return IssuedToken(token=token, jti=jti, expires_at=expires_at, family_id=family)

    def decode(self, token: str, *, kind: TokenKind) -> Claims:
        """Verify ``token`` and return its claims.

        Raises:
            Unauthenticated: the token is malformed, signed by another key or algorithm,
                for another issuer or audience, of the other kind, expired or not yet valid.
        """
        payload = self._verified_payload(token)
        claims = _claims_from(payload)
        if claims.kind != kind:
            raise Unauthenticated(_WRONG_KIND[kind])
        now = self._now()
        if claims.issued_at > now + self._leeway:
            raise Unauthenticated(_INVALID)
        if claims.expires_at <= now - self._leeway:
            raise Unauthenticated(_EXPIRED)
        return claims

    def _encode(
        self, subject: str, kind: TokenKind, lifetime: timedelta, extra: dict[str, Any]
    ) -> tuple[str, str, datetime]:
        issued_at = self._now().replace(microsecond=0)
        expires_at = issued_at + lifetime
        jti = secrets.token_hex(16)
        payload = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": subject,
            "jti": jti,
            "typ": kind,
            "iat": int(issued_at.timestamp()),
            "exp": int(expires_at.timestamp()),
            **{name: value for name, value in extra.items() if value is not None},
        }
        token = jwt.encode(payload, self._signing_key, algorithm=self._algorithm)
        return token, jti, datetime.fromtimestamp(payload["exp"], UTC)

    def _verified_payload(self, token: str) -> dict[str, Any]:
        if len(token) > _MAX_TOKEN_LENGTH:
            raise Unauthenticated(_INVALID)
        try:
            return jwt.decode(
                token,
                self._verifying_key,
                algorithms=[self._algorithm],
                issuer=self._issuer,
                audience=self._audience,
                # Times are checked afterwards against the injectable clock.
                options={
                    "require": _REQUIRED,
                    "verify_exp": False,
                    "verify_iat": False,
                    "verify_nbf": False,
                },
            )
        except (jwt.PyJWTError, ValueError, TypeError):
            raise Unauthenticated(_INVALID) from None


def _claims_from(payload: dict[str, Any]) -> Claims:
    """Read a verified payload, refusing claims of the wrong type as an invalid token."""
    try:
        kind = payload["typ"]
        if kind not in ("access", "refresh"):
            raise TypeError(kind)
        role = Role.parse(payload["role"]) if kind == "access" else None
        tenant_id = _optional_text(payload.get("tid"))
        if kind == "access" and tenant_id is None and role is not Role.PLATFORM:
            raise TypeError("tid")
        return Claims(
            subject=_text(payload["sub"]),
            tenant_id=tenant_id,
            role=role,
            jti=_text(payload["jti"]),
            family_id=_optional_text(payload.get("fam")),
            kind=kind,
            issued_at=datetime.fromtimestamp(_whole(payload["iat"]), UTC),
            expires_at=datetime.fromtimestamp(_whole(payload["exp"]), UTC),
        )
    except (KeyError, TypeError, ValueError, OverflowError, OSError, UnknownName):
        raise Unauthenticated(_INVALID) from None


def _text(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError(value)
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _whole(value: object) -> int:
    # bool is an int subclass; "iat": true is no timestamp.
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(value)
    return value
