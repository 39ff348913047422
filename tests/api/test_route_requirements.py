"""Every route declares one requirement, the one this file's table gives it.

A route declares exactly one requirement dependency, not merely at least one: each
requirement authenticates the credential and charges the tenant's rate, so a second one
would charge a request twice, two different roles would leave the route's real requirement
to the stricter one while its signature reads like the other, and ``Public`` beside a role
would call a gated route public. One requirement reached twice (``caller: Operator`` and
``tenant_id: OperatorTenant``) is one dependency, which FastAPI solves once per request, so
it counts once.

The table below is the intended access policy; changing a route's role means changing it
here as well, on purpose.
"""

from __future__ import annotations

import pytest
from fastapi.routing import APIRoute, APIWebSocketRoute, iter_route_contexts

from conclave.api.auth import PUBLIC
from tests.api.operations import (
    BODIES,
    WEBSOCKET,
    Operation,
    bare_app,
    requirements,
    schema_bodies,
    schema_operations,
)

APP = bare_app()
DECLARED = requirements(APP)
SCHEMA = schema_operations(APP)

V, OP, A, P = "viewer", "operator", "admin", "platform"
EXPECTED: dict[str, str] = {
    # health, and signing in
    "GET /health": PUBLIC,
    "GET /ready": PUBLIC,
    "POST /api/auth/login": PUBLIC,
    "POST /api/auth/refresh": PUBLIC,
    "POST /api/auth/logout": PUBLIC,
    "GET /api/auth/me": V,
    # reads
    "GET /api/status": V,
    "GET /api/agents": V,
    "GET /api/agents/{name}": V,
    "GET /api/agents/{name}/versions": V,
    "GET /api/teams": V,
    "GET /api/teams/{name}": V,
    "GET /api/teams/{name}/versions": V,
    "GET /api/conversations": V,
    "GET /api/conversations/{conversation_id}": V,
    "GET /api/conversations/{conversation_id}/messages": V,
    "GET /api/runs": V,
    "GET /api/runs/{run_id}": V,
    "GET /api/runs/{run_id}/events": V,
    "GET /api/runs/{run_id}/stream": V,
    "GET /api/tasks": V,
    "GET /api/tasks/{task_id}": V,
    "GET /v1/models": V,
    "GET /v1/models/{model}": V,
    "GET /api/tenant": V,
    "GET /api/costs/summary": V,
    "GET /api/costs/turns": V,
    "GET /api/costs/efficiency": V,
    "GET /api/costs/trends": V,
    "GET /api/costs/recommendations": V,
    "GET /api/approvals": V,
    "GET /api/approvals/{approval_id}": V,
    "POST /api/guard/check": V,
    f"{WEBSOCKET} /api/runs/{{run_id}}/ws": V,
    f"{WEBSOCKET} /api/ws": V,
    # agents, teams, runs, tasks and approvals
    "POST /api/agents": OP,
    "PUT /api/agents/{name}": OP,
    "DELETE /api/agents/{name}": OP,
    "POST /api/agents/{name}/rollback": OP,
    "POST /api/agents/{name}/start": OP,
    "POST /api/agents/{name}/stop": OP,
    "POST /api/agents/{name}/chat": OP,
    "POST /api/agents/{name}/execute": OP,
    "POST /api/teams": OP,
    "PUT /api/teams/{name}": OP,
    "DELETE /api/teams/{name}": OP,
    "POST /api/teams/{name}/rollback": OP,
    "POST /api/task": OP,
    "POST /api/runs": OP,
    "POST /api/runs/{run_id}/cancel": OP,
    "POST /api/runs/{run_id}/replay": OP,
    "POST /api/runs/{run_id}/approvals/{approval_id}": OP,
    "POST /api/approvals/{approval_id}": OP,
    "POST /v1/chat/completions": OP,
    # members, keys, the audit log and the tenant's secrets
    "GET /api/keys": A,
    "POST /api/keys": A,
    "DELETE /api/keys/{key_id}": A,
    "GET /api/users": A,
    "POST /api/users": A,
    "GET /api/audit": A,
    "GET /api/tenant/secrets": A,
    "PUT /api/tenant/secrets/{name}": A,
    "DELETE /api/tenant/secrets/{name}": A,
    # tenants
    "GET /api/tenants": P,
    "POST /api/tenants": P,
    "GET /api/tenants/{tenant_id}": P,
    "PATCH /api/tenants/{tenant_id}": P,
    "GET /api/costs/tenants": P,
}
# FastAPI's own documentation, which describes the API to anyone who may call it.
DOCUMENTATION = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}


@pytest.mark.parametrize("operation", sorted(DECLARED), ids=str)
def test_each_route_declares_exactly_one_requirement(operation: Operation) -> None:
    found = DECLARED[operation]
    assert len(found) == 1, f"{operation} declares {found or 'no requirement'}"


def test_every_operation_of_the_schema_is_a_route_with_a_requirement() -> None:
    assert set(SCHEMA) <= set(DECLARED)
    assert all(len(DECLARED[operation]) == 1 for operation in SCHEMA)


def test_every_http_route_is_in_the_schema() -> None:
    # A route left out of the schema would also be left out of the sweeps built on it.
    http = {operation for operation in DECLARED if operation.method != WEBSOCKET}
    assert http == set(SCHEMA)


def test_only_the_documentation_is_served_outside_the_api_routes() -> None:
    others = {
        context.path
        for context in iter_route_contexts(APP.routes)
        if not isinstance(context.original_route, APIRoute | APIWebSocketRoute)
    }
    assert others == DOCUMENTATION


def test_the_table_names_every_route() -> None:
    assert set(EXPECTED) == {str(operation) for operation in DECLARED}


@pytest.mark.parametrize("operation", sorted(DECLARED), ids=str)
def test_each_route_requires_the_role_of_the_table(operation: Operation) -> None:
    [requirement] = DECLARED[operation]
    assert str(requirement) == EXPECTED[str(operation)]


def test_the_sweeps_send_a_body_to_every_operation_that_takes_one() -> None:
    # Without one, a sweep's call would stop at validation and never reach the route.
    assert schema_bodies(APP) == set(BODIES)


def test_the_schema_tells_clients_which_credential_each_operation_takes() -> None:
    schema = APP.openapi()
    assert set(schema["components"]["securitySchemes"]) == {"bearer", "apiKey", "accessToken"}
    for operation in SCHEMA:
        declared = schema["paths"][operation.path][operation.method.lower()]["security"]
        schemes = {name for option in declared for name in option}
        if EXPECTED[str(operation)] == PUBLIC:
            assert schemes == set(), operation
        elif operation.path.endswith("/stream"):
            assert schemes == {"bearer", "apiKey", "accessToken"}, operation
        else:
            assert schemes == {"bearer", "apiKey"}, operation
