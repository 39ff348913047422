"""``conclave login``, ``logout`` and ``whoami`` against a real server on a free port."""

from __future__ import annotations

import json
import socket
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest
import uvicorn
from click.testing import Result
from fastapi import FastAPI
from typer.testing import CliRunner

from conclave.api import create_app
from conclave.cli.main import app as cli
from conclave.services.auth import generate_api_key, resolve_secret_key
from conclave.services.auth.tokens import TokenCodec
from tests.api.conftest import ADMIN_KEY, app_settings, services
from tests.services.auth.support import Clock

runner = CliRunner()


@dataclass(frozen=True)
class Served:
    """A server running in a thread: its application, URL and data folder."""

    app: FastAPI
    url: str
    folder: Path


@contextmanager
def serving(folder: Path) -> Iterator[Served]:
    """The application on a store in ``folder``, served by uvicorn on a free local port."""
    app = create_app(app_settings(folder))
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="on", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Served(app=app, url=f"http://127.0.0.1:{port}", folder=folder)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def conclave(
    *args: str, home: Path, url: str, key: str | None = None, stdin: str | None = None
) -> Result:
    """Run the CLI with its login kept in ``home``, talking to ``url``."""
    env = {"CONCLAVE_CONFIG_DIR": str(home), "CONCLAVE_URL": url, "CONCLAVE_API_KEY": key}
    return runner.invoke(cli, list(args), env=env, input=stdin)


def stored(home: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((home / "credentials.json").read_text())
    return document


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("server")) as running:
        yield running


@pytest.fixture
def member(served: Served, tmp_path: Path) -> tuple[str, str]:
    """A new operator of the default tenant, with a password: (email, password)."""
    email, password = f"member-{tmp_path.name}@example.com", "correct horse battery"
    result = conclave(
        "users", "create", email, "--role", "operator", "--password-stdin",
        home=tmp_path, url=served.url, key=ADMIN_KEY, stdin=password + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return email, password


def log_in_as(member: tuple[str, str], served: Served, home: Path) -> Result:
    email, password = member
    return conclave(
        "login", "--tenant", "default", "--email", email,
        home=home, url=served.url, stdin=password + "\n",
    )  # fmt: skip


def test_login_with_a_key_stores_it_for_the_owner_only(served: Served, tmp_path: Path) -> None:
    result = conclave("login", "--key", ADMIN_KEY, home=tmp_path, url=served.url)
    assert result.exit_code == 0, result.output
    assert "tenant: default" in result.output
    assert "role:   platform" in result.output
    assert stat.S_IMODE((tmp_path / "credentials.json").stat().st_mode) == 0o600
    assert stored(tmp_path) | {"tenant": None} == {
        "url": served.url,
        "kind": "key",
        "key": ADMIN_KEY,
        "tenant": None,
    }


def test_whoami_uses_the_stored_login(served: Served, tmp_path: Path) -> None:
    conclave("login", "--key", ADMIN_KEY, home=tmp_path, url=served.url)
    result = conclave("whoami", home=tmp_path, url=served.url)
    assert result.exit_code == 0, result.output
    assert f"server: {served.url}" in result.output
    assert "role:   platform" in result.output
    assert "as:     API key " in result.output


def test_login_asks_for_the_key_when_none_is_given(served: Served, tmp_path: Path) -> None:
    result = conclave("login", home=tmp_path, url=served.url, stdin=ADMIN_KEY + "\n")
    assert result.exit_code == 0, result.output
    assert ADMIN_KEY not in result.output
    assert stored(tmp_path)["key"] == ADMIN_KEY


def test_a_bad_key_is_refused_in_one_line_and_nothing_is_stored(
    served: Served, tmp_path: Path
) -> None:
    unknown = generate_api_key(b"another server").plaintext
    result = conclave("login", "--key", unknown, home=tmp_path, url=served.url)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: invalid API key; create a new one, or log in again"
    ]
    assert not (tmp_path / "credentials.json").exists()


