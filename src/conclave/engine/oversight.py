"""Oversight: what watches over a run from inside its loop.

An :class:`Oversight` travels with a run's recorder, into every agent turn and team step:

- ``approver`` decides the actions a person must allow (see :class:`ApprovalPolicy`);
- ``budget`` keeps the spending scopes that runs share, and the limits say how much each
  scope may spend (see :mod:`conclave.engine.budget`);
- ``guard`` screens what enters the run from outside (tool results, documents) and what the
  model writes, before the next model call or the reply.

The default watches nothing beyond the agent's own spec: library use pays for nothing it did
not ask for. The server gives every run the tenant's oversight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from conclave.engine.approvals import Approver, DenyingApprover
from conclave.engine.budget import UNLIMITED, Budget, SpendLimits

if TYPE_CHECKING:
    from conclave.engine.guard import Guard
    from conclave.engine.tools import Tool

__all__ = ["DEFAULT_GATED_TAGS", "ApprovalPolicy", "Oversight"]

# Tool tags whose calls wait for a person unless a policy says otherwise.
DEFAULT_GATED_TAGS = frozenset({"sensitive", "deployment", "trade"})
Role = Literal["viewer", "operator", "admin", "platform"]


@dataclass(frozen=True, kw_only=True, slots=True)
class ApprovalPolicy:
    """Which actions of a run wait for a person, who may decide them, and for how long.

    Attributes:
        tools: tool names whose every call needs approval, beside tools that say so
            themselves (``requires_approval``).
        tags: tool tags whose calls need approval.
        cost_above_usd: a model call estimated above this needs approval.
        over_budget: when a call would pass a budget, ``stop`` the run, or ``ask`` a person
            whether to make it anyway.
        roles: the role needed to decide, by tag or by kind (``tool``, ``budget``, ``cost``,
            ``gate``, ``uncertain``); ``operator`` where none is named.
        timeout_seconds: how long a request may wait; ``None`` waits until decided.
        on_timeout: ``deny`` the request, or ``escalate`` it to the next role up.
    """

    tools: frozenset[str] = frozenset()
    tags: frozenset[str] = DEFAULT_GATED_TAGS
    cost_above_usd: float | None = None
    over_budget: Literal["stop", "ask"] = "stop"
    roles: Mapping[str, Role] = field(default_factory=lambda: MappingProxyType({}))
    timeout_seconds: float | None = None
    on_timeout: Literal["deny", "escalate"] = "deny"

    def gates(self, tool: Tool) -> str | None:
        """Why a call of ``tool`` needs approval, or ``None`` if it does not."""
        if tool.requires_approval:
            return "the tool requires approval"
        if tool.name in self.tools:
            return "the approval policy names this tool"
        tagged = sorted(self.tags.intersection(tool.tags))
        if tagged:
            return "the tool is tagged " + ", ".join(tagged)
        return None

    def role_for(self, kind: str, tags: frozenset[str] | tuple[str, ...] = ()) -> Role:
        """The role needed to decide a request of ``kind`` about a tool tagged ``tags``:
        the highest any of them names."""
        order = ("viewer", "operator", "admin", "platform")
        named = [self.roles[key] for key in (kind, *tags) if key in self.roles]
        return max(named, key=order.index) if named else "operator"


@dataclass(frozen=True, kw_only=True, slots=True)
class Oversight:
    """What watches over one run (see the module docstring).

    Attributes:
        approver: decides approval requests.
        budget: keeps the shared spending scopes; ``None`` keeps none.
        limits: the run's own limits (a request's overrides); they win over an agent's.
        defaults: the limits where neither the run nor the agent sets one (a tier's).
        policy: which actions need approval.
        guard: screens tool results and model output; ``None`` screens nothing.
        conversation_id: the conversation the run belongs to, for its budget scope.
        spike_share: a turn costing more than this share of the daily budget raises
            ``budget.spike``.
    """

    approver: Approver = field(default_factory=DenyingApprover)
    budget: Budget | None = None
    limits: SpendLimits = UNLIMITED
    defaults: SpendLimits = UNLIMITED
    policy: ApprovalPolicy = field(default_factory=ApprovalPolicy)
    guard: Guard | None = None
    conversation_id: str | None = None
    spike_share: float = 0.10

    @property
    def watches_spending(self) -> bool:
        """Whether any call of the run is checked or recorded beyond its agent's own limits."""
        return (
            self.budget is not None
            or self.limits is not UNLIMITED
            or self.defaults is not UNLIMITED
            or self.policy.cost_above_usd is not None
        )

    def limits_for(self, agent: SpendLimits | None) -> SpendLimits:
        """The limits in force for an agent's call: the run's, then the agent's, then the
        defaults."""
        own = self.limits if agent is None else self.limits.over(agent)
        return own.over(self.defaults)


NO_OVERSIGHT = Oversight()
