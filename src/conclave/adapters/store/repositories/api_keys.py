"""API keys of one tenant, and the lookup that authenticates a request by its key.

A key is stored as its digest only (an HMAC of the whole key, made by the auth service),
under a ``UNIQUE`` index: authenticating a request is one indexed equality lookup. The
digest never leaves the database: records do not carry it, and nothing but
:func:`find_key` compares it.

A key's ``user_id`` names the member who made it, when one did. It has no foreign key: a
platform administrator, who is a member of another tenant, may make a tenant's keys, and
a key outlives its maker's deactivation (revoke it to end it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    DateTime,
    Select,
    bindparam,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from conclave.adapters.store.engine import write
from conclave.adapters.store.records import ApiKeyRecord, Page
from conclave.adapters.store.repositories._checks import check_role, check_text
from conclave.adapters.store.repositories._rows import (
    TenantScoped,
    aware,
    check_page,
    count,
    has_nul,
    insert_error,
    to_record,
    utcnow,
)
from conclave.adapters.store.tables import api_keys
from conclave.errors import NotFound

__all__ = ["ApiKeyRepository", "find_key", "touch_key"]

NAME_LENGTH = 200
DIGEST_LENGTH = 128
_TIME = DateTime(timezone=True)


def _not_found(key_id: str) -> NotFound:
    return NotFound(f"API key {key_id!r} not found", kind="api_key", name=key_id)


class ApiKeyRepository(TenantScoped):
    """One tenant's API keys: made, listed, used and revoked (never deleted)."""

    __slots__ = ()

    async def create(
        self,
        key_id: str,
        *,
        name: str,
        role: str,
        digest: str,
        user_id: str | None = None,
        expires_at: datetime | None = None,
    ) -> ApiKeyRecord:
        """Store a new key by its public id and digest.

        Args:
            key_id: the key's public part.
            name: what the key is for, to tell keys apart.
            role: what the key may do: viewer, operator, admin or platform.
            digest: the hex HMAC of the whole key; the key itself is never stored.
            user_id: the member who made it, if one did.
            expires_at: when it stops working; ``None`` for never.

        Raises:
            VersionConflict: a key with this id or this digest exists.
            NotFound: the tenant does not exist.
        """
        check_text(key_id, what="API key id", limit=64)
        check_text(name, what="API key name", limit=NAME_LENGTH)
        check_text(digest, what="API key digest", limit=DIGEST_LENGTH)
        check_role(role)
        row = {
            "id": key_id,
            "tenant_id": self.tenant_id,
            "name": name,
            "role": role,
            "digest": digest,
            "user_id": user_id,
            "created_at": utcnow(),
            "expires_at": None if expires_at is None else aware(expires_at),
        }
        statement = insert(api_keys).values(row).returning(*api_keys.c)
        try:
            async with self._engine.begin() as connection:
                created = (await connection.execute(statement)).one()
        except IntegrityError as error:
            message = f"API key {key_id!r} already exists; generate a new key"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error
        return to_record(ApiKeyRecord, created)

    async def get(self, key_id: str) -> ApiKeyRecord:
        """One key, by its public id.

        Raises:
            NotFound: the tenant has no key with this id.
        """
        if has_nul(key_id):
            raise _not_found(key_id)
        query = self._query().where(api_keys.c.id == key_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        if row is None:
            raise _not_found(key_id)
        return to_record(ApiKeyRecord, row)

    async def list(
        self, *, include_revoked: bool = True, limit: int = 50, offset: int = 0
    ) -> Page[ApiKeyRecord]:
        """A page of the tenant's keys, the newest first; records carry no digests."""
        check_page(limit, offset)
        query = self._query()
        if not include_revoked:
            query = query.where(api_keys.c.revoked_at.is_(None))
        async with self._engine.connect() as connection:
            total = await count(connection, query)
            page = query.order_by(api_keys.c.created_at.desc(), api_keys.c.id.desc())
            rows = await connection.execute(page.limit(limit).offset(offset))
            items = [to_record(ApiKeyRecord, row) for row in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    async def revoke(self, key_id: str, *, at: datetime | None = None) -> ApiKeyRecord:
        """Revoke a key for good; revoking it again changes nothing, not even the time.

        Raises:
            NotFound: the tenant has no key with this id.
        """
        if has_nul(key_id):
            raise _not_found(key_id)
        when = aware(at or utcnow())
        statement = (
            update(api_keys)
            .where(api_keys.c.tenant_id == self.tenant_id, api_keys.c.id == key_id)
            .values(revoked_at=func.coalesce(api_keys.c.revoked_at, literal(when, _TIME)))
            .returning(*api_keys.c)
        )
        async with self._engine.begin() as connection:
            row = (await connection.execute(statement)).first()
        if row is None:
            raise _not_found(key_id)
        return to_record(ApiKeyRecord, row)

    async def touch_used(self, key_id: str, at: datetime) -> None:
        """Record that the key authenticated a request at ``at``; never moves the time back.

        Raises:
            NotFound: the tenant has no key with this id.
        """
        if has_nul(key_id):
            raise _not_found(key_id)
        async with self._engine.begin() as connection:
            found = await connection.run_sync(_touch_or_find, self.tenant_id, key_id, at)
        if not found:
            raise _not_found(key_id)

    def _query(self) -> Select[Any]:
        return select(api_keys).where(api_keys.c.tenant_id == self.tenant_id)


# Statements built once: on the per-request path, building one costs more than running it.
_USED_AT = bindparam("k_at", type_=_TIME)
_BY_DIGEST = select(api_keys).where(api_keys.c.digest == bindparam("digest"))
_TOUCH = (
    update(api_keys)
    .where(api_keys.c.tenant_id == bindparam("k_tenant"), api_keys.c.id == bindparam("k_id"))
    .where(or_(api_keys.c.last_used_at.is_(None), api_keys.c.last_used_at < _USED_AT))
    .values(last_used_at=_USED_AT)
)
_EXISTS = select(api_keys.c.id).where(
    api_keys.c.tenant_id == bindparam("k_tenant"), api_keys.c.id == bindparam("k_id")
)


def find_key(connection: Connection, digest: str) -> ApiKeyRecord | None:
    """The key with this digest, in whichever tenant holds it; ``None`` if no key has it.

    This is the one read above tenants: a request's tenant is not known until its key
    is found, and the record found says which tenant it acts in. It returns revoked and
    expired keys too, so the caller can say why a key is refused; check
    :meth:`ApiKeyRecord.usable_at` before trusting it. Synchronous, for
    :meth:`Database.run` on the per-request path: one indexed select.
    """
    if has_nul(digest):
        return None
    row = connection.execute(_BY_DIGEST, {"digest": digest}).first()
    return None if row is None else to_record(ApiKeyRecord, row)


def touch_key(connection: Connection, tenant_id: str, key_id: str, at: datetime) -> bool:
    """Record that a key was used at ``at``, unless a later use is recorded already.

    Synchronous, for :meth:`Database.run`. It writes a row, so on the per-request path
    call it only when the ``last_used_at`` that :func:`find_key` returned is older than
    the precision wanted (a minute, say), not on every request.

    Returns:
        Whether the stored time moved.
    """
    if has_nul(key_id):
        return False
    params = {"k_tenant": tenant_id, "k_id": key_id, "k_at": aware(at)}
    return write(connection, _TOUCH, params) > 0


def _touch_or_find(connection: Connection, tenant_id: str, key_id: str, at: datetime) -> bool:
    """Touch the key; whether the tenant has it (a touch that moved nothing may still)."""
    if touch_key(connection, tenant_id, key_id, at):
        return True
    found = connection.execute(_EXISTS, {"k_tenant": tenant_id, "k_id": key_id}).first()
    return found is not None
