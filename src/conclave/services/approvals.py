"""Durable approvals: a run waits in the store for a decision made by another request.

:class:`StoreApprover` is the server's :class:`~conclave.engine.approvals.Approver`. Asked
to decide, it records the approval in the store (with its kind, the least role that may
decide it, and its deadline), marks the run ``waiting``, announces ``approval.requested`` on
the bus and waits. :func:`decide_approval`, which the API calls, checks the caller's role,
records the decision and announces ``approval.decided``. The row is the truth; the bus
message only wakes the waiter early, and a poll of the row every ``poll_seconds`` catches a
decision made by a process that shares the database but not the bus.

A deadline is stored as a time (``expires_at``), so a run resumed after a crash keeps the
one it had. When it passes, the approval is denied by ``system``, or, when it says
``escalate``, handed to the next role up (operator, admin, platform) with a new deadline,
announced as ``approval.escalated`` and posted to the approval webhook if one is set. At
platform there is nobody above, and it is denied. Each of these is a conditional update of
a row still pending, so a person deciding at the same moment wins or loses cleanly.

Messages go on ``conclave.events`` under ``approval.requested``, ``approval.decided`` and
``approval.escalated``, with a JSON payload naming the tenant, the run and the approval.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

from conclave.adapters.bus import EVENTS, Bus, BusMessage, Subscription
from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import ApprovalRecord, Page
from conclave.adapters.store.repositories import ApprovalRepository, RunRepository
from conclave.engine.approvals import ApprovalDecision, ApprovalRequest
from conclave.errors import NotFound, PermissionDenied, UserError, VersionConflict
from conclave.services._approval_log import from_log
from conclave.services._webhooks import Webhook
from conclave.services.auth import Role

__all__ = [
    "APPROVAL_DECIDED",
    "APPROVAL_ESCALATED",
    "APPROVAL_REQUESTED",
    "StoreApprover",
    "decide_approval",
    "get_approval",
    "list_approvals",
    "next_role",
]

APPROVAL_REQUESTED = "approval.requested"
APPROVAL_DECIDED = "approval.decided"
APPROVAL_ESCALATED = "approval.escalated"
_SYSTEM = "system"


class StoreApprover:
    """An approver whose decisions are made by people, through the store and the bus.

    Args:
        database: the store holding the runs and their approvals.
        bus: where requests are announced and decisions are heard.
        tenant_id: the tenant whose runs this approver serves.
        poll_seconds: how often to read the approval again when no bus message comes.
        timeout_seconds: the deadline of requests that set none; ``None`` waits forever.
        webhook_url: where each escalation is also posted as JSON; ``None`` posts nowhere.
    """

    __slots__ = (
        "_approvals",
        "_bus",
        "_runs",
        "_webhook",
        "poll_seconds",
        "tenant_id",
        "timeout_seconds",
    )

    def __init__(
        self,
        database: Database,
        bus: Bus,
        *,
        tenant_id: str,
        poll_seconds: float = 1.0,
        timeout_seconds: float | None = None,
        webhook_url: str | None = None,
    ) -> None:
        if poll_seconds <= 0:
            raise UserError(f"poll_seconds must be more than 0, not {poll_seconds}")
        if timeout_seconds is not None and timeout_seconds <= 0:
            raise UserError(f"timeout_seconds must be more than 0 or None, not {timeout_seconds}")
        self._approvals = ApprovalRepository(database.engine, tenant_id)
        self._runs = RunRepository(database.engine, tenant_id)
        self._bus = bus
        self._webhook = Webhook(webhook_url) if webhook_url else None
        self.tenant_id = tenant_id
        self.poll_seconds = poll_seconds
        self.timeout_seconds = timeout_seconds

    async def decide(self, request: ApprovalRequest) -> ApprovalDecision:
        """Record the request, then wait for a person's decision (or the deadline's).

        Asked again for an approval already decided (after a restart), it returns that
        decision at once; asked again for one still pending, it keeps the stored deadline.

        Raises:
            NotFound: the tenant has no run with the request's ``run_id``.
        """
        # Subscribed before the row is read, so a decision made in between is not missed.
        async with self._bus.subscribe(EVENTS, APPROVAL_DECIDED) as messages:
            record = await self._ensure(request)
            if record.status == "pending":
                record = await self._wait_for(request, messages)
        return _decision(record)

    async def _ensure(self, request: ApprovalRequest) -> ApprovalRecord:
        """The approval's row: the one stored under its id, or a new one."""
        with contextlib.suppress(NotFound):
            return await self._adopt(request, await self._approvals.get(request.approval_id))
        try:
            return await self._approvals.create(
                request.approval_id,
                request.run_id,
                request.step,
                request.prompt,
                details=dict(request.details),
                kind=request.kind,
                required_role=request.required_role,
                expires_at=self._deadline(request, _now()),
                on_timeout=request.on_timeout,
            )
        except VersionConflict:  # created by another executor a moment ago
            return await self._approvals.get(request.approval_id)

    async def _adopt(self, request: ApprovalRequest, record: ApprovalRecord) -> ApprovalRecord:
        """A stored row, given the request's deadline if it has none: a row made from the
        run's log, by a decision that came before the run stored it, has none."""
        expires_at = self._deadline(request, _now())
        if record.status != "pending" or record.expires_at is not None or expires_at is None:
            return record
        adopted = await self._approvals.set_deadline(
            record.id, expires_at=expires_at, on_timeout=request.on_timeout
        )
        return adopted or await self._approvals.get(record.id)

    async def _wait_for(self, request: ApprovalRequest, messages: Subscription) -> ApprovalRecord:
        """Mark the run waiting, announce the request, wait; then mark the run running."""
        await self._runs.set_status(request.run_id, "waiting")
        try:
            await self._bus.publish(
                EVENTS, APPROVAL_REQUESTED, self._requested(request), headers=self._headers()
            )
            return await self._wait(request, messages)
        finally:
            await self._resume(request.run_id)

    async def _wait(self, request: ApprovalRequest, messages: Subscription) -> ApprovalRecord:
        """Read the row after every wake-up (a message, a poll or its deadline) until it is
        decided; past its deadline, deny or escalate it."""
        while True:
            record = await self._approvals.get(request.approval_id)
            if record.status != "pending":
                return record
            left = _seconds_left(record)
            if left is not None and left <= 0:
                await self._overdue(request, record)
                continue
            wait = self.poll_seconds if left is None else min(left, self.poll_seconds)
            await self._heard(request.approval_id, messages, wait)

    async def _heard(self, approval_id: str, messages: Subscription, seconds: float) -> None:
        """Return when a decision of this approval is announced, or after ``seconds``."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(seconds):
                async for message in messages:
                    if self._about(message, approval_id):
                        return
                # The bus closed: polling alone must do, without spinning.
                await asyncio.sleep(seconds)

    def _about(self, message: BusMessage, approval_id: str) -> bool:
        payload = message.payload
        return (
            payload.get("tenant_id") == self.tenant_id and payload.get("approval_id") == approval_id
        )

    async def _overdue(self, request: ApprovalRequest, record: ApprovalRecord) -> None:
        """Escalate or deny an approval past its deadline, unless someone just did (a person
        deciding, or another process escalating): the caller reads the row again."""
        now = _now()
        role = next_role(record.required_role) if record.on_timeout == "escalate" else None
        if role is None:
            await self._expire(request, record, now)
            return
        escalated = await self._approvals.escalate(
            record.id,
            seen=record.escalations,
            now=now,
            required_role=role,
            expires_at=self._deadline(request, now),
        )
        if escalated is not None:
            await self._escalated(escalated)

    async def _expire(
        self, request: ApprovalRequest, record: ApprovalRecord, now: datetime
    ) -> None:
        """Deny an approval nobody decided in time, and announce it."""
        comment = _late(self._timeout(request), record)
        denied = await self._approvals.expire(record.id, now=now, comment=comment)
        if denied is not None:
            headers = self._headers()
            await self._bus.publish(EVENTS, APPROVAL_DECIDED, _decided(denied), headers=headers)

    async def _escalated(self, record: ApprovalRecord) -> None:
        """Announce an escalation on the bus and to the webhook."""
        payload = _escalation(record)
        await self._bus.publish(EVENTS, APPROVAL_ESCALATED, payload, headers=self._headers())
        if self._webhook is not None:
            await self._webhook.post(payload)

    async def _resume(self, run_id: str) -> None:
        """Mark the run running again, unless another of its gates still waits."""
        pending = await self._approvals.list(status="pending", run_id=run_id, limit=1)
        if pending.total:
            return
        # A run cancelled while it waited stays cancelled; its executor sees that itself.
        with contextlib.suppress(VersionConflict):
            await self._runs.set_status(run_id, "running")

    def _timeout(self, request: ApprovalRequest) -> float | None:
        """How long the request may wait: its own limit, else this approver's."""
        return self.timeout_seconds if request.timeout_seconds is None else request.timeout_seconds

    def _deadline(self, request: ApprovalRequest, now: datetime) -> datetime | None:
        timeout = self._timeout(request)
        return None if timeout is None else now + timedelta(seconds=timeout)

    def _requested(self, request: ApprovalRequest) -> dict[str, Any]:
        return {
            "tenant_id": self.tenant_id,
            "run_id": request.run_id,
            "approval_id": request.approval_id,
            "step": request.step,
            "prompt": request.prompt,
            "details": dict(request.details),
            "kind": request.kind,
            "required_role": request.required_role,
        }

    def _headers(self) -> dict[str, str]:
        return {"tenant_id": self.tenant_id}


