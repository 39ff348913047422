"""The tables. Every row a tenant owns carries ``tenant_id``, from the first migration on.

Alembic migrations in ``migrations/`` create exactly these; a test compares the two. Rows
are read and written through repositories that take the tenant as a required argument,
never through these tables directly from a route.

- ``tenants``: the customers.
- ``documents``: every version of every agent and team spec (a new version per update);
  ``document_heads`` points each name at its current version (rollback points it back),
  with the deployed status of agents.
- ``conversations`` and ``messages``: chat history with tokens and cost.
- ``runs``: one row per run (a task is a view of a run, with the same id), including the
  lease (``lease_owner``, ``lease_expires_at``) that lets at most one executor run it.
- ``run_events``: the durable log, one row per ``(run_id, seq)``.
- ``approvals``: decisions asked of people, and what they said.
- ``users``: a tenant's members, each with a role; an email is unique within a tenant.
- ``api_keys``: credentials for programs, stored as a keyed digest and looked up by it.
- ``refresh_tokens``: the refresh tokens issued to members, in families that rotate.
- ``audit_log``: who did what to what, and how it went; append-only. It has no foreign
  key to ``tenants``: a tenant's trail outlives the tenant, and entries that concern no
  known tenant (a failed sign-in with an unknown key) are filed under the reserved
  tenant id ``"-"``.
- ``tenant_secrets``: a tenant's credentials for outside services, encrypted elsewhere.
- ``cost_ledger``: one row per model call, by tenant, agent, team, conversation, run and
  day, in nano-dollars (integers, so sums are exact).
- ``spend_counters``: what each shared budget scope has spent and holds reserved, one row
  per tenant and scope key (``day:2026-11-23``, ``month:2026-11``,
  ``agent:<name>:2026-11-23``, ``conversation:<id>``); a reservation is one conditional
  update of the row, so concurrent runs cannot overspend it.
- ``budget_holds``: what each process holds reserved for its model calls (its
  allowances, see :mod:`conclave.services.allowances`); a hold left by a crashed process
  expires and gives its amount back.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)

# Names for constraints, so migrations on SQLite (batch mode) and PostgreSQL agree.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

ID = String(64)
NAME = String(64)


def _tenant() -> Column[str]:
    return Column("tenant_id", ID, nullable=False)


def _created() -> Column[object]:
    return Column("created_at", DateTime(timezone=True), nullable=False)


tenants = Table(
    "tenants",
    metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("tier", String(32), nullable=False, server_default="free"),
    Column("settings", JSON, nullable=False, default=dict),
    _created(),
    Column("status", String(16), nullable=False, server_default="active"),  # active | suspended
    Column("updated_at", DateTime(timezone=True), nullable=True),
)

documents = Table(
    "documents",
    metadata,
    _tenant(),
    Column("kind", String(16), nullable=False),  # agent | team
    Column("name", NAME, nullable=False),
    Column("version", Integer, nullable=False),
    Column("spec", JSON, nullable=False),
    Column("created_by", String(200), nullable=True),
    _created(),
    PrimaryKeyConstraint("tenant_id", "kind", "name", "version"),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
)

document_heads = Table(
    "document_heads",
    metadata,
    _tenant(),
    Column("kind", String(16), nullable=False),
    Column("name", NAME, nullable=False),
    Column("version", Integer, nullable=False),
    Column("latest_version", Integer, nullable=False),
    Column("status", String(16), nullable=False, server_default="stopped"),
    Column("deleted", Boolean, nullable=False, server_default=false()),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("tenant_id", "kind", "name"),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
)

conversations = Table(
    "conversations",
    metadata,
    Column("id", ID, primary_key=True),
    _tenant(),
    Column("target_kind", String(16), nullable=False),
    Column("target", NAME, nullable=False),
    Column("title", String(200), nullable=False, server_default=""),
    _created(),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    Index("ix_conversations_tenant_updated", "tenant_id", "updated_at"),
)

messages = Table(
    "messages",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    _tenant(),
    Column("conversation_id", ID, nullable=False),
    Column("run_id", ID, nullable=True),
    Column("role", String(16), nullable=False),
    Column("author", String(200), nullable=True),
    Column("content", Text, nullable=False),
    Column("input_tokens", Integer, nullable=False, server_default="0"),
    Column("output_tokens", Integer, nullable=False, server_default="0"),
    Column("cost_usd", Float, nullable=False, server_default="0"),
    _created(),
    ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
    Index("ix_messages_tenant_conversation", "tenant_id", "conversation_id", "id"),
)

runs = Table(
    "runs",
    metadata,
    Column("id", ID, primary_key=True),
    _tenant(),
    Column("target_kind", String(16), nullable=False),  # agent | team
    Column("target", NAME, nullable=False),
    Column("target_version", Integer, nullable=True),
    Column("input", Text, nullable=False),
    Column("status", String(16), nullable=False),  # pending running waiting completed ...
    Column("conversation_id", ID, nullable=True),
    Column("replay_of", ID, nullable=True),
    Column("output", Text, nullable=True),
    Column("error", Text, nullable=True),
    Column("input_tokens", Integer, nullable=False, server_default="0"),
    Column("output_tokens", Integer, nullable=False, server_default="0"),
    Column("cost_usd", Float, nullable=False, server_default="0"),
    Column("last_seq", Integer, nullable=False, server_default="0"),
    Column("lease_owner", String(200), nullable=True),
    Column("lease_expires_at", DateTime(timezone=True), nullable=True),
    Column("attempts", Integer, nullable=False, server_default="0"),
    _created(),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True),
    Column("limits", JSON, nullable=True),  # the run's own spending limits, if it has any
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    Index("ix_runs_tenant_created", "tenant_id", "created_at"),
    Index("ix_runs_status_lease", "status", "lease_expires_at"),
)

run_events = Table(
    "run_events",
    metadata,
    Column("run_id", ID, primary_key=True),
    Column("seq", Integer, primary_key=True),
    _tenant(),
    Column("kind", String(32), nullable=False),
    Column("author", String(400), nullable=False),
    Column("data", JSON, nullable=False),
    _created(),
    ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="CASCADE"),
)

approvals = Table(
    "approvals",
    metadata,
    Column("id", String(200), primary_key=True),
    _tenant(),
    Column("run_id", ID, nullable=False),
    Column("step", String(200), nullable=False),
    Column("prompt", Text, nullable=False),
    Column("details", JSON, nullable=False, default=dict),
    Column("status", String(16), nullable=False, server_default="pending"),
    Column("decided_by", String(200), nullable=True),
    Column("comment", Text, nullable=True),
    _created(),
    Column("decided_at", DateTime(timezone=True), nullable=True),
    # gate | tool | budget | policy | uncertain (a side effect a crash left unknown)
    Column("kind", String(16), nullable=False, server_default="gate"),
    Column("required_role", String(16), nullable=False, server_default="operator"),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    Column("on_timeout", String(16), nullable=False, server_default="deny"),  # or escalate
    Column("escalations", Integer, nullable=False, server_default="0"),
    ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="CASCADE"),
    UniqueConstraint("run_id", "id", name="uq_approvals_run_id"),
    Index("ix_approvals_tenant_status", "tenant_id", "status"),
    Index("ix_approvals_status_expires", "status", "expires_at"),
)

users = Table(
    "users",
    metadata,
    Column("id", ID, primary_key=True),
    _tenant(),
    Column("email", String(320), nullable=False),  # lowercased
    Column("name", String(200), nullable=False, server_default=""),
    Column("password_hash", String(255), nullable=True),  # none: the member uses keys only
    Column("role", String(16), nullable=False),  # viewer | operator | admin | platform
    Column("active", Boolean, nullable=False, server_default=true()),
    _created(),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("last_login_at", DateTime(timezone=True), nullable=True),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    UniqueConstraint("tenant_id", "email", name="uq_users_tenant_email"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", ID, primary_key=True),  # the key's public part
    _tenant(),
    Column("name", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("digest", String(128), nullable=False),  # hex HMAC of the whole key
    Column("user_id", ID, nullable=True),  # who made it; no foreign key, see ApiKeyRepository
    _created(),
    Column("last_used_at", DateTime(timezone=True), nullable=True),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    Index("ix_api_keys_digest", "digest", unique=True),
    Index("ix_api_keys_tenant_created", "tenant_id", "created_at"),
)

refresh_tokens = Table(
    "refresh_tokens",
    metadata,
    Column("jti", ID, primary_key=True),
    _tenant(),
    Column("user_id", ID, nullable=False),
    Column("family_id", ID, nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("used_at", DateTime(timezone=True), nullable=True),  # set when rotated
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
    Index("ix_refresh_tokens_tenant_family", "tenant_id", "family_id"),
    Index("ix_refresh_tokens_tenant_user", "tenant_id", "user_id"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    _tenant(),  # "-" when no tenant is known (see above)
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_kind", String(16), nullable=False),  # user | key | system | anonymous
    Column("actor_id", String(200), nullable=True),
    Column("action", String(64), nullable=False),  # agent.create, auth.failed, key.revoke ...
    Column("target_kind", String(32), nullable=True),
    Column("target_id", String(200), nullable=True),
    Column("outcome", String(16), nullable=False),  # ok | denied | failed
    Column("details", JSON, nullable=False, default=dict),
    Column("ip", String(64), nullable=True),
    Column("request_id", String(200), nullable=True),
    Index("ix_audit_log_tenant_at", "tenant_id", "at"),
)

tenant_secrets = Table(
    "tenant_secrets",
    metadata,
    _tenant(),
    Column("name", NAME, nullable=False),
    Column("ciphertext", Text, nullable=False),
    _created(),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("tenant_id", "name"),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
)

NANO = BigInteger  # money in nano-dollars: $1 is 1_000_000_000

cost_ledger = Table(
    "cost_ledger",
    metadata,
    Column("id", ID, primary_key=True),  # the model call's charge id
    _tenant(),
    Column("run_id", ID, nullable=False),
    Column("conversation_id", ID, nullable=True),
    Column("agent", String(200), nullable=False),
    Column("team", NAME, nullable=True),
    Column("model", String(200), nullable=False),
    Column("input_tokens", Integer, nullable=False),
    Column("output_tokens", Integer, nullable=False),
    Column("cost_nano", NANO, nullable=False),
    Column("estimate_nano", NANO, nullable=False),
    Column("day", String(10), nullable=False),  # UTC, YYYY-MM-DD: groups alike on both stores
    Column("at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    Index("ix_cost_ledger_tenant_day", "tenant_id", "day"),
    Index("ix_cost_ledger_tenant_run", "tenant_id", "run_id"),
)

spend_counters = Table(
    "spend_counters",
    metadata,
    _tenant(),
    Column("scope", String(200), nullable=False),
    Column("spent_nano", NANO, nullable=False, server_default="0"),
    Column("reserved_nano", NANO, nullable=False, server_default="0"),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("tenant_id", "scope"),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
)

budget_holds = Table(
    "budget_holds",
    metadata,
    Column("id", ID, primary_key=True),
    _tenant(),
    Column("run_id", ID, nullable=False),
    Column("scopes", JSON, nullable=False),  # the spend_counters scopes it reserved in
    Column("amount_nano", NANO, nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="CASCADE"),
    Index("ix_budget_holds_expires", "expires_at"),
)
