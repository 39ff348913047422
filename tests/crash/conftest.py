"""The crash test's world: real server processes, and the fake provider they call."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.api.conftest import ADMIN_KEY, AUTH
from tests.fakes.crash_tools import FOLDER_VARIABLE
from tests.fakes.llm_server import FakeLLMServer

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 30.0
_PORT_TAKEN = "address already in use"
# Variables of the surrounding shell that would point the server somewhere else.
_FOREIGN = ("CONCLAVE_", "OPENAI_", "ANTHROPIC_", "AZURE_", "OPENROUTER_", "DATABASE_URL")
# Short leases, so that a killed server's run is orphaned within seconds.
_FAST_LEASES = {
    "CONCLAVE_RUN_LEASE_SECONDS": "1.5",
    "CONCLAVE_RUN_HEARTBEAT_SECONDS": "0.5",
    "CONCLAVE_RUN_POLL_SECONDS": "0.3",
}


class Server:
    """One ``conclave serve`` process on a free port, its output in ``log``."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.log = log
        command = [sys.executable, "-m", "conclave", "serve", "--host", "127.0.0.1"]
        with log.open("wb") as output:
            self.process = subprocess.Popen(
                [*command, "--port", str(port)],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        self.client = httpx2.Client(base_url=self.url, timeout=10.0, headers=AUTH)

    def wait_ready(self) -> bool:
        """Wait until ``GET /ready`` answers 200; fail if the process ends first.

        Returns:
            ``False`` when the process ended because its port was taken meanwhile.
        """
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None and _PORT_TAKEN in self.output():
                return False
            self.check_alive()
            try:
                if self.client.get("/ready").status_code == 200:
                    return True
            except httpx2.TransportError:
                pass  # not listening yet
            time.sleep(0.05)
        pytest.fail(f"the server at {self.url} was not ready after {STARTUP_SECONDS:g}s")

    def output(self) -> str:
        """What the process has written so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")

    def check_alive(self) -> None:
        """Fail the trial if the process has ended."""
        if self.process.poll() is not None:
            pytest.fail(f"the server at {self.url} exited with {self.process.returncode}")

    def get(self, path: str, **params: Any) -> Any:
        """The JSON body of a ``GET`` that must answer 200."""
        response = self.client.get(path, params=params)
        assert response.status_code == 200, response.text
        return response.json()

    def kill(self) -> None:
        """SIGKILL: the process gets no chance to write anything more."""
        self.client.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


class Trial:
    """One crash trial's world: its folders, the fake provider, and the servers it started.

    Attributes:
        tools: the folder the crash tools keep their files in.
        fake: the fake model provider the servers call.
    """

    def __init__(self, folder: Path, fake: FakeLLMServer) -> None:
        self.folder = folder
        self.tools = folder / "tools"
        self.fake = fake
        self.servers: list[Server] = []
        for name in ("data", "specs", "tools"):
            (folder / name).mkdir()

    def write_agent(self, name: str, tool: str) -> None:
        """An agent spec on the fake provider's model, with one tool by import path."""
        spec = f"name: {name}\nmodel: openai:gpt-4o-mini\ntools: [{tool}]\n"
        (self.folder / "specs" / f"{name}.yaml").write_text(spec, encoding="utf-8")

    def start_server(self) -> Server:
        """A server on this trial's data folder, ready to serve.

        A port is free when chosen but may be taken before the server binds it (trials run
        side by side); the server is then started again on another.
        """
        for _ in range(3):
            log = self.folder / f"server-{len(self.servers) + 1}.log"
            server = Server(self.environment(), log)
            self.servers.append(server)
            if server.wait_ready():
                return server
        pytest.fail("three servers in a row found their port taken")

    def open_gate(self) -> None:
        """Let tool calls through, the one held now and every later one."""
        (self.tools / "gate").touch()

    def environment(self) -> dict[str, str]:
        """The servers' environment: this trial's folders, the fake provider, short leases."""
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(_FOREIGN)}
        paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        return {
            **inherited,
            **_FAST_LEASES,
            "PYTHONPATH": os.pathsep.join(paths),
            "CONCLAVE_DATA_DIR": str(self.folder / "data"),
            "CONCLAVE_SPECS_DIR": str(self.folder / "specs"),
            # No retries: a repeated model request would be the resume's doing, visibly.
            "CONCLAVE_MODEL_RETRIES": "0",
            "CONCLAVE_MODEL_TIMEOUT": "30",
            "OPENAI_BASE_URL": self.fake.openai_url,
            "OPENAI_API_KEY": "test",
            "CONCLAVE_ADMIN_KEY": ADMIN_KEY,
            FOLDER_VARIABLE: str(self.tools),
        }

    def close(self) -> None:
        """Kill every server still running."""
        for server in self.servers:
            server.kill()

    def logs(self) -> str:
        """What the servers wrote, one after the other."""
        return "\n".join(
            f"----- {server.log.name} ({server.url})\n{server.output()}" for server in self.servers
        )


@contextmanager
def open_trial(folder: Path) -> Iterator[Trial]:
    """A trial in ``folder`` with its own fake provider; every server it started is killed
    when it ends."""
    with FakeLLMServer() as fake:
        world = Trial(folder, fake)
        try:
            yield world
        finally:
            world.close()


def wait_until(check: Callable[[], bool], *, what: str, timeout: float, alive: Server) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` if it does not in time, or if the
    server dies meanwhile."""
    deadline = time.monotonic() + timeout
    while not check():
        alive.check_alive()
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(0.02)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
