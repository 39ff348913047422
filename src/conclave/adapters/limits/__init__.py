"""Per-tenant limits: request rates and concurrent runs, in memory or on Redis.

Two seams, each in an embedded flavour (one process) and a production flavour (shared by
every API and worker process through Redis):

========================  ============================  ============================
protocol                  memory                        Redis
========================  ============================  ============================
``RateLimiter``           ``MemoryRateLimiter``         ``RedisRateLimiter``
``ConcurrencyLimiter``    ``MemoryConcurrencyLimiter``  ``RedisConcurrencyLimiter``
========================  ============================  ============================

``open_limiters(settings.redis_url)`` picks the flavour. A rate is written like
``120/minute`` and parsed once by ``Rate.parse``; a hit returns a ``RateDecision`` whose
``headers()`` are what a response carries, and whose ``error()`` is what to raise when it
was refused::

    decision = await limiters.rate.hit(tenant_id, tier.rate)
    if not decision.allowed:
        raise decision.error()

Rates are counted with the sliding window counter of the ``limits`` library. A fixed
window lets a client spend its quota twice across a window edge (all of it at the end of
one minute, all again at the start of the next); the sliding window counts the previous
window's requests, weighted by how much of that window still lies within the last period,
so a burst at the edge still counts against what follows. It is an estimate (it takes the
previous window's requests as evenly spread), kept in two counters per key, so a hit costs
the same however busy the key. Its Redis script works from the server's key TTLs, so API
processes agree without synchronised clocks. The moving window would be exact, but stores
one entry per request, reads it with an O(limit) ``LINDEX`` on Redis, and its memory
storage sweeps with a thread hop per key.

Redis keys are namespaced (``conclave`` by default) so they share a server with others::

    conclave:rate:{limit/<key>/<amount>/<period>/second}   and the same with /-1 appended
    conclave:runs:<key>                                    a sorted set: holder -> expiry
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, runtime_checkable

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.aio.storage import Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter

from conclave.errors import ConfigError, MissingDependency, RateLimited, UserError

NAMESPACE = "conclave"
_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(
    r"^\s*(\d+)\s*(?:/|per)\s*(\d+)?\s*(second|minute|hour|day)s?\s*$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Rate:
    """At most ``amount`` requests in any ``period`` seconds.

    Attributes:
        amount: requests allowed per period, at least 1.
        period: the period's length in whole seconds, at least 1.
    """

    amount: int
    period: int

    def __post_init__(self) -> None:
        if self.amount < 1 or self.period < 1:
            raise ConfigError(
                f"a rate needs at least 1 request per at least 1 second, "
                f"not {self.amount} per {self.period} s"
            )

    @classmethod
    def parse(cls, text: str) -> Rate:
        """Read a rate such as ``120/minute``, ``10 per second`` or ``1000/5 minutes``.

        Raises:
            ConfigError: the text is not a count, a slash and a period.
        """
        match = _RATE.match(text)
        if not match:
            raise ConfigError(
                f"rate {text!r} is not understood; write <count>/<period> such as "
                "'120/minute', '10/second' or '1000/5 minutes' (second, minute, hour, day)"
            )
        amount, multiple, unit = match.groups()
        return cls(int(amount), int(multiple or 1) * _UNITS[unit.lower()])

    @classmethod
    def per_minute(cls, amount: int) -> Rate:
        """``amount`` requests a minute."""
        return cls(amount, 60)

    def __str__(self) -> str:
        for unit, seconds in reversed(_UNITS.items()):
            if self.period == seconds:
                return f"{self.amount}/{unit}"
            if self.period % seconds == 0:
                return f"{self.amount}/{self.period // seconds} {unit}s"
        raise AssertionError("unreachable: every period is a whole number of seconds")


@dataclass(frozen=True, kw_only=True, slots=True)
class RateDecision:
    """The outcome of one hit, with what a response must tell the client.

    Attributes:
        allowed: whether the request may go ahead (and was counted).
        rate: the rate that was applied.
        remaining: requests still allowed now.
        reset_at: epoch seconds at which one more request is allowed again.
        retry_after: seconds to wait before retrying; 0 when allowed.
    """

    allowed: bool
    rate: Rate
    remaining: int
    reset_at: float
    retry_after: float

    @property
    def limit(self) -> int:
        """Requests allowed per period."""
        return self.rate.amount

    def headers(self, *, now: float | None = None) -> dict[str, str]:
        """The ``RateLimit-*`` headers (IETF draft), and ``Retry-After`` when refused.

        Every value is whole seconds rounded up, so a client that waits as told succeeds.
        """
        now = time.time() if now is None else now
        headers = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(max(0, math.ceil(self.reset_at - now))),
            "RateLimit-Policy": f"{self.limit};w={self.rate.period}",
        }
        if not self.allowed:
            headers["Retry-After"] = str(max(1, math.ceil(self.retry_after)))
        return headers

    def error(self) -> RateLimited:
        """The error to raise for a refused hit (the API maps it to 429)."""
        wait = max(1, math.ceil(self.retry_after))
        return RateLimited(
            f"rate limit of {self.rate} reached; retry in {wait} s, or move to a higher tier",
            limit=str(self.rate),
            retry_after=self.retry_after,
        )


@runtime_checkable
class RateLimiter(Protocol):
    """Counts requests per key against a rate; one hit per API request."""

    async def hit(self, key: str, rate: Rate) -> RateDecision:
        """Count one request for ``key`` if ``rate`` allows it, and say what happened."""
        ...

    async def close(self) -> None:
        """Release what the limiter holds; it is not used afterwards."""
        ...


@runtime_checkable
class ConcurrencyLimiter(Protocol):
    """At most ``limit`` holders per key, each holding until it releases or stops refreshing.

    A holder is an id such as a run id. A holder that crashes stops refreshing, and its
    slot frees itself ``ttl`` seconds after the last acquire or refresh.
    """

    async def acquire(self, key: str, holder: str, *, limit: int, ttl: float) -> bool:
        """Take a slot for ``holder``, atomically; true if it holds one now.

        A holder that already holds keeps its slot, refreshed, whatever the limit.
        """
        ...

    async def release(self, key: str, holder: str) -> None:
        """Give the slot back; releasing a slot not held does nothing."""
        ...

    async def refresh(self, key: str, holder: str, *, ttl: float) -> bool:
        """Hold for another ``ttl`` seconds; false if the slot had already expired or gone."""
        ...

    async def count(self, key: str) -> int:
        """How many holders hold a slot now."""
        ...

    async def close(self) -> None:
        """Release what the limiter holds; it is not used afterwards."""
        ...


class SlidingWindowRateLimiter:
    """A ``RateLimiter`` over a ``limits`` storage; the flavours differ by storage only."""

    def __init__(self, storage: Storage) -> None:
        # The sliding window counter: the module docstring says why.
        self._window = SlidingWindowCounterRateLimiter(storage)

    async def hit(self, key: str, rate: Rate) -> RateDecision:
        """Count one request for ``key`` if ``rate`` allows it, and say what happened."""
        item = _item(rate)
        allowed = await self._window.hit(item, key)
        reset_at, remaining = await self._window.get_window_stats(item, key)
        return _decision(rate, allowed, remaining, reset_at, now=time.time())

    async def close(self) -> None:
        """Nothing to release here; flavours that hold resources override this."""


# A refusal exactly at a window edge computes a wait of zero; a refusal always asks for one.
_MIN_RETRY = 0.001


def _decision(
    rate: Rate, allowed: bool, remaining: int, reset_at: float, *, now: float
) -> RateDecision:
    if not allowed:
        wait = max(reset_at - now, _MIN_RETRY)
        return RateDecision(
            allowed=False, rate=rate, remaining=0, reset_at=now + wait, retry_after=wait
        )
    if reset_at <= now and remaining < rate.amount:
        # The library takes a counter's TTL modulo the period, which is 0 when the window
        # has just begun (on Redis, usually at the first hit): a whole period is left.
        reset_at = now + rate.period
    return RateDecision(
        allowed=True, rate=rate, remaining=remaining, reset_at=reset_at, retry_after=0.0
    )


@lru_cache(maxsize=1024)
def _item(rate: Rate) -> RateLimitItem:
    # Built once per rate: a hit is on every request's path. The item is part of the key,
    # so a tenant moved to another rate starts with a fresh count.
    return RateLimitItemPerSecond(rate.amount, rate.period, namespace="limit")


def check_slot(*, limit: int = 0, ttl: float) -> None:
    """Refuse a negative ``limit`` or a ``ttl`` that is not a positive number of seconds."""
    if limit < 0:
        raise UserError(f"a concurrency limit must be 0 or more, not {limit}")
    if not ttl > 0:
        raise UserError(f"a slot's ttl must be a positive number of seconds, not {ttl}")


Closer = Callable[[], Awaitable[object]]


@dataclass(frozen=True, kw_only=True, slots=True)
class Limiters:
    """Both limiters of one flavour, closed together.

    Attributes:
        rate: counts requests per tenant.
        runs: counts concurrent runs per tenant.
        closers: called after both limiters close, for what they share (a Redis client).
    """

    rate: RateLimiter
    runs: ConcurrencyLimiter
    closers: tuple[Closer, ...] = ()

    async def close(self) -> None:
        """Close both limiters, then what they share."""
        await self.rate.close()
        await self.runs.close()
        for close in self.closers:
            await close()


def open_limiters(redis_url: str | None, *, namespace: str = NAMESPACE) -> Limiters:
    """Memory limiters when ``redis_url`` is empty, else Redis ones; connects lazily.

    Args:
        redis_url: ``REDIS_URL``, such as ``redis://host:6379/0``; empty for memory.
        namespace: the first part of every Redis key.

    Raises:
        MissingDependency: a Redis URL is given but the ``redis`` package is missing.
        ConfigError: the URL is not a Redis URL.
    """
    if not redis_url:
        return Limiters(rate=MemoryRateLimiter(), runs=MemoryConcurrencyLimiter())
    try:
        from conclave.adapters.limits.redis import open_redis_limiters
    except ImportError as error:
        if (error.name or "").partition(".")[0] != "redis":
            raise
        raise MissingDependency("redis", extra="redis", purpose="REDIS_URL") from None
    return open_redis_limiters(redis_url, namespace=namespace)


# The flavour imports the protocol module, so it comes last.
from conclave.adapters.limits.memory import (  # noqa: E402
    MemoryConcurrencyLimiter,
    MemoryRateLimiter,
)

__all__ = [
    "NAMESPACE",
    "ConcurrencyLimiter",
    "Limiters",
    "MemoryConcurrencyLimiter",
    "MemoryRateLimiter",
    "Rate",
    "RateDecision",
    "RateLimiter",
    "SlidingWindowRateLimiter",
    "check_slot",
    "open_limiters",
]
