"""Each run's oversight on the server: the tenant's approver, budgets and the guard.

:class:`Overseer` builds, for a run about to execute, the :class:`Oversight` its engine loop
obeys: approvals decided by people through the store, limits from the tenant's tier under
the agent's and the run's own, a :class:`LedgerBudget` for the shared scopes and the cost
ledger, and the guard.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import RunRecord
from conclave.adapters.store.repositories import TenantRepository
from conclave.engine.approvals import Approver
from conclave.engine.budget import SpendLimits
from conclave.engine.oversight import ApprovalPolicy, Oversight
from conclave.services.allowances import Allowances
from conclave.services.budgets import HOLD_SECONDS, LedgerBudget, tier_limits
from conclave.services.tiers import Tiers

__all__ = ["Overseer", "run_limits"]

_TIER_SECONDS = 10.0  # a tenant's tier change reaches new runs within this long

if TYPE_CHECKING:
    from conclave.engine.guard import Guard


def run_limits(values: dict[str, float] | None) -> SpendLimits:
    """A run's stored limits (USD by scope name) as the engine's."""
    return SpendLimits(**values) if values else SpendLimits()


class Overseer:
    """Builds each run's oversight (see the module docstring).

    Args:
        database: the store, for tenants, approvals and the ledger.
        tiers: the tiers whose budgets are the defaults.
        approvers: the approver of a tenant's runs.
        guard: screens tool results and model output; ``None`` screens nothing.
        policy: which actions wait for a person.
        spike_share: the share of the daily budget above which a turn is a spike.
    """

    def __init__(
        self,
        database: Database,
        *,
        tiers: Tiers,
        approvers: Callable[[str], Approver],
        guard: Guard | None = None,
        policy: ApprovalPolicy | None = None,
        spike_share: float = 0.10,
    ) -> None:
        self._database = database
        self._tenants = TenantRepository(database.engine)
        self._tiers = tiers
        self._approvers = approvers
        self._defaults: dict[str, tuple[float, SpendLimits]] = {}
        self.allowances = Allowances(database, hold_seconds=HOLD_SECONDS)
        self.guard = guard
        self.policy = policy or ApprovalPolicy()
        self.spike_share = spike_share

    async def watch(self, record: RunRecord) -> tuple[Oversight, LedgerBudget]:
        """The oversight of ``record``'s run, and its budget (whose settlements the run's
        writer stores)."""
        team = record.target if record.target_kind == "team" else None
        budget = LedgerBudget(self.allowances, tenant_id=record.tenant_id, team=team)
        oversight = Oversight(
            approver=self._approvers(record.tenant_id),
            budget=budget,
            limits=run_limits(record.limits),
            defaults=await self._tier_defaults(record.tenant_id),
            policy=self.policy,
            guard=self.guard,
            conversation_id=record.conversation_id,
            spike_share=self.spike_share,
        )
        return oversight, budget

    async def _tier_defaults(self, tenant_id: str) -> SpendLimits:
        """The tenant's tier budgets, read at most every few seconds."""
        now = time.monotonic()
        cached = self._defaults.get(tenant_id)
        if cached is not None and now - cached[0] < _TIER_SECONDS:
            return cached[1]
        tenant = await self._tenants.get(tenant_id)
        limits = tier_limits(self._tiers.get(tenant.tier).budgets)
        if len(self._defaults) > 10_000:
            self._defaults.clear()
        self._defaults[tenant_id] = (now, limits)
        return limits
