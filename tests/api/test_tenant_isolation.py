"""One tenant never reaches another's objects, through any route or stream.

Tenant A holds one of everything that has an id or a name: a custom agent and team, changed
copies of built-in ones, a run, a chat turn (its conversation and run), a task, a run
waiting for approval, a key, a member and a secret. Tenant B then calls every route that
takes an id or a name with A's, and gets 404 ``not_found``: never 403, which would say the
object exists, and never A's data. A name that is also a built-in agent or team shows B the
built-in (or B's own copy), never A's, and B's writes under it change nothing of A's. B's
lists, status, tenant-wide WebSocket and completions never carry A's objects or events.

A's objects carry :data:`MARKER`, so a leak of their content shows whatever the route.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

import httpx2
import pytest
import pytest_asyncio
from fastapi import FastAPI
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from conclave.api.deps import Services
from tests.api.conftest import ADMIN_KEY
from tests.api.operations import (
    TEAM,
    Operation,
    body_of,
    error_code,
    live_app,
    resource_key,
    schema_operations,
    serve,
    url,
    waiting_approval,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")

MARKER = "ALPHA-ONLY-7f3c"
ALPHA, BRAVO = "tenant-alpha", "tenant-bravo"
SECRET = "ALPHA_SECRET"
SECRET_VALUE = "alpha-secret-value"
TWIN, TWIN_NAME = "twin@alpha.example", "twin"  # A's, and free for B to take as well
Headers = dict[str, str]
Frame = dict[str, Any]


def _bearer(key: str) -> Headers:
    return {"Authorization": f"Bearer {key}"}


# A's objects, each under a label, by the ids keys (see ``operations``) they fill.
LABELS: dict[str, tuple[str, ...]] = {
    "custom agent": ("agents.name",),
    "custom agent as a model": ("models.model",),
    "custom team": ("teams.name",),
    "custom team as a model": ("models.model",),
    "conversation": ("conversations.conversation_id",),
    "run": ("runs.run_id", "tasks.task_id"),
    "chat turn": ("runs.run_id", "tasks.task_id"),
    "task": ("runs.run_id", "tasks.task_id"),
    "waiting run": ("runs.run_id", "tasks.task_id"),
    "approval": ("approvals.run_id", "approvals.approval_id"),
    "key": ("keys.key_id",),
    "secret": ("secrets.name",),
}
# Names A changed that are also built in, and where A reads its version: B sees the
# built-in or its own copy.
BUILT_IN_LABELS: dict[str, tuple[str, str]] = {
    "changed built-in agent": ("agents.name", "/api/agents/assistant"),
    "changed built-in agent as a model": ("models.model", "/api/agents/assistant"),
    "changed built-in team": ("teams.name", "/api/teams/market-entry"),
}
# Platform routes, which a tenant's key may not call whichever tenant they name (tested
# below), and a secret's PUT, which stores B's own secret under that name (tested below).
NOT_LOOKUPS = {"GET /api/tenants/{tenant_id}", "PATCH /api/tenants/{tenant_id}"}
NOT_LOOKUPS |= {"PUT /api/tenant/secrets/{name}"}

OPERATIONS = schema_operations()
WITH_IDS = [op for op in OPERATIONS if op.params and str(op) not in NOT_LOOKUPS]
LISTS = [op for op in OPERATIONS if op.method == "GET" and not op.params]


def _keys(operation: Operation) -> set[str]:
    return {resource_key(operation.path, param) for param in operation.params}


def _cases(labels: dict[str, tuple[str, ...]]) -> list[tuple[Operation, str]]:
    """Each operation with each of A's objects that fills all its path parameters."""
    return [
        (operation, label)
        for operation in WITH_IDS
        for label, keys in labels.items()
        if _keys(operation) <= set(keys)
    ]


CASES = _cases(LABELS)
BUILT_IN_CASES = _cases({label: keys[:1] for label, keys in BUILT_IN_LABELS.items()})


