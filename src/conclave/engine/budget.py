"""Budgets: what a run may spend, checked *before* each model call.

Every call is estimated first: the prompt's tokens, counted, plus the most the call may
write (``max_output_tokens``), at the model's price. A call whose estimate would take any
scope past its limit is not made, so spend passes a limit by at most the estimate's error
(the token count's), never by a whole call.

The scopes:

- ``turn`` and ``run``: counted by the run itself, from its recorder's totals.
- ``conversation``, ``agent_day`` (one agent, one UTC day), ``tenant_day`` and
  ``tenant_month``: shared by every run of a tenant, so a :class:`Budget` keeps them. A call
  *reserves* its estimate in each of them before it is made, and *settles* (spent += cost,
  reserved -= estimate) once it has answered, or *releases* the reservation if it failed.
  Concurrent runs therefore never overspend a shared scope between them.

:class:`MemoryBudget` keeps the shared scopes in one process; the server's budget keeps them
in SQL, where a reservation is one conditional update and holds of a crashed process expire.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

from conclave.engine.messages import Usage
from conclave.errors import BudgetExceeded

__all__ = [
    "Budget",
    "Charge",
    "MemoryBudget",
    "Scope",
    "SpendLimits",
    "exceeded",
    "scope_keys",
]

Scope = Literal["turn", "run", "conversation", "agent_day", "tenant_day", "tenant_month"]
SHARED_SCOPES: tuple[Scope, ...] = ("conversation", "agent_day", "tenant_day", "tenant_month")
NANO = 1_000_000_000  # nano-dollars in a dollar: ledgers count in integers, so sums are exact


@dataclass(frozen=True, kw_only=True, slots=True)
class SpendLimits:
    """Limits in USD, ``None`` for none. Field names follow the scopes."""

    turn: float | None = None
    run: float | None = None
    conversation: float | None = None
    agent_day: float | None = None
    tenant_day: float | None = None
    tenant_month: float | None = None

    def over(self, defaults: SpendLimits) -> SpendLimits:
        """These limits, with ``defaults`` where these set none."""
        if defaults is UNLIMITED:
            return self
        return SpendLimits(
            turn=_first(self.turn, defaults.turn),
            run=_first(self.run, defaults.run),
            conversation=_first(self.conversation, defaults.conversation),
            agent_day=_first(self.agent_day, defaults.agent_day),
            tenant_day=_first(self.tenant_day, defaults.tenant_day),
            tenant_month=_first(self.tenant_month, defaults.tenant_month),
        )

    def limit(self, scope: Scope) -> float | None:
        value: float | None = getattr(self, scope)
        return value

    @property
    def shared(self) -> bool:
        """Whether any scope kept by a :class:`Budget` has a limit."""
        return any(self.limit(scope) is not None for scope in SHARED_SCOPES)


UNLIMITED = SpendLimits()


def _first(value: float | None, default: float | None) -> float | None:
    return default if value is None else value


@dataclass(frozen=True, kw_only=True, slots=True)
class Charge:
    """One model call about to be made, and what it may cost at most.

    Attributes:
        id: unique per call; the ledger's row id.
        run_id: the run making the call.
        agent: the agent calling (its name, not its team path).
        model: the model asked, ``provider:model``.
        estimate_usd: the worst case: prompt tokens plus ``max_output_tokens``, priced.
        limits: the limits in force for this call.
        conversation_id: the conversation, if the run belongs to one.
        at: when the call was made (Unix seconds), which picks its day and month.
    """

    id: str
    run_id: str
    agent: str
    model: str
    estimate_usd: float
    limits: SpendLimits
    conversation_id: str | None = None
    at: float = field(default_factory=time.time)


@runtime_checkable
class Budget(Protocol):
    """Keeps the scopes that concurrent runs share (see the module docstring)."""

    async def reserve(self, charge: Charge) -> None:
        """Hold the charge's estimate in every limited shared scope, or hold nothing.

        Raises:
            BudgetExceeded: a scope would pass its limit; its fields say which and by what.
        """
        ...

    async def settle(self, charge: Charge, *, model: str, usage: Usage, cost_usd: float) -> None:
        """The call answered: record its real cost and free its reservation."""
        ...

    async def release(self, charge: Charge) -> None:
        """The call failed: free its reservation, spending nothing."""
        ...


def scope_keys(charge: Charge) -> dict[Scope, str]:
    """The shared scopes this charge falls in, each as a counter key."""
    day = time.strftime("%Y-%m-%d", time.gmtime(charge.at))
    keys: dict[Scope, str] = {
        "agent_day": f"agent:{charge.agent}:{day}",
        "tenant_day": f"day:{day}",
        "tenant_month": f"month:{day[:7]}",
    }
    if charge.conversation_id is not None:
        keys["conversation"] = f"conversation:{charge.conversation_id}"
    return keys


def to_nano(usd: float) -> int:
    """Dollars as whole nano-dollars, rounding up so an estimate is never an underestimate."""
    return math.ceil(usd * NANO - 1e-6)


def exceeded(
    scope: Scope, *, limit: float, spent: float, estimate: float, agent: str, run_id: str
) -> BudgetExceeded:
    """The error for a call refused at ``scope``, saying how to let it through."""
    where = {
        "turn": "this turn",
        "run": "this run",
        "conversation": "this conversation",
        "agent_day": f"agent {agent!r} today",
        "tenant_day": "the tenant today",
        "tenant_month": "the tenant this month",
    }[scope]
    setting = {
        "turn": "budget.per_turn_usd",
        "run": "budget.per_run_usd",
        "conversation": "budget.per_conversation_usd",
        "agent_day": "budget.per_day_usd",
        "tenant_day": "the tier's per_day budget",
        "tenant_month": "the tier's per_month budget",
    }[scope]
    return BudgetExceeded(
        f"{where} has spent ${spent:.6f} of its ${limit:.6f} {scope} budget, and the next "
        f"call of {agent!r} could cost ${estimate:.6f}; raise {setting}, lower "
        "max_output_tokens, or use a cheaper model",
        run_id=run_id,
        scope=scope,
        limit_usd=limit,
        spent_usd=spent,
        estimate_usd=estimate,
    )


class MemoryBudget:
    """The shared scopes of one process's runs, in memory: library use and tests.

    Args:
        clock: Unix seconds, for the day and month of settlements.
    """

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._spent: dict[str, int] = {}
        self._reserved: dict[str, int] = {}
        self._holds: dict[str, tuple[int, tuple[str, ...]]] = {}
        self.clock = clock

    def spent(self, key: str) -> float:
        """USD settled in a counter key (see :func:`scope_keys`)."""
        return self._spent.get(key, 0) / NANO

    async def reserve(self, charge: Charge) -> None:
        amount = to_nano(charge.estimate_usd)
        held: list[str] = []
        for scope, key in scope_keys(charge).items():
            limit = charge.limits.limit(scope)
            if limit is None:
                continue
            used = self._spent.get(key, 0) + self._reserved.get(key, 0)
            if used + amount > to_nano(limit):
                raise exceeded(
                    scope,
                    limit=limit,
                    spent=used / NANO,
                    estimate=charge.estimate_usd,
                    agent=charge.agent,
                    run_id=charge.run_id,
                )
            held.append(key)
        for key in held:
            self._reserved[key] = self._reserved.get(key, 0) + amount
        self._holds[charge.id] = (amount, tuple(held))

    async def settle(self, charge: Charge, *, model: str, usage: Usage, cost_usd: float) -> None:
        await self.release(charge)
        cost = round(cost_usd * NANO)
        for key in scope_keys(charge).values():
            self._spent[key] = self._spent.get(key, 0) + cost

    async def release(self, charge: Charge) -> None:
        amount, keys = self._holds.pop(charge.id, (0, ()))
        for key in keys:
            self._reserved[key] -= amount
