"""Alembic's entry point for Conclave's migrations.

:mod:`conclave.adapters.store.migrate` runs migrations on a connection it opened itself and
hands over in ``config.attributes["connection"]``. Run through the ``alembic`` command
instead, this file opens an engine on ``sqlalchemy.url`` (or the settings' database) itself.
Either way it leaves logging alone: the application configures that, not an ini file.
"""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import context
from sqlalchemy import Connection, pool

from conclave.adapters.store.engine import create_engine
from conclave.adapters.store.tables import metadata
from conclave.config import Settings


def _configure(**options: Any) -> None:
    context.configure(target_metadata=metadata, compare_type=True, **options)


def run_on(connection: Connection) -> None:
    """Run the pending migrations on an open connection."""
    # SQLite can only alter a table by copying it; batch mode does that.
    _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


async def run_on_url(url: str) -> None:
    """Run the pending migrations on a database of our own opening."""
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_on)
    finally:
        await engine.dispose()


def _url() -> str:
    return context.config.get_main_option("sqlalchemy.url") or (Settings().effective_database_url())


def main() -> None:
    """Run in whichever mode alembic asked for."""
    connection = context.config.attributes.get("connection")
    if context.is_offline_mode():
        _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
        with context.begin_transaction():
            context.run_migrations()
    elif connection is not None:
        run_on(connection)
    else:
        asyncio.run(run_on_url(_url()))


main()