@dataclass(frozen=True, kw_only=True, slots=True)
class World:
    """Tenants A and B on one server, and the ids of A's objects by label."""

    app: FastAPI
    client: httpx2.AsyncClient
    sockets: str
    a_admin: Headers
    a_operator: Headers
    b_admin: Headers
    b_operator: Headers
    a_ids: dict[str, dict[str, str]]

    @property
    def services(self) -> Services:
        found: Services = self.app.state.services
        return found

    def ids(self, label: str) -> dict[str, str]:
        """The ids of A's object ``label``, with what B's bodies need."""
        extra = {"new.agent": "bravo-agent", "new.team": "bravo-team"}
        return self.a_ids[label] | extra | {"new.email": "new@bravo.example"}

    def tokens(self) -> set[str]:
        """What only A's objects hold: B must never be shown any of it."""
        found = {MARKER, ALPHA, "alpha-agent", "alpha-team", "member@alpha.example"}
        for label in ("run", "chat turn", "task", "waiting run", "conversation", "key"):
            found |= set(self.a_ids[label].values())
        return found | {self.a_ids["approval"]["approvals.approval_id"]}

    async def as_(self, headers: Headers, method: str, path: str, body: Any = None) -> Any:
        """Call as the tenant ``headers`` authenticate, expecting success."""
        response = await self.client.request(method, path, json=body, headers=headers)
        assert response.is_success, f"{method} {path}: {response.text}"
        return response.json() if response.content else None


async def _onboard(client: httpx2.AsyncClient, tenant_id: str, **fields: Any) -> Headers:
    body = {"id": tenant_id, "name": tenant_id, "tier": "internal", **fields}
    response = await client.post("/api/tenants", json=body, headers=_bearer(ADMIN_KEY))
    assert response.status_code == 201, response.text
    return _bearer(response.json()["admin_key"])


async def _operator(client: httpx2.AsyncClient, admin: Headers) -> Headers:
    body = {"name": "operator", "role": "operator"}
    response = await client.post("/api/keys", json=body, headers=admin)
    assert response.status_code == 201, response.text
    return _bearer(response.json()["key"])


async def _finished(world: World, headers: Headers, run_id: str) -> None:
    async with asyncio.timeout(20):
        while True:
            if (await world.as_(headers, "GET", f"/api/runs/{run_id}"))["finished_at"]:
                return
            await asyncio.sleep(0.05)


async def _change_built_in(world: World, kind: str, name: str, field: str) -> None:
    """Store A's own version of a built-in agent or team, marked."""
    path = f"/api/{kind}/{name}"
    spec = (await world.as_(world.a_operator, "GET", path))["spec"]
    await world.as_(world.a_operator, "PUT", path, {"spec": spec | {field: MARKER}})


async def _furnish(world: World) -> dict[str, dict[str, str]]:
    """One of everything in A; the ids by label."""
    a, admin = world.a_operator, world.a_admin
    agent = {"name": "alpha-agent", "instructions": MARKER}
    await world.as_(a, "POST", "/api/agents", {"spec": agent})
    team = TEAM | {"name": "alpha-team", "description": MARKER, "participants": ["alpha-agent"]}
    await world.as_(a, "POST", "/api/teams", {"spec": team})
    for kind, name, field in _CHANGED:
        await _change_built_in(world, kind, name, field)
    run = await world.as_(a, "POST", "/api/runs", {"target": "alpha-agent", "input": "hello"})
    turn = await world.as_(a, "POST", "/api/agents/alpha-agent/chat", {"message": "hello"})
    task = await world.as_(a, "POST", "/api/agents/alpha-agent/execute", {"task": "hello"})
    gated = {"target_kind": "team", "target": "gated", "input": "a note"}
    waiting = (await world.as_(a, "POST", "/api/runs", gated))["id"]
    approval = await waiting_approval(world.client, waiting, a)
    key = await world.as_(admin, "POST", "/api/keys", {"name": "alpha spare"})
    await world.as_(admin, "POST", "/api/users", {"email": "member@alpha.example"})
    await world.as_(admin, "POST", "/api/users", {"email": TWIN})
    await world.as_(a, "POST", "/api/agents", {"spec": {"name": TWIN_NAME}})
    await world.as_(a, "POST", "/api/teams", {"spec": {"name": TWIN_NAME} | TEAM})
    await world.as_(admin, "PUT", f"/api/tenant/secrets/{SECRET}", {"value": SECRET_VALUE})
    for run_id in (run["id"], task["task_id"]):
        await _finished(world, a, run_id)
    return {
        **_named("custom agent", "alpha-agent", "agents"),
        **_named("custom team", "alpha-team", "teams"),
        **_named("changed built-in agent", "assistant", "agents"),
        **_named("changed built-in team", "market-entry", "teams"),
        "conversation": {"conversations.conversation_id": turn["conversation_id"]},
        **_runs("run", run["id"]),
        **_runs("chat turn", turn["run_id"]),
        **_runs("task", task["task_id"]),
        **_runs("waiting run", waiting),
        "approval": {"approvals.run_id": waiting, "approvals.approval_id": approval},
        "key": {"keys.key_id": key["id"]},
        "secret": {"secrets.name": SECRET},
    }


