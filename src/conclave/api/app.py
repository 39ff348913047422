"""The application: ``create_app()`` wires the services, the routes and the error handlers.

Its lifespan opens the store (upgrading an embedded SQLite schema, checking a PostgreSQL
one), makes sure the default tenant exists, builds the bus, the catalog and the run
executor, and starts the executor, which also resumes runs orphaned by a dead process. It
builds authentication (the secret key, tokens, tiers and rate limiters) and, on a fresh
store, prints a first admin key once. On shutdown it stops the executor (its runs stay
resumable), closes the limiters, the bus and the store.
"""

from __future__ import annotations

import os
import secrets
import socket
import sys
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from conclave import __version__
from conclave.adapters.bus import Bus, InProcessBus
from conclave.adapters.limits import Limiters, open_limiters
from conclave.adapters.store import migrate
from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories.tenants import TenantRepository
from conclave.api.auth import install_security
from conclave.api.deps import Services
from conclave.api.errors import install_error_handlers
from conclave.api.limits import BodyLimit, RateHeaders
from conclave.api.routes import ROUTERS
from conclave.catalog import Catalog
from conclave.config import Settings
from conclave.engine.guard import default_guard
from conclave.engine.models.base import ModelClient
from conclave.services.access import Access
from conclave.services.approvals import StoreApprover
from conclave.services.auth import (
    SecretBox,
    TokenCodec,
    resolve_secret_key,
    settings_from_vault,
)
from conclave.services.executor import RunExecutor
from conclave.services.identity import IdentityService
from conclave.services.oversight import Overseer
from conclave.services.provider_keys import ProviderKeys
from conclave.services.runs import RunService
from conclave.services.targets import StoreTargets
from conclave.services.tenants import TenantService
from conclave.services.tiers import load_tiers

__all__ = ["create_app", "executor_owner"]


def create_app(
    settings: Settings | None = None, *, models: Mapping[str, ModelClient] | None = None
) -> FastAPI:
    """The Conclave API, configured by ``settings`` (from the environment by default).

    Args:
        settings: the configuration; read from the environment when omitted.
        models: ready model clients by ``provider:model`` string, used before building one
            (for example a scripted model that ``CONCLAVE_MODEL=scripted:<name>`` selects).
    """
    settings = settings or Settings()
    app = FastAPI(
        title="Conclave",
        version=__version__,
        description="Teams of AI agents you host yourself.",
        lifespan=_lifespan(settings, models),
    )
    app.state.ready = False
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(RateHeaders)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["Retry-After"],
        )
    install_error_handlers(app)
    install_security(app)
    for router in ROUTERS:
        app.include_router(router)
    return app


def executor_owner() -> str:
    """A name for this process's executor in run leases: ``host:pid:random``."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def _lifespan(
    settings: Settings, models: Mapping[str, ModelClient] | None
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        services = await _start(settings, models)
        app.state.services = services
        app.state.ready = True
        try:
            yield
        finally:
            app.state.ready = False
            await _stop(services)

    return lifespan


async def _start(settings: Settings, models: Mapping[str, ModelClient] | None) -> Services:
    settings = settings_from_vault(settings)
    database = Database(settings.effective_database_url())
    try:
        await migrate.ensure_schema(database.engine)
        await TenantRepository(database.engine).ensure_default(tier=settings.default_tier)
    except BaseException:
        await database.dispose()
        raise
    bus = InProcessBus()
    catalog = Catalog.load(settings, models=models)
    secret = resolve_secret_key(settings)
    box = SecretBox.from_settings(settings, secret)
    keys = ProviderKeys(box)

    # Approvals wait in the store for a decision through the API, across restarts.
    def approvers(tenant: str) -> StoreApprover:
        return StoreApprover(
            database,
            bus,
            tenant_id=tenant,
            poll_seconds=settings.approval_poll_seconds,
            timeout_seconds=settings.approval_timeout_seconds,
            webhook_url=settings.approval_webhook_url,
        )

    targets = StoreTargets(database, catalog, approvers=approvers, keys=keys)
    guard = default_guard(settings.guard_classifier) if settings.guard else None
    overseer = Overseer(
        database,
        tiers=load_tiers(settings),
        approvers=approvers,
        guard=guard,
        policy=settings.approval_policy(),
        spike_share=settings.budget_spike_share,
    )
    limiters = open_limiters(settings.redis_url, namespace=settings.redis_namespace)
    executor = RunExecutor(
        database,
        bus,
        targets,
        overseer=overseer,
        slots=limiters.runs,
        owner=executor_owner(),
        lease_seconds=settings.run_lease_seconds,
        heartbeat_seconds=settings.run_heartbeat_seconds,
        poll_seconds=settings.run_poll_seconds,
        max_attempts=settings.run_max_attempts,
    )
    await executor.start()
    runs = RunService(database, bus, targets, executor=executor, guard=guard)
    security = _Security(secret=secret, box=box, keys=keys, limiters=limiters)
    access, identity, tenants = _security(settings, database, bus, catalog, security)
    await _first_credential(settings, tenants)
    return Services(
        settings=settings,
        database=database,
        bus=bus,
        catalog=catalog,
        runs=runs,
        executor=executor,
        access=access,
        identity=identity,
        tenants=tenants,
        keys=keys,
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class _Security:
    secret: bytes
    box: SecretBox
    keys: ProviderKeys
    limiters: Limiters


def _security(
    settings: Settings, database: Database, bus: Bus, catalog: Catalog, security: _Security
) -> tuple[Access, IdentityService, TenantService]:
    tiers = load_tiers(settings)
    access = Access(
        database,
        secret=security.secret,
        tokens=TokenCodec.from_settings(settings, security.secret),
        tiers=tiers,
        limiters=security.limiters,
    )
    identity = IdentityService(database, access, secret=security.secret)
    tenants = TenantService(
        database,
        bus,
        catalog,
        tiers=tiers,
        access=access,
        identity=identity,
        box=security.box,
        keys=security.keys,
    )
    return access, identity, tenants


async def _first_credential(settings: Settings, tenants: TenantService) -> None:
    """Accept ``CONCLAVE_ADMIN_KEY``; on a fresh store without one, print a new key once."""
    if settings.admin_key is not None:
        await tenants.seed_key(settings.admin_key.get_secret_value())
    issued = await tenants.first_start_key()
    if issued is not None:
        print(FIRST_KEY_BANNER.format(key=issued.plaintext), file=sys.stderr, flush=True)


FIRST_KEY_BANNER = """
  Conclave made an admin API key for this new store. It is shown this once:

      {key}

  Send it as "Authorization: Bearer <key>", or run: conclave login --key <key>
"""


async def _stop(services: Services) -> None:
    try:
        await services.executor.stop()
    finally:
        await services.access.close()
        await services.keys.aclose()
        await services.catalog.factory.aclose()
        await services.bus.close()
        await services.database.dispose()
