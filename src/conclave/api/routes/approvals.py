"""``POST /api/runs/{id}/approvals/{approval_id}``: grant or deny a run's approval gate."""

from __future__ import annotations

from fastapi import APIRouter

from conclave.api.auth import OperatorTenant
from conclave.api.deps import ServicesDep
from conclave.api.schemas.runs import ApprovalDecision, ApprovalPublic
from conclave.services.approvals import decide_approval
from conclave.services.identity import acting

__all__ = ["router"]

router = APIRouter(prefix="/api/runs", tags=["approvals"])


@router.post("/{run_id}/approvals/{approval_id}")
async def decide(
    run_id: str,
    approval_id: str,
    decision: ApprovalDecision,
    services: ServicesDep,
    tenant_id: OperatorTenant,
) -> ApprovalPublic:
    """Grant or deny the approval; 404 if the run has no such approval, 409 if decided."""
    record = await decide_approval(
        services.database,
        services.bus,
        tenant_id=tenant_id,
        approval_id=approval_id,
        granted=decision.granted,
        by=decision.by,
        comment=decision.comment,
        run_id=run_id,
    )
    await services.identity.audit(
        tenant_id, "approval.decide", acting(), target_kind="approval", target_id=approval_id,
        details={"run_id": run_id, "granted": decision.granted, "comment": decision.comment},
    )  # fmt: skip
    return ApprovalPublic.model_validate(record, from_attributes=True)
