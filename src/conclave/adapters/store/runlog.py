"""``SqlRunLog``: the durable run log in the SQL store, one ``run_events`` row per event.

An append on the happy path is one transaction: move ``runs.last_seq`` to the event (which
also proves the run is the tenant's), then insert the event; on PostgreSQL both go in one
statement, so one round trip. The log remembers each unfinished run's last sequence number,
so it does not read before it writes; the first append to a run (in this process) reads it
once. Anything that is not simply the next event (a retried write, a gap, a second writer) is
judged against the store itself, with the same rules and messages as
:class:`~conclave.engine.runlog.InMemoryRunLog`.

The ``runs`` row must exist before its events (a foreign key says so), and must belong to
the log's tenant. The run service creates it. A log used on its own (library use, tests)
can be built with ``create_runs=True``: the first append to an unknown run then creates its
row, with status ``running``, the first event's author as its target and, for a
``run.started`` event, its input.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from conclave.adapters.store.engine import Database
from conclave.adapters.store.tables import run_events, runs
from conclave.engine.events import (
    TERMINAL_KINDS,
    Event,
    RunStarted,
    event_to_dict,
    load_event,
)
from conclave.engine.runlog import SequenceConflict, check_replayed_append
from conclave.errors import NotFound

__all__ = ["SqlRunLog"]

PAGE = 500  # events per query when reading; a reader never holds a connection for long

_MAX_SEQ = (
    select(func.coalesce(func.max(run_events.c.seq), 0))
    .where(run_events.c.run_id == runs.c.id)
    .scalar_subquery()
)
_LAST_SEQ = select(_MAX_SEQ).where(
    runs.c.id == bindparam("run_id"), runs.c.tenant_id == bindparam("tenant_id")
)
# One parameter per run_events column, named apart from the columns (SQLAlchemy reserves
# column names in INSERT and UPDATE statements).
_P = {name: bindparam(f"p_{name}", type_=column.type) for name, column in run_events.c.items()}
# The run's row moves first: it proves the run is this tenant's, and its row lock makes a
# second writer of the same run wait here rather than interleave.
_MOVE_LAST_SEQ = (
    update(runs)
    .where(runs.c.id == _P["run_id"], runs.c.tenant_id == _P["tenant_id"])
    .values(last_seq=_P["seq"], updated_at=_P["created_at"])
)
_INSERT_EVENT = insert(run_events).values(_P)
# PostgreSQL does both in one statement, so an append is one round trip, not four.
_MOVE_AND_INSERT = insert(run_events).from_select(
    list(_P), select(*_P.values()).select_from(_MOVE_LAST_SEQ.returning(runs.c.id).cte("moved"))
)
_STORED_EVENT = select(run_events.c.data).where(
    run_events.c.run_id == bindparam("run_id"),
    run_events.c.tenant_id == bindparam("tenant_id"),
    run_events.c.seq == bindparam("seq"),
)
_PAGE_OF_EVENTS = (
    select(run_events.c.data)
    .where(
        run_events.c.run_id == bindparam("run_id"),
        run_events.c.tenant_id == bindparam("tenant_id"),
        run_events.c.seq > bindparam("after"),
    )
    .order_by(run_events.c.seq)
    .limit(PAGE)
)


class SqlRunLog:
    """A tenant's run log in the SQL store (SQLite or PostgreSQL).

    Another tenant's runs look missing: they read as empty, and appending to one fails as
    for a run that does not exist.

    Args:
        database: the store, as a :class:`Database` or an engine.
        tenant_id: the tenant whose runs this log reads and writes.
        create_runs: create the ``runs`` row of an unknown run on its first append, rather
            than refuse it.
    """

    __slots__ = ("_autocommit", "_create_runs", "_engine", "_last", "_tenant", "_write")

    def __init__(
        self, database: Database | AsyncEngine, *, tenant_id: str, create_runs: bool = False
    ) -> None:
        self._engine = database.engine if isinstance(database, Database) else database
        self._tenant = tenant_id
        self._create_runs = create_runs
        self._last: dict[str, int] = {}
        if self._engine.dialect.name == "postgresql":
            self._autocommit = self._engine.execution_options(isolation_level="AUTOCOMMIT")
            self._write = self._write_in_one_statement
        else:
            self._autocommit = self._engine
            self._write = self._write_in_transaction

    @property
    def tenant_id(self) -> str:
        """The tenant this log belongs to."""
        return self._tenant

    async def append(self, event: Event) -> None:
        """Store one event; idempotent on ``(run_id, seq)``.

        Raises:
            SequenceConflict: a different event already holds ``seq``, or ``seq`` leaves a gap.
            NotFound: the tenant has no such run (and ``create_runs`` is off).
        """
        last = self._last.get(event.run_id)
        if last is None:
            last = await self._open(event)
        if event.seq == last + 1 and await self._insert(event):
            return
        await self._judge(event)

    async def read(self, run_id: str, *, after: int = 0) -> AsyncIterator[Event]:
        """The run's events with ``seq > after``, in order, fetched a page at a time."""
        while True:
            async with self._engine.connect() as connection:
                params = {"run_id": run_id, "tenant_id": self._tenant, "after": after}
                page = (await connection.execute(_PAGE_OF_EVENTS, params)).scalars().all()
            for data in page:
                event = load_event(data)
                after = event.seq
                yield event
            if len(page) < PAGE:
                return

    async def last_seq(self, run_id: str) -> int:
        """The sequence number of the run's last stored event; 0 for none or no such run."""
        return await self._read_last(run_id) or 0

    async def _open(self, event: Event) -> int:
        """The run's last seq, read once per run; creates the run if allowed and missing."""
        last = await self._read_last(event.run_id)
        if last is None and self._create_runs:
            await self._create_run(event)
            last = await self._read_last(event.run_id)
        if last is None:
            raise self._missing(event.run_id)
        self._last[event.run_id] = last
        return last

    async def _read_last(self, run_id: str) -> int | None:
        async with self._engine.connect() as connection:
            return await self._stored_last(connection, run_id)

    async def _insert(self, event: Event) -> bool:
        """Write the next event; False when the store refuses it (its seq is taken)."""
        params = self._params(event)
        try:
            stored = await self._write(params)
        except IntegrityError:
            return False
        if not stored:
            self._last.pop(event.run_id, None)
            raise self._missing(event.run_id)
        if event.kind in TERMINAL_KINDS:
            # A finished run is rarely written again; forget it so the cache stays small.
            self._last.pop(event.run_id, None)
        else:
            self._last[event.run_id] = event.seq
        return True

    async def _write_in_transaction(self, params: dict[str, Any]) -> bool:
        async with self._engine.begin() as connection:
            moved = await connection.execute(_MOVE_LAST_SEQ, params)
            if moved.rowcount == 0:
                return False
            await connection.execute(_INSERT_EVENT, params)
        return True

    async def _write_in_one_statement(self, params: dict[str, Any]) -> bool:
        # One statement is one transaction: no BEGIN and COMMIT round trips needed.
        async with self._autocommit.connect() as connection:
            inserted = await connection.execute(_MOVE_AND_INSERT, params)
        return inserted.rowcount == 1

    async def _judge(self, event: Event) -> None:
        """Decide an append that is not simply the next one, by what the store holds."""
        last, existing = await self._stored(event)
        self._last[event.run_id] = last
        if event.seq == last + 1:
            # The store moved on since this log last looked: the event is next after all.
            if await self._insert(event):
                return
            raise SequenceConflict(
                f"run {event.run_id!r}: seq {event.seq} was taken while it was being written; "
                "another executor is writing this run",
                run_id=event.run_id,
                seq=event.seq,
            )
        check_replayed_append(last, existing, event)

    async def _stored(self, event: Event) -> tuple[int, Event | None]:
        """The run's last seq, and the event stored under ``event.seq`` if any."""
        async with self._engine.connect() as connection:
            last = await self._stored_last(connection, event.run_id)
            if last is None:
                raise self._missing(event.run_id)
            if not 1 <= event.seq <= last:
                return last, None
            params = {"run_id": event.run_id, "tenant_id": self._tenant, "seq": event.seq}
            data = (await connection.execute(_STORED_EVENT, params)).scalar_one()
        return last, load_event(data)

    async def _stored_last(self, connection: AsyncConnection, run_id: str) -> int | None:
        """The largest stored seq of the run; None when the tenant has no such run."""
        params = {"run_id": run_id, "tenant_id": self._tenant}
        row = (await connection.execute(_LAST_SEQ, params)).first()
        return None if row is None else int(row[0])

    async def _create_run(self, event: Event) -> None:
        now = datetime.now(UTC)
        row = {
            "id": event.run_id,
            "tenant_id": self._tenant,
            "target_kind": "agent",
            "target": event.author[:64],
            "input": event.input if isinstance(event, RunStarted) else "",
            "status": "running",
            "created_at": now,
            "updated_at": now,
        }
        try:
            async with self._engine.begin() as connection:
                await connection.execute(insert(runs), row)
        except IntegrityError:
            # Created meanwhile by another writer, or the id or tenant is not ours to use:
            # the read that follows tells which.
            pass

    def _params(self, event: Event) -> dict[str, Any]:
        return {
            "p_run_id": event.run_id,
            "p_seq": event.seq,
            "p_tenant_id": self._tenant,
            "p_kind": event.kind,
            "p_author": event.author,
            "p_data": event_to_dict(event),
            "p_created_at": datetime.now(UTC),
        }

    def _missing(self, run_id: str) -> NotFound:
        return NotFound(
            f"run {run_id!r} not found; create the run before appending its events (or "
            "build the log with create_runs=True)",
            kind="run",
            name=run_id,
        )
