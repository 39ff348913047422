"""A team's approval gate waits in the store until someone decides through the API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

from conclave.api import create_app
from tests.api.conftest import AUTH, app_settings, finished

GATED = """
name: gated
kind: graph
steps:
  - {id: draft, agent: assistant}
  - {id: approve, approval: {prompt: "Publish it?"}, depends_on: [draft]}
  - {id: publish, agent: assistant, depends_on: [approve]}
"""


@pytest.fixture
async def gated_client(tmp_path: Path) -> AsyncIterator[httpx2.AsyncClient]:
    specs = tmp_path / "specs"
    specs.mkdir()
    (specs / "gated.yaml").write_text(GATED)
    app = create_app(app_settings(tmp_path, specs_dir=specs))
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(
            transport=transport, base_url="http://test", headers=AUTH
        ) as client:
            yield client


async def _waiting_approval(client: httpx2.AsyncClient, run_id: str) -> str:
    async with asyncio.timeout(20):
        while True:
            run = (await client.get(f"/api/runs/{run_id}")).json()
            if run["status"] == "waiting":
                events = (await client.get(f"/api/runs/{run_id}/events")).json()
                asked = [e for e in events if e["kind"] == "approval.requested"]
                if asked:
                    approval_id: str = asked[-1]["approval_id"]
                    return approval_id
            await asyncio.sleep(0.05)


async def _start(client: httpx2.AsyncClient) -> str:
    body = {"target_kind": "team", "target": "gated", "input": "a note on heat pumps"}
    response = await client.post("/api/runs", json=body)
    assert response.status_code == 201, response.text
    run_id: str = response.json()["id"]
    return run_id


def _kinds(events: list[dict[str, Any]]) -> list[str]:
    return [e["kind"] for e in events]


async def test_a_granted_gate_lets_the_team_run_finish(gated_client: httpx2.AsyncClient) -> None:
    run_id = await _start(gated_client)
    approval_id = await _waiting_approval(gated_client, run_id)
    decision = {"granted": True, "comment": "looks right", "by": "ana"}
    response = await gated_client.post(f"/api/runs/{run_id}/approvals/{approval_id}", json=decision)
    assert response.status_code == 200, response.text
    run = await finished(gated_client, run_id)
    assert run["status"] == "completed"
    events = (await gated_client.get(f"/api/runs/{run_id}/events")).json()
    decided = next(e for e in events if e["kind"] == "approval.decided")
    assert (decided["granted"], decided["by"], decided["comment"]) == (True, "ana", "looks right")
    assert "step.completed" in _kinds(events[events.index(decided) :])


async def test_a_denied_gate_stops_the_team_run(gated_client: httpx2.AsyncClient) -> None:
    run_id = await _start(gated_client)
    approval_id = await _waiting_approval(gated_client, run_id)
    decision = {"granted": False, "comment": "not now"}
    await gated_client.post(f"/api/runs/{run_id}/approvals/{approval_id}", json=decision)
    run = await finished(gated_client, run_id)
    assert run["status"] == "failed"
    assert "not now" in run["error"]


async def test_a_gate_cannot_be_decided_twice(gated_client: httpx2.AsyncClient) -> None:
    run_id = await _start(gated_client)
    approval_id = await _waiting_approval(gated_client, run_id)
    url = f"/api/runs/{run_id}/approvals/{approval_id}"
    assert (await gated_client.post(url, json={"granted": True})).status_code == 200
    again = await gated_client.post(url, json={"granted": False})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
    assert (await finished(gated_client, run_id))["status"] == "completed"
