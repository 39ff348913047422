"""Teams: versioned documents beside the built-in templates, and tasks for them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI

from conclave.api import create_app
from tests.api.conftest import app_settings, finished

SPEC = {"name": "pair", "kind": "round_robin", "participants": ["writer", "analyst"]}


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    app = create_app(app_settings(tmp_path))
    async with app.router.lifespan_context(app):
        yield app


async def create(client: httpx2.AsyncClient, spec: dict[str, Any] = SPEC) -> dict[str, Any]:
    response = await client.post("/api/teams", json={"spec": spec})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_a_team_is_created_as_version_one(client: httpx2.AsyncClient) -> None:
    team = await create(client)
    assert (team["name"], team["version"], team["built_in"]) == ("pair", 1, False)
    assert team["spec"] == SPEC


async def test_a_team_is_read_by_name(client: httpx2.AsyncClient) -> None:
    await create(client)
    response = await client.get("/api/teams/pair")
    assert response.status_code == 200
    assert response.json()["spec"]["participants"] == ["writer", "analyst"]


async def test_teams_are_listed_with_the_templates(client: httpx2.AsyncClient) -> None:
    await create(client)
    page = (await client.get("/api/teams")).json()
    built_in = {item["name"]: item["built_in"] for item in page["items"]}
    assert built_in["pair"] is False
    assert built_in["market-entry"] is True
    assert page["total"] == len(built_in)


async def test_teams_are_paginated(client: httpx2.AsyncClient) -> None:
    await create(client)
    everything = (await client.get("/api/teams")).json()
    page = (await client.get("/api/teams", params={"limit": 2, "offset": 2})).json()
    assert (page["total"], page["limit"], page["offset"]) == (everything["total"], 2, 2)
    assert page["items"] == everything["items"][2:4]


async def test_an_update_stores_a_new_version(client: httpx2.AsyncClient) -> None:
    await create(client)
    body = {"spec": {"kind": "round_robin", "participants": ["writer"]}}
    response = await client.put("/api/teams/pair", json=body)
    assert response.status_code == 200, response.text
    assert (response.json()["version"], response.json()["spec"]["participants"]) == (2, ["writer"])


async def test_a_stale_expected_version_is_a_409(client: httpx2.AsyncClient) -> None:
    await create(client)
    body = {"spec": SPEC, "expected_version": 3}
    response = await client.put("/api/teams/pair", json=body)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


async def test_an_invalid_kind_is_a_422_naming_the_field(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/teams", json={"spec": {**SPEC, "kind": "mob"}})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"][0]["loc"] == ["body", "spec", "kind"]


async def test_a_team_rule_broken_is_a_422_naming_the_field(client: httpx2.AsyncClient) -> None:
    spec = {"name": "pair", "kind": "round_robin", "participants": []}
    response = await client.post("/api/teams", json={"spec": spec})
    assert response.status_code == 422
    field = response.json()["error"]["details"]["fields"][0]
    assert field["loc"] == ["body", "spec", "participants"]
    assert "at least one participant" in field["msg"]


async def test_versions_and_rollback(client: httpx2.AsyncClient) -> None:
    await create(client)
    await client.put("/api/teams/pair", json={"spec": {**SPEC, "description": "v2"}})
    versions = (await client.get("/api/teams/pair/versions")).json()
    assert [item["version"] for item in versions["items"]] == [1, 2]
    team = (await client.post("/api/teams/pair/rollback", json={"version": 1})).json()
    assert (team["version"], team["latest_version"], team["spec"]) == (1, 2, SPEC)


async def test_a_deleted_team_is_gone(client: httpx2.AsyncClient) -> None:
    await create(client)
    assert (await client.delete("/api/teams/pair")).status_code == 204
    assert (await client.get("/api/teams/pair")).status_code == 404


async def test_an_unknown_team_is_a_404(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/teams/nobody")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_a_task_for_a_team_completes(client: httpx2.AsyncClient) -> None:
    body = {"team": "strategic-analysis", "task": "Should we sell tea in Oslo?"}
    response = await client.post("/api/task", json=body)
    assert response.status_code == 202, response.text
    task = response.json()
    assert (task["target_kind"], task["target"]) == ("team", "strategic-analysis")
    done = await finished(client, task["task_id"], seconds=60)
    assert done["status"] == "completed"


async def test_a_task_names_exactly_one_target(client: httpx2.AsyncClient) -> None:
    body = {"team": "strategic-analysis", "agent": "assistant", "task": "x"}
    response = await client.post("/api/task", json=body)
    assert response.status_code == 422


async def test_a_rollback_past_the_largest_version_is_a_422(client: httpx2.AsyncClient) -> None:
    await create(client)
    response = await client.post("/api/teams/pair/rollback", json={"version": 2**31})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"][0]["loc"] == ["body", "version"]
