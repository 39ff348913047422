"""What only the in-process bus promises: drop counts, no tasks, eager checks."""

from __future__ import annotations

import asyncio

import pytest

from conclave.adapters.bus import (
    BROADCAST,
    DEAD,
    DIRECT,
    EVENTS,
    BusClosed,
    InProcessBus,
    run_key,
    run_pattern,
    topic_matches,
)
from conclave.errors import UserError


@pytest.mark.parametrize(
    ("pattern", "key"),
    [
        ("#", ""),
        ("#", "a"),
        ("a.#", "a"),
        ("a.b.#", "a.b.c.d"),
        ("#.a", "a"),
        ("#.#", "a.b"),
        ("a.*.#", "a.b"),
        ("*.*", "a.b"),
        ("a.#.b.#", "a.b"),
        ("#.a.#.b", "a.b"),
        ("#.a.#.b", "x.a.y.z.b"),
        ("*.#.*.#", "a.b"),
        ("", ""),
    ],
)
def test_topic_matches_accepts(pattern: str, key: str) -> None:
    assert topic_matches(pattern, key)


@pytest.mark.parametrize(
    ("pattern", "key"),
    [
        ("*", ""),
        ("a.*", "a"),
        ("a.*.#", "a"),
        ("#.a", "ba"),
        ("a.#", "ab"),
        ("a.b.#", "a.bc"),
        ("a.b.#", "a"),
        ("*.*", "a"),
        ("a", ""),
        ("", "a"),
        ("#.a.#.b", "x.a.y.b.z"),
        ("#.a.#.b", "b.a"),
        ("*.#.*.#", "a"),
    ],
)
def test_topic_matches_refuses(pattern: str, key: str) -> None:
    assert not topic_matches(pattern, key)


def test_run_keys_put_tenant_and_run_before_the_kind() -> None:
    key = run_key("acme", "r1", "tool.requested")
    assert key == "tenant.acme.run.r1.tool.requested"
    assert topic_matches(run_pattern("acme", "r1"), key)
    assert topic_matches(run_pattern("acme"), key)
    assert not topic_matches(run_pattern("acme", "r2"), key)


def test_an_id_with_a_dot_cannot_become_a_key_word() -> None:
    with pytest.raises(UserError, match=r"run id 'r\.1' cannot be a routing-key word"):
        run_key("acme", "r.1", "run.started")


async def test_a_full_subscription_counts_what_it_drops() -> None:
    bus = InProcessBus(max_queue=2)
    async with (
        bus.subscribe(EVENTS, "#") as slow,
        bus.subscribe(EVENTS, "#", max_queue=10) as roomy,
    ):
        for n in range(5):
            await bus.publish(EVENTS, "trade.signal", {"n": n})
        assert (slow.dropped, roomy.dropped) == (3, 0)


async def test_a_full_dead_letter_subscriber_only_counts_the_drop() -> None:
    bus = InProcessBus(max_queue=1)
    async with bus.subscribe(BROADCAST, "") as slow, bus.subscribe(DEAD, "#") as dead:
        for _ in range(4):
            await bus.publish(BROADCAST, "", {})
        assert (slow.dropped, dead.dropped) == (3, 2)


async def test_publishing_starts_no_task() -> None:
    bus = InProcessBus()
    async with bus.subscribe(EVENTS, "#") as first, bus.subscribe(EVENTS, "#") as second:
        tasks = asyncio.all_tasks()
        await bus.publish(EVENTS, "agent.created", {"name": "a"})
        assert asyncio.all_tasks() == tasks
        assert (await anext(first)).payload == (await anext(second)).payload


async def test_subscribers_share_one_decoded_payload() -> None:
    bus = InProcessBus()
    async with bus.subscribe(EVENTS, "#") as first, bus.subscribe(EVENTS, "#") as second:
        await bus.publish(EVENTS, "agent.created", {"name": "a"})
        assert (await anext(first)).payload is (await anext(second)).payload


async def test_a_subscription_binds_when_entered_and_unbinds_when_left() -> None:
    bus = InProcessBus()
    subscription = bus.subscribe(DIRECT, "worker.1")
    assert bus.subscriber_count(DIRECT) == 0
    async with subscription:
        assert bus.subscriber_count(DIRECT) == 1
    assert bus.subscriber_count(DIRECT) == 0


async def test_reading_a_subscription_that_was_not_entered_says_how() -> None:
    subscription = InProcessBus().subscribe(EVENTS, "#")
    with pytest.raises(UserError, match=r"async with bus\.subscribe"):
        await anext(subscription)


async def test_a_subscription_is_entered_once() -> None:
    subscription = InProcessBus().subscribe(EVENTS, "#")
    async with subscription:
        pass
    with pytest.raises(UserError, match="entered once"):
        await subscription.__aenter__()


async def test_closing_twice_is_harmless() -> None:
    bus = InProcessBus()
    async with bus.subscribe(EVENTS, "#") as messages:
        await messages.close()
        await messages.close()
    await bus.close()
    await bus.close()


async def test_a_closed_bus_refuses_publishes_and_subscriptions() -> None:
    bus = InProcessBus()
    await bus.close()
    with pytest.raises(BusClosed, match="closed"):
        await bus.publish(EVENTS, "agent.created", {})
    with pytest.raises(BusClosed, match="closed"):
        async with bus.subscribe(EVENTS, "#"):
            pass


def test_a_queue_bound_below_one_is_refused() -> None:
    with pytest.raises(UserError, match="at least 1"):
        InProcessBus(max_queue=0)
    with pytest.raises(UserError, match="at least 1"):
        InProcessBus().subscribe(EVENTS, "#", max_queue=0)


async def test_an_unknown_exchange_is_refused_when_subscribing() -> None:
    with pytest.raises(UserError, match="unknown exchange 'events'"):
        InProcessBus().subscribe("events", "#")


async def test_an_overlong_routing_key_is_refused() -> None:
    with pytest.raises(UserError, match="over 255 bytes"):
        await InProcessBus().publish(EVENTS, "a" * 256, {})
