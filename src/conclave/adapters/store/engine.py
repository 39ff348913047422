"""Connections to the store: one async engine per database, tuned for SQLite or PostgreSQL.

SQLite (embedded) gets, on every new connection, write-ahead logging (readers never block
the one writer), enforced foreign keys, a busy timeout (a writer waits for the lock instead
of failing at once) and ``synchronous=NORMAL`` (safe against a killed process in WAL mode,
and a commit costs no fsync). PostgreSQL gets a modest pool whose connections are checked
before use, so a restarted database costs one retry, not an error.

:class:`Database` hands out plain SQLAlchemy Core connections rather than ORM sessions: the
tables are Core tables and repositories return engine objects, so an identity map would be
pure overhead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, TypeVar

from sqlalchemy import URL, Connection, Engine, event, make_url
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool, QueuePool, StaticPool
from sqlalchemy.sql import Select
from sqlalchemy.sql.dml import UpdateBase

from conclave.config import Settings, normalize_database_url

__all__ = ["Connection", "Database", "create_engine", "read", "safe_url", "write"]

BUSY_TIMEOUT_MS = 5_000
CHECKPOINT_EVERY = 200  # inline commits between checkpoints (SQLite's own: 1,000 pages)
_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=NORMAL",
)

Flavour = Literal["sqlite", "postgresql"]
T = TypeVar("T")


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An async engine for ``url``, with the settings its database wants.

    Args:
        url: a SQLAlchemy URL; ``postgresql://`` and ``sqlite://`` are pointed at their
            async drivers.
        **options: passed to :func:`sqlalchemy.ext.asyncio.create_async_engine`, over the
            defaults chosen here.

    Raises:
        ConfigError: the URL's database or driver cannot be used.
    """
    url = normalize_database_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url, options)
    return create_async_engine(url, **_pooled({"pool_pre_ping": True, **options}))


def _sqlite_engine(url: str, options: dict[str, Any]) -> AsyncEngine:
    # Every connection to :memory: is a new empty database: share a single one.
    single = make_url(url).database in (None, "", ":memory:")
    # Every call to aiosqlite is a trip to its thread, and the pool's rollback on check-in
    # is one that never has work to do: a Connection ends its own transaction on close.
    options = {"pool_reset_on_return": None, **options}
    engine = create_async_engine(url, **_pooled(options, single=single))
    event.listen(engine.sync_engine, "connect", _configure_sqlite)
    return engine


def _pooled(options: dict[str, Any], *, single: bool = False) -> dict[str, Any]:
    if "poolclass" in options:
        return options
    if single:
        return {"poolclass": StaticPool, **options}
    # Connections are threads in aiosqlite and sockets in asyncpg: keep a few, reuse them.
    return {"poolclass": AsyncAdaptedQueuePool, "pool_size": 5, "max_overflow": 5, **options}


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _sync_sqlite(url: URL, *, busy_ms: int, checkpoints: bool = True) -> Engine:
    """A one-connection synchronous engine on the SQLite file, waiting ``busy_ms`` for locks;
    without ``checkpoints`` its commits never copy the write-ahead log into the database."""
    engine = create_sync_engine(
        url.set(drivername="sqlite+pysqlite"),
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=0,
        pool_reset_on_return=None,
    )
    event.listen(engine, "connect", _configure_sqlite)
    pragmas = [f"PRAGMA busy_timeout={busy_ms}"]
    if not checkpoints:
        pragmas.append("PRAGMA wal_autocheckpoint=0")
    event.listen(engine, "connect", partial(_run_pragmas, pragmas))
    return engine


def _run_pragmas(pragmas: list[str], dbapi_connection: Any, _record: Any) -> None:
    for pragma in pragmas:
        dbapi_connection.execute(pragma)


def _checkpoint(engine: Engine) -> None:
    """Copy the write-ahead log into the database as far as no reader needs it."""
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")


@dataclass(frozen=True, slots=True)
class _Plan:
    """A write compiled for the ``sqlite3`` cursor: its SQL, and how to fill each ``?``."""

    sql: str
    names: tuple[str, ...]
    processors: tuple[Callable[[Any], Any] | None, ...]
    constants: dict[str, Any]

    def values(self, row: Mapping[str, Any]) -> list[Any]:
        found = []
        for name, process in zip(self.names, self.processors, strict=True):
            value = row[name] if name in row else self.constants[name]
            found.append(process(value) if process is not None else value)
        return found


_PLANS: dict[tuple[int, tuple[str, ...]], _Plan | None] = {}


