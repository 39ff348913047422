"""Repositories for two tenants, ``t1`` and ``t2``, on each flavour of database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from conclave.adapters.store.repositories import (
    ApiKeyRepository,
    ApprovalRepository,
    AuditLog,
    ConversationRepository,
    DocumentRepository,
    LeaseManager,
    RefreshTokenRepository,
    RunRepository,
    SecretRepository,
    TenantRepository,
    UserRepository,
)


@pytest.fixture
async def tenants(engine: AsyncEngine) -> TenantRepository:
    repository = TenantRepository(engine)
    await repository.create("t1", "Tenant one")
    await repository.create("t2", "Tenant two")
    return repository


@pytest.fixture
def documents(engine: AsyncEngine, tenants: TenantRepository) -> DocumentRepository:
    return DocumentRepository(engine, tenant_id="t1")


@pytest.fixture
def other_documents(engine: AsyncEngine, tenants: TenantRepository) -> DocumentRepository:
    return DocumentRepository(engine, tenant_id="t2")


@pytest.fixture
def conversations(engine: AsyncEngine, tenants: TenantRepository) -> ConversationRepository:
    return ConversationRepository(engine, tenant_id="t1")


@pytest.fixture
def other_conversations(engine: AsyncEngine, tenants: TenantRepository) -> ConversationRepository:
    return ConversationRepository(engine, tenant_id="t2")


@pytest.fixture
def runs(engine: AsyncEngine, tenants: TenantRepository) -> RunRepository:
    return RunRepository(engine, tenant_id="t1")


@pytest.fixture
def other_runs(engine: AsyncEngine, tenants: TenantRepository) -> RunRepository:
    return RunRepository(engine, tenant_id="t2")


@pytest.fixture
def approvals(engine: AsyncEngine, tenants: TenantRepository) -> ApprovalRepository:
    return ApprovalRepository(engine, tenant_id="t1")


@pytest.fixture
def other_approvals(engine: AsyncEngine, tenants: TenantRepository) -> ApprovalRepository:
    return ApprovalRepository(engine, tenant_id="t2")


@pytest.fixture
def users(engine: AsyncEngine, tenants: TenantRepository) -> UserRepository:
    return UserRepository(engine, tenant_id="t1")


@pytest.fixture
def other_users(engine: AsyncEngine, tenants: TenantRepository) -> UserRepository:
    return UserRepository(engine, tenant_id="t2")


@pytest.fixture
def keys(engine: AsyncEngine, tenants: TenantRepository) -> ApiKeyRepository:
    return ApiKeyRepository(engine, tenant_id="t1")


@pytest.fixture
def other_keys(engine: AsyncEngine, tenants: TenantRepository) -> ApiKeyRepository:
    return ApiKeyRepository(engine, tenant_id="t2")


@pytest.fixture
def tokens(engine: AsyncEngine, tenants: TenantRepository) -> RefreshTokenRepository:
    return RefreshTokenRepository(engine, tenant_id="t1")


@pytest.fixture
def other_tokens(engine: AsyncEngine, tenants: TenantRepository) -> RefreshTokenRepository:
    return RefreshTokenRepository(engine, tenant_id="t2")


@pytest.fixture
def audit(engine: AsyncEngine, tenants: TenantRepository) -> AuditLog:
    return AuditLog(engine, tenant_id="t1")


@pytest.fixture
def other_audit(engine: AsyncEngine, tenants: TenantRepository) -> AuditLog:
    return AuditLog(engine, tenant_id="t2")


@pytest.fixture
def secrets(engine: AsyncEngine, tenants: TenantRepository) -> SecretRepository:
    return SecretRepository(engine, tenant_id="t1")


@pytest.fixture
def other_secrets(engine: AsyncEngine, tenants: TenantRepository) -> SecretRepository:
    return SecretRepository(engine, tenant_id="t2")


@pytest.fixture
def leases(engine: AsyncEngine) -> LeaseManager:
    return LeaseManager(engine)


@pytest.fixture
async def second_engine(database_url: str, engine: AsyncEngine) -> AsyncIterator[AsyncEngine]:
    """Another engine on the same database: a second server process, as far as locks go."""
    other = create_async_engine(database_url)
    try:
        yield other
    finally:
        await other.dispose()


async def enforce_foreign_keys(engine: AsyncEngine) -> None:
    """Make SQLite check foreign keys, as the store's own engine does; PostgreSQL always does."""
    if engine.dialect.name != "sqlite":
        return
    await engine.dispose()  # pooled connections were opened without the pragma

    def pragma(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    event.listen(engine.sync_engine, "connect", pragma)
