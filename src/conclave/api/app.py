"""The application: ``create_app()`` wires the services, the routes and the error handlers.

Its lifespan opens the store (upgrading an embedded SQLite schema, checking a PostgreSQL
one), makes sure the default tenant exists, builds the bus, the catalog and the run
executor, and starts the executor, which also resumes runs orphaned by a dead process. On
shutdown it stops the executor (its runs stay resumable), closes the bus and the store.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from conclave import __version__
from conclave.adapters.bus import InProcessBus
from conclave.adapters.store import migrate
from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories.tenants import TenantRepository
from conclave.api.deps import Services
from conclave.api.errors import install_error_handlers
from conclave.api.routes import ROUTERS
from conclave.catalog import Catalog
from conclave.config import Settings
from conclave.engine.models.base import ModelClient
from conclave.services.approvals import StoreApprover
from conclave.services.executor import RunExecutor
from conclave.services.runs import RunService
from conclave.services.targets import StoreTargets

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
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["Retry-After"],
        )
    install_error_handlers(app)
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
    database = Database(settings.effective_database_url())
    try:
        await migrate.ensure_schema(database.engine)
        await TenantRepository(database.engine).ensure_default()
    except BaseException:
        await database.dispose()
        raise
    bus = InProcessBus()
    catalog = Catalog.load(settings, models=models)
    # Approval gates wait in the store for a decision through the API, across restarts.
    targets = StoreTargets(
        database,
        catalog,
        approvers=lambda tenant: StoreApprover(database, bus, tenant_id=tenant),
    )
    executor = RunExecutor(
        database,
        bus,
        targets,
        owner=executor_owner(),
        lease_seconds=settings.run_lease_seconds,
        heartbeat_seconds=settings.run_heartbeat_seconds,
        poll_seconds=settings.run_poll_seconds,
        max_attempts=settings.run_max_attempts,
    )
    await executor.start()
    runs = RunService(database, bus, targets, executor=executor)
    return Services(
        settings=settings, database=database, bus=bus, catalog=catalog, runs=runs, executor=executor
    )


async def _stop(services: Services) -> None:
    try:
        await services.executor.stop()
    finally:
        await services.bus.close()
        await services.database.dispose()
