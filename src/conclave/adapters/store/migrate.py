"""Schema migrations, run from code: no ``alembic.ini`` is needed at run time.

The embedded flavour (SQLite) upgrades itself at start through :func:`ensure_schema`;
PostgreSQL is upgraded on purpose, with ``conclave db upgrade``, and a server refuses to
start on a schema that is behind.

Each command runs in one transaction that first takes a lock (``BEGIN IMMEDIATE`` on SQLite,
an advisory lock on PostgreSQL), so two processes starting at once migrate one after the
other instead of racing. Alembic's own logging is left to the application's configuration.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.pool import NullPool

from conclave.adapters.store.engine import create_engine, safe_url
from conclave.errors import ConfigError

__all__ = ["MIGRATIONS", "current", "downgrade", "ensure_schema", "head", "upgrade"]

MIGRATIONS = Path(__file__).with_name("migrations")
# Any fixed number will do; it only has to be the same in every process.
_PG_LOCK_KEY = 0x636F6E636C617665  # "conclave"

Target = str | AsyncEngine
_Command = Callable[[Config, str], None]


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for the package's migrations, optionally bound to a connection."""
    config = Config()
    # ConfigParser treats % as interpolation; a path may contain one.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head() -> str:
    """The newest revision this version of Conclave knows."""
    revision = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert revision is not None, "the package ships at least one migration"
    return revision


async def upgrade(target: Target, revision: str = "head") -> None:
    """Upgrade the database at ``target`` (a URL or an engine) to ``revision``.

    Raises:
        ConfigError: the revision is unknown, or the database is ahead of this package.
    """
    await _run(target, command.upgrade, revision)


async def downgrade(target: Target, revision: str) -> None:
    """Downgrade the database at ``target`` to ``revision`` (``base`` drops every table).

    Raises:
        ConfigError: the revision is unknown.
    """
    await _run(target, command.downgrade, revision)


async def current(target: Target) -> str | None:
    """The database's revision, or ``None`` when it was never migrated."""
    async with _engine(target) as engine, engine.connect() as connection:
        return await connection.run_sync(_current_revision)


async def ensure_schema(target: Target) -> None:
    """Make the schema current: upgrade SQLite; check PostgreSQL, which is upgraded on purpose.

    Raises:
        ConfigError: a PostgreSQL schema that is not at :func:`head`.
    """
    async with _engine(target) as engine:
        if engine.dialect.name == "sqlite":
            await upgrade(engine)
            return
        found = await current(engine)
    if found != head():
        where = safe_url(engine.url.render_as_string(hide_password=False))
        raise ConfigError(
            f"the database at {where} is at revision {found or 'none (empty)'}, not "
            f"{head()}; run `conclave db upgrade`"
        )


@asynccontextmanager
async def _engine(target: Target) -> AsyncIterator[AsyncEngine]:
    if isinstance(target, AsyncEngine):
        yield target
        return
    # A one-off engine: no pool to keep after the command.
    engine = create_engine(target, poolclass=NullPool)
    try:
        yield engine
    finally:
        await engine.dispose()


async def _run(target: Target, alembic_command: _Command, revision: str) -> None:
    async with _engine(target) as engine, engine.begin() as connection:
        await _lock(connection)
        await connection.run_sync(_run_command, alembic_command, revision)


async def _lock(connection: AsyncConnection) -> None:
    if connection.dialect.name == "sqlite":
        # Take the write lock now, and make the DDL part of the transaction: the driver
        # would otherwise run CREATE TABLE outside of it.
        await connection.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})


def _run_command(connection: Connection, alembic_command: _Command, revision: str) -> None:
    try:
        alembic_command(alembic_config(connection), revision)
    except CommandError as error:
        raise ConfigError(
            f"cannot migrate to {revision!r}: {error}; `conclave db current` shows where "
            f"the database is, and {head()!r} is the newest revision"
        ) from None


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
