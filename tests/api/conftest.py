"""Fixtures for the API: the application on a temporary SQLite store, and a client for it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI
from sqlalchemy import insert

from conclave.adapters.store.tables import runs
from conclave.api import create_app
from conclave.api.deps import Services
from conclave.config import Settings
from conclave.engine.recorder import new_run_id
from conclave.services.auth import generate_api_key

# A platform key of the default tenant, which every test app accepts (CONCLAVE_ADMIN_KEY).
ADMIN_KEY = generate_api_key(b"tests").plaintext
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}


def app_settings(folder: Path, **changes: Any) -> Settings:
    """Settings for a test app on a store in ``folder``, accepting :data:`ADMIN_KEY`."""
    values: dict[str, Any] = {
        "data_dir": folder,
        "env": "test",
        "database_url": None,
        "admin_key": ADMIN_KEY,
    }
    return Settings(**(values | changes))


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    """The application, started (its lifespan entered) on a store in a temporary folder."""
    app = create_app(app_settings(tmp_path))
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx2.AsyncClient]:
    """A client of ``app`` that sends :data:`ADMIN_KEY`."""
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(
        transport=transport, base_url="http://test", headers=AUTH
    ) as client:
        yield client


@pytest.fixture
async def anonymous(app: FastAPI) -> AsyncIterator[httpx2.AsyncClient]:
    """A client of ``app`` that sends no credential."""
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
        yield client


def services(app: FastAPI) -> Services:
    found: Services = app.state.services
    return found


async def finished(client: httpx2.AsyncClient, run_id: str, seconds: float = 20) -> dict[str, Any]:
    """The run once it has finished, polled through the API."""
    async with asyncio.timeout(seconds):
        while True:
            run: dict[str, Any] = (await client.get(f"/api/runs/{run_id}")).json()
            if run["status"] in ("completed", "failed", "cancelled"):
                return run
            await asyncio.sleep(0.05)


async def held_elsewhere(app: FastAPI, target: str = "assistant") -> str:
    """A pending run, with no events yet, whose lease another process holds, so nothing
    here executes it.

    It is stored already leased: a run stored unleased could be claimed by this app's own
    executor before the test claimed it."""
    found = services(app)
    run_id, now = new_run_id(), datetime.now(UTC)
    row = {
        "id": run_id,
        "tenant_id": found.tenant_id,
        "target_kind": "agent",
        "target": target,
        "input": "hello",
        "status": "pending",
        "lease_owner": "elsewhere",
        "lease_expires_at": now + timedelta(seconds=300),
        "created_at": now,
        "updated_at": now,
    }
    async with found.database.engine.begin() as connection:
        await connection.execute(insert(runs).values(row))
    return run_id
