"""Members of one tenant: who may sign in, with which role.

An email is stored lowercased and is unique within a tenant, so ``Ana@Example.com`` and
``ana@example.com`` are one member. Members are deactivated, never deleted: their id stays
valid in the audit log and in the ``created_by`` of what they made.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from conclave.adapters.store.records import Page, UserRecord
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
from conclave.adapters.store.tables import refresh_tokens, users
from conclave.errors import NotFound

__all__ = ["UserRepository", "normalize_email"]

EMAIL_LENGTH = 320
NAME_LENGTH = 200
PASSWORD_HASH_LENGTH = 255


def normalize_email(email: str) -> str:
    """The stored form of an email: without surrounding spaces, lowercased."""
    return email.strip().lower()


def _not_found(user_id: str) -> NotFound:
    return NotFound(f"user {user_id!r} not found", kind="user", name=user_id)


class UserRepository(TenantScoped):
    """One tenant's members, by id or by email."""

    __slots__ = ()

    async def create(
        self,
        email: str,
        *,
        name: str = "",
        role: str = "viewer",
        password_hash: str | None = None,
        active: bool = True,
        user_id: str | None = None,
    ) -> UserRecord:
        """Add a member.

        Args:
            email: the sign-in address; stored lowercased.
            name: how to show the member.
            role: viewer, operator, admin or platform.
            password_hash: the hash of the member's password; ``None`` for keys only.
            active: whether the member may sign in.
            user_id: the id to give the member; a fresh one by default.

        Raises:
            VersionConflict: the tenant has a member with this email (or this id).
            NotFound: the tenant does not exist.
        """
        now = utcnow()
        row = {
            "id": user_id or uuid.uuid4().hex,
            "tenant_id": self.tenant_id,
            "email": normalize_email(email),
            "active": active,
            "created_at": now,
            "updated_at": now,
        } | _changes(name=name, role=role, password_hash=password_hash)
        check_text(str(row["id"]), what="user id", limit=64)
        check_text(str(row["email"]), what="email", limit=EMAIL_LENGTH)
        statement = insert(users).values(row).returning(*users.c)
        try:
            async with self._engine.begin() as connection:
                created = (await connection.execute(statement)).one()
        except IntegrityError as error:
            raise insert_error(
                error, duplicate=_duplicate_message(error, row), tenant_id=self.tenant_id
            ) from error
        return to_record(UserRecord, created)

    async def get(self, user_id: str) -> UserRecord:
        """One member, by id.

        Raises:
            NotFound: the tenant has no member with this id.
        """
        if has_nul(user_id):
            raise _not_found(user_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(self._query().where(users.c.id == user_id))).first()
        if row is None:
            raise _not_found(user_id)
        return to_record(UserRecord, row)

    async def get_by_email(self, email: str) -> UserRecord:
        """One member, by email, whatever its case.

        Raises:
            NotFound: the tenant has no member with this email.
        """
        address = normalize_email(email)
        missing = NotFound(f"no user with email {address!r}", kind="user", name=address)
        if has_nul(address):
            raise missing
        query = self._query().where(users.c.email == address)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        if row is None:
            raise missing
        return to_record(UserRecord, row)

    async def list(
        self, *, active: bool | None = None, limit: int = 50, offset: int = 0
    ) -> Page[UserRecord]:
        """A page of the tenant's members, by email.

        Args:
            active: only active members (``True``), only deactivated ones (``False``), or all.
            limit: the page size.
            offset: how many to skip.
        """
        check_page(limit, offset)
        query = self._query()
        if active is not None:
            query = query.where(users.c.active == active)
        async with self._engine.connect() as connection:
            total = await count(connection, query)
            page = query.order_by(users.c.email).limit(limit).offset(offset)
            items = [to_record(UserRecord, row) for row in await connection.execute(page)]
        return Page(items=items, total=total, limit=limit, offset=offset)

    async def update(
        self,
        user_id: str,
        *,
        name: str | None = None,
        role: str | None = None,
        active: bool | None = None,
        password_hash: str | None = None,
    ) -> UserRecord:
        """Change a member; ``None`` leaves a field as it is.

        Deactivating a member (``active=False``) also revokes every refresh token it holds,
        in the same transaction, so no session outlives the member's access.

        Raises:
            NotFound: the tenant has no member with this id.
        """
        if has_nul(user_id):
            raise _not_found(user_id)
        values = _changes(name=name, role=role, password_hash=password_hash)
        if active is not None:
            values["active"] = active
        now = utcnow()
        statement = (
            update(users)
            .where(users.c.tenant_id == self.tenant_id, users.c.id == user_id)
            .values(values | {"updated_at": now})
            .returning(*users.c)
        )
        async with self._engine.begin() as connection:
            row = (await connection.execute(statement)).first()
            if row is not None and active is False:
                await self._end_sessions(connection, user_id, now)
        if row is None:
            raise _not_found(user_id)
        return to_record(UserRecord, row)

    async def deactivate(self, user_id: str) -> UserRecord:
        """Stop a member from signing in, and end its sessions; its rows stay.

        Raises:
            NotFound: the tenant has no member with this id.
        """
        return await self.update(user_id, active=False)

    async def touch_login(self, user_id: str, at: datetime | None = None) -> None:
        """Record a successful sign-in at ``at`` (now by default).

        Raises:
            NotFound: the tenant has no member with this id.
        """
        if has_nul(user_id):
            raise _not_found(user_id)
        statement = (
            update(users)
            .where(users.c.tenant_id == self.tenant_id, users.c.id == user_id)
            .values(last_login_at=aware(at or utcnow()))
        )
        async with self._engine.begin() as connection:
            if (await connection.execute(statement)).rowcount == 0:
                raise _not_found(user_id)

    async def _end_sessions(self, connection: AsyncConnection, user_id: str, now: datetime) -> None:
        """Revoke the member's live refresh tokens."""
        revoke = (
            update(refresh_tokens)
            .where(refresh_tokens.c.tenant_id == self.tenant_id)
            .where(refresh_tokens.c.user_id == user_id, refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await connection.execute(revoke)

    def _query(self) -> Select[Any]:
        return select(users).where(users.c.tenant_id == self.tenant_id)


def _changes(*, name: str | None, role: str | None, password_hash: str | None) -> dict[str, Any]:
    """The checked columns of a write; ``None`` leaves a column out."""
    values: dict[str, Any] = {}
    if name is not None:
        check_text(name, what="name", limit=NAME_LENGTH, required=False)
        values["name"] = name
    if role is not None:
        check_role(role)
        values["role"] = role
    if password_hash is not None:
        check_text(password_hash, what="password hash", limit=PASSWORD_HASH_LENGTH)
        values["password_hash"] = password_hash
    return values


def _duplicate_message(error: IntegrityError, row: dict[str, Any]) -> str:
    # Both databases name the violated constraint or its columns in the message.
    if "email" in str(error.orig):
        return (
            f"a user with email {row['email']!r} already exists in this tenant; "
            "update that user instead"
        )
    return f"user {row['id']!r} already exists; give the new user another id"
