"""A chat turn's writes, each group in one transaction (run with :meth:`Database.run`).

A turn is a run with a conversation. Opening it stores, at once: the conversation (when
new), the earlier messages a caller brings (an OpenAI client sends whole histories), the
user's message, and the run itself with its ``run.started`` event, already leased to the
executor that will run it. Its
last ``history_limit`` messages come back in the same trip. Finishing it is done by the
executor, in the transaction that stores the run's terminal event: the run's status and
totals, its lease released, and the reply added to the conversation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from conclave.adapters.store.engine import write
from conclave.adapters.store.records import RunRecord
from conclave.adapters.store.repositories._rows import check_kind, to_record, utcnow
from conclave.adapters.store.tables import conversations, messages, run_events, runs
from conclave.engine.events import RunCompleted, RunFailed, RunStarted, event_to_dict
from conclave.errors import NotFound, UserError

__all__ = [
    "OpenedTurn",
    "TurnRequest",
    "finish_run",
    "first_event",
    "open_run",
    "open_turn",
    "turn_history",
]

TITLE_LENGTH = 80
MAX_HISTORY = 500

# Statements built once: building one per call costs more than running it.
_INSERT_CONVERSATION = insert(conversations)
_INSERT_MESSAGE = insert(messages)
_INSERT_RUN = insert(runs)
_INSERT_EVENT = insert(run_events)
_TOUCH = (
    update(conversations)
    .where(conversations.c.tenant_id == bindparam("c_tenant"))
    .where(conversations.c.id == bindparam("c_id"))
    .values(updated_at=bindparam("c_now"))
)
_TARGET = select(conversations.c.target_kind, conversations.c.target).where(
    conversations.c.tenant_id == bindparam("c_tenant"), conversations.c.id == bindparam("c_id")
)
_HISTORY = (
    select(messages.c.role, messages.c.author, messages.c.content)
    .where(messages.c.tenant_id == bindparam("c_tenant"))
    .where(messages.c.conversation_id == bindparam("c_id"))
    .where(messages.c.role.in_(("user", "assistant")))
    .order_by(messages.c.id.desc())
    .limit(bindparam("c_limit"))
)
_FINISH = (
    update(runs)
    .where(runs.c.tenant_id == bindparam("f_tenant"), runs.c.id == bindparam("f_id"))
    .where(runs.c.finished_at.is_(None))  # every terminal status sets it
    .values(
        status=bindparam("f_status"),
        output=bindparam("f_output"),
        error=bindparam("f_error"),
        input_tokens=bindparam("f_input_tokens"),
        output_tokens=bindparam("f_output_tokens"),
        cost_usd=bindparam("f_cost"),
        updated_at=bindparam("f_now"),
        finished_at=bindparam("f_now"),
        lease_owner=None,
        lease_expires_at=None,
    )
)


@dataclass(frozen=True, kw_only=True, slots=True)
class TurnRequest:
    """What a chat turn starts from.

    Attributes:
        tenant_id: whose turn it is.
        run_id: the new run's id.
        target_kind: ``agent`` or ``team``.
        target: the agent's or team's name.
        message: the user's message: the run's input.
        conversation_id: the conversation to continue; a new one when ``None``.
        earlier: messages (role, author, content) to store before the user's, in a new
            conversation only.
        history_limit: how many earlier messages to return.
        owner: the executor the run is leased to.
        lease_seconds: how long the lease lasts before its first heartbeat.
        limits: the run's own spending limits (USD by scope), over its agent's.
    """

    tenant_id: str
    run_id: str
    target_kind: str
    target: str
    message: str
    conversation_id: str | None = None
    earlier: tuple[tuple[str, str | None, str], ...] = ()
    limits: dict[str, float] | None = None
    history_limit: int = 20
    owner: str = ""
    lease_seconds: float = 30.0


@dataclass(frozen=True, kw_only=True, slots=True)
class OpenedTurn:
    """An opened turn: the run, its conversation and the history before the message.

    Attributes:
        run: the run, ``running`` and leased.
        conversation_id: the conversation it belongs to.
        history: the last ``history_limit`` user and assistant messages before this one,
            oldest first, as (role, author, content).
    """

    run: RunRecord
    conversation_id: str
    history: list[tuple[str, str | None, str]] = field(default_factory=list)


def open_turn(request: TurnRequest, connection: Connection) -> OpenedTurn:
    """Store a turn's conversation, messages and run; see the module docstring.

    Raises:
        NotFound: the tenant has no such conversation.
        UserError: the conversation is with another agent or team, or ``earlier`` was
            given for an existing conversation.
    """
    check_kind(request.target_kind)
    now = utcnow()
    if request.conversation_id is None:
        conversation_id = _new_conversation(connection, request, now)
        history = _store_earlier(connection, request, conversation_id, now)
    else:
        conversation_id = request.conversation_id
        _continue(connection, request, conversation_id, now)
        history = _history(connection, request, conversation_id)
    _add(connection, request, conversation_id, ("user", None, request.message), now)
    run = _new_run(connection, request, conversation_id, now)
    return OpenedTurn(run=run, conversation_id=conversation_id, history=history)


def open_run(request: TurnRequest, connection: Connection) -> RunRecord:
    """Store a run of its own (no conversation), ``running`` and leased to ``owner``."""
    check_kind(request.target_kind)
    return _new_run(connection, request, request.conversation_id, utcnow())


def first_event(record: RunRecord) -> RunStarted:
    """The ``run.started`` event a run is created with: stamped with its creation time, so
    that the same event can be rebuilt from the run."""
    return RunStarted(
        run_id=record.id,
        seq=1,
        author=record.target,
        input=record.input,
        at=record.created_at.timestamp(),
    )


def finish_run(connection: Connection, record: RunRecord, event: RunCompleted | RunFailed) -> bool:
    """End the run as its terminal event says, releasing its lease, and add the reply to
    its conversation; returns False (changing nothing) if it had already ended (a cancel).
    """
    completed = isinstance(event, RunCompleted)
    now = utcnow()
    params = {
        "f_tenant": record.tenant_id,
        "f_id": record.id,
        "f_status": "completed" if completed else "failed",
        "f_output": event.output if isinstance(event, RunCompleted) else None,
        "f_error": event.error if isinstance(event, RunFailed) else None,
        "f_input_tokens": event.usage.input_tokens,
        "f_output_tokens": event.usage.output_tokens,
        "f_cost": event.cost_usd,
        "f_now": now,
    }
    if write(connection, _FINISH, params) == 0:
        return False
    if isinstance(event, RunCompleted) and record.conversation_id is not None:
        _add_reply(connection, record, event, now)
    return True


def _add_reply(
    connection: Connection, record: RunRecord, event: RunCompleted, now: datetime
) -> None:
    row = _message_row(record.tenant_id, record.conversation_id or "", record.id, now)
    row |= {
        "role": "assistant",
        "author": record.target,
        "content": event.output,
        "input_tokens": event.usage.input_tokens,
        "output_tokens": event.usage.output_tokens,
        "cost_usd": event.cost_usd,
    }
    write(connection, _INSERT_MESSAGE, row)
    _touch(connection, record.tenant_id, record.conversation_id or "", now)


def _new_conversation(connection: Connection, request: TurnRequest, now: datetime) -> str:
    conversation_id = uuid.uuid4().hex
    row = {
        "id": conversation_id,
        "tenant_id": request.tenant_id,
        "target_kind": request.target_kind,
        "target": request.target,
        "title": request.message[:TITLE_LENGTH],
        "created_at": now,
        "updated_at": now,
    }
    write(connection, _INSERT_CONVERSATION, row)
    return conversation_id


def _store_earlier(
    connection: Connection, request: TurnRequest, conversation_id: str, now: datetime
) -> list[tuple[str, str | None, str]]:
    for message in request.earlier:
        _add(connection, request, conversation_id, message, now)
    said = [m for m in request.earlier if m[0] in ("user", "assistant")]
    return said[-request.history_limit :] if request.history_limit else []


def _continue(
    connection: Connection, request: TurnRequest, conversation_id: str, now: datetime
) -> None:
    """Check the conversation is the tenant's and with this target; mark it active."""
    if request.earlier:
        raise UserError(
            "earlier messages can only start a new conversation; leave out conversation_id "
            "or the earlier messages"
        )
    params = {"c_tenant": request.tenant_id, "c_id": conversation_id}
    found = connection.execute(_TARGET, params).first()
    if found is None:
        raise NotFound(
            f"conversation {conversation_id!r} not found", kind="conversation", name=conversation_id
        )
    if (found.target_kind, found.target) != (request.target_kind, request.target):
        raise UserError(
            f"conversation {conversation_id!r} is with {found.target_kind} {found.target!r}, "
            f"not {request.target_kind} {request.target!r}; chat with {found.target!r} or "
            "leave out conversation_id",
            conversation_id=conversation_id,
        )
    _touch(connection, request.tenant_id, conversation_id, now)


