"""Identity: a tenant's members, API keys and sign-in sessions, and the audit of them.

- Members sign in with an email and a password (Argon2id) and get an access token and a
  refresh token. A refresh token is spent when used: the next one replaces it, and a spent
  one presented again (stolen, most likely) ends every session descended from the same
  sign-in. Signing out ends the session; ending all of a member's sessions is one call.
- API keys are random, shown once, stored as a keyed digest, named, scoped to a role no
  higher than their creator's, and revocable.
- Every change here, and every refused sign-in, is written to the tenant's audit log; a
  refusal that concerns no existing tenant goes under ``NO_TENANT``.
- Sign-ins are throttled per member (:data:`SIGN_IN_RATE`), and a sign-in for an unknown
  member costs as much time as one with a wrong password, so neither guessing passwords nor
  probing for emails is cheap. Password hashing runs in a worker thread, off the event loop.
"""

from __future__ import annotations

import asyncio
import math
import uuid
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher

from conclave.adapters.limits import Rate
from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import ApiKeyRecord, AuditEntry, Page, UserRecord
from conclave.adapters.store.repositories.api_keys import ApiKeyRepository
from conclave.adapters.store.repositories.audit import NO_TENANT, AuditFilter, AuditLog
from conclave.adapters.store.repositories.refresh_tokens import RefreshTokenRepository
from conclave.adapters.store.repositories.users import UserRepository
from conclave.errors import NotFound, PermissionDenied, RateLimited, Unauthenticated
from conclave.services.access import Access, Caller, refusal
from conclave.services.auth import (
    Role,
    check_password_policy,
    generate_api_key,
    hash_password,
    verify_password,
)

__all__ = [
    "SIGN_IN_RATE",
    "SYSTEM",
    "Actor",
    "IdentityService",
    "IssuedKey",
    "Session",
    "act_as",
    "acting",
]

SIGN_IN_RATE = Rate.per_minute(10)
"""Sign-in attempts allowed per member (tenant and email), whether they succeed or not."""
_BAD_SIGN_IN = "wrong tenant, email or password"
# Verified against when there is no member, so that a sign-in takes as long either way.
_DECOY = "no member has this password; it only takes time"


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    """Who acts, as the audit log records it.

    Attributes:
        kind: ``user``, ``key``, ``system`` or ``anonymous``.
        id: the member's or key's id.
        ip: the client's address, for requests.
        request_id: the request's id.
    """

    kind: str
    id: str | None = None
    ip: str | None = None
    request_id: str | None = None

    @classmethod
    def of(cls, caller: Caller, *, ip: str | None = None) -> Actor:
        """The actor a request's caller is."""
        return cls(kind=caller.actor_kind, id=caller.actor_id, ip=ip)


SYSTEM = Actor(kind="system")
_acting: ContextVar[Actor] = ContextVar("conclave_actor", default=SYSTEM)


def acting() -> Actor:
    """Who the current request acts as (set when it was admitted); the system otherwise."""
    return _acting.get()


def act_as(actor: Actor) -> None:
    """Record who the current request acts as, for the audit entries it writes."""
    _acting.set(actor)


@dataclass(frozen=True, kw_only=True, slots=True)
class IssuedKey:
    """A new API key: the only time its plaintext is seen."""

    key: ApiKeyRecord
    plaintext: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Session:
    """A signed-in member's tokens."""

    access_token: str
    refresh_token: str
    expires_at: datetime
    user: UserRecord


