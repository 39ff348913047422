"""Allowances: the share of a tenant's shared budgets that one process holds for its calls.

Reserving every model call's estimate in SQL would cost each call a transaction of its
own. Instead a process reserves an *allowance* (one hold row, in every limited scope at
once, atomically, as any reservation) and draws its calls' estimates from it in memory:

- A call whose estimate fits in what the allowance has free draws on it without touching
  the store. One that does not grows the allowance first, by the larger of what is missing
  and a chunk (:data:`CHUNK_SHARE` of the smallest limit among its scopes); if the chunk
  would pass a limit, by exactly what is missing. So near a limit an allowance grows call
  by call, as plain reservations would, and a call is refused only when the store has no
  room for it: other processes' allowances hold at most one chunk each beyond their calls
  in flight.
- A settlement (in the run's group commit) moves the call's cost from the allowance, as
  reserved, to spent; a failed call only frees its estimate for the next one.
- An allowance nobody has drawn on for :data:`IDLE_SECONDS`, or that is older than a third
  of a hold's lifetime, is given back (the executor's poll calls :meth:`Allowances.give_back`,
  and stopping gives back everything). An old one takes no new calls, so its hold never
  lapses while a call still counts on it. If the process dies, the hold lapses like any.

Allowances are kept per tenant and set of limited scopes (their keys and limits), so a new
day, a new conversation or a changed limit starts a new one.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories import spend

__all__ = ["CHUNK_SHARE", "IDLE_SECONDS", "Allowance", "Allowances"]

# How much an allowance grows beyond a call's need: a small share of the tightest limit, so
# that a handful of processes hold little of a budget between them.
CHUNK_SHARE = 0.02
IDLE_SECONDS = 5.0

Key = tuple[str, tuple[tuple[str, int], ...]]


@dataclass(slots=True)
class Allowance:
    """What this process holds in one set of scopes, and how much of it calls have drawn.

    ``amount_nano`` is the hold as this process knows it: reserved, less the costs it has
    settled (some perhaps not yet committed, so the store's figure is never lower).
    """

    tenant_id: str
    limits: tuple[spend.ScopeLimit, ...]  # in key order
    hold_id: str = field(default_factory=lambda: f"allowance:{uuid.uuid4().hex}")
    amount_nano: int = 0
    drawn_nano: int = 0
    in_flight: int = 0
    created: float = field(default_factory=time.monotonic)
    used: float = field(default_factory=time.monotonic)
    made: bool = False  # whether its hold row exists
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def free_nano(self) -> int:
        return self.amount_nano - self.drawn_nano

    @property
    def scopes(self) -> tuple[str, ...]:
        return tuple(limit.key for limit in self.limits)

    def chunk_nano(self) -> int:
        return int(min(limit.limit_nano for limit in self.limits) * CHUNK_SHARE)


@dataclass(frozen=True, slots=True)
class Draw:
    """One call's share of an allowance: its estimate, drawn until it settles."""

    allowance: Allowance
    estimate_nano: int


class Allowances:
    """The allowances of one process (see the module docstring).

    Args:
        database: the store.
        hold_seconds: how long a hold lasts if its process dies.
        idle_seconds: how long an unused allowance is kept.
    """

    def __init__(
        self, database: Database, *, hold_seconds: float, idle_seconds: float = IDLE_SECONDS
    ) -> None:
        self._database = database
        self._hold_seconds = hold_seconds
        self._idle_seconds = idle_seconds
        self._open: dict[Key, Allowance] = {}
        self._retired: list[Allowance] = []

    async def draw(
        self, tenant_id: str, run_id: str, limits: list[spend.ScopeLimit], estimate_nano: int
    ) -> Draw:
        """Draw a call's estimate, growing the allowance first if it has too little free.

        Raises:
            spend.Refused: the store has no room for the call in one of the scopes.
        """
        allowance = self._current(tenant_id, limits)
        if allowance.free_nano < estimate_nano:
            async with allowance.lock:
                if allowance.free_nano < estimate_nano:
                    await self._grow(allowance, run_id, estimate_nano - allowance.free_nano)
        allowance.drawn_nano += estimate_nano
        allowance.in_flight += 1
        allowance.used = time.monotonic()
        return Draw(allowance, estimate_nano)

    def settle(self, draw: Draw, cost_nano: int) -> spend.Hold:
        """Close a call that answered; the hold and amount its settlement moves to spent."""
        allowance = draw.allowance
        moved = min(cost_nano, allowance.amount_nano)
        allowance.amount_nano -= moved
        self._undraw(draw)
        return spend.Hold(id=allowance.hold_id, scopes=allowance.scopes, amount_nano=moved)

    def release(self, draw: Draw) -> None:
        """Close a call that failed: its estimate is free again."""
        self._undraw(draw)

    async def give_back(self, *, everything: bool = False) -> int:
        """Give back the allowances that are idle or too old, once no call counts on them;
        how many were given back.

        With ``everything`` (the executor stopped its runs), every allowance goes back,
        even one a cancelled call still counted on: that call will not settle here.
        """
        now = time.monotonic()
        for key, allowance in list(self._open.items()):
            idle = now - allowance.used > self._idle_seconds
            if everything or idle or self._too_old(allowance, now):
                del self._open[key]
                self._retired.append(allowance)
        done = [a for a in self._retired if everything or a.in_flight == 0]
        self._retired = [a for a in self._retired if a not in done]
        for allowance in done:
            if allowance.made:
                work = partial(
                    spend.release,
                    tenant_id=allowance.tenant_id,
                    hold_id=allowance.hold_id,
                    now=datetime.now(UTC),
                )
                await self._database.run(work)
        return len(done)

    def _current(self, tenant_id: str, limits: list[spend.ScopeLimit]) -> Allowance:
        ordered = tuple(sorted(limits, key=lambda limit: limit.key))
        key = (tenant_id, tuple((limit.key, limit.limit_nano) for limit in ordered))
        allowance = self._open.get(key)
        if allowance is None or self._too_old(allowance, time.monotonic()):
            if allowance is not None:
                self._retired.append(allowance)
            allowance = self._open[key] = Allowance(tenant_id, ordered)
        return allowance

    def _too_old(self, allowance: Allowance, now: float) -> bool:
        """Whether the allowance may take no new calls: its hold must not lapse under one."""
        return now - allowance.created > self._hold_seconds / 3

    async def _grow(self, allowance: Allowance, run_id: str, missing_nano: int) -> None:
        chunk = max(missing_nano, allowance.chunk_nano())
        try:
            await self._reserve(allowance, run_id, chunk)
        except spend.Refused:
            if chunk == missing_nano:
                raise
            await self._reserve(allowance, run_id, missing_nano)

    async def _reserve(self, allowance: Allowance, run_id: str, amount_nano: int) -> None:
        now = datetime.now(UTC)
        work = partial(
            spend.reserve,
            tenant_id=allowance.tenant_id,
            hold_id=allowance.hold_id,
            run_id=run_id,
            limits=allowance.limits,
            amount_nano=amount_nano,
            now=now,
            expires_at=now + timedelta(seconds=self._hold_seconds),
            existing=allowance.made,
        )
        await self._database.run(work)
        allowance.made = True
        allowance.amount_nano += amount_nano

    def _undraw(self, draw: Draw) -> None:
        allowance = draw.allowance
        allowance.drawn_nano -= draw.estimate_nano
        allowance.in_flight -= 1