# A's marked versions of built-in agents and teams: the first of each kind is swept with
# B's calls, the second only read by B.
_CHANGED = (
    ("agents", "assistant", "instructions"),
    ("agents", "analyst", "instructions"),
    ("teams", "market-entry", "description"),
    ("teams", "product-launch", "description"),
)


def _named(label: str, name: str, kind: str) -> dict[str, dict[str, str]]:
    model = f"{kind.removesuffix('s')}:{name}"
    return {label: {f"{kind}.name": name}, f"{label} as a model": {"models.model": model}}


def _runs(label: str, run_id: str) -> dict[str, dict[str, str]]:
    return {label: {"runs.run_id": run_id, "tasks.task_id": run_id}}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    async with live_app(tmp_path_factory.mktemp("isolation")) as app, serve(app) as sockets:
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            a_admin = await _onboard(client, ALPHA)
            b_admin = await _onboard(client, BRAVO, packs=[])
            built = World(
                app=app,
                client=client,
                sockets=sockets,
                a_admin=a_admin,
                a_operator=await _operator(client, a_admin),
                b_admin=b_admin,
                b_operator=await _operator(client, b_admin),
                a_ids={},
            )
            built.a_ids.update(await _furnish(built))
            yield built


def _label(case: tuple[Operation, str]) -> str:
    return f"{case[0]} with A's {case[1]}"


async def _as_b(world: World, operation: Operation, label: str) -> httpx2.Response:
    ids = world.ids(label)
    # Bounded: a stream that let B in would otherwise follow A's waiting run for ever.
    async with asyncio.timeout(10):
        return await world.client.request(
            operation.method,
            url(operation, ids),
            json=body_of(operation, ids),
            headers=world.b_admin,
        )


def _leaked(world: World, response: httpx2.Response) -> set[str]:
    """What of A's the response shows, beyond what the request itself named."""
    asked = str(response.request.url) + response.request.content.decode()
    return {t for t in world.tokens() if t in response.text and t not in asked}


@pytest.mark.parametrize(("operation", "label"), CASES, ids=map(_label, CASES))
async def test_another_tenant_finds_no_object_of_this_one(
    world: World, operation: Operation, label: str
) -> None:
    response = await _as_b(world, operation, label)
    assert (response.status_code, error_code(response)) == (404, "not_found"), response.text
    assert not _leaked(world, response)


@pytest.mark.parametrize(("operation", "label"), BUILT_IN_CASES, ids=map(_label, BUILT_IN_CASES))
async def test_a_built_in_name_never_reaches_this_tenants_version(
    world: World, operation: Operation, label: str
) -> None:
    home = BUILT_IN_LABELS[label][1]
    before = await world.as_(world.a_operator, "GET", home)
    response = await _as_b(world, operation, label)
    assert response.status_code not in (401, 403), response.text
    assert response.status_code < 500, response.text
    assert not _leaked(world, response)
    assert await world.as_(world.a_operator, "GET", home) == before