def _history(
    connection: Connection, request: TurnRequest, conversation_id: str
) -> list[tuple[str, str | None, str]]:
    limit = min(request.history_limit, MAX_HISTORY)
    if limit == 0:
        return []
    params = {"c_tenant": request.tenant_id, "c_id": conversation_id, "c_limit": limit}
    rows = connection.execute(_HISTORY, params)
    return [(row.role, row.author, row.content) for row in rows][::-1]


def _add(
    connection: Connection,
    request: TurnRequest,
    conversation_id: str,
    message: tuple[str, str | None, str],
    now: datetime,
) -> None:
    role, author, content = message
    row = _message_row(request.tenant_id, conversation_id, request.run_id, now)
    row |= {"role": role, "author": author, "content": content}
    write(connection, _INSERT_MESSAGE, row)


def _message_row(
    tenant_id: str, conversation_id: str, run_id: str, now: datetime
) -> dict[str, Any]:
    return {
        "tenant_id": tenant_id,
        "conversation_id": conversation_id,
        "run_id": run_id,
        "input_tokens": 0,
        "output_tokens": 0,
        "cost_usd": 0.0,
        "created_at": now,
    }


def _touch(connection: Connection, tenant_id: str, conversation_id: str, now: datetime) -> None:
    write(connection, _TOUCH, {"c_tenant": tenant_id, "c_id": conversation_id, "c_now": now})


