"""The limits contract: rate and concurrency limiters of every flavour pass the same cases.

A flavour is a ``Store``: it hands out limiter handles that all see the same counts. In
memory, one process has one memory, so every handle is the same limiter; on Redis each
handle has a client of its own, as two API processes would. Redis is the one at
``CONCLAVE_TEST_REDIS_URL`` (default: the local server, database 0); each test works under
a namespace of its own, deleted afterwards. When Redis cannot be reached its cases skip,
except with ``CI=true``, where they fail.
"""

from __future__ import annotations

import asyncio
import json
import math
import sys
import time
import uuid
from collections.abc import AsyncIterator
from typing import Protocol

import pytest
from redis.asyncio import Redis

from conclave.adapters.limits import (
    ConcurrencyLimiter,
    Limiters,
    Rate,
    RateLimiter,
    open_limiters,
)
from conclave.errors import UserError
from tests.adapters.conftest import REDIS_URL, redis_or_skip

KEY = "acme"
TTL = 0.3  # seconds; short enough to watch a slot expire


class Store(Protocol):
    """Hands out limiters that share one store of counts."""

    def rates(self) -> RateLimiter: ...

    def slots(self) -> ConcurrencyLimiter: ...

    async def close(self) -> None: ...


class MemoryStore:
    """One process: every handle is the same pair of limiters."""

    def __init__(self) -> None:
        self._limiters = open_limiters(None)

    def rates(self) -> RateLimiter:
        return self._limiters.rate

    def slots(self) -> ConcurrencyLimiter:
        return self._limiters.runs

    async def close(self) -> None:
        await self._limiters.close()


class RedisStore:
    """Every handle on a new client, all under one namespace that is deleted at close."""

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        self._opened: list[Limiters] = []

    def rates(self) -> RateLimiter:
        return self._open().rate

    def slots(self) -> ConcurrencyLimiter:
        return self._open().runs

    def _open(self) -> Limiters:
        limiters = open_limiters(REDIS_URL, namespace=self.namespace)
        self._opened.append(limiters)
        return limiters

    async def close(self) -> None:
        for limiters in self._opened:
            await limiters.close()
        client = Redis.from_url(REDIS_URL)
        try:
            async for key in client.scan_iter(f"{self.namespace}:*", count=500):
                await client.delete(key)
        finally:
            await client.aclose()


async def _redis_store() -> RedisStore:
    await redis_or_skip()
    return RedisStore(f"conclave-test-{uuid.uuid4().hex[:12]}")


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest) -> AsyncIterator[Store]:
    flavour: Store = MemoryStore() if request.param == "memory" else await _redis_store()
    yield flavour
    await flavour.close()


@pytest.fixture
async def redis_store() -> AsyncIterator[RedisStore]:
    flavour = await _redis_store()
    yield flavour
    await flavour.close()


def test_a_flavour_satisfies_the_protocols(store: Store) -> None:
    assert isinstance(store.rates(), RateLimiter)
    assert isinstance(store.slots(), ConcurrencyLimiter)


# Rates


