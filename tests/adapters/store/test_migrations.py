"""Migrations: the package's revisions build exactly the tables module, and undo it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect, text

from conclave.adapters.store import migrate
from conclave.adapters.store.engine import create_engine
from conclave.adapters.store.tables import metadata
from conclave.errors import ConfigError
from tests.adapters.conftest import fresh_postgres_url


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """An empty PostgreSQL database, for the cases that concern PostgreSQL alone."""
    async for url in fresh_postgres_url():
        yield url


def _differences(connection: Connection) -> list[Any]:
    # SQLite reads server defaults back as text alembic cannot always compare ('' for
    # example); PostgreSQL compares them reliably, so defaults are checked there.
    postgres = connection.dialect.name == "postgresql"
    options = {"compare_type": True, "compare_server_default": postgres}
    return compare_metadata(MigrationContext.configure(connection, opts=options), metadata)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


async def _inspect(url: str, look: Any) -> Any:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(look)
    finally:
        await engine.dispose()


async def test_upgrade_builds_exactly_the_tables_module(database_url: str) -> None:
    await migrate.upgrade(database_url)
    assert await _inspect(database_url, _differences) == []


async def test_downgrade_to_base_leaves_no_tables(database_url: str) -> None:
    await migrate.upgrade(database_url)
    await migrate.downgrade(database_url, "base")
    assert await _inspect(database_url, _tables) == {"alembic_version"}
    assert await migrate.current(database_url) is None


async def test_current_is_none_before_and_head_after_an_upgrade(database_url: str) -> None:
    assert await migrate.current(database_url) is None
    await migrate.upgrade(database_url)
    assert await migrate.current(database_url) == migrate.head() == "0003"


async def test_upgrading_a_current_schema_changes_nothing(database_url: str) -> None:
    await migrate.upgrade(database_url)
    await migrate.upgrade(database_url)
    assert await migrate.current(database_url) == migrate.head()


async def test_an_unknown_revision_is_a_config_error(database_url: str) -> None:
    with pytest.raises(ConfigError, match="cannot migrate to 'nope'"):
        await migrate.upgrade(database_url, "nope")


async def test_migrations_take_an_engine_as_well_as_a_url(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await migrate.upgrade(engine)
        assert await migrate.current(engine) == migrate.head()
    finally:
        await engine.dispose()


async def test_migrations_run_against_the_url_given_not_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    configured = tmp_path / "configured.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{configured}")
    await migrate.upgrade(f"sqlite:///{tmp_path / 'given.db'}")
    assert await migrate.current(f"sqlite:///{tmp_path / 'given.db'}") == migrate.head()
    assert not configured.exists()


async def test_migrating_leaves_the_applications_logging_alone(tmp_path: Path) -> None:
    app_logger = logging.getLogger("conclave.test.app")
    root_handlers = list(logging.getLogger().handlers)
    await migrate.upgrade(f"sqlite:///{tmp_path / 'conclave.db'}")
    assert not app_logger.disabled
    assert logging.getLogger().handlers == root_handlers


async def test_ensure_schema_upgrades_a_fresh_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'conclave.db'}"
    await migrate.ensure_schema(url)
    assert await migrate.current(url) == migrate.head()


async def test_ensure_schema_refuses_a_sqlite_file_ahead_of_the_package(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'conclave.db'}"
    await migrate.upgrade(url)
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("update alembic_version set version_num = '9999'"))
    await engine.dispose()
    with pytest.raises(ConfigError, match="'9999'"):
        await migrate.ensure_schema(url)


async def test_ensure_schema_refuses_an_unmigrated_postgres(postgres_url: str) -> None:
    with pytest.raises(ConfigError, match="run `conclave db upgrade`"):
        await migrate.ensure_schema(postgres_url)
    assert await migrate.current(postgres_url) is None


async def test_ensure_schema_accepts_a_current_postgres(postgres_url: str) -> None:
    await migrate.upgrade(postgres_url)
    await migrate.ensure_schema(postgres_url)
