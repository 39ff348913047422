"""The run service: create, read, cancel and replay a tenant's runs.

Runs are durable: creating one stores it ``pending`` and hands it to the
:class:`~conclave.services.executor.RunExecutor`, which runs it in the background. Its
events are read from the store, so any process can serve them, whichever one runs it.

Example::

    service = RunService(database, bus, targets, executor=executor)
    run = await service.create("acme", "agent", "helper", "hello")
    events = await service.events("acme", run.id)
"""

from __future__ import annotations

import asyncio
import builtins
import dataclasses
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from conclave.adapters.bus import Bus, publish_event
from conclave.adapters.store.engine import Connection, Database
from conclave.adapters.store.records import Page, RunRecord
from conclave.adapters.store.repositories import LeaseManager, RunRepository
from conclave.adapters.store.repositories.runs import fetch_run
from conclave.adapters.store.repositories.turns import (
    OpenedTurn,
    TurnRequest,
    open_run,
    open_turn,
)
from conclave.adapters.store.runlog import SqlRunLog
from conclave.engine.agents import Agent
from conclave.engine.events import Event, RunCompleted, RunFailed
from conclave.engine.messages import Message
from conclave.engine.recorder import new_run_id
from conclave.engine.runlog import read_all
from conclave.engine.teams.base import Team
from conclave.errors import PromptInjection, RateLimited, UserError, VersionConflict
from conclave.services.executor import TEAM_HISTORY, RunExecutor, record_failure, slot_key
from conclave.services.targets import Targets

if TYPE_CHECKING:
    from conclave.engine.guard import Guard, Verdict

__all__ = ["CANCELLED", "RunService"]

CANCELLED = "cancelled on request"


Target = Agent | Team


