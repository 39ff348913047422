"""Coordinator: a meta agent splits the task, delegates the parts, and writes the synthesis.

The coordinator agent answers with a numbered plan, one subtask a line; a subtask that
says ``(after 2)`` or ``depends on 1`` waits for those, and the others run at once. Each
subtask goes to the participant the selector's scores rank first, and runs on a branch of
the run's recorder, so the log stays contiguous however the branches interleave::

    team = CoordinatorTeam("launch", [researcher, writer], coordinator=lead)
    async for event in team.run("Plan the launch of our new product"):
        ...

A subtask that fails does not fail the run: the coordinator is told, and writes the
synthesis from what there is. The synthesis is the run's output.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from dataclasses import dataclass
from typing import Any

from conclave.engine.agents import Agent
from conclave.engine.context import SharedContext
from conclave.engine.events import (
    Event,
    SpeakerSelected,
    StepCompleted,
    StepFailed,
    StepSkipped,
    StepStarted,
)
from conclave.engine.messages import Message
from conclave.engine.recorder import Recorder
from conclave.engine.teams._scoring import score_candidates
from conclave.engine.teams.base import Participant, Team, profile
from conclave.engine.teams.performance import PerformanceStore
from conclave.engine.teams.selector import SelectorWeights
from conclave.engine.teams.termination import TeamState
from conclave.errors import ConclaveError, SpecError

DEFAULT_MAX_SUBTASKS = 6

_ITEM = re.compile(r"^\s*(?:(\d+)\s*[.)]|[-*•])\s+(.*\S)")
_DEPENDS = re.compile(
    r"(?:\(\s*after|\bdepends\s+on)\s+(?:(?:sub)?tasks?\s+|steps?\s+)?"
    r"(\d+(?:\s*(?:,|&|\band\b)\s*\d+)*)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+")


@dataclass(slots=True)
class Subtask:
    """One part of the coordinator's plan, and what became of it.

    Attributes:
        number: its place in the plan, from 1.
        text: what to do.
        after: the numbers of the earlier subtasks it needs.
        assignee: who was given it.
        output: its result, once done.
        error: why it failed, or why it was not run.
        ran: whether it ran at all.
        note: why the plan looks as it does, when the coordinator gave none.
    """

    number: int
    text: str
    after: tuple[int, ...] = ()
    assignee: str = ""
    output: str = ""
    error: str = ""
    ran: bool = False
    note: str = ""

    @property
    def step(self) -> str:
        return f"subtask-{self.number}"

    def outcome(self) -> str:
        """The subtask's result as the coordinator reads it for the synthesis."""
        head = f"{self.number}. {self.text} ({self.assignee})"
        if self.error:
            failed = "failed" if self.ran else "was not run"
            return f"{head}\nsubtask {self.number} {failed}: {self.error}"
        return f"{head}\n{self.output}"


def parse_plan(text: str, *, limit: int) -> list[Subtask]:
    """The subtasks of a plan: its numbered lines (``1.``, ``1)``), else its bullets.

    A dependency may point only to an earlier subtask, so the plan cannot have a cycle;
    others are ignored. Returns at most ``limit`` subtasks, and none when the text has
    no list.
    """
    numbered: list[tuple[str, str]] = []
    bulleted: list[tuple[str, str]] = []
    for line in text.splitlines():
        match = _ITEM.match(line)
        if match:
            (numbered if match[1] else bulleted).append((match[1] or "", match[2]))
    items = (numbered or bulleted)[:limit]
    positions: dict[int, int] = {}
    for position, (label, _) in enumerate(items, 1):
        positions.setdefault(int(label) if label else position, position)
    return [
        Subtask(number=n, text=item, after=_dependencies(item, positions, n))
        for n, (_, item) in enumerate(items, 1)
    ]


def _dependencies(text: str, positions: dict[int, int], number: int) -> tuple[int, ...]:
    found: list[int] = []
    for match in _DEPENDS.finditer(text):
        for label in _NUMBER.findall(match[1]):
            position = positions.get(int(label))
            if position is not None and position < number and position not in found:
                found.append(position)
    return tuple(found)


