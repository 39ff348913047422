"""``/api/users``: a tenant's members, added and listed by its admins."""

from __future__ import annotations

from fastapi import APIRouter

from conclave.api.auth import Admin
from conclave.api.deps import ServicesDep
from conclave.api.schemas.identity import UserCreate, UserPublic
from conclave.services.auth import Role
from conclave.services.identity import acting

__all__ = ["router"]

router = APIRouter(prefix="/api/users", tags=["users"])


@router.post("", status_code=201)
async def create_user(body: UserCreate, services: ServicesDep, caller: Admin) -> UserPublic:
    """Add a member with a role no higher than yours; 409 if the email is taken."""
    user = await services.identity.create_user(
        caller.tenant_id,
        body.email,
        Role(body.role),
        acting(),
        name=body.name,
        password=body.password,
        creator_role=caller.role,
    )
    return UserPublic.model_validate(user, from_attributes=True)


@router.get("")
async def list_users(services: ServicesDep, caller: Admin) -> list[UserPublic]:
    """The tenant's members, by email."""
    users = await services.identity.users(caller.tenant_id)
    return [UserPublic.model_validate(user, from_attributes=True) for user in users]
