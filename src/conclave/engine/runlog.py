"""The run log: the durable, append-only record of a run's events.

Two methods are all an implementation must provide. Sequence numbers start at 1 and are
contiguous per run; appending an event whose ``(run_id, seq)`` is already stored is a no-op
when it is the same kind of event (a retried write), and an error otherwise (two writers).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol, runtime_checkable

from conclave.engine.events import Event
from conclave.errors import RunError


class SequenceConflict(RunError):
    """Two writers appended different events under one sequence number, or left a gap."""


@runtime_checkable
class RunLog(Protocol):
    """Where a run's durable events live."""

    async def append(self, event: Event) -> None:
        """Store one durable event; idempotent on ``(run_id, seq)``."""
        ...

    def read(self, run_id: str, *, after: int = 0) -> AsyncIterator[Event]:
        """The run's events with ``seq > after``, in order."""
        ...


class InMemoryRunLog:
    """A run log in a dict: the embedded default for library use, and the test double."""

    __slots__ = ("_runs",)

    def __init__(self) -> None:
        self._runs: dict[str, list[Event]] = {}

    async def append(self, event: Event) -> None:
        events = self._runs.get(event.run_id)
        if events is None:
            events = self._runs[event.run_id] = []
        expected = len(events) + 1
        if event.seq == expected:
            events.append(event)
            return
        taken = events[event.seq - 1] if 1 <= event.seq <= len(events) else None
        check_replayed_append(len(events), taken, event)

    async def read(self, run_id: str, *, after: int = 0) -> AsyncIterator[Event]:
        for event in self._runs.get(run_id, ())[after:]:
            yield event

    def run_ids(self) -> list[str]:
        """Every run this log holds, oldest first."""
        return list(self._runs)


def check_replayed_append(stored: int, existing: Event | None, event: Event) -> None:
    """Accept a repeated append of a stored event; refuse gaps and conflicting writers.

    Args:
        stored: how many events the run has stored.
        existing: the stored event under ``event.seq``, when that seq is taken.
        event: the event being appended again.
    """
    if existing is None or event.seq < 1 or event.seq > stored + 1:
        raise SequenceConflict(
            f"run {event.run_id!r}: event seq {event.seq} leaves a gap after "
            f"{stored}; append events in order",
            run_id=event.run_id,
            seq=event.seq,
        )
    if existing.kind != event.kind:
        raise SequenceConflict(
            f"run {event.run_id!r}: seq {event.seq} already holds {existing.kind!r}, not "
            f"{event.kind!r}; another executor is writing this run",
            run_id=event.run_id,
            seq=event.seq,
        )


async def read_all(log: RunLog, run_id: str, *, after: int = 0) -> list[Event]:
    """Every event of a run after ``after``, as a list."""
    return [event async for event in log.read(run_id, after=after)]
