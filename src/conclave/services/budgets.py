"""The server's budget: the shared spending scopes and the cost ledger, in SQL.

:class:`LedgerBudget` is one run's :class:`~conclave.engine.budget.Budget`:

- ``reserve`` draws a call's estimate from the process's allowance in its limited scopes,
  which grows, when it has too little, by a reservation in every scope at once, atomic
  across processes (see :mod:`conclave.services.allowances`);
- ``settle`` does not write at once: it queues the ledger row, the spend and the freed hold
  for the transaction that stores the run's next events (:meth:`take`), so pricing a call
  costs no transaction of its own;
- a call that costs nothing (a local model) reserves nothing.

:func:`tier_limits` turns a tier's budgets into the engine's default limits.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from functools import partial
from typing import Any

from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories import spend
from conclave.adapters.store.runlog import StoreWork, in_order
from conclave.engine.budget import (
    NANO,
    SHARED_SCOPES,
    Charge,
    SpendLimits,
    exceeded,
    scope_keys,
    to_nano,
)
from conclave.engine.messages import Usage
from conclave.services.allowances import Allowances, Draw
from conclave.services.tiers import TierBudgets

__all__ = ["HOLD_SECONDS", "LedgerBudget", "sweep_holds", "tier_limits"]

# A hold this old belongs to a process that died: it lapses (allowances are given back
# well before, see conclave.services.allowances).
HOLD_SECONDS = 900.0


def tier_limits(budgets: TierBudgets) -> SpendLimits:
    """A tier's budgets as default limits; a zero means no limit."""
    return SpendLimits(
        turn=float(budgets.per_turn) or None,
        run=float(budgets.per_run) or None,
        tenant_day=float(budgets.per_day) or None,
        tenant_month=float(budgets.per_month) or None,
    )


class LedgerBudget:
    """One run's spending, kept in the store (see the module docstring).

    Args:
        allowances: the process's allowances, which calls draw on.
        tenant_id: whose money it is.
        team: the team the run belongs to, for the ledger.
    """

    __slots__ = ("_allowances", "_held", "_queued", "team", "tenant_id")

    def __init__(self, allowances: Allowances, *, tenant_id: str, team: str | None = None) -> None:
        self._allowances = allowances
        self.tenant_id = tenant_id
        self.team = team
        self._queued: list[StoreWork] = []
        # What this run's calls drew, by charge, until they settle.
        self._held: dict[str, Draw] = {}

    async def reserve(self, charge: Charge) -> None:
        limits = _limited(charge)
        if not limits or charge.estimate_usd <= 0:
            return
        estimate = to_nano(charge.estimate_usd)
        try:
            draw = await self._allowances.draw(self.tenant_id, charge.run_id, limits, estimate)
        except spend.Refused as refused:
            raise exceeded(
                refused.limit.scope,  # type: ignore[arg-type]
                limit=refused.limit.limit_nano / NANO,
                spent=refused.used_nano / NANO,
                estimate=charge.estimate_usd,
                agent=charge.agent,
                run_id=charge.run_id,
            ) from None
        self._held[charge.id] = draw

    async def settle(self, charge: Charge, *, model: str, usage: Usage, cost_usd: float) -> None:
        ledger = self._ledger_row(charge, model, usage, cost_usd)
        draw = self._held.pop(charge.id, None)
        hold = None if draw is None else self._allowances.settle(draw, ledger["cost_nano"])
        self._queued.append(partial(spend.settle, ledger=ledger, now=datetime.now(UTC), hold=hold))

    async def release(self, charge: Charge) -> None:
        draw = self._held.pop(charge.id, None)
        if draw is not None:
            self._allowances.release(draw)

    def take(self) -> StoreWork | None:
        """The settlements queued since the last call, as one piece of store work."""
        if not self._queued:
            return None
        queued, self._queued = self._queued, []
        return in_order(queued)

    def _ledger_row(
        self, charge: Charge, model: str, usage: Usage, cost_usd: float
    ) -> dict[str, Any]:
        return {
            "id": charge.id,
            "tenant_id": self.tenant_id,
            "run_id": charge.run_id,
            "conversation_id": charge.conversation_id,
            "agent": charge.agent,
            "team": self.team,
            "model": model,
            "input_tokens": usage.input_tokens,
            "output_tokens": usage.output_tokens,
            "cost_nano": round(cost_usd * NANO),
            "estimate_nano": to_nano(charge.estimate_usd),
            "day": time.strftime("%Y-%m-%d", time.gmtime(charge.at)),
            "at": datetime.fromtimestamp(charge.at, UTC),
        }


async def sweep_holds(database: Database) -> int:
    """Give back the reservations of calls whose process died; how many there were."""
    return await database.run(partial(spend.sweep_expired, now=datetime.now(UTC)))


def _limited(charge: Charge) -> list[spend.ScopeLimit]:
    keys = scope_keys(charge)
    found = []
    for scope in SHARED_SCOPES:
        limit = charge.limits.limit(scope)
        if limit is not None and scope in keys:
            found.append(spend.ScopeLimit(scope=scope, key=keys[scope], limit_nano=to_nano(limit)))
    return found
