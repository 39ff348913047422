"""Conversations and their messages, paginated."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx2
import pytest
from fastapi import FastAPI

from conclave.api import create_app
from tests.api.conftest import app_settings


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    app = create_app(app_settings(tmp_path))
    async with app.router.lifespan_context(app):
        yield app


async def chat(client: httpx2.AsyncClient, message: str, conversation_id: str | None = None) -> str:
    body = {"message": message, "conversation_id": conversation_id}
    response = await client.post("/api/agents/assistant/chat", json=body)
    assert response.status_code == 200, response.text
    found: str = response.json()["conversation_id"]
    return found


async def test_conversations_are_listed_most_recent_first(client: httpx2.AsyncClient) -> None:
    first = await chat(client, "what is 1+1?")
    second = await chat(client, "what is 2+2?")
    await chat(client, "and 3+3?", first)
    page = (await client.get("/api/conversations")).json()
    assert [item["id"] for item in page["items"]] == [first, second]
    assert page["items"][0]["title"] == "what is 1+1?"
    assert (page["items"][0]["target_kind"], page["items"][0]["target"]) == ("agent", "assistant")


async def test_conversations_are_paginated(client: httpx2.AsyncClient) -> None:
    ids = [await chat(client, f"what is {n}+1?") for n in range(3)]
    page = (await client.get("/api/conversations", params={"limit": 1, "offset": 1})).json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 1, 1)
    assert [item["id"] for item in page["items"]] == [ids[1]]


async def test_a_conversation_is_read_by_id(client: httpx2.AsyncClient) -> None:
    conversation_id = await chat(client, "hello")
    response = await client.get(f"/api/conversations/{conversation_id}")
    assert response.status_code == 200
    assert response.json()["id"] == conversation_id


async def test_messages_are_paginated_oldest_first(client: httpx2.AsyncClient) -> None:
    conversation_id = await chat(client, "what is 1+1?")
    await chat(client, "what is 2+2?", conversation_id)
    url = f"/api/conversations/{conversation_id}/messages"
    page = (await client.get(url, params={"limit": 2, "offset": 2})).json()
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 2)
    first = page["items"][0]
    assert (first["role"], first["content"]) == ("user", "what is 2+2?")


async def test_an_unknown_conversation_is_a_404(client: httpx2.AsyncClient) -> None:
    for url in ("/api/conversations/nope", "/api/conversations/nope/messages"):
        response = await client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


async def test_a_page_size_out_of_range_is_a_422(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/conversations", params={"limit": 0})
    assert response.status_code == 422


async def test_an_offset_past_the_stores_range_is_a_422(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/conversations", params={"offset": 2**63})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"][0]["loc"] == ["query", "offset"]
