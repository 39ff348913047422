"""The engine and its URL: settings per flavour, and where the database is."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from conclave.adapters.store.engine import Database, create_engine, safe_url
from conclave.config import Settings, normalize_database_url
from conclave.errors import ConfigError


@pytest.fixture
def no_database_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Settings as if nothing about the database were configured."""
    for variable in ("DATABASE_URL", "CONCLAVE_DATABASE_URL", "CONCLAVE_DATA_DIR"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)  # away from any .env file


async def test_each_flavour_connects(database_url: str) -> None:
    async with Database(database_url) as database, database.connect() as connection:
        assert (await connection.execute(text("select 1"))).scalar_one() == 1


async def test_database_names_its_flavour(database_url: str) -> None:
    async with Database(database_url) as database:
        assert database.flavour == database_url.split("+")[0]


async def test_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    names = ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
    async with Database(f"sqlite:///{tmp_path / 'c.db'}") as database, database.connect() as c:
        pragmas = [(await c.execute(text(f"pragma {name}"))).scalar_one() for name in names]
    assert pragmas == ["wal", 1, 5000, 1]


async def test_an_in_memory_sqlite_database_is_one_database_for_every_connection() -> None:
    async with Database("sqlite+aiosqlite:///:memory:") as database:
        async with database.begin() as connection:
            await connection.execute(text("create table t (x int)"))
        async with database.connect() as connection:
            await connection.execute(text("select * from t"))


def test_postgres_connections_are_checked_before_use() -> None:
    engine = create_engine("postgresql://postgres@127.0.0.1/test")
    assert engine.url.drivername == "postgresql+asyncpg"
    assert engine.pool._pre_ping  # type: ignore[attr-defined]


def test_safe_url_masks_the_password() -> None:
    assert safe_url("postgresql+asyncpg://ana:secret@db/x") == "postgresql+asyncpg://ana:***@db/x"


def test_without_database_url_the_store_is_sqlite_in_the_data_dir(
    no_database_env: None, tmp_path: Path
) -> None:
    url = Settings(data_dir=Path("data")).effective_database_url()
    assert url == f"sqlite+aiosqlite:///{tmp_path / 'data' / 'conclave.db'}"
    assert (tmp_path / "data").is_dir()


@pytest.mark.parametrize("variable", ["DATABASE_URL", "CONCLAVE_DATABASE_URL"])
def test_the_database_url_is_read_from_either_variable(
    no_database_env: None, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "postgresql+asyncpg://db/conclave")
    assert Settings().effective_database_url() == "postgresql+asyncpg://db/conclave"


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_a_plain_postgres_url_gets_the_async_driver(scheme: str) -> None:
    url = normalize_database_url(f"{scheme}://ana@db:5432/conclave")
    assert url == "postgresql+asyncpg://ana@db:5432/conclave"


def test_a_missing_driver_says_which_extra_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "asyncpg", None)  # as if it were not installed
    with pytest.raises(ConfigError, match=r"install conclave\[postgres\] to use DATABASE_URL="):
        normalize_database_url("postgresql://ana:secret@db/conclave")


def test_the_missing_driver_message_keeps_the_password_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "asyncpg", None)
    with pytest.raises(ConfigError) as raised:
        normalize_database_url("postgresql://ana:secret@db/conclave")
    assert "secret" not in str(raised.value)


def test_an_unsupported_database_is_refused() -> None:
    with pytest.raises(ConfigError, match="'mysql' is not supported"):
        normalize_database_url("mysql://db/conclave")


def test_a_value_that_is_not_a_url_is_refused_without_echoing_it() -> None:
    with pytest.raises(ConfigError, match="not a URL") as raised:
        normalize_database_url("ana:secret@db")
    assert "secret" not in str(raised.value)


async def test_database_from_settings_opens_the_configured_database(
    no_database_env: None, tmp_path: Path
) -> None:
    async with Database.from_settings(Settings(data_dir=tmp_path)) as database:
        assert database.url == f"sqlite+aiosqlite:///{tmp_path / 'conclave.db'}"
        assert "conclave.db" in repr(database)
