"""Spending and approvals: the cost ledger, budget counters and holds, a run's own limits;
who may decide an approval, and when it times out.

Revision ID: 0003
Revises: 0002
Create Date: 2025-03-01

Mirrors ``conclave.adapters.store.tables`` as it was at this revision. The new columns of
``approvals`` are added and dropped with plain ``ALTER TABLE``, as in 0002.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None

ID = sa.String(length=64)
NAME = sa.String(length=64)
NANO = sa.BigInteger()
TABLES = ("budget_holds", "spend_counters", "cost_ledger")
APPROVAL_COLUMNS = ("escalations", "on_timeout", "expires_at", "required_role", "kind")


def upgrade() -> None:
    op.add_column("runs", sa.Column("limits", sa.JSON(), nullable=True))
    _approval_columns()
    _cost_ledger()
    _spend_counters()
    _budget_holds()


def downgrade() -> None:
    for table in TABLES:
        op.drop_table(table)
    op.drop_index("ix_approvals_status_expires", table_name="approvals")
    for column in APPROVAL_COLUMNS:
        op.drop_column("approvals", column)
    op.drop_column("runs", "limits")


def _tenant_id() -> sa.Column[str]:
    return sa.Column("tenant_id", ID, nullable=False)


def _timestamp(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _tenant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["tenant_id"], ["tenants.id"], name=f"fk_{table}_tenant_id_tenants", ondelete="CASCADE"
    )


def _approval_columns() -> None:
    add = op.add_column
    add("approvals", sa.Column("kind", sa.String(16), server_default="gate", nullable=False))
    add(
        "approvals",
        sa.Column("required_role", sa.String(16), server_default="operator", nullable=False),
    )
    add("approvals", _timestamp("expires_at", nullable=True))
    add("approvals", sa.Column("on_timeout", sa.String(16), server_default="deny", nullable=False))
    add("approvals", sa.Column("escalations", sa.Integer(), server_default="0", nullable=False))
    op.create_index("ix_approvals_status_expires", "approvals", ["status", "expires_at"])


def _cost_ledger() -> None:
    op.create_table(
        "cost_ledger",
        sa.Column("id", ID, nullable=False),
        _tenant_id(),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("conversation_id", ID, nullable=True),
        sa.Column("agent", sa.String(length=200), nullable=False),
        sa.Column("team", NAME, nullable=True),
        sa.Column("model", sa.String(length=200), nullable=False),
        sa.Column("input_tokens", sa.Integer(), nullable=False),
        sa.Column("output_tokens", sa.Integer(), nullable=False),
        sa.Column("cost_nano", NANO, nullable=False),
        sa.Column("estimate_nano", NANO, nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        _timestamp("at"),
        sa.PrimaryKeyConstraint("id", name="pk_cost_ledger"),
        _tenant_fk("cost_ledger"),
    )
    op.create_index("ix_cost_ledger_tenant_day", "cost_ledger", ["tenant_id", "day"])
    op.create_index("ix_cost_ledger_tenant_run", "cost_ledger", ["tenant_id", "run_id"])


def _spend_counters() -> None:
    op.create_table(
        "spend_counters",
        _tenant_id(),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("spent_nano", NANO, server_default="0", nullable=False),
        sa.Column("reserved_nano", NANO, server_default="0", nullable=False),
        _timestamp("updated_at"),
        sa.PrimaryKeyConstraint("tenant_id", "scope", name="pk_spend_counters"),
        _tenant_fk("spend_counters"),
    )


def _budget_holds() -> None:
    op.create_table(
        "budget_holds",
        sa.Column("id", ID, nullable=False),
        _tenant_id(),
        sa.Column("run_id", ID, nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("amount_nano", NANO, nullable=False),
        _timestamp("expires_at"),
        sa.PrimaryKeyConstraint("id", name="pk_budget_holds"),
        _tenant_fk("budget_holds"),
    )
    op.create_index("ix_budget_holds_expires", "budget_holds", ["expires_at"])
