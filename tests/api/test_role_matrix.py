"""Every route, called with every role: the gate lets exactly the roles its requirement
allows through.

One tenant holds one of everything the routes take an id of, and a key of each role (the
platform key is the test server's). Each operation of the OpenAPI schema, and each
WebSocket, is called with each key and without one: a role below the requirement gets 403
``forbidden``, a role at or above it gets past the gate (whatever the route answers then,
short of a server error), and a call without a credential gets 401 unless the route is
public.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest
import pytest_asyncio
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from conclave.api.auth import PUBLIC
from conclave.services.auth import Role
from tests.api.conftest import ADMIN_KEY
from tests.api.operations import (
    SESSION_PATHS,
    TEAM,
    WEBSOCKET,
    Operation,
    admits,
    body_of,
    error_code,
    live_app,
    requirements,
    serve,
    url,
    waiting_approval,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

# A route declaring no requirement, or several, fails test_route_requirements instead.
REQUIRED = {op: found[0] for op, found in requirements().items() if len(found) == 1}


def _deletions_last(operation: Operation) -> tuple[bool, Operation]:
    # So that the other calls find the objects they name.
    return operation.method == "DELETE", operation


HTTP = sorted((op for op in REQUIRED if op.method != WEBSOCKET), key=_deletions_last)
SOCKETS = sorted(op for op in REQUIRED if op.method == WEBSOCKET)
ROLES = list(Role)
CALLERS: list[Role | None] = [*ROLES, None]  # None: no credential
PASSWORD = "a long enough password"


@dataclass(frozen=True, kw_only=True, slots=True)
class Tenant:
    """The tenant under test: a key per role, and ids of objects it owns."""

    client: httpx2.AsyncClient
    sockets: str
    keys: dict[Role, str]
    ids: dict[str, str]

    async def call(self, operation: Operation, role: Role | None) -> httpx2.Response:
        """Call ``operation`` as ``role`` (without a credential for ``None``)."""
        ids = self.ids
        if operation.path in SESSION_PATHS:
            token = await self._refresh_token(_member(operation.path))
            ids = {**ids, "session.refresh_token": token}
        return await self.client.request(
            operation.method,
            url(operation, ids),
            json=body_of(operation, ids),
            headers=self.headers(role),
        )

    def headers(self, role: Role | None) -> dict[str, str]:
        return {} if role is None else {"Authorization": f"Bearer {self.keys[role]}"}

    async def _refresh_token(self, email: str) -> str:
        body = {"tenant": "default", "email": email, "password": PASSWORD}
        response = await self.client.post("/api/auth/login", json=body)
        assert response.status_code == 200, response.text
        token: str = response.json()["refresh_token"]
        return token


def _member(path: str) -> str:
    """The member who signs in for the sweep of ``path``: sign-ins are limited per member."""
    return f"{path.rsplit('/', 1)[-1]}@example.com"


async def _made(client: httpx2.AsyncClient, method: str, path: str, body: Any) -> Any:
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    response = await client.request(method, path, json=body, headers=headers)
    assert response.is_success, f"{method} {path}: {response.text}"
    return response.json() if response.content else None


async def _furnished(client: httpx2.AsyncClient, sockets: str) -> Tenant:
    """The default tenant with a key of each role and one of everything."""
    keys = {Role.PLATFORM: ADMIN_KEY}
    for role in (Role.VIEWER, Role.OPERATOR, Role.ADMIN):
        made = await _made(client, "POST", "/api/keys", {"name": role, "role": role})
        keys[role] = made["key"]
    spare_key = await _made(client, "POST", "/api/keys", {"name": "to revoke"})
    await _made(client, "POST", "/api/agents", {"spec": {"name": "swept-agent"}})
    await _made(client, "POST", "/api/teams", {"spec": {"name": "swept-team", **TEAM}})
    turn = await _made(client, "POST", "/api/agents/assistant/chat", {"message": "hello"})
    gated_run = {"target_kind": "team", "target": "gated", "input": "a note"}
    gated = await _made(client, "POST", "/api/runs", gated_run)
    platform = {"Authorization": f"Bearer {ADMIN_KEY}"}
    approval_id = await waiting_approval(client, gated["id"], platform)
    await _made(client, "POST", "/api/tenants", {"id": "spare", "name": "Spare"})
    await _made(client, "PUT", "/api/tenant/secrets/SWEPT_SECRET", {"value": "not-a-real-key"})
    for path in ("/api/auth/login", *SESSION_PATHS):
        await _made(client, "POST", "/api/users", {"email": _member(path), "password": PASSWORD})
    ids = {
        "agents.name": "swept-agent",
        "teams.name": "swept-team",
        "conversations.conversation_id": turn["conversation_id"],
        "runs.run_id": turn["run_id"],
        "tasks.task_id": turn["run_id"],
        "approvals.run_id": gated["id"],
        "approvals.approval_id": approval_id,
        "models.model": "agent:swept-agent",
        "keys.key_id": spare_key["id"],
        "tenants.tenant_id": "spare",
        "secrets.name": "SWEPT_SECRET",
        "new.agent": "swept-new-agent",
        "new.team": "swept-new-team",
        "new.email": "new@example.com",
        "new.tenant": "swept-new",
        "login.tenant": "default",
        "login.email": _member("/api/auth/login"),
        "login.password": PASSWORD,
    }
    return Tenant(client=client, sockets=sockets, keys=keys, ids=ids)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def tenant(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Tenant]:
    async with live_app(tmp_path_factory.mktemp("roles")) as app, serve(app) as sockets:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            yield await _furnished(client, sockets)


def _label(case: tuple[Operation, Role | None]) -> str:
    operation, role = case
    return f"{role or 'anonymous'} {operation}"


MATRIX = [(operation, role) for operation in HTTP for role in CALLERS]
SOCKET_MATRIX = [(operation, role) for operation in SOCKETS for role in CALLERS]


@pytest.mark.parametrize(("operation", "role"), MATRIX, ids=map(_label, MATRIX))
async def test_the_gate_admits_exactly_the_roles_the_requirement_allows(
    tenant: Tenant, operation: Operation, role: Role | None
) -> None:
    requirement = REQUIRED[operation]
    response = await tenant.call(operation, role)
    status, code = response.status_code, error_code(response)
    if role is None and requirement != PUBLIC:
        assert (status, code) == (401, "unauthenticated"), response.text
    elif role is None or admits(role, requirement):
        assert status not in (401, 403), response.text
        assert status < 500, response.text
    else:
        assert (status, code) == (403, "forbidden"), response.text
        assert response.json()["error"]["details"]["required"] == requirement


async def _socket_outcome(address: str, headers: dict[str, str]) -> int | str:
    """``"open"`` if the socket answers a ping, else the code it was closed with."""
    async with asyncio.timeout(10), connect(address, additional_headers=headers) as socket:
        with suppress(ConnectionClosed):
            await socket.send(json.dumps({"type": "ping"}))
            async for text in socket:
                if json.loads(text).get("type") == "pong":
                    return "open"
    assert socket.close_code is not None
    return socket.close_code


@pytest.mark.parametrize(("operation", "role"), SOCKET_MATRIX, ids=map(_label, SOCKET_MATRIX))
async def test_a_socket_admits_exactly_the_roles_the_requirement_allows(
    tenant: Tenant, operation: Operation, role: Role | None
) -> None:
    address = tenant.sockets + url(operation, tenant.ids)
    outcome = await _socket_outcome(address, tenant.headers(role))
    if role is None:
        assert outcome == 4401
    elif admits(role, REQUIRED[operation]):
        assert outcome in ("open", 1000)
    else:
        assert outcome == 4403


@pytest.mark.parametrize("path", ["/api/keys", "/api/users"])
async def test_an_admin_cannot_make_a_credential_above_its_own_role(
    tenant: Tenant, path: str
) -> None:
    body = {"name": "above", "role": "platform"}
    if path == "/api/users":
        body = {"email": "above@example.com", "role": "platform"}
    response = await tenant.client.post(path, json=body, headers=tenant.headers(Role.ADMIN))
    assert (response.status_code, error_code(response)) == (403, "forbidden"), response.text
