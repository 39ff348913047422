"""The memory flavour's own concern: keeping a hit cheap however many tenants there are."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from limits.aio.storage import MemoryStorage

from conclave.adapters.limits import Rate
from conclave.adapters.limits.memory import _SWEEP_HOOK, MemoryRateLimiter


def test_the_library_still_has_the_sweep_hook_the_flavour_throttles() -> None:
    assert callable(getattr(MemoryStorage, _SWEEP_HOOK, None))


async def test_expired_counters_are_swept_at_most_once_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sweeps = []
    library_sweep: Callable[[Any], Awaitable[None]] = getattr(MemoryStorage, _SWEEP_HOOK)

    async def counted(storage: Any) -> None:
        sweeps.append(storage)
        await library_sweep(storage)

    monkeypatch.setattr(MemoryStorage, _SWEEP_HOOK, counted)
    limiter = MemoryRateLimiter()
    for tenant in range(200):
        await limiter.hit(f"tenant-{tenant}", Rate(10, 60))
    await limiter.close()
    assert len(sweeps) == 1
