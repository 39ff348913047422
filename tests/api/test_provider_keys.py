"""A tenant's own model-provider keys: stored encrypted, used for its agents' calls only."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx2
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from conclave.adapters.store.tables import tenant_secrets
from conclave.api import create_app
from tests.api._tenants import bearer, onboard
from tests.api.conftest import AUTH, app_settings, services
from tests.fakes.llm_server import FakeLLMServer, Reply

SERVER_KEY = "sk-server"
TENANT_KEY = "sk-tenant-a"


@pytest.fixture
def llm() -> Iterator[FakeLLMServer]:
    with FakeLLMServer() as server:
        yield server


@pytest.fixture
async def openai_app(
    tmp_path: Path, llm: FakeLLMServer, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[FastAPI]:
    """The API with every agent on ``openai:gpt-4o-mini``, at the fake provider."""
    monkeypatch.setenv("OPENAI_API_KEY", SERVER_KEY)
    settings = app_settings(tmp_path, model="openai:gpt-4o-mini", model_base_url=llm.openai_url)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


async def _chat(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/agents/assistant/chat", json={"message": "hello"})
    assert response.status_code == 200, response.text


def _keys_sent(llm: FakeLLMServer) -> list[str]:
    return [request.headers["authorization"] for request in llm.requests]


async def test_a_tenants_own_key_reaches_the_provider_for_its_agents_only(
    openai_app: FastAPI, llm: FakeLLMServer
) -> None:
    llm.queue(*[Reply(text="hi")] * 3)
    async with httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=openai_app), base_url="http://test", headers=AUTH
    ) as platform:
        a = await onboard(platform, tier="pro", packs=["demo"])
        b = await onboard(platform, tier="pro", packs=["demo"])
        async with bearer(openai_app, a["admin_key"]) as admin_a:
            stored = await admin_a.put("/api/tenant/secrets/openai", json={"value": TENANT_KEY})
            assert stored.status_code == 204, stored.text
            await _chat(admin_a)
        async with bearer(openai_app, b["admin_key"]) as admin_b:
            await _chat(admin_b)
        await _chat(platform)
    assert _keys_sent(llm) == [
        f"Bearer {TENANT_KEY}",
        f"Bearer {SERVER_KEY}",
        f"Bearer {SERVER_KEY}",
    ]


async def test_a_deleted_key_gives_way_to_the_servers_at_the_next_run(
    openai_app: FastAPI, llm: FakeLLMServer
) -> None:
    llm.queue(*[Reply(text="hi")] * 2)
    async with httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=openai_app), base_url="http://test", headers=AUTH
    ) as platform:
        a = await onboard(platform, tier="pro", packs=["demo"])
        async with bearer(openai_app, a["admin_key"]) as admin:
            await admin.put("/api/tenant/secrets/openai", json={"value": TENANT_KEY})
            await _chat(admin)
            assert (await admin.delete("/api/tenant/secrets/openai")).status_code == 204
            await _chat(admin)
            names = (await admin.get("/api/tenant/secrets")).json()["names"]
    assert _keys_sent(llm) == [f"Bearer {TENANT_KEY}", f"Bearer {SERVER_KEY}"]
    assert names == []


async def test_a_stored_key_is_encrypted_and_never_shown(openai_app: FastAPI) -> None:
    async with httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=openai_app), base_url="http://test", headers=AUTH
    ) as platform:
        a = await onboard(platform, tier="pro")
        async with bearer(openai_app, a["admin_key"]) as admin:
            await admin.put("/api/tenant/secrets/openai", json={"value": TENANT_KEY})
            listed = await admin.get("/api/tenant/secrets")
    database = services(openai_app).database
    async with database.connect() as connection:
        rows = (await connection.execute(select(tenant_secrets.c.ciphertext))).all()
    assert listed.json() == {"names": ["openai"]}
    assert TENANT_KEY not in listed.text
    assert rows and all(TENANT_KEY not in row.ciphertext for row in rows)
