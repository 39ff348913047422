"""``Database.run`` and ``write``: one-trip transactions, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, insert, select, text
from sqlalchemy.exc import IntegrityError

from conclave.adapters.store.engine import CHECKPOINT_EVERY, Database, write

_metadata = MetaData()
_notes = Table(
    "notes", _metadata, Column("id", Integer, primary_key=True), Column("body", String(50))
)
_INSERT = insert(_notes)


async def _database(url: str) -> Database:
    database = Database(url)
    async with database.begin() as connection:
        await connection.run_sync(_metadata.create_all)
    return database


def _count(connection: Connection) -> int:
    return int(connection.execute(select(_notes.c.id)).all().__len__())


async def test_run_commits_its_work_and_returns_its_value(database_url: str) -> None:
    database = await _database(database_url)
    try:
        assert await database.run(lambda c: write(c, _INSERT, {"id": 1, "body": "a"})) == 1
        assert await database.run(_count) == 1
    finally:
        await database.dispose()


async def test_run_rolls_back_everything_when_the_work_fails(database_url: str) -> None:
    database = await _database(database_url)

    def clash(connection: Connection) -> None:
        write(connection, _INSERT, [{"id": 1, "body": "a"}, {"id": 2, "body": "b"}])
        write(connection, _INSERT, {"id": 1, "body": "again"})  # a duplicate key

    try:
        with pytest.raises(IntegrityError):  # raised as SQLAlchemy raises it, on every path
            await database.run(clash)
        assert await database.run(_count) == 0
    finally:
        await database.dispose()


async def test_run_waits_for_a_write_lock_another_connection_holds(tmp_path: Path) -> None:
    database = await _database(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        async with database.begin() as holder:
            await holder.execute(text("insert into notes (id, body) values (1, 'first')"))
            # The lock is held: the inline attempt gives way to the store's thread, which waits.
            waiting = asyncio.ensure_future(
                database.run(lambda c: write(c, _INSERT, {"id": 2, "body": "second"}))
            )
            await asyncio.sleep(0.2)
            assert not waiting.done()
        assert await waiting == 1
        assert await database.run(_count) == 2
    finally:
        await database.dispose()


async def test_the_write_ahead_log_is_checkpointed_off_the_request_path(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    database = await _database(f"sqlite:///{path}")
    commits = CHECKPOINT_EVERY * 5
    try:
        before = _size(path)
        for n in range(commits):
            await database.run(lambda c, n=n: write(c, _INSERT, {"id": n, "body": "x" * 40}))
            if n % CHECKPOINT_EVERY == 0:
                await asyncio.sleep(0.01)  # room for the store's thread
        await asyncio.sleep(0.1)
        after = _size(path)  # measured open: closing the last connection checkpoints anyway
    finally:
        await database.dispose()
    # Inline commits never checkpoint themselves: only the store's thread can have copied
    # the rows (about 50 KB of them) from the log into the database file.
    assert after - before > 32 * 1024


def _size(path: Path) -> int:
    return path.stat().st_size


async def test_run_and_write_work_through_the_engine_of_an_in_memory_database() -> None:
    # No file to open a second connection on: the work goes through aiosqlite's own.
    database = await _database("sqlite+aiosqlite:///:memory:")
    try:
        assert await database.run(lambda c: write(c, _INSERT, {"id": 1, "body": "a"})) == 1
        assert await database.run(_count) == 1
    finally:
        await database.dispose()
