"""The run writer: how an executor stores a run's events in groups and publishes them in order.

Appending every event in its own transaction would make the store the slowest part of a
turn. The writer is the run's log as the engine sees it, and commits in groups instead:

- An event the run must not get ahead of is stored before :meth:`RunWriter.append`
  returns: a tool call (requested or completed, so that a crash never runs a side effect
  twice), an approval, and the run's end. Everything queued before it goes in the same
  transaction.
- Any other event is queued and stored in the background, while the run goes on to its
  next model call; events that arrive meanwhile join the next group.
- The terminal event's transaction also runs the executor's ``finish`` work (the run's
  status, totals and reply), so a run ends in one write.
- Every transaction also takes the run's ``pending`` work (its budget's settlements: ledger
  rows and spend), so pricing a model call costs no transaction of its own.
- Events stored before the run started (a new run's ``run.started``, written with the run
  itself) are published without being written again.
- Events are published on the bus only once stored, and in order. Token deltas, which are
  never stored, are published in their place in that order, so a watcher never sees a
  delta before the event it follows; one that follows nothing unstored is published at once.

A crash loses at most the events queued since the last commit, none of which had
consequences outside the run: the run resumes from its last stored event.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence

from conclave.adapters.store.runlog import SqlRunLog, StoreWork, then
from conclave.engine.events import TERMINAL_KINDS, Event

__all__ = ["STORED_AT_ONCE", "RunWriter"]

STORED_AT_ONCE = frozenset(
    {"tool.requested", "tool.completed", "approval.requested", "approval.decided"} | TERMINAL_KINDS
)

# Given the terminal event, the work to do in the transaction that stores it.
Finish = Callable[[Event], StoreWork]


class RunWriter:
    """A run's log for its executor: group commit, then ordered publication.

    Args:
        log: where the events are stored.
        publish: publishes one event once it is stored (a delta, in its place).
        finish: work done in the transaction that stores the terminal event.
        pending: more work for the next transaction, taken at each commit.
        stored: events of the run stored already; published as stored when the run
            appends them again.
    """

    __slots__ = (
        "_failure",
        "_finish",
        "_flusher",
        "_lock",
        "_log",
        "_pending",
        "_publish",
        "_queue",
        "_stored",
    )

    def __init__(
        self,
        log: SqlRunLog,
        *,
        publish: Callable[[Event], Awaitable[None]],
        finish: Finish | None = None,
        pending: Callable[[], StoreWork | None] | None = None,
        stored: Sequence[Event] = (),
    ) -> None:
        self._log = log
        self._pending = pending
        self._stored = {event.seq: event for event in stored}
        self._publish = publish
        self._finish = finish
        self._queue: list[Event] = []
        self._lock = asyncio.Lock()
        self._flusher: asyncio.Task[None] | None = None
        self._failure: BaseException | None = None

    async def append(self, event: Event) -> None:
        """Queue a durable event; store it (and all before it) now if the run must wait."""
        self._check()
        self._queue.append(event)
        if event.kind in STORED_AT_ONCE:
            await self.flush()
        else:
            self._flush_soon()

    async def live(self, event: Event) -> None:
        """Publish a live-only event (a token delta) in its place: at once when nothing
        waits to be stored before it, else after what does.

        At once, in the run's own task: a watcher under load gets the delta a turn of the
        event loop sooner than through a background flush, and no task is started for it.
        """
        idle = self._flusher is None or self._flusher.done()
        if not self._queue and idle and not self._lock.locked():
            await self._publish(event)
            return
        self._queue.append(event)
        self._flush_soon()

    async def read(self, run_id: str, *, after: int = 0) -> AsyncIterator[Event]:
        """The run's stored events, after storing everything queued."""
        await self.flush()
        async for event in self._log.read(run_id, after=after):
            yield event

    async def flush(self) -> None:
        """Store everything queued in one transaction, then publish it in order."""
        async with self._lock:
            self._check()
            batch, self._queue = self._queue, []
            batch = [self._stored.get(e.seq, e) if e.durable else e for e in batch]
            durable = [e for e in batch if e.durable and e.seq not in self._stored]
            last = durable[-1] if durable else None
            also = self._pending() if self._pending is not None else None
            if last is not None and last.kind in TERMINAL_KINDS and self._finish is not None:
                also = then(also, self._finish(last))
            if durable:
                await self._log.append_many(durable, also=also)
            elif also is not None:
                await self._log.run(also)
            for event in batch:
                await self._publish(event)

    async def close(self) -> None:
        """Store and publish what is queued; raise what a background commit raised."""
        if self._flusher is not None:
            await asyncio.wait([self._flusher])
        await self.flush()

    def abort(self) -> None:
        """Drop what is queued and stop committing (the run stopped here)."""
        self._queue.clear()
        if self._flusher is not None:
            self._flusher.cancel()

    def _flush_soon(self) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_in_background())

    async def _flush_in_background(self) -> None:
        try:
            await self.flush()
        except Exception as error:  # surfaced by the run's next append
            self._failure = error

    def _check(self) -> None:
        if self._failure is not None:
            failure, self._failure = self._failure, None
            raise failure
