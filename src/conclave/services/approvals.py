"""Durable approvals: a run waits in the store for a decision made by another request.

:class:`StoreApprover` is the server's :class:`~conclave.engine.approvals.Approver`. Asked
to decide, it records the approval in the store, marks the run ``waiting``, announces
``approval.requested`` on the bus and waits. :func:`decide_approval`, which the API calls,
records the decision and announces ``approval.decided``. The row is the truth; the bus
message only wakes the waiter early, and a poll of the row every ``poll_seconds`` catches a
decision made by a process that shares the database but not the bus.

Messages go on ``conclave.events`` under ``approval.requested`` and ``approval.decided``,
with a JSON payload naming the tenant, the run and the approval.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from conclave.adapters.bus import EVENTS, Bus, BusMessage, Subscription
from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import ApprovalRecord
from conclave.adapters.store.repositories import ApprovalRepository, RunRepository
from conclave.adapters.store.runlog import SqlRunLog
from conclave.engine.approvals import ApprovalDecision, ApprovalRequest
from conclave.engine.events import ApprovalRequested
from conclave.engine.runlog import read_all
from conclave.errors import NotFound, UserError, VersionConflict

__all__ = ["APPROVAL_DECIDED", "APPROVAL_REQUESTED", "StoreApprover", "decide_approval"]

APPROVAL_REQUESTED = "approval.requested"
APPROVAL_DECIDED = "approval.decided"
_SYSTEM = "system"


class StoreApprover:
    """An approver whose decisions are made by people, through the store and the bus.

    Args:
        database: the store holding the runs and their approvals.
        bus: where requests are announced and decisions are heard.
        tenant_id: the tenant whose runs this approver serves.
        poll_seconds: how often to read the approval again when no bus message comes.
        timeout_seconds: deny an approval left undecided this long; ``None`` waits forever.
    """

    __slots__ = ("_approvals", "_bus", "_runs", "poll_seconds", "tenant_id", "timeout_seconds")

    def __init__(
        self,
        database: Database,
        bus: Bus,
        *,
        tenant_id: str,
        poll_seconds: float = 1.0,
        timeout_seconds: float | None = None,
    ) -> None:
        if poll_seconds <= 0:
            raise UserError(f"poll_seconds must be more than 0, not {poll_seconds}")
        if timeout_seconds is not None and timeout_seconds <= 0:
            raise UserError(f"timeout_seconds must be more than 0 or None, not {timeout_seconds}")
        self._approvals = ApprovalRepository(database.engine, tenant_id)
        self._runs = RunRepository(database.engine, tenant_id)
        self._bus = bus
        self.tenant_id = tenant_id
        self.poll_seconds = poll_seconds
        self.timeout_seconds = timeout_seconds

    async def decide(self, request: ApprovalRequest) -> ApprovalDecision:
        """Record the request, then wait for a person's decision (or the timeout's denial).

        Asked again for an approval already decided (after a restart), it returns that
        decision at once.

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
            return await self._approvals.get(request.approval_id)
        details = dict(request.details)
        try:
            return await self._approvals.create(
                request.approval_id, request.run_id, request.step, request.prompt, details=details
            )
        except VersionConflict:  # created by another executor a moment ago
            return await self._approvals.get(request.approval_id)

    async def _wait_for(self, request: ApprovalRequest, messages: Subscription) -> ApprovalRecord:
        """Mark the run waiting, announce the request, wait; then mark the run running."""
        await self._runs.set_status(request.run_id, "waiting")
        try:
            await self._bus.publish(
                EVENTS, APPROVAL_REQUESTED, self._requested(request), headers=self._headers()
            )
            return await self._wait(request.approval_id, messages)
        finally:
            await self._resume(request.run_id)

    async def _wait(self, approval_id: str, messages: Subscription) -> ApprovalRecord:
        """Read the row after every wake-up (a message or a poll) until it is decided."""
        loop = asyncio.get_running_loop()
        deadline = None if self.timeout_seconds is None else loop.time() + self.timeout_seconds
        while True:
            record = await self._approvals.get(approval_id)
            if record.status != "pending":
                return record
            left = self.poll_seconds if deadline is None else deadline - loop.time()
            if left <= 0:
                return await self._expire(approval_id)
            await self._heard(approval_id, messages, min(left, self.poll_seconds))

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

    async def _expire(self, approval_id: str) -> ApprovalRecord:
        """Deny an approval nobody decided in time, unless a person just did."""
        comment = f"no decision within {self.timeout_seconds:g}s; denied"
        try:
            record = await self._approvals.decide(
                approval_id, granted=False, by=_SYSTEM, comment=comment
            )
        except VersionConflict:
            return await self._approvals.get(approval_id)
        await self._bus.publish(EVENTS, APPROVAL_DECIDED, _decided(record), headers=self._headers())
        return record

    async def _resume(self, run_id: str) -> None:
        """Mark the run running again, unless another of its gates still waits."""
        pending = await self._approvals.list(status="pending", run_id=run_id, limit=1)
        if pending.total:
            return
        # A run cancelled while it waited stays cancelled; its executor sees that itself.
        with contextlib.suppress(VersionConflict):
            await self._runs.set_status(run_id, "running")

    def _requested(self, request: ApprovalRequest) -> dict[str, Any]:
        return {
            "tenant_id": self.tenant_id,
            "run_id": request.run_id,
            "approval_id": request.approval_id,
            "step": request.step,
            "prompt": request.prompt,
            "details": dict(request.details),
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
        comment: why, shown to the run.
        run_id: when given, the approval must belong to this run (as in the API's path).

    Raises:
        NotFound: the tenant has no such approval (or not in that run).
        VersionConflict: it was already decided; a decision cannot be changed.
    """
    approvals = ApprovalRepository(database.engine, tenant_id)
    try:
        found = await approvals.get(approval_id)
    except NotFound:
        if run_id is None:
            raise
        found = await _from_log(database, approvals, tenant_id, run_id, approval_id)
    if run_id is not None and found.run_id != run_id:
        raise NotFound(
            f"approval {approval_id!r} not found in run {run_id!r}",
            kind="approval",
            name=approval_id,
        )
    record = await approvals.decide(approval_id, granted=granted, by=by, comment=comment)
    await bus.publish(EVENTS, APPROVAL_DECIDED, _decided(record), headers={"tenant_id": tenant_id})
    return record


async def _from_log(
    database: Database,
    approvals: ApprovalRepository,
    tenant_id: str,
    run_id: str,
    approval_id: str,
) -> ApprovalRecord:
    """The approval's row, made from the run's ``approval.requested`` event.

    The event is stored, and streamed, a moment before the waiting run stores the row; a
    person who decides at once, from the stream, must not be told it does not exist.

    Raises:
        NotFound: the run asked for no such approval.
    """
    log = SqlRunLog(database, tenant_id=tenant_id)
    try:
        events = await read_all(log, run_id)
    except NotFound:
        events = []
    asked = next(
        (e for e in events if isinstance(e, ApprovalRequested) and e.approval_id == approval_id),
        None,
    )
    if asked is None:
        raise NotFound(
            f"approval {approval_id!r} not found in run {run_id!r}",
            kind="approval",
            name=approval_id,
        )
    try:
        return await approvals.create(
            approval_id, run_id, asked.step, asked.prompt, details=dict(asked.details)
        )
    except VersionConflict:  # the run stored it meanwhile
        return await approvals.get(approval_id)


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
