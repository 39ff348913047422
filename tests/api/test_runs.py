"""Runs and tasks: create, list, get, events, cancel, replay, and approval decisions."""

from __future__ import annotations

from typing import Any

import httpx2
from fastapi import FastAPI

from tests.api.conftest import finished, held_elsewhere

QUESTION = {"target_kind": "agent", "target": "assistant", "input": "what is 2+2?"}


async def start(client: httpx2.AsyncClient, body: dict[str, Any] = QUESTION) -> dict[str, Any]:
    response = await client.post("/api/runs", json=body)
    assert response.status_code == 201, response.text
    run: dict[str, Any] = response.json()
    return run


def comparable(event: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in event.items() if k not in ("run_id", "at", "duration_ms")}


async def test_an_agent_run_is_created_and_completes(client: httpx2.AsyncClient) -> None:
    run = await start(client)
    assert run["status"] in ("pending", "running")
    assert (run["target_kind"], run["target"], run["input"]) == (
        "agent",
        "assistant",
        "what is 2+2?",
    )
    done = await finished(client, run["id"])
    assert done["status"] == "completed"
    assert "4" in done["output"]


async def test_runs_are_listed_newest_first_with_filters(client: httpx2.AsyncClient) -> None:
    first, second = await start(client), await start(client)
    await finished(client, first["id"])
    await finished(client, second["id"])
    page = (await client.get("/api/runs", params={"limit": 1})).json()
    assert (page["total"], page["limit"], page["offset"]) == (2, 1, 0)
    assert [item["id"] for item in page["items"]] == [second["id"]]
    done = (await client.get("/api/runs", params={"status": "completed"})).json()
    assert done["total"] == 2
    other = (await client.get("/api/runs", params={"target": "writer"})).json()
    assert other["total"] == 0


async def test_a_run_is_read_by_id(client: httpx2.AsyncClient) -> None:
    run = await start(client)
    response = await client.get(f"/api/runs/{run['id']}")
    assert response.status_code == 200
    assert response.json()["id"] == run["id"]


async def test_events_are_the_stored_log_and_after_skips_the_start(
    client: httpx2.AsyncClient,
) -> None:
    run = await start(client)
    await finished(client, run["id"])
    events = (await client.get(f"/api/runs/{run['id']}/events")).json()
    assert events[0]["kind"] == "run.started"
    assert events[-1]["kind"] == "run.completed"
    assert [event["seq"] for event in events] == list(range(1, len(events) + 1))
    later = (await client.get(f"/api/runs/{run['id']}/events", params={"after": 2})).json()
    assert later == events[2:]


async def test_cancelling_a_running_run_marks_it_cancelled(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    run_id = await held_elsewhere(app)
    response = await client.post(f"/api/runs/{run_id}/cancel")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    events = (await client.get(f"/api/runs/{run_id}/events")).json()
    assert events[-1]["kind"] == "run.failed"


async def test_cancelling_a_finished_run_is_409(client: httpx2.AsyncClient) -> None:
    run = await start(client)
    await finished(client, run["id"])
    response = await client.post(f"/api/runs/{run['id']}/cancel")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


async def test_replay_makes_a_new_run_with_the_same_events(client: httpx2.AsyncClient) -> None:
    run = await start(client)
    await finished(client, run["id"])
    response = await client.post(f"/api/runs/{run['id']}/replay")
    assert response.status_code == 201
    replayed = response.json()
    assert replayed["id"] != run["id"]
    assert replayed["replay_of"] == run["id"]
    assert (await finished(client, replayed["id"]))["status"] == "completed"
    original = (await client.get(f"/api/runs/{run['id']}/events")).json()
    copy = (await client.get(f"/api/runs/{replayed['id']}/events")).json()
    assert [comparable(e) for e in copy] == [comparable(e) for e in original]


async def test_replaying_an_unfinished_run_is_400(app: FastAPI, client: httpx2.AsyncClient) -> None:
    run_id = await held_elsewhere(app)
    response = await client.post(f"/api/runs/{run_id}/replay")
    assert response.status_code == 400
    assert "wait for it to finish" in response.json()["error"]["message"]


async def test_a_task_is_a_view_of_its_run_with_history_and_result(
    client: httpx2.AsyncClient,
) -> None:
    run = await start(client)
    done = await finished(client, run["id"])
    task = (await client.get(f"/api/tasks/{run['id']}")).json()
    assert (task["id"], task["status"], task["result"]) == (run["id"], "completed", done["output"])
    assert task["history"][-1]["kind"] == "run.completed"
    tasks = (await client.get("/api/tasks")).json()
    assert [item["id"] for item in tasks["items"]] == [run["id"]]
    assert tasks["items"][0]["history"] is None


async def test_an_unknown_task_is_404(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/tasks/nope")
    assert response.status_code == 404


async def test_deciding_an_unknown_approval_is_404(client: httpx2.AsyncClient) -> None:
    run = await start(client)
    response = await client.post(f"/api/runs/{run['id']}/approvals/nope", json={"granted": True})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


async def test_an_approval_decision_needs_granted(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/runs/r/approvals/a", json={"comment": "ok"})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"][0]["loc"] == ["body", "granted"]


async def test_an_offset_past_the_stores_range_is_a_422(client: httpx2.AsyncClient) -> None:
    response = await client.get("/api/runs", params={"offset": 2**63})
    assert response.status_code == 422
    assert response.json()["error"]["details"]["fields"][0]["loc"] == ["query", "offset"]


async def test_an_input_with_a_nul_character_is_a_422(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/runs", json={"target": "assistant", "input": "hi\x00"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["details"]["fields"][0]["loc"] == ["body", "input"]
    assert "NUL" in error["message"]


async def test_an_event_seq_beyond_the_store_range_is_refused_not_a_server_error(
    client: httpx2.AsyncClient,
) -> None:
    run_id = (await client.post("/api/runs", json=QUESTION)).json()["id"]
    response = await client.get(f"/api/runs/{run_id}/events", params={"after": 2**63})
    assert response.status_code == 422
    response = await client.get(f"/api/runs/{run_id}/stream", headers={"Last-Event-ID": str(2**31)})
    assert response.status_code == 400
    assert "Last-Event-ID" in response.json()["error"]["message"]
