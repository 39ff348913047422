"""A chat turn's writes, each group in one transaction (run with :meth:`Database.run`).

A turn is a run with a conversation. Opening it stores, at once: the conversation (when
new), the earlier messages a caller brings (an OpenAI client sends whole histories), the
user's message, and the run itself, already leased to the executor that will run it. Its
last ``history_limit`` messages come back in the same trip. Finishing it is done by the
executor, in the transaction that stores the run's terminal event: the run's status and
totals, its lease released, and the reply added to the conversation.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from conclave.adapters.store.records import TERMINAL_RUN_STATUSES, RunRecord
from conclave.adapters.store.repositories._rows import check_kind, to_record, utcnow
from conclave.adapters.store.tables import conversations, messages, runs
from conclave.engine.events import RunCompleted, RunFailed
from conclave.errors import NotFound, UserError

__all__ = ["OpenedTurn", "TurnRequest", "finish_run", "open_turn", "turn_history"]

TITLE_LENGTH = 80
MAX_HISTORY = 500


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
    """

    tenant_id: str
    run_id: str
    target_kind: str
    target: str
    message: str
    conversation_id: str | None = None
    earlier: tuple[tuple[str, str | None, str], ...] = ()
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


def finish_run(connection: Connection, record: RunRecord, event: RunCompleted | RunFailed) -> bool:
    """End the run as its terminal event says, releasing its lease, and add the reply to
    its conversation; returns False (changing nothing) if it had already ended (a cancel).
    """
    now = utcnow()
    values: dict[str, Any] = {
        "status": "completed" if isinstance(event, RunCompleted) else "failed",
        "updated_at": now,
        "finished_at": now,
        "lease_owner": None,
        "lease_expires_at": None,
        "input_tokens": event.usage.input_tokens,
        "output_tokens": event.usage.output_tokens,
        "cost_usd": event.cost_usd,
    }
    if isinstance(event, RunCompleted):
        values["output"] = event.output
    else:
        values["error"] = event.error
    statement = (
        update(runs)
        .where(runs.c.tenant_id == record.tenant_id, runs.c.id == record.id)
        .where(runs.c.status.not_in(TERMINAL_RUN_STATUSES))
        .values(values)
    )
    if connection.execute(statement).rowcount == 0:
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
    connection.execute(insert(messages), row)
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
    connection.execute(insert(conversations), row)
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
    query = select(conversations.c.target_kind, conversations.c.target).where(
        conversations.c.tenant_id == request.tenant_id, conversations.c.id == conversation_id
    )
    found = connection.execute(query).first()
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
    query = (
        select(messages.c.role, messages.c.author, messages.c.content)
        .where(messages.c.tenant_id == request.tenant_id)
        .where(messages.c.conversation_id == conversation_id)
        .where(messages.c.role.in_(("user", "assistant")))
        .order_by(messages.c.id.desc())
        .limit(limit)
    )
    return [(row.role, row.author, row.content) for row in connection.execute(query)][::-1]


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
    connection.execute(insert(messages), row)


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
    connection.execute(
        update(conversations)
        .where(conversations.c.tenant_id == tenant_id, conversations.c.id == conversation_id)
        .values(updated_at=now)
    )


def _new_run(
    connection: Connection, request: TurnRequest, conversation_id: str, now: datetime
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
        "created_at": now,
        "updated_at": now,
    }
    created = connection.execute(insert(runs).values(row).returning(*runs.c)).one()
    return to_record(RunRecord, created)


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
