"""Spending in SQL: budget counters, reservations (holds) and the cost ledger.

Synchronous work for :meth:`Database.run`, so a settlement can join the transaction that
stores the run's events. Money is in nano-dollars (integers).

A reservation is one conditional ``UPDATE`` per limited scope: ``reserved += amount`` only
where ``spent + reserved + amount <= limit``. The row lock it takes makes concurrent
reservations of one tenant, in any process, queue on the row, and the condition is
evaluated again after the wait (PostgreSQL's read committed; SQLite has one writer at a
time). Scopes are reserved in key order, so two reservations never wait on each other in a
cycle.

Counters exist for the scopes that have a limit: one is made the first time a call reserves
in its scope, holding what the ledger already records for that scope, and a settlement moves
a call's amount from reserved to spent in the scopes its hold reserved in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from conclave.adapters.store.engine import write
from conclave.adapters.store.tables import budget_holds, cost_ledger, spend_counters

__all__ = [
    "Hold",
    "Refused",
    "ScopeLimit",
    "counters",
    "release",
    "reserve",
    "settle",
    "sweep_expired",
]

_C = spend_counters.c
_RESERVE = (
    update(spend_counters)
    .where(
        _C.tenant_id == bindparam("tenant"),
        _C.scope == bindparam("key"),
        _C.spent_nano + _C.reserved_nano + bindparam("amount") <= bindparam("limit"),
    )
    .values(reserved_nano=_C.reserved_nano + bindparam("amount"), updated_at=bindparam("now"))
)
_UNRESERVE = (
    update(spend_counters)
    .where(_C.tenant_id == bindparam("tenant"), _C.scope == bindparam("key"))
    .values(reserved_nano=_C.reserved_nano - bindparam("amount"), updated_at=bindparam("now"))
)
_SETTLE = (
    update(spend_counters)
    .where(_C.tenant_id == bindparam("tenant"), _C.scope == bindparam("key"))
    .values(
        spent_nano=_C.spent_nano + bindparam("cost"),
        reserved_nano=_C.reserved_nano - bindparam("amount"),
        updated_at=bindparam("now"),
    )
)
# A settlement stored twice (its transaction retried) records the call once.
_INSERT_LEDGER = {
    "sqlite": sqlite.insert(cost_ledger).on_conflict_do_nothing(index_elements=["id"]),
    "postgresql": postgresql.insert(cost_ledger).on_conflict_do_nothing(index_elements=["id"]),
}
_INSERT_HOLD = insert(budget_holds)
_H = budget_holds.c
_THIS_HOLD = (_H.tenant_id == bindparam("tenant"), _H.id == bindparam("hold"))
_GROW_HOLD = (
    update(budget_holds).where(*_THIS_HOLD).values(amount_nano=_H.amount_nano + bindparam("amount"))
)
_DRAW_HOLD = (
    update(budget_holds).where(*_THIS_HOLD).values(amount_nano=_H.amount_nano - bindparam("amount"))
)
_L = cost_ledger.c


@dataclass(frozen=True, slots=True)
class Hold:
    """A hold (its row id), the counter keys it reserved in, and an amount in each."""

    id: str
    scopes: tuple[str, ...]
    amount_nano: int


@dataclass(frozen=True, kw_only=True, slots=True)
class ScopeLimit:
    """One limited scope a call reserves in."""

    scope: str  # conversation | agent_day | tenant_day | tenant_month
    key: str  # its counter key: day:2026-11-23 ...
    limit_nano: int


class Refused(Exception):
    """A scope would pass its limit; raised inside the transaction, so it rolls back."""

    def __init__(self, limit: ScopeLimit, used_nano: int) -> None:
        super().__init__(limit.scope)
        self.limit = limit
        self.used_nano = used_nano


def reserve(
    connection: Connection,
    *,
    tenant_id: str,
    hold_id: str,
    run_id: str,
    limits: Sequence[ScopeLimit],
    amount_nano: int,
    now: datetime,
    expires_at: datetime,
    existing: bool = False,
) -> Hold:
    """Hold ``amount_nano`` in every scope of ``limits``, or in none; what was held.

    The amount goes to a new hold row, or with ``existing`` is added to the hold already
    under ``hold_id`` (a new row is made if that one lapsed meanwhile).

    Raises:
        Refused: the first scope (in key order) that would pass its limit.
    """
    # Locks are taken hold first, then counters in key order, here as in a settlement, so
    # two transactions never wait on each other in a cycle.
    grown = {"tenant": tenant_id, "hold": hold_id, "amount": amount_nano}
    made = existing and write(connection, _GROW_HOLD, grown) > 0
    ordered = sorted(limits, key=lambda limit: limit.key)
    for limit in ordered:
        params = {"tenant": tenant_id, "key": limit.key, "amount": amount_nano, "now": now}
        if _held(connection, limit, params):
            continue
        # No row changed: the counter is new, or the limit would be passed.
        if not _ensure(connection, tenant_id, [limit.key], now) or not _held(
            connection, limit, params
        ):
            raise Refused(limit, _used(connection, tenant_id, limit.key))
    scopes = [limit.key for limit in ordered]
    if not made:
        row = {
            "id": hold_id,
            "tenant_id": tenant_id,
            "run_id": run_id,
            "scopes": scopes,
            "amount_nano": amount_nano,
            "expires_at": expires_at,
        }
        write(connection, _INSERT_HOLD, row)
    return Hold(id=hold_id, scopes=tuple(scopes), amount_nano=amount_nano)


def settle(
    connection: Connection,
    *,
    ledger: Mapping[str, Any],
    now: datetime,
    hold: Hold | None = None,
) -> None:
    """Record a call's cost: its ledger row and, in each scope it reserved in, the spend.

    ``hold`` names the hold the call drew on and the amount to move from it, reserved, to
    spent; ``None`` says it reserved nothing (no limit, or a free model). A hold that lapsed
    meanwhile (see :func:`sweep_expired`) has given its amount back already, so then only
    the cost is counted.

    Settling a call twice records it once (the ledger row's id is the call's).
    """
    statement = _INSERT_LEDGER[connection.dialect.name]
    if write(connection, statement, dict(ledger)) == 0 or hold is None:
        return
    tenant_id = ledger["tenant_id"]
    drawn = {"tenant": tenant_id, "hold": hold.id, "amount": hold.amount_nano}
    moved = hold.amount_nano if write(connection, _DRAW_HOLD, drawn) else 0
    cost = ledger["cost_nano"]
    rows = [
        {"tenant": tenant_id, "key": key, "cost": cost, "amount": moved, "now": now}
        for key in hold.scopes
    ]
    if rows:
        write(connection, _SETTLE, rows)


def release(connection: Connection, *, tenant_id: str, hold_id: str, now: datetime) -> None:
    """Give back a hold's reservation (its call failed); a hold already gone is fine."""
    _free(connection, tenant_id, hold_id, now)


