"""Helpers the repositories share: clocks, row-to-record mapping, paging and insert errors."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from conclave.adapters.store.records import DOCUMENT_KINDS
from conclave.errors import ConclaveError, NotFound, UserError, VersionConflict

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")

MAX_LIMIT = 500
MAX_OFFSET = 2**63 - 1  # the largest OFFSET SQLite and PostgreSQL take: a signed 64-bit integer

# SQLite names the constraint in the error; PostgreSQL gives SQLSTATE codes.
_SQLITE_DUPLICATE = {"SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE"}
_SQLITE_MISSING_PARENT = "SQLITE_CONSTRAINT_FOREIGNKEY"
_PG_DUPLICATE = "23505"
_PG_MISSING_PARENT = "23503"


class TenantScoped:
    """Base of the repositories that read and write one tenant's rows, and no others."""

    __slots__ = ("_engine", "tenant_id")

    def __init__(self, engine: AsyncEngine, tenant_id: str) -> None:
        """Bind the repository to an engine and one tenant.

        Args:
            engine: the store's engine.
            tenant_id: the tenant every query filters on.
        """
        if not tenant_id:
            raise UserError("a repository needs a tenant id; use 'default' in embedded mode")
        self._engine = engine
        self.tenant_id = tenant_id


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """A datetime in UTC; SQLite returns naive ones, stored as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def to_record(cls: type[R], row: Row | Mapping[str, Any]) -> R:  # type: ignore[type-arg]
    """Build the record ``cls`` from a row (or mapping) keyed like its fields."""
    values = row._mapping if isinstance(row, Row) else row
    fields = {}
    for field in dataclasses.fields(cls):
        value = values[field.name]
        fields[field.name] = aware(value) if isinstance(value, datetime) else value
    return cls(**fields)


def check_kind(kind: str) -> None:
    """Refuse a document kind other than ``agent`` or ``team``."""
    if kind not in DOCUMENT_KINDS:
        raise UserError(f"unknown document kind {kind!r}; use 'agent' or 'team'", kind=kind)


def has_nul(*values: str | None) -> bool:
    """Whether any of the values holds a NUL character, which PostgreSQL text cannot hold.

    No row holds one either, so a lookup by such a key finds nothing, on every flavour,
    without asking a database that would refuse the query.
    """
    return any(value is not None and "\x00" in value for value in values)


def check_page(limit: int, offset: int) -> None:
    """Refuse a page size or offset out of range."""
    if not 1 <= limit <= MAX_LIMIT:
        raise UserError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise UserError(f"offset must be between 0 and {MAX_OFFSET}, not {offset}")


async def count(connection: AsyncConnection, query: Select[Any]) -> int:
    """How many rows ``query`` selects, ignoring its order, limit and offset."""
    total = select(func.count()).select_from(query.order_by(None).subquery())
    return int((await connection.execute(total)).scalar_one())


def is_duplicate(error: IntegrityError) -> bool:
    """Whether an insert failed on a primary key or unique constraint."""
    original = error.orig
    if getattr(original, "sqlstate", None) == _PG_DUPLICATE:
        return True
    return getattr(original, "sqlite_errorname", None) in _SQLITE_DUPLICATE


def insert_error(error: IntegrityError, *, duplicate: str, tenant_id: str) -> ConclaveError:
    """The domain error for a failed insert: a duplicate key, or a tenant that does not exist.

    Args:
        error: what the database raised.
        duplicate: the message for a duplicate key.
        tenant_id: the tenant the row was written for.
    """
    if is_duplicate(error):
        return VersionConflict(duplicate)
    original = error.orig
    if (
        getattr(original, "sqlstate", None) == _PG_MISSING_PARENT
        or getattr(original, "sqlite_errorname", None) == _SQLITE_MISSING_PARENT
    ):
        return NotFound(
            f"tenant {tenant_id!r} not found; create it first", kind="tenant", name=tenant_id
        )
    return UserError(f"the store refused the write: {error.orig}")
