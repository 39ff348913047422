"""The recorder: numbers a run's events and appends each durable one before it is seen.

Agents and teams write every event through a recorder, so sequence numbers stay contiguous
across nested turns and "append before yield" holds in one place.

Concurrent branches of a run (parallel workflow steps) each get a :meth:`Recorder.branch`:
a branch takes its sequence number and appends under the run's lock, so the log stays
contiguous and in order however the branches interleave.

Code that is not an event stream itself (a tool writing to the shared context) records with
:meth:`Recorder.record_aside`; the turn that ran it yields those events next, so the live
stream and the log never disagree.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from typing import TYPE_CHECKING

from conclave.engine.events import Event
from conclave.engine.messages import Usage
from conclave.engine.models.base import ModelResponse
from conclave.engine.runlog import RunLog

if TYPE_CHECKING:
    from conclave.engine.oversight import Oversight

# A random per-process prefix and a counter: unique across processes and hosts, and far
# cheaper than a system call per run.
_PREFIX = "run_" + os.urandom(8).hex()
_COUNTER = itertools.count(1)


def new_run_id() -> str:
    """A fresh run id, unique across processes."""
    return f"{_PREFIX}{next(_COUNTER):08x}"


class Recorder:
    """One run's event counter, log and running totals.

    Attributes:
        run_id: the run being recorded.
        log: where durable events go; ``None`` keeps them in the stream only.
        seq: the sequence number of the last durable event.
        usage: tokens used so far in the run.
        cost_usd: money spent so far in the run.
        response: the last model response, handed between the steps of a turn.
        aside: events recorded outside the stream, waiting to be yielded.
        oversight: approvals, budgets and the guard, for every turn of the run.
    """

    __slots__ = (
        "_lock",
        "aside",
        "cost_usd",
        "input_tokens",
        "log",
        "output_tokens",
        "oversight",
        "response",
        "run_id",
        "seq",
    )

    def __init__(
        self,
        run_id: str | None = None,
        log: RunLog | None = None,
        *,
        seq: int = 0,
        oversight: Oversight | None = None,
    ):
        self.run_id = run_id or new_run_id()
        self.log = log
        self.seq = seq
        self.oversight = oversight or _unwatched()
        self.input_tokens = 0
        self.output_tokens = 0
        self.cost_usd = 0.0
        self.response: ModelResponse | None = None
        self.aside: list[Event] = []
        self._lock: asyncio.Lock | None = None

    def next_seq(self) -> int:
        """The sequence number for the next durable event."""
        self.seq += 1
        return self.seq

    async def record(self, event: Event) -> Event:
        """Append a durable event to the log, then hand it back to be yielded."""
        if self.log is not None and event.durable:
            await self.log.append(event)
        return event

    async def record_aside(self, event: Event) -> Event:
        """Record an event made outside the stream; the running turn yields it next."""
        recorded = await self.record(event)
        self.aside.append(recorded)
        return recorded

    def drain(self) -> list[Event]:
        """The events recorded aside since the last drain."""
        if not self.aside:
            return []
        events, self.aside = self.aside, []
        return events

    @property
    def usage(self) -> Usage:
        return Usage(input_tokens=self.input_tokens, output_tokens=self.output_tokens)

    def add_usage(self, usage: Usage, cost_usd: float) -> None:
        self.input_tokens += usage.input_tokens
        self.output_tokens += usage.output_tokens
        self.cost_usd += cost_usd

    @property
    def lock(self) -> asyncio.Lock:
        """Serialises appends of concurrent branches."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    def branch(self) -> Recorder:
        """A recorder for one concurrent branch of this run."""
        return BranchRecorder(self)


class BranchRecorder(Recorder):
    """Records one concurrent branch into its parent's run.

    Events are built with a placeholder ``seq`` and numbered when they are appended, under
    the parent's lock. Usage adds up in the parent, so run budgets see every branch.
    """

    __slots__ = ("parent",)

    def __init__(self, parent: Recorder) -> None:
        super().__init__(parent.run_id, parent.log, oversight=parent.oversight)
        self.parent = parent

    def next_seq(self) -> int:
        return 0  # set when the event is appended

    def branch(self) -> Recorder:
        return self.parent.branch()  # every branch numbers against the run's own recorder

    async def record(self, event: Event) -> Event:
        parent = self.parent
        if not event.durable:
            _number(event, parent.seq)
            return event
        async with parent.lock:
            _number(event, parent.next_seq())
            await parent.record(event)
        self.seq = event.seq  # live deltas of this branch follow its last durable event
        return event

    def add_usage(self, usage: Usage, cost_usd: float) -> None:
        parent = self.parent
        parent.add_usage(usage, cost_usd)
        self.input_tokens, self.output_tokens = parent.input_tokens, parent.output_tokens
        self.cost_usd = parent.cost_usd


def _unwatched() -> Oversight:
    """The oversight of a run given none; loaded with the first such run, not at import."""
    from conclave.engine.oversight import NO_OVERSIGHT

    return NO_OVERSIGHT


def _number(event: Event, seq: int) -> None:
    """Give a branch's event its sequence number.

    Events are frozen; this one was built a moment ago with a placeholder and nobody has
    seen it yet, so numbering it in place is safe, and several times cheaper per event
    than ``dataclasses.replace``.
    """
    object.__setattr__(event, "seq", seq)
