"""Bodies of the approval routes: a decision, an approval, and a page of them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from conclave.adapters.store.records import ApprovalRecord, Page
from conclave.api.schemas._values import Text

__all__ = ["ApprovalDecision", "ApprovalList", "ApprovalPublic"]


class ApprovalDecision(BaseModel):
    """A person's grant or denial of an approval."""

    model_config = ConfigDict(strict=True, extra="forbid")

    granted: bool = Field(description="true grants it, false denies it")
    comment: Text = Field(default="", max_length=10_000, description="why, shown to the run")
    by: Text | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="who decided, as the run shows it; the caller's key or member by default",
    )


class ApprovalPublic(BaseModel):
    """An approval: what was asked, who may decide it, until when, and what was decided."""

    id: str
    run_id: str
    step: str
    prompt: str
    details: dict[str, Any]
    kind: str
    required_role: str
    status: str
    decided_by: str | None
    comment: str | None
    created_at: datetime
    decided_at: datetime | None
    expires_at: datetime | None
    on_timeout: str
    escalations: int

    @classmethod
    def of(cls, record: ApprovalRecord) -> ApprovalPublic:
        """The public view of a stored approval."""
        return cls.model_validate({name: getattr(record, name) for name in cls.model_fields})


class ApprovalList(BaseModel):
    """A page of approvals, oldest first."""

    items: list[ApprovalPublic]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, page: Page[ApprovalRecord]) -> ApprovalList:
        """The public view of a page of stored approvals."""
        items = [ApprovalPublic.of(record) for record in page.items]
        return cls(items=items, total=page.total, limit=page.limit, offset=page.offset)