class CoordinatorTeam(Team):
    """A coordinator agent plans, the participants do the parts, the coordinator sums up.

    Args:
        name: the team's name.
        participants: the agents or teams that do the subtasks.
        coordinator: the agent that plans and writes the synthesis; not a participant.
        max_subtasks: the most subtasks a plan may have.
        weights: how the selector's factors count when choosing who does a subtask.
        performance: how participants have done before; one per team by default.
        **team_kwargs: the options of :class:`Team`. The termination and the turn cap
            are checked before each subtask starts and before the synthesis.
    """

    def __init__(
        self,
        name: str,
        participants: Sequence[Participant],
        *,
        coordinator: Agent,
        max_subtasks: int = DEFAULT_MAX_SUBTASKS,
        weights: SelectorWeights | None = None,
        performance: PerformanceStore | None = None,
        **team_kwargs: Any,
    ) -> None:
        super().__init__(name, participants, **team_kwargs)
        if max_subtasks < 1:
            raise SpecError(f"team {name!r}: max_subtasks is {max_subtasks}; make it 1 or more")
        if coordinator.name in self.members:
            raise SpecError(
                f"team {name!r}: the coordinator {coordinator.name!r} is also a participant; "
                "list it only as the coordinator"
            )
        self.coordinator = coordinator
        self.max_subtasks = max_subtasks
        self.weights = weights or SelectorWeights()
        self.performance = performance or PerformanceStore()
        self._roster = "\n".join(_line(member) for member in self.members.values())

    async def _play(
        self,
        rec: Recorder,
        transcript: list[Message],
        state: TeamState,
        *,
        author: str,
        stream: bool,
        context: SharedContext,
    ) -> AsyncGenerator[Event, None]:
        """Steps: plan (the coordinator splits the task); assign (``speaker.selected``
        for each subtask); delegate (the subtasks run on branches, each when the ones it
        needs are done); synthesise (the coordinator writes the answer)."""
        plan: list[Subtask] = []
        if self._stopped(state):
            return
        async for event in self._plan(rec, state, plan, author=author, stream=stream):
            yield event
        for subtask in plan:
            yield await rec.record(self._assign(rec, subtask, state, author))
        run = _Delegation(self, rec, plan, state, author=author, stream=stream, context=context)
        async for event in run.events(transcript):
            yield event
        if state.reason or self._stopped(state):
            return
        async for event in self._synthesise(rec, transcript, plan, state, author, stream):
            yield event
        state.reason = f"synthesised the results of {len(plan)} subtasks"

    async def _plan(
        self, rec: Recorder, state: TeamState, plan: list[Subtask], *, author: str, stream: bool
    ) -> AsyncIterator[Event]:
        """Ask the coordinator for a plan and fill ``plan`` with its subtasks."""
        prompt = self._plan_prompt(state.task)
        asked = [Message.user(prompt)]
        async for event in self._take_turn(
            rec, self.coordinator, asked, state, author=author, stream=stream
        ):
            yield event
        plan.extend(parse_plan(asked[-1].content, limit=self.max_subtasks))
        if not plan:
            note = f"the plan listed no subtasks, so the whole task is one: {state.task}"
            plan.append(Subtask(number=1, text=state.task, note=note))

    def _plan_prompt(self, task: str) -> str:
        return (
            f"Split the task below into at most {self.max_subtasks} subtasks for your team, "
            'one per line, numbered like "1. ...". End a subtask that needs the result of an '
            'earlier one with "(after N)"; the others run at the same time.\n\n'
            f"Team:\n{self._roster}\n\nTask: {task}"
        )

    def _assign(
        self, rec: Recorder, subtask: Subtask, state: TeamState, author: str
    ) -> SpeakerSelected:
        """Give the subtask to the best-scored participant."""
        scores = score_candidates(
            subtask.text,
            subtask.text,
            self.members,
            state,
            weights=self.weights,
            performance=self.performance,
            allow_repeat=True,
        )
        best = max(scores, key=lambda name: scores[name]["total"], default=None)
        subtask.assignee = best or next(iter(self.members))
        return SpeakerSelected(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=author,
            speaker=subtask.assignee,
            method="plan",
            scores=scores,
            reason=subtask.note or subtask.text,
        )

    def brief(self, subtask: Subtask, plan: Sequence[Subtask], task: str) -> str:
        """What the assignee of ``subtask`` is asked: the subtask, the whole task for
        context, and the results of the subtasks it needs."""
        parts = [subtask.text, f"This is part of a larger task: {task}"]
        needed = [plan[number - 1] for number in subtask.after]
        if needed:
            results = "\n\n".join(f"{s.number}. {s.text}\n{s.output}" for s in needed)
            parts.append(f"Results you build on:\n{results}")
        return "\n\n".join(parts)

    async def _synthesise(
        self,
        rec: Recorder,
        transcript: list[Message],
        plan: Sequence[Subtask],
        state: TeamState,
        author: str,
        stream: bool,
    ) -> AsyncIterator[Event]:
        """The coordinator's answer from every subtask's outcome, added to the transcript."""
        outcomes = "\n\n".join(subtask.outcome() for subtask in plan)
        asked = [
            Message.user(
                f"Task: {state.task}\n\nYour team's subtasks and their results:\n\n{outcomes}"
                "\n\nWrite the final answer to the task from these results. Say plainly if a "
                "subtask failed or was not run."
            )
        ]
        async for event in self._take_turn(
            rec, self.coordinator, asked, state, author=author, stream=stream
        ):
            yield event
        transcript.append(asked[-1])

    def _stopped(self, state: TeamState, *, starting: int = 0) -> bool:
        """Whether the termination or the cap says stop, counting turns about to start."""
        reason = self._stop_reason(state)
        if reason is None and state.turns + starting >= self.max_turns:
            reason = f"reached the cap of {self.max_turns} turns"
        if reason is not None:
            state.reason = reason
        return reason is not None