def test_a_server_that_is_not_running_is_named(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    for args in (["login", "--key", ADMIN_KEY], ["whoami"]):
        result = conclave(*args, home=tmp_path, url=url, key=ADMIN_KEY)
        assert result.exit_code == 1
        assert result.output.strip() == f"error: cannot reach {url}; is `conclave serve` running?"


def test_whoami_without_a_login_says_how_to_log_in(served: Served, tmp_path: Path) -> None:
    result = conclave("whoami", home=tmp_path, url=served.url)
    assert result.exit_code == 1
    assert "not logged in; run `conclave login --key <API key>`" in result.output


def test_the_environment_key_comes_before_the_stored_login(
    served: Served, member: tuple[str, str], tmp_path: Path
) -> None:
    log_in_as(member, served, tmp_path)
    result = conclave("whoami", home=tmp_path, url=served.url, key=ADMIN_KEY)
    assert result.exit_code == 0, result.output
    assert "role:   platform" in result.output
    assert "(from CONCLAVE_API_KEY)" in result.output


def test_an_unreadable_login_is_named_and_logout_removes_it(served: Served, tmp_path: Path) -> None:
    (tmp_path / "credentials.json").write_text("{not json")
    result = conclave("whoami", home=tmp_path, url=served.url)
    assert result.exit_code == 1
    assert "credentials.json is not a Conclave login; delete it" in result.output
    assert conclave("whoami", home=tmp_path, url=served.url, key=ADMIN_KEY).exit_code == 0
    assert conclave("logout", home=tmp_path, url=served.url).exit_code == 0
    assert not (tmp_path / "credentials.json").exists()


def test_a_login_is_not_sent_to_another_server(served: Served, tmp_path: Path) -> None:
    conclave("login", "--key", ADMIN_KEY, home=tmp_path, url=served.url)
    elsewhere = f"http://127.0.0.1:{closed_port()}"
    result = conclave("whoami", home=tmp_path, url=elsewhere)
    assert result.exit_code == 1
    assert f"logged in to {served.url}, not {elsewhere}" in result.output


def test_a_member_logs_in_with_email_and_password(
    served: Served, member: tuple[str, str], tmp_path: Path
) -> None:
    result = log_in_as(member, served, tmp_path)
    assert result.exit_code == 0, result.output
    assert member[1] not in result.output
    kept = stored(tmp_path)
    assert kept["kind"] == "token" and kept["email"] == member[0]
    assert {"access_token", "refresh_token"} <= kept.keys()
    whoami = conclave("whoami", home=tmp_path, url=served.url)
    assert whoami.exit_code == 0, whoami.output
    assert f"as:     member {member[0]}" in whoami.output
    assert "role:   operator" in whoami.output


def test_a_wrong_password_is_refused_and_nothing_is_stored(
    served: Served, member: tuple[str, str], tmp_path: Path
) -> None:
    result = log_in_as((member[0], "not the password"), served, tmp_path)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("error: ")
    assert not (tmp_path / "credentials.json").exists()


def test_logout_forgets_a_key_login(served: Served, tmp_path: Path) -> None:
    conclave("login", "--key", ADMIN_KEY, home=tmp_path, url=served.url)
    result = conclave("logout", home=tmp_path, url=served.url)
    assert result.exit_code == 0, result.output
    assert f"logged out of {served.url}" in result.output
    assert not (tmp_path / "credentials.json").exists()
    assert conclave("whoami", home=tmp_path, url=served.url).exit_code == 1


def test_logout_of_a_member_ends_the_session_on_the_server(
    served: Served, member: tuple[str, str], tmp_path: Path
) -> None:
    log_in_as(member, served, tmp_path)
    refresh_token = stored(tmp_path)["refresh_token"]
    assert conclave("logout", home=tmp_path, url=served.url).exit_code == 0
    answer = httpx2.post(f"{served.url}/api/auth/refresh", json={"refresh_token": refresh_token})
    assert answer.status_code == 401


@pytest.fixture
def clock(served: Served, monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The clock the server's tokens are issued and checked by, moved only when told to."""
    found = services(served.app)
    clock = Clock(datetime.now(UTC))
    secret = resolve_secret_key(found.settings)
    codec = TokenCodec.from_settings(found.settings, secret, now=clock)
    monkeypatch.setattr(found.access, "tokens", codec)
    return clock


def test_an_expired_access_token_is_refreshed_and_stored(
    served: Served, member: tuple[str, str], clock: Clock, tmp_path: Path
) -> None:
    log_in_as(member, served, tmp_path)
    before = stored(tmp_path)
    clock.advance(minutes=30)
    result = conclave("whoami", home=tmp_path, url=served.url)
    assert result.exit_code == 0, result.output
    after = stored(tmp_path)
    assert after["access_token"] != before["access_token"]
    assert after["refresh_token"] != before["refresh_token"]
    assert stat.S_IMODE((tmp_path / "credentials.json").stat().st_mode) == 0o600
    assert conclave("whoami", home=tmp_path, url=served.url).exit_code == 0


def test_an_ended_session_asks_to_log_in_again(
    served: Served, member: tuple[str, str], clock: Clock, tmp_path: Path
) -> None:
    log_in_as(member, served, tmp_path)
    refresh_token = stored(tmp_path)["refresh_token"]
    httpx2.post(f"{served.url}/api/auth/logout", json={"refresh_token": refresh_token})
    clock.advance(minutes=30)
    result = conclave("whoami", home=tmp_path, url=served.url)
    assert result.exit_code == 1
    assert "your session has ended" in result.output
    assert f"conclave login --tenant default --email {member[0]}" in result.output
