"""The bus: messages between processes, and the live feed of run events.

Every flavour declares the same four exchanges, so code never declares its own:

======================  ======  ===========================================================
``conclave.events``     topic   lifecycle and run events, matched by pattern
``conclave.direct``     direct  messages for one key, matched exactly
``conclave.broadcast``  fanout  every subscriber gets every message; the key is ignored
``conclave.dead``       topic   what a subscriber had no room for, under its original key
======================  ======  ===========================================================

Routing keys are words joined by dots. Lifecycle keys name a subject and what happened to
it: ``agent.created``, ``agent.updated``, ``agent.started``, ``agent.stopped``,
``team.orchestrate``, ``run.completed``, ``approval.requested``, ``trade.signal``,
``deployment.completed``. A run's events go under its tenant and id, then the event's kind
(which has dots of its own)::

    tenant.<tenant_id>.run.<run_id>.<kind>      tenant.acme.run.r42.tool.requested

so ``tenant.acme.run.r42.#`` follows one run, ``tenant.acme.run.#`` every run of a tenant
and ``tenant.*.run.*.run.completed`` every run that finishes. Patterns mean what they mean
in AMQP: ``*`` is exactly one word, ``#`` zero or more.

Payloads are JSON objects and headers map strings to strings, checked on publish by every
flavour, so what works in process works through a broker. A subscriber sees a decoded
copy, never the publisher's object. A message a subscriber has no room for goes to
``conclave.dead`` with the headers ``x-first-death-reason: maxlen`` and
``x-first-death-exchange``: the names RabbitMQ gives a message that a queue declared with
``x-overflow: reject-publish-dlx`` refuses.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, partial
from typing import Any, Literal, Protocol, Self, runtime_checkable

from conclave.engine.events import Event, event_to_dict, load_event
from conclave.errors import UnknownName, UserError

EVENTS = "conclave.events"
DIRECT = "conclave.direct"
BROADCAST = "conclave.broadcast"
DEAD = "conclave.dead"

ExchangeKind = Literal["topic", "direct", "fanout"]
EXCHANGES: Mapping[str, ExchangeKind] = {
    EVENTS: "topic",
    DIRECT: "direct",
    BROADCAST: "fanout",
    DEAD: "topic",
}

DEATH_REASON = "x-first-death-reason"
DEATH_EXCHANGE = "x-first-death-exchange"
MAX_KEY_BYTES = 255  # the AMQP limit on a routing key


class PayloadError(UserError):
    """A payload or header that cannot cross a bus as JSON."""


class BusClosed(UserError):
    """A publish or subscribe on a bus that has been closed."""


@dataclass(frozen=True, kw_only=True, slots=True)
class BusMessage:
    """One delivered message.

    Attributes:
        exchange: where it was published (``conclave.dead`` once dead-lettered).
        routing_key: the key it was published with.
        payload: the decoded JSON object; shared by in-process subscribers, so read it only.
        headers: string headers, plus the dead-letter ones when dead-lettered.
        published_at: when it was published, in UTC.
    """

    exchange: str
    routing_key: str
    payload: Mapping[str, Any]
    headers: Mapping[str, str]
    published_at: datetime


@runtime_checkable
class Subscription(Protocol):
    """Messages matching one binding, bound while the ``async with`` block runs.

    Use it as ``async with bus.subscribe(EVENTS, "agent.*") as messages:`` and iterate
    ``messages``. Leaving the block, or ``close()``, unbinds it and ends the iteration.
    """

    async def __aenter__(self) -> Self: ...

    async def __aexit__(self, *exc_info: object) -> None: ...

    def __aiter__(self) -> AsyncIterator[BusMessage]: ...

    async def __anext__(self) -> BusMessage: ...

    async def close(self) -> None:
        """Unbind; the iteration ends and what was waiting is discarded."""
        ...


@runtime_checkable
class Bus(Protocol):
    """Publish JSON messages to the Conclave exchanges and subscribe to them."""

    async def publish(
        self,
        exchange: str,
        routing_key: str,
        payload: Mapping[str, Any],
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Send one message; with no subscriber bound it is simply not delivered."""
        ...

    def subscribe(self, exchange: str, pattern: str) -> Subscription:
        """A subscription that sees what is published from the moment it is entered."""
        ...

    async def close(self) -> None:
        """End every subscription; later publishes and subscriptions raise ``BusClosed``."""
        ...


def exchange_kind(exchange: str) -> ExchangeKind:
    """The type of a Conclave exchange; an unknown name is refused with a suggestion."""
    kind = EXCHANGES.get(exchange)
    if kind is None:
        raise UnknownName("exchange", exchange, EXCHANGES, hint="use one of the bus constants")
    return kind