def sweep_expired(connection: Connection, *, now: datetime) -> int:
    """Give back every hold that expired (its process died mid-call); how many there were."""
    expired = select(budget_holds).where(budget_holds.c.expires_at < now)
    rows = connection.execute(expired).all()
    for row in rows:
        _free(connection, row.tenant_id, row.id, now)
    return len(rows)


def counters(connection: Connection, tenant_id: str, keys: Sequence[str]) -> dict[str, int]:
    """Spent plus reserved, in nano-dollars, of each key that has a counter."""
    query = select(_C.scope, _C.spent_nano + _C.reserved_nano).where(
        _C.tenant_id == tenant_id, _C.scope.in_(keys)
    )
    return {scope: int(used) for scope, used in connection.execute(query)}


def _take_hold(
    connection: Connection, tenant_id: str, hold_id: str
) -> tuple[list[str], int] | None:
    """Delete a hold; its scopes and amount, or ``None`` if it was gone."""
    gone = (
        delete(budget_holds)
        .where(and_(budget_holds.c.tenant_id == tenant_id, budget_holds.c.id == hold_id))
        .returning(budget_holds.c.scopes, budget_holds.c.amount_nano)
    )
    row = connection.execute(gone).first()
    return None if row is None else (list(row.scopes), int(row.amount_nano))


def _free(connection: Connection, tenant_id: str, hold_id: str, now: datetime) -> None:
    hold = _take_hold(connection, tenant_id, hold_id)
    if hold is None:
        return
    scopes, amount = hold
    rows = [{"tenant": tenant_id, "key": key, "amount": amount, "now": now} for key in scopes]
    if rows:
        connection.execute(_UNRESERVE, rows)


def _held(connection: Connection, limit: ScopeLimit, params: dict[str, Any]) -> bool:
    """Reserve in one scope's counter if it has room; False when no row changed."""
    done = write(connection, _RESERVE, {**params, "limit": limit.limit_nano})
    return done > 0


def _used(connection: Connection, tenant_id: str, key: str) -> int:
    return counters(connection, tenant_id, [key]).get(key, 0)


def _ensure(connection: Connection, tenant_id: str, keys: Sequence[str], now: datetime) -> bool:
    """Make the counters of ``keys`` exist; a new one starts at what the ledger records.

    Returns whether any was made."""
    found = select(_C.scope).where(_C.tenant_id == tenant_id, _C.scope.in_(keys))
    missing = set(keys).difference(connection.execute(found).scalars())
    if not missing:
        return False
    rows = [
        {
            "tenant_id": tenant_id,
            "scope": key,
            "spent_nano": _recorded(connection, tenant_id, key),
            "reserved_nano": 0,
            "updated_at": now,
        }
        for key in sorted(missing)
    ]
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(spend_counters).on_conflict_do_nothing(
        index_elements=[_C.tenant_id, _C.scope]
    )
    connection.execute(statement, rows)
    return True


def _recorded(connection: Connection, tenant_id: str, key: str) -> int:
    """What the ledger records for a scope key (see :func:`conclave.engine.budget.scope_keys`)."""
    kind, _, rest = key.partition(":")
    where = [_L.tenant_id == tenant_id]
    if kind == "day":
        where.append(_L.day == rest)
    elif kind == "month":
        where.append(_L.day.startswith(rest + "-"))
    elif kind == "agent":
        agent, _, day = rest.rpartition(":")
        where += [_L.agent == agent, _L.day == day]
    else:  # conversation
        where.append(_L.conversation_id == rest)
    total = select(func.coalesce(func.sum(_L.cost_nano), 0)).where(*where)
    return int(connection.execute(total).scalar_one())
