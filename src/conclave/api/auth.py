"""What each route requires of its caller, as FastAPI dependencies.

Every route declares one requirement, and a test holds every route in the schema to it:

- :data:`Public`: anyone (health, readiness, signing in);
- :func:`requires` a role: viewer reads, operator runs agents, teams, runs and approvals,
  admin manages members, keys and the tenant's settings, platform manages tenants.

A requirement authenticates the request's credential (``Authorization: Bearer <API key or
access token>``, or ``X-API-Key``; streams also take ``?access_token=``, since browsers
cannot set headers on an EventSource or a WebSocket), checks the role, and charges the
tenant one request against its tier's rate: over it, the answer is 429 with
``Retry-After``. Successful answers carry the ``RateLimit-*`` headers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.requests import HTTPConnection
from starlette.websockets import WebSocket

from conclave.adapters.limits import Rate
from conclave.api.deps import Services, ServicesDep
from conclave.errors import PermissionDenied, Unauthenticated, UserError
from conclave.services.access import Caller
from conclave.services.auth import Role
from conclave.services.identity import Actor, act_as

__all__ = [
    "PUBLIC",
    "REFUSALS_RATE",
    "SECURITY_SCHEMES",
    "Admin",
    "AdminTenant",
    "Operator",
    "OperatorTenant",
    "Platform",
    "Public",
    "SocketViewer",
    "StreamTenant",
    "Viewer",
    "ViewerTenant",
    "admit",
    "credential_of",
    "install_security",
    "requirement_of",
    "requires",
    "route_requirement",
    "socket_credential",
]

# Declared in the schema by install_security, read by credential_of.
SECURITY_SCHEMES: dict[str, dict[str, str]] = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "an API key (ck_…) or a member's access token",
    },
    "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
    "accessToken": {
        "type": "apiKey",
        "in": "query",
        "name": "access_token",
        "description": "streams only: browsers cannot set headers on an EventSource",
    },
}
_MISSING = (
    "no credential; send Authorization: Bearer <API key or access token> "
    "(conclave serve prints the first admin key when it starts)"
)
_REQUIREMENT = "__conclave_requirement__"
_STREAM = "__conclave_stream__"
REFUSALS_RATE = Rate.per_minute(60)
"""Refused credentials allowed per client address; past it, 429 without an audit entry."""
PUBLIC = "public"


async def _public() -> None:
    """Anyone may call this route."""


setattr(_public, _REQUIREMENT, PUBLIC)
Public = Depends(_public)
"""Declare a route open to anyone: ``dependencies=[Public]``."""


def requires(role: Role, *, stream: bool = False) -> Callable[..., Awaitable[Caller]]:
    """A dependency that admits callers whose role allows ``role``, and returns the caller.

    It takes nothing but the connection: every dependency FastAPI solves costs each request
    time, so the credential is read here rather than by FastAPI's security classes, and the
    schema is told about it by :func:`install_security`.

    Args:
        role: the least role the route needs.
        stream: also take the credential from ``?access_token=`` (SSE routes).
    """

    async def requirement(connection: HTTPConnection) -> Caller:
        services: Services = connection.app.state.services
        return await admit(connection, services, credential_of(connection, query=stream), role)

    setattr(requirement, _REQUIREMENT, role)
    setattr(requirement, _STREAM, stream)
    return requirement


async def admit(
    connection: HTTPConnection, services: Services, credential: str, role: Role
) -> Caller:
    """Authenticate ``credential``, check it allows ``role``, and charge its tenant's rate.

    Raises:
        Unauthenticated: the credential is not valid.
        PermissionDenied: its role does not allow ``role``.
        RateLimited: the tenant is over its request rate.
    """
    try:
        caller = await services.access.authenticate(credential)
    except Unauthenticated as error:
        await _refused(connection, services, error)
        raise
    connection.state.caller = caller
    act_as(Actor.of(caller, ip=_ip(connection)))
    if not caller.role.allows(role):
        raise PermissionDenied(
            f"this needs the {role} role; this credential is {caller.role}", required=str(role)
        )
    decision = await services.access.charge(caller)
    connection.state.rate_headers = decision.headers()
    if not decision.allowed:
        raise decision.error()
    return caller


async def _refused(connection: HTTPConnection, services: Services, error: Unauthenticated) -> None:
    """Audit a refused credential, unless its address has been refused too often lately:
    then answer 429, and write nothing, so nobody can flood the audit log."""
    ip = _ip(connection)
    decision = await services.access.limiters.rate.hit(f"refused:{ip}", REFUSALS_RATE)
    if not decision.allowed:
        connection.state.rate_headers = decision.headers()
        raise decision.error() from error
    actor = Actor(kind="anonymous", ip=ip)
    await services.identity.record_refusal(None, actor, reason=error.message)


async def _socket_caller(websocket: WebSocket, services: ServicesDep) -> Caller | UserError:
    # Returned, not raised: a WebSocket is refused after its handshake, with a close code.
    try:
        return await admit(websocket, services, socket_credential(websocket), Role.VIEWER)
    except UserError as error:
        return error


setattr(_socket_caller, _REQUIREMENT, Role.VIEWER)
SocketViewer = Annotated[Caller | UserError, Depends(_socket_caller)]
"""A WebSocket's caller, who may read; or why it is refused, to close the socket with."""


