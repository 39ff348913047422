"""``GET /health`` and ``GET /ready``."""

from __future__ import annotations

import httpx2
from fastapi import FastAPI

from tests.api.conftest import services


async def test_health_reports_each_dependency_ok(client: httpx2.AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["latency_ms"] >= 0
    assert body["checks"]["bus"]["status"] == "ok"
    assert body["checks"]["executor"] == {"status": "ok"}  # nothing about other tenants' runs


async def test_health_is_503_and_degraded_when_the_bus_is_closed(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    await services(app).bus.close()
    response = await client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["bus"]["status"] == "error"


async def test_ready_is_200_once_started(client: httpx2.AsyncClient) -> None:
    response = await client.get("/ready")
    assert (response.status_code, response.json()) == (200, {"status": "ready"})


async def test_ready_is_503_before_the_lifespan_starts() -> None:
    from conclave.api import create_app

    app = create_app()
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await client.get("/ready")
    assert response.status_code == 503


def test_the_503s_are_documented(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    assert "503" in paths["/health"]["get"]["responses"]
    assert "503" in paths["/ready"]["get"]["responses"]