async def decide_approval(
    database: Database,
    bus: Bus,
    *,
    tenant_id: str,
    approval_id: str,
    granted: bool,
    by: str,
    role: Role,
    comment: str = "",
    run_id: str | None = None,
) -> ApprovalRecord:
    """Grant or deny a pending approval, and tell the run that waits for it.

    Args:
        database: the store.
        bus: where ``approval.decided`` is announced.
        tenant_id: the tenant deciding; another tenant's approval is not found.
        approval_id: the approval.
        granted: grant (``True``) or deny (``False``).
        by: who decided.
        role: the decider's role; it must allow the approval's ``required_role``.
        comment: why, shown to the run.
        run_id: when given, the approval must belong to this run (as in the API's path).

    Raises:
        NotFound: the tenant has no such approval (or not in that run).
        PermissionDenied: ``role`` is below the approval's ``required_role`` (also when it
            was escalated while this decision was made).
        VersionConflict: it was already decided; a decision cannot be changed.
    """
    approvals = ApprovalRepository(database.engine, tenant_id)
    found = await _find(database, approvals, approval_id, run_id)
    _check_role(found, role)
    # Only while it needs a role the decider has: an escalation may land in between.
    allowed = [str(r) for r in Role if role.allows(r)]
    record = await approvals.decide(
        approval_id, granted=granted, by=by, comment=comment, roles=allowed
    )
    await bus.publish(EVENTS, APPROVAL_DECIDED, _decided(record), headers={"tenant_id": tenant_id})
    return record


