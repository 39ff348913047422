"""Agents and teams stored through the API run through the executor, newest version first."""

from __future__ import annotations

import httpx2

from tests.api.conftest import finished

WRITER = {
    "name": "pirate",
    "description": "talks like a pirate",
    "instructions": "You are the writer. Say arr.",
}


async def test_a_stored_agent_executes_as_a_task(client: httpx2.AsyncClient) -> None:
    assert (await client.post("/api/agents", json={"spec": WRITER})).status_code == 201
    accepted = await client.post("/api/agents/pirate/execute", json={"task": "greet the crew"})
    assert accepted.status_code == 202, accepted.text
    run = await finished(client, accepted.json()["task_id"])
    assert run["status"] == "completed", run
    events = (await client.get(f"/api/runs/{run['id']}/events")).json()
    assert events[0]["author"] == "pirate"


async def test_a_stored_team_of_stored_and_built_in_agents_runs(client: httpx2.AsyncClient) -> None:
    await client.post("/api/agents", json={"spec": WRITER})
    team = {"name": "crew", "kind": "round_robin", "participants": ["pirate", "analyst"]}
    assert (await client.post("/api/teams", json={"spec": team})).status_code == 201
    accepted = await client.post("/api/task", json={"team": "crew", "task": "plan the voyage"})
    assert accepted.status_code == 202, accepted.text
    run = await finished(client, accepted.json()["task_id"])
    assert run["status"] == "completed", run
    events = (await client.get(f"/api/runs/{run['id']}/events")).json()
    turns = [e["author"] for e in events if e["kind"] == "turn.started"]
    assert turns == ["crew/pirate", "crew/analyst"]


async def test_the_next_run_uses_the_newest_stored_version(client: httpx2.AsyncClient) -> None:
    await client.post("/api/agents", json={"spec": WRITER})
    updated = {**WRITER, "model": "offline:second"}
    assert (await client.put("/api/agents/pirate", json={"spec": updated})).status_code == 200
    accepted = await client.post("/api/agents/pirate/execute", json={"task": "hello"})
    run = await finished(client, accepted.json()["task_id"])
    assert run["status"] == "completed"
    events = (await client.get(f"/api/runs/{run['id']}/events")).json()
    assert {e["model"] for e in events if e["kind"] == "usage.recorded"} == {"offline:second"}