class _Delegation:
    """One run's subtasks on their branches, merged into one stream of events.

    Each subtask runs in its own asyncio task and puts its events on a queue as it records
    them, then itself, to say it is done; the run yields the events as they come.
    """

    def __init__(
        self,
        team: CoordinatorTeam,
        rec: Recorder,
        plan: list[Subtask],
        state: TeamState,
        *,
        author: str,
        stream: bool,
        context: SharedContext,
    ) -> None:
        self.team = team
        self.rec = rec
        self.plan = plan
        self.state = state
        self.author = author
        self.stream = stream
        self.context = context
        self.queue: asyncio.Queue[Event | Subtask] = asyncio.Queue()
        self.tasks: dict[int, asyncio.Task[None]] = {}
        self.waiting = list(plan)
        self.done: set[int] = set()
        self.unstarted = 0  # branches created whose turn has not begun, for the turn cap

    async def events(self, transcript: list[Message]) -> AsyncIterator[Event]:
        """Start what is ready, yield events as they arrive, until every subtask is done."""
        try:
            async for event in self._start_ready():
                yield event
            while len(self.done) < len(self.tasks):
                item = await self.queue.get()
                if not isinstance(item, Subtask):
                    yield item
                    continue
                await self._finish(item, transcript)
                async for event in self._start_ready():
                    yield event
        finally:
            await self._cancel()

    async def _finish(self, subtask: Subtask, transcript: list[Message]) -> None:
        # Awaiting the finished task re-raises what a branch could not handle (a failing
        # log), which must fail the run rather than leave a gap.
        await self.tasks[subtask.number]
        self.done.add(subtask.number)
        if not subtask.error:
            path = f"{self.author}/{subtask.assignee}"
            transcript.append(Message.assistant(subtask.output, author=path))

    async def _start_ready(self) -> AsyncIterator[Event]:
        """Start every waiting subtask whose dependencies are settled; skip those that
        cannot run because a dependency did not complete or the team must stop."""
        ready = [s for s in self.waiting if self._settled(s)]
        while ready:
            for subtask in ready:
                self.waiting.remove(subtask)
                blocked = self._blocker(subtask)
                if blocked is None and not self.team._stopped(self.state, starting=self.unstarted):
                    self.unstarted += 1
                    self.tasks[subtask.number] = asyncio.create_task(self._run(subtask))
                    continue
                subtask.error = blocked or f"the team stopped: {self.state.reason}"
                yield await self.rec.record(self._skipped(subtask))
            # A skipped subtask is settled, so the ones that need it are skipped next.
            ready = [s for s in self.waiting if self._settled(s)]

    def _settled(self, subtask: Subtask) -> bool:
        plan = self.plan
        return all(n in self.done or plan[n - 1].error for n in subtask.after)

    def _blocker(self, subtask: Subtask) -> str | None:
        failed = [n for n in subtask.after if self.plan[n - 1].error]
        return f"subtask {failed[0]} did not complete" if failed else None

    def _skipped(self, subtask: Subtask) -> StepSkipped:
        return StepSkipped(
            run_id=self.rec.run_id,
            seq=self.rec.next_seq(),
            author=self.author,
            step=subtask.step,
            reason=subtask.error,
        )

    async def _run(self, subtask: Subtask) -> None:
        """One subtask on its own branch; its events, then itself, go on the queue."""
        branch = self.rec.branch()
        try:
            await self._turn(branch, subtask)
        finally:
            self.queue.put_nowait(subtask)

    async def _turn(self, branch: Recorder, subtask: Subtask) -> None:
        team, put = self.team, self.queue.put_nowait
        member = team.members[subtask.assignee]
        # Context writes are recorded on this branch, so its turn yields them in order.
        seat = SharedContext(team.context_store, branch, scope=self.context.scope)
        transcript = [Message.user(team.brief(subtask, self.plan, self.state.task))]
        put(await branch.record(self._step_started(branch, subtask)))
        subtask.ran, started = True, time.monotonic()
        self.unstarted -= 1  # the turn counts itself from here on
        try:
            async for event in team._take_turn(
                branch,
                member,
                transcript,
                self.state,
                author=self.author,
                stream=self.stream,
                context=seat,
            ):
                put(event)
        except Exception as error:
            subtask.error = _describe(error)
        else:
            subtask.output = team.output(transcript[1:])
        seconds = time.monotonic() - started
        team.performance.record_turn(member.name, success=not subtask.error, seconds=seconds)
        put(await branch.record(self._step_ended(branch, subtask)))

    def _step_started(self, branch: Recorder, subtask: Subtask) -> StepStarted:
        return StepStarted(
            run_id=branch.run_id, seq=branch.next_seq(), author=self.author, step=subtask.step
        )

    def _step_ended(self, branch: Recorder, subtask: Subtask) -> StepCompleted | StepFailed:
        run_id, seq, author = branch.run_id, branch.next_seq(), self.author
        if subtask.error:
            return StepFailed(
                run_id=run_id,
                seq=seq,
                author=author,
                step=subtask.step,
                error=subtask.error,
                action="skip",
            )
        return StepCompleted(
            run_id=run_id, seq=seq, author=author, step=subtask.step, output=subtask.output
        )

    async def _cancel(self) -> None:
        """Cancel branches still running (the run was cancelled or failed) and wait; the
        gather also collects the errors of branches that ended badly meanwhile."""
        tasks = list(self.tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _line(member: Participant) -> str:
    description, expertise = profile(member)
    about = description + (f" (expertise: {', '.join(expertise)})" if expertise else "")
    return f"- {member.name}: {about or 'no description'}"


def _describe(error: BaseException) -> str:
    if isinstance(error, ConclaveError):
        return str(error)
    return f"{type(error).__name__}: {error}"
