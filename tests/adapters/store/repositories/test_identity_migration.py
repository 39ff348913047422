"""Migration 0002 (identity) on a database that already holds data, and back."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import Connection, inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store import migrate
from conclave.adapters.store.engine import create_engine

NEW_TABLES = {"users", "api_keys", "refresh_tokens", "audit_log", "tenant_secrets"}


@pytest.fixture
async def at_0001(database_url: str) -> AsyncIterator[AsyncEngine]:
    """A database at revision 0001 holding a tenant with a document, on the store's engine
    (which enforces foreign keys on SQLite, so a cascade would show)."""
    await migrate.upgrade(database_url, "0001")
    engine = create_engine(database_url)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "insert into tenants (id, name, tier, settings, created_at) "
                "values ('acme', 'Acme', 'pro', '{}', '2030-01-01 00:00:00')"
            )
        )
        await connection.execute(
            text(
                "insert into documents (tenant_id, kind, name, version, spec, created_at) "
                "values ('acme', 'agent', 'research', 1, '{}', '2030-01-01 00:00:00')"
            )
        )
    try:
        yield engine
    finally:
        await engine.dispose()


def _shape(connection: Connection) -> tuple[set[str], set[str]]:
    inspector = inspect(connection)
    return set(inspector.get_table_names()), {c["name"] for c in inspector.get_columns("tenants")}


async def _read(engine: AsyncEngine, sql: str) -> Any:
    async with engine.connect() as connection:
        return (await connection.execute(text(sql))).all()


async def test_upgrading_makes_existing_tenants_active(at_0001: AsyncEngine) -> None:
    await migrate.upgrade(at_0001, "0002")
    assert await _read(at_0001, "select id, status, updated_at from tenants") == [
        ("acme", "active", None)
    ]


async def test_downgrading_removes_identity_and_keeps_everything_else(
    at_0001: AsyncEngine,
) -> None:
    await migrate.upgrade(at_0001, "0002")
    await migrate.downgrade(at_0001, "0001")
    async with at_0001.connect() as connection:
        tables, tenant_columns = await connection.run_sync(_shape)
    assert not tables & NEW_TABLES
    assert {"status", "updated_at"}.isdisjoint(tenant_columns)
    assert await _read(at_0001, "select name from documents") == [("research",)]
    await migrate.upgrade(at_0001, "0002")
    assert await migrate.current(at_0001) == "0002"
