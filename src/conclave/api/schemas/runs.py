"""Bodies of the run and task routes (the approval routes' are in ``approvals``)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from conclave.adapters.store.records import Page, RunRecord
from conclave.api.schemas._values import RunBudget, Text
from conclave.engine.events import Event, event_to_dict

__all__ = [
    "MAX_INPUT_CHARS",
    "EventPublic",
    "RunCreate",
    "RunList",
    "RunPublic",
    "TaskList",
    "TaskPublic",
]

MAX_INPUT_CHARS = 100_000
_NAME = Field(min_length=1, max_length=200)


class RunCreate(BaseModel):
    """A run to start: an agent or a team, and its input."""

    model_config = ConfigDict(strict=True, extra="forbid")

    target_kind: Literal["agent", "team"] = "agent"
    target: Text = _NAME
    input: Text = Field(min_length=1, max_length=MAX_INPUT_CHARS)
    budget: RunBudget | None = None


class RunPublic(BaseModel):
    """A run as it stands."""

    id: str
    target_kind: str
    target: str
    target_version: int | None
    input: str
    status: str
    conversation_id: str | None
    replay_of: str | None
    output: str | None
    error: str | None
    input_tokens: int
    output_tokens: int
    cost_usd: float
    last_seq: int
    attempts: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None

    @classmethod
    def of(cls, record: RunRecord) -> RunPublic:
        """The public view of a stored run."""
        return cls.model_validate({name: getattr(record, name) for name in cls.model_fields})


class RunList(BaseModel):
    """A page of runs, newest first."""

    items: list[RunPublic]
    total: int
    limit: int
    offset: int

    @classmethod
    def of(cls, page: Page[RunRecord]) -> RunList:
        """The public view of a page of stored runs."""
        items = [RunPublic.of(record) for record in page.items]
        return cls(items=items, total=page.total, limit=page.limit, offset=page.offset)


class EventPublic(BaseModel):
    """One run event: ``kind``, ``run_id``, ``seq`` and the fields of that kind."""

    model_config = ConfigDict(extra="allow")

    kind: str
    run_id: str
    seq: int

    @classmethod
    def of(cls, event: Event) -> EventPublic:
        """The public view of an engine event."""
        return cls.model_validate(event_to_dict(event))


class TaskPublic(BaseModel):
    """A task: a view of one run, under the same id, with its history and result."""

    id: str
    status: str
    target_kind: str
    target: str
    input: str
    result: str | None
    error: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    history: list[EventPublic] | None = None

    @classmethod
    def of(cls, record: RunRecord, history: list[Event] | None = None) -> TaskPublic:
        """The task view of a run; ``history`` is its events, when asked for."""
        events = None if history is None else [EventPublic.of(event) for event in history]
        return cls(
            id=record.id,
            status=record.status,
            target_kind=record.target_kind,
            target=record.target,
            input=record.input,
            result=record.output,
            error=record.error,
            created_at=record.created_at,
            updated_at=record.updated_at,
            finished_at=record.finished_at,
            history=events,
        )


class TaskList(BaseModel):
    """A page of tasks, newest first (without their history; get one task for that)."""

    items: list[TaskPublic]
    total: int
    limit: int
    offset: int
