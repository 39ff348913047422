"""``/api/keys``: a tenant's API keys, made, listed and revoked by its admins."""

from __future__ import annotations

from fastapi import APIRouter

from conclave.adapters.store.records import ApiKeyRecord
from conclave.api.auth import Admin
from conclave.api.deps import ServicesDep
from conclave.api.schemas.identity import KeyCreate, KeyCreated, KeyPublic
from conclave.services.auth import Role
from conclave.services.identity import acting

__all__ = ["router"]

router = APIRouter(prefix="/api/keys", tags=["keys"])


def key_public(key: ApiKeyRecord) -> KeyPublic:
    """A key as listed."""
    return KeyPublic.model_validate(key, from_attributes=True)


@router.post("", status_code=201)
async def create_key(body: KeyCreate, services: ServicesDep, caller: Admin) -> KeyCreated:
    """Make an API key with a role no higher than yours; its secret is shown this once."""
    issued = await services.identity.create_key(
        caller.tenant_id,
        body.name,
        Role(body.role),
        acting(),
        creator_role=caller.role,
        user_id=caller.actor_id if caller.actor_kind == "user" else None,
        expires_at=body.expires_at,
    )
    return KeyCreated(**key_public(issued.key).model_dump(), key=issued.plaintext)


@router.get("")
async def list_keys(services: ServicesDep, caller: Admin) -> list[KeyPublic]:
    """The tenant's keys, newest first, revoked ones included; never their secrets."""
    return [key_public(key) for key in await services.identity.keys(caller.tenant_id)]


@router.delete("/{key_id}")
async def revoke_key(key_id: str, services: ServicesDep, caller: Admin) -> KeyPublic:
    """Revoke a key: refused from now on (on other servers, within seconds)."""
    return key_public(await services.identity.revoke_key(caller.tenant_id, key_id, acting()))
