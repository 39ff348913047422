"""Choosing the limits flavour from REDIS_URL."""

from __future__ import annotations

import sys

import pytest

from conclave.adapters.limits import (
    MemoryConcurrencyLimiter,
    MemoryRateLimiter,
    open_limiters,
)
from conclave.adapters.limits.redis import RedisConcurrencyLimiter, RedisRateLimiter
from conclave.errors import ConfigError, MissingDependency


@pytest.mark.parametrize("url", [None, ""])
async def test_no_redis_url_means_memory(url: str | None) -> None:
    limiters = open_limiters(url)
    assert isinstance(limiters.rate, MemoryRateLimiter)
    assert isinstance(limiters.runs, MemoryConcurrencyLimiter)
    await limiters.close()


async def test_a_redis_url_means_redis_and_connects_only_when_used() -> None:
    limiters = open_limiters("redis://127.0.0.1:1/0")
    assert isinstance(limiters.rate, RedisRateLimiter)
    assert isinstance(limiters.runs, RedisConcurrencyLimiter)
    await limiters.close()


@pytest.mark.parametrize("url", ["http://cache:6379", "localhost:6379", "redis://:s3cret@h:port"])
def test_a_url_that_is_not_a_redis_url_is_refused_without_echoing_it(url: str) -> None:
    with pytest.raises(ConfigError, match="REDIS_URL is not a usable Redis URL") as caught:
        open_limiters(url)
    assert "s3cret" not in str(caught.value)
    assert "redis://[:password@]host:6379/0" in str(caught.value)


def test_a_redis_url_without_the_redis_package_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [name for name in sys.modules if name == "redis" or name.startswith("redis.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "conclave.adapters.limits.redis")
    with pytest.raises(MissingDependency, match=r"pip install 'conclave\[redis\]'") as caught:
        open_limiters("redis://127.0.0.1:6379/0")
    assert str(caught.value).startswith("REDIS_URL needs the 'redis' package")
    assert caught.value.fields == {"package": "redis", "extra": "redis"}
