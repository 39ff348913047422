"""Authentication, roles and audit, end to end through the HTTP API.

One application serves the module, and every test works in a tenant of its own: onboarded
by the platform key of the default tenant (``client``), whose first admin key then makes
the keys and members the test needs.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx2
import jwt
import pytest
import pytest_asyncio
from fastapi import FastAPI

from conclave.adapters.store.repositories.audit import NO_TENANT
from conclave.api import create_app
from conclave.services.auth import Role, TokenCodec, generate_api_key, resolve_secret_key
from conclave.services.identity import SIGN_IN_RATE
from tests.api._tenants import (
    GATED_RUN,
    PASSWORD,
    add_member,
    bearer,
    client_of,
    gated_specs,
    login,
    make_key,
    onboard,
    tenant_id,
    waiting_approval,
)
from tests.api.conftest import AUTH, app_settings, finished, services

pytestmark = pytest.mark.asyncio(loop_scope="module")
EMAIL = "ana@example.com"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def app(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[FastAPI]:
    """The application, shared by the module's tests (each in a tenant of its own)."""
    app = create_app(app_settings(tmp_path_factory.mktemp("auth")))
    async with app.router.lifespan_context(app):
        yield app


@pytest_asyncio.fixture(loop_scope="module")
async def client(app: FastAPI) -> AsyncIterator[httpx2.AsyncClient]:
    """A client sending the platform key of the default tenant."""
    async with client_of(app, AUTH) as client:
        yield client


@pytest_asyncio.fixture(loop_scope="module")
async def anonymous(app: FastAPI) -> AsyncIterator[httpx2.AsyncClient]:
    """A client sending no credential."""
    async with client_of(app) as client:
        yield client


@pytest_asyncio.fixture(loop_scope="module")
async def tenant(client: httpx2.AsyncClient) -> dict[str, Any]:
    """A tenant on the free tier, as onboarding answered (with its first admin key)."""
    return await onboard(client)


@pytest_asyncio.fixture(loop_scope="module")
async def admin(app: FastAPI, tenant: dict[str, Any]) -> AsyncIterator[httpx2.AsyncClient]:
    """A client sending the tenant's first admin key."""
    async with bearer(app, tenant["admin_key"]) as client:
        yield client


