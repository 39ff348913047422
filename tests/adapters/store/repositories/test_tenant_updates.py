"""Tenants' status and changes; creation and reads are in test_tenants.py."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.repositories import NO_TENANT, TenantRepository
from conclave.errors import NotFound, UserError


async def test_a_new_tenant_is_active_and_never_updated(engine: AsyncEngine) -> None:
    tenant = await TenantRepository(engine).create("acme", "Acme")
    assert (tenant.status, tenant.updated_at) == ("active", None)


async def test_a_tenant_can_be_created_suspended(engine: AsyncEngine) -> None:
    tenant = await TenantRepository(engine).create("acme", "Acme", status="suspended")
    assert tenant.status == "suspended"


async def test_update_changes_what_it_is_given_and_stamps_the_time(engine: AsyncEngine) -> None:
    repository = TenantRepository(engine)
    await repository.create("acme", "Acme", tier="free", settings={"region": "eu"})
    updated = await repository.update("acme", tier="pro", status="suspended")
    assert (updated.name, updated.tier, updated.status) == ("Acme", "pro", "suspended")
    assert updated.settings == {"region": "eu"}
    assert updated.updated_at is not None
    assert await repository.get("acme") == updated


async def test_update_replaces_the_settings_whole(engine: AsyncEngine) -> None:
    repository = TenantRepository(engine)
    await repository.create("acme", "Acme", settings={"region": "eu", "seats": 3})
    updated = await repository.update("acme", name="Acme Ltd", settings={"seats": 5})
    assert (updated.name, updated.settings) == ("Acme Ltd", {"seats": 5})


async def test_update_of_an_unknown_tenant_raises_not_found(engine: AsyncEngine) -> None:
    with pytest.raises(NotFound, match="tenant 'ghost' not found"):
        await TenantRepository(engine).update("ghost", name="Ghost")


async def test_an_unknown_status_is_refused(engine: AsyncEngine) -> None:
    repository = TenantRepository(engine)
    with pytest.raises(UserError, match="use active or suspended"):
        await repository.create("acme", "Acme", status="closed")
    await repository.create("acme", "Acme")
    with pytest.raises(UserError, match="use active or suspended"):
        await repository.update("acme", status="closed")


async def test_the_audit_logs_reserved_tenant_id_cannot_be_taken(engine: AsyncEngine) -> None:
    with pytest.raises(UserError, match="reserved"):
        await TenantRepository(engine).create(NO_TENANT, "Sneaky")
