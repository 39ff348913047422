"""Approvals: what runs wait for, and the decisions that let them go on.

- ``GET /api/approvals``: the tenant's approvals, pending ones unless ``status`` says
  otherwise, filtered by run, kind or the role needed; paginated.
- ``GET /api/approvals/{approval_id}``: one.
- ``POST /api/approvals/{approval_id}``, and ``POST /api/runs/{run_id}/approvals/{approval_id}``
  (which also checks the run): grant or deny it. The caller needs the operator role, and
  at least the role the approval needs (403 names it); 404 for an approval the tenant does
  not have, 409 for one already decided.

Approval ids contain ``:`` (``<run>:tool:<call>``, ``<run>:<step>:<seq>``), which a path
segment takes as it is (or as ``%3A``). Every decision, and every decision refused for its
role, is written to the audit log.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from conclave.adapters.store.repositories import MAX_OFFSET
from conclave.api.auth import Operator, ViewerTenant
from conclave.api.deps import Services, ServicesDep
from conclave.api.schemas.approvals import ApprovalDecision, ApprovalList, ApprovalPublic
from conclave.errors import PermissionDenied
from conclave.services.access import Caller
from conclave.services.approvals import decide_approval, get_approval, list_approvals
from conclave.services.identity import acting

__all__ = ["router"]

# One router for both prefixes: the run-scoped route predates the collection.
router = APIRouter(tags=["approvals"])

Status = Literal["pending", "granted", "denied", "all"]
Kind = Literal["gate", "tool", "budget", "cost", "uncertain"]
RoleName = Literal["viewer", "operator", "admin", "platform"]
Limit = Annotated[int, Query(ge=1, le=200)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
RunId = Annotated[str | None, Query(max_length=200, description="only this run's approvals")]


@router.get("/api/approvals")
async def list_all(
    services: ServicesDep,
    tenant_id: ViewerTenant,
    status: Status = "pending",
    run_id: RunId = None,
    kind: Kind | None = None,
    required_role: RoleName | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ApprovalList:
    """A page of approvals, oldest first: pending ones unless ``status`` says otherwise."""
    page = await list_approvals(
        services.database,
        tenant_id=tenant_id,
        status=None if status == "all" else status,
        run_id=run_id,
        kind=kind,
        required_role=required_role,
        limit=limit,
        offset=offset,
    )
    return ApprovalList.of(page)


@router.get("/api/approvals/{approval_id}")
async def get_one(
    approval_id: str, services: ServicesDep, tenant_id: ViewerTenant
) -> ApprovalPublic:
    """One approval; 404 if the tenant has none with this id."""
    record = await get_approval(services.database, tenant_id=tenant_id, approval_id=approval_id)
    return ApprovalPublic.of(record)


@router.post("/api/approvals/{approval_id}")
async def decide(
    approval_id: str, decision: ApprovalDecision, services: ServicesDep, caller: Operator
) -> ApprovalPublic:
    """Grant or deny the approval; 403 below its role, 404 if unknown, 409 if decided."""
    return await _decide(services, caller, approval_id, decision, run_id=None)


@router.post("/api/runs/{run_id}/approvals/{approval_id}")
async def decide_in_run(
    run_id: str,
    approval_id: str,
    decision: ApprovalDecision,
    services: ServicesDep,
    caller: Operator,
) -> ApprovalPublic:
    """Grant or deny the run's approval; 404 if the run has no such approval, 409 if
    decided, 403 below its role."""
    return await _decide(services, caller, approval_id, decision, run_id=run_id)


async def _decide(
    services: Services,
    caller: Caller,
    approval_id: str,
    decision: ApprovalDecision,
    *,
    run_id: str | None,
) -> ApprovalPublic:
    """Decide through the service, and audit the decision or its refusal."""
    details: dict[str, object] = {"granted": decision.granted, "comment": decision.comment}
    try:
        record = await decide_approval(
            services.database, services.bus, tenant_id=caller.tenant_id, approval_id=approval_id,
            granted=decision.granted, by=decision.by or _who(caller), role=caller.role,
            comment=decision.comment, run_id=run_id,
        )  # fmt: skip
    except PermissionDenied as error:
        refused = {**details, "run_id": run_id, "required": error.fields.get("required")}
        await _audit(services, caller, approval_id, refused, outcome="denied")
        raise
    await _audit(services, caller, approval_id, {**details, "run_id": record.run_id})
    return ApprovalPublic.of(record)


async def _audit(
    services: Services,
    caller: Caller,
    approval_id: str,
    details: dict[str, object],
    *,
    outcome: str = "ok",
) -> None:
    await services.identity.audit(
        caller.tenant_id, "approval.decide", acting(), target_kind="approval",
        target_id=approval_id, outcome=outcome, details=details,
    )  # fmt: skip


def _who(caller: Caller) -> str:
    """Who decided, when the body does not say: the caller's key or member."""
    return f"{caller.actor_kind}:{caller.actor_id}"
