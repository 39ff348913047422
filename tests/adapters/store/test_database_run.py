"""``Database.run`` and ``write``: one-trip transactions, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    insert,
    select,
    text,
)
from sqlalchemy.exc import IntegrityError

from conclave.adapters.store.engine import CHECKPOINT_EVERY, Database, write

_metadata = MetaData()
_notes = Table(
    "notes", _metadata, Column("id", Integer, primary_key=True), Column("body", String(50))
)
_INSERT = insert(_notes)
# A reference checked only at commit: work that breaks it fails when its transaction ends.
_links = Table(
    "links",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "note_id",
        Integer,
        ForeignKey("notes.id", deferrable=True, initially="DEFERRED"),
        nullable=False,
    ),
)


async def _database(url: str) -> Database:
    database = Database(url)
    async with database.begin() as connection:
        await connection.run_sync(_metadata.create_all)
    return database


def _count(connection: Connection) -> int:
    return int(connection.execute(select(_notes.c.id)).all().__len__())


def _ids(connection: Connection) -> list[int]:
    return sorted(row.id for row in connection.execute(select(_notes.c.id)))


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


async def test_concurrent_runs_each_keep_or_lose_only_their_own_work(database_url: str) -> None:
    # Runs started together: one that fails must take back exactly its own statements
    # (including those before its failure), and the others must all be kept.
    database = await _database(database_url)

    def clash(connection: Connection) -> None:
        write(connection, _INSERT, {"id": 10, "body": "mine"})
        # A duplicate of its own key: one of another run's would race it on PostgreSQL.
        write(connection, _INSERT, {"id": 10, "body": "again"})

    def note(n: int) -> Callable[[Connection], int]:
        return lambda c: write(c, _INSERT, {"id": n, "body": str(n)})

    try:
        outcomes = await asyncio.gather(
            database.run(note(1)),
            database.run(clash),
            database.run(note(2)),
            database.run(_ids),
            return_exceptions=True,
        )
        assert outcomes[0] == 1 and outcomes[2] == 1
        assert isinstance(outcomes[1], IntegrityError)
        assert await database.run(_ids) == [1, 2]
    finally:
        await database.dispose()


async def test_work_that_fails_at_commit_fails_alone(database_url: str) -> None:
    database = await _database(database_url)

    def dangling(connection: Connection) -> None:
        write(connection, _INSERT, {"id": 5, "body": "kept only with its link"})
        connection.execute(insert(_links), {"id": 1, "note_id": 999})  # no such note

    def linked(connection: Connection) -> None:
        write(connection, _INSERT, {"id": 6, "body": "linked"})
        connection.execute(insert(_links), {"id": 2, "note_id": 6})

    try:
        outcomes = await asyncio.gather(
            database.run(linked), database.run(dangling), return_exceptions=True
        )
        assert outcomes[0] is None
        assert isinstance(outcomes[1], IntegrityError)
        assert await database.run(_ids) == [6]
        links = await database.run(lambda c: c.execute(select(_links.c.id)).scalars().all())
        assert links == [2]
    finally:
        await database.dispose()
