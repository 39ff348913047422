"""What the repositories return: frozen values, never rows of the tables.

Times are timezone-aware UTC datetimes. Every record of an owned table carries the
``tenant_id`` it was read under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")

DocumentKind = Literal["agent", "team"]
DOCUMENT_KINDS: frozenset[str] = frozenset({"agent", "team"})

AgentStatus = Literal["started", "stopped", "degraded"]
AGENT_STATUSES: frozenset[str] = frozenset({"started", "stopped", "degraded"})

RunStatus = Literal["pending", "running", "waiting", "completed", "failed", "cancelled"]
RUN_STATUSES: frozenset[str] = frozenset(
    {"pending", "running", "waiting", "completed", "failed", "cancelled"}
)
TERMINAL_RUN_STATUSES: frozenset[str] = frozenset({"completed", "failed", "cancelled"})

ApprovalStatus = Literal["pending", "granted", "denied"]

TenantStatus = Literal["active", "suspended"]
TENANT_STATUSES: frozenset[str] = frozenset({"active", "suspended"})

RoleName = Literal["viewer", "operator", "admin", "platform"]
ROLE_NAMES: frozenset[str] = frozenset({"viewer", "operator", "admin", "platform"})

ActorKind = Literal["user", "key", "system", "anonymous"]
ACTOR_KINDS: frozenset[str] = frozenset({"user", "key", "system", "anonymous"})

AuditOutcome = Literal["ok", "denied", "failed"]
AUDIT_OUTCOMES: frozenset[str] = frozenset({"ok", "denied", "failed"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Page(Generic[T]):
    """One page of a longer list.

    Attributes:
        items: the records on this page, in the list's order.
        total: how many records the whole list holds (past any cursor it was asked after).
        limit: the page size asked for.
        offset: how many records of the list come before this page.
    """

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def has_more(self) -> bool:
        """Whether another page follows this one."""
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True, kw_only=True, slots=True)
class TenantRecord:
    """A customer of the platform, with its tier and settings.

    Attributes:
        status: ``active``, or ``suspended`` (its credentials are refused).
        updated_at: when it last changed; ``None`` if it never did.
    """

    id: str
    name: str
    tier: str
    settings: dict[str, Any] = field(default_factory=dict)
    created_at: datetime
    status: TenantStatus = "active"
    updated_at: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class DocumentVersion:
    """One stored version of an agent or team spec."""

    tenant_id: str
    kind: DocumentKind
    name: str
    version: int
    spec: dict[str, Any]
    created_by: str | None
    created_at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class DocumentHead:
    """A document as it stands: the version its head points at, and its deployed status.

    Attributes:
        version: the current version (an earlier one after a rollback).
        latest_version: the highest version ever stored; the next update makes this + 1.
        status: ``started``, ``stopped`` or ``degraded`` (meaningful for agents).
        spec: the spec of the current version.
        created_by: who stored the current version.
        updated_at: when the head last moved or changed status.
    """

    tenant_id: str
    kind: DocumentKind
    name: str
    version: int
    latest_version: int
    status: AgentStatus
    spec: dict[str, Any]
    created_by: str | None
    updated_at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class ConversationRecord:
    """A conversation with an agent or a team."""

    id: str
    tenant_id: str
    target_kind: DocumentKind
    target: str
    title: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class MessageRecord:
    """One message of a conversation, with the tokens and cost it took."""

    id: int
    tenant_id: str
    conversation_id: str
    run_id: str | None
    role: str
    author: str | None
    content: str
    input_tokens: int
    output_tokens: int
    cost_usd: float
    created_at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class RunRecord:
    """One run of an agent or a team (a task is a view of it, under the same id).

    Attributes:
        last_seq: the sequence number of the run's last stored event.
        lease_owner: the executor running it now, if any.
        lease_expires_at: when that executor's lease runs out unless it heartbeats.
        attempts: how many times an executor has claimed it.
        finished_at: set when the run reaches a terminal status.
    """

    id: str
    tenant_id: str
    target_kind: DocumentKind
    target: str
    target_version: int | None
    input: str
    status: RunStatus
    conversation_id: str | None
    replay_of: str | None
    output: str | None
    error: str | None
    input_tokens: int
    output_tokens: int
    cost_usd: float
    last_seq: int
    lease_owner: str | None
    lease_expires_at: datetime | None
    attempts: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    limits: dict[str, float] | None = None

    @property
    def finished(self) -> bool:
        """Whether the run reached a terminal status."""
        return self.status in TERMINAL_RUN_STATUSES


@dataclass(frozen=True, kw_only=True, slots=True)
class ApprovalRecord:
    """A decision asked of a person, and what they said."""

    id: str
    tenant_id: str
    run_id: str
    step: str
    prompt: str
    details: dict[str, Any]
    status: ApprovalStatus
    decided_by: str | None
    comment: str | None
    created_at: datetime
    decided_at: datetime | None
    kind: str = "gate"
    required_role: str = "operator"
    expires_at: datetime | None = None
    on_timeout: str = "deny"
    escalations: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class Lease:
    """Who holds a run, until when, and how often it has been claimed."""

    run_id: str
    tenant_id: str
    owner: str | None
    expires_at: datetime | None
    attempts: int


@dataclass(frozen=True, kw_only=True, slots=True)
class UserRecord:
    """A member of a tenant.

    Attributes:
        email: the sign-in address, lowercased; unique within the tenant.
        password_hash: the stored hash, or ``None`` for a member who uses API keys only.
            Left out of the repr, so that logging a member does not log it.
        role: ``viewer``, ``operator``, ``admin`` or ``platform``.
        active: ``False`` once deactivated: the member can no longer sign in.
        last_login_at: the last successful sign-in, if any.
    """

    id: str
    tenant_id: str
    email: str
    name: str
    role: RoleName
    active: bool
    password_hash: str | None = field(default=None, repr=False)
    created_at: datetime
    updated_at: datetime
    last_login_at: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ApiKeyRecord:
    """An API key as stored, without its digest (which only the database compares).

    Attributes:
        id: the key's public part, which names it in listings.
        role: what the key may do, as a member's role.
        user_id: the member who made it, if one did.
        last_used_at: when it last authenticated a request, if ever.
        expires_at: when it stops working; ``None`` for never.
        revoked_at: when it was revoked; ``None`` while it is not.
    """

    id: str
    tenant_id: str
    name: str
    role: RoleName
    user_id: str | None
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None

    def usable_at(self, at: datetime) -> bool:
        """Whether the key authenticates a request made at ``at``: not revoked, not expired."""
        return self.revoked_at is None and (self.expires_at is None or at < self.expires_at)


@dataclass(frozen=True, kw_only=True, slots=True)
class RefreshTokenRecord:
    """A refresh token issued to a member, by its ``jti``.

    Attributes:
        family_id: the sign-in it descends from; rotation keeps it, and reusing a spent
            token revokes the whole family.
        used_at: when it was exchanged for the next token of its family.
        revoked_at: when it was revoked (sign-out, or reuse detected).
    """

    jti: str
    tenant_id: str
    user_id: str
    family_id: str
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True, kw_only=True, slots=True)
class AuditEntry:
    """One entry of the audit log: who did what to what, and how it went.

    Attributes:
        id: increases with every entry; the cursor of :meth:`AuditLog.list`.
        tenant_id: the tenant the action concerns, or ``"-"`` when none is known.
        actor_kind: ``user``, ``key``, ``system`` or ``anonymous``.
        actor_id: the member's or key's id, when there is one.
        action: a dotted name, such as ``agent.create`` or ``auth.failed``.
        outcome: ``ok``, ``denied`` or ``failed``.
        details: anything else worth keeping, as JSON.
        ip: the client's address, for requests.
        request_id: the request's id, to find it in the logs.
    """

    id: int
    tenant_id: str
    at: datetime
    actor_kind: ActorKind
    actor_id: str | None
    action: str
    target_kind: str | None
    target_id: str | None
    outcome: AuditOutcome
    details: dict[str, Any]
    ip: str | None
    request_id: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class SecretRecord:
    """A tenant's secret (a provider's API key, say), encrypted: the store never sees it plain.

    Attributes:
        name: what it is for, such as ``openai``.
        ciphertext: the encrypted value; left out of the repr.
    """

    tenant_id: str
    name: str
    ciphertext: str = field(repr=False)
    created_at: datetime
    updated_at: datetime