@pytest.mark.parametrize(("kind", "name"), [("agents", "analyst"), ("teams", "product-launch")])
async def test_a_built_in_name_shows_another_tenant_the_built_in(
    world: World, kind: str, name: str
) -> None:
    catalog = world.services.catalog
    built_in = (catalog.specs if kind == "agents" else catalog.teams)[name]
    shown = await world.as_(world.b_operator, "GET", f"/api/{kind}/{name}")
    assert shown["built_in"] is True
    assert shown["spec"] == built_in.model_dump(mode="json", exclude_unset=True)
    model = await world.as_(world.b_operator, "GET", f"/v1/models/{kind[:-1]}:{name}")
    assert model["created"] == 0  # a built-in model; A's stored one has its own time


@pytest.mark.parametrize("operation", LISTS, ids=str)
async def test_another_tenants_lists_hold_nothing_of_this_one(
    world: World, operation: Operation
) -> None:
    response = await world.client.get(operation.path, headers=world.b_admin)
    assert response.status_code < 500, response.text
    assert response.status_code not in (401, 404), response.text
    assert not _leaked(world, response)


async def test_another_tenant_lists_its_own_objects_only(world: World) -> None:
    agents = await world.as_(world.b_admin, "GET", "/api/agents")
    assert "alpha-agent" not in {agent["name"] for agent in agents["items"]}
    teams = await world.as_(world.b_admin, "GET", "/api/teams")
    assert "alpha-team" not in {team["name"] for team in teams["items"]}
    models = await world.as_(world.b_admin, "GET", "/v1/models")
    assert not {"agent:alpha-agent", "team:alpha-team"} & {m["id"] for m in models["data"]}
    keys = await world.as_(world.b_admin, "GET", "/api/keys")
    assert world.a_ids["key"]["keys.key_id"] not in {key["id"] for key in keys}
    users = await world.as_(world.b_admin, "GET", "/api/users")
    assert "member@alpha.example" not in {user["email"] for user in users}


async def test_a_platform_route_refuses_a_tenant_key_alike_whichever_tenant_it_names(
    world: World,
) -> None:
    answers = set()
    for tenant_id in (ALPHA, "no-such-tenant"):
        for method, body in (("GET", None), ("PATCH", {"name": "Taken"})):
            response = await world.client.request(
                method, f"/api/tenants/{tenant_id}", json=body, headers=world.b_admin
            )
            assert (response.status_code, error_code(response)) == (403, "forbidden")
            answers.add(response.text)
    assert len(answers) == 1  # nothing tells A's id from one that does not exist


async def test_a_secret_stored_under_the_same_name_is_another_tenants_own(world: World) -> None:
    path = f"/api/tenant/secrets/{SECRET}"
    names = await world.as_(world.b_admin, "GET", "/api/tenant/secrets")
    assert SECRET not in names["names"]
    await world.as_(world.b_admin, "PUT", path, {"value": "bravo-value"})
    tenants = world.services.tenants
    assert await tenants.reveal_secret(BRAVO, SECRET) == "bravo-value"
    assert await tenants.reveal_secret(ALPHA, SECRET) == SECRET_VALUE
    await world.as_(world.b_admin, "DELETE", path)
    assert await tenants.reveal_secret(ALPHA, SECRET) == SECRET_VALUE


def _completion(model: str, *, stream: bool) -> dict[str, Any]:
    return {"model": model, "messages": [{"role": "user", "content": "hi"}], "stream": stream}


# Routes that take A's names in their body rather than their path.
BODY_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "a run of A's agent": ("/api/runs", {"target": "alpha-agent", "input": "hi"}),
    "a run of A's team": (
        "/api/runs",
        {"target_kind": "team", "target": "alpha-team", "input": "hi"},
    ),
    "a task for A's agent": ("/api/task", {"agent": "alpha-agent", "task": "hi"}),
    "a task for A's team": ("/api/task", {"team": "alpha-team", "task": "hi"}),
    **{
        f"a completion of {model}{' streamed' if stream else ''}": (
            "/v1/chat/completions",
            _completion(model, stream=stream),
        )
        for model in ("agent:alpha-agent", "alpha-agent", "team:alpha-team")
        for stream in (False, True)
    },
}


