"""The production flavour: limits shared by every process through Redis.

Needs the ``redis`` package (``pip install 'conclave[redis]'``). Both limiters take a
``redis.asyncio.Redis`` client and never close it: ``open_redis_limiters`` makes one client
for both and closes it with them. Time comes from the Redis server (key TTLs for rates,
``TIME`` for slots), so processes need no synchronised clocks.
"""

from __future__ import annotations

from typing import Any

from limits.aio.storage import RedisStorage
from redis.asyncio import Redis

from conclave.adapters.limits import (
    NAMESPACE,
    Limiters,
    SlidingWindowRateLimiter,
    check_slot,
)
from conclave.errors import ConfigError

# Each script reads the server's clock, drops expired holders and then decides, in one
# atomic step: a check followed by a separate write could let two processes both take
# the last slot. The set's key expires with its last holder, so idle tenants leave nothing.
_NOW = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
"""
_KEEP_UNTIL_LAST_EXPIRY = """
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], last[2])
"""
# KEYS[1] the slots; ARGV holder, limit, ttl in ms. Returns 1 if the holder holds a slot.
_ACQUIRE = f"""{_NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1])
    and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
{_KEEP_UNTIL_LAST_EXPIRY}
return 1
"""
# KEYS[1] the slots; ARGV holder, ttl in ms. Returns 1 if the holder still held a slot.
_REFRESH = f"""{_NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
{_KEEP_UNTIL_LAST_EXPIRY}
return 1
"""
# KEYS[1] the slots. Counts unexpired holders without writing.
_COUNT = f"""{_NOW}
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
"""


class RedisRateLimiter(SlidingWindowRateLimiter):
    """Request rates counted on Redis, with the sliding window counter of ``limits``.

    Args:
        client: the connection to use; its pool is shared, and it is not closed here.
        namespace: the first part of every key: ``<namespace>:rate:{...}``.
    """

    def __init__(self, client: Redis, *, namespace: str = NAMESPACE) -> None:
        # limits types its options as scalars, but hands them to redis-py, which takes a pool.
        options: dict[str, Any] = {"connection_pool": client.connection_pool}
        # "redispy" selects the asyncio client of the redis package (the default is
        # coredis); with a pool given, the URL's scheme is all the storage reads of it.
        storage = RedisStorage(
            "async+redis://",
            implementation="redispy",
            key_prefix=f"{namespace}:rate",
            **options,
        )
        super().__init__(storage)


class RedisConcurrencyLimiter:
    """Concurrent holders per key in a Redis sorted set: member holder, score expiry (ms).

    Args:
        client: the connection to use; it is not closed here.
        namespace: the first part of every key: ``<namespace>:runs:<key>``.
    """

    def __init__(self, client: Redis, *, namespace: str = NAMESPACE) -> None:
        self._client = client
        self._prefix = f"{namespace}:runs:"
        self._acquire = client.register_script(_ACQUIRE)
        self._refresh = client.register_script(_REFRESH)
        self._count = client.register_script(_COUNT)

    async def acquire(self, key: str, holder: str, *, limit: int, ttl: float) -> bool:
        """Take a slot for ``holder`` unless ``limit`` others hold one; see the protocol."""
        check_slot(limit=limit, ttl=ttl)
        return bool(await self._acquire([self._prefix + key], [holder, limit, _ms(ttl)]))

    async def release(self, key: str, holder: str) -> None:
        """Give the slot back; releasing a slot not held does nothing."""
        await self._client.zrem(self._prefix + key, holder)

    async def refresh(self, key: str, holder: str, *, ttl: float) -> bool:
        """Hold for another ``ttl`` seconds; false if the slot had already expired or gone."""
        check_slot(ttl=ttl)
        return bool(await self._refresh([self._prefix + key], [holder, _ms(ttl)]))

    async def count(self, key: str) -> int:
        """How many holders hold a slot now."""
        return int(await self._count([self._prefix + key]))

    async def close(self) -> None:
        """Nothing to release: the client belongs to whoever passed it in."""


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def open_redis_limiters(url: str, *, namespace: str = NAMESPACE) -> Limiters:
    """Both Redis limiters on one new client, which ``Limiters.close`` closes.

    Raises:
        ConfigError: ``url`` is not a Redis URL.
    """
    try:
        client = Redis.from_url(url)
    except ValueError as error:
        # redis-py's message names the problem but never the URL, which may hold a password.
        raise ConfigError(
            f"REDIS_URL is not a usable Redis URL ({error}); write it like "
            "redis://[:password@]host:6379/0, rediss:// for TLS or unix:///path/to/socket"
        ) from None
    return Limiters(
        rate=RedisRateLimiter(client, namespace=namespace),
        runs=RedisConcurrencyLimiter(client, namespace=namespace),
        closers=(client.aclose,),
    )
