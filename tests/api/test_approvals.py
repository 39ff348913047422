"""``/api/approvals``: the tenant's approvals, listed, read and decided, within each role."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx2
import pytest
from fastapi import FastAPI

from conclave.adapters.store.repositories import ApprovalRepository
from conclave.api import create_app
from tests.api._tenants import GATED_RUN, bearer, gated_specs, make_key, onboard, waiting_approval
from tests.api.conftest import app_settings, finished, held_elsewhere, services


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[FastAPI]:
    """The application, with the ``gated`` team whose runs wait at an approval gate."""
    app = create_app(app_settings(tmp_path, specs_dir=gated_specs(tmp_path)))
    async with app.router.lifespan_context(app):
        yield app


async def _asked(app: FastAPI, run_id: str, call: str, **fields: Any) -> str:
    """An approval of a tool call in ``run_id``, stored as its run would store it; its id."""
    found = services(app)
    approval_id = f"{run_id}:tool:{call}"
    await ApprovalRepository(found.database.engine, found.tenant_id).create(
        approval_id, run_id, f"tool:{call}", f"Run {call}?", details={"tool": "deploy"},
        **{"kind": "tool", **fields},
    )  # fmt: skip
    return approval_id


async def _decide(
    client: httpx2.AsyncClient, approval_id: str, granted: bool = True, **body: Any
) -> httpx2.Response:
    return await client.post(f"/api/approvals/{approval_id}", json={"granted": granted, **body})


async def _listed(client: httpx2.AsyncClient, **params: Any) -> list[str]:
    response = await client.get("/api/approvals", params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def _keyed(client: httpx2.AsyncClient, app: FastAPI, role: str) -> httpx2.AsyncClient:
    return bearer(app, await make_key(client, role))


async def test_pending_approvals_are_listed_with_who_may_decide_and_until_when(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    run_id = await held_elsewhere(app)
    until = datetime.now(UTC) + timedelta(hours=1)
    admin_only = await _asked(
        app, run_id, "call_1", required_role="admin", expires_at=until, on_timeout="escalate"
    )
    await _asked(app, run_id, "call_2")
    response = await client.get("/api/approvals")
    assert response.status_code == 200, response.text
    page = response.json()
    assert (page["total"], page["limit"], page["offset"]) == (2, 50, 0)
    first = page["items"][0]
    assert first["id"] == admin_only
    expected = {"run_id": run_id, "kind": "tool", "required_role": "admin", "status": "pending"}
    assert expected.items() <= first.items()
    assert (first["on_timeout"], first["escalations"]) == ("escalate", 0)
    assert datetime.fromisoformat(first["expires_at"]) == until
    assert first["details"] == {"tool": "deploy"}


async def test_the_list_filters_by_status_run_kind_and_role_and_pages(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    run_id, other_run = await held_elsewhere(app), await held_elsewhere(app)
    one = await _asked(app, run_id, "call_1", required_role="admin")
    two = await _asked(app, run_id, "call_2")
    three = await _asked(app, other_run, "call_3", kind="budget")
    assert (await _decide(client, two, comment="fine")).status_code == 200
    assert await _listed(client) == [one, three]
    assert await _listed(client, status="granted") == [two]
    assert await _listed(client, status="denied") == []
    assert await _listed(client, status="all") == [one, two, three]
    assert await _listed(client, status="all", run_id=run_id) == [one, two]
    assert await _listed(client, kind="budget") == [three]
    assert await _listed(client, required_role="admin") == [one]
    page = await client.get("/api/approvals", params={"status": "all", "limit": 1, "offset": 1})
    assert (page.json()["total"], [i["id"] for i in page.json()["items"]]) == (3, [two])


@pytest.mark.parametrize(
    "params",
    [{"status": "maybe"}, {"kind": "whim"}, {"required_role": "owner"}, {"limit": 0}],
    ids=["status", "kind", "role", "limit"],
)
async def test_a_bad_filter_is_422(client: httpx2.AsyncClient, params: dict[str, Any]) -> None:
    response = await client.get("/api/approvals", params=params)
    assert response.status_code == 422, response.text


async def test_one_approval_is_read_by_its_id_with_colons_plain_or_encoded(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    approval_id = await _asked(app, await held_elsewhere(app), "call_1")
    assert ":" in approval_id
    for path in (approval_id, quote(approval_id, safe="")):
        response = await client.get(f"/api/approvals/{path}")
        assert response.status_code == 200, response.text
        assert response.json()["id"] == approval_id
    missing = await client.get("/api/approvals/run_nobody:tool:call_9")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")


async def test_a_waiting_run_goes_on_when_decided_through_the_collection(
    client: httpx2.AsyncClient,
) -> None:
    run = (await client.post("/api/runs", json=GATED_RUN)).json()
    approval_id = await waiting_approval(client, run["id"])
    assert await _listed(client, run_id=run["id"]) == [approval_id]
    response = await _decide(client, quote(approval_id, safe=""), comment="ship it", by="ana")
    assert response.status_code == 200, response.text
    decided = response.json()
    assert (decided["status"], decided["decided_by"], decided["comment"]) == (
        "granted", "ana", "ship it",
    )  # fmt: skip
    assert (await finished(client, run["id"]))["status"] == "completed"
    events = (await client.get(f"/api/runs/{run['id']}/events")).json()
    recorded = [e for e in events if e["kind"] == "approval.decided"]
    assert [(e["approval_id"], e["granted"], e["by"]) for e in recorded] == [
        (approval_id, True, "ana")
    ]


async def test_the_run_route_decides_too_and_checks_the_run(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    run_id, other_run = await held_elsewhere(app), await held_elsewhere(app)
    approval_id = await _asked(app, run_id, "call_1")
    wrong = await client.post(
        f"/api/runs/{other_run}/approvals/{approval_id}", json={"granted": True}
    )
    assert wrong.status_code == 404, wrong.text
    right = await client.post(
        f"/api/runs/{run_id}/approvals/{approval_id}", json={"granted": False}
    )
    assert right.status_code == 200, right.text
    assert right.json()["status"] == "denied"
    assert (await client.get(f"/api/approvals/{approval_id}")).json()["status"] == "denied"


async def test_without_by_the_decision_names_the_callers_key(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    approval_id = await _asked(app, await held_elsewhere(app), "call_1")
    async with await _keyed(client, app, "operator") as operator:
        response = await _decide(operator, approval_id)
        me = (await operator.get("/api/auth/me")).json()
    assert response.status_code == 200, response.text
    assert response.json()["decided_by"] == f"key:{me['actor_id']}"


async def test_a_role_below_the_approvals_is_403_naming_it_and_it_stays_pending(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    approval_id = await _asked(app, await held_elsewhere(app), "call_1", required_role="admin")
    async with await _keyed(client, app, "operator") as operator:
        refused = await _decide(operator, approval_id)
    assert refused.status_code == 403, refused.text
    error = refused.json()["error"]
    assert (error["code"], error["details"]["required"]) == ("forbidden", "admin")
    assert "needs the admin role" in error["message"]
    assert (await client.get(f"/api/approvals/{approval_id}")).json()["status"] == "pending"
    async with await _keyed(client, app, "admin") as admin:
        assert (await _decide(admin, approval_id)).status_code == 200


async def test_every_decision_and_refusal_is_audited(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    run_id = await held_elsewhere(app)
    approval_id = await _asked(app, run_id, "call_1", required_role="admin")
    async with await _keyed(client, app, "operator") as operator:
        await _decide(operator, approval_id)
    await _decide(client, approval_id, False, comment="not today")
    audit = await client.get("/api/audit", params={"action": "approval.decide"})
    entries = [e for e in audit.json()["items"] if e["target_id"] == approval_id]
    assert [e["outcome"] for e in entries] == ["denied", "ok"]
    assert entries[0]["details"]["required"] == "admin"
    assert entries[1]["details"] == {"granted": False, "comment": "not today", "run_id": run_id}


async def test_a_viewer_may_read_approvals_but_not_decide_them(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    approval_id = await _asked(app, await held_elsewhere(app), "call_1", required_role="viewer")
    async with await _keyed(client, app, "viewer") as viewer:
        assert await _listed(viewer) == [approval_id]
        assert (await viewer.get(f"/api/approvals/{approval_id}")).status_code == 200
        refused = await _decide(viewer, approval_id)
    assert refused.status_code == 403, refused.text
    assert refused.json()["error"]["details"]["required"] == "operator"


async def test_a_second_decision_is_409_and_the_first_stands(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    approval_id = await _asked(app, await held_elsewhere(app), "call_1")
    assert (await _decide(client, approval_id, comment="yes")).status_code == 200
    again = await _decide(client, approval_id, False)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "conflict")
    stored = (await client.get(f"/api/approvals/{approval_id}")).json()
    assert (stored["status"], stored["comment"]) == ("granted", "yes")


async def test_another_tenants_approval_is_not_found(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    approval_id = await _asked(app, await held_elsewhere(app), "call_1")
    tenant = await onboard(client)
    async with bearer(app, tenant["admin_key"]) as stranger:
        assert await _listed(stranger, status="all") == []
        assert (await stranger.get(f"/api/approvals/{approval_id}")).status_code == 404
        assert (await _decide(stranger, approval_id)).status_code == 404
    assert (await client.get(f"/api/approvals/{approval_id}")).json()["status"] == "pending"


@pytest.mark.parametrize(
    "body",
    [
        {"granted": True, "extra": 1},
        {"granted": "yes"},
        {"comment": "no decision"},
        {"decision": "grant"},
        {"granted": True, "comment": "x" * 10_001},
    ],
    ids=["unknown field", "not a bool", "no granted", "other schema", "long comment"],
)
async def test_a_bad_decision_is_422_and_changes_nothing(
    app: FastAPI, client: httpx2.AsyncClient, body: dict[str, Any]
) -> None:
    approval_id = await _asked(app, await held_elsewhere(app), "call_1")
    response = await client.post(f"/api/approvals/{approval_id}", json=body)
    assert response.status_code == 422, response.text
    assert (await client.get(f"/api/approvals/{approval_id}")).json()["status"] == "pending"
