"""Factories for the identity and limits tests: tenants, keys, members, clients that act
as them, and runs held open at an approval gate.

Every factory works through the HTTP API, as a customer's administrator would::

    tenant = await onboard(client, tier="tiny")            # client: a platform key
    async with bearer(app, tenant["admin_key"]) as admin:
        viewer = await make_key(admin, "viewer")
        await add_member(admin, "ana@example.com", role="operator", password=PASSWORD)
"""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any

import httpx2
import yaml
from fastapi import FastAPI

__all__ = [
    "GATED_RUN",
    "PASSWORD",
    "add_member",
    "bearer",
    "client_of",
    "gated_specs",
    "login",
    "make_key",
    "onboard",
    "tenant_id",
    "tiers_file",
    "waiting_approval",
]

PASSWORD = "correct horse battery staple"


def tenant_id() -> str:
    """A tenant id no other test uses, even on a Redis server shared between runs."""
    return f"t-{uuid.uuid4().hex[:16]}"


def client_of(app: FastAPI, headers: dict[str, str] | None = None) -> httpx2.AsyncClient:
    """A client of ``app`` sending ``headers``; use it with ``async with``."""
    transport = httpx2.ASGITransport(app=app)
    return httpx2.AsyncClient(transport=transport, base_url="http://test", headers=headers)


def bearer(app: FastAPI, credential: str) -> httpx2.AsyncClient:
    """A client of ``app`` that sends an API key or access token as ``Authorization: Bearer``."""
    return client_of(app, {"Authorization": f"Bearer {credential}"})


async def onboard(platform: httpx2.AsyncClient, **fields: Any) -> dict[str, Any]:
    """Onboard a tenant (a fresh id unless ``id`` is given) through ``POST /api/tenants``.

    Returns:
        The answer, whose ``admin_key`` is the tenant's first admin key.
    """
    body = {"id": tenant_id(), "name": "Acme", "tier": "free", "packs": []} | fields
    response = await platform.post("/api/tenants", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def make_key(admin: httpx2.AsyncClient, role: str = "viewer", **fields: Any) -> str:
    """A new API key of ``admin``'s tenant, with ``role``; its plaintext."""
    body = {"name": f"{role} key", "role": role} | fields
    response = await admin.post("/api/keys", json=body)
    assert response.status_code == 201, response.text
    key: str = response.json()["key"]
    return key


async def add_member(
    admin: httpx2.AsyncClient,
    email: str,
    *,
    role: str = "viewer",
    password: str | None = PASSWORD,
) -> dict[str, Any]:
    """A new member of ``admin``'s tenant, as ``POST /api/users`` answers."""
    body = {"email": email, "role": role, "password": password}
    response = await admin.post("/api/users", json=body)
    assert response.status_code == 201, response.text
    member: dict[str, Any] = response.json()
    return member


async def login(
    client: httpx2.AsyncClient, tenant: str, email: str, password: str = PASSWORD
) -> httpx2.Response:
    """The answer to ``POST /api/auth/login``."""
    body = {"tenant": tenant, "email": email, "password": password}
    return await client.post("/api/auth/login", json=body)


def tiers_file(folder: Path, **tiers: dict[str, Any]) -> Path:
    """A tiers file in ``folder`` adding or changing ``tiers`` (name -> fields)."""
    path = folder / "tiers.yaml"
    path.write_text(yaml.safe_dump(tiers), encoding="utf-8")
    return path


# A team that waits at an approval gate until someone decides: a run held open.
_GATED = """
name: gated
kind: graph
steps:
  - {id: draft, agent: assistant}
  - {id: approve, approval: {prompt: "Publish it?"}, depends_on: [draft]}
"""
GATED_RUN = {"target_kind": "team", "target": "gated", "input": "a note"}
"""The body of ``POST /api/runs`` for a run of the gated team (see :func:`gated_specs`)."""


def gated_specs(folder: Path) -> Path:
    """A specs folder, for the ``specs_dir`` setting, holding the team ``gated``."""
    specs = folder / "specs"
    specs.mkdir(exist_ok=True)
    (specs / "gated.yaml").write_text(_GATED, encoding="utf-8")
    return specs


async def waiting_approval(client: httpx2.AsyncClient, run_id: str) -> str:
    """The id of the approval the run waits for, once it waits.

    The run's status is awaited too: the ``approval.requested`` event can be read a moment
    before the approval itself is stored, and a decision in that moment is a 404.
    """
    async with asyncio.timeout(20):
        while True:
            run = (await client.get(f"/api/runs/{run_id}")).json()
            events = (await client.get(f"/api/runs/{run_id}/events")).json()
            asked = [e["approval_id"] for e in events if e["kind"] == "approval.requested"]
            if run["status"] == "waiting" and asked:
                return str(asked[-1])
            await asyncio.sleep(0.05)
