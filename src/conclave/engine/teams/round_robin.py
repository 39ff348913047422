"""Round-robin group chat: participants speak in turn, in order."""

from __future__ import annotations

from collections.abc import AsyncGenerator

from conclave.engine.context import SharedContext
from conclave.engine.events import Event
from conclave.engine.messages import Message
from conclave.engine.recorder import Recorder
from conclave.engine.teams.base import Team
from conclave.engine.teams.termination import MaxTurns, TeamState


class RoundRobinTeam(Team):
    """Each participant speaks in turn until the termination says stop.

    Without a termination, every participant speaks once.
    """

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
        members = self.participants
        once = MaxTurns(len(members)) if self.termination is None else None
        while True:
            reason = once.check(state) if once else self._stop_reason(state)
            if reason is not None:
                state.reason = reason
                return
            member = members[state.turns % len(members)]
            async for event in self._take_turn(
                rec, member, transcript, state, author=author, stream=stream, context=context
            ):
                yield event
