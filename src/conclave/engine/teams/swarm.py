"""Swarm: agents hand the conversation to each other with handoff tools.

Each agent of a swarm is lent a ``transfer_to_<name>`` tool for every teammate it may hand
to (its spec's ``handoffs``, or every other member) and ``transfer_to_user``. Calling one
does not end the agent's turn by itself: the tool notes the request on the current turn's
:class:`HandoffRequest`, found through a context variable, and once the turn is over the
swarm emits ``handoff`` and passes the turn to the target::

    team = SwarmTeam("support", [triage, billing, refunds], start="triage")
    async for event in team.run("I was charged twice"):
        ...

The run stops when the active agent answers without handing off, when an agent hands
the conversation to the user, or by the termination or the turn cap.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Mapping, Sequence
from contextvars import ContextVar
from typing import Any

from conclave.engine.agents import Agent
from conclave.engine.context import SharedContext
from conclave.engine.events import Event, HandoffOccurred
from conclave.engine.messages import Message
from conclave.engine.recorder import Recorder
from conclave.engine.teams.base import Participant, Team, profile
from conclave.engine.teams.termination import TeamState
from conclave.engine.tools import Tool
from conclave.errors import SpecError, ToolFailed, UnknownName

USER = "user"
"""The handoff target that gives the conversation back to the user."""

ANSWERED = "answered"
HANDED_TO_USER = "handed off to the user"  # the words of HandoffToUser, so both agree


class HandoffRequest:
    """What the agent whose turn it is asked for: the last handoff wins."""

    __slots__ = ("reason", "target")

    def __init__(self) -> None:
        self.target: str | None = None
        self.reason = ""


current_handoff: ContextVar[HandoffRequest | None] = ContextVar("conclave_handoff", default=None)


class SwarmTeam(Team):
    """Agents pass the conversation to whoever is best placed, by calling handoff tools.

    Members that are not agents (nested teams) can be handed to, but cannot hand off:
    when one of them has spoken, the run ends as answered.

    Args:
        name: the team's name.
        participants: agents or teams; names must not be ``user``.
        start: who speaks first; the first participant by default.
        **team_kwargs: the options of :class:`Team`.

    Raises:
        SpecError: ``start`` or an agent's ``handoffs`` names no member of the swarm.
    """

    def __init__(
        self,
        name: str,
        participants: Sequence[Participant],
        *,
        start: str | None = None,
        **team_kwargs: Any,
    ) -> None:
        super().__init__(name, participants, **team_kwargs)
        if USER in self.members:
            raise SpecError(
                f"swarm {name!r} has a member named {USER!r}, which clashes with the "
                f"transfer_to_{USER} tool; rename that member"
            )
        self.start = self._check_start(start)
        tools = _handoff_tools(name, self.members)
        for member_name, member in list(self.members.items()):
            if isinstance(member, Agent):
                self.members[member_name] = self._lend(member, tools)

    def _check_start(self, start: str | None) -> str:
        if start is None:
            return next(iter(self.members))
        if start not in self.members:
            unknown = UnknownName("participant", start, self.members)
            raise SpecError(f"swarm {self.name!r} cannot start with {start!r}: {unknown}")
        return start

    def _lend(self, agent: Agent, tools: Mapping[str, Tool]) -> Agent:
        """The agent with the handoff tools for its targets, and a word on how to use them."""
        targets = self.targets(agent)
        lent = [tools[target] for target in (*targets, USER)]
        return agent.with_tools(lent, instructions=self._instructions(targets))

    def targets(self, agent: Agent) -> tuple[str, ...]:
        """Who ``agent`` may hand to: its spec's ``handoffs``, or every other member."""
        others = [name for name in self.members if name != agent.name]
        wanted = agent.spec.handoffs
        if not wanted:
            return tuple(others)
        for target in wanted:
            if target not in others:
                raise SpecError(self._bad_target(agent.name, target, others))
        return tuple(dict.fromkeys(wanted))

    def _bad_target(self, agent: str, target: str, others: Sequence[str]) -> str:
        if target == agent:
            return f"agent {agent!r} in swarm {self.name!r} lists itself in handoffs; remove it"
        unknown = UnknownName("handoff target", target, others)
        return (
            f"agent {agent!r} in swarm {self.name!r} hands off to {target!r}, which is not "
            f"a member: {unknown}"
        )

    def _instructions(self, targets: Sequence[str]) -> str:
        lines = [
            "You work in a swarm. If a teammate is better placed to handle the request, call "
            "its transfer tool with a short reason and say nothing more; otherwise answer "
            f"yourself. Call transfer_to_{USER} when only the user can go on. Teammates:"
        ]
        for target in targets:
            description, expertise = profile(self.members[target])
            about = description + (f" (expertise: {', '.join(expertise)})" if expertise else "")
            lines.append(f"- {target}: {about or 'no description'}")
        return "\n".join(lines)

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
        """Steps: check the termination; let the active member take its turn; if it asked
        for a handoff, emit ``handoff`` and make the target active, else stop."""
        active = self.start
        while True:
            reason = self._stop_reason(state)
            if reason is not None:
                state.reason = reason
                return
            member = self.members[active]
            request = HandoffRequest() if isinstance(member, Agent) else None
            async for event in self._swarm_turn(
                rec, member, transcript, state, request, author, stream, context
            ):
                yield event
            if request is None or request.target is None:
                state.reason = ANSWERED
                return
            yield await rec.record(
                HandoffOccurred(
                    run_id=rec.run_id,
                    seq=rec.next_seq(),
                    author=author,
                    source=active,
                    target=request.target,
                    reason=request.reason,
                )
            )
            if request.target == USER:
                state.handed_to_user = True
                state.reason = HANDED_TO_USER
                return
            active = request.target

    async def _swarm_turn(
        self,
        rec: Recorder,
        member: Participant,
        transcript: list[Message],
        state: TeamState,
        request: HandoffRequest | None,
        author: str,
        stream: bool,
        context: SharedContext,
    ) -> AsyncIterator[Event]:
        """A turn with ``request`` current, so the member's handoff tools write to it."""
        token = current_handoff.set(request)
        try:
            async for event in self._take_turn(
                rec, member, transcript, state, author=author, stream=stream, context=context
            ):
                yield event
        finally:
            current_handoff.reset(token)


def _handoff_tools(team: str, members: Mapping[str, Participant]) -> dict[str, Tool]:
    """One tool per possible target, shared by every agent that may hand to it."""
    tools = {
        name: _handoff_tool(team, name, f"Hand the conversation to {name}: {_about(member)}")
        for name, member in members.items()
    }
    tools[USER] = _handoff_tool(
        team, USER, "Hand the conversation back to the user, when only they can go on."
    )
    return tools


def _about(member: Participant) -> str:
    description, expertise = profile(member)
    return description or ", ".join(expertise) or f"the {member.name} of the team"


def _handoff_tool(team: str, target: str, description: str) -> Tool:
    name = f"transfer_to_{target}"

    async def transfer(reason: str = "") -> str:
        request = current_handoff.get()
        if request is None:
            raise ToolFailed(f"{name} works only during a turn in swarm {team!r}", tool=name)
        request.target, request.reason = target, reason
        return f"handed off to {target}"

    return Tool(transfer, name=name, description=description, timeout=None, idempotent=True)
