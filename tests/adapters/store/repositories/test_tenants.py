from __future__ import annotations

import asyncio
from datetime import UTC

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.repositories import DEFAULT_TENANT, TenantRepository
from conclave.adapters.store.repositories.runs import RunRepository
from conclave.errors import NotFound, UserError, VersionConflict


async def test_create_returns_the_tenant_with_its_tier_and_settings(engine: AsyncEngine) -> None:
    tenant = await TenantRepository(engine).create(
        "acme", "Acme", tier="pro", settings={"region": "eu"}
    )
    assert (tenant.id, tenant.name, tenant.tier, tenant.settings) == (
        "acme",
        "Acme",
        "pro",
        {"region": "eu"},
    )


async def test_a_tenant_is_created_on_the_free_tier_by_default(engine: AsyncEngine) -> None:
    assert (await TenantRepository(engine).create("acme", "Acme")).tier == "free"


async def test_created_at_is_aware_utc(engine: AsyncEngine) -> None:
    tenant = await TenantRepository(engine).create("acme", "Acme")
    assert tenant.created_at.tzinfo == UTC


async def test_get_returns_a_created_tenant(engine: AsyncEngine) -> None:
    repository = TenantRepository(engine)
    created = await repository.create("acme", "Acme")
    assert await repository.get("acme") == created


async def test_get_of_an_unknown_tenant_raises_not_found(engine: AsyncEngine) -> None:
    with pytest.raises(NotFound, match="tenant 'ghost' not found"):
        await TenantRepository(engine).get("ghost")


async def test_creating_a_tenant_twice_raises_a_conflict(engine: AsyncEngine) -> None:
    repository = TenantRepository(engine)
    await repository.create("acme", "Acme")
    with pytest.raises(VersionConflict, match="already exists"):
        await repository.create("acme", "Acme again")


async def test_list_returns_every_tenant_by_id(engine: AsyncEngine) -> None:
    repository = TenantRepository(engine)
    await repository.create("zeta", "Zeta")
    await repository.create("alpha", "Alpha")
    assert [tenant.id for tenant in await repository.list()] == ["alpha", "zeta"]


async def test_ensure_default_creates_the_default_tenant(engine: AsyncEngine) -> None:
    tenant = await TenantRepository(engine).ensure_default()
    assert tenant.id == DEFAULT_TENANT == "default"


async def test_ensure_default_is_idempotent(engine: AsyncEngine) -> None:
    repository = TenantRepository(engine)
    first = await repository.ensure_default()
    assert await repository.ensure_default() == first
    assert len(await repository.list()) == 1


async def test_concurrent_ensure_default_creates_one_tenant(engine: AsyncEngine) -> None:
    repository = TenantRepository(engine)
    results = await asyncio.gather(*(repository.ensure_default() for _ in range(5)))
    assert {tenant.id for tenant in results} == {"default"}
    assert len(await repository.list()) == 1


async def test_a_tenant_repository_refuses_an_empty_tenant_id(engine: AsyncEngine) -> None:
    with pytest.raises(UserError, match="needs a tenant id"):
        RunRepository(engine, tenant_id="")
