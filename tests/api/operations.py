"""The API's whole surface, for the tests that sweep it: every operation of the OpenAPI
schema and every WebSocket, the requirement each declares, and a call to each with real ids
and a minimal valid body.

Path parameters are filled from ``ids``, keyed ``<resource>.<parameter>``, where the
resource is the collection the path's last parameter is an item of: ``agents.name`` for
``/api/agents/{name}/chat``, ``approvals.run_id`` and ``approvals.approval_id`` for
``/api/runs/{run_id}/approvals/{approval_id}``, ``secrets.name`` for
``/api/tenant/secrets/{name}``. A route whose parameter has no id in a sweep fails it with
a ``KeyError`` naming the key to add; a body missing from :data:`BODIES` fails
``test_route_requirements``.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx2
import uvicorn
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, APIWebSocketRoute, iter_route_contexts

from conclave.api import create_app
from conclave.api.auth import PUBLIC, requirement_of
from conclave.services.auth import Role
from tests.api.conftest import app_settings

__all__ = [
    "BODIES",
    "GATED",
    "SESSION_PATHS",
    "TEAM",
    "WEBSOCKET",
    "Operation",
    "admits",
    "bare_app",
    "body_of",
    "declared",
    "error_code",
    "live_app",
    "requirements",
    "resource_key",
    "schema_bodies",
    "schema_operations",
    "serve",
    "url",
    "waiting_approval",
]

WEBSOCKET = "WS"
"""The method an :class:`Operation` on a WebSocket route is listed under."""

GATED = """
name: gated
kind: graph
steps:
  - {id: draft, agent: assistant}
  - {id: approve, approval: {prompt: "Publish it?"}, depends_on: [draft]}
  - {id: publish, agent: assistant, depends_on: [approve]}
"""
"""A team whose run waits at an approval gate, served from the catalog's specs folder."""

Requirement = Role | str
Ids = Mapping[str, str]


@dataclass(frozen=True, order=True, slots=True)
class Operation:
    """One method on one path, as the OpenAPI schema names them (``WS`` for a socket)."""

    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def params(self) -> list[str]:
        """The path parameters, in order."""
        return re.findall(r"{(\w+)}", self.path)


def bare_app() -> FastAPI:
    """The application, not started: building it touches no store, only its lifespan does."""
    return create_app(app_settings(Path("never-opened")))


def schema_operations(app: FastAPI | None = None) -> list[Operation]:
    """Every operation of the application's OpenAPI schema, sorted."""
    paths: dict[str, dict[str, Any]] = (app or bare_app()).openapi()["paths"]
    return sorted(Operation(m.upper(), path) for path, ops in paths.items() for m in ops)


def schema_bodies(app: FastAPI | None = None) -> set[str]:
    """The operations of the OpenAPI schema that take a body, as ``"METHOD /path"``."""
    paths: dict[str, dict[str, Any]] = (app or bare_app()).openapi()["paths"]
    return {
        f"{method.upper()} {path}"
        for path, operations in paths.items()
        for method, operation in operations.items()
        if "requestBody" in operation
    }


def declared(dependant: Dependant) -> dict[Callable[..., Any], Requirement]:
    """The requirement dependencies found anywhere in a route's dependency tree, each once
    (FastAPI calls one dependency once per request, however often it is reached)."""
    found: dict[Callable[..., Any], Requirement] = {}
    for dependency in dependant.dependencies:
        requirement = requirement_of(dependency.call)
        if dependency.call is not None and requirement is not None:
            found[dependency.call] = requirement
        found |= declared(dependency)
    return found


def _routes(app: FastAPI) -> Iterator[tuple[Operation, Dependant]]:
    """Each API route of ``app`` per method, with its dependency tree as included."""
    for context in iter_route_contexts(app.routes):
        route, path = context.original_route, str(context.path)
        if isinstance(route, APIWebSocketRoute):
            yield Operation(WEBSOCKET, path), context.dependant
        elif isinstance(route, APIRoute):
            for method in sorted(context.methods or ()):
                yield Operation(method, path), context.dependant


def requirements(app: FastAPI | None = None) -> dict[Operation, list[Requirement]]:
    """Every API route and WebSocket, with the requirements its dependency tree declares."""
    routes = _routes(app or bare_app())
    return {operation: list(declared(dependant).values()) for operation, dependant in routes}


# The order of the roles, least trusted first: written out here rather than taken from
# ``Role``, so that the sweeps do not share the code they check.
RANKS = ("viewer", "operator", "admin", "platform")


def admits(role: Role, requirement: Requirement) -> bool:
    """Whether a caller with ``role`` meets ``requirement``."""
    return requirement == PUBLIC or RANKS.index(role) >= RANKS.index(requirement)


def resource_key(path: str, param: str) -> str:
    """The key of a path parameter in ``ids``: ``/api/runs/{run_id}/events`` gives
    ``runs.run_id``."""
    segments = path.split("/")
    last = max(i for i, segment in enumerate(segments) if segment.startswith("{"))
    return f"{segments[last - 1]}.{param}"


