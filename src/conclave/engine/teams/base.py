"""Teams: several participants working on one task, as one stream of events.

A team run is a run like an agent's: ``run.started``, the participants' events, then
``run.completed`` with the final output and why the team stopped. Every event names its
author by path (``team/sub-team/agent``), so a client can attribute each token in a hierarchy.
Teams nest: a team is a :class:`Participant` of another team.

Subclasses write :meth:`Team._play`, the loop that decides who speaks, using
:meth:`Team._take_turn` for each turn.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from contextlib import aclosing
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from conclave.engine.agents import Agent, failure
from conclave.engine.approvals import Approver, DenyingApprover
from conclave.engine.context import (
    CONTEXT_INSTRUCTIONS,
    CONTEXT_TOOLS,
    ContextStore,
    InMemoryContextStore,
    Seat,
    SharedContext,
    current_seat,
)
from conclave.engine.events import Event, RunCompleted, RunStarted, TurnStarted
from conclave.engine.messages import Message
from conclave.engine.recorder import Recorder
from conclave.engine.runlog import RunLog
from conclave.engine.teams.termination import TeamState, Termination
from conclave.errors import SpecError

if TYPE_CHECKING:
    from conclave.engine.oversight import Oversight

DEFAULT_MAX_TURNS = 50


@runtime_checkable
class Participant(Protocol):
    """Anything that can take a turn in a team: an agent, or another team."""

    @property
    def name(self) -> str: ...

    def respond(
        self, rec: Recorder, transcript: list[Message], *, author: str, stream: bool = False
    ) -> AsyncIterator[Event]:
        """Take a turn and append the reply to ``transcript``."""
        ...


def profile(participant: Participant) -> tuple[str, tuple[str, ...]]:
    """A participant's description and expertise, for choosing who should speak."""
    if isinstance(participant, Agent):
        return participant.spec.description, participant.spec.expertise
    if isinstance(participant, Team):
        return participant.description, participant.expertise
    return "", ()