def write(
    connection: Connection, statement: UpdateBase, params: Mapping[str, Any] | list[dict[str, Any]]
) -> int:
    """Execute an INSERT or UPDATE built once at import; return the rows it changed.

    On SQLite the statement is compiled once (per set of parameter names) and then run on
    the ``sqlite3`` cursor itself, with SQLAlchemy's own SQL and bind processors: the few
    writes of a turn cost a fraction of ``Connection.execute``'s per-call work. Elsewhere,
    or for a statement that needs SQLAlchemy when it runs (an expanding ``IN``), it is
    simply ``connection.execute``.
    """
    rows = params if isinstance(params, list) else [params]
    plan = _plan(connection, statement, rows[0]) if rows else None
    if plan is None:
        return int(connection.execute(statement, params).rowcount)
    values = [plan.values(row) for row in rows]
    with _cursor(connection, plan.sql, values) as cursor:
        if len(values) == 1:
            cursor.execute(plan.sql, values[0])
        else:
            cursor.executemany(plan.sql, values)
        return int(cursor.rowcount)


def read(
    connection: Connection, statement: Select[Any], params: Mapping[str, Any]
) -> list[tuple[Any, ...]]:
    """The rows of a SELECT built once at import, each value as SQLAlchemy would give it.

    Like :func:`write`, on SQLite it runs on the ``sqlite3`` cursor with SQLAlchemy's own
    SQL and its bind and result processors (a JSON column is parsed), for a read on a hot
    path; elsewhere it is simply ``connection.execute``.
    """
    plan = _plan(connection, statement, params)
    if plan is None:
        return [tuple(row) for row in connection.execute(statement, params)]
    values = plan.values(params)
    with _cursor(connection, plan.sql, values) as cursor:
        rows = cursor.execute(plan.sql, values).fetchall()
    results = _results(connection, statement)
    return [
        tuple(
            value if process is None else process(value)
            for value, process in zip(row, results, strict=True)
        )
        for row in rows
    ]


@contextmanager
def _cursor(connection: Connection, sql: str, values: Any) -> Iterator[Any]:
    """A ``sqlite3`` cursor of ``connection``, closed after use; its errors are raised as
    SQLAlchemy would raise them (IntegrityError, OperationalError), so callers catch the
    same errors on every path."""
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        yield cursor
    except connection.dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(
            sql, values, error, connection.dialect.loaded_dbapi.Error
        ) from error
    finally:
        cursor.close()


_RESULTS: dict[int, Processors] = {}


Processors = tuple[Callable[[Any], Any] | None, ...]


def _results(connection: Connection, statement: Select[Any]) -> Processors:
    found = _RESULTS.get(id(statement))
    if found is None:
        dialect = connection.dialect
        found = _RESULTS[id(statement)] = tuple(
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in statement.selected_columns
        )
    return found


def _plan(
    connection: Connection, statement: UpdateBase | Select[Any], row: Mapping[str, Any]
) -> _Plan | None:
    if connection.dialect.driver != "pysqlite":  # aiosqlite's cursor is not a sqlite3 one
        return None
    key = (id(statement), tuple(row))
    if key not in _PLANS:
        _PLANS[key] = _compile(connection, statement, row)
    return _PLANS[key]


def _compile(
    connection: Connection, statement: UpdateBase | Select[Any], row: Mapping[str, Any]
) -> _Plan | None:
    dialect = connection.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(row))
    if "POSTCOMPILE" in compiled.string or not compiled.positiontup:
        return None
    names = tuple(compiled.positiontup)
    processors = tuple(compiled.binds[name].type.bind_processor(dialect) for name in names)
    constants = {
        k: v for k, v in compiled.construct_params({}, _check=False).items() if k not in row
    }
    return _Plan(compiled.string, names, processors, constants)


def _transaction(engine: Engine, work: Callable[[Connection], T]) -> T:
    with engine.connect() as connection:
        return _committed(connection, work)


def _committed(connection: Connection, work: Callable[[Connection], T]) -> T:
    """``work`` in a transaction of ``connection``, committed when it returns."""
    try:
        with connection.begin():
            return work(connection)
    except BaseException:
        # A commit that fails (a deferred constraint) leaves SQLite's transaction open,
        # and every later one on this connection would join it and fail the same way.
        with suppress(Exception):  # the error raised says more than a failed rollback
            connection.connection.driver_connection.rollback()  # type: ignore[union-attr]
        raise


