"""``SqlRunLog``: the durable run log in the SQL store, one ``run_events`` row per event.

An append on the happy path is one transaction: move ``runs.last_seq`` to the event (which
also proves the run is the tenant's), then insert the event; on PostgreSQL both go in one
statement, so one round trip, and on SQLite the transaction is one trip to the store's
thread (:meth:`Database.run`). :meth:`SqlRunLog.append_many` stores several consecutive
events of a run, and any other work the caller adds, in one transaction: how an executor
commits a run's events in groups. The log remembers each unfinished run's last sequence number,
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

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import suppress
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from conclave.adapters.store.engine import Database, write
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

__all__ = ["SqlRunLog", "StoreWork", "in_order", "then"]

# Synchronous work on a connection, done in the transaction that stores some events.
StoreWork = Callable[[Connection], None]


def in_order(works: Sequence[StoreWork]) -> StoreWork:
    """Several pieces of work as one, done in order."""

    def each(connection: Connection) -> None:
        for work in works:
            work(connection)

    return each


def then(first: StoreWork | None, second: StoreWork | None) -> StoreWork | None:
    """Both pieces of work, in order, as one; either may be ``None``."""
    if first is None or second is None:
        return first or second
    return in_order([first, second])


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

    __slots__ = ("_autocommit", "_create_runs", "_database", "_last", "_tenant")

    def __init__(
        self, database: Database | AsyncEngine, *, tenant_id: str, create_runs: bool = False
    ) -> None:
        self._database = database if isinstance(database, Database) else Database.of(database)
        self._tenant = tenant_id
        self._create_runs = create_runs
        self._last: dict[str, int] = {}
        engine = self._database.engine
        self._autocommit: AsyncEngine | None = None
        if engine.dialect.name == "postgresql":
            self._autocommit = engine.execution_options(isolation_level="AUTOCOMMIT")

    @property
    def tenant_id(self) -> str:
        """The tenant this log belongs to."""
        return self._tenant

    def expect(self, run_id: str, last_seq: int) -> None:
        """Tell the log the run's last stored seq (a run just created has 0), so that its
        first append does not read it from the store."""
        self._last[run_id] = last_seq

    async def append(self, event: Event) -> None:
        """Store one event; idempotent on ``(run_id, seq)``.

        Raises:
            SequenceConflict: a different event already holds ``seq``, or ``seq`` leaves a gap.
            NotFound: the tenant has no such run (and ``create_runs`` is off).
        """
        last = self._last.get(event.run_id)
        if last is None:
            last = await self._open(event)
        if event.seq == last + 1 and await self._insert([event]):
            return
        await self._judge(event)

    async def append_many(self, events: Sequence[Event], *, also: StoreWork | None = None) -> None:
        """Store consecutive events of one run, and ``also``'s work, in one transaction.

        Events already stored are accepted as :meth:`append` accepts them; when the batch
        is not simply the next events, they are appended one by one and ``also`` runs in a
        transaction of its own after them.

        Raises:
            SequenceConflict: as :meth:`append`.
            NotFound: as :meth:`append`.
        """
        if events:
            last = self._last.get(events[0].run_id)
            if last is None:
                last = await self._open(events[0])
            expected = list(range(last + 1, last + 1 + len(events)))
            if [event.seq for event in events] == expected and await self._insert(events, also):
                return
            for event in events:
                await self.append(event)
        if also is not None:
            await self._database.run(also)

    async def run(self, work: StoreWork) -> None:
        """Do ``work`` in a transaction of its own (work that has no events to join)."""
        await self._database.run(work)

    async def read(self, run_id: str, *, after: int = 0) -> AsyncIterator[Event]:
        """The run's events with ``seq > after``, in order, fetched a page at a time."""
        while True:
            params = {"run_id": run_id, "tenant_id": self._tenant, "after": after}
            page = await self._database.run(partial(_fetch_page, params))
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
            # Created meanwhile by another writer, or the id or tenant is not ours to use:
            # the read that follows tells which.
            with suppress(IntegrityError):
                await self._database.run(partial(_create_run, self._run_row(event)))
            last = await self._read_last(event.run_id)
        if last is None:
            raise self._missing(event.run_id)
        self._last[event.run_id] = last
        return last

    async def _read_last(self, run_id: str) -> int | None:
        return await self._database.run(partial(_stored_last, run_id, self._tenant))

    async def _insert(self, events: Sequence[Event], also: StoreWork | None = None) -> bool:
        """Write the next events; False when the store refuses them (a seq is taken)."""
        rows = [self._params(event) for event in events]
        try:
            if self._autocommit is not None and len(rows) == 1 and also is None:
                stored = await self._write_in_one_statement(rows[0])
            else:
                stored = await self._database.run(partial(_write, rows, also))
        except IntegrityError:
            return False
        last = events[-1]
        if not stored:
            self._last.pop(last.run_id, None)
            raise self._missing(last.run_id)
        if last.kind in TERMINAL_KINDS:
            # A finished run is rarely written again; forget it so the cache stays small.
            self._last.pop(last.run_id, None)
        else:
            self._last[last.run_id] = last.seq
        return True

    async def _write_in_one_statement(self, params: dict[str, Any]) -> bool:
        # One statement is one transaction: no BEGIN and COMMIT round trips needed.
        assert self._autocommit is not None
        async with self._autocommit.connect() as connection:
            inserted = await connection.execute(_MOVE_AND_INSERT, params)
        return inserted.rowcount == 1

    async def _judge(self, event: Event) -> None:
        """Decide an append that is not simply the next one, by what the store holds."""
        last, data = await self._database.run(partial(_stored, event, self._tenant))
        if last is None:
            raise self._missing(event.run_id)
        self._last[event.run_id] = last
        if event.seq == last + 1:
            # The store moved on since this log last looked: the event is next after all.
            if await self._insert([event]):
                return
            raise SequenceConflict(
                f"run {event.run_id!r}: seq {event.seq} was taken while it was being written; "
                "another executor is writing this run",
                run_id=event.run_id,
                seq=event.seq,
            )
        check_replayed_append(last, None if data is None else load_event(data), event)

    def _run_row(self, event: Event) -> dict[str, Any]:
        now = datetime.now(UTC)
        return {
            "id": event.run_id,
            "tenant_id": self._tenant,
            "target_kind": "agent",
            "target": event.author[:64],
            "input": event.input if isinstance(event, RunStarted) else "",
            "status": "running",
            "created_at": now,
            "updated_at": now,
        }

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


