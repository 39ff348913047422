"""The embedded flavour: limits kept in this process's memory.

Limits are per process here, which is right for the embedded server (one process) and for
tests; several API processes need the Redis flavour to share one limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from limits.aio.storage import MemoryStorage

from conclave.adapters.limits import SlidingWindowRateLimiter, check_slot

# Expired counters are swept at most this often (seconds).
SWEEP_INTERVAL = 1.0
# The private hook MemoryStorage calls after every write to start its sweep.
_SWEEP_HOOK = "_MemoryStorage__schedule_expiry"


class _SweptMemoryStorage(MemoryStorage):
    """``MemoryStorage`` whose sweep of expired counters runs at most once a second.

    The library starts a sweep of every key after every write, so a hit costs time in
    proportion to the number of tenants (~0.2 ms at 1,000 keys, ~1.5 ms at 10,000).
    Sweeping only frees memory: every read checks expiry itself, so sweeping less often
    changes no decision. Should the hook be renamed upstream, the override goes unused and
    the library sweeps as before (slower, still correct); a test guards the name.
    """

    def __init__(self) -> None:
        super().__init__()
        self._next_sweep = 0.0

    async def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_INTERVAL
        await getattr(super(), _SWEEP_HOOK)()


class MemoryRateLimiter(SlidingWindowRateLimiter):
    """Request rates counted in this process, with the sliding window counter."""

    def __init__(self) -> None:
        self._memory = _SweptMemoryStorage()
        super().__init__(self._memory)

    async def close(self) -> None:
        """Stop the background sweep, if one is running."""
        timer = self._memory.timer
        if timer is not None and not timer.done():
            timer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await timer


class MemoryConcurrencyLimiter:
    """Concurrent holders per key in this process; expiry runs on the monotonic clock.

    Every method runs without awaiting anything, so under asyncio each is atomic.
    """

    def __init__(self) -> None:
        # key -> holder -> monotonic time at which its slot expires
        self._slots: dict[str, dict[str, float]] = {}

    async def acquire(self, key: str, holder: str, *, limit: int, ttl: float) -> bool:
        """Take a slot for ``holder`` unless ``limit`` others hold one; see the protocol."""
        check_slot(limit=limit, ttl=ttl)
        holders = self._live(key)
        if holder not in holders and len(holders) >= limit:
            self._forget_if_empty(key)
            return False
        holders[holder] = time.monotonic() + ttl
        return True

    async def release(self, key: str, holder: str) -> None:
        """Give the slot back; releasing a slot not held does nothing."""
        self._live(key).pop(holder, None)
        self._forget_if_empty(key)

    async def refresh(self, key: str, holder: str, *, ttl: float) -> bool:
        """Hold for another ``ttl`` seconds; false if the slot had already expired or gone."""
        check_slot(ttl=ttl)
        holders = self._live(key)
        if holder not in holders:
            self._forget_if_empty(key)
            return False
        holders[holder] = time.monotonic() + ttl
        return True

    async def count(self, key: str) -> int:
        """How many holders hold a slot now."""
        holders = len(self._live(key))
        self._forget_if_empty(key)
        return holders

    async def close(self) -> None:
        """Forget every slot."""
        self._slots.clear()

    def _live(self, key: str) -> dict[str, float]:
        """The holders of ``key`` whose slots have not expired, pruned in place."""
        holders = self._slots.setdefault(key, {})
        now = time.monotonic()
        for holder in [holder for holder, expiry in holders.items() if expiry <= now]:
            del holders[holder]
        return holders

    def _forget_if_empty(self, key: str) -> None:
        # Keys of idle tenants would otherwise stay forever.
        if not self._slots.get(key):
            self._slots.pop(key, None)