class RunService:
    """A tenant's runs, from creation to their events, cancel and replay.

    Args:
        database: the store holding the runs and their events.
        bus: where a cancel's ``run.failed`` event is published.
        targets: builds agents and teams (a run's target is checked when it is created).
        executor: executes the runs created here.
        guard: screens each new run's input before the run is accepted; an input it blocks
            is refused (:class:`PromptInjection`) unless the agent's guard policy says
            only to flag or log it.
    """

    __slots__ = ("_bus", "_database", "_executor", "_targets", "guard")

    def __init__(
        self,
        database: Database,
        bus: Bus,
        targets: Targets,
        *,
        executor: RunExecutor,
        guard: Guard | None = None,
    ) -> None:
        self._database = database
        self._bus = bus
        self._targets = targets
        self._executor = executor
        self.guard = guard

    async def create(
        self,
        tenant_id: str,
        target_kind: str,
        target: str,
        input: str,
        *,
        conversation_id: str | None = None,
        run_limit: int | None = None,
        limits: dict[str, float] | None = None,
    ) -> RunRecord:
        """Store a new run of an agent or team and start executing it here.

        The agent or team is read, and the run stored ``running`` with its lease already
        held by this process's executor, in one transaction; the run is handed to the
        executor with its target built: nothing is read back before it starts.

        Raises:
            UnknownName: the tenant has no such agent or team.
            UserError: ``target_kind`` is neither ``agent`` nor ``team``.
            RateLimited: the tenant has ``run_limit`` runs in flight already.
            PromptInjection: the guard blocked the input.
        """
        verdict = await self.screen(input)
        request = self._request(
            tenant_id, target_kind, target, input, conversation_id=conversation_id, limits=limits
        )
        async with self._slot(request.tenant_id, request.run_id, run_limit):
            opening = partial(self._open_run, request, verdict)
            built, record = await self._database.run(opening)
        self._executor.adopt(record, target=built, stream=True)
        return record

    async def chat(
        self,
        tenant_id: str,
        target_kind: str,
        target: str,
        message: str,
        *,
        conversation_id: str | None = None,
        earlier: Sequence[Message] = (),
        stream: bool = False,
        run_limit: int | None = None,
    ) -> OpenedTurn:
        """Start a turn of a conversation: a run of the agent or team on ``message``.

        The conversation (new unless ``conversation_id`` names one), any ``earlier``
        messages, the user's message and the run, leased to this process's executor, are
        stored in one transaction; the run starts at once with the conversation's recent
        history, and its reply joins the conversation in the transaction that ends it.
        Follow it with :meth:`outcome`.

        Raises:
            UnknownName: the tenant has no such agent or team.
            NotFound: the tenant has no such conversation.
            UserError: the conversation is with another agent or team.
            RateLimited: the tenant has ``run_limit`` runs in flight already.
            PromptInjection: the guard blocked the message.
        """
        verdict = await self.screen(message)
        request = self._request(
            tenant_id,
            target_kind,
            target,
            message,
            conversation_id=conversation_id,
            earlier=tuple((m.role, m.author, m.content) for m in earlier),
        )
        async with self._slot(request.tenant_id, request.run_id, run_limit):
            built, turn = await self._database.run(partial(self._open_turn, request, verdict))
        history = [Message(role=r, content=c, author=a) for r, a, c in turn.history]  # type: ignore[arg-type]
        self._executor.adopt(turn.run, target=built, history=history, stream=stream)
        return turn

    async def outcome(self, record: RunRecord) -> RunRecord:
        """Wait for the run to finish, and return it as it ended.

        Raises:
            NotFound: the tenant has no run with this id.
        """
        event = await self._executor.outcome(record.id)
        if isinstance(event, RunCompleted):
            return _ended(record, event, status="completed", output=event.output)
        if isinstance(event, RunFailed):
            return _ended(record, event, status="failed", error=event.error)
        record = await self.get(record.tenant_id, record.id)
        while not record.finished:  # run elsewhere: its executor finishes it
            await asyncio.sleep(0.05)
            record = await self.get(record.tenant_id, record.id)
        return record

    async def get(self, tenant_id: str, run_id: str) -> RunRecord:
        """One run, as it stands.

        Raises:
            NotFound: the tenant has no run with this id.
        """
        # A transaction of one read, on this thread: streams read it on every connect.
        return await self._database.run(partial(fetch_run, tenant_id=tenant_id, run_id=run_id))

    async def list(
        self,
        tenant_id: str,
        *,
        status: str | None = None,
        target: str | None = None,
        target_kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[RunRecord]:
        """A page of the tenant's runs, newest first, optionally of one status or target."""
        return await self._runs(tenant_id).list(
            status=status, target=target, target_kind=target_kind, limit=limit, offset=offset
        )

    async def events(self, tenant_id: str, run_id: str, after: int = 0) -> builtins.list[Event]:
        """The run's stored events with ``seq > after``, in order.

        Raises:
            NotFound: the tenant has no run with this id.
        """
        await self.get(tenant_id, run_id)
        return await read_all(self._log(tenant_id), run_id, after=after)

    async def cancel(self, tenant_id: str, run_id: str) -> RunRecord:
        """Stop the run and mark it ``cancelled``, after a ``run.failed`` event saying so.

        Raises:
            NotFound: the tenant has no run with this id.
            VersionConflict: the run has already finished.
        """
        record = await self.get(tenant_id, run_id)
        _check_unfinished(record)
        await self._executor.interrupt(run_id)
        record = await self.get(tenant_id, run_id)
        _check_unfinished(record)  # it may have finished while it was being stopped
        log = self._log(tenant_id)
        event = await record_failure(log, record, error=CANCELLED, error_type="RunCancelled")
        await publish_event(self._bus, tenant_id, event)
        cancelled = await self._runs(tenant_id).set_status(
            run_id, "cancelled", error=CANCELLED, usage=event.usage, cost_usd=event.cost_usd
        )
        await _release(self._database, cancelled)
        return await self.get(tenant_id, run_id)

    async def replay(
        self, tenant_id: str, run_id: str, *, run_limit: int | None = None
    ) -> RunRecord:
        """Run a finished agent run again under a new id, from what it recorded.

        The new run's model answers with the recorded replies and its tools return the
        recorded results: nothing is called again.

        Raises:
            NotFound: the tenant has no run with this id.
            UserError: the run is a team run, or has not finished.
            RateLimited: the tenant has ``run_limit`` runs in flight already.
        """
        original = await self.get(tenant_id, run_id)
        _check_replayable(original)
        new_id = new_run_id()
        async with self._slot(tenant_id, new_id, run_limit):
            record = await self._runs(tenant_id).create(
                new_id,
                "agent",
                original.target,
                original.input,
                conversation_id=original.conversation_id,
                replay_of=original.id,
            )
        await self._executor.submit(tenant_id, record.id)
        return record

    @asynccontextmanager
    async def _slot(self, tenant_id: str, run_id: str, limit: int | None) -> AsyncIterator[None]:
        """Count the new run against its tenant's runs in flight, refusing it over ``limit``;
        the slot is given back if the run is not stored, else when its execution ends."""
        slots = self._executor.slots
        if limit is None or slots is None:
            yield
            return
        key, ttl = slot_key(tenant_id), self._executor.lease_seconds
        if not await slots.acquire(key, run_id, limit=limit, ttl=ttl):
            raise RateLimited(
                f"{limit} runs of this tenant are in flight, the most its tier allows; wait "
                "for one to finish, or move to a higher tier",
                limit=f"{limit} concurrent runs",
                retry_after=1.0,
            )
        try:
            yield
        except BaseException:
            await slots.release(key, run_id)
            raise

    def _request(
        self, tenant_id: str, target_kind: str, target: str, message: str, **options: Any
    ) -> TurnRequest:
        """A new run's row, leased to this process's executor."""
        return TurnRequest(
            tenant_id=tenant_id,
            run_id=new_run_id(),
            target_kind=target_kind,
            target=target,
            message=message,
            owner=self._executor.owner,
            lease_seconds=self._executor.lease_seconds,
            **options,
        )

    async def screen(self, text: str) -> Verdict | None:
        """The guard's verdict on a new run's input, or ``None`` without a guard."""
        if self.guard is None:
            return None
        from conclave.engine.guard import Screening

        return await self.guard.screen(text, Screening(source="input"))

    def _open_run(
        self, request: TurnRequest, verdict: Verdict | None, connection: Connection
    ) -> tuple[Target, RunRecord]:
        built = self._targets.build(
            connection, request.tenant_id, request.target_kind, request.target
        )
        _admit_input(verdict, built)
        return built, open_run(request, connection)

    def _open_turn(
        self, request: TurnRequest, verdict: Verdict | None, connection: Connection
    ) -> tuple[Target, OpenedTurn]:
        """Read the target and open the turn in one transaction, with as much history as
        the target reads."""
        built = self._targets.build(
            connection, request.tenant_id, request.target_kind, request.target
        )
        _admit_input(verdict, built)
        limit = built.spec.history_limit if isinstance(built, Agent) else TEAM_HISTORY
        return built, open_turn(dataclasses.replace(request, history_limit=limit), connection)

    def _runs(self, tenant_id: str) -> RunRepository:
        return RunRepository(self._database.engine, tenant_id)

    def _log(self, tenant_id: str) -> SqlRunLog:
        return SqlRunLog(self._database, tenant_id=tenant_id)


def _admit_input(verdict: Verdict | None, target: Target) -> None:
    """Refuse an input the guard blocked, unless the agent's policy only flags or logs.

    Raised inside the transaction that would store the run, so nothing is stored."""
    if verdict is None or verdict.action != "block":
        return
    policy = target.spec.guard if isinstance(target, Agent) else "block"
    if policy != "block":
        return
    reasons = list(verdict.reasons)
    raise PromptInjection(
        "the message reads as an attempt to take over the agent ("
        + (", ".join(reasons[:3]) or "suspicious content")
        + "), so it was not accepted; rephrase it as a request for the agent's own task",
        score=verdict.score,
        reasons=reasons,
    )


def _ended(record: RunRecord, event: RunCompleted | RunFailed, **values: Any) -> RunRecord:
    """The run as its terminal event left it in the store."""
    return dataclasses.replace(
        record,
        input_tokens=event.usage.input_tokens,
        output_tokens=event.usage.output_tokens,
        cost_usd=event.cost_usd,
        lease_owner=None,
        lease_expires_at=None,
        finished_at=datetime.now(UTC),
        **values,
    )


def _check_unfinished(record: RunRecord) -> None:
    if record.finished:
        raise VersionConflict(
            f"run {record.id!r} already finished as {record.status}; there is nothing to "
            "cancel (replay it to run it again)",
            run_id=record.id,
            status=record.status,
        )


def _check_replayable(record: RunRecord) -> None:
    if record.target_kind == "team":
        raise UserError(
            f"run {record.id!r} is a team run, and replay of team runs is not supported yet; "
            "replay an agent run, or start a new run of the team",
            run_id=record.id,
        )
    if record.status not in ("completed", "failed"):
        raise UserError(
            f"run {record.id!r} is {record.status}; only a completed or failed run can be "
            "replayed, so wait for it to finish",
            run_id=record.id,
        )


async def _release(database: Database, record: RunRecord) -> None:
    """Clear a finished run's lease, whoever held it, so it reads as held by nobody."""
    if record.lease_owner is not None:
        await LeaseManager(database.engine).release(record.id, record.lease_owner)
