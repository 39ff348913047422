"""Agents: versioned documents, built-in agents, status, chat and tasks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI

from conclave import ScriptedModel
from conclave.api import create_app
from tests.api.conftest import app_settings, finished, services

SPEC = {"name": "helper", "description": "Helps", "instructions": "Be brief."}


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    app = create_app(app_settings(tmp_path))
    async with app.router.lifespan_context(app):
        yield app


async def create(client: httpx2.AsyncClient, spec: dict[str, Any] = SPEC) -> dict[str, Any]:
    response = await client.post("/api/agents", json={"spec": spec})
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_an_agent_is_created_as_version_one(client: httpx2.AsyncClient) -> None:
    agent = await create(client)
    assert (agent["name"], agent["version"], agent["built_in"]) == ("helper", 1, False)
    assert (agent["status"], agent["health"]) == ("stopped", "healthy")
    assert agent["spec"] == SPEC


async def test_an_agent_is_read_by_name(client: httpx2.AsyncClient) -> None:
    await create(client)
    response = await client.get("/api/agents/helper")
    assert response.status_code == 200
    assert response.json()["spec"]["instructions"] == "Be brief."


async def test_agents_are_listed_with_built_in_ones_by_name(client: httpx2.AsyncClient) -> None:
    await create(client)
    page = (await client.get("/api/agents", params={"limit": 500})).json()
    rows = {item["name"]: item for item in page["items"]}
    assert rows["helper"]["built_in"] is False
    assert rows["assistant"]["built_in"] is True
    assert rows["assistant"]["status"] == "started"
    assert [item["name"] for item in page["items"]] == sorted(rows)
    assert page["total"] == len(rows)


async def test_agents_are_paginated(client: httpx2.AsyncClient) -> None:
    everything = (await client.get("/api/agents", params={"limit": 500})).json()
    page = (await client.get("/api/agents", params={"limit": 2, "offset": 1})).json()
    assert (page["total"], page["limit"], page["offset"]) == (everything["total"], 2, 1)
    assert page["items"] == everything["items"][1:3]


async def test_listing_without_built_ins_shows_stored_agents_only(
    client: httpx2.AsyncClient,
) -> None:
    await create(client)
    page = (await client.get("/api/agents", params={"built_in": False})).json()
    assert [item["name"] for item in page["items"]] == ["helper"]


async def test_a_stored_agent_overrides_a_built_in_one(client: httpx2.AsyncClient) -> None:
    await create(client, {"name": "assistant", "instructions": "Mine."})
    page = (await client.get("/api/agents", params={"limit": 500})).json()
    mine = [item for item in page["items"] if item["name"] == "assistant"]
    assert [(item["built_in"], item["version"]) for item in mine] == [(False, 1)]


async def test_an_update_stores_a_new_version(client: httpx2.AsyncClient) -> None:
    await create(client)
    body = {"spec": {"instructions": "Be thorough."}}
    response = await client.put("/api/agents/helper", json=body)
    assert response.status_code == 200, response.text
    assert (response.json()["version"], response.json()["spec"]["name"]) == (2, "helper")


async def test_an_update_of_a_built_in_agent_stores_it(client: httpx2.AsyncClient) -> None:
    response = await client.put("/api/agents/writer", json={"spec": {"instructions": "Rhyme."}})
    assert response.status_code == 200, response.text
    assert (response.json()["built_in"], response.json()["version"]) == (False, 1)


async def test_a_stale_expected_version_is_a_409(client: httpx2.AsyncClient) -> None:
    await create(client)
    await client.put("/api/agents/helper", json={"spec": {"description": "v2"}})
    body = {"spec": {"description": "v3"}, "expected_version": 1}
    response = await client.put("/api/agents/helper", json=body)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


async def test_creating_an_existing_agent_is_a_409(client: httpx2.AsyncClient) -> None:
    await create(client)
    response = await client.post("/api/agents", json={"spec": SPEC})
    assert response.status_code == 409


async def test_an_invalid_spec_is_a_422_naming_the_field(client: httpx2.AsyncClient) -> None:
    spec = {"name": "helper", "max_tool_rounds": -1}
    response = await client.post("/api/agents", json={"spec": spec})
    assert response.status_code == 422
    fields = response.json()["error"]["details"]["fields"]
    assert fields[0]["loc"] == ["body", "spec", "max_tool_rounds"]


async def test_an_unknown_spec_field_is_a_422_naming_it(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/agents", json={"spec": {"name": "a", "colour": "red"}})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"][0]["loc"] == ["body", "spec", "colour"]


async def test_an_update_may_not_rename_the_agent(client: httpx2.AsyncClient) -> None:
    await create(client)
    response = await client.put("/api/agents/helper", json={"spec": {"name": "other"}})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"][0]["loc"] == ["body", "spec", "name"]


async def test_versions_are_listed_oldest_first(client: httpx2.AsyncClient) -> None:
    await create(client)
    await client.put("/api/agents/helper", json={"spec": {"description": "v2"}})
    page = (await client.get("/api/agents/helper/versions")).json()
    assert [item["version"] for item in page["items"]] == [1, 2]
    assert page["items"][1]["spec"]["description"] == "v2"


async def test_a_rollback_points_the_agent_at_an_earlier_version(
    client: httpx2.AsyncClient,
) -> None:
    await create(client)
    await client.put("/api/agents/helper", json={"spec": {"description": "v2"}})
    response = await client.post("/api/agents/helper/rollback", json={"version": 1})
    assert response.status_code == 200, response.text
    agent = response.json()
    assert (agent["version"], agent["latest_version"], agent["spec"]) == (1, 2, SPEC)


async def test_a_rollback_to_a_missing_version_is_a_404(client: httpx2.AsyncClient) -> None:
    await create(client)
    response = await client.post("/api/agents/helper/rollback", json={"version": 7})
    assert response.status_code == 404


async def test_a_deleted_agent_is_gone(client: httpx2.AsyncClient) -> None:
    await create(client)
    assert (await client.delete("/api/agents/helper")).status_code == 204
    assert (await client.get("/api/agents/helper")).status_code == 404


async def test_a_built_in_agent_cannot_be_deleted(client: httpx2.AsyncClient) -> None:
    response = await client.delete("/api/agents/assistant")
    assert response.status_code == 400
    assert "built in" in response.json()["error"]["message"]


async def test_an_unknown_agent_is_a_404_with_a_suggestion(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/agents/asistant")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found"
    assert "did you mean 'assistant'" in error["message"]


async def test_an_agent_is_started_and_stopped(client: httpx2.AsyncClient) -> None:
    await create(client)
    started = (await client.post("/api/agents/helper/start")).json()
    assert started["status"] == "started"
    stopped = (await client.post("/api/agents/helper/stop")).json()
    assert stopped["status"] == "stopped"


async def test_an_agent_with_an_unknown_tool_is_unhealthy(client: httpx2.AsyncClient) -> None:
    agent = await create(client, {"name": "broken", "tools": ["no_such_tool"]})
    assert agent["health"] == "unhealthy"
    assert "no_such_tool" in agent["health_detail"]


async def test_a_chat_replies_and_stores_both_messages(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/agents/assistant/chat", json={"message": "what is 2+2?"})
    assert response.status_code == 200, response.text
    reply = response.json()
    assert "4" in reply["reply"]
    assert reply["usage"]["output_tokens"] > 0
    url = f"/api/conversations/{reply['conversation_id']}/messages"
    stored = (await client.get(url)).json()["items"]
    assert [(m["role"], m["author"]) for m in stored] == [
        ("user", None),
        ("assistant", "assistant"),
    ]
    assert stored[1]["content"] == reply["reply"]
    assert stored[1]["output_tokens"] == reply["usage"]["output_tokens"]
    assert stored[1]["input_tokens"] > 0


async def test_a_second_chat_sees_the_first_as_history(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    model = ScriptedModel(["First answer.", "Second answer."], name="chat")
    services(app).catalog.factory._models["scripted:chat"] = model
    await create(client, {"name": "echo", "model": "scripted:chat"})
    first = (await client.post("/api/agents/echo/chat", json={"message": "one"})).json()
    body = {"message": "two", "conversation_id": first["conversation_id"]}
    second = (await client.post("/api/agents/echo/chat", json=body)).json()
    assert (second["conversation_id"], second["reply"]) == (
        first["conversation_id"],
        "Second answer.",
    )
    seen = [(m.role, m.content) for m in model.requests[1].messages if m.role != "system"]
    assert seen == [("user", "one"), ("assistant", "First answer."), ("user", "two")]


async def test_a_chat_in_an_unknown_conversation_is_a_404(client: httpx2.AsyncClient) -> None:
    body = {"message": "hi", "conversation_id": "nope"}
    response = await client.post("/api/agents/assistant/chat", json=body)
    assert response.status_code == 404


async def test_a_chat_with_an_unknown_agent_is_a_404(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/agents/nobody/chat", json={"message": "hi"})
    assert response.status_code == 404


async def test_a_chat_without_a_message_is_a_422(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/agents/assistant/chat", json={"message": ""})
    assert response.status_code == 422


async def test_execute_returns_a_task_that_completes(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/agents/assistant/execute", json={"task": "what is 3+4?"})
    assert response.status_code == 202, response.text
    task = response.json()
    assert (task["target_kind"], task["target"]) == ("agent", "assistant")
    done = await finished(client, task["task_id"])
    assert done["status"] == "completed"
    assert "7" in done["output"]


async def test_execute_for_an_unknown_agent_is_a_404(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/agents/nobody/execute", json={"task": "x"})
    assert response.status_code == 404


async def test_a_spec_with_a_lone_surrogate_is_a_422_and_stores_nothing(
    client: httpx2.AsyncClient,
) -> None:
    body = b'{"spec": {"name": "odd", "instructions": "x", "metadata": {"a": "\\ud800"}}}'
    headers = {"content-type": "application/json"}
    response = await client.post("/api/agents", content=body, headers=headers)
    assert response.status_code == 422
    assert "metadata.a is not valid Unicode" in response.json()["error"]["message"]
    assert (await client.get("/api/agents")).status_code == 200


async def test_a_spec_nested_too_deeply_is_a_422(client: httpx2.AsyncClient) -> None:
    nested: object = "x"
    for _ in range(300):
        nested = {"a": nested}
    spec = {"name": "deep", "instructions": "x", "metadata": nested}
    response = await client.post("/api/agents", json={"spec": spec})
    assert response.status_code == 422
    assert "nests deeper than" in response.json()["error"]["message"]
