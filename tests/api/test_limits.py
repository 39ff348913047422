"""Limits through the HTTP API: request rates and concurrent runs per tier, on each storage
(memory, and Redis shared by several API processes), and the size of bodies and messages.

Rates and runs are counted on the memory flavour and on the Redis at
``CONCLAVE_TEST_REDIS_URL`` (default: the local server, database 0). Each test works in a
tenant of its own, with a fresh id, so counts never meet on a shared server (they expire
within two minutes). When Redis cannot be reached its cases skip, except with ``CI=true``,
where they fail.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx2
import pytest
import pytest_asyncio
from fastapi import FastAPI

from conclave.api import create_app
from conclave.api.auth import REFUSALS_RATE
from tests.adapters.conftest import redis_or_skip
from tests.api._tenants import (
    GATED_RUN,
    bearer,
    client_of,
    gated_specs,
    onboard,
    tenant_id,
    tiers_file,
    waiting_approval,
)
from tests.api.conftest import AUTH, app_settings, finished

pytestmark = pytest.mark.asyncio(loop_scope="module")

BUDGETS = {"per_turn": "0.05", "per_run": "0.50", "per_day": "2", "per_month": "20"}
TIERS = {
    "tiny": {"requests_per_minute": 3, "concurrent_runs": 5, "max_agents": 5},
    "one-run": {"requests_per_minute": 600, "concurrent_runs": 1, "max_agents": 5},
}
MAX_BODY = 4096
MAX_MESSAGE = 100
RATE_HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")
AGENT_RUN = {"target_kind": "agent", "target": "assistant", "input": "what is 2+2?"}


def settings_in(folder: Path, redis_url: str | None) -> Any:
    """Settings with the small tiers, the gated team, small request limits and a storage."""
    tiers = tiers_file(folder, **{name: t | {"budgets": BUDGETS} for name, t in TIERS.items()})
    return app_settings(
        folder,
        tiers_file=tiers,
        specs_dir=gated_specs(folder),
        redis_url=redis_url,
        max_body_bytes=MAX_BODY,
        max_message_chars=MAX_MESSAGE,
    )


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=["memory", "redis"])
async def limited(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[FastAPI]:
    """The application, counting on one storage; shared by the tests of that storage."""
    redis_url = await redis_or_skip() if request.param == "redis" else None
    app = create_app(settings_in(tmp_path_factory.mktemp(request.param), redis_url))
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FastAPI]:
    """The application on memory limiters, for the request-size limits."""
    app = create_app(settings_in(tmp_path_factory.mktemp("sizes"), None))
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture(loop_scope="module")
async def client(app: FastAPI) -> AsyncIterator[httpx2.AsyncClient]:
    """A client of ``app`` sending the platform key of the default tenant."""
    async with client_of(app, AUTH) as client:
        yield client


async def new_tenant(app: FastAPI, tier: str, *, tenant: str | None = None) -> str:
    """Onboard a tenant on ``tier`` in ``app``; its admin key."""
    async with client_of(app, AUTH) as platform:
        created = await onboard(platform, id=tenant or tenant_id(), tier=tier)
    key: str = created["admin_key"]
    return key


async def me(app: FastAPI, key: str) -> httpx2.Response:
    async with bearer(app, key) as client:
        return await client.get("/api/auth/me")


def assert_rate_limited(response: httpx2.Response, *, limit: int) -> None:
    assert response.status_code == 429, response.text
    assert response.json()["error"]["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) >= 1
    assert response.headers["RateLimit-Limit"] == str(limit)
    assert response.headers["RateLimit-Remaining"] == "0"
    assert int(response.headers["RateLimit-Reset"]) >= 1


# Request rates


async def test_successful_answers_carry_the_rate_limit_headers(limited: FastAPI) -> None:
    key = await new_tenant(limited, "tiny")
    answers = [await me(limited, key) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert [answer.headers["RateLimit-Remaining"] for answer in answers] == ["2", "1", "0"]
    for answer in answers:
        assert answer.headers["RateLimit-Limit"] == "3"
        assert 0 < int(answer.headers["RateLimit-Reset"]) <= 60


async def test_requests_beyond_the_tier_rate_are_429_with_retry_after(limited: FastAPI) -> None:
    key = await new_tenant(limited, "tiny")
    for _ in range(3):
        assert (await me(limited, key)).status_code == 200
    assert_rate_limited(await me(limited, key), limit=3)


async def test_a_tenant_over_its_rate_does_not_slow_another(limited: FastAPI) -> None:
    spent, fresh = await new_tenant(limited, "tiny"), await new_tenant(limited, "tiny")
    for _ in range(4):
        await me(limited, spent)
    assert (await me(limited, fresh)).status_code == 200


async def test_every_key_of_a_tenant_shares_its_rate(limited: FastAPI) -> None:
    key = await new_tenant(limited, "tiny")
    async with bearer(limited, key) as admin:
        created = await admin.post("/api/keys", json={"name": "second", "role": "viewer"})
    assert created.status_code == 201, created.text
    for _ in range(2):
        assert (await me(limited, key)).status_code == 200
    assert_rate_limited(await me(limited, created.json()["key"]), limit=3)


async def test_two_api_processes_on_one_redis_enforce_one_rate(tmp_path: Path) -> None:
    redis_url = await redis_or_skip()
    shared = tenant_id()
    async with AsyncExitStack() as stack:
        folders = [tmp_path / "a", tmp_path / "b"]  # two stores: two deployments' processes
        for folder in folders:
            folder.mkdir()
        apps = [create_app(settings_in(folder, redis_url)) for folder in folders]
        for app in apps:
            await stack.enter_async_context(app.router.lifespan_context(app))
        first, second = [await new_tenant(app, "tiny", tenant=shared) for app in apps]
        assert (await me(apps[0], first)).status_code == 200
        assert (await me(apps[1], second)).status_code == 200
        assert (await me(apps[0], first)).headers["RateLimit-Remaining"] == "0"
        assert_rate_limited(await me(apps[1], second), limit=3)
        assert_rate_limited(await me(apps[0], first), limit=3)


# Concurrent runs


async def test_a_run_beyond_the_tiers_concurrent_runs_is_429_until_one_ends(
    limited: FastAPI,
) -> None:
    key = await new_tenant(limited, "one-run")
    async with bearer(limited, key) as operator:
        held = await operator.post("/api/runs", json=GATED_RUN)
        assert held.status_code == 201, held.text
        approval_id = await waiting_approval(operator, held.json()["id"])
        refused = await operator.post("/api/runs", json=AGENT_RUN)
        assert refused.status_code == 429, refused.text
        assert refused.json()["error"]["code"] == "rate_limited"
        assert int(refused.headers["Retry-After"]) >= 1
        url = f"/api/runs/{held.json()['id']}/approvals/{approval_id}"
        assert (await operator.post(url, json={"granted": True})).status_code == 200
        assert (await finished(operator, held.json()["id"]))["status"] == "completed"
        accepted = await operator.post("/api/runs", json=AGENT_RUN)
        assert accepted.status_code == 201, accepted.text
        assert (await finished(operator, accepted.json()["id"]))["status"] == "completed"


async def test_a_replay_counts_against_the_tiers_concurrent_runs(limited: FastAPI) -> None:
    key = await new_tenant(limited, "one-run")
    async with bearer(limited, key) as operator:
        done = (await operator.post("/api/runs", json=AGENT_RUN)).json()
        await finished(operator, done["id"])
        held = (await operator.post("/api/runs", json=GATED_RUN)).json()
        await waiting_approval(operator, held["id"])
        replay = await operator.post(f"/api/runs/{done['id']}/replay")
        assert replay.status_code == 429, replay.text


# Quotas and headers


async def test_agents_beyond_the_tiers_max_agents_are_refused(app: FastAPI) -> None:
    key = await new_tenant(app, "one-run")
    async with bearer(app, key) as operator:
        for number in range(TIERS["one-run"]["max_agents"]):
            spec = {"name": f"agent-{number}"}
            assert (await operator.post("/api/agents", json={"spec": spec})).status_code == 201
        extra = await operator.post("/api/agents", json={"spec": {"name": "one-too-many"}})
    assert extra.status_code == 403, extra.text
    assert extra.json()["error"]["code"] == "quota_exceeded"
    assert "move to a higher tier" in extra.json()["error"]["message"]


async def test_an_answer_a_route_builds_itself_carries_the_rate_limit_headers(
    app: FastAPI,
) -> None:
    key = await new_tenant(app, "one-run")
    async with bearer(app, key) as admin:
        response = await admin.put("/api/tenant/secrets/OPENAI_API_KEY", json={"value": "sk-1"})
    assert response.status_code == 204, response.text
    assert all(name in response.headers for name in RATE_HEADERS)


# Request sizes


async def test_a_body_declared_above_the_limit_is_413(client: httpx2.AsyncClient) -> None:
    body = {"target_kind": "agent", "target": "assistant", "input": "x" * MAX_BODY}
    response = await client.post("/api/runs", json=body)
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "too_large"


async def test_a_chunked_body_above_the_limit_is_413(client: httpx2.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"target_kind": "agent", "target": "assistant", "input": "'
        for _ in range(MAX_BODY // 512 + 1):
            yield b"x" * 512
        yield b'"}'

    headers = {"Content-Type": "application/json"}
    response = await client.post("/api/runs", content=chunks(), headers=headers)
    assert "content-length" not in response.request.headers
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "too_large"


async def test_a_body_within_the_limit_is_read(client: httpx2.AsyncClient) -> None:
    response = await client.post("/api/auth/refresh", json={"refresh_token": "x" * 2000})
    assert response.status_code == 401, response.text


async def test_a_run_input_above_the_message_limit_is_422_naming_it(
    client: httpx2.AsyncClient,
) -> None:
    body = AGENT_RUN | {"input": "x" * (MAX_MESSAGE + 1)}
    response = await client.post("/api/runs", json=body)
    assert response.status_code == 422, response.text
    [field] = response.json()["error"]["details"]["fields"]
    assert field["loc"] == ["body", "input"]
    assert str(MAX_MESSAGE) in field["msg"]


async def test_a_chat_message_above_the_limit_is_422_naming_it(
    client: httpx2.AsyncClient,
) -> None:
    body = {"message": "x" * (MAX_MESSAGE + 1)}
    response = await client.post("/api/agents/assistant/chat", json=body)
    assert response.status_code == 422, response.text
    [field] = response.json()["error"]["details"]["fields"]
    assert field["loc"] == ["body", "message"]


async def test_a_completion_counts_only_the_newest_user_message(
    client: httpx2.AsyncClient,
) -> None:
    long = "x" * (MAX_MESSAGE * 3)
    messages = [
        {"role": "system", "content": long},
        {"role": "user", "content": long},
        {"role": "assistant", "content": long},
        {"role": "user", "content": "what is 2+2?"},
    ]
    body = {"model": "agent:assistant", "messages": messages}
    response = await client.post("/v1/chat/completions", json=body)
    assert response.status_code == 200, response.text


async def test_a_completion_whose_newest_user_message_is_too_long_is_422(
    client: httpx2.AsyncClient,
) -> None:
    messages = [
        {"role": "user", "content": "hello"},
        {"role": "assistant", "content": "hi"},
        {"role": "user", "content": "x" * (MAX_MESSAGE + 1)},
    ]
    body = {"model": "agent:assistant", "messages": messages}
    response = await client.post("/v1/chat/completions", json=body)
    assert response.status_code == 422, response.text
    [field] = response.json()["error"]["details"]["fields"]
    assert field["loc"] == ["body", "messages", 2, "content"]


async def test_a_flood_of_refused_credentials_is_cut_off_without_filling_the_audit_log(
    tmp_path: Path,
) -> None:
    app = create_app(app_settings(tmp_path))
    async with app.router.lifespan_context(app):
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://test") as client:
            bogus = {"Authorization": "Bearer ck_aaaaaaaaaaaa_" + "b" * 52}
            answers = [
                (await client.get("/api/agents", headers=bogus)).status_code
                for _ in range(REFUSALS_RATE.amount + 5)
            ]
            audit = await client.get(
                "/api/audit", params={"tenant": "-", "action": "auth.failed", "limit": 500},
                headers=AUTH,
            )  # fmt: skip
    assert answers[: REFUSALS_RATE.amount] == [401] * REFUSALS_RATE.amount
    assert set(answers[REFUSALS_RATE.amount :]) == {429}
    assert audit.json()["total"] == REFUSALS_RATE.amount