@pytest_asyncio.fixture(loop_scope="module")
async def session(
    admin: httpx2.AsyncClient, anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> dict[str, Any]:
    """A signed-in operator of the tenant: the answer to its login."""
    await add_member(admin, EMAIL, role="operator")
    response = await login(anonymous, tenant["id"], EMAIL)
    assert response.status_code == 200, response.text
    signed_in: dict[str, Any] = response.json()
    return signed_in


async def me(app: FastAPI, credential: str) -> httpx2.Response:
    async with bearer(app, credential) as client:
        return await client.get("/api/auth/me")


async def refresh(anonymous: httpx2.AsyncClient, token: str) -> httpx2.Response:
    return await anonymous.post("/api/auth/refresh", json={"refresh_token": token})


async def audit(admin: httpx2.AsyncClient, **filters: Any) -> list[dict[str, Any]]:
    response = await admin.get("/api/audit", params={"limit": 500} | filters)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def assert_refused(response: httpx2.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthenticated"


# Credentials


async def test_a_request_without_a_credential_is_401_saying_what_to_send(
    anonymous: httpx2.AsyncClient,
) -> None:
    response = await anonymous.get("/api/auth/me")
    assert_refused(response)
    assert "Authorization: Bearer" in response.json()["error"]["message"]


async def test_a_key_that_was_never_issued_is_401(app: FastAPI) -> None:
    assert_refused(await me(app, generate_api_key(b"another server").plaintext))


@pytest.mark.parametrize(
    "credential",
    ["ck_", "ck_short_key", "x" * 9000, "not.a.token", "ck_" + "a" * 12 + "_" + "A" * 52],
    ids=["prefix", "short-key", "huge", "dotted", "upper-case-key"],
)
async def test_a_garbled_credential_is_401(app: FastAPI, credential: str) -> None:
    assert_refused(await me(app, credential))


async def test_a_key_is_accepted_in_the_x_api_key_header(
    app: FastAPI, tenant: dict[str, Any]
) -> None:
    async with client_of(app, {"X-API-Key": tenant["admin_key"]}) as client:
        response = await client.get("/api/auth/me")
    assert response.status_code == 200, response.text
    assert response.json()["tenant_id"] == tenant["id"]


async def test_a_revoked_key_is_refused_at_once(app: FastAPI, admin: httpx2.AsyncClient) -> None:
    key = await make_key(admin, "viewer")
    assert (await me(app, key)).status_code == 200  # now cached as valid
    key_id = key.split("_")[1]
    assert (await admin.delete(f"/api/keys/{key_id}")).status_code == 200
    assert_refused(await me(app, key))


async def test_an_expired_key_is_refused(app: FastAPI, admin: httpx2.AsyncClient) -> None:
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    key = await make_key(admin, "viewer", expires_at=past)
    assert_refused(await me(app, key))


async def test_a_key_expiring_later_works(app: FastAPI, admin: httpx2.AsyncClient) -> None:
    later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    key = await make_key(admin, "viewer", expires_at=later)
    assert (await me(app, key)).status_code == 200


async def test_a_stream_takes_the_credential_from_the_query(
    anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    url = "/api/runs/run_unknown/stream"
    assert_refused(await anonymous.get(url))
    response = await anonymous.get(url, params={"access_token": tenant["admin_key"]})
    assert response.status_code == 404, response.text  # admitted, then not found


async def test_other_routes_refuse_a_credential_in_the_query(
    anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    response = await anonymous.get("/api/auth/me", params={"access_token": tenant["admin_key"]})
    assert_refused(response)


async def test_a_key_cannot_revoke_another_tenants_key(
    app: FastAPI, admin: httpx2.AsyncClient, client: httpx2.AsyncClient
) -> None:
    other = await onboard(client)
    response = await admin.delete(f"/api/keys/{other['admin_key'].split('_')[1]}")
    assert response.status_code == 404, response.text
    assert (await me(app, other["admin_key"])).status_code == 200


async def test_a_tier_change_applies_at_once(
    app: FastAPI, client: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    assert (await me(app, tenant["admin_key"])).json()["tier"]["name"] == "free"
    moved = await client.patch(f"/api/tenants/{tenant['id']}", json={"tier": "pro"})
    assert moved.status_code == 200, moved.text
    assert (await me(app, tenant["admin_key"])).json()["tier"]["name"] == "pro"


async def test_me_shows_the_tenant_role_and_tier(app: FastAPI, tenant: dict[str, Any]) -> None:
    response = await me(app, tenant["admin_key"])
    assert response.status_code == 200, response.text
    caller = response.json()
    assert (caller["tenant_id"], caller["role"], caller["actor_kind"]) == (
        tenant["id"],
        "admin",
        "key",
    )
    assert caller["tier"]["name"] == "free"
    assert caller["tier"]["requests_per_minute"] == 60


async def test_onboarding_returns_an_admin_key_of_the_new_tenant_only(
    app: FastAPI, client: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    async with bearer(app, tenant["admin_key"]) as admin:
        assert (await admin.get("/api/auth/me")).json()["tenant_id"] == tenant["id"]
        assert (await admin.get("/api/tenants")).status_code == 403
        created = await admin.post("/api/agents", json={"spec": {"name": "mine"}})
        assert created.status_code == 201, created.text
    default_agent = await client.get("/api/agents/mine")
    assert default_agent.status_code == 404


# Members and sessions


async def test_a_member_signs_in_with_a_password_and_gets_tokens(
    session: dict[str, Any],
) -> None:
    assert session["token_type"] == "bearer"
    assert session["access_token"] and session["refresh_token"]
    assert (session["user"]["email"], session["user"]["role"]) == (EMAIL, "operator")
    assert "password_hash" not in session["user"]


async def test_an_access_token_works_on_the_api(
    app: FastAPI, tenant: dict[str, Any], session: dict[str, Any]
) -> None:
    response = await me(app, session["access_token"])
    assert response.status_code == 200, response.text
    caller = response.json()
    assert (caller["tenant_id"], caller["role"], caller["actor_kind"]) == (
        tenant["id"],
        "operator",
        "user",
    )
    assert caller["actor_id"] == session["user"]["id"]


async def test_an_email_signs_in_whatever_its_case(
    admin: httpx2.AsyncClient, anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    await add_member(admin, "Ana@Example.com")
    assert (await login(anonymous, tenant["id"], "ana@example.COM")).status_code == 200


async def test_a_wrong_password_and_an_unknown_email_get_the_same_401(
    admin: httpx2.AsyncClient, anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    await add_member(admin, EMAIL)
    wrong_password = await login(anonymous, tenant["id"], EMAIL, "not the password at all")
    unknown_email = await login(anonymous, tenant["id"], "nobody@example.com")
    assert_refused(wrong_password)
    assert_refused(unknown_email)
    assert wrong_password.json() == unknown_email.json()


async def test_signing_in_to_an_unknown_tenant_gets_the_same_401(
    admin: httpx2.AsyncClient, anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    await add_member(admin, EMAIL)
    wrong_tenant = await login(anonymous, tenant_id(), EMAIL)
    wrong_password = await login(anonymous, tenant["id"], EMAIL, "not the password at all")
    assert_refused(wrong_tenant)
    assert wrong_tenant.json() == wrong_password.json()


async def test_a_tenant_named_by_a_refused_sign_in_works_once_onboarded(
    app: FastAPI, anonymous: httpx2.AsyncClient, client: httpx2.AsyncClient
) -> None:
    future = tenant_id()
    assert_refused(await login(anonymous, future, EMAIL))
    created = await onboard(client, id=future)
    assert (await me(app, created["admin_key"])).status_code == 200


async def test_a_member_without_a_password_cannot_sign_in(
    admin: httpx2.AsyncClient, anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    await add_member(admin, EMAIL, password=None)
    assert_refused(await login(anonymous, tenant["id"], EMAIL, "x" * 12))


@pytest.mark.slow
async def test_sign_ins_beyond_the_members_rate_are_429(
    admin: httpx2.AsyncClient, anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    await add_member(admin, EMAIL)
    for _ in range(SIGN_IN_RATE.amount):
        assert_refused(await login(anonymous, tenant["id"], EMAIL, "a wrong guess, again"))
    throttled = await login(anonymous, tenant["id"], EMAIL)
    assert throttled.status_code == 429, throttled.text
    assert int(throttled.headers["Retry-After"]) >= 1
    assert (await login(anonymous, tenant["id"], "other@example.com")).status_code == 401


async def test_a_refresh_rotates_the_tokens_and_refuses_the_old_refresh_token(
    app: FastAPI, anonymous: httpx2.AsyncClient, session: dict[str, Any]
) -> None:
    rotated = await refresh(anonymous, session["refresh_token"])
    assert rotated.status_code == 200, rotated.text
    new = rotated.json()
    assert new["refresh_token"] != session["refresh_token"]
    assert (await me(app, new["access_token"])).status_code == 200
    assert_refused(await refresh(anonymous, session["refresh_token"]))


async def test_reusing_a_spent_refresh_token_ends_the_whole_session(
    anonymous: httpx2.AsyncClient, session: dict[str, Any]
) -> None:
    first = session["refresh_token"]
    second = (await refresh(anonymous, first)).json()["refresh_token"]
    assert_refused(await refresh(anonymous, first))  # replayed: taken as stolen
    assert_refused(await refresh(anonymous, second))


async def test_logout_ends_the_session(
    anonymous: httpx2.AsyncClient, session: dict[str, Any]
) -> None:
    body = {"refresh_token": session["refresh_token"]}
    assert (await anonymous.post("/api/auth/logout", json=body)).status_code == 204
    assert_refused(await refresh(anonymous, session["refresh_token"]))


async def test_an_access_token_cannot_be_refreshed_or_logged_out_with(
    anonymous: httpx2.AsyncClient, session: dict[str, Any]
) -> None:
    body = {"refresh_token": session["access_token"]}
    assert_refused(await anonymous.post("/api/auth/refresh", json=body))
    assert_refused(await anonymous.post("/api/auth/logout", json=body))


async def test_a_suspended_tenants_keys_and_tokens_are_refused(
    app: FastAPI, client: httpx2.AsyncClient, tenant: dict[str, Any], session: dict[str, Any]
) -> None:
    suspended = await client.patch(f"/api/tenants/{tenant['id']}", json={"status": "suspended"})
    assert suspended.status_code == 200, suspended.text
    assert_refused(await me(app, tenant["admin_key"]))
    assert_refused(await me(app, session["access_token"]))


async def test_a_suspended_tenants_members_cannot_sign_in_or_refresh(
    anonymous: httpx2.AsyncClient,
    client: httpx2.AsyncClient,
    tenant: dict[str, Any],
    session: dict[str, Any],
) -> None:
    await client.patch(f"/api/tenants/{tenant['id']}", json={"status": "suspended"})
    assert_refused(await login(anonymous, tenant["id"], EMAIL))
    assert_refused(await refresh(anonymous, session["refresh_token"]))


async def test_reactivating_a_tenant_restores_its_credentials(
    app: FastAPI,
    anonymous: httpx2.AsyncClient,
    client: httpx2.AsyncClient,
    tenant: dict[str, Any],
    session: dict[str, Any],
) -> None:
    url = f"/api/tenants/{tenant['id']}"
    await client.patch(url, json={"status": "suspended"})
    assert (await client.patch(url, json={"status": "active"})).status_code == 200
    assert (await me(app, tenant["admin_key"])).status_code == 200
    assert (await me(app, session["access_token"])).status_code == 200
    assert (await login(anonymous, tenant["id"], EMAIL)).status_code == 200


# Tokens made or changed by someone other than the server


def _codec(
    app: FastAPI,
    *,
    secret: bytes | None = None,
    now: Callable[[], datetime] | None = None,
    **changes: Any,
) -> TokenCodec:
    """A codec like the server's, with other settings, another secret or another clock."""
    settings = services(app).settings.model_copy(update=changes)
    key = secret if secret is not None else resolve_secret_key(settings)
    clock = {"now": now} if now is not None else {}
    return TokenCodec.from_settings(settings, key, **clock)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unsigned(app: FastAPI, tenant: str) -> str:
    token = _codec(app).issue_access("intruder", tenant_id=tenant, role=Role.ADMIN)
    payload = jwt.decode(token, options={"verify_signature": False})
    header = json.dumps({"alg": "none", "typ": "JWT"}).encode()
    return f"{_b64(header)}.{_b64(json.dumps(payload).encode())}."


def _flipped(app: FastAPI, tenant: str) -> str:
    token = _codec(app).issue_access("intruder", tenant_id=tenant, role=Role.ADMIN)
    head, body, signature = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
    raw[0] ^= 0x01
    return f"{head}.{body}.{_b64(bytes(raw))}"


def _issued_by(**options: Any) -> Callable[[FastAPI, str], str]:
    def issue(app: FastAPI, tenant: str) -> str:
        made = _codec(app, **options)
        return made.issue_access("intruder", tenant_id=tenant, role=Role.ADMIN)

    return issue


def _refresh_token(app: FastAPI, tenant: str) -> str:
    return _codec(app).issue_refresh("intruder", tenant_id=tenant).token


def _an_hour_ago() -> datetime:
    return datetime.now(UTC) - timedelta(hours=1)


TAMPERED: dict[str, Callable[[FastAPI, str], str]] = {
    "alg-none": _unsigned,
    "flipped-signature": _flipped,
    "another-secret": _issued_by(secret=b"another server's secret key, 32+ chars"),
    "wrong-audience": _issued_by(jwt_audience="another-api"),
    "wrong-issuer": _issued_by(jwt_issuer="someone-else"),
    "expired": _issued_by(now=_an_hour_ago),
    "refresh-as-access": _refresh_token,
}


async def test_a_token_issued_by_the_servers_codec_is_accepted(
    app: FastAPI, tenant: dict[str, Any]
) -> None:
    token = _codec(app).issue_access("someone", tenant_id=tenant["id"], role=Role.VIEWER)
    assert (await me(app, token)).status_code == 200


@pytest.mark.parametrize("make", TAMPERED.values(), ids=TAMPERED.keys())
async def test_a_tampered_or_misused_token_is_refused(
    app: FastAPI, tenant: dict[str, Any], make: Callable[[FastAPI, str], str]
) -> None:
    assert_refused(await me(app, make(app, tenant["id"])))


# Roles


async def test_a_viewer_cannot_create_keys(app: FastAPI, admin: httpx2.AsyncClient) -> None:
    async with bearer(app, await make_key(admin, "viewer")) as viewer:
        response = await viewer.post("/api/keys", json={"name": "mine", "role": "viewer"})
    assert response.status_code == 403, response.text
    assert response.json()["error"]["code"] == "forbidden"


async def test_an_admin_cannot_create_a_platform_key(admin: httpx2.AsyncClient) -> None:
    response = await admin.post("/api/keys", json={"name": "escalate", "role": "platform"})
    assert response.status_code == 403, response.text
    keys = (await admin.get("/api/keys")).json()
    assert [key["role"] for key in keys] == ["admin"]


async def test_an_admin_cannot_create_a_platform_member(admin: httpx2.AsyncClient) -> None:
    body = {"email": "boss@example.com", "role": "platform", "password": PASSWORD}
    response = await admin.post("/api/users", json=body)
    assert response.status_code == 403, response.text
    assert (await admin.get("/api/users")).json() == []


async def test_an_operator_cannot_read_the_audit_log(
    app: FastAPI, admin: httpx2.AsyncClient
) -> None:
    async with bearer(app, await make_key(admin, "operator")) as operator:
        response = await operator.get("/api/audit")
    assert response.status_code == 403, response.text


async def test_a_viewer_cannot_change_agents(app: FastAPI, admin: httpx2.AsyncClient) -> None:
    async with bearer(app, await make_key(admin, "viewer")) as viewer:
        response = await viewer.post("/api/agents", json={"spec": {"name": "mine"}})
    assert response.status_code == 403, response.text


# Audit


async def newest_refusal(platform: httpx2.AsyncClient) -> int:
    """The id of the newest refusal filed under no tenant, 0 if none."""
    refused = await audit(platform, tenant=NO_TENANT, action="auth.failed")
    return int(refused[-1]["id"]) if refused else 0


async def test_key_creation_and_revocation_are_audited(
    admin: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    key = await make_key(admin, "viewer")
    key_id = key.split("_")[1]
    await admin.delete(f"/api/keys/{key_id}")
    entries = await audit(admin, target_id=key_id)
    assert [entry["action"] for entry in entries] == ["key.create", "key.revoke"]
    admin_key_id = tenant["admin_key"].split("_")[1]
    assert {(e["actor_kind"], e["actor_id"]) for e in entries} == {("key", admin_key_id)}


async def test_member_creation_is_audited(admin: httpx2.AsyncClient) -> None:
    member = await add_member(admin, EMAIL, role="operator")
    [entry] = await audit(admin, action="user.create")
    assert (entry["target_id"], entry["details"]["role"]) == (member["id"], "operator")


async def test_a_login_is_audited(admin: httpx2.AsyncClient, session: dict[str, Any]) -> None:
    [entry] = await audit(admin, action="auth.login")
    assert (entry["target_id"], entry["outcome"]) == (session["user"]["id"], "ok")


async def test_a_refused_login_is_audited_in_its_tenant(
    admin: httpx2.AsyncClient, anonymous: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    await login(anonymous, tenant["id"], "nobody@example.com")
    [entry] = await audit(admin, action="auth.failed")
    assert entry["outcome"] == "denied"
    assert entry["details"]["email"] == "nobody@example.com"


async def test_a_refused_login_to_an_unknown_tenant_is_audited_under_no_tenant(
    anonymous: httpx2.AsyncClient, client: httpx2.AsyncClient
) -> None:
    unknown = tenant_id()
    newest = await newest_refusal(client)
    await login(anonymous, unknown, "nobody@example.com")
    assert await audit(client, tenant=unknown) == []
    refused = await audit(client, tenant=NO_TENANT, action="auth.failed", after=newest)
    assert [entry["details"]["tenant"] for entry in refused] == [unknown]


async def test_an_unknown_key_is_audited_under_no_tenant(
    app: FastAPI, client: httpx2.AsyncClient
) -> None:
    newest = await newest_refusal(client)
    await me(app, generate_api_key(b"another server").plaintext)
    refused = await audit(client, tenant=NO_TENANT, action="auth.failed", after=newest)
    assert [(entry["actor_kind"], entry["outcome"]) for entry in refused] == [
        ("anonymous", "denied")
    ]


async def test_a_platform_admin_reads_a_tenants_audit_log(
    client: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    [entry] = await audit(client, tenant=tenant["id"], action="tenant.create")
    assert entry["target_id"] == tenant["id"]


async def test_an_admin_cannot_read_another_tenants_audit_log(
    admin: httpx2.AsyncClient, client: httpx2.AsyncClient
) -> None:
    other = await onboard(client)
    for tenant in (other["id"], NO_TENANT):
        response = await admin.get("/api/audit", params={"tenant": tenant})
        assert response.status_code == 403, response.text


async def test_a_revoked_key_is_audited_in_its_own_tenant(
    app: FastAPI, admin: httpx2.AsyncClient
) -> None:
    key = await make_key(admin, "viewer")
    key_id = key.split("_")[1]
    await admin.delete(f"/api/keys/{key_id}")
    await me(app, key)
    [entry] = await audit(admin, action="auth.failed")
    assert (entry["outcome"], entry["details"]["key_id"]) == ("denied", key_id)


async def test_a_suspended_tenants_refused_key_is_audited_in_that_tenant(
    app: FastAPI, admin: httpx2.AsyncClient, client: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    url = f"/api/tenants/{tenant['id']}"
    await client.patch(url, json={"status": "suspended"})
    await me(app, tenant["admin_key"])
    await client.patch(url, json={"status": "active"})
    [entry] = await audit(admin, action="auth.failed")
    assert entry["details"]["key_id"] == tenant["admin_key"].split("_")[1]
    assert "suspended" in entry["details"]["reason"]


async def test_a_forged_token_naming_a_tenant_is_not_audited_in_it(
    app: FastAPI, admin: httpx2.AsyncClient, tenant: dict[str, Any]
) -> None:
    await me(app, _issued_by(secret=b"another server's secret key, 32+ chars")(app, tenant["id"]))
    assert await audit(admin, action="auth.failed") == []


async def test_agent_changes_are_audited(admin: httpx2.AsyncClient) -> None:
    spec = {"name": "helper", "description": "Helps", "instructions": "Be brief."}
    assert (await admin.post("/api/agents", json={"spec": spec})).status_code == 201
    changed = spec | {"instructions": "Be briefer."}
    assert (await admin.put("/api/agents/helper", json={"spec": changed})).status_code == 200
    rollback = await admin.post("/api/agents/helper/rollback", json={"version": 1})
    assert rollback.status_code == 200, rollback.text
    assert (await admin.delete("/api/agents/helper")).status_code == 204
    entries = await audit(admin, target_kind="agent", target_id="helper")
    assert [entry["action"] for entry in entries] == [
        "agent.created",
        "agent.updated",
        "agent.rollback",
        "agent.deleted",
    ]


async def test_an_approval_decision_is_audited(tmp_path: Path) -> None:
    app = create_app(app_settings(tmp_path, specs_dir=gated_specs(tmp_path)))
    async with app.router.lifespan_context(app), client_of(app, AUTH) as client:
        run_id = (await client.post("/api/runs", json=GATED_RUN)).json()["id"]
        approval_id = await waiting_approval(client, run_id)
        url = f"/api/runs/{run_id}/approvals/{approval_id}"
        assert (await client.post(url, json={"granted": False})).status_code == 200
        await finished(client, run_id)
        [entry] = await audit(client, action="approval.decide")
    assert (entry["target_id"], entry["details"]["granted"]) == (approval_id, False)


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
async def test_the_audit_log_cannot_be_changed_through_the_api(
    admin: httpx2.AsyncClient, method: str
) -> None:
    await make_key(admin, "viewer")
    assert (await admin.request(method, "/api/audit")).status_code == 405
    [first, *_] = await audit(admin)
    entry = await admin.request(method, f"/api/audit/{first['id']}")
    assert entry.status_code in (404, 405)
    assert (await audit(admin))[0] == first
