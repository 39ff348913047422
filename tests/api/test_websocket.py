"""The WebSockets: one run followed live and resumably, and the whole tenant's messages."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import suppress
from typing import Any

import httpx2
import pytest
import uvicorn
from fastapi import FastAPI
from websockets.asyncio.client import ClientConnection
from websockets.asyncio.client import connect as open_socket
from websockets.exceptions import ConnectionClosed

from conclave.adapters.bus import EVENTS, publish_event
from conclave.adapters.store.runlog import SqlRunLog
from conclave.engine.events import Event, MessageDelta, RunCompleted, RunStarted
from tests.api.conftest import AUTH, finished, held_elsewhere, services

QUESTION = {"target_kind": "agent", "target": "assistant", "input": "what is 2+2?"}
Frame = dict[str, Any]


def connect(url: str, *, credential: bool = True) -> Any:
    """A WebSocket to ``url`` that sends the test key (or nothing)."""
    return open_socket(url, additional_headers=AUTH if credential else None)


@pytest.fixture
async def server(app: FastAPI) -> AsyncIterator[str]:
    """The application served by uvicorn on a free local port, as a ``ws://`` base URL.

    The ``app`` fixture has entered the lifespan already, so uvicorn leaves it alone.
    """
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_config=None)
    running = uvicorn.Server(config)
    task = asyncio.create_task(running.serve())
    async with asyncio.timeout(5):
        while not running.started:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    port = running.servers[0].sockets[0].getsockname()[1]
    yield f"ws://127.0.0.1:{port}"
    running.should_exit = True
    await task


async def received(socket: ClientConnection, seconds: float = 10) -> list[Frame]:
    """Every frame until the server closes the socket."""
    frames = []
    async with asyncio.timeout(seconds):
        with suppress(ConnectionClosed):
            async for text in socket:
                frames.append(json.loads(text))
    return frames


async def next_frame(socket: ClientConnection) -> Frame:
    async with asyncio.timeout(5):
        frame: Frame = json.loads(await socket.recv())
    return frame


async def frames_until(socket: ClientConnection, *wanted: str) -> list[Frame]:
    """Frames until one of each ``wanted`` lifecycle key has arrived."""
    frames: list[Frame] = []
    missing = set(wanted)
    async with asyncio.timeout(10):
        while missing:
            frames.append(await next_frame(socket))
            missing.discard(frames[-1].get("key", ""))
    return frames


async def completed_run(client: httpx2.AsyncClient) -> str:
    run_id: str = (await client.post("/api/runs", json=QUESTION)).json()["id"]
    await finished(client, run_id)
    return run_id


async def stored(client: httpx2.AsyncClient, run_id: str) -> list[Frame]:
    events: list[Frame] = (await client.get(f"/api/runs/{run_id}/events")).json()
    return events


def events_of(frames: list[Frame]) -> list[Frame]:
    return [frame["event"] for frame in frames if frame["type"] == "event"]


async def watched(app: FastAPI, watchers: int) -> None:
    """Return once the bus has more subscribers than ``watchers``."""
    bus = services(app).bus
    async with asyncio.timeout(5):
        while bus.subscriber_count(EVENTS) <= watchers:  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.01)


async def test_a_run_is_followed_from_start_to_end(server: str, client: httpx2.AsyncClient) -> None:
    run_id = (await client.post("/api/runs", json=QUESTION)).json()["id"]
    async with connect(f"{server}/api/runs/{run_id}/ws") as socket:
        frames = await received(socket)
    durable = [frame["event"] for frame in frames if frame["durable"]]
    assert durable == await stored(client, run_id)
    assert [event["seq"] for event in durable] == list(range(1, len(durable) + 1))
    assert durable[-1]["kind"] == "run.completed"
    assert socket.close_code == 1000


async def test_after_resumes_with_exactly_the_later_events(
    server: str, client: httpx2.AsyncClient
) -> None:
    run_id = await completed_run(client)
    async with connect(f"{server}/api/runs/{run_id}/ws?after=2") as socket:
        frames = await received(socket)
    assert events_of(frames) == (await stored(client, run_id))[2:]


async def test_a_finished_run_sends_its_stored_events_then_closes(
    server: str, client: httpx2.AsyncClient
) -> None:
    run_id = await completed_run(client)
    async with connect(f"{server}/api/runs/{run_id}/ws") as socket:
        frames = await received(socket)
    assert all(frame["type"] == "event" and frame["durable"] for frame in frames)
    assert events_of(frames) == await stored(client, run_id)
    assert socket.close_code == 1000


async def test_an_unknown_run_gets_an_error_frame_and_close_code_4404(server: str) -> None:
    async with connect(f"{server}/api/runs/nope/ws") as socket:
        frames = await received(socket)
    assert [frame["error"]["code"] for frame in frames] == ["not_found"]
    assert "'nope'" in frames[0]["error"]["message"]
    assert socket.close_code == 4404
    assert "not found" in (socket.close_reason or "")


async def test_an_after_that_is_not_a_seq_gets_close_code_4400(
    server: str, client: httpx2.AsyncClient
) -> None:
    run_id = await completed_run(client)
    async with connect(f"{server}/api/runs/{run_id}/ws?after=x") as socket:
        frames = await received(socket)
    assert frames[0]["error"]["code"] == "bad_request"
    assert "whole number" in frames[0]["error"]["message"]
    assert socket.close_code == 4400


async def test_live_events_follow_stored_ones_without_gaps_or_duplicates(
    server: str, app: FastAPI
) -> None:
    run_id = await held_elsewhere(app)
    found = services(app)
    log = SqlRunLog(found.database, tenant_id=found.tenant_id)
    started = RunStarted(run_id=run_id, seq=1, author="assistant", input="hello")
    await log.append(started)  # stored before anyone watches, and never published
    async with connect(f"{server}/api/runs/{run_id}/ws") as socket:
        first = await next_frame(socket)  # read from the store, so the feed is entered
        later: list[Event] = [
            started,  # published again: must not be sent twice
            MessageDelta(run_id=run_id, seq=1, author="assistant", text="fo"),
            RunCompleted(run_id=run_id, seq=2, author="assistant", output="four"),
        ]
        for event in later:
            if event.durable:
                await log.append(event)
            await publish_event(found.bus, found.tenant_id, event)
        frames = [first, *await received(socket)]
    assert [(f["durable"], f["event"]["kind"], f["event"]["seq"]) for f in frames] == [
        (True, "run.started", 1),
        (False, "message.delta", 1),
        (True, "run.completed", 2),
    ]
    assert socket.close_code == 1000


async def test_a_durable_event_the_feed_dropped_is_read_from_the_store(
    server: str, app: FastAPI
) -> None:
    run_id = await held_elsewhere(app)
    found = services(app)
    log = SqlRunLog(found.database, tenant_id=found.tenant_id)
    watchers = found.bus.subscriber_count(EVENTS)  # type: ignore[attr-defined]
    async with connect(f"{server}/api/runs/{run_id}/ws") as socket:
        await watched(app, watchers)
        await log.append(RunStarted(run_id=run_id, seq=1, author="assistant", input="hello"))
        done = RunCompleted(run_id=run_id, seq=2, author="assistant", output="four")
        await log.append(done)
        await publish_event(found.bus, found.tenant_id, done)  # run.started never published
        frames = await received(socket)
    assert [event["seq"] for event in events_of(frames)] == [1, 2]


async def test_the_tenant_socket_sees_two_runs_and_an_agent_starting(
    server: str, client: httpx2.AsyncClient
) -> None:
    async with connect(f"{server}/api/ws") as socket:
        runs = [(await client.post("/api/runs", json=QUESTION)).json()["id"] for _ in range(2)]
        for run_id in runs:
            await finished(client, run_id)
        assert (await client.post("/api/agents/assistant/start")).status_code == 200
        frames = await frames_until(socket, "agent.started")
    assert {event["run_id"] for event in events_of(frames)} == set(runs)
    completed = [f["payload"]["run_id"] for f in frames if f.get("key") == "run.completed"]
    assert sorted(completed) == sorted(runs)
    assert {"type": "agent", "key": "agent.started"}.items() <= frames[-1].items()
    assert frames[-1]["payload"]["name"] == "assistant"


async def test_the_tenant_socket_never_sends_another_tenants_messages(
    server: str, app: FastAPI
) -> None:
    found = services(app)
    other = RunStarted(run_id="r-other", seq=1, author="assistant", input="secret")
    async with connect(f"{server}/api/ws") as socket:
        await publish_event(found.bus, "other", other)
        await found.bus.publish(EVENTS, "agent.started", {"tenant_id": "other", "name": "spy"})
        await found.bus.publish(EVENTS, "agent.stopped", {"name": "nobody's"})
        mine = {"tenant_id": found.tenant_id, "name": "assistant"}
        await found.bus.publish(EVENTS, "agent.started", mine)
        frame = await next_frame(socket)
    assert frame == {"type": "agent", "key": "agent.started", "payload": mine}


async def test_runs_false_leaves_run_messages_out(server: str, app: FastAPI) -> None:
    found = services(app)
    run = RunStarted(run_id="r1", seq=1, author="assistant", input="hello")
    async with connect(f"{server}/api/ws?runs=false") as socket:
        await publish_event(found.bus, found.tenant_id, run)
        await found.bus.publish(EVENTS, "run.completed", {"tenant_id": found.tenant_id})
        await found.bus.publish(EVENTS, "team.updated", {"tenant_id": found.tenant_id})
        frame = await next_frame(socket)
    assert frame["key"] == "team.updated"


async def test_a_flag_that_is_not_a_boolean_gets_close_code_4400(server: str) -> None:
    async with connect(f"{server}/api/ws?agents=maybe") as socket:
        frames = await received(socket)
    assert "agents=false" in frames[0]["error"]["message"]
    assert socket.close_code == 4400


async def test_leaving_out_both_runs_and_agents_gets_close_code_4400(server: str) -> None:
    async with connect(f"{server}/api/ws?runs=false&agents=false") as socket:
        frames = await received(socket)
    assert "nothing to send" in frames[0]["error"]["message"]
    assert socket.close_code == 4400


async def test_a_ping_is_answered_with_a_pong(server: str) -> None:
    async with connect(f"{server}/api/ws") as socket:
        await socket.send(json.dumps({"type": "ping"}))
        assert await next_frame(socket) == {"type": "pong"}


async def test_a_bad_client_frame_gets_an_error_frame_and_the_socket_stays_usable(
    server: str, app: FastAPI
) -> None:
    run_id = await held_elsewhere(app)
    async with connect(f"{server}/api/runs/{run_id}/ws") as socket:
        await socket.send("hello")
        error = await next_frame(socket)
        await socket.send(b"\x00")
        binary = await next_frame(socket)
        await socket.send(json.dumps({"type": "ping"}))
        assert await next_frame(socket) == {"type": "pong"}
    assert error["type"] == binary["type"] == "error"
    assert error["error"]["code"] == "bad_request"
    assert '{"type": "ping"}' in error["error"]["message"]


async def test_leaving_mid_run_does_not_stop_the_run(
    server: str, client: httpx2.AsyncClient
) -> None:
    run_id = (await client.post("/api/runs", json=QUESTION)).json()["id"]
    async with connect(f"{server}/api/runs/{run_id}/ws") as socket:
        await next_frame(socket)
    assert (await finished(client, run_id))["status"] == "completed"


async def test_leaving_unbinds_the_feed_without_logging_errors(
    server: str, app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    run_id = await held_elsewhere(app)
    bus = services(app).bus
    watchers = bus.subscriber_count(EVENTS)  # type: ignore[attr-defined]
    for path in (f"/api/runs/{run_id}/ws", "/api/ws"):
        async with connect(f"{server}{path}"):
            await watched(app, watchers)
    async with asyncio.timeout(5):
        while bus.subscriber_count(EVENTS) > watchers:  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]


async def test_both_sockets_close_with_1001_when_the_bus_closes(server: str, app: FastAPI) -> None:
    run_id = await held_elsewhere(app)
    bus = services(app).bus
    watchers = bus.subscriber_count(EVENTS)  # type: ignore[attr-defined]
    async with connect(f"{server}/api/runs/{run_id}/ws") as one:
        await watched(app, watchers)
        async with connect(f"{server}/api/ws") as every:
            await bus.close()  # as at shutdown
            await received(one)
            await received(every)
    assert one.close_code == every.close_code == 1001
