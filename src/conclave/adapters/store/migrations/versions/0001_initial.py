"""The first schema: tenants, documents, conversations, messages, runs, events, approvals.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Mirrors ``conclave.adapters.store.tables`` as it was at this revision; constraint names
follow the metadata's naming convention so later batch migrations on SQLite can find them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.String(length=64)
NAME = sa.String(length=64)
# Drop order: children before the tables they reference.
TABLES = (
    "run_events",
    "approvals",
    "runs",
    "messages",
    "conversations",
    "document_heads",
    "documents",
    "tenants",
)


def upgrade() -> None:
    _tenants()
    _documents()
    _document_heads()
    _conversations()
    _messages()
    _runs()
    _run_events()
    _approvals()


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)


def _tenant_id() -> sa.Column[str]:
    return sa.Column("tenant_id", ID, nullable=False)


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _tenant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id"], ["tenants.id"], name=f"fk_{table}_tenant_id_tenants", ondelete="CASCADE"
    )


def _tenants() -> None:
    op.create_table(
        "tenants",
        sa.Column("id", ID, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("tier", sa.String(length=32), server_default="free", nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_tenants"),
    )


def _documents() -> None:
    op.create_table(
        "documents",
        _tenant_id(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", NAME, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=True),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("tenant_id", "kind", "name", "version", name="pk_documents"),
        _tenant_fk("documents"),
    )


def _document_heads() -> None:
    op.create_table(
        "document_heads",
        _tenant_id(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", NAME, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("latest_version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="stopped", nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("tenant_id", "kind", "name", name="pk_document_heads"),
        _tenant_fk("document_heads"),
    )


def _conversations() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", ID, nullable=False),
        _tenant_id(),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target", NAME, nullable=False),
        sa.Column("title", sa.String(length=200), server_default="", nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("id", name="pk_conversations"),
        _tenant_fk("conversations"),
    )
    op.create_index("ix_conversations_tenant_updated", "conversations", ["tenant_id", "updated_at"])


def _messages() -> None:
    op.create_table(
        "messages",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        _tenant_id(),
        sa.Column("conversation_id", ID, nullable=False),
        sa.Column("run_id", ID, nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("input_tokens", sa.Integer(), server_default="0", nullable=False),
        sa.Column("output_tokens", sa.Integer(), server_default="0", nullable=False),
        sa.Column("cost_usd", sa.Float(), server_default="0", nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("id", name="pk_messages"),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversations.id"],
            name="fk_messages_conversation_id_conversations",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_messages_tenant_conversation", "messages", ["tenant_id", "conversation_id", "id"]
    )


def _runs() -> None:
    op.create_table(
        "runs",
        sa.Column("id", ID, nullable=False),
        _tenant_id(),
        sa.Column("target_kind", sa.String(length=16), nullable=False),
        sa.Column("target", NAME, nullable=False),
        sa.Column("target_version", sa.Integer(), nullable=True),
        sa.Column("input", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("conversation_id", ID, nullable=True),
        sa.Column("replay_of", ID, nullable=True),
        sa.Column("output", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("input_tokens", sa.Integer(), server_default="0", nullable=False),
        sa.Column("output_tokens", sa.Integer(), server_default="0", nullable=False),
        sa.Column("cost_usd", sa.Float(), server_default="0", nullable=False),
        sa.Column("last_seq", sa.Integer(), server_default="0", nullable=False),
        sa.Column("lease_owner", sa.String(length=200), nullable=True),
        _timestamp("lease_expires_at", nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        _timestamp("finished_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
        _tenant_fk("runs"),
    )
    op.create_index("ix_runs_tenant_created", "runs", ["tenant_id", "created_at"])
    op.create_index("ix_runs_status_lease", "runs", ["status", "lease_expires_at"])


def _run_events() -> None:
    op.create_table(
        "run_events",
        sa.Column("run_id", ID, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        _tenant_id(),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("author", sa.String(length=400), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        _timestamp("created_at"),
        sa.PrimaryKeyConstraint("run_id", "seq", name="pk_run_events"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_run_events_run_id_runs", ondelete="CASCADE"
        ),
    )


def _approvals() -> None:
    op.create_table(
        "approvals",
        sa.Column("id", sa.String(length=200), nullable=False),
        _tenant_id(),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("step", sa.String(length=200), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        _timestamp("created_at"),
        _timestamp("decided_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_approvals"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_approvals_run_id_runs", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("run_id", "id", name="uq_approvals_run_id"),
    )
    op.create_index("ix_approvals_tenant_status", "approvals", ["tenant_id", "status"])