@pytest.mark.parametrize("case", sorted(BODY_CASES))
async def test_a_name_in_a_body_finds_no_object_of_another_tenant(world: World, case: str) -> None:
    path, body = BODY_CASES[case]
    response = await world.client.post(path, json=body, headers=world.b_operator)
    assert (response.status_code, error_code(response)) == (404, "not_found"), response.text
    assert not _leaked(world, response)


async def test_a_chat_in_another_tenants_conversation_is_not_found(world: World) -> None:
    conversation_id = world.a_ids["conversation"]["conversations.conversation_id"]
    body = {"message": "hello", "conversation_id": conversation_id}
    response = await world.client.post(
        "/api/agents/assistant/chat", json=body, headers=world.b_operator
    )
    assert (response.status_code, error_code(response)) == (404, "not_found"), response.text
    assert not _leaked(world, response)


async def test_the_event_stream_takes_no_access_token_of_another_tenant(world: World) -> None:
    run_id = world.a_ids["waiting run"]["runs.run_id"]
    token = world.b_operator["Authorization"].removeprefix("Bearer ")
    async with asyncio.timeout(10):
        response = await world.client.get(f"/api/runs/{run_id}/stream?access_token={token}")
    assert (response.status_code, error_code(response)) == (404, "not_found")


RUN_LABELS = ["run", "chat turn", "task", "waiting run"]


async def _frames(socket: ClientConnection, seconds: float = 10) -> list[Frame]:
    """Every frame until the server closes the socket."""
    frames = []
    async with asyncio.timeout(seconds):
        with suppress(ConnectionClosed):
            async for text in socket:
                frames.append(json.loads(text))
    return frames


@pytest.mark.parametrize("label", RUN_LABELS)
async def test_another_tenant_cannot_follow_a_run_over_a_websocket(
    world: World, label: str
) -> None:
    run_id = world.a_ids[label]["runs.run_id"]
    address = f"{world.sockets}/api/runs/{run_id}/ws"
    async with connect(address, additional_headers=world.b_operator) as socket:
        frames = await _frames(socket)
    assert socket.close_code == 4404
    assert [frame["error"]["code"] for frame in frames] == ["not_found"]


async def _until(socket: ClientConnection, done: Callable[[Frame], bool]) -> list[Frame]:
    """Frames until one for which ``done`` holds."""
    frames: list[Frame] = []
    async with asyncio.timeout(20):
        while not frames or not done(frames[-1]):
            frames.append(json.loads(await socket.recv()))
    return frames


def _completed(run_id: str) -> Callable[[Frame], bool]:
    def done(frame: Frame) -> bool:
        return frame.get("key") == "run.completed" and frame["payload"]["run_id"] == run_id

    return done


async def test_another_tenants_socket_carries_none_of_this_ones_events(world: World) -> None:
    tenant_socket = f"{world.sockets}/api/ws"
    async with (
        connect(tenant_socket, additional_headers=world.a_operator) as a_socket,
        connect(tenant_socket, additional_headers=world.b_operator) as b_socket,
    ):
        agent = {"spec": {"name": "alpha-later", "instructions": MARKER}}
        await world.as_(world.a_operator, "POST", "/api/agents", agent)
        body = {"target": "alpha-agent", "input": "hello"}
        a_run = (await world.as_(world.a_operator, "POST", "/api/runs", body))["id"]
        a_frames = await _until(a_socket, _completed(a_run))
        body = {"target": "assistant", "input": "hello"}
        b_run = (await world.as_(world.b_operator, "POST", "/api/runs", body))["id"]
        b_frames = await _until(b_socket, _completed(b_run))
    assert {"agent.created", "run.completed"} <= {frame.get("key") for frame in a_frames}
    assert any(frame.get("event", {}).get("run_id") == a_run for frame in a_frames)
    seen = json.dumps(b_frames)
    assert b_run in seen
    assert not [token for token in (a_run, ALPHA, MARKER, "alpha-later") if token in seen]


