"""The run executor: runs agent and team runs in the background, each under a lease.

A run is executed by at most one executor at a time. The executor claims the run's lease,
renews it with a heartbeat while it works, and gives it up when the run ends. Executing a
run is:

1. read the run and its stored events;
2. build its agent or team through :class:`~conclave.services.targets.Targets`;
3. run it from the start, or, when events are stored already (its executor died), fold
   them and resume the agent from the next step; a replay run re-runs its original with
   the recorded model replies and tool results;
4. store its events in groups and publish each on the bus once stored, live deltas in
   their place (:class:`~conclave.services.writer.RunWriter`);
5. on ``run.completed`` or ``run.failed``: in the transaction that stores it, set the
   run's status, output, usage and cost, release the lease and add the reply to the run's
   conversation; then publish ``run.completed`` or ``run.failed`` on ``conclave.events``.

A run created already leased to this executor (a chat turn) is handed over with
:meth:`RunExecutor.adopt`, with its history, and starts without reading the store.

A heartbeat that finds the lease gone stops the run at once: another executor owns it.
:meth:`RunExecutor.stop` stops every run in flight without marking it failed and releases
its lease, so another executor (or this one, started again) resumes it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator, AsyncIterator, Coroutine, Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass
from functools import partial
from typing import Any

from conclave.adapters.bus import EVENTS, Bus, publish_event
from conclave.adapters.limits import ConcurrencyLimiter
from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import RunRecord
from conclave.adapters.store.repositories import LeaseManager, RunRepository
from conclave.adapters.store.repositories.turns import finish_run, first_event, turn_history
from conclave.adapters.store.runlog import SqlRunLog, StoreWork
from conclave.engine.agents import Agent
from conclave.engine.events import TERMINAL_KINDS, Event, RunCompleted, RunFailed
from conclave.engine.messages import Message
from conclave.engine.oversight import Oversight
from conclave.engine.replay import replay
from conclave.engine.resume import resume
from conclave.engine.runlog import RunLog, read_all
from conclave.engine.runstate import RunState
from conclave.engine.teams.base import Team
from conclave.errors import ConclaveError, UserError
from conclave.services.budgets import LedgerBudget, sweep_holds
from conclave.services.oversight import Overseer
from conclave.services.targets import Targets
from conclave.services.writer import RunWriter

__all__ = ["Outcome", "RunExecutor", "record_failure"]

logger = logging.getLogger(__name__)

TEAM_RESUME_UNSUPPORTED = (
    "team run {run_id!r} was interrupted and resuming team runs is not supported yet; "
    "it was not restarted, so that no step runs twice. Start a new run of team {team!r}"
)
TOO_MANY_ATTEMPTS = (
    "run {run_id!r} was started {attempts} times and its executor stopped each time (a "
    "crash or a restart mid-run); it was not started again. Check the server's logs for "
    "what stops it, then start a new run"
)
TEAM_HISTORY = 20  # earlier messages a team run of a conversation sees
SWEEP_SECONDS = 30.0  # how often lapsed budget reservations are given back
NO_OUTCOME = (
    "run {run_id!r} stopped without an outcome (its log holds no run.started event); "
    "start a new run"
)


Outcome = RunCompleted | RunFailed


@dataclass(frozen=True, kw_only=True, slots=True)
class _Handover:
    """A run created leased to this executor: nothing to read before it starts."""

    record: RunRecord
    target: Agent | Team | None = None
    history: Sequence[Message] = ()
    stream: bool = True


# A run already admitted is never refused a slot again (after a restart, say).
ADMITTED = 2**31 - 1


def slot_key(tenant_id: str) -> str:
    """The key a tenant's runs in flight are counted under."""
    return f"tenant:{tenant_id}"


