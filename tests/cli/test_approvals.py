"""``conclave approvals list``, ``grant`` and ``deny`` against a real server whose runs wait."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import uvicorn

from conclave.api import create_app
from tests.api._tenants import GATED_RUN, gated_specs
from tests.api.conftest import ADMIN_KEY, AUTH, app_settings
from tests.cli.test_login import conclave


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server, on a free local port, with the ``gated`` team whose runs wait for approval."""
    folder = tmp_path_factory.mktemp("server")
    app = create_app(app_settings(folder, specs_dir=gated_specs(folder)))
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _api(url: str, method: str, path: str, **options: Any) -> Any:
    response = httpx2.request(method, url + path, headers=AUTH, timeout=10, **options)
    assert response.is_success, response.text
    return response.json()


def _waiting(url: str) -> tuple[str, str]:
    """A new run of the gated team, once it waits: its id and its approval's."""
    run_id = _api(url, "POST", "/api/runs", json=GATED_RUN)["id"]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        page = _api(url, "GET", "/api/approvals", params={"run_id": run_id})
        if page["items"]:
            return run_id, page["items"][0]["id"]
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} never asked for approval")


def _finished(url: str, run_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        run: dict[str, Any] = _api(url, "GET", f"/api/runs/{run_id}")
        if run["status"] in ("completed", "failed", "cancelled"):
            return run
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} did not finish")


def test_list_shows_what_runs_wait_for(url: str, tmp_path: Path) -> None:
    run_id, approval_id = _waiting(url)
    result = conclave("approvals", "list", "--run", run_id, home=tmp_path, url=url, key=ADMIN_KEY)
    assert result.exit_code == 0, result.output
    header, row = result.output.splitlines()
    assert header.split()[:4] == ["ID", "KIND", "ROLE", "STATUS"]
    assert row.split()[:4] == [approval_id, "gate", "operator", "pending"]
    assert "Publish it?" in row
    conclave("approvals", "deny", approval_id, home=tmp_path, url=url, key=ADMIN_KEY)


def test_grant_lets_the_run_finish_with_the_comment(url: str, tmp_path: Path) -> None:
    run_id, approval_id = _waiting(url)
    result = conclave(
        "approvals", "grant", approval_id, "--comment", "ship it",
        home=tmp_path, url=url, key=ADMIN_KEY,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"granted {approval_id} (run {run_id})"
    assert _finished(url, run_id)["status"] == "completed"
    events = _api(url, "GET", f"/api/runs/{run_id}/events")
    decided = next(e for e in events if e["kind"] == "approval.decided")
    assert (decided["granted"], decided["comment"]) == (True, "ship it")


def test_deny_stops_the_run_saying_why(url: str, tmp_path: Path) -> None:
    run_id, approval_id = _waiting(url)
    result = conclave(
        "approvals", "deny", approval_id, "-m", "not now", home=tmp_path, url=url, key=ADMIN_KEY
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"denied {approval_id}")
    run = _finished(url, run_id)
    assert run["status"] == "failed"
    assert "not now" in run["error"]


def test_list_by_status_shows_decided_ones(url: str, tmp_path: Path) -> None:
    run_id, approval_id = _waiting(url)
    conclave("approvals", "grant", approval_id, home=tmp_path, url=url, key=ADMIN_KEY)
    pending = conclave("approvals", "list", "--run", run_id, home=tmp_path, url=url, key=ADMIN_KEY)
    assert pending.output.strip() == "no pending approvals"
    granted = conclave(
        "approvals", "list", "--status", "granted", "--run", run_id,
        home=tmp_path, url=url, key=ADMIN_KEY,
    )  # fmt: skip
    assert granted.exit_code == 0, granted.output
    assert granted.output.splitlines()[1].split()[:4] == [
        approval_id,
        "gate",
        "operator",
        "granted",
    ]


def test_a_second_decision_is_one_line_of_error(url: str, tmp_path: Path) -> None:
    _, approval_id = _waiting(url)
    conclave("approvals", "grant", approval_id, home=tmp_path, url=url, key=ADMIN_KEY)
    again = conclave("approvals", "deny", approval_id, home=tmp_path, url=url, key=ADMIN_KEY)
    assert again.exit_code == 1
    assert again.output.strip().splitlines() == [
        f"error: approval {approval_id!r} was already granted by key:{_key_id(url)}; "
        "a decision cannot be changed"
    ]


def test_an_unknown_approval_is_one_line_of_error(url: str, tmp_path: Path) -> None:
    result = conclave("approvals", "grant", "run_x:gate:1", home=tmp_path, url=url, key=ADMIN_KEY)
    assert result.exit_code == 1
    assert result.output.startswith("error: approval 'run_x:gate:1' not found")


def _key_id(url: str) -> str:
    me: dict[str, Any] = _api(url, "GET", "/api/auth/me")
    return str(me["actor_id"])