async def test_hits_are_allowed_up_to_the_limit_then_refused(store: Store) -> None:
    rates, rate = store.rates(), Rate.parse("3/day")
    decisions = [await rates.hit(KEY, rate) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert [d.retry_after for d in decisions[:3]] == [0, 0, 0]
    assert 0 < decisions[3].retry_after <= rate.period


async def test_a_refused_hit_carries_what_a_429_response_needs(store: Store) -> None:
    rates, rate = store.rates(), Rate.parse("1/hour")
    await rates.hit(KEY, rate)
    refused = await rates.hit(KEY, rate)
    headers = refused.headers()
    assert headers["Retry-After"] == str(math.ceil(refused.retry_after))
    assert (headers["RateLimit-Limit"], headers["RateLimit-Remaining"]) == ("1", "0")
    assert 0 < int(headers["RateLimit-Reset"]) <= 3600
    error = refused.error()
    assert (error.limit, error.retry_after) == ("1/hour", refused.retry_after)


async def test_an_allowed_hit_says_what_is_left_and_asks_for_no_wait(store: Store) -> None:
    allowed = await store.rates().hit(KEY, Rate.parse("5/minute"))
    headers = allowed.headers()
    assert "Retry-After" not in headers
    assert (headers["RateLimit-Limit"], headers["RateLimit-Remaining"]) == ("5", "4")
    assert 0 < int(headers["RateLimit-Reset"]) <= 60


async def test_separate_keys_are_counted_separately(store: Store) -> None:
    rates, rate = store.rates(), Rate.parse("2/day")
    for _ in range(2):
        await rates.hit("acme", rate)
    assert not (await rates.hit("acme", rate)).allowed
    assert [(await rates.hit("globex", rate)).remaining for _ in range(2)] == [1, 0]


async def test_a_client_that_waits_as_told_is_allowed_again(store: Store) -> None:
    rates, rate = store.rates(), Rate.parse("2/second")
    await _early_in_a_second()
    assert all([(await rates.hit(KEY, rate)).allowed for _ in range(2)])
    refused = await rates.hit(KEY, rate)
    assert not refused.allowed
    assert refused.retry_after <= 1
    await asyncio.sleep(refused.retry_after + 0.05)
    assert (await rates.hit(KEY, rate)).allowed


async def test_handles_on_one_store_enforce_one_limit_between_them(store: Store) -> None:
    first, second, rate = store.rates(), store.rates(), Rate.parse("4/day")
    decisions = await asyncio.gather(*(limiter.hit(KEY, rate) for limiter in [first, second] * 10))
    assert sum(d.allowed for d in decisions) == 4


# Concurrent runs


async def test_no_more_than_the_limit_hold_a_slot_at_once(store: Store) -> None:
    handles = [store.slots(), store.slots()]
    got = await asyncio.gather(
        *(handles[n % 2].acquire(KEY, f"run-{n}", limit=3, ttl=30) for n in range(30))
    )
    assert sum(got) == 3
    assert await handles[0].count(KEY) == await handles[1].count(KEY) == 3


async def test_release_frees_a_slot(store: Store) -> None:
    slots = store.slots()
    assert await slots.acquire(KEY, "run-1", limit=1, ttl=30)
    assert not await slots.acquire(KEY, "run-2", limit=1, ttl=30)
    await slots.release(KEY, "run-1")
    assert await slots.count(KEY) == 0
    assert await slots.acquire(KEY, "run-2", limit=1, ttl=30)


async def test_releasing_a_slot_not_held_does_nothing(store: Store) -> None:
    slots = store.slots()
    await slots.acquire(KEY, "run-1", limit=2, ttl=30)
    await slots.release(KEY, "nobody")
    await slots.release("other", "nobody")
    assert await slots.count(KEY) == 1


async def test_a_holder_that_stops_refreshing_loses_its_slot(store: Store) -> None:
    slots = store.slots()
    assert await slots.acquire(KEY, "crashed", limit=1, ttl=TTL)
    assert not await slots.acquire(KEY, "waiting", limit=1, ttl=30)
    await asyncio.sleep(TTL + 0.1)
    assert await slots.count(KEY) == 0
    assert await slots.acquire(KEY, "waiting", limit=1, ttl=30)
    assert not await slots.refresh(KEY, "crashed", ttl=30)


async def test_refreshing_keeps_a_slot_past_its_first_ttl(store: Store) -> None:
    slots = store.slots()
    assert await slots.acquire(KEY, "alive", limit=1, ttl=TTL)
    for _ in range(3):
        await asyncio.sleep(TTL / 2)
        assert await slots.refresh(KEY, "alive", ttl=TTL)
    assert not await slots.acquire(KEY, "waiting", limit=1, ttl=30)
    assert await slots.count(KEY) == 1


async def test_acquiring_again_keeps_and_refreshes_the_slot(store: Store) -> None:
    slots = store.slots()
    assert await slots.acquire(KEY, "run-1", limit=1, ttl=TTL)
    await asyncio.sleep(TTL * 2 / 3)
    assert await slots.acquire(KEY, "run-1", limit=1, ttl=TTL)
    await asyncio.sleep(TTL * 2 / 3)
    assert await slots.count(KEY) == 1
    assert not await slots.acquire(KEY, "run-2", limit=1, ttl=30)


async def test_a_holder_already_in_keeps_its_slot_when_the_limit_drops(store: Store) -> None:
    slots = store.slots()
    for n in range(3):
        await slots.acquire(KEY, f"run-{n}", limit=3, ttl=30)
    assert await slots.acquire(KEY, "run-0", limit=1, ttl=30)
    assert not await slots.acquire(KEY, "run-9", limit=1, ttl=30)


async def test_refreshing_a_slot_never_held_is_false(store: Store) -> None:
    assert not await store.slots().refresh(KEY, "stranger", ttl=30)


async def test_slots_of_separate_keys_are_separate(store: Store) -> None:
    slots = store.slots()
    assert await slots.acquire("acme", "run-1", limit=1, ttl=30)
    assert await slots.acquire("globex", "run-1", limit=1, ttl=30)
    counts = [await slots.count(key) for key in ("acme", "globex", "initech")]
    assert counts == [1, 1, 0]


async def test_a_negative_limit_or_a_ttl_that_is_not_positive_is_refused(store: Store) -> None:
    slots = store.slots()
    with pytest.raises(UserError, match="limit must be 0 or more"):
        await slots.acquire(KEY, "run-1", limit=-1, ttl=1)
    with pytest.raises(UserError, match="positive number of seconds"):
        await slots.acquire(KEY, "run-1", limit=1, ttl=0)
    with pytest.raises(UserError, match="positive number of seconds"):
        await slots.refresh(KEY, "run-1", ttl=-1)


# Across processes: a real second interpreter on the same Redis.

CHILD = """
import asyncio, json, sys
from conclave.adapters.limits import Rate, open_limiters

async def main(url, namespace, key):
    limiters = open_limiters(url, namespace=namespace)
    try:
        hits = [await limiters.rate.hit(key, Rate.parse("5/day")) for _ in range(10)]
        slots = [await limiters.runs.acquire(key, f"child-{n}", limit=3, ttl=30) for n in range(5)]
    finally:
        await limiters.close()
    print(json.dumps({"hits": sum(h.allowed for h in hits), "slots": sum(slots)}))

asyncio.run(main(*sys.argv[1:]))
"""


async def test_another_process_shares_the_same_limits(redis_store: RedisStore) -> None:
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CHILD,
        REDIS_URL,
        redis_store.namespace,
        KEY,
        stdout=asyncio.subprocess.PIPE,
    )
    rates, slots, rate = redis_store.rates(), redis_store.slots(), Rate.parse("5/day")
    hits = [await rates.hit(KEY, rate) for _ in range(10)]
    got = [await slots.acquire(KEY, f"parent-{n}", limit=3, ttl=30) for n in range(5)]
    async with asyncio.timeout(20):
        out, _ = await child.communicate()
    assert child.returncode == 0
    theirs = json.loads(out)
    assert sum(h.allowed for h in hits) + theirs["hits"] == 5
    assert sum(got) + theirs["slots"] == 3


async def _early_in_a_second() -> None:
    """Wait, if need be, until a second has just begun.

    The memory flavour's windows start on whole seconds; a burst of hits that straddled
    one would be counted partly in each window.
    """
    fraction = time.time() % 1
    if fraction > 0.7:
        await asyncio.sleep(1.01 - fraction)
