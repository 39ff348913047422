"""Following a run: its stored events from a point, then its live ones, with no gap and no
duplicate. The SSE stream, the WebSocket routes and the OpenAI-compatible stream all send
what :func:`follow` yields.

The feed is entered before the store is read, so an event stored meanwhile is still heard;
a live durable event already read from the store is skipped; durable events the feed
dropped (a slow reader) are read back from the store; token deltas of a message already
read from the store are not sent. A feed quiet for a while asks the store whether the run
has ended, so a last event the feed dropped does not leave a follower waiting.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator

from conclave.adapters.bus import EventFeed, run_feed
from conclave.api.deps import Services
from conclave.engine.events import TERMINAL_KINDS, Event

__all__ = ["QUIET_SECONDS", "FeedClosed", "follow", "last_sent", "unsent"]

QUIET_SECONDS = 5  # a feed quiet this long asks the store whether its run has ended


class FeedClosed(Exception):
    """The bus closed under a live feed: the server is stopping."""


async def follow(
    services: Services,
    tenant_id: str,
    run_id: str,
    after: int,
    *,
    feed: EventFeed | None = None,
) -> AsyncGenerator[Event, None]:
    """Stored events after ``after``, then live ones, with no gap and no duplicate.

    Args:
        feed: the run's feed, entered by the caller (before it started the run, so that
            not even a token delta is missed); by default one is entered here.

    Raises:
        FeedClosed: the bus closed before the run ended.
    """
    if feed is not None:
        async for event in _follow(services, tenant_id, run_id, after, feed):
            yield event
        return
    # Entered before the store is read, so an event stored meanwhile is still heard.
    async with run_feed(services.bus, tenant_id, run_id=run_id) as entered:
        async for event in _follow(services, tenant_id, run_id, after, entered):
            yield event


async def _follow(
    services: Services, tenant_id: str, run_id: str, after: int, feed: EventFeed
) -> AsyncIterator[Event]:
    # Read first: a run finished by then has all its events stored, terminal or not.
    finished = (await services.runs.get(tenant_id, run_id)).finished
    sent = after
    for event in await _stored(services, tenant_id, run_id, sent):
        yield event
        sent = event.seq
        if event.kind in TERMINAL_KINDS:
            return
    if finished:
        return
    async for event in _live(services, tenant_id, run_id, feed):
        for fresh in await unsent(services, tenant_id, event, sent):
            yield fresh
        sent = last_sent(event, sent)
        if event.kind in TERMINAL_KINDS:
            return
    # Quiet, and the store has the run ended: what the feed dropped is stored.
    for event in await _stored(services, tenant_id, run_id, sent):
        yield event


async def _live(
    services: Services, tenant_id: str, run_id: str, feed: EventFeed
) -> AsyncIterator[Event]:
    """The feed's events until the store has the run ended while the feed is quiet.

    Raises:
        FeedClosed: the feed ended (the bus closed).
    """
    while True:
        try:
            async with asyncio.timeout(QUIET_SECONDS):
                event = await anext(feed)
        except TimeoutError:
            if (await services.runs.get(tenant_id, run_id)).finished:
                return
            continue
        except StopAsyncIteration:
            raise FeedClosed from None
        yield event


async def unsent(services: Services, tenant_id: str, event: Event, sent: int) -> list[Event]:
    """What to send for a live event when ``sent`` is the seq of the last durable one sent.

    Nothing if it was sent already (or is a delta of a message sent from the store); the
    durable events the feed dropped before it, read from the store, then the event.
    """
    if event.seq < sent or (event.durable and event.seq == sent):
        return []
    if not event.durable or event.seq == sent + 1:
        return [event]
    missed = await _stored(services, tenant_id, event.run_id, sent, before=event.seq)
    return [*missed, event]


def last_sent(event: Event, sent: int) -> int:
    return max(event.seq, sent) if event.durable else sent


async def _stored(
    services: Services, tenant_id: str, run_id: str, after: int, *, before: int | None = None
) -> list[Event]:
    events = await services.runs.events(tenant_id, run_id, after=after)
    return [event for event in events if before is None or event.seq < before]
