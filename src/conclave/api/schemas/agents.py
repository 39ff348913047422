"""API schemas for agents and teams as versioned documents, chat, and starting runs.

A spec arrives as a plain mapping (the fields of an agent or team YAML file) and is
validated as an :class:`~conclave.engine.specs.AgentSpec` or
:class:`~conclave.engine.team_specs.TeamSpec` by the route, so that a team spec's own
checks report the field at fault like any other validation error.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from conclave.api.schemas._values import MAX_VERSION, JsonObject, RunBudget, Text

T = TypeVar("T")

Health = Literal["healthy", "unhealthy"]
Status = Literal["started", "stopped", "degraded"]


class Page(BaseModel, Generic[T]):
    """One page of a longer list."""

    items: list[T]
    total: int = Field(description="how many items the whole list holds")
    limit: int
    offset: int


class SpecCreate(BaseModel):
    """A new document: its spec, whose ``name`` names it."""

    model_config = ConfigDict(extra="forbid")

    spec: JsonObject = Field(description="the spec, as the fields of its YAML file")


class SpecUpdate(SpecCreate):
    """A new version of a document; ``spec.name`` may be left out."""

    expected_version: int | None = Field(
        default=None,
        ge=1,
        le=MAX_VERSION,
        description="the version this change is based on; 409 if stale",
    )


class Rollback(BaseModel):
    """Point a document back at an earlier version."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, le=MAX_VERSION)


class DocumentPublic(BaseModel):
    """A document as it stands.

    Attributes:
        built_in: shipped with Conclave (a demo agent or a template) and not stored; an
            update stores it, and the stored copy overrides the shipped one.
        version: the current version; ``None`` for a built-in one.
        latest_version: the highest version stored; ``None`` for a built-in one.
    """

    name: str
    built_in: bool
    version: int | None
    latest_version: int | None
    spec: dict[str, Any]
    created_by: str | None = None
    updated_at: datetime | None = None


class DocumentVersionPublic(BaseModel):
    """One stored version of a document."""

    name: str
    version: int
    spec: dict[str, Any]
    created_by: str | None
    created_at: datetime


class AgentCreate(SpecCreate):
    """A new agent: ``spec`` is an agent spec."""


class AgentUpdate(SpecUpdate):
    """A new version of an agent."""


class AgentPublic(DocumentPublic):
    """An agent, with its deployed status and whether it can be built.

    Attributes:
        status: ``started``, ``stopped`` or ``degraded``; a built-in agent is ``started``.
        health: ``healthy`` when the agent can be built (its tools and model resolve).
        health_detail: why it is unhealthy.
    """

    status: Status
    health: Health
    health_detail: str | None = None


class TeamCreate(SpecCreate):
    """A new team: ``spec`` is a team spec."""


class TeamUpdate(SpecUpdate):
    """A new version of a team."""


class TeamPublic(DocumentPublic):
    """A team."""


class ChatRequest(BaseModel):
    """A user message to an agent, in a conversation (a new one if none is named)."""

    model_config = ConfigDict(extra="forbid")

    message: Text = Field(min_length=1)
    conversation_id: Text | None = None


class UsagePublic(BaseModel):
    """Tokens a reply took."""

    input_tokens: int = 0
    output_tokens: int = 0


class ChatResponse(BaseModel):
    """The agent's reply, and what it cost."""

    conversation_id: str
    reply: str
    usage: UsagePublic
    cost_usd: float
    run_id: str | None = Field(
        default=None, description="the run that produced the reply, when it was stored"
    )


class ExecuteRequest(BaseModel):
    """A task for an agent, run in the background."""

    model_config = ConfigDict(extra="forbid")

    task: Text = Field(min_length=1)
    budget: RunBudget | None = None


class TaskCreate(ExecuteRequest):
    """A task for a team or an agent: name exactly one of them."""

    team: Text | None = None
    agent: Text | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        if (self.team is None) == (self.agent is None):
            raise ValueError("name exactly one of 'team' and 'agent'")
        return self


class TaskAccepted(BaseModel):
    """A task that was accepted; follow it at ``GET /api/tasks/{task_id}``.

    Attributes:
        task_id: the task's id, which is also its run's id.
    """

    task_id: str
    status: str
    target_kind: Literal["agent", "team"]
    target: str
