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

from fastapi import Depends, Security
from fastapi.security import APIKeyHeader, APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection
from starlette.responses import Response
from starlette.websockets import WebSocket

from conclave.adapters.limits import Rate
from conclave.api.deps import Services, ServicesDep
from conclave.errors import PermissionDenied, Unauthenticated, UserError
from conclave.services.access import Caller
from conclave.services.auth import Role
from conclave.services.identity import Actor, act_as

__all__ = [
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
    "requirement_of",
    "requires",
    "socket_credential",
]

_bearer = HTTPBearer(auto_error=False, description="an API key (ck_…) or an access token")
_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="an API key")
_token_query = APIKeyQuery(
    name="access_token", auto_error=False, description="for streams, which cannot send headers"
)
_MISSING = (
    "no credential; send Authorization: Bearer <API key or access token> "
    "(conclave serve prints the first admin key when it starts)"
)
_REQUIREMENT = "__conclave_requirement__"
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

    Args:
        role: the least role the route needs.
        stream: also take the credential from ``?access_token=`` (SSE routes).
    """

    async def requirement(
        connection: HTTPConnection,
        response: Response,
        services: ServicesDep,
        bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
        key: Annotated[str | None, Security(_key_header)],
    ) -> Caller:
        query = connection.query_params.get("access_token") if stream else None
        caller = await admit(connection, services, _credential(bearer, key, query), role)
        response.headers.update(connection.state.rate_headers)
        return caller

    async def stream_requirement(
        connection: HTTPConnection,
        response: Response,
        services: ServicesDep,
        bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
        key: Annotated[str | None, Security(_key_header)],
        query: Annotated[str | None, Security(_token_query)],
    ) -> Caller:
        caller = await admit(connection, services, _credential(bearer, key, query), role)
        response.headers.update(connection.state.rate_headers)
        return caller

    chosen = stream_requirement if stream else requirement
    setattr(chosen, _REQUIREMENT, role)
    return chosen


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
    header = connection.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return _credential(
        None, connection.headers.get("x-api-key"), connection.query_params.get("access_token")
    )


def requirement_of(dependency: Any) -> Role | str | None:
    """The requirement a dependency declares (a role, or ``"public"``), if it is one."""
    found: Role | str | None = getattr(dependency, _REQUIREMENT, None)
    return found


def _credential(
    bearer: HTTPAuthorizationCredentials | None, key: str | None, query: str | None
) -> str:
    if bearer is not None and bearer.scheme.lower() == "bearer" and bearer.credentials:
        return bearer.credentials
    if key:
        return key
    if query:
        return query
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