class IdentityService:
    """Members, keys, sessions and the audit log, for every tenant.

    Args:
        database: the store.
        access: the authenticator, whose caches a revocation clears.
        secret: the server's secret key (API-key digests).
        hasher: Argon2 parameters for passwords; the library defaults when ``None``
            (cheaper ones are for tests only).
    """

    def __init__(
        self,
        database: Database,
        access: Access,
        *,
        secret: bytes,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._database = database
        self._access = access
        self.secret = secret
        self._hasher = hasher
        self._decoy: str | None = None

    async def audit(
        self,
        tenant_id: str,
        action: str,
        actor: Actor,
        *,
        target_kind: str | None = None,
        target_id: str | None = None,
        outcome: str = "ok",
        details: dict[str, object] | None = None,
    ) -> AuditEntry:
        """Append one entry to the tenant's audit log."""
        return await AuditLog(self._database.engine, tenant_id).record(
            action,
            actor_kind=actor.kind,
            actor_id=actor.id,
            target_kind=target_kind,
            target_id=target_id,
            outcome=outcome,
            details=details,
            ip=actor.ip,
            request_id=actor.request_id,
        )

    async def audit_log(
        self,
        tenant_id: str,
        where: AuditFilter,
        *,
        after_id: int | None = None,
        limit: int = 50,
    ) -> Page[AuditEntry]:
        """A page of the tenant's audit log, oldest first from ``after_id``."""
        return await AuditLog(self._database.engine, tenant_id).list(
            where, after_id=after_id, limit=limit
        )

    # API keys

    async def create_key(
        self,
        tenant_id: str,
        name: str,
        role: Role,
        actor: Actor,
        *,
        creator_role: Role | None = None,
        user_id: str | None = None,
        expires_at: datetime | None = None,
    ) -> IssuedKey:
        """Make an API key; its plaintext is in the result and nowhere else.

        Raises:
            PermissionDenied: ``role`` is above ``creator_role``.
        """
        if creator_role is not None and not creator_role.allows(role):
            raise PermissionDenied(
                f"a {creator_role} cannot make a {role} key; choose {creator_role} or lower",
                required=str(role),
            )
        new = generate_api_key(self.secret)
        key = await ApiKeyRepository(self._database.engine, tenant_id).create(
            new.key_id,
            name=name,
            role=str(role),
            digest=new.digest,
            user_id=user_id,
            expires_at=expires_at,
        )
        await self.audit(
            tenant_id, "key.create", actor, target_kind="key", target_id=key.id,
            details={"name": name, "role": str(role)},
        )  # fmt: skip
        return IssuedKey(key=key, plaintext=new.plaintext)

    async def keys(self, tenant_id: str) -> list[ApiKeyRecord]:
        """The tenant's keys, revoked ones included; never their plaintext or digest."""
        page = await ApiKeyRepository(self._database.engine, tenant_id).list(limit=500)
        return list(page.items)

    async def revoke_key(self, tenant_id: str, key_id: str, actor: Actor) -> ApiKeyRecord:
        """Revoke a key; it stops working here at once, and on other servers within seconds.

        Raises:
            NotFound: the tenant has no such key.
        """
        key = await ApiKeyRepository(self._database.engine, tenant_id).revoke(key_id)
        self._access.forget_keys_of(tenant_id, key_id)
        await self.audit(tenant_id, "key.revoke", actor, target_kind="key", target_id=key_id)
        return key

    # Members

    async def create_user(
        self,
        tenant_id: str,
        email: str,
        role: Role,
        actor: Actor,
        *,
        name: str = "",
        password: str | None = None,
        creator_role: Role | None = None,
    ) -> UserRecord:
        """Add a member, with a password to sign in with, or none (keys only).

        Raises:
            UserError: the password breaks the policy.
            PermissionDenied: ``role`` is above ``creator_role``.
            VersionConflict: the tenant has a member with this email.
        """
        if creator_role is not None and not creator_role.allows(role):
            raise PermissionDenied(
                f"a {creator_role} cannot add a {role}; choose {creator_role} or lower",
                required=str(role),
            )
        hashed = None
        if password is not None:
            check_password_policy(password)
            hashed = await asyncio.to_thread(hash_password, password, hasher=self._hasher)
        user = await UserRepository(self._database.engine, tenant_id).create(
            email, name=name, role=str(role), password_hash=hashed
        )
        await self.audit(
            tenant_id, "user.create", actor, target_kind="user", target_id=user.id,
            details={"email": user.email, "role": str(role)},
        )  # fmt: skip
        return user

    async def users(self, tenant_id: str) -> list[UserRecord]:
        """The tenant's members."""
        page = await UserRepository(self._database.engine, tenant_id).list(limit=500)
        return list(page.items)

    # Sessions

    async def sign_in(self, tenant_id: str, email: str, password: str, actor: Actor) -> Session:
        """Check a member's password and open a session.

        Raises:
            Unauthenticated: no active member of an existing tenant has this email and
                password (which one is wrong is not said), or the tenant is suspended.
            RateLimited: too many sign-ins for this member lately.
        """
        await self._throttle(tenant_id, email)
        tenant = await self._access.find_tenant(tenant_id)
        user = await self._by_email(tenant_id, email) if tenant is not None else None
        matches = await self._verify(user.password_hash if user is not None else None, password)
        if tenant is None or user is None or not user.active or not matches:
            where = tenant.id if tenant is not None else None
            await self._refused(where, actor, email=email, tenant=tenant_id)
            raise Unauthenticated(_BAD_SIGN_IN)
        await self._check_active(tenant.id, actor, email=email)
        await UserRepository(self._database.engine, tenant_id).touch_login(user.id)
        session = await self._open(tenant_id, user, family_id=uuid.uuid4().hex)
        await self.audit(tenant_id, "auth.login", actor, target_kind="user", target_id=user.id)
        return session

    async def refresh(self, refresh_token: str, actor: Actor) -> Session:
        """Spend a refresh token for a new session of the same sign-in.

        Raises:
            Unauthenticated: the token is invalid, expired, spent or revoked, or its tenant
                is suspended; a spent one also ends every session of its sign-in.
        """
        claims = self._access.tokens.decode(refresh_token, kind="refresh")
        if claims.tenant_id is None or claims.family_id is None:
            raise Unauthenticated("invalid token; log in again")
        tenant_id = claims.tenant_id
        await self._check_active(tenant_id, actor, user_id=claims.subject)
        user = await self._member(tenant_id, claims.subject)
        issued = self._access.tokens.issue_refresh(
            user.id, tenant_id=tenant_id, family_id=claims.family_id
        )
        tokens = RefreshTokenRepository(self._database.engine, tenant_id)
        try:
            await tokens.rotate(claims.jti, issued.jti, issued.expires_at)
        except Unauthenticated as error:
            reason = error.fields.get("reason", "refused")
            await self._refused(tenant_id, actor, reason=f"refresh token {reason}")
            raise
        return self._session(tenant_id, user, issued.token, issued.expires_at, claims.family_id)

    async def sign_out(self, refresh_token: str, actor: Actor) -> None:
        """End the session a refresh token belongs to.

        Raises:
            Unauthenticated: the token is not a valid refresh token.
        """
        claims = self._access.tokens.decode(refresh_token, kind="refresh")
        if claims.tenant_id is None or claims.family_id is None:
            raise Unauthenticated("invalid token; log in again")
        tokens = RefreshTokenRepository(self._database.engine, claims.tenant_id)
        await tokens.revoke_family(claims.family_id)
        await self.audit(
            claims.tenant_id, "auth.logout", actor, target_kind="user", target_id=claims.subject
        )

    async def record_refusal(self, tenant_id: str | None, actor: Actor, reason: str) -> None:
        """Audit a refused credential (``auth.failed``).

        With no ``tenant_id``, the entry goes to the tenant that provably issued the
        credential the request's authentication just refused (its revoked key, say), with
        which key or member it was; else under ``NO_TENANT``.
        """
        refused = refusal() if tenant_id is None else None
        if refused is None:
            await self._refused(tenant_id, actor, reason=reason)
        else:
            await self._refused(refused.tenant_id, actor, reason=reason, **refused.details)

    async def _open(self, tenant_id: str, user: UserRecord, *, family_id: str) -> Session:
        issued = self._access.tokens.issue_refresh(
            user.id, tenant_id=tenant_id, family_id=family_id
        )
        await RefreshTokenRepository(self._database.engine, tenant_id).issue(
            issued.jti, user_id=user.id, family_id=family_id, expires_at=issued.expires_at
        )
        return self._session(tenant_id, user, issued.token, issued.expires_at, family_id)

    def _session(
        self, tenant_id: str, user: UserRecord, refresh: str, expires_at: datetime, family: str
    ) -> Session:
        access = self._access.tokens.issue_access(
            user.id, tenant_id=tenant_id, role=Role(user.role), family_id=family
        )
        return Session(access_token=access, refresh_token=refresh, expires_at=expires_at, user=user)

    async def _member(self, tenant_id: str, user_id: str) -> UserRecord:
        try:
            user = await UserRepository(self._database.engine, tenant_id).get(user_id)
        except NotFound:
            raise Unauthenticated("invalid token; log in again") from None
        if not user.active:
            raise Unauthenticated("this member is deactivated; ask an admin")
        return user

    async def _throttle(self, tenant_id: str, email: str) -> None:
        key = f"sign-in:{tenant_id}:{email.strip().lower()}"
        decision = await self._access.limiters.rate.hit(key, SIGN_IN_RATE)
        if not decision.allowed:
            wait = max(1, math.ceil(decision.retry_after))
            raise RateLimited(
                f"too many sign-ins for this member; retry in {wait} s",
                limit=str(SIGN_IN_RATE),
                retry_after=decision.retry_after,
            )

    async def _by_email(self, tenant_id: str, email: str) -> UserRecord | None:
        try:
            return await UserRepository(self._database.engine, tenant_id).get_by_email(email)
        except NotFound:
            return None

    async def _verify(self, stored_hash: str | None, password: str) -> bool:
        """Whether ``password`` matches; as slow when there is no hash to check it against."""
        if stored_hash is None:
            if self._decoy is None:
                self._decoy = await asyncio.to_thread(hash_password, _DECOY, hasher=self._hasher)
            await asyncio.to_thread(verify_password, self._decoy, password, hasher=self._hasher)
            return False
        return await asyncio.to_thread(verify_password, stored_hash, password, hasher=self._hasher)

    async def _check_active(self, tenant_id: str, actor: Actor, **details: object) -> None:
        """Refuse, and audit, a sign-in or refresh in a tenant that is not active."""
        try:
            await self._access.active_tenant(tenant_id)
        except Unauthenticated as error:
            await self._refused(tenant_id, actor, reason=error.message, **details)
            raise

    async def _refused(self, tenant_id: str | None, actor: Actor, **details: object) -> None:
        await self.audit(
            tenant_id or NO_TENANT, "auth.failed", actor, outcome="denied", details=details
        )
