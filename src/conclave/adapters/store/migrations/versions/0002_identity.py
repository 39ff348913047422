"""Identity: tenant status, users, API keys, refresh tokens, the audit log, tenant secrets.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01

Mirrors ``conclave.adapters.store.tables`` as it was at this revision. The two new columns
of ``tenants`` are added and dropped with plain ``ALTER TABLE`` on both databases, never by
copying the table (SQLite's batch mode): with foreign keys enforced, dropping the old
``tenants`` during a copy would cascade to every row the tenants own.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.String(length=64)
NAME = sa.String(length=64)
# Drop order: children before the tables they reference.
TABLES = ("tenant_secrets", "audit_log", "refresh_tokens", "api_keys", "users")


def upgrade() -> None:
    op.add_column(
        "tenants",
        sa.Column("status", sa.String(length=16), server_default="active", nullable=False),
    )
    op.add_column("tenants", _timestamp("updated_at", nullable=True))
    _users()
    _api_keys()
    _refresh_tokens()
    _audit_log()
    _tenant_secrets()


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
    op.drop_column("tenants", "updated_at")
    op.drop_column("tenants", "status")


def _tenant_id() -> sa.Column[str]:
    return sa.Column("tenant_id", ID, nullable=False)


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _tenant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id"], ["tenants.id"], name=f"fk_{table}_tenant_id_tenants", ondelete="CASCADE"
    )


def _users() -> None:
    op.create_table(
        "users",
        sa.Column("id", ID, nullable=False),
        _tenant_id(),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), server_default="", nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        _timestamp("last_login_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        _tenant_fk("users"),
        sa.UniqueConstraint("tenant_id", "email", name="uq_users_tenant_email"),
    )


def _api_keys() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", ID, nullable=False),
        _tenant_id(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=128), nullable=False),
        sa.Column("user_id", ID, nullable=True),
        _timestamp("created_at"),
        _timestamp("last_used_at", nullable=True),
        _timestamp("expires_at", nullable=True),
        _timestamp("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        _tenant_fk("api_keys"),
    )
    op.create_index("ix_api_keys_digest", "api_keys", ["digest"], unique=True)
    op.create_index("ix_api_keys_tenant_created", "api_keys", ["tenant_id", "created_at"])


def _refresh_tokens() -> None:
    op.create_table(
        "refresh_tokens",
        sa.Column("jti", ID, nullable=False),
        _tenant_id(),
        sa.Column("user_id", ID, nullable=False),
        sa.Column("family_id", ID, nullable=False),
        _timestamp("issued_at"),
        _timestamp("expires_at"),
        _timestamp("used_at", nullable=True),
        _timestamp("revoked_at", nullable=True),
        sa.PrimaryKeyConstraint("jti", name="pk_refresh_tokens"),
        _tenant_fk("refresh_tokens"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_refresh_tokens_user_id_users", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_refresh_tokens_tenant_family", "refresh_tokens", ["tenant_id", "family_id"])
    op.create_index("ix_refresh_tokens_tenant_user", "refresh_tokens", ["tenant_id", "user_id"])


def _audit_log() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        _tenant_id(),
        _timestamp("at"),
        sa.Column("actor_kind", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.String(length=200), nullable=True),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("target_kind", sa.String(length=32), nullable=True),
        sa.Column("target_id", sa.String(length=200), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=True),
        sa.Column("request_id", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_tenant_at", "audit_log", ["tenant_id", "at"])


def _tenant_secrets() -> None:
    op.create_table(
        "tenant_secrets",
        _tenant_id(),
        sa.Column("name", NAME, nullable=False),
        sa.Column("ciphertext", sa.Text(), nullable=False),
        _timestamp("created_at"),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("tenant_id", "name", name="pk_tenant_secrets"),
        _tenant_fk("tenant_secrets"),
    )
