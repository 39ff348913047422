"""The recorder: numbers a run's events and appends each durable one before it is seen.

Agents and teams write every event through a recorder, so sequence numbers stay contiguous
across nested turns and "append before yield" holds in one place.
"""

from __future__ import annotations

import itertools
import os

from conclave.engine.events import Event
from conclave.engine.messages import ZERO_USAGE, Usage
from conclave.engine.models.base import ModelResponse
from conclave.engine.runlog import RunLog

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
    """

    __slots__ = ("cost_usd", "log", "response", "run_id", "seq", "usage")

    def __init__(self, run_id: str | None = None, log: RunLog | None = None, *, seq: int = 0):
        self.run_id = run_id or new_run_id()
        self.log = log
        self.seq = seq
        self.usage: Usage = ZERO_USAGE
        self.cost_usd = 0.0
        self.response: ModelResponse | None = None

    def next_seq(self) -> int:
        """The sequence number for the next durable event."""
        self.seq += 1
        return self.seq

    async def record(self, event: Event) -> Event:
        """Append a durable event to the log, then hand it back to be yielded."""
        if self.log is not None and event.durable:
            await self.log.append(event)
        return event

    def add_usage(self, usage: Usage, cost_usd: float) -> None:
        self.usage = self.usage + usage
        self.cost_usd += cost_usd