def url(operation: Operation, ids: Ids) -> str:
    """The operation's path with its parameters filled from ``ids``."""
    path = operation.path
    for param in operation.params:
        value = quote(ids[resource_key(operation.path, param)], safe=":")
        path = path.replace(f"{{{param}}}", value)
    return path


def _spec(name: str, **fields: Any) -> dict[str, Any]:
    return {"spec": {"name": name, **fields}}


TEAM = {"kind": "round_robin", "participants": ["assistant"], "max_turns": 2}
"""The fields of a small valid team spec, all but its name."""
_HELLO = [{"role": "user", "content": "hello"}]

SESSION_PATHS = frozenset({"/api/auth/refresh", "/api/auth/logout"})
"""Routes whose body spends a refresh token, so each call needs a fresh one."""

BODIES: dict[str, Callable[[Ids], Any]] = {
    "POST /api/agents": lambda ids: _spec(ids["new.agent"], instructions="Be brief."),
    "PUT /api/agents/{name}": lambda ids: {"spec": {"instructions": "Be briefer."}},
    "POST /api/agents/{name}/rollback": lambda ids: {"version": 1},
    "POST /api/agents/{name}/chat": lambda ids: {"message": "hello"},
    "POST /api/agents/{name}/execute": lambda ids: {"task": "hello"},
    "POST /api/teams": lambda ids: _spec(ids["new.team"], **TEAM),
    "PUT /api/teams/{name}": lambda ids: {"spec": TEAM},
    "POST /api/teams/{name}/rollback": lambda ids: {"version": 1},
    "POST /api/task": lambda ids: {"agent": "assistant", "task": "hello"},
    "POST /api/runs": lambda ids: {"target": "assistant", "input": "hello"},
    "POST /api/guard/check": lambda ids: {"text": "hello"},
    "POST /api/runs/{run_id}/approvals/{approval_id}": lambda ids: {"granted": True},
    "POST /api/approvals/{approval_id}": lambda ids: {"granted": True},
    "POST /v1/chat/completions": lambda ids: {"model": "agent:assistant", "messages": _HELLO},
    "POST /api/auth/login": lambda ids: {
        "tenant": ids["login.tenant"],
        "email": ids["login.email"],
        "password": ids["login.password"],
    },
    "POST /api/auth/refresh": lambda ids: {"refresh_token": ids["session.refresh_token"]},
    "POST /api/auth/logout": lambda ids: {"refresh_token": ids["session.refresh_token"]},
    "POST /api/keys": lambda ids: {"name": "swept", "role": "viewer"},
    "POST /api/users": lambda ids: {"email": ids["new.email"]},
    "POST /api/tenants": lambda ids: {"id": ids["new.tenant"], "name": "Swept"},
    "PATCH /api/tenants/{tenant_id}": lambda ids: {"name": "Renamed"},
    "PUT /api/tenant/secrets/{name}": lambda ids: {"value": "not-a-real-key"},
}
"""A minimal valid body for each operation that takes one, from ``ids``."""


def body_of(operation: Operation, ids: Ids) -> Any:
    """The body to send, or ``None`` for an operation without one."""
    build = BODIES.get(str(operation))
    return None if build is None else build(ids)


@asynccontextmanager
async def live_app(folder: Path) -> AsyncIterator[FastAPI]:
    """The application on a store in ``folder``, its lifespan entered, with the
    :data:`GATED` team in its catalog."""
    specs = folder / "specs"
    specs.mkdir()
    (specs / "gated.yaml").write_text(GATED)
    app = create_app(app_settings(folder, specs_dir=specs))
    async with app.router.lifespan_context(app):
        yield app


@asynccontextmanager
async def serve(app: FastAPI) -> AsyncIterator[str]:
    """``app`` served by uvicorn on a free local port, as a ``ws://`` base URL.

    The lifespan is left alone: the caller has entered it already.
    """
    config = uvicorn.Config(app, host="127.0.0.1", port=0, lifespan="off", log_config=None)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    async with asyncio.timeout(5):
        while not server.started:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"ws://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def error_code(response: httpx2.Response) -> str | None:
    """The ``code`` of an error body, if the response is one."""
    try:
        body = response.json()
    except ValueError:
        return None
    error = body.get("error") if isinstance(body, dict) else None
    return error.get("code") if isinstance(error, dict) else None


async def waiting_approval(client: httpx2.AsyncClient, run_id: str, headers: Ids) -> str:
    """The id of the approval a run of :data:`GATED` waits on, once it waits."""
    async with asyncio.timeout(20):
        while True:
            run = (await client.get(f"/api/runs/{run_id}", headers=headers)).json()
            if run["status"] == "waiting":
                events = (await client.get(f"/api/runs/{run_id}/events", headers=headers)).json()
                asked = [e for e in events if e["kind"] == "approval.requested"]
                if asked:
                    approval_id: str = asked[-1]["approval_id"]
                    return approval_id
            await asyncio.sleep(0.05)