class RunExecutor:
    """Executes runs in asyncio tasks, each under a lease held by ``owner``.

    Args:
        database: the store holding the runs and their events.
        bus: where events and lifecycle messages are published.
        targets: builds the agents and teams runs execute.
        owner: this executor's name in leases; unique per process.
        lease_seconds: how long a lease lasts without a heartbeat.
        heartbeat_seconds: how often a running run's lease is renewed.
        poll_seconds: how often :meth:`start`'s loop looks for orphaned runs.
        max_attempts: how many times a run may be claimed; an orphan claimed more often
            (its executor died every time: a run that brings its server down) fails.
        overseer: builds each run's approvals, budgets and guard; without one, runs are
            watched by their agents' own specs only.
    """

    __slots__ = (
        "_background",
        "_beater",
        "_bus",
        "_database",
        "_heartbeat_seconds",
        "_lease_seconds",
        "_leases",
        "_max_attempts",
        "_overseer",
        "_poll_seconds",
        "_poller",
        "_slots",
        "_targets",
        "_tasks",
        "_tenants",
        "owner",
    )

    def __init__(
        self,
        database: Database,
        bus: Bus,
        targets: Targets,
        *,
        owner: str,
        lease_seconds: float = 30.0,
        heartbeat_seconds: float = 10.0,
        poll_seconds: float = 2.0,
        max_attempts: int = 5,
        slots: ConcurrencyLimiter | None = None,
        overseer: Overseer | None = None,
    ) -> None:
        self._database = database
        self._overseer = overseer
        self._bus = bus
        self._targets = targets
        self.owner = owner
        self._leases = LeaseManager(database.engine)
        self._lease_seconds = lease_seconds
        self._heartbeat_seconds = heartbeat_seconds
        self._poll_seconds = poll_seconds
        self._max_attempts = max_attempts
        self._tasks: dict[str, asyncio.Task[Outcome | None]] = {}
        self._tenants: dict[str, str] = {}
        self._slots = slots
        self._background: set[asyncio.Task[None]] = set()
        self._poller: asyncio.Task[None] | None = None
        self._beater: asyncio.Task[None] | None = None

    @property
    def slots(self) -> ConcurrencyLimiter | None:
        """Where runs in flight are counted per tenant, if they are."""
        return self._slots

    @property
    def lease_seconds(self) -> float:
        """How long this executor's leases last without a heartbeat."""
        return self._lease_seconds

    async def start(self) -> None:
        """Start looking for orphaned runs every ``poll_seconds``, and executing them."""
        if self._poller is None:
            self._poller = asyncio.create_task(self._poll(), name=f"executor {self.owner}")

    async def stop(self) -> None:
        """Stop polling and every run in flight, leaving the runs resumable elsewhere.

        Nothing is written to the runs' logs: they stay unfinished, and their leases are
        released so another executor claims them at once.
        """
        poller, self._poller = self._poller, None
        beater, self._beater = self._beater, None
        tasks = dict(self._tasks)
        pending = [task for task in (poller, beater, *tasks.values()) if task is not None]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for run_id in tasks:
            await self._release_quietly(run_id)
        if self._overseer is not None:
            try:
                await self._overseer.allowances.give_back(everything=True)
            except Exception:
                logger.warning(
                    "executor %s: could not give back budget allowances on stop; they lapse",
                    self.owner,
                    exc_info=True,
                )

    async def _release_quietly(self, run_id: str) -> None:
        """Release a lease on the way out; if the store refuses (a write cut off by the
        cancellation may still hold SQLite's lock), the lease simply expires instead."""
        try:
            await self._leases.release(run_id, self.owner)
        except Exception:
            logger.warning(
                "executor %s: could not release the lease of %s on stop; it will expire",
                self.owner,
                run_id,
                exc_info=True,
            )

    async def submit(self, tenant_id: str, run_id: str) -> bool:
        """Claim the run and start executing it now.

        Returns:
            Whether this executor runs it; ``False`` when another executor holds it.
        """
        if run_id in self._tasks:
            return True
        if not await self._leases.claim(run_id, self.owner, self._lease_seconds):
            return False
        self._launch(tenant_id, run_id)
        return True

    def adopt(
        self,
        record: RunRecord,
        *,
        target: Agent | Team | None = None,
        history: Sequence[Message] = (),
        stream: bool = True,
    ) -> None:
        """Start executing a run just created already leased to this executor.

        Args:
            record: the run, as created (``running``, its lease owned by :attr:`owner`).
            target: its agent or team, already built; built from the targets otherwise.
            history: the messages before its input (a conversation's history).
            stream: whether to stream the model's reply as token deltas.
        """
        if record.id not in self._tasks:
            handover = _Handover(record=record, target=target, history=history, stream=stream)
            self._launch(record.tenant_id, record.id, handover)

    async def claim_orphans(self) -> list[str]:
        """Claim the runs nobody holds (their executor died) and start executing them.

        Returns:
            The ids of the runs claimed.
        """
        claimed = await self._leases.claim_orphans(self.owner, self._lease_seconds)
        for run_id in claimed:
            lease = await self._leases.lease(run_id)
            if lease is None or run_id in self._tasks:
                continue
            if lease.attempts > self._max_attempts:
                await self._give_up(lease.tenant_id, run_id, lease.attempts)
            else:
                self._launch(lease.tenant_id, run_id)
        return claimed

    async def _give_up(self, tenant_id: str, run_id: str, attempts: int) -> None:
        """Fail a run whose executors kept dying under it, rather than claim it forever."""
        runs = RunRepository(self._database.engine, tenant_id)
        record = await runs.get(run_id)
        message = TOO_MANY_ATTEMPTS.format(run_id=run_id, attempts=attempts - 1)
        log = SqlRunLog(self._database, tenant_id=tenant_id)
        event = await record_failure(log, record, error=message, error_type="RunAbandoned")
        await self._publish_event(tenant_id, event)
        await runs.set_status(
            run_id, "failed", error=message, usage=event.usage, cost_usd=event.cost_usd
        )
        await self._publish_lifecycle(record, event)

    def running(self) -> set[str]:
        """The ids of the runs this executor is executing now."""
        return set(self._tasks)

    async def wait(self, run_id: str) -> None:
        """Wait until this executor is done with the run (at once if it is not running it)."""
        task = self._tasks.get(run_id)
        if task is not None:
            await asyncio.wait([task])

    async def outcome(self, run_id: str) -> Outcome | None:
        """Wait for the run to end here, and return its terminal event.

        ``None`` when this executor is not running it, or stopped running it without an
        end (stopped, interrupted, lease lost, cancelled): read the run from the store.
        """
        task = self._tasks.get(run_id)
        if task is None:
            return None
        await asyncio.wait([task])
        return None if task.cancelled() else task.result()

    async def interrupt(self, run_id: str) -> bool:
        """Stop executing the run here, writing nothing and keeping the lease until it expires.

        The caller decides what the run becomes (a cancel marks it cancelled); the lease,
        left to expire, keeps other executors off it meanwhile.

        Returns:
            Whether this executor was running it.
        """
        task = self._tasks.get(run_id)
        if task is None:
            return False
        task.cancel()
        await asyncio.wait([task])
        return True

    def _launch(self, tenant_id: str, run_id: str, handover: _Handover | None = None) -> None:
        if run_id in self._tasks:
            # Claimed twice by this executor (a submit racing the orphan poll, which both
            # hold the lease as this owner): one execution only.
            return
        execution = self._execute(tenant_id, run_id, handover)
        task = asyncio.create_task(execution, name=f"run {run_id}")
        self._tasks[run_id] = task
        self._tenants[run_id] = tenant_id
        task.add_done_callback(lambda done: self._forget(run_id, done))
        if self._beater is None or self._beater.done():
            self._beater = asyncio.create_task(self._beat(), name=f"heartbeat {self.owner}")

    def _forget(self, run_id: str, task: asyncio.Task[Outcome | None]) -> None:
        if self._tasks.get(run_id) is task:
            del self._tasks[run_id]
            tenant_id = self._tenants.pop(run_id, None)
            if self._slots is not None and tenant_id is not None:
                self._in_background(self._slots.release(slot_key(tenant_id), run_id))

    def _in_background(self, work: Coroutine[Any, Any, object]) -> None:
        async def quietly() -> None:
            try:
                await work
            except Exception:
                logger.exception("executor %s: releasing a run slot failed", self.owner)

        task = asyncio.create_task(quietly())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _poll(self) -> None:
        swept = 0.0
        while True:
            try:
                await self.claim_orphans()
                if self._overseer is not None:
                    await self._overseer.allowances.give_back()
                    if time.monotonic() - swept > SWEEP_SECONDS:
                        swept = time.monotonic()
                        await sweep_holds(self._database)  # reservations of dead processes
            except Exception:
                # A store that is briefly unreachable must not end the loop.
                logger.exception("executor %s: looking for orphaned runs failed", self.owner)
            await asyncio.sleep(self._poll_seconds)

    async def _execute(
        self, tenant_id: str, run_id: str, handover: _Handover | None
    ) -> Outcome | None:
        """Execute one run under its lease; when cancelled (stop, interrupt, lost lease), write
        nothing more."""
        try:
            return await self._drive(tenant_id, run_id, handover)
        except asyncio.CancelledError:
            raise
        except Exception:
            # The store failed, or another writer took the run: let another attempt decide.
            logger.exception("run %s: executor %s gave up the run", run_id, self.owner)
            await self._leases.release(run_id, self.owner)
            return None

    async def _beat(self) -> None:
        """Renew the leases of every run executing here, in one write per period, while
        there are any; a run whose lease another executor took is stopped at once."""
        while self._tasks:
            await asyncio.sleep(self._heartbeat_seconds)
            running = dict(self._tasks)
            try:
                renewed = await self._leases.heartbeat_many(
                    running, self.owner, self._lease_seconds
                )
            except Exception:
                # One failed beat is not a lost lease: it lasts several beats; try again.
                logger.exception("executor %s: heartbeat failed", self.owner)
                continue
            for run_id, task in running.items():
                if run_id not in renewed and self._tasks.get(run_id) is task:
                    logger.warning("run %s: lease lost by %s; stopping it here", run_id, self.owner)
                    task.cancel()
            await self._hold_slots(renewed)

    async def _hold_slots(self, run_ids: set[str]) -> None:
        """Keep counting the runs executing here against their tenants' limits; a run
        resumed here whose slot lapsed takes one again, whatever the limit (it was admitted
        once already)."""
        if self._slots is None:
            return
        ttl = self._lease_seconds
        for run_id in run_ids:
            tenant_id = self._tenants.get(run_id)
            if tenant_id is None:
                continue
            key = slot_key(tenant_id)
            try:
                if not await self._slots.refresh(key, run_id, ttl=ttl):
                    await self._slots.acquire(key, run_id, limit=ADMITTED, ttl=ttl)
            except Exception:
                logger.exception("run %s: keeping its slot failed", run_id)

    async def _drive(
        self, tenant_id: str, run_id: str, handover: _Handover | None
    ) -> Outcome | None:
        log = SqlRunLog(self._database, tenant_id=tenant_id)
        if handover is not None:
            # Created with its run.started event: the engine's own is published, not stored.
            record, state = handover.record, RunState()
            log.expect(run_id, record.last_seq)
        else:
            runs = RunRepository(self._database.engine, tenant_id)
            record = await runs.get(run_id)
            if record.finished:
                await self._leases.release(run_id, self.owner)
                return None
            state = RunState.fold(await read_all(log, run_id))
            if record.status != "running":
                record = await runs.set_status(run_id, "running")
        ended: list[bool] = []
        publish = partial(self._publish_event, tenant_id)
        stored = [first_event(record)] if handover is not None else []
        finish = partial(self._finish, record, ended)
        oversight, budget = await self._watch(record)
        pending = budget.take if budget is not None else None
        writer = RunWriter(log, publish=publish, finish=finish, pending=pending, stored=stored)
        try:
            return await self._follow(record, state, writer, handover, ended, oversight)
        finally:
            writer.abort()

    async def _watch(self, record: RunRecord) -> tuple[Oversight | None, LedgerBudget | None]:
        if self._overseer is None or record.replay_of is not None:
            return None, None  # a replay spends nothing: its model answers from the record
        return await self._overseer.watch(record)

    async def _follow(
        self,
        record: RunRecord,
        state: RunState,
        writer: RunWriter,
        handover: _Handover | None,
        ended: list[bool],
        oversight: Oversight | None,
    ) -> Outcome | None:
        """Run the run to its end through ``writer``; publish its lifecycle if it ended here."""
        outcome: Outcome | None = None
        events_of = self._events(record, state, writer, handover, oversight)
        async with aclosing(events_of) as events:
            async for event in events:
                if not event.durable:
                    await writer.live(event)
                elif isinstance(event, RunCompleted | RunFailed):
                    outcome = event
        await writer.close()
        if outcome is None:
            return None
        if not ended:
            # Cancelled while its last step ran: the cancel stands.
            logger.info("run %s finished after it was cancelled", record.id)
            return None
        await self._publish_lifecycle(record, outcome)
        return outcome

    def _finish(self, record: RunRecord, ended: list[bool], event: Event) -> StoreWork:
        def work(connection: Any) -> None:
            # Assigned, not appended: the work may be retried after a rolled-back attempt.
            ended.clear()
            if isinstance(event, RunCompleted | RunFailed) and finish_run(
                connection, record, event
            ):
                ended.append(True)

        return work

    async def _events(
        self,
        record: RunRecord,
        state: RunState,
        log: RunWriter,
        handover: _Handover | None,
        oversight: Oversight | None,
    ) -> AsyncGenerator[Event, None]:
        """The run's events from here on, ending with its terminal event, stored first."""
        if state.finished:  # it ended, but its executor died before recording the status
            yield await _terminal(log, record.id)
            return
        try:
            stream = await self._stream(record, state, log, handover, oversight)
        except ConclaveError as error:
            yield await record_failure(log, record, error=str(error), error_type=_name(error))
            return
        ended = False
        async for event in stream:
            ended = ended or event.kind in TERMINAL_KINDS
            yield event
        if not ended:
            message = NO_OUTCOME.format(run_id=record.id)
            yield await record_failure(log, record, error=message, error_type="RunError")

    async def _stream(
        self,
        record: RunRecord,
        state: RunState,
        log: RunWriter,
        handover: _Handover | None,
        oversight: Oversight | None,
    ) -> AsyncIterator[Event]:
        """Where the run's events come from: a fresh run, a resume or a replay."""
        streamed = handover.stream if handover is not None else True
        if record.target_kind == "team":
            if state.last_seq:
                message = TEAM_RESUME_UNSUPPORTED.format(run_id=record.id, team=record.target)
                raise UserError(message, run_id=record.id)
            team = await self._team(record, handover)
            history = await self._history(record, handover, limit=TEAM_HISTORY)
            return team.run(
                record.input,
                history=history,
                run_id=record.id,
                log=log,
                stream=streamed,
                oversight=oversight,
            )
        agent = await self._agent(record, handover)
        if record.replay_of is not None:
            # Appending an event already stored is a no-op, so a replay starts over safely.
            original = await read_all(log, record.replay_of)
            return replay(agent, original, run_id=record.id, log=log)
        if state.last_seq:
            return resume(agent, state, log=log, stream=streamed, oversight=oversight)
        history = await self._history(record, handover, limit=agent.spec.history_limit)
        return agent.run(
            record.input,
            history=history,
            run_id=record.id,
            log=log,
            stream=streamed,
            oversight=oversight,
        )

    async def _history(
        self, record: RunRecord, handover: _Handover | None, *, limit: int
    ) -> list[Message]:
        """The conversation before the run's input: handed over, else read from the store."""
        if handover is not None:
            return list(handover.history)
        stored = await self._database.run(partial(turn_history, record=record, limit=limit))
        return [Message(role=r, content=c, author=a) for r, a, c in stored]  # type: ignore[arg-type]

    async def _agent(self, record: RunRecord, handover: _Handover | None) -> Agent:
        if handover is not None and isinstance(handover.target, Agent):
            return handover.target
        return await self._targets.agent(record.tenant_id, record.target)

    async def _team(self, record: RunRecord, handover: _Handover | None) -> Team:
        if handover is not None and isinstance(handover.target, Team):
            return handover.target
        return await self._targets.team(record.tenant_id, record.target)

    async def _publish_event(self, tenant_id: str, event: Event) -> None:
        try:
            await publish_event(self._bus, tenant_id, event)
        except Exception:
            # The event is stored; a watcher that missed it reads it from the log.
            logger.exception("run %s: publishing %s failed", event.run_id, event.kind)

    async def _publish_lifecycle(self, record: RunRecord, outcome: Outcome) -> None:
        status = "completed" if isinstance(outcome, RunCompleted) else "failed"
        details: Mapping[str, Any] = {
            "output": outcome.output if isinstance(outcome, RunCompleted) else None,
            "error": outcome.error if isinstance(outcome, RunFailed) else None,
        }
        payload = {
            "tenant_id": record.tenant_id,
            "run_id": record.id,
            "target_kind": record.target_kind,
            "target": record.target,
            "status": status,
            **details,
        }
        headers = {"tenant_id": record.tenant_id}
        try:
            await self._bus.publish(EVENTS, f"run.{status}", payload, headers=headers)
        except Exception:
            logger.exception("run %s: publishing run.%s failed", record.id, status)


async def record_failure(
    log: RunLog, record: RunRecord, *, error: str, error_type: str
) -> RunFailed:
    """Append ``run.failed`` after the run's last stored event, with its usage so far."""
    state = RunState.fold(await read_all(log, record.id))
    event = RunFailed(
        run_id=record.id,
        seq=state.last_seq + 1,
        author=state.author or record.target,
        error=error,
        error_type=error_type,
        usage=state.usage,
        cost_usd=state.cost_usd,
    )
    await log.append(event)
    return event


async def _terminal(log: RunLog, run_id: str) -> Event:
    events = await read_all(log, run_id)
    return next(event for event in reversed(events) if event.kind in TERMINAL_KINDS)


def _name(error: BaseException) -> str:
    return type(error).__name__