def safe_url(url: str) -> str:
    """The URL with its password masked, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


class Database:
    """The store's engine, and the connections repositories work with.

    Use ``begin()`` for a unit of work (committed on success, rolled back on error) and
    ``connect()`` to read; :meth:`run` for a unit of work on a hot path. Call
    :meth:`dispose` (or use ``async with``) when done.

    Args:
        url: a SQLAlchemy URL, as :func:`create_engine` accepts.
        **options: engine options, as :func:`create_engine` accepts.
    """

    __slots__ = (
        "_checkpoint",
        "_commits",
        "_inline",
        "_owned",
        "_sync",
        "_thread",
        "engine",
        "url",
    )

    def __init__(self, url: str, **options: Any) -> None:
        self.engine = create_engine(url, **options)
        self.url = self.engine.url.render_as_string(hide_password=False)
        self._owned = True
        self._sync: tuple[Engine, Engine] | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._commits = 0
        self._checkpoint: asyncio.Future[None] | None = None
        self._inline: Connection | None = None

    @classmethod
    def of(cls, engine: AsyncEngine) -> Database:
        """A database over an engine made elsewhere; :meth:`dispose` leaves the engine open.

        Its :meth:`run` always goes through the engine (``run_sync``): nothing else is
        opened that a caller who keeps only the engine would have to close.
        """
        database = cls.__new__(cls)
        database.engine = engine
        database.url = engine.url.render_as_string(hide_password=False)
        database._owned = False
        database._sync = None
        database._thread = None
        database._commits = 0
        database._checkpoint = None
        database._inline = None
        return database

    async def run(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` on a connection in one transaction, committed when it returns.

        ``work`` is synchronous SQLAlchemy Core, and must not mind being run twice (a
        first attempt may be rolled back and retried). On a SQLite file it runs at once,
        on this thread, on a plain ``sqlite3`` connection that never waits for a lock: a
        few statements take tens of microseconds, less than any trip to another thread,
        and aiosqlite takes one such trip per call (cursor, execute, fetch, close,
        commit). If another connection holds the write lock, the attempt is rolled back
        and ``work`` runs in the store's own thread instead, where waiting is harmless.
        On PostgreSQL (and in-memory SQLite) it runs on an async connection through
        ``run_sync``.
        """
        engines = self._sync_engines()
        if engines is None:
            async with self.engine.begin() as connection:
                return await connection.run_sync(work)
        inline, waiting = engines
        try:
            done = self._inline_transaction(inline, work)
        except OperationalError as error:
            if "locked" not in str(error.orig) and "busy" not in str(error.orig):
                raise
        else:
            self._count_commit(waiting)
            return done
        assert self._thread is not None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, _transaction, waiting, work)

    def _inline_transaction(self, inline: Engine, work: Callable[[Connection], T]) -> T:
        # One connection kept open: inline transactions never overlap (nothing in them
        # awaits), and checking a connection out of a pool for each costs more than the
        # statements of a short one.
        if self._inline is None or self._inline.closed:
            self._inline = inline.connect()
        return _committed(self._inline, work)

    def _count_commit(self, waiting: Engine) -> None:
        """Every ``CHECKPOINT_EVERY`` inline commits, checkpoint in the store's thread.

        A checkpoint copies pages into the database file and syncs it: milliseconds that
        would stall every request if a commit on this thread did it, as SQLite's automatic
        checkpoint would.
        """
        self._commits += 1
        running = self._checkpoint is not None and not self._checkpoint.done()
        if self._commits < CHECKPOINT_EVERY or running:
            return
        self._commits = 0
        loop = asyncio.get_running_loop()
        self._checkpoint = loop.run_in_executor(self._thread, _checkpoint, waiting)

    def _sync_engines(self) -> tuple[Engine, Engine] | None:
        if self._sync is not None or not self._owned:
            return self._sync
        url = self.engine.url
        if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return None
        self._sync = (
            _sync_sqlite(url, busy_ms=0, checkpoints=False),
            _sync_sqlite(url, busy_ms=BUSY_TIMEOUT_MS),
        )
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="conclave-store")
        return self._sync

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Database:
        """The database the settings name (``DATABASE_URL``, else local SQLite)."""
        return cls((settings or Settings()).effective_database_url())

    @property
    def flavour(self) -> Flavour:
        """``"sqlite"`` or ``"postgresql"``."""
        return "sqlite" if self.engine.dialect.name == "sqlite" else "postgresql"

    def begin(self) -> AbstractAsyncContextManager[AsyncConnection]:
        """A connection in a transaction, committed when the block ends without error."""
        return self.engine.begin()

    def connect(self) -> AsyncConnection:
        """A connection for reading (``async with``); it commits only if you commit."""
        return self.engine.connect()

    async def dispose(self) -> None:
        """Close every pooled connection (and the store's thread)."""
        if self._sync is not None and self._thread is not None:
            if self._checkpoint is not None:
                await asyncio.wait([self._checkpoint])
            inline, waiting = self._sync
            if self._inline is not None:
                self._inline.close()
                self._inline = None
            inline.dispose()
            await asyncio.get_running_loop().run_in_executor(self._thread, waiting.dispose)
            self._thread.shutdown(wait=True)
            self._sync = self._thread = None
        if self._owned:
            await self.engine.dispose()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.dispose()

    def __repr__(self) -> str:
        return f"Database({safe_url(self.url)!r})"
