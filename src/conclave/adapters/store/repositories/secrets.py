"""A tenant's secrets for outside services (a model provider's API key, say), encrypted.

This repository stores and returns ciphertext only; it never sees a secret in the clear.
Encrypting and decrypting is the job of a service that holds the keys (see
``conclave.services.auth.encryption``), so that a copy of the database, or of its backups,
gives away nothing without them.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Insert, Row, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from conclave.adapters.store.records import SecretRecord
from conclave.adapters.store.repositories._checks import check_text
from conclave.adapters.store.repositories._rows import (
    TenantScoped,
    has_nul,
    insert_error,
    to_record,
    utcnow,
)
from conclave.adapters.store.tables import tenant_secrets
from conclave.errors import NotFound

__all__ = ["SecretRepository", "read_secrets"]

NAME_LENGTH = 64


def _not_found(name: str) -> NotFound:
    return NotFound(f"secret {name!r} not found", kind="secret", name=name)


class SecretRepository(TenantScoped):
    """One tenant's encrypted secrets, by name."""

    __slots__ = ()

    async def put(self, name: str, ciphertext: str) -> SecretRecord:
        """Store a secret under ``name``, replacing any stored before (keeping its created_at).

        Args:
            name: what the secret is for, such as ``openai``.
            ciphertext: the secret, encrypted by the caller.

        Raises:
            NotFound: the tenant does not exist.
        """
        check_text(name, what="secret name", limit=NAME_LENGTH)
        check_text(ciphertext, what="ciphertext", limit=2**20)
        now = utcnow()
        row = {
            "tenant_id": self.tenant_id,
            "name": name,
            "ciphertext": ciphertext,
            "created_at": now,
            "updated_at": now,
        }
        try:
            async with self._engine.begin() as connection:
                stored = await _upsert(connection, row)
        except IntegrityError as error:
            # The upsert absorbs a duplicate name: what is left to fail is a missing tenant.
            message = f"secret {name!r} was written twice at once; try again"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error
        return to_record(SecretRecord, stored)

    async def get(self, name: str) -> SecretRecord:
        """One secret, still encrypted.

        Raises:
            NotFound: the tenant has no secret with this name.
        """
        if has_nul(name):
            raise _not_found(name)
        query = select(tenant_secrets).where(
            tenant_secrets.c.tenant_id == self.tenant_id, tenant_secrets.c.name == name
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        if row is None:
            raise _not_found(name)
        return to_record(SecretRecord, row)

    async def list(self) -> builtins.list[str]:
        """The names of the tenant's secrets, in order; never their values."""
        query = select(tenant_secrets.c.name).where(tenant_secrets.c.tenant_id == self.tenant_id)
        async with self._engine.connect() as connection:
            names = await connection.scalars(query.order_by(tenant_secrets.c.name))
            return builtins.list(names)

    async def delete(self, name: str) -> None:
        """Forget a secret.

        Raises:
            NotFound: the tenant has no secret with this name.
        """
        if has_nul(name):
            raise _not_found(name)
        statement = delete(tenant_secrets).where(
            tenant_secrets.c.tenant_id == self.tenant_id, tenant_secrets.c.name == name
        )
        async with self._engine.begin() as connection:
            if (await connection.execute(statement)).rowcount == 0:
                raise _not_found(name)


async def _upsert(connection: AsyncConnection, row: dict[str, Any]) -> Row[Any]:
    """Insert the row, or update the stored one's ciphertext; the row as stored."""
    key = [tenant_secrets.c.tenant_id, tenant_secrets.c.name]
    if connection.dialect.name == "postgresql":
        on_pg = postgresql.insert(tenant_secrets).values(row)
        changes = {"ciphertext": on_pg.excluded.ciphertext, "updated_at": on_pg.excluded.updated_at}
        statement: Insert = on_pg.on_conflict_do_update(index_elements=key, set_=changes)
    else:
        on_sqlite = sqlite.insert(tenant_secrets).values(row)
        changes = {
            "ciphertext": on_sqlite.excluded.ciphertext,
            "updated_at": on_sqlite.excluded.updated_at,
        }
        statement = on_sqlite.on_conflict_do_update(index_elements=key, set_=changes)
    return (await connection.execute(statement.returning(*tenant_secrets.c))).one()


_NAMED = select(tenant_secrets.c.name, tenant_secrets.c.ciphertext).where(
    tenant_secrets.c.tenant_id == bindparam("tenant_id"),
    tenant_secrets.c.name.in_(bindparam("names", expanding=True)),
)


def read_secrets(connection: Connection, tenant_id: str, names: Iterable[str]) -> dict[str, str]:
    """The tenant's secrets among ``names``, encrypted, by name (synchronous, for
    :meth:`Database.run`: a run reads its tenant's provider keys as it starts)."""
    wanted = list(names)
    if not wanted:
        return {}
    rows = connection.execute(_NAMED, {"tenant_id": tenant_id, "names": wanted})
    return {row.name: row.ciphertext for row in rows}
