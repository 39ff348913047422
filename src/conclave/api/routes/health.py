"""``GET /health`` (each dependency, with its status) and ``GET /ready``."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from conclave.adapters.bus import DIRECT
from conclave.api.auth import Public
from conclave.api.deps import Services, ServicesDep

__all__ = ["router"]

router = APIRouter(tags=["health"], dependencies=[Public])
_PROBE_KEY = "health.probe"


@router.get("/health", responses={503: {"description": "degraded: a dependency failed"}})
async def health(services: ServicesDep) -> JSONResponse:
    """The database, the bus and the executor, each ``ok`` or ``error``; 503 if any fails."""
    checks = {
        "database": await _database(services),
        "bus": await _bus(services),
        "executor": _executor(services),
    }
    ok = all(check["status"] == "ok" for check in checks.values())
    body = {"status": "ok" if ok else "degraded", "checks": checks}
    return JSONResponse(body, status_code=200 if ok else 503)


@router.get("/ready", responses={503: {"description": "starting, or shutting down"}})
async def ready(request: Request) -> JSONResponse:
    """200 once the application has started, 503 before (and while it shuts down)."""
    started = bool(getattr(request.app.state, "ready", False))
    status = "ready" if started else "starting"
    return JSONResponse({"status": status}, status_code=200 if started else 503)


async def _database(services: Services) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        async with services.database.connect() as connection:
            await connection.execute(text("select 1"))
    except Exception as error:
        return {"status": "error", "error": type(error).__name__}
    elapsed = round((time.perf_counter() - start) * 1000, 2)
    return {"status": "ok", "flavour": services.database.flavour, "latency_ms": elapsed}


async def _bus(services: Services) -> dict[str, Any]:
    # A publish nobody listens to is dropped, so it only proves the bus takes messages.
    try:
        await services.bus.publish(DIRECT, _PROBE_KEY, {})
    except Exception as error:
        return {"status": "error", "error": type(error).__name__}
    return {"status": "ok", "flavour": type(services.bus).__name__}


def _executor(services: Services) -> dict[str, Any]:
    # Health is public: how busy the platform is, and where it runs, is nobody's business
    # here (a tenant sees its own runs in /api/status).
    return {"status": "ok"}