def check_routing_key(routing_key: str) -> None:
    """Refuse a key a broker would reject or a topic pattern would misread."""
    if len(routing_key.encode()) > MAX_KEY_BYTES:
        raise UserError(f"routing key {routing_key[:40]!r}... is over {MAX_KEY_BYTES} bytes")
    if routing_key and not all(_plain_word(word) for word in routing_key.split(".")):
        raise UserError(
            f"routing key {routing_key!r} must be non-empty words joined by dots, without "
            "'*' or '#' (those belong in subscription patterns)"
        )


def _plain_word(word: str) -> bool:
    return bool(word) and "*" not in word and "#" not in word


Matcher = Callable[[str], object]
"""A predicate on routing keys: its result is truthy when the key matches."""


@lru_cache(maxsize=1024)
def key_matcher(kind: ExchangeKind, pattern: str) -> Matcher:
    """The predicate for a binding with ``pattern`` on an exchange of type ``kind``."""
    if kind == "fanout":
        return _always
    if kind == "direct":
        if pattern and not all(_plain_word(word) for word in pattern.split(".")):
            raise UserError(
                f"conclave.direct matches keys exactly, so {pattern!r} is not a key there; "
                "subscribe on conclave.events to match patterns"
            )
        return pattern.__eq__
    if "*" not in pattern and "#" not in pattern:
        check_routing_key(pattern)
        return pattern.__eq__
    head = pattern[:-2]
    if pattern.endswith(".#") and all(_plain_word(word) for word in head.split(".")):
        # A key and everything under it (one run's events): no regex to compile for
        # every run a client follows.
        return partial(_under, head, head + ".")
    regex = _topic_regex(pattern)  # also refuses malformed patterns
    words = tuple(pattern.split("."))
    if words.count("#") > 1:
        # A regex with several "#" backtracks polynomially in the key's length.
        return partial(_words_match, words)
    return regex.fullmatch


def _always(_routing_key: str) -> bool:
    return True


def _under(key: str, prefix: str, routing_key: str) -> bool:
    return routing_key == key or routing_key.startswith(prefix)


def _topic_regex(pattern: str) -> re.Pattern[str]:
    # Each word token starts at the beginning or after a dot; since keys have no empty
    # words, "^" can only match before the first word.
    parts = []
    for word in pattern.split("."):
        if word == "#":
            parts.append(r"(?:(?:^|\.)[^.]+)*")
        elif word == "*":
            parts.append(r"(?:^|\.)[^.]+")
        elif _plain_word(word):
            parts.append(r"(?:^|\.)" + re.escape(word))
        else:
            raise UserError(
                f"topic pattern {pattern!r}: {word!r} is not a word; use '*' for one word "
                "and '#' for any number, each as a whole word between dots"
            )
    return re.compile("".join(parts))


def _words_match(pattern: tuple[str, ...], routing_key: str) -> bool:
    """Match word by word, tracking every pattern position reachable so far: no backtracking."""
    positions = _skip_hashes(pattern, {0})
    for word in routing_key.split(".") if routing_key else ():
        reached = set()
        for index in positions:
            if index < len(pattern):
                token = pattern[index]
                if token == "#":
                    reached.add(index)
                elif token in ("*", word):
                    reached.add(index + 1)
        positions = _skip_hashes(pattern, reached)
    return len(pattern) in positions


def _skip_hashes(pattern: tuple[str, ...], positions: set[int]) -> set[int]:
    """Add the positions reached by letting each "#" match zero words."""
    pending = list(positions)
    while pending:
        index = pending.pop()
        if index < len(pattern) and pattern[index] == "#" and index + 1 not in positions:
            positions.add(index + 1)
            pending.append(index + 1)
    return positions


def topic_matches(pattern: str, routing_key: str) -> bool:
    """Whether a topic ``pattern`` (AMQP ``*`` and ``#``) matches ``routing_key``."""
    return bool(key_matcher("topic", pattern)(routing_key))


def encode_payload(payload: Mapping[str, Any]) -> bytes:
    """The payload as compact JSON bytes; anything else is refused, naming the culprit."""
    if not isinstance(payload, Mapping):
        raise PayloadError(
            f"a bus payload is a JSON object, not a {type(payload).__name__}; "
            "wrap it, as in {'value': ...}"
        )
    try:
        text = json.dumps(payload, allow_nan=False, separators=(",", ":"), default=_as_dict)
    except (TypeError, ValueError) as error:
        path, what = _first_non_json(payload, "payload") or ("payload", str(error))
        raise PayloadError(
            f"bus payloads hold JSON values only (str, int, float, bool, None, lists and "
            f"dicts): {path} is {what}; convert it first, e.g. with str() or .isoformat()",
            path=path,
        ) from None
    return text.encode()


