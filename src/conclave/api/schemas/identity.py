"""Bodies of the identity routes: signing in, members, API keys, the audit log, tenants."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from conclave.api.schemas._values import IsoDatetime, JsonObject, Text

__all__ = [
    "AuditEntryPublic",
    "AuditPage",
    "CallerPublic",
    "KeyCreate",
    "KeyCreated",
    "KeyPublic",
    "LoginRequest",
    "RefreshRequest",
    "SecretNames",
    "SecretPut",
    "SessionPublic",
    "TenantCreate",
    "TenantCreated",
    "TenantPublic",
    "TenantUpdate",
    "TierPublic",
    "UserCreate",
    "UserPublic",
]

RoleName = Literal["viewer", "operator", "admin", "platform"]
TenantRole = Literal["viewer", "operator", "admin"]
Name = Annotated[Text, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
TenantId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{1,62}$")]
Password = Annotated[Text, StringConstraints(min_length=12, max_length=1024)]
Token = Annotated[str, StringConstraints(min_length=1, max_length=8192)]
# Deliverability is the mail server's business; this only catches what cannot be an address.
EmailStr = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=320)]
PackName = Literal["demo", "trading", "software", "business"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(_Strict):
    """A member's sign-in."""

    tenant: TenantId = Field(description="the tenant the member belongs to")
    email: EmailStr
    password: Annotated[Text, StringConstraints(min_length=1, max_length=1024)]


class RefreshRequest(_Strict):
    """A refresh token, to spend for new tokens or to sign out with."""

    refresh_token: Token


class UserPublic(BaseModel):
    """A member, without the password hash."""

    id: str
    email: str
    name: str
    role: RoleName
    active: bool
    created_at: datetime
    last_login_at: datetime | None


class SessionPublic(BaseModel):
    """Tokens for a signed-in member; send the access token as ``Authorization: Bearer``."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    refresh_expires_at: datetime
    user: UserPublic


class TierPublic(BaseModel):
    """A tier's limits."""

    name: str
    requests_per_minute: int
    concurrent_runs: int
    max_agents: int
    budgets: dict[str, Decimal]


class CallerPublic(BaseModel):
    """Who a credential stands for."""

    tenant_id: str
    role: RoleName
    actor_kind: Literal["key", "user"]
    actor_id: str
    tier: TierPublic


class KeyCreate(_Strict):
    """A new API key."""

    name: Name
    role: RoleName = Field(default="viewer", description="at most the creator's own role")
    expires_at: IsoDatetime | None = Field(default=None, description="none: never")


class KeyPublic(BaseModel):
    """An API key as listed: never its secret."""

    id: str
    name: str
    role: RoleName
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None
    revoked_at: datetime | None


class KeyCreated(KeyPublic):
    """A new API key, with its secret: shown this once, and stored nowhere."""

    key: str = Field(description="the API key; keep it now, it cannot be shown again")


class UserCreate(_Strict):
    """A new member."""

    email: EmailStr
    name: Annotated[Text, StringConstraints(max_length=200)] = ""
    role: RoleName = "viewer"
    password: Password | None = Field(default=None, description="none: keys only")


class AuditEntryPublic(BaseModel):
    """Who did what to what, when, and how it went."""

    id: int
    at: datetime
    actor_kind: str
    actor_id: str | None
    action: str
    target_kind: str | None
    target_id: str | None
    outcome: str
    details: dict[str, Any]
    ip: str | None


class AuditPage(BaseModel):
    """A page of the audit log, oldest first; pass ``next_after`` as ``after`` for the next."""

    items: list[AuditEntryPublic]
    total: int
    next_after: int | None


class TenantCreate(_Strict):
    """A customer to onboard."""

    id: TenantId
    name: Name
    tier: Annotated[str, StringConstraints(min_length=1, max_length=64)] = "free"
    packs: list[PackName] = Field(default=["demo"], max_length=8)
    settings: JsonObject = Field(default_factory=dict)
    admin_email: EmailStr | None = None
    admin_password: Password | None = None


class TenantPublic(BaseModel):
    """A tenant."""

    id: str
    name: str
    tier: str
    status: Literal["active", "suspended"]
    settings: dict[str, Any]
    created_at: datetime


class TenantCreated(TenantPublic):
    """A tenant just onboarded, with its first admin key (shown this once)."""

    admin_key: str = Field(description="the first admin API key; keep it now")
    provisioned: list[str] = Field(description="the agents and teams stored for it")


class TenantUpdate(_Strict):
    """Changes to a tenant; fields left out stay as they are."""

    name: Name | None = None
    tier: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    status: Literal["active", "suspended"] | None = None


class SecretPut(_Strict):
    """A model provider's API key for this tenant, stored encrypted."""

    value: Annotated[Text, StringConstraints(min_length=1, max_length=4096)]


class SecretNames(BaseModel):
    """The names of the tenant's stored secrets (never their values)."""

    names: list[str]