async def test_a_decision_on_another_tenants_approval_is_not_found_under_an_own_run(
    world: World,
) -> None:
    body = {"target": "assistant", "input": "hello"}
    own_run = (await world.as_(world.b_operator, "POST", "/api/runs", body))["id"]
    approval_id = world.a_ids["approval"]["approvals.approval_id"]
    path = f"/api/runs/{own_run}/approvals/{approval_id}"
    response = await world.client.post(path, json={"granted": True}, headers=world.b_operator)
    assert (response.status_code, error_code(response)) == (404, "not_found"), response.text


async def test_another_tenants_status_counts_none_of_this_ones_runs(world: World) -> None:
    # A's run waits for approval, executing here meanwhile.
    assert (await world.as_(world.a_operator, "GET", "/api/status"))["runs"]["in_flight"] >= 1
    newcomer = await _onboard(world.client, "tenant-charlie", packs=[])
    runs = (await world.as_(newcomer, "GET", "/api/status"))["runs"]
    assert runs["in_flight"] == 0
    assert not any(runs["by_status"].values())


async def test_versions_of_a_name_both_tenants_use_stay_apart(world: World) -> None:
    spec = {"name": "shared-name", "instructions": "bravo's own"}
    first = {"spec": spec | {"instructions": "v1"}}
    await world.as_(world.a_operator, "POST", "/api/agents", first)
    for version in (2, 3):
        body = {"spec": {"instructions": f"{MARKER} v{version}"}}
        await world.as_(world.a_operator, "PUT", "/api/agents/shared-name", body)
    created = await world.as_(world.b_operator, "POST", "/api/agents", {"spec": spec})
    assert (created["version"], created["latest_version"]) == (1, 1)
    versions = await world.as_(world.b_operator, "GET", "/api/agents/shared-name/versions")
    assert [v["version"] for v in versions["items"]] == [1]
    rollback = await world.client.post(
        "/api/agents/shared-name/rollback", json={"version": 3}, headers=world.b_operator
    )
    assert (rollback.status_code, error_code(rollback)) == (404, "not_found")
    shown = await world.as_(world.b_operator, "GET", "/api/agents/shared-name")
    assert shown["spec"]["instructions"] == "bravo's own"


async def test_a_members_token_reaches_its_own_tenant_only(world: World) -> None:
    member = {"email": "member@bravo.example", "password": "a long enough password"}
    await world.as_(world.b_admin, "POST", "/api/users", member | {"role": "admin"})
    elsewhere = await world.client.post("/api/auth/login", json=member | {"tenant": ALPHA})
    assert (elsewhere.status_code, error_code(elsewhere)) == (401, "unauthenticated")
    session = await world.as_({}, "POST", "/api/auth/login", member | {"tenant": BRAVO})
    token = _bearer(session["access_token"])
    assert (await world.as_(token, "GET", "/api/auth/me"))["tenant_id"] == BRAVO
    for label in RUN_LABELS:
        run_id = world.a_ids[label]["runs.run_id"]
        response = await world.client.get(f"/api/runs/{run_id}", headers=token)
        assert (response.status_code, error_code(response)) == (404, "not_found")
    keys = await world.as_(token, "GET", "/api/keys")
    assert world.a_ids["key"]["keys.key_id"] not in {key["id"] for key in keys}


async def test_another_tenant_may_take_the_names_this_one_uses(world: World) -> None:
    # A conflict would tell B that some other tenant uses the name.
    b = world.b_admin
    member = await world.client.post("/api/users", json={"email": TWIN}, headers=b)
    assert member.status_code == 201, member.text
    agent = await world.client.post("/api/agents", json={"spec": {"name": TWIN_NAME}}, headers=b)
    assert agent.status_code == 201, agent.text
    team = {"spec": {"name": TWIN_NAME} | TEAM}
    assert (await world.client.post("/api/teams", json=team, headers=b)).status_code == 201
