"""Access: who is calling, for which tenant, with which role, and within which limits.

Every request carries one credential: an API key (``ck_…``) or a JWT access token. The
:class:`Access` service turns it into a :class:`Caller` and charges the caller's tenant one
request against its tier's rate. It is on every request's path, so:

- an API key is found by its keyed digest in one indexed read, then kept for
  ``CACHE_SECONDS``; a key revoked through this process is forgotten at once, and one
  revoked elsewhere stops working within ``CACHE_SECONDS``;
- a token is checked by its signature alone, and its tenant by the same cache;
- a key's ``last_used_at`` is written at most once a minute, in the background.

A suspended tenant's credentials are refused, whichever kind they are.

A refused credential that is provably a tenant's (a revoked or expired key found by its
digest, a correctly signed token of a suspended tenant) is noted as the request's
:func:`refusal`, so that its audit entry lands in that tenant's log; anything else (an
unknown key, a forged token) concerns no tenant anyone can vouch for.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Generic, Literal, TypeVar

from conclave.adapters.limits import Limiters, RateDecision
from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import ApiKeyRecord, TenantRecord
from conclave.adapters.store.repositories.api_keys import find_key, touch_key
from conclave.adapters.store.repositories.tenants import TenantRepository
from conclave.errors import NotFound, Unauthenticated
from conclave.services.auth import Role, TokenCodec, api_key_digest, looks_like_api_key
from conclave.services.tiers import Tier, Tiers

__all__ = ["CACHE_SECONDS", "Access", "Caller", "Refusal", "refusal"]

CACHE_SECONDS = 10.0
TOUCH_SECONDS = 60.0
_REFUSED = "invalid API key; create a new one, or log in again"


@dataclass(frozen=True, kw_only=True, slots=True)
class Caller:
    """Who made a request.

    Attributes:
        tenant_id: the tenant the request acts in; every read and write is scoped to it.
        role: what the caller may do.
        actor_kind: ``key`` for an API key, ``user`` for a member's token.
        actor_id: the key's or member's id, as the audit log names it.
        tier: the tenant's tier, which sets its limits.
    """

    tenant_id: str
    role: Role
    actor_kind: Literal["key", "user"]
    actor_id: str
    tier: Tier


@dataclass(frozen=True, kw_only=True, slots=True)
class Refusal:
    """Whose credential the current request presented, when it was refused but is provably
    a tenant's.

    Attributes:
        tenant_id: the tenant that issued it.
        details: which key or member it was, for the audit entry.
    """

    tenant_id: str
    details: Mapping[str, str]


_refusal: ContextVar[Refusal | None] = ContextVar("conclave_refusal", default=None)


def refusal() -> Refusal | None:
    """The tenant whose credential the current request's last authentication refused, if a
    tenant provably issued it; ``None`` for an unknown key or a token not signed here."""
    return _refusal.get()


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Cached(Generic[T]):
    value: T
    until: float


class Access:
    """Authenticates credentials and charges requests to their tenant's rate.

    Args:
        database: the store, where keys and tenants live.
        secret: the server's secret key, which keys API-key digests.
        tokens: checks access tokens.
        tiers: the tiers, by name.
        limiters: the request-rate and concurrent-run limiters.
        clock: seconds on a monotonic clock (for the caches).
    """

    def __init__(
        self,
        database: Database,
        *,
        secret: bytes,
        tokens: TokenCodec,
        tiers: Tiers,
        limiters: Limiters,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database = database
        self._secret = secret
        self.tokens = tokens
        self.tiers = tiers
        self.limiters = limiters
        self._clock = clock
        self._tenants = TenantRepository(database.engine)
        self._keys: dict[str, _Cached[ApiKeyRecord | None]] = {}
        self._tenant_cache: dict[str, _Cached[TenantRecord]] = {}
        self._touched: dict[str, datetime] = {}
        self._background: set[asyncio.Task[None]] = set()

    async def authenticate(self, credential: str) -> Caller:
        """The caller a credential stands for.

        Raises:
            Unauthenticated: the credential is unknown, revoked, expired, badly signed, or
                its tenant is suspended or gone.
        """
        _refusal.set(None)
        if looks_like_api_key(credential):
            return await self._by_key(credential)
        claims = self.tokens.decode(credential, kind="access")
        if claims.tenant_id is None or claims.role is None:
            raise Unauthenticated("this token names no tenant or role; log in to a tenant")
        tenant = await self._tenant(claims.tenant_id, {"user_id": claims.subject})
        return Caller(
            tenant_id=tenant.id,
            role=claims.role,
            actor_kind="user",
            actor_id=claims.subject,
            tier=self.tiers.get(tenant.tier),
        )

    async def charge(self, caller: Caller) -> RateDecision:
        """Count one request against the caller's tenant; the decision says if it may go on."""
        return await self.limiters.rate.hit(f"tenant:{caller.tenant_id}", caller.tier.rate)

    async def find_tenant(self, tenant_id: str) -> TenantRecord | None:
        """The tenant, whatever its status, or ``None``; read through the cache.

        Only tenants found are kept: a sign-in may name any id, and a tenant onboarded
        a moment after one named it must be found at once.
        """
        cached = self._tenant_cache.get(tenant_id)
        if cached is not None and cached.until > self._clock():
            return cached.value
        try:
            found = await self._tenants.get(tenant_id)
        except NotFound:
            self._tenant_cache.pop(tenant_id, None)
            return None
        if len(self._tenant_cache) > 10_000:  # bounded, like the keys
            self._tenant_cache.clear()
        self._tenant_cache[tenant_id] = _Cached(found, self._clock() + CACHE_SECONDS)
        return found

    async def active_tenant(self, tenant_id: str) -> TenantRecord:
        """The tenant, if it exists and is active; read through the cache.

        Raises:
            Unauthenticated: the tenant is gone or suspended.
        """
        return _active(await self.find_tenant(tenant_id))

    def forget_keys_of(self, tenant_id: str, key_id: str) -> None:
        """Stop trusting the cached key ``key_id`` of a tenant (it was revoked here)."""
        for digest, cached in list(self._keys.items()):
            key = cached.value
            if key is not None and key.tenant_id == tenant_id and key.id == key_id:
                del self._keys[digest]

    def forget_tenant(self, tenant_id: str) -> None:
        """Read the tenant afresh next time (its tier or status changed here)."""
        self._tenant_cache.pop(tenant_id, None)

    async def close(self) -> None:
        """Wait for background writes, then close the limiters."""
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        await self.limiters.close()

    async def _by_key(self, credential: str) -> Caller:
        digest = api_key_digest(credential, self._secret)
        key = await self._key(digest)
        now = datetime.now(UTC)
        if key is None:
            raise Unauthenticated(_REFUSED)
        if not key.usable_at(now):
            _refusal.set(Refusal(tenant_id=key.tenant_id, details={"key_id": key.id}))
            raise Unauthenticated(_REFUSED)
        tenant = await self._tenant(key.tenant_id, {"key_id": key.id})
        self._touch(key, now)
        return Caller(
            tenant_id=tenant.id,
            role=Role(key.role),
            actor_kind="key",
            actor_id=key.id,
            tier=self.tiers.get(tenant.tier),
        )

    async def _key(self, digest: str) -> ApiKeyRecord | None:
        cached = self._keys.get(digest)
        if cached is not None and cached.until > self._clock():
            return cached.value
        key = await self._database.run(partial(find_key, digest=digest))
        if len(self._keys) > 10_000:  # bounded: unknown keys are cached too
            self._keys.clear()
        self._keys[digest] = _Cached(key, self._clock() + CACHE_SECONDS)
        return key

    async def _tenant(self, tenant_id: str, whose: Mapping[str, str]) -> TenantRecord:
        """The credential's tenant; a suspended one is noted as the refusal's."""
        tenant = await self.find_tenant(tenant_id)
        if tenant is not None and tenant.status != "active":
            _refusal.set(Refusal(tenant_id=tenant.id, details=whose))
        return _active(tenant)

    def _touch(self, key: ApiKeyRecord, now: datetime) -> None:
        """Record the key's use, at most once a minute per key, without waiting for it."""
        last = self._touched.get(key.id) or key.last_used_at
        if last is not None and now - last < timedelta(seconds=TOUCH_SECONDS):
            return
        self._touched[key.id] = now
        work = partial(touch_key, tenant_id=key.tenant_id, key_id=key.id, at=now)
        task = asyncio.create_task(self._quietly(self._database.run(work)))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    @staticmethod
    async def _quietly(write: Awaitable[object]) -> None:
        # A missed last-used time is not worth failing a request over.
        with contextlib.suppress(Exception):
            await write


def _active(tenant: TenantRecord | None) -> TenantRecord:
    if tenant is None:
        raise Unauthenticated("this credential's tenant no longer exists")
    if tenant.status != "active":
        raise Unauthenticated(f"tenant {tenant.id!r} is {tenant.status}; ask the operator")
    return tenant
