"""``GET /api/runs/{id}/stream``: the run's events as SSE, resumable, live, without gaps."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI

from conclave.adapters.bus import EVENTS, publish_event
from conclave.adapters.store.repositories import RunRepository
from conclave.adapters.store.runlog import SqlRunLog
from conclave.api.routes import _follow
from conclave.engine.events import Event, MessageDelta, RunCompleted, RunStarted
from tests.api.conftest import finished, held_elsewhere, services

QUESTION = {"target_kind": "agent", "target": "assistant", "input": "what is 2+2?"}


def parse(text: str) -> list[dict[str, Any]]:
    """The SSE messages of a body, as dicts of their fields (comments dropped)."""
    messages = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields: dict[str, Any] = {}
        for line in block.split("\n"):
            name, _, value = line.partition(": ")
            if name in ("id", "event", "data"):
                fields[name] = value
        if "data" in fields:
            fields["data"] = json.loads(fields["data"])
            messages.append(fields)
    return messages


async def completed_run(client: httpx2.AsyncClient) -> str:
    run_id: str = (await client.post("/api/runs", json=QUESTION)).json()["id"]
    await finished(client, run_id)
    return run_id


async def test_the_stream_of_a_run_ends_with_run_completed(client: httpx2.AsyncClient) -> None:
    run_id = (await client.post("/api/runs", json=QUESTION)).json()["id"]
    response = await client.get(f"/api/runs/{run_id}/stream")
    assert response.headers["content-type"].startswith("text/event-stream")
    messages = parse(response.text)
    assert messages[0]["event"] == "run.started"
    assert messages[-1]["event"] == "run.completed"
    stored = (await client.get(f"/api/runs/{run_id}/events")).json()
    durable = [m for m in messages if "id" in m]
    assert [m["data"] for m in durable] == stored
    assert all(
        m["id"] == str(m["data"]["seq"]) and m["event"] == m["data"]["kind"] for m in durable
    )


async def test_resuming_with_last_event_id_sends_exactly_the_missed_events(
    client: httpx2.AsyncClient,
) -> None:
    run_id = await completed_run(client)
    stored = (await client.get(f"/api/runs/{run_id}/events")).json()
    response = await client.get(f"/api/runs/{run_id}/stream", headers={"Last-Event-ID": "2"})
    assert [m["data"] for m in parse(response.text)] == stored[2:]


async def test_after_resumes_like_last_event_id(client: httpx2.AsyncClient) -> None:
    run_id = await completed_run(client)
    stored = (await client.get(f"/api/runs/{run_id}/events")).json()
    response = await client.get(f"/api/runs/{run_id}/stream", params={"after": 1})
    assert [m["data"] for m in parse(response.text)] == stored[1:]


async def test_live_events_follow_stored_ones_without_gaps_or_duplicates(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    run_id = await held_elsewhere(app)
    found = services(app)
    log = SqlRunLog(found.database, tenant_id=found.tenant_id)
    started = RunStarted(run_id=run_id, seq=1, author="assistant", input="hello")
    await log.append(started)  # stored before anyone watches, and never published
    bus = found.bus
    watchers = bus.subscriber_count(EVENTS)  # type: ignore[attr-defined]
    stream = asyncio.create_task(client.get(f"/api/runs/{run_id}/stream"))
    async with asyncio.timeout(5):
        while bus.subscriber_count(EVENTS) == watchers:  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    later: list[Event] = [
        started,  # published again: must not be sent twice
        MessageDelta(run_id=run_id, seq=1, author="assistant", text="fo"),
        RunCompleted(run_id=run_id, seq=2, author="assistant", output="four"),
    ]
    # Published before the last event is stored, so that whenever the stream reads the
    # store, it finds the run unfinished and takes the delta from the feed.
    for event in later:
        await publish_event(bus, found.tenant_id, event)
    await log.append(later[-1])
    messages = parse((await stream).text)
    assert [(m.get("id"), m["event"]) for m in messages] == [
        ("1", "run.started"),
        (None, "message.delta"),
        ("2", "run.completed"),
    ]


async def test_a_durable_event_the_feed_dropped_is_read_from_the_store(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    run_id = await held_elsewhere(app)
    found = services(app)
    log = SqlRunLog(found.database, tenant_id=found.tenant_id)
    bus = found.bus
    watchers = bus.subscriber_count(EVENTS)  # type: ignore[attr-defined]
    stream = asyncio.create_task(client.get(f"/api/runs/{run_id}/stream"))
    async with asyncio.timeout(5):
        while bus.subscriber_count(EVENTS) == watchers:  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    await log.append(RunStarted(run_id=run_id, seq=1, author="assistant", input="hello"))
    done = RunCompleted(run_id=run_id, seq=2, author="assistant", output="four")
    await log.append(done)
    await publish_event(bus, found.tenant_id, done)  # run.started was never published
    messages = parse((await stream).text)
    assert [m["id"] for m in messages] == ["1", "2"]


async def test_the_stream_of_an_unknown_run_is_404(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/runs/nope/stream")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_a_last_event_id_that_is_not_a_seq_is_400(client: httpx2.AsyncClient) -> None:
    run_id = await completed_run(client)
    response = await client.get(f"/api/runs/{run_id}/stream", headers={"Last-Event-ID": "x"})
    assert response.status_code == 400


async def test_a_stream_whose_feed_missed_the_end_ends_from_the_store(
    app: FastAPI, client: httpx2.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_follow, "QUIET_SECONDS", 0.05)
    run_id = await held_elsewhere(app)
    found = services(app)
    log = SqlRunLog(found.database, tenant_id=found.tenant_id)
    await log.append(RunStarted(run_id=run_id, seq=1, author="assistant", input="hello"))
    bus = found.bus
    watchers = bus.subscriber_count(EVENTS)  # type: ignore[attr-defined]
    stream = asyncio.create_task(client.get(f"/api/runs/{run_id}/stream"))
    async with asyncio.timeout(5):
        while bus.subscriber_count(EVENTS) == watchers:  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    # Stored and finished, but never published: the feed stays quiet.
    await log.append(RunCompleted(run_id=run_id, seq=2, author="assistant", output="four"))
    await RunRepository(found.database.engine, found.tenant_id).set_status(run_id, "completed")
    async with asyncio.timeout(5):
        messages = parse((await stream).text)
    assert [(m.get("id"), m["event"]) for m in messages] == [
        ("1", "run.started"),
        ("2", "run.completed"),
    ]
