from __future__ import annotations

import httpx2

from tests.api.conftest import finished


async def test_status_counts_agents_teams_and_runs(client: httpx2.AsyncClient) -> None:
    before = (await client.get("/api/status")).json()
    assert before["agents"]["built_in"] >= 5
    assert before["teams"]["built_in"] >= 5
    assert before["agents"]["stored"] == 0
    assert sum(before["runs"]["by_status"].values()) == 0
    spec = {"name": "scribe", "description": "writes"}
    assert (await client.post("/api/agents", json={"spec": spec})).status_code == 201
    body = {"target_kind": "agent", "target": "assistant", "input": "what is 2+2?"}
    run = (await client.post("/api/runs", json=body)).json()
    await finished(client, run["id"])
    after = (await client.get("/api/status")).json()
    assert after["agents"]["stored"] == 1
    assert after["runs"]["by_status"]["completed"] == 1
    assert after["queue"] == 0
