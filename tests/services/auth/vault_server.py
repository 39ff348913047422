"""A fake HashiCorp Vault that speaks the KV version 2 read endpoint over real HTTP.

It answers ``GET /v1/<mount>/data/<path>`` on 127.0.0.1 at an ephemeral port, from a
background thread: the secret's data in Vault's envelope for the right ``X-Vault-Token``,
403 for another token, 404 for a path it does not hold. Requests are recorded.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Request:
    """A request the fake received."""

    path: str
    token: str | None


@dataclass
class FakeVault:
    """What the fake holds: a token, and secrets keyed by ``(mount, path)``."""

    token: str
    secrets: dict[tuple[str, str], dict[str, Any]]
    url: str = ""
    requests: list[Request] = field(default_factory=list)


def _handler(vault: FakeVault) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            token = self.headers.get("X-Vault-Token")
            vault.requests.append(Request(path=self.path, token=token))
            if token != vault.token:
                self._reply(403, {"errors": ["permission denied"]})
                return
            secret = self._lookup(self.path.split("?", 1)[0])
            if secret is None:
                self._reply(404, {"errors": []})
                return
            metadata = {"created_time": "2024-01-01T00:00:00Z", "deletion_time": "", "version": 1}
            self._reply(200, {"data": {"data": secret, "metadata": metadata}})

        def _lookup(self, path: str) -> dict[str, Any] | None:
            prefix, _, rest = path.partition("/v1/")
            mount, marker, secret_path = rest.partition("/data/")
            if prefix or not marker:
                return None
            return vault.secrets.get((mount, secret_path))

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keeps the test output clean

    return Handler


@contextmanager
def running_vault(vault: FakeVault) -> Iterator[FakeVault]:
    """Serve ``vault`` on 127.0.0.1 until the block ends; its ``url`` is set meanwhile."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(vault))
    # A short poll interval lets shutdown return at once instead of after half a second.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    vault.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield vault
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
