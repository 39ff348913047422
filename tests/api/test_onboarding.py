"""Onboarding a customer: its tier and packs, its own copies of the packs' agents and teams,
its first admin, the audit entry and the ``tenant.created`` message."""

from __future__ import annotations

import asyncio

import httpx2
from fastapi import FastAPI

from conclave.adapters.bus import EVENTS
from tests.api._tenants import PASSWORD, bearer, onboard, tenant_id
from tests.api.conftest import services


async def test_onboarding_publishes_tenant_created(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    async with services(app).bus.subscribe(EVENTS, "tenant.*") as messages:
        created = await onboard(client, tier="pro")
        async with asyncio.timeout(5):
            message = await anext(aiter(messages))
    assert message.routing_key == "tenant.created"
    assert message.payload["tenant_id"] == created["id"]
    assert message.payload["tier"] == "pro"


async def test_the_packs_chosen_become_the_tenants_own_versioned_documents(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    created = await onboard(client, packs=["trading"])
    assert "team:trading-desk" in created["provisioned"]
    assert created["settings"]["packs"] == ["trading"]
    async with bearer(app, created["admin_key"]) as admin:
        versions = await admin.get("/api/teams/trading-desk/versions")
        members = [name.partition(":")[2] for name in created["provisioned"] if "agent:" in name]
        agent = await admin.get(f"/api/agents/{members[0]}/versions")
    assert versions.json()["total"] == 1  # stored for this tenant: it can change and roll back
    assert agent.json()["total"] == 1


async def test_a_tenant_without_packs_starts_with_nothing_stored(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    created = await onboard(client, packs=[])
    assert created["provisioned"] == []
    async with bearer(app, created["admin_key"]) as admin:
        versions = await admin.get("/api/teams/trading-desk/versions")
    assert versions.json()["total"] == 0  # the built-in team, not a copy


async def test_the_first_admin_member_can_sign_in(app: FastAPI, client: httpx2.AsyncClient) -> None:
    created = await onboard(client, admin_email="boss@acme.test", admin_password=PASSWORD)
    async with bearer(app, created["admin_key"]) as anyone:
        login = {"tenant": created["id"], "email": "boss@acme.test", "password": PASSWORD}
        session = await anyone.post("/api/auth/login", json=login)
    assert session.status_code == 200, session.text
    assert session.json()["user"]["role"] == "admin"


async def test_onboarding_is_in_the_new_tenants_audit_log(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    created = await onboard(client)
    async with bearer(app, created["admin_key"]) as admin:
        entries = (await admin.get("/api/audit", params={"action": "tenant."})).json()["items"]
    assert [(e["action"], e["target_id"], e["actor_kind"]) for e in entries] == [
        ("tenant.create", created["id"], "key")
    ]


async def test_an_unknown_tier_or_pack_is_invalid_input(client: httpx2.AsyncClient) -> None:
    tier = await client.post("/api/tenants", json={"id": tenant_id(), "name": "X", "tier": "gold"})
    pack = await client.post(
        "/api/tenants", json={"id": tenant_id(), "name": "X", "packs": ["cooking"]}
    )
    assert tier.status_code == 422, tier.text
    assert "unknown tier 'gold'" in tier.json()["error"]["message"]
    assert tier.json()["error"]["details"]["fields"][0]["loc"] == ["body", "tier"]
    assert pack.status_code == 422, pack.text


async def test_a_taken_id_is_a_conflict_and_changes_nothing(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    created = await onboard(client, tier="pro")
    again = await client.post(
        "/api/tenants", json={"id": created["id"], "name": "Impostor", "tier": "free"}
    )
    assert again.status_code == 409
    tenant = (await client.get(f"/api/tenants/{created['id']}")).json()
    assert (tenant["name"], tenant["tier"]) == ("Acme", "pro")
