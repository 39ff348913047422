"""The approver seam: who decides when a run must wait for a human.

A workflow gate (and, later, a tool that requires approval) asks an :class:`Approver`. The
terminal asks a person; with nobody to ask, :class:`DenyingApprover` says no and says why;
tests script decisions with :class:`ScriptedApprover`. The server plugs its own approver
into the same seam.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True, kw_only=True, slots=True)
class ApprovalRequest:
    """What a human is asked to decide.

    Attributes:
        approval_id: unique in the run, and the same when a resumed run asks again.
        run_id: the run that waits.
        step: what asks: a workflow step, ``tool:<name>``, ``budget``...
        prompt: the question, for a person.
        details: what the person needs to decide (arguments, amounts...).
        kind: ``gate``, ``tool``, ``budget``, ``cost`` or ``uncertain``.
        required_role: the least role that may decide it.
        timeout_seconds: how long it may wait; ``None`` waits until decided.
        on_timeout: ``deny`` it, or ``escalate`` it to the next role up.
    """

    approval_id: str
    run_id: str
    step: str
    prompt: str
    details: Mapping[str, Any] = field(default_factory=dict)
    kind: str = "gate"
    required_role: str = "operator"
    timeout_seconds: float | None = None
    on_timeout: str = "deny"


@dataclass(frozen=True, kw_only=True, slots=True)
class ApprovalDecision:
    granted: bool
    by: str
    comment: str = ""


@runtime_checkable
class Approver(Protocol):
    """Decides approval requests; may take as long as a human needs."""

    async def decide(self, request: ApprovalRequest) -> ApprovalDecision: ...


class DenyingApprover:
    """The approver when nobody can be asked: every request is denied, saying how to decide."""

    async def decide(self, request: ApprovalRequest) -> ApprovalDecision:
        return ApprovalDecision(
            granted=False,
            by="system",
            comment=(
                f"nobody was there to approve {request.step!r}; run it in a terminal with "
                "`conclave run`, or through the server, where a person can decide"
            ),
        )


class ScriptedApprover:
    """Decides from a script of booleans or decisions, in order; records what it was asked."""

    def __init__(self, decisions: Iterable[bool | ApprovalDecision]) -> None:
        self._decisions = deque(decisions)
        self.requests: list[ApprovalRequest] = []

    async def decide(self, request: ApprovalRequest) -> ApprovalDecision:
        self.requests.append(request)
        if not self._decisions:
            raise AssertionError(f"no scripted decision left for approval {request.step!r}")
        decision = self._decisions.popleft()
        if isinstance(decision, ApprovalDecision):
            return decision
        return ApprovalDecision(granted=decision, by="script")
