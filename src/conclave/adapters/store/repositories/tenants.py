"""Tenants: the customers. The one repository above tenants, for the platform itself."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.records import TENANT_STATUSES, TenantRecord
from conclave.adapters.store.repositories._checks import check_text
from conclave.adapters.store.repositories._rows import has_nul, is_duplicate, to_record, utcnow
from conclave.adapters.store.repositories.audit import NO_TENANT
from conclave.adapters.store.tables import tenants
from conclave.errors import NotFound, UserError, VersionConflict

DEFAULT_TENANT = "default"


def _not_found(id: str) -> NotFound:
    return NotFound(f"tenant {id!r} not found", kind="tenant", name=id)


class TenantRepository:
    """Create, read, change and list tenants; platform level, so it takes no tenant id."""

    __slots__ = ("_engine",)

    def __init__(self, engine: AsyncEngine) -> None:
        """Bind the repository to the store's engine."""
        self._engine = engine

    async def create(
        self,
        id: str,
        name: str,
        *,
        tier: str = "free",
        settings: dict[str, Any] | None = None,
        status: str = "active",
    ) -> TenantRecord:
        """Add a tenant.

        Raises:
            VersionConflict: a tenant with this id exists.
            UserError: the id is reserved or malformed, or the status unknown.
        """
        if id == NO_TENANT:
            raise UserError(f"tenant id {NO_TENANT!r} is reserved for the platform; pick another")
        check_text(id, what="tenant id", limit=64)
        values = {
            "id": id,
            "name": name,
            "tier": tier,
            "settings": settings or {},
            "created_at": utcnow(),
        } | _changes(name=name, tier=tier, status=status)
        try:
            async with self._engine.begin() as connection:
                await connection.execute(insert(tenants).values(values))
        except IntegrityError as error:
            if not is_duplicate(error):
                raise
            raise VersionConflict(f"tenant {id!r} already exists", name=id) from error
        return await self.get(id)

    async def get(self, id: str) -> TenantRecord:
        """The tenant with this id.

        Raises:
            NotFound: there is none.
        """
        if has_nul(id):
            raise _not_found(id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(tenants).where(tenants.c.id == id))).first()
        if row is None:
            raise _not_found(id)
        return to_record(TenantRecord, row)

    async def update(
        self,
        id: str,
        *,
        name: str | None = None,
        tier: str | None = None,
        settings: dict[str, Any] | None = None,
        status: str | None = None,
    ) -> TenantRecord:
        """Change a tenant; ``None`` leaves a field as it is, and ``settings`` replaces all.

        Suspending a tenant (``status="suspended"``) only records it: the services refuse
        a suspended tenant's credentials.

        Raises:
            NotFound: there is no tenant with this id.
            UserError: the status is unknown.
        """
        values = _changes(name=name, tier=tier, status=status)
        if settings is not None:
            values["settings"] = settings
        if has_nul(id):
            raise _not_found(id)
        statement = (
            update(tenants)
            .where(tenants.c.id == id)
            .values(values | {"updated_at": utcnow()})
            .returning(*tenants.c)
        )
        async with self._engine.begin() as connection:
            row = (await connection.execute(statement)).first()
        if row is None:
            raise _not_found(id)
        return to_record(TenantRecord, row)

    async def list(self) -> builtins.list[TenantRecord]:
        """Every tenant, by id."""
        async with self._engine.connect() as connection:
            rows = await connection.execute(select(tenants).order_by(tenants.c.id))
        return [to_record(TenantRecord, row) for row in rows]

    async def ensure_default(self, *, tier: str = "free") -> TenantRecord:
        """The ``default`` tenant of embedded mode, created on first call (on ``tier``)."""
        try:
            return await self.get(DEFAULT_TENANT)
        except NotFound:
            pass
        try:
            return await self.create(DEFAULT_TENANT, "Default", tier=tier)
        except VersionConflict:
            # Another process created it between our read and our write.
            return await self.get(DEFAULT_TENANT)


def _changes(*, name: str | None, tier: str | None, status: str | None) -> dict[str, Any]:
    """The checked columns of a write; ``None`` leaves a column out."""
    values: dict[str, Any] = {}
    if name is not None:
        check_text(name, what="tenant name", limit=200)
        values["name"] = name
    if tier is not None:
        check_text(tier, what="tier", limit=32)
        values["tier"] = tier
    if status is not None:
        if status not in TENANT_STATUSES:
            raise UserError(f"unknown tenant status {status!r}; use active or suspended")
        values["status"] = status
    return values
