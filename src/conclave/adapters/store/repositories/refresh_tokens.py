"""Refresh tokens of one tenant's members, in families that rotate.

Signing in starts a family; each refresh spends the token presented and issues the next
one of its family. A token can be spent once: presenting a spent (or revoked) token again
means two parties hold it, one of them likely a thief, so the whole family is revoked and
both must sign in again.

Spending is one conditional ``UPDATE ... WHERE used_at IS NULL AND revoked_at IS NULL``.
The database applies it to one of two concurrent refreshes with the same token and
re-checks the condition for the other, which then finds the token spent: at most one
refresh succeeds, and the loser's revokes the family, the winner's new token included.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from conclave.adapters.store.records import RefreshTokenRecord
from conclave.adapters.store.repositories._checks import check_text
from conclave.adapters.store.repositories._rows import (
    TenantScoped,
    aware,
    has_nul,
    insert_error,
    to_record,
    utcnow,
)
from conclave.adapters.store.tables import refresh_tokens, users
from conclave.errors import NotFound, Unauthenticated

__all__ = ["RefreshTokenRepository"]

# Why a refresh was refused, as the ``reason`` of the error; the message stays vague.
_REFUSALS = {
    "unknown": "invalid refresh token; log in again",
    "reused": "refresh token is no longer valid; log in again",
    "expired": "refresh token expired; log in again",
}


def _not_found(jti: str) -> NotFound:
    return NotFound(f"refresh token {jti!r} not found", kind="refresh_token", name=jti)


class RefreshTokenRepository(TenantScoped):
    """One tenant's refresh tokens: issued, rotated once each, revoked by family or member."""

    __slots__ = ()

    async def issue(
        self,
        jti: str,
        *,
        user_id: str,
        expires_at: datetime,
        family_id: str | None = None,
    ) -> RefreshTokenRecord:
        """Record a token issued to an active member at sign-in.

        Args:
            jti: the token's unique id.
            user_id: the member it is issued to.
            expires_at: when it stops being accepted.
            family_id: the family it starts; its own ``jti`` by default.

        Raises:
            NotFound: the tenant has no member with this id.
            Unauthenticated: the member is deactivated.
            VersionConflict: a token with this ``jti`` exists.
        """
        family = family_id or jti
        check_text(jti, what="token id", limit=64)
        check_text(family, what="token family id", limit=64)
        row = self._row(jti, user_id, family, issued_at=utcnow(), expires_at=aware(expires_at))
        try:
            async with self._engine.begin() as connection:
                await self._check_member(connection, user_id)
                await connection.execute(insert(refresh_tokens).values(row))
        except IntegrityError as error:
            message = f"refresh token {jti!r} already exists; issue it with a fresh id"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error
        return to_record(RefreshTokenRecord, row)

    async def get(self, jti: str) -> RefreshTokenRecord:
        """One token, by its ``jti``.

        Raises:
            NotFound: the tenant has no token with this id.
        """
        if has_nul(jti):
            raise _not_found(jti)
        query = self._query().where(refresh_tokens.c.jti == jti)
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        if row is None:
            raise _not_found(jti)
        return to_record(RefreshTokenRecord, row)

    async def rotate(
        self, jti: str, new_jti: str, expires_at: datetime, *, now: datetime | None = None
    ) -> RefreshTokenRecord:
        """Spend the token ``jti`` and issue ``new_jti`` in its family, in one transaction.

        Args:
            jti: the token presented.
            new_jti: the id of the token that replaces it.
            expires_at: when the new token stops being accepted.
            now: the time to judge expiry by; the current time by default.

        Returns:
            The new token.

        Raises:
            Unauthenticated: the token is unknown (``reason="unknown"``), expired
                (``"expired"``), or was spent or revoked already (``"reused"``), in which
                case its whole family is now revoked.
            VersionConflict: a token with id ``new_jti`` exists; nothing was spent.
        """
        at = aware(now or utcnow())
        check_text(new_jti, what="token id", limit=64)
        if has_nul(jti):
            raise Unauthenticated(_REFUSALS["unknown"], reason="unknown")
        try:
            async with self._engine.begin() as connection:
                outcome = await self._rotate(connection, jti, new_jti, aware(expires_at), at)
        except IntegrityError as error:
            message = f"refresh token {new_jti!r} already exists; rotate to a fresh id"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error
        if isinstance(outcome, str):
            raise Unauthenticated(_REFUSALS[outcome], reason=outcome)
        return outcome

    async def revoke_family(self, family_id: str, *, at: datetime | None = None) -> int:
        """Revoke every token of a family: one session signs out.

        Returns:
            How many tokens were revoked now (unknown families revoke none).
        """
        if has_nul(family_id):
            return 0
        condition = refresh_tokens.c.family_id == family_id
        async with self._engine.begin() as connection:
            return await self._revoke(connection, condition, aware(at or utcnow()))

    async def revoke_user(self, user_id: str, *, at: datetime | None = None) -> int:
        """Revoke every token of a member: it signs out everywhere.

        Returns:
            How many tokens were revoked now.
        """
        if has_nul(user_id):
            return 0
        condition = refresh_tokens.c.user_id == user_id
        async with self._engine.begin() as connection:
            return await self._revoke(connection, condition, aware(at or utcnow()))

    async def _rotate(
        self,
        connection: AsyncConnection,
        jti: str,
        new_jti: str,
        expires_at: datetime,
        at: datetime,
    ) -> RefreshTokenRecord | str:
        """The new token, or why the old one was refused."""
        spend = (
            update(refresh_tokens)
            .where(refresh_tokens.c.tenant_id == self.tenant_id, refresh_tokens.c.jti == jti)
            .where(refresh_tokens.c.used_at.is_(None), refresh_tokens.c.revoked_at.is_(None))
            .where(refresh_tokens.c.expires_at > at)
            .values(used_at=at)
            .returning(refresh_tokens.c.user_id, refresh_tokens.c.family_id)
        )
        spent = (await connection.execute(spend)).first()
        if spent is None:
            return await self._refusal(connection, jti, at)
        row = self._row(
            new_jti, spent.user_id, spent.family_id, issued_at=at, expires_at=expires_at
        )
        await connection.execute(insert(refresh_tokens).values(row))
        return to_record(RefreshTokenRecord, row)

    async def _refusal(self, connection: AsyncConnection, jti: str, at: datetime) -> str:
        """Why ``jti`` could not be spent; a reused one revokes its family on the way."""
        query = self._query().where(refresh_tokens.c.jti == jti)
        token = (await connection.execute(query)).first()
        if token is None:
            return "unknown"
        if token.used_at is None and token.revoked_at is None:
            return "expired"
        await self._revoke(connection, refresh_tokens.c.family_id == token.family_id, at)
        return "reused"

    async def _revoke(
        self, connection: AsyncConnection, condition: ColumnElement[bool], at: datetime
    ) -> int:
        statement = (
            update(refresh_tokens)
            .where(refresh_tokens.c.tenant_id == self.tenant_id, condition)
            .where(refresh_tokens.c.revoked_at.is_(None))
            .values(revoked_at=at)
        )
        return int((await connection.execute(statement)).rowcount)

    async def _check_member(self, connection: AsyncConnection, user_id: str) -> None:
        """Refuse a member the tenant does not have, or one that is deactivated."""
        missing = NotFound(f"user {user_id!r} not found", kind="user", name=user_id)
        if has_nul(user_id):
            raise missing
        # Locked (on PostgreSQL) until the token is stored, so a deactivation running at
        # the same time either comes first and is seen, or comes after and revokes it.
        member = (
            select(users.c.active)
            .where(users.c.tenant_id == self.tenant_id, users.c.id == user_id)
            .with_for_update()
        )
        active = (await connection.execute(member)).scalar_one_or_none()
        if active is None:
            raise missing
        if not active:
            raise Unauthenticated("this account is deactivated; ask an administrator")

    def _row(
        self, jti: str, user_id: str, family_id: str, *, issued_at: datetime, expires_at: datetime
    ) -> dict[str, Any]:
        return {
            "jti": jti,
            "tenant_id": self.tenant_id,
            "user_id": user_id,
            "family_id": family_id,
            "issued_at": issued_at,
            "expires_at": expires_at,
            "used_at": None,
            "revoked_at": None,
        }

    def _query(self) -> Select[Any]:
        return select(refresh_tokens).where(refresh_tokens.c.tenant_id == self.tenant_id)
