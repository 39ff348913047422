"""Signing in: ``/api/auth/login``, ``/refresh``, ``/logout``, and ``/me`` for any credential."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from conclave.api.auth import Public, Viewer
from conclave.api.deps import ServicesDep
from conclave.api.schemas.identity import (
    CallerPublic,
    LoginRequest,
    RefreshRequest,
    SessionPublic,
    TierPublic,
    UserPublic,
)
from conclave.services.access import Caller
from conclave.services.identity import Actor, Session

__all__ = ["router"]

router = APIRouter(prefix="/api/auth", tags=["auth"])


def _actor(request: Request) -> Actor:
    return Actor(kind="anonymous", ip=request.client.host if request.client else None)


def session_public(session: Session) -> SessionPublic:
    """The body a new session answers with."""
    return SessionPublic(
        access_token=session.access_token,
        refresh_token=session.refresh_token,
        refresh_expires_at=session.expires_at,
        user=UserPublic.model_validate(session.user, from_attributes=True),
    )


def caller_public(caller: Caller) -> CallerPublic:
    """Who a credential stands for, with its tenant's limits."""
    tier = caller.tier
    return CallerPublic(
        tenant_id=caller.tenant_id,
        role=caller.role.value,
        actor_kind=caller.actor_kind,
        actor_id=caller.actor_id,
        tier=TierPublic(
            name=tier.name,
            requests_per_minute=tier.requests_per_minute,
            concurrent_runs=tier.concurrent_runs,
            max_agents=tier.max_agents,
            budgets=tier.budgets.model_dump(),
        ),
    )


@router.post("/login", dependencies=[Public])
async def login(body: LoginRequest, request: Request, services: ServicesDep) -> SessionPublic:
    """Sign a member in with email and password; 401 if either is wrong (not saying which)."""
    session = await services.identity.sign_in(
        body.tenant, body.email, body.password, _actor(request)
    )
    return session_public(session)


@router.post("/refresh", dependencies=[Public])
async def refresh(body: RefreshRequest, request: Request, services: ServicesDep) -> SessionPublic:
    """Spend a refresh token for new tokens. A spent token presented again is taken as
    stolen: 401, and every session of that sign-in ends."""
    return session_public(await services.identity.refresh(body.refresh_token, _actor(request)))


@router.post("/logout", status_code=204, response_class=Response, dependencies=[Public])
async def logout(body: RefreshRequest, request: Request, services: ServicesDep) -> Response:
    """End the session the refresh token belongs to; its tokens are refused from now on."""
    await services.identity.sign_out(body.refresh_token, _actor(request))
    return Response(status_code=204)


@router.get("/me")
async def me(caller: Viewer) -> CallerPublic:
    """Who this credential stands for: tenant, role, and the tenant's limits."""
    return caller_public(caller)