def _new_run(
    connection: Connection, request: TurnRequest, conversation_id: str | None, now: datetime
) -> RunRecord:
    row = {
        "id": request.run_id,
        "tenant_id": request.tenant_id,
        "target_kind": request.target_kind,
        "target": request.target,
        "target_version": None,
        "input": request.message,
        "status": "running",
        "conversation_id": conversation_id,
        "replay_of": None,
        "lease_owner": request.owner,
        "lease_expires_at": now + timedelta(seconds=request.lease_seconds),
        "attempts": 1,
        "last_seq": 1,
        "created_at": now,
        "updated_at": now,
        "limits": request.limits,
    }
    write(connection, _INSERT_RUN, row)
    started = first_event(to_record(RunRecord, row | _NEW_RUN_DEFAULTS))
    event = {
        "run_id": request.run_id,
        "seq": 1,
        "tenant_id": request.tenant_id,
        "kind": started.kind,
        "author": started.author,
        "data": event_to_dict(started),
        "created_at": now,
    }
    write(connection, _INSERT_EVENT, event)
    return to_record(RunRecord, row | _NEW_RUN_DEFAULTS)


_NEW_RUN_DEFAULTS = {
    "output": None,
    "error": None,
    "input_tokens": 0,
    "output_tokens": 0,
    "cost_usd": 0.0,
    "finished_at": None,
}


def turn_history(
    connection: Connection, record: RunRecord, limit: int
) -> list[tuple[str, str | None, str]]:
    """The conversation's last ``limit`` user and assistant messages before the run's own
    user message, oldest first: what a resumed turn is given as history."""
    if record.conversation_id is None or limit <= 0:
        return []
    own = (
        select(messages.c.id)
        .where(messages.c.tenant_id == record.tenant_id, messages.c.run_id == record.id)
        .where(messages.c.role == "user")
        .order_by(messages.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    query = (
        select(messages.c.role, messages.c.author, messages.c.content)
        .where(messages.c.tenant_id == record.tenant_id)
        .where(messages.c.conversation_id == record.conversation_id)
        .where(messages.c.role.in_(("user", "assistant")), messages.c.id < own)
        .order_by(messages.c.id.desc())
        .limit(min(limit, MAX_HISTORY))
    )
    return [(row.role, row.author, row.content) for row in connection.execute(query)][::-1]