async def list_approvals(
    database: Database,
    *,
    tenant_id: str,
    status: str | None = "pending",
    run_id: str | None = None,
    kind: str | None = None,
    required_role: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[ApprovalRecord]:
    """A page of the tenant's approvals, oldest first; pending ones unless ``status`` is
    ``granted``, ``denied`` or ``None`` (all)."""
    approvals = ApprovalRepository(database.engine, tenant_id)
    return await approvals.list(
        status=status,
        run_id=run_id,
        kind=kind,
        required_role=required_role,
        limit=limit,
        offset=offset,
    )


async def get_approval(database: Database, *, tenant_id: str, approval_id: str) -> ApprovalRecord:
    """One of the tenant's approvals.

    Raises:
        NotFound: the tenant has no such approval.
    """
    return await ApprovalRepository(database.engine, tenant_id).get(approval_id)


async def _find(
    database: Database, approvals: ApprovalRepository, approval_id: str, run_id: str | None
) -> ApprovalRecord:
    """The approval to decide: its row, or one made from the run's log; in ``run_id``."""
    try:
        found = await approvals.get(approval_id)
    except NotFound:
        if run_id is None:
            raise
        found = await from_log(database, approvals, run_id, approval_id)
    if run_id is not None and found.run_id != run_id:
        raise NotFound(
            f"approval {approval_id!r} not found in run {run_id!r}",
            kind="approval",
            name=approval_id,
        )
    return found


def _check_role(record: ApprovalRecord, role: Role) -> None:
    """Refuse a decider whose role is below the one the approval needs."""
    needed = Role.parse(record.required_role)
    if role.allows(needed):
        return
    raised = f", escalated {record.escalations} time(s)" if record.escalations else ""
    raise PermissionDenied(
        f"approval {record.id!r} needs the {needed} role to decide ({record.kind}{raised}); "
        f"this credential is {role}: ask a member with the {needed} role",
        required=str(needed),
    )


def next_role(role: str) -> str | None:
    """The role an approval escalates to from ``role``; ``None`` above ``admin``."""
    ranks = list(Role)
    rank = Role.parse(role).rank
    return None if rank + 1 >= len(ranks) else str(ranks[rank + 1])


def _now() -> datetime:
    return datetime.now(UTC)


def _seconds_left(record: ApprovalRecord) -> float | None:
    """Seconds until the approval's deadline (negative past it); ``None`` without one."""
    if record.expires_at is None:
        return None
    return (record.expires_at - _now()).total_seconds()


def _late(timeout: float | None, record: ApprovalRecord) -> str:
    """The comment of a denial by the deadline."""
    within = "" if timeout is None else f" within {timeout:g}s"
    if record.on_timeout != "escalate":
        return f"timed out: no decision{within}; denied"
    return (
        f"timed out: no decision{within}, even after {record.escalations} escalation(s) up to "
        f"{record.required_role}; denied"
    )


def _escalation(record: ApprovalRecord) -> dict[str, Any]:
    expires_at = None if record.expires_at is None else record.expires_at.isoformat()
    return {
        "tenant_id": record.tenant_id,
        "run_id": record.run_id,
        "approval_id": record.id,
        "kind": record.kind,
        "step": record.step,
        "prompt": record.prompt,
        "required_role": record.required_role,
        "escalations": record.escalations,
        "expires_at": expires_at,
    }


def _decided(record: ApprovalRecord) -> dict[str, Any]:
    return {
        "tenant_id": record.tenant_id,
        "run_id": record.run_id,
        "approval_id": record.id,
        "step": record.step,
        "granted": record.status == "granted",
        "by": record.decided_by,
        "comment": record.comment or "",
    }


def _decision(record: ApprovalRecord) -> ApprovalDecision:
    return ApprovalDecision(
        granted=record.status == "granted",
        by=record.decided_by or _SYSTEM,
        comment=record.comment or "",
    )
