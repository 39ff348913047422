"""Tenants: the customers. The one repository above tenants, for the platform itself."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.records import TenantRecord
from conclave.adapters.store.repositories._rows import is_duplicate, to_record, utcnow
from conclave.adapters.store.tables import tenants
from conclave.errors import NotFound, VersionConflict

DEFAULT_TENANT = "default"


class TenantRepository:
    """Create, read and list tenants; platform level, so it takes no tenant id."""

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
    ) -> TenantRecord:
        """Add a tenant.

        Raises:
            VersionConflict: a tenant with this id exists.
        """
        values = {
            "id": id,
            "name": name,
            "tier": tier,
            "settings": settings or {},
            "created_at": utcnow(),
        }
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
        async with self._engine.connect() as connection:
            row = (await connection.execute(select(tenants).where(tenants.c.id == id))).first()
        if row is None:
            raise NotFound(f"tenant {id!r} not found", kind="tenant", name=id)
        return to_record(TenantRecord, row)

    async def list(self) -> builtins.list[TenantRecord]:
        """Every tenant, by id."""
        async with self._engine.connect() as connection:
            rows = await connection.execute(select(tenants).order_by(tenants.c.id))
        return [to_record(TenantRecord, row) for row in rows]

    async def ensure_default(self) -> TenantRecord:
        """The ``default`` tenant of embedded mode, created on first call."""
        try:
            return await self.get(DEFAULT_TENANT)
        except NotFound:
            pass
        try:
            return await self.create(DEFAULT_TENANT, "Default")
        except VersionConflict:
            # Another process created it between our read and our write.
            return await self.get(DEFAULT_TENANT)
