"""Agents and teams as versioned documents of one tenant.

Every create and update stores a new row in ``documents``; ``document_heads`` points each
name at its current version. Version numbers only grow: a rollback moves the head back
without storing a version, and the next update continues after the latest one. Two writers
that pick the same number collide on the primary key ``(tenant, kind, name, version)``, and
the loser gets a ``VersionConflict``, so no version is ever stored twice.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, and_, bindparam, false, insert, select, true, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from conclave.adapters.store.engine import read
from conclave.adapters.store.records import (
    AGENT_STATUSES,
    DocumentHead,
    DocumentVersion,
    Page,
)
from conclave.adapters.store.repositories._rows import (
    TenantScoped,
    check_kind,
    check_page,
    count,
    has_nul,
    insert_error,
    to_record,
    utcnow,
)
from conclave.adapters.store.tables import document_heads as heads
from conclave.adapters.store.tables import documents
from conclave.errors import NotFound, UserError, VersionConflict

_JOIN = and_(
    documents.c.tenant_id == heads.c.tenant_id,
    documents.c.kind == heads.c.kind,
    documents.c.name == heads.c.name,
)


def _not_found(kind: str, name: str) -> NotFound:
    return NotFound(f"{kind} {name!r} not found", kind=kind, name=name)


class DocumentRepository(TenantScoped):
    """One tenant's agent and team specs, every version of them, and where each head points."""

    __slots__ = ()

    async def create(
        self, kind: str, name: str, spec: dict[str, Any], *, by: str | None = None
    ) -> DocumentHead:
        """Store a new document as its first version (or the next one, if it was deleted).

        Raises:
            VersionConflict: a document of this kind and name exists.
        """
        check_kind(kind)
        try:
            async with self._engine.begin() as connection:
                head = await self._head_row(connection, kind, name, live_only=False)
                if head is not None and not head.deleted:
                    raise VersionConflict(
                        f"{kind} {name!r} already exists at version {head.version}; "
                        "update it instead",
                        kind=kind,
                        name=name,
                    )
                version = head.latest_version + 1 if head is not None else 1
                await self._insert_version(connection, kind, name, version, spec, by)
                await self._revive_or_insert_head(connection, kind, name, version, head)
                return await self._read_head(connection, kind, name)
        except IntegrityError as error:
            message = f"{kind} {name!r} was just created by another request; get it"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error

    async def update(
        self,
        kind: str,
        name: str,
        spec: dict[str, Any],
        *,
        expected_version: int | None = None,
        by: str | None = None,
    ) -> DocumentHead:
        """Store ``spec`` as a new version after the latest, and point the head at it.

        Args:
            kind: ``agent`` or ``team``.
            name: the document's name.
            spec: the new spec.
            expected_version: the version the change was based on; refused if the head
                has moved since.
            by: who made the change.

        Raises:
            NotFound: no such document.
            VersionConflict: ``expected_version`` is stale, or another update won a race.
        """
        _check_key(kind, name)
        try:
            async with self._engine.begin() as connection:
                head = await self._live_head(connection, kind, name)
                _check_expected(head, expected_version)
                version = head.latest_version + 1
                await self._insert_version(connection, kind, name, version, spec, by)
                await self._move_head(connection, head, version=version, latest=version)
                return await self._read_head(connection, kind, name)
        except IntegrityError as error:
            message = f"{kind} {name!r} was changed by another request; get it and retry"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error

    async def get(self, kind: str, name: str, version: int | None = None) -> DocumentVersion:
        """The document's current version, or the given one.

        Raises:
            NotFound: no such document, or no such version of it.
        """
        _check_key(kind, name)
        wanted = heads.c.version if version is None else version
        query = (
            select(documents)
            .select_from(documents.join(heads, _JOIN))
            .where(*self._live(kind), heads.c.name == name, documents.c.version == wanted)
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
            if row is None and version is not None:
                head = await self._live_head(connection, kind, name)
                raise _no_version(kind, name, version, head.latest_version)
        if row is None:
            raise _not_found(kind, name)
        return to_record(DocumentVersion, row)

    async def head(self, kind: str, name: str) -> DocumentHead:
        """The document as it stands: current version, latest version and status.

        Raises:
            NotFound: no such document.
        """
        _check_key(kind, name)
        async with self._engine.connect() as connection:
            return await self._read_head(connection, kind, name)

    async def list(self, kind: str, *, limit: int = 50, offset: int = 0) -> Page[DocumentHead]:
        """A page of the tenant's documents of one kind, by name."""
        check_kind(kind)
        check_page(limit, offset)
        query = self._heads_query(kind).order_by(heads.c.name)
        async with self._engine.connect() as connection:
            total = await count(connection, query)
            rows = await connection.execute(query.limit(limit).offset(offset))
            items = [to_record(DocumentHead, row) for row in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    async def versions(self, kind: str, name: str) -> builtins.list[DocumentVersion]:
        """Every stored version of a document, oldest first.

        Raises:
            NotFound: no such document.
        """
        _check_key(kind, name)
        query = (
            select(documents)
            .where(documents.c.tenant_id == self.tenant_id, documents.c.kind == kind)
            .where(documents.c.name == name)
            .order_by(documents.c.version)
        )
        async with self._engine.connect() as connection:
            await self._live_head(connection, kind, name)
            rows = await connection.execute(query)
            return [to_record(DocumentVersion, row) for row in rows]

    async def rollback(self, kind: str, name: str, version: int) -> DocumentHead:
        """Point the head back at an earlier version; no version is stored.

        Raises:
            NotFound: no such document, or no such version of it.
        """
        _check_key(kind, name)
        async with self._engine.begin() as connection:
            head = await self._live_head(connection, kind, name)
            if not await self._has_version(connection, kind, name, version):
                raise _no_version(kind, name, version, head.latest_version)
            await self._move_head(connection, head, version=version, latest=head.latest_version)
            return await self._read_head(connection, kind, name)

    async def delete(self, kind: str, name: str) -> None:
        """Mark a document deleted; its versions stay, and creating it again continues them.

        Raises:
            NotFound: no such document.
        """
        _check_key(kind, name)
        values = {"deleted": True, "status": "stopped", "updated_at": utcnow()}
        async with self._engine.begin() as connection:
            result = await connection.execute(self._head_update(kind, name).values(values))
        if result.rowcount == 0:
            raise _not_found(kind, name)

    async def set_status(self, kind: str, name: str, status: str) -> DocumentHead:
        """Record the deployed status: ``started``, ``stopped`` or ``degraded``.

        Raises:
            NotFound: no such document.
        """
        _check_key(kind, name)
        if status not in AGENT_STATUSES:
            known = ", ".join(sorted(AGENT_STATUSES))
            raise UserError(f"unknown status {status!r}; use one of {known}", status=status)
        values = {"status": status, "updated_at": utcnow()}
        async with self._engine.begin() as connection:
            result = await connection.execute(self._head_update(kind, name).values(values))
            if result.rowcount == 0:
                raise _not_found(kind, name)
            return await self._read_head(connection, kind, name)

    def _live(self, kind: str) -> tuple[Any, ...]:
        """Conditions on ``document_heads`` for this tenant's documents not deleted."""
        return (
            heads.c.tenant_id == self.tenant_id,
            heads.c.kind == kind,
            heads.c.deleted == false(),
        )

    def _heads_query(self, kind: str) -> Select[Any]:
        columns = [c for c in heads.c if c.name != "deleted"]
        picked = [documents.c.spec, documents.c.created_by]
        joined = heads.join(documents, and_(_JOIN, documents.c.version == heads.c.version))
        return select(*columns, *picked).select_from(joined).where(*self._live(kind))

    def _head_update(self, kind: str, name: str) -> Any:
        return update(heads).where(*self._live(kind), heads.c.name == name)

    async def _read_head(self, connection: AsyncConnection, kind: str, name: str) -> DocumentHead:
        query = self._heads_query(kind).where(heads.c.name == name)
        row = (await connection.execute(query)).first()
        if row is None:
            raise _not_found(kind, name)
        return to_record(DocumentHead, row)

    async def _head_row(
        self, connection: AsyncConnection, kind: str, name: str, *, live_only: bool
    ) -> Row[Any] | None:
        query = select(heads).where(heads.c.tenant_id == self.tenant_id)
        query = query.where(heads.c.kind == kind, heads.c.name == name)
        if live_only:
            query = query.where(heads.c.deleted == false())
        return (await connection.execute(query)).first()

    async def _live_head(self, connection: AsyncConnection, kind: str, name: str) -> Row[Any]:
        head = await self._head_row(connection, kind, name, live_only=True)
        if head is None:
            raise _not_found(kind, name)
        return head

    async def _has_version(
        self, connection: AsyncConnection, kind: str, name: str, version: int
    ) -> bool:
        query = select(documents.c.version).where(
            documents.c.tenant_id == self.tenant_id,
            documents.c.kind == kind,
            documents.c.name == name,
            documents.c.version == version,
        )
        return (await connection.execute(query)).first() is not None

    async def _insert_version(
        self,
        connection: AsyncConnection,
        kind: str,
        name: str,
        version: int,
        spec: dict[str, Any],
        by: str | None,
    ) -> None:
        row = {"tenant_id": self.tenant_id, "kind": kind, "name": name, "version": version}
        row |= {"spec": spec, "created_by": by, "created_at": utcnow()}
        await connection.execute(insert(documents).values(row))

    async def _revive_or_insert_head(
        self,
        connection: AsyncConnection,
        kind: str,
        name: str,
        version: int,
        head: Row[Any] | None,
    ) -> None:
        values = {"version": version, "latest_version": version, "status": "stopped"}
        values |= {"deleted": False, "updated_at": utcnow()}
        if head is None:
            keys = {"tenant_id": self.tenant_id, "kind": kind, "name": name}
            await connection.execute(insert(heads).values(keys | values))
            return
        revive = update(heads).where(heads.c.tenant_id == self.tenant_id, heads.c.kind == kind)
        revive = revive.where(heads.c.name == name, heads.c.deleted == true())
        revive = revive.where(heads.c.latest_version == head.latest_version)
        if (await connection.execute(revive.values(values))).rowcount == 0:
            raise VersionConflict(f"{kind} {name!r} was just created by another request; get it")

    async def _move_head(
        self, connection: AsyncConnection, head: Row[Any], *, version: int, latest: int
    ) -> None:
        """Move the head only if nobody moved it since we read it."""
        moved = self._head_update(head.kind, head.name).where(
            heads.c.version == head.version, heads.c.latest_version == head.latest_version
        )
        values = {"version": version, "latest_version": latest, "updated_at": utcnow()}
        if (await connection.execute(moved.values(values))).rowcount == 0:
            raise VersionConflict(
                f"{head.kind} {head.name!r} was changed by another request; get it and retry",
                kind=head.kind,
                name=head.name,
            )


def _check_key(kind: str, name: str) -> None:
    """Refuse an unknown kind; a name no document can have is not found."""
    check_kind(kind)
    if has_nul(name):
        raise _not_found(kind, name)


def _check_expected(head: Row[Any], expected_version: int | None) -> None:
    if expected_version is None or expected_version == head.version:
        return
    raise VersionConflict(
        f"{head.kind} {head.name!r} is at version {head.version}, not {expected_version}; "
        "get it again and reapply your change",
        kind=head.kind,
        name=head.name,
        current_version=head.version,
    )


def _no_version(kind: str, name: str, version: int, latest: int) -> NotFound:
    return NotFound(
        f"{kind} {name!r} has no version {version}; its versions are 1 to {latest}",
        kind=kind,
        name=name,
        version=version,
    )


def current_specs(
    connection: Connection, tenant_id: str, kind: str, names: Sequence[str]
) -> dict[str, Any]:
    """The current spec of each of the tenant's live documents among ``names``, by name,
    in one query (synchronous: for :meth:`Database.run` on a hot path)."""
    if not names:
        return {}
    if len(names) == 1:  # an agent's run: no expanding IN, so the statement compiles once
        one: dict[str, Any] = {"tenant_id": tenant_id, "kind": kind, "name": names[0]}
        return dict(read(connection, _CURRENT_SPEC, one))
    params = {"tenant_id": tenant_id, "kind": kind, "names": list(names)}
    return {row.name: row.spec for row in connection.execute(_CURRENT_SPECS, params)}


_CURRENT = (
    select(heads.c.name, documents.c.spec)
    .select_from(heads.join(documents, and_(_JOIN, documents.c.version == heads.c.version)))
    .where(heads.c.tenant_id == bindparam("tenant_id"), heads.c.kind == bindparam("kind"))
    .where(heads.c.deleted == false())
)
_CURRENT_SPEC = _CURRENT.where(heads.c.name == bindparam("name"))
_CURRENT_SPECS = _CURRENT.where(heads.c.name.in_(bindparam("names", expanding=True)))
