"""The Bus contract: every flavour passes the same cases.

A flavour is added by appending an async factory to ``FLAVOURS``. It takes the queue bound
each subscription gets (a broker flavour declares its queues with ``x-max-length`` and
``x-overflow: reject-publish-dlx``). Absence is checked with a marker published after the
message in question: delivery is ordered per subscription, so if the marker comes first
the message was never going to arrive.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest

from conclave.adapters.bus import (
    BROADCAST,
    DEAD,
    DEATH_EXCHANGE,
    DEATH_REASON,
    DIRECT,
    EVENTS,
    Bus,
    BusMessage,
    InProcessBus,
    PayloadError,
    Subscription,
    publish_event,
    run_feed,
)
from conclave.engine.events import MessageDelta, RunCompleted, RunStarted
from conclave.errors import UnknownName, UserError


async def _memory(max_queue: int) -> Bus:
    return InProcessBus(max_queue=max_queue)


FLAVOURS: dict[str, Callable[[int], Awaitable[Bus]]] = {"memory": _memory}
QUEUE_LIMIT = 8
MARKER = {"marker": True}


@pytest.fixture(params=sorted(FLAVOURS))
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[Bus]:
    flavour = await FLAVOURS[request.param](QUEUE_LIMIT)
    yield flavour
    await flavour.close()


async def take(subscription: Subscription, count: int) -> list[BusMessage]:
    """The next ``count`` messages, failing rather than hanging if they do not come."""
    async with asyncio.timeout(5):
        return [await anext(subscription) for _ in range(count)]


async def payloads_before_marker(
    bus: Bus, subscription: Subscription, exchange: str, key: str
) -> list[dict[str, object]]:
    """The payloads delivered ahead of a marker published now on ``key``."""
    await bus.publish(exchange, key, MARKER)
    payloads = []
    async with asyncio.timeout(5):
        async for message in subscription:
            if message.payload == MARKER:
                return payloads
            payloads.append(dict(message.payload))
    return payloads


async def drain(subscription: Subscription) -> list[BusMessage]:
    """Everything the subscription yields until its iteration ends."""
    async with asyncio.timeout(5):
        return [message async for message in subscription]


def key_matching(pattern: str) -> str:
    """A routing key that ``pattern`` surely matches."""
    return ".".join("m" if word in ("*", "#") else word for word in pattern.split("."))


def test_flavour_satisfies_the_protocol(bus: Bus) -> None:
    assert isinstance(bus, Bus)
    assert isinstance(bus.subscribe(EVENTS, "#"), Subscription)


@pytest.mark.parametrize(
    ("pattern", "key", "matches"),
    [
        ("agent.created", "agent.created", True),
        ("agent.created", "agent.updated", False),
        ("agent.*", "agent.started", True),
        ("agent.*", "agent", False),
        ("agent.*", "agent.started.late", False),
        ("*.completed", "run.completed", True),
        ("tenant.*.run.*.run.completed", "tenant.t1.run.r1.run.completed", True),
        ("tenant.*.run.*.run.completed", "tenant.t1.run.r1.tool.requested", False),
        ("#", "trade.signal", True),
        ("agent.#", "agent", True),
        ("agent.#", "agent.a.b.c", True),
        ("agent.#", "agents.created", False),
        ("#.completed", "deployment.completed", True),
        ("#.completed", "completed", True),
        ("tenant.t1.run.#", "tenant.t1.run.r1.message.delta", True),
        ("tenant.t1.run.#", "tenant.t2.run.r1.message.delta", False),
        ("a.#.z", "a.z", True),
        ("a.#.z", "a.b.c.z", True),
        ("a.#.z", "a.b.c.y", False),
        ("#.run.#.completed", "tenant.t1.run.r1.run.completed", True),
        ("#.run.#.completed", "tenant.t1.run.r1.tool.requested", False),
    ],
)
async def test_topic_patterns_match_as_in_amqp(
    bus: Bus, pattern: str, key: str, matches: bool
) -> None:
    async with bus.subscribe(EVENTS, pattern) as messages:
        await bus.publish(EVENTS, key, {"key": key})
        seen = await payloads_before_marker(bus, messages, EVENTS, key_matching(pattern))
    assert seen == ([{"key": key}] if matches else [])


async def test_direct_delivers_only_to_the_exact_key(bus: Bus) -> None:
    async with bus.subscribe(DIRECT, "worker.1") as one:
        for key in ("worker.2", "worker.1", "worker", "worker.1.x"):
            await bus.publish(DIRECT, key, {"key": key})
        assert await payloads_before_marker(bus, one, DIRECT, "worker.1") == [{"key": "worker.1"}]


async def test_direct_refuses_a_wildcard_binding(bus: Bus) -> None:
    with pytest.raises(UserError, match=r"matches keys exactly.*conclave\.events"):
        async with bus.subscribe(DIRECT, "worker.*"):
            pass


async def test_fanout_delivers_to_every_subscriber_whatever_the_key(bus: Bus) -> None:
    async with bus.subscribe(BROADCAST, "") as first, bus.subscribe(BROADCAST, "x.y") as second:
        await bus.publish(BROADCAST, "anything.at.all", {"n": 1})
        await bus.publish(BROADCAST, "", {"n": 2})
        for messages in (first, second):
            assert [m.payload["n"] for m in await take(messages, 2)] == [1, 2]


async def test_messages_arrive_in_publish_order(bus: Bus) -> None:
    async with bus.subscribe(EVENTS, "trade.#") as messages:
        for n in range(QUEUE_LIMIT):
            await bus.publish(EVENTS, "trade.signal", {"n": n})
        received = await take(messages, QUEUE_LIMIT)
    assert [m.payload["n"] for m in received] == list(range(QUEUE_LIMIT))


async def test_every_subscriber_gets_every_message(bus: Bus) -> None:
    async with (
        bus.subscribe(EVENTS, "agent.*") as first,
        bus.subscribe(EVENTS, "agent.#") as second,
        bus.subscribe(EVENTS, "agent.created") as third,
    ):
        for n in range(3):
            await bus.publish(EVENTS, "agent.created", {"n": n})
        for messages in (first, second, third):
            assert [m.payload["n"] for m in await take(messages, 3)] == [0, 1, 2]


async def test_a_subscription_made_after_a_publish_does_not_see_it(bus: Bus) -> None:
    await bus.publish(EVENTS, "run.completed", {"early": True})
    async with bus.subscribe(EVENTS, "#") as messages:
        await bus.publish(EVENTS, "run.completed", {"early": False})
        assert [m.payload for m in await take(messages, 1)] == [{"early": False}]


async def test_publishing_with_no_subscribers_is_fine(bus: Bus) -> None:
    await bus.publish(EVENTS, "approval.requested", {"id": "a1"})
    await bus.publish(DIRECT, "nobody", {})
    await bus.publish(BROADCAST, "", {})


async def test_closing_a_subscription_ends_its_iteration(bus: Bus) -> None:
    async with bus.subscribe(EVENTS, "#") as messages:
        await bus.publish(EVENTS, "agent.created", {})
        await messages.close()
        assert await drain(messages) == []


async def test_a_closed_subscription_no_longer_receives(bus: Bus) -> None:
    async with bus.subscribe(EVENTS, "#") as kept:
        async with bus.subscribe(EVENTS, "#") as left:
            pass
        await bus.publish(EVENTS, "agent.stopped", {})
        assert [m.routing_key for m in await take(kept, 1)] == ["agent.stopped"]
        assert await drain(left) == []


async def test_close_ends_a_waiting_iterator(bus: Bus) -> None:
    async with bus.subscribe(EVENTS, "#") as messages:
        reader = asyncio.create_task(drain(messages))
        await asyncio.sleep(0.01)
        await bus.close()
        assert await reader == []


async def test_close_ends_every_subscription(bus: Bus) -> None:
    async with bus.subscribe(EVENTS, "#") as one, bus.subscribe(BROADCAST, "") as two:
        await bus.close()
        assert await drain(one) == []
        assert await drain(two) == []


async def test_a_message_carries_its_key_headers_and_publish_time(bus: Bus) -> None:
    before = datetime.now(UTC)
    async with bus.subscribe(EVENTS, "trade.*") as messages:
        await bus.publish(EVENTS, "trade.signal", {"symbol": "ACME"}, headers={"tenant": "t1"})
        (message,) = await take(messages, 1)
    assert (message.exchange, message.routing_key) == (EVENTS, "trade.signal")
    assert message.payload == {"symbol": "ACME"}
    assert message.headers["tenant"] == "t1"
    assert before - timedelta(seconds=1) <= message.published_at <= datetime.now(UTC)


async def test_a_payload_arrives_as_json_not_as_the_publishers_object(bus: Bus) -> None:
    payload = {"pair": ("a", "b"), "nested": {"n": 1}, 3: "three"}
    async with bus.subscribe(EVENTS, "#") as messages:
        await bus.publish(EVENTS, "trade.signal", payload)
        payload["nested"] = {"n": 2}
        (message,) = await take(messages, 1)
    assert message.payload == {"pair": ["a", "b"], "nested": {"n": 1}, "3": "three"}


async def test_a_non_json_value_is_refused_naming_where_it_is(bus: Bus) -> None:
    payload = {"order": {"at": datetime.now(UTC)}}
    with pytest.raises(PayloadError, match=r"payload\['order'\]\['at'\] is a datetime"):
        await bus.publish(EVENTS, "trade.signal", payload)


@pytest.mark.parametrize(
    ("payload", "culprit"),
    [
        ({"x": {1, 2}}, "a set"),
        ({"x": [1, b"raw"]}, r"payload\['x'\]\[1\] is a bytes"),
        ({"x": float("nan")}, "nan, which JSON cannot hold"),
        ({"x": {(1, 2): "v"}}, "a dict with a tuple key"),
    ],
)
async def test_values_json_cannot_hold_are_refused(
    bus: Bus, payload: dict[str, object], culprit: str
) -> None:
    with pytest.raises(PayloadError, match=culprit):
        await bus.publish(EVENTS, "trade.signal", payload)


async def test_a_payload_that_is_not_an_object_is_refused(bus: Bus) -> None:
    with pytest.raises(PayloadError, match="JSON object, not a list"):
        await bus.publish(EVENTS, "trade.signal", [1, 2])  # type: ignore[arg-type]


async def test_a_header_that_is_not_a_string_is_refused(bus: Bus) -> None:
    with pytest.raises(PayloadError, match="header 'attempt' is int"):
        await bus.publish(EVENTS, "trade.signal", {}, headers={"attempt": 2})  # type: ignore[dict-item]


async def test_an_unknown_exchange_is_refused_with_a_suggestion(bus: Bus) -> None:
    with pytest.raises(UnknownName, match=r"did you mean 'conclave\.events'"):
        await bus.publish("conclave.event", "agent.created", {})


async def test_a_wildcard_in_a_routing_key_is_refused(bus: Bus) -> None:
    with pytest.raises(UserError, match="belong in subscription patterns"):
        await bus.publish(EVENTS, "agent.*", {})


async def test_a_malformed_topic_pattern_is_refused(bus: Bus) -> None:
    with pytest.raises(UserError, match=r"'ag\*' is not a word"):
        async with bus.subscribe(EVENTS, "ag*.created"):
            pass


async def test_an_overflowing_subscriber_is_dead_lettered_with_the_reason(bus: Bus) -> None:
    async with bus.subscribe(EVENTS, "trade.#") as slow, bus.subscribe(DEAD, "#") as dead:
        for n in range(QUEUE_LIMIT + 2):
            await bus.publish(EVENTS, "trade.signal", {"n": n}, headers={"source": "test"})
        kept = await take(slow, QUEUE_LIMIT)
        lost = await take(dead, 2)
    assert [m.payload["n"] for m in kept] == list(range(QUEUE_LIMIT))
    assert [m.payload["n"] for m in lost] == [QUEUE_LIMIT, QUEUE_LIMIT + 1]
    assert {(m.exchange, m.routing_key) for m in lost} == {(DEAD, "trade.signal")}
    assert lost[0].headers == {"source": "test", DEATH_REASON: "maxlen", DEATH_EXCHANGE: EVENTS}


async def test_a_slow_subscriber_does_not_hold_back_the_others(bus: Bus) -> None:
    async with bus.subscribe(EVENTS, "#") as _slow, bus.subscribe(EVENTS, "#") as fast:
        for n in range(QUEUE_LIMIT * 3):
            await bus.publish(EVENTS, "trade.signal", {"n": n})
            assert [m.payload["n"] for m in await take(fast, 1)] == [n]


async def test_a_run_feed_follows_one_run_as_engine_events(bus: Bus) -> None:
    started = RunStarted(run_id="r1", seq=1, author="a", input="hi")
    delta = MessageDelta(run_id="r1", seq=1, author="a", text="he")
    async with run_feed(bus, "acme", run_id="r1") as feed:
        await publish_event(bus, "acme", RunStarted(run_id="r2", seq=1, author="a", input="x"))
        await publish_event(bus, "acme", started)
        await publish_event(bus, "acme", delta)
        async with asyncio.timeout(5):
            assert [await anext(feed), await anext(feed)] == [started, delta]


async def test_a_tenant_feed_sees_every_run_of_that_tenant_only(bus: Bus) -> None:
    done = [RunCompleted(run_id=f"r{n}", seq=2, author="a", output="ok") for n in range(3)]
    async with run_feed(bus, "acme") as feed:
        await publish_event(bus, "other", done[0])
        await publish_event(bus, "acme", done[1])
        await publish_event(bus, "acme", done[2])
        async with asyncio.timeout(5):
            assert [await anext(feed), await anext(feed)] == done[1:]


async def test_run_events_are_published_under_the_documented_key(bus: Bus) -> None:
    async with bus.subscribe(EVENTS, "tenant.*.run.*.run.completed") as messages:
        await publish_event(bus, "acme", RunCompleted(run_id="r7", seq=3, author="a", output=""))
        (message,) = await take(messages, 1)
    assert message.routing_key == "tenant.acme.run.r7.run.completed"
    assert message.headers["tenant_id"] == "acme"
