"""What a request handler needs, as FastAPI dependencies.

The services are built once, by the application's lifespan, and kept in ``app.state``.
Handlers ask for them through :data:`ServicesDep`; who the caller is, and for which tenant,
comes from the requirement each route declares (:mod:`conclave.api.auth`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from conclave.adapters.bus import Bus
from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories.tenants import DEFAULT_TENANT
from conclave.catalog import Catalog
from conclave.config import Settings
from conclave.services.access import Access
from conclave.services.executor import RunExecutor
from conclave.services.identity import IdentityService
from conclave.services.provider_keys import ProviderKeys
from conclave.services.runs import RunService
from conclave.services.tenants import TenantService

__all__ = ["Services", "ServicesDep", "get_services"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Services:
    """Everything the routes use, built once per application.

    Attributes:
        settings: the configuration the application started with.
        database: the store.
        bus: where run events and lifecycle messages are published.
        catalog: the agents and teams that can be run.
        runs: the run service.
        executor: the executor running this process's runs.
        access: authenticates requests and charges them to their tenant's rate.
        identity: members, keys, sessions and the audit log.
        tenants: onboarding and tenant administration.
        keys: the tenants' own model-provider keys, and the clients that use them.
        tenant_id: the embedded default tenant.
    """

    settings: Settings
    database: Database
    bus: Bus
    catalog: Catalog
    runs: RunService
    executor: RunExecutor
    access: Access
    identity: IdentityService
    tenants: TenantService
    keys: ProviderKeys
    tenant_id: str = DEFAULT_TENANT


# Dependencies are coroutines: FastAPI runs a plain function in a worker thread, a trip
# every request would pay for nothing.


async def get_services(connection: HTTPConnection) -> Services:
    """The application's services, built by its lifespan (for requests and WebSockets)."""
    services: Services = connection.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