def _as_dict(value: object) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(type(value).__name__)


_JSON_KEYS = (str, int, float, bool, type(None))


def _first_non_json(value: object, path: str, depth: int = 0) -> tuple[str, str] | None:
    """Where in ``value`` the first non-JSON value sits, and what it is."""
    if depth > 100:
        return path, "nested too deep, or refers to itself"
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, _JSON_KEYS):
                return path, f"a dict with a {type(key).__name__} key"
            found = _first_non_json(item, f"{path}[{key!r}]", depth + 1)
            if found:
                return found
        return None
    if isinstance(value, list | tuple):
        return _first_in_sequence(value, path, depth)
    if isinstance(value, float) and not math.isfinite(value):
        return path, f"{value}, which JSON cannot hold"
    return None if isinstance(value, _JSON_KEYS) else (path, f"a {type(value).__name__}")


def _first_in_sequence(
    values: list[Any] | tuple[Any, ...], path: str, depth: int
) -> tuple[str, str] | None:
    for index, item in enumerate(values):
        found = _first_non_json(item, f"{path}[{index}]", depth + 1)
        if found:
            return found
    return None


def check_headers(headers: Mapping[str, str] | None) -> dict[str, str]:
    """A copy of the headers, refusing any name or value that is not a string."""
    if not headers:
        return {}
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise PayloadError(
                f"bus headers map strings to strings; header {name!r} is "
                f"{type(value).__name__}: convert it with str()",
                path=f"headers[{name!r}]",
            )
    return dict(headers)


def run_key(tenant_id: str, run_id: str, kind: str) -> str:
    """The routing key of a run event: ``tenant.<tenant_id>.run.<run_id>.<kind>``."""
    return f"{_run_prefix(tenant_id, run_id)}.{kind}"


def run_pattern(tenant_id: str, run_id: str | None = None) -> str:
    """The pattern that follows one run, or every run of a tenant when ``run_id`` is None."""
    if run_id is None:
        return f"tenant.{_id_word('tenant', tenant_id)}.run.#"
    return f"{_run_prefix(tenant_id, run_id)}.#"


def _run_prefix(tenant_id: str, run_id: str) -> str:
    return f"tenant.{_id_word('tenant', tenant_id)}.run.{_id_word('run', run_id)}"


def _id_word(what: str, value: str) -> str:
    if not _plain_word(value) or "." in value:
        raise UserError(
            f"{what} id {value!r} cannot be a routing-key word; ids on the bus must be "
            "non-empty and free of '.', '*' and '#'"
        )
    return value


async def publish_event(bus: Bus, tenant_id: str, event: Event) -> None:
    """Publish a run event, durable or live, on ``conclave.events`` under its run key."""
    key = run_key(tenant_id, event.run_id, event.kind)
    await bus.publish(EVENTS, key, event_to_dict(event), headers={"tenant_id": tenant_id})


def run_feed(bus: Bus, tenant_id: str, *, run_id: str | None = None) -> EventFeed:
    """The live events of one run, or of every run of a tenant, as engine events.

    A stream that must miss nothing enters the feed first, then reads the stored log up
    to some ``seq``, then follows the feed, skipping durable events it has already read.
    """
    return EventFeed(bus.subscribe(EVENTS, run_pattern(tenant_id, run_id)))


class EventFeed:
    """Run events from a subscription: an async context manager and async iterator."""

    __slots__ = ("_subscription",)

    def __init__(self, subscription: Subscription) -> None:
        self._subscription = subscription

    async def __aenter__(self) -> Self:
        await self._subscription.__aenter__()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._subscription.close()

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Event:
        message = await self._subscription.__anext__()
        return load_event(dict(message.payload))

    async def close(self) -> None:
        """Stop following; the iteration ends."""
        await self._subscription.close()


# The in-process flavour builds on the helpers above, so it is imported after them.
from conclave.adapters.bus.memory import InProcessBus, InProcessSubscription  # noqa: E402

__all__ = [
    "BROADCAST",
    "DEAD",
    "DEATH_EXCHANGE",
    "DEATH_REASON",
    "DIRECT",
    "EVENTS",
    "EXCHANGES",
    "Bus",
    "BusClosed",
    "BusMessage",
    "EventFeed",
    "ExchangeKind",
    "InProcessBus",
    "InProcessSubscription",
    "Matcher",
    "PayloadError",
    "Subscription",
    "check_headers",
    "check_routing_key",
    "encode_payload",
    "exchange_kind",
    "key_matcher",
    "publish_event",
    "run_feed",
    "run_key",
    "run_pattern",
    "topic_matches",
]