def _ip(connection: HTTPConnection) -> str | None:
    return connection.client.host if connection.client else None


def socket_credential(connection: HTTPConnection) -> str:
    """The credential of a WebSocket: its Authorization or X-API-Key header, else
    ``?access_token=``.

    Raises:
        Unauthenticated: it sent none.
    """
    return credential_of(connection, query=True)


def requirement_of(dependency: Any) -> Role | str | None:
    """The requirement a dependency declares (a role, or ``"public"``), if it is one."""
    found: Role | str | None = getattr(dependency, _REQUIREMENT, None)
    return found


def credential_of(connection: HTTPConnection, *, query: bool) -> str:
    """The request's credential: ``Authorization: Bearer``, else ``X-API-Key``, else (when
    ``query``) ``?access_token=``.

    Raises:
        Unauthenticated: it sent none.
    """
    scheme, _, value = connection.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    key = connection.headers.get("x-api-key")
    if key:
        return key
    token = connection.query_params.get("access_token") if query else None
    if token:
        return token
    raise Unauthenticated(_MISSING)


Viewer = Annotated[Caller, Depends(requires(Role.VIEWER))]
Operator = Annotated[Caller, Depends(requires(Role.OPERATOR))]
Admin = Annotated[Caller, Depends(requires(Role.ADMIN))]
Platform = Annotated[Caller, Depends(requires(Role.PLATFORM))]


async def _viewer_tenant(caller: Viewer) -> str:
    return caller.tenant_id


async def _operator_tenant(caller: Operator) -> str:
    return caller.tenant_id


async def _admin_tenant(caller: Admin) -> str:
    return caller.tenant_id


async def _stream_tenant(
    caller: Annotated[Caller, Depends(requires(Role.VIEWER, stream=True))],
) -> str:
    return caller.tenant_id


ViewerTenant = Annotated[str, Depends(_viewer_tenant)]
"""The tenant of a caller who may read."""
OperatorTenant = Annotated[str, Depends(_operator_tenant)]
"""The tenant of a caller who may run agents, teams, runs and approvals."""
AdminTenant = Annotated[str, Depends(_admin_tenant)]
"""The tenant of a caller who may manage members, keys and settings."""
StreamTenant = Annotated[str, Depends(_stream_tenant)]
"""The tenant of a caller who may read, for streams (which may send ``?access_token=``)."""


def install_security(app: FastAPI) -> None:
    """Tell ``app``'s OpenAPI schema which credential each operation takes (none for public
    ones), so that clients and the docs' "Authorize" button know."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            _declare(schema, app)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _declare(schema: dict[str, Any], app: FastAPI) -> None:
    schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
    paths = schema.get("paths", {})
    for context in iter_route_contexts(app.routes):
        path = str(context.path)
        if not isinstance(context.original_route, APIRoute) or path not in paths:
            continue
        requirement = route_requirement(context.dependant)
        for method in context.methods or ():
            operation = paths[path].get(method.lower())
            if operation is not None:
                operation["security"] = _security_of(requirement)


def _security_of(requirement: Any) -> list[dict[str, list[str]]]:
    if requirement is None or requirement_of(requirement) == PUBLIC:
        return []
    names = ["bearer", "apiKey", *(["accessToken"] if getattr(requirement, _STREAM, False) else [])]
    return [{name: []} for name in names]


def route_requirement(dependant: Dependant) -> Any:
    """The dependency by which a route (its dependency tree) declares what it requires."""
    pending = list(dependant.dependencies)
    while pending:
        dependant = pending.pop()
        if requirement_of(dependant.call) is not None:
            return dependant.call
        pending.extend(dependant.dependencies)
    return None
