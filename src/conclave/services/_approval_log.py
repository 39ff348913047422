"""An approval's row made from its run's log, for a decision that comes before the row.

The run stores (and streams) its ``approval.requested`` event a moment before its approver
stores the row; a person who decides at once, from the stream, must not be told it does
not exist.
"""

from __future__ import annotations

import asyncio
import contextlib

from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import ApprovalRecord
from conclave.adapters.store.repositories import ApprovalRepository
from conclave.adapters.store.runlog import SqlRunLog
from conclave.engine.events import ApprovalRequested
from conclave.engine.runlog import read_all
from conclave.errors import NotFound, VersionConflict

__all__ = ["ROW_WAIT_SECONDS", "from_log"]

ROW_WAIT_SECONDS = 3.0
"""How long to wait for the run's own row when its log does not say who may decide."""
_ROW_POLL_SECONDS = 0.05


async def from_log(
    database: Database, approvals: ApprovalRepository, run_id: str, approval_id: str
) -> ApprovalRecord:
    """The approval's row, made from the run's ``approval.requested`` event if need be.

    The event names the kind, and the role that may decide when it says so. A workflow
    gate whose event names no role takes the default, ``operator``; for any other kind the
    row the run itself stores is awaited, so that nobody decides under a role guessed
    too low.

    Raises:
        NotFound: the run asked for no such approval, or did not store it in time.
    """
    asked = await _asked(database, approvals.tenant_id, run_id, approval_id)
    details = dict(asked.details)
    kind = str(details.get("kind", "gate"))
    role = details.get("required_role", "operator" if kind == "gate" else None)
    if role is None:
        return await _stored_soon(approvals, approval_id)
    try:
        return await approvals.create(
            approval_id, run_id, asked.step, asked.prompt, details=details,
            kind=kind, required_role=str(role),
        )  # fmt: skip
    except VersionConflict:  # the run stored it meanwhile
        return await approvals.get(approval_id)


async def _asked(
    database: Database, tenant_id: str, run_id: str, approval_id: str
) -> ApprovalRequested:
    """The run's request of the approval.

    Raises:
        NotFound: the tenant has no such run, or the run asked for no such approval.
    """
    try:
        events = await read_all(SqlRunLog(database, tenant_id=tenant_id), run_id)
    except NotFound:
        events = []
    for event in events:
        if isinstance(event, ApprovalRequested) and event.approval_id == approval_id:
            return event
    raise NotFound(
        f"approval {approval_id!r} not found in run {run_id!r}", kind="approval", name=approval_id
    )


async def _stored_soon(approvals: ApprovalRepository, approval_id: str) -> ApprovalRecord:
    """The row the run stores, within :data:`ROW_WAIT_SECONDS`.

    Raises:
        NotFound: it was not stored in time.
    """
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(ROW_WAIT_SECONDS):
            while True:
                with contextlib.suppress(NotFound):
                    return await approvals.get(approval_id)
                await asyncio.sleep(_ROW_POLL_SECONDS)
    raise NotFound(
        f"approval {approval_id!r} is not stored yet; try again in a moment",
        kind="approval",
        name=approval_id,
    )
