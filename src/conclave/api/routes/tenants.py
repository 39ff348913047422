"""Tenants: onboarding and administration by platform administrators (``/api/tenants``),
and a tenant's own view of itself and its secrets (``/api/tenant``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response
from fastapi.exceptions import RequestValidationError

from conclave.adapters.store.records import TenantRecord
from conclave.api.auth import AdminTenant, Platform, ViewerTenant
from conclave.api.deps import Services, ServicesDep
from conclave.api.schemas.identity import (
    SecretNames,
    SecretPut,
    TenantCreate,
    TenantCreated,
    TenantPublic,
    TenantUpdate,
)
from conclave.services.identity import acting
from conclave.services.tenants import Onboarding

__all__ = ["own_router", "router"]

router = APIRouter(prefix="/api/tenants", tags=["tenants"])
own_router = APIRouter(prefix="/api/tenant", tags=["tenants"])
SecretName = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


def tenant_public(tenant: TenantRecord) -> TenantPublic:
    """A tenant as the API shows it."""
    return TenantPublic.model_validate(tenant, from_attributes=True)


@router.post("", status_code=201)
async def onboard(body: TenantCreate, services: ServicesDep, _caller: Platform) -> TenantCreated:
    """Register a customer: its tier, its packs' agents and teams, and its first admin key
    (shown this once); publishes ``tenant.created``. 409 if the id is taken."""
    _check_tier(services, body.tier)
    request = Onboarding(
        id=body.id,
        name=body.name,
        tier=body.tier,
        packs=tuple(body.packs),
        settings=body.settings,
        admin_email=body.admin_email,
        admin_password=body.admin_password,
    )
    done = await services.tenants.onboard(request, acting())
    return TenantCreated(
        **tenant_public(done.tenant).model_dump(),
        admin_key=done.admin_key.plaintext,
        provisioned=list(done.provisioned),
    )


@router.get("")
async def list_tenants(services: ServicesDep, _caller: Platform) -> list[TenantPublic]:
    """Every tenant."""
    return [tenant_public(tenant) for tenant in await services.tenants.list()]


@router.get("/{tenant_id}")
async def get_tenant(tenant_id: str, services: ServicesDep, _caller: Platform) -> TenantPublic:
    """One tenant."""
    return tenant_public(await services.tenants.get(tenant_id))


@router.patch("/{tenant_id}")
async def update_tenant(
    tenant_id: str, body: TenantUpdate, services: ServicesDep, _caller: Platform
) -> TenantPublic:
    """Rename a tenant, change its tier, or suspend it (its credentials are refused) or
    reactivate it."""
    if body.tier is not None:
        _check_tier(services, body.tier)
    tenant = await services.tenants.update(
        tenant_id, acting(), name=body.name, tier=body.tier, status=body.status
    )
    return tenant_public(tenant)


def _check_tier(services: Services, tier: str) -> None:
    """Refuse an unknown tier as invalid input (a 422 naming the field), not a 404."""
    tiers = services.access.tiers
    if tier not in tiers:
        known = ", ".join(tiers.names())
        message = f"unknown tier {tier!r}; use one of {known}"
        raise RequestValidationError([{"loc": ("body", "tier"), "msg": message, "type": "tier"}])


@own_router.get("")
async def own_tenant(services: ServicesDep, tenant_id: ViewerTenant) -> TenantPublic:
    """The caller's tenant."""
    return tenant_public(await services.tenants.get(tenant_id))


@own_router.get("/secrets")
async def secret_names(services: ServicesDep, tenant_id: AdminTenant) -> SecretNames:
    """The names of the tenant's stored secrets; their values are never shown."""
    return SecretNames(names=await services.tenants.secret_names(tenant_id))


@own_router.put("/secrets/{name}", status_code=204, response_class=Response)
async def put_secret(
    name: SecretName, body: SecretPut, services: ServicesDep, tenant_id: AdminTenant
) -> Response:
    """Store a secret, such as a model provider's API key, encrypted at rest."""
    await services.tenants.put_secret(tenant_id, name, body.value, acting())
    return Response(status_code=204)


@own_router.delete("/secrets/{name}", status_code=204, response_class=Response)
async def delete_secret(
    name: SecretName, services: ServicesDep, tenant_id: AdminTenant
) -> Response:
    """Forget a stored secret."""
    await services.tenants.delete_secret(tenant_id, name, acting())
    return Response(status_code=204)