# The store's side of the log: synchronous work that Database.run runs in one transaction.


def _write(rows: list[dict[str, Any]], also: StoreWork | None, connection: Connection) -> bool:
    """Move the run's last seq to the last row's, insert the rows, then run ``also``."""
    if write(connection, _MOVE_LAST_SEQ, rows[-1]) == 0:
        return False
    write(connection, _INSERT_EVENT, rows)
    if also is not None:
        also(connection)
    return True


def _fetch_page(params: dict[str, Any], connection: Connection) -> list[Any]:
    return list(connection.execute(_PAGE_OF_EVENTS, params).scalars())


def _stored_last(run_id: str, tenant_id: str, connection: Connection) -> int | None:
    """The largest stored seq of the run; None when the tenant has no such run."""
    row = connection.execute(_LAST_SEQ, {"run_id": run_id, "tenant_id": tenant_id}).first()
    return None if row is None else int(row[0])


def _stored(event: Event, tenant_id: str, connection: Connection) -> tuple[int | None, Any]:
    """The run's last seq, and the stored data of the event under ``event.seq`` if any."""
    last = _stored_last(event.run_id, tenant_id, connection)
    if last is None or not 1 <= event.seq <= last:
        return last, None
    params = {"run_id": event.run_id, "tenant_id": tenant_id, "seq": event.seq}
    return last, connection.execute(_STORED_EVENT, params).scalar_one()


def _create_run(row: dict[str, Any], connection: Connection) -> None:
    connection.execute(insert(runs), row)