class Team(ABC):
    """The common run loop of every team pattern.

    Args:
        name: the team's name, the first part of every author path in its runs.
        participants: agents or teams, in order.
        termination: when to stop; each pattern documents its default.
        max_turns: a hard cap on turns, whatever the termination says.
        description: what the team does, when it is a participant of another team.
        expertise: what it is good at, for a selector choosing among teams.
        context: the store behind the shared context.
        approver: decides approval gates.
        share_context: lend agents the ``share_finding`` and ``read_findings`` tools.
    """

    needs_participants: ClassVar[bool] = True  # a workflow of tool steps alone needs none

    def __init__(
        self,
        name: str,
        participants: Sequence[Participant],
        *,
        termination: Termination | None = None,
        max_turns: int = DEFAULT_MAX_TURNS,
        description: str = "",
        expertise: Sequence[str] = (),
        context: ContextStore | None = None,
        approver: Approver | None = None,
        share_context: bool = True,
    ) -> None:
        if not participants and self.needs_participants:
            raise SpecError(f"team {name!r} has no participants; give it at least one")
        self._name = name
        self.members = {p.name: self._equip(p, share_context) for p in participants}
        if len(self.members) != len(participants):
            raise SpecError(f"team {name!r} lists a participant twice; names must be unique")
        self.termination = termination
        self.max_turns = max_turns
        self.description = description
        self.expertise = tuple(expertise)
        self.context_store = context or InMemoryContextStore()
        self.approver = approver or DenyingApprover()

    @property
    def name(self) -> str:
        return self._name

    @property
    def participants(self) -> list[Participant]:
        return list(self.members.values())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._name!r}, {list(self.members)})"

    async def run(
        self,
        task: str,
        *,
        history: Sequence[Message] = (),
        run_id: str | None = None,
        log: RunLog | None = None,
        stream: bool = False,
        oversight: Oversight | None = None,
    ) -> AsyncIterator[Event]:
        """Run the team on ``task`` as a run of its own, yielding its events.

        ``history`` is the conversation before the task (earlier turns with the team); its
        members see it before the task. ``oversight`` watches every member's turns; without
        one, their gated tool calls go to the team's approver.
        """
        if oversight is None:
            from conclave.engine.oversight import Oversight

            oversight = Oversight(approver=self.approver)
        rec = Recorder(run_id, log, oversight=oversight)
        yield await rec.record(
            RunStarted(run_id=rec.run_id, seq=rec.next_seq(), author=self._name, input=task)
        )
        transcript = [*history, Message.user(task)]
        state = TeamState(task=task)
        try:
            # Closed with this generator, so a reader that stops early stops running steps.
            async with aclosing(
                self._play_with_context(rec, transcript, state, self._name, stream)
            ) as events:
                async for event in events:
                    yield event
        except Exception as error:
            yield await rec.record(failure(rec, self._name, error))
            return
        yield await rec.record(
            RunCompleted(
                run_id=rec.run_id,
                seq=rec.next_seq(),
                author=self._name,
                output=self.output(transcript),
                usage=rec.usage,
                cost_usd=rec.cost_usd,
                reason=state.reason,
            )
        )

    async def respond(
        self, rec: Recorder, transcript: list[Message], *, author: str, stream: bool = False
    ) -> AsyncIterator[Event]:
        """Play as a participant of an outer team: work on its conversation so far, then
        add this team's output to it as one message."""
        inner = list(transcript)
        task = next((m.content for m in reversed(transcript) if m.role == "user"), "")
        state = TeamState(task=task)
        async with aclosing(self._play_with_context(rec, inner, state, author, stream)) as events:
            async for event in events:
                yield event
        transcript.append(Message.assistant(self.output(inner[len(transcript) :]), author=author))

    def output(self, transcript: Sequence[Message]) -> str:
        """The team's result: by default its newest reply."""
        for message in reversed(transcript):
            if message.role == "assistant" and message.content:
                return message.content
        return ""

    @abstractmethod
    def _play(
        self,
        rec: Recorder,
        transcript: list[Message],
        state: TeamState,
        *,
        author: str,
        stream: bool,
        context: SharedContext,
    ) -> AsyncGenerator[Event, None]:
        """The pattern's loop: choose speakers with :meth:`_take_turn` until it stops,
        setting ``state.reason``."""

    async def _play_with_context(
        self, rec: Recorder, transcript: list[Message], state: TeamState, author: str, stream: bool
    ) -> AsyncGenerator[Event, None]:
        context = SharedContext(self.context_store, rec, scope=rec.run_id)
        play = self._play(rec, transcript, state, author=author, stream=stream, context=context)
        async with aclosing(play) as events:
            async for event in events:
                yield event

    async def _take_turn(
        self,
        rec: Recorder,
        member: Participant,
        transcript: list[Message],
        state: TeamState,
        *,
        author: str,
        stream: bool,
        context: SharedContext | None = None,
    ) -> AsyncIterator[Event]:
        """One participant's turn: ``turn.started``, its events, then the state updated."""
        path = f"{author}/{member.name}"
        state.turns += 1
        yield await rec.record(
            TurnStarted(run_id=rec.run_id, seq=rec.next_seq(), author=path, turn=state.turns)
        )
        before = len(transcript)
        token = current_seat.set(Seat(context, path)) if context is not None else None
        try:
            async for event in member.respond(rec, transcript, author=path, stream=stream):
                yield event
        finally:
            if token is not None:
                current_seat.reset(token)
        self._note_turn(state, rec, transcript, before, member.name)

    @staticmethod
    def _note_turn(
        state: TeamState, rec: Recorder, transcript: list[Message], before: int, name: str
    ) -> None:
        state.messages += len(transcript) - before
        state.last = transcript[-1] if transcript else None
        state.tokens = rec.usage.total_tokens
        state.cost_usd = rec.cost_usd
        state.speakers.append(name)

    def _stop_reason(self, state: TeamState) -> str | None:
        """Why to stop before the next turn: the termination, or the hard cap on turns."""
        if self.termination is not None:
            reason = self.termination.check(state)
            if reason is not None:
                return reason
        if state.turns >= self.max_turns:
            return f"reached the cap of {self.max_turns} turns"
        return None

    @staticmethod
    def _equip(participant: Participant, share_context: bool) -> Participant:
        if share_context and isinstance(participant, Agent):
            return participant.with_tools(CONTEXT_TOOLS, instructions=CONTEXT_INSTRUCTIONS)
        return participant
