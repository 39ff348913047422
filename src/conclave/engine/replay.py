"""Replay: run a finished agent run again, for debugging, from what it recorded.

The agent's logic runs for real, but its model answers with the recorded replies and its
tools return the recorded results, so no model is called and no tool runs again. A replay
of an unchanged agent reproduces the original events one for one (run id, timestamps and
durations aside); after a change to the agent, it shows where the behaviour now differs.

Example::

    async for event in replay(agent, await read_all(log, run_id), log=log):
        ...
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence

from conclave.engine.agents import Agent
from conclave.engine.approvals import ApprovalDecision, ApprovalRequest
from conclave.engine.events import (
    ApprovalDecided,
    ApprovalRequested,
    Event,
    MessageCompleted,
    RunStarted,
    ToolCallCompleted,
    UsageRecorded,
)
from conclave.engine.messages import Message
from conclave.engine.models.base import (
    ModelRequest,
    ModelResponse,
    StreamChunk,
    stream_from_complete,
)
from conclave.engine.oversight import Oversight
from conclave.engine.runlog import RunLog
from conclave.engine.tools import Tool, ToolResult
from conclave.errors import RunError


class ReplayDiverged(RunError):
    """The replayed run asked for something the recording does not have."""


class RecordedModel:
    """Answers each author's requests with that author's recorded replies, in order."""

    def __init__(self, name: str, replies: Mapping[str, Iterable[ModelResponse]]) -> None:
        self._name = name
        self._replies = {author: deque(items) for author, items in replies.items()}

    @property
    def name(self) -> str:
        return self._name

    async def complete(self, request: ModelRequest) -> ModelResponse:
        queue = self._replies.get(request.author or "")
        if not queue:
            raise ReplayDiverged(
                f"the replay asked the model for more than {request.author!r} recorded; "
                "the agent now behaves differently from the recorded run"
            )
        return queue.popleft()

    def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        return stream_from_complete(self, request)


class RecordedTool(Tool):
    """A tool that returns its recorded results, in order, instead of running."""

    __slots__ = ("_results",)

    def __init__(self, original: Tool, results: Iterable[ToolResult]) -> None:
        for name in Tool.__slots__:
            object.__setattr__(self, name, getattr(original, name))
        self._results = deque(results)

    async def run(self, arguments: dict[str, object]) -> ToolResult:
        if not self._results:
            raise ReplayDiverged(
                f"the replay called {self.name!r} more often than the recorded run did"
            )
        return self._results.popleft()


async def replay(
    agent: Agent,
    events: Sequence[Event],
    *,
    run_id: str | None = None,
    log: RunLog | None = None,
    history: Sequence[Message] = (),
) -> AsyncIterator[Event]:
    """Run ``agent`` again on the input of the recorded ``events``, under a new run id."""
    started = next((e for e in events if isinstance(e, RunStarted)), None)
    if started is None:
        raise ReplayDiverged("the recording has no run.started event; nothing to replay")
    recorded = _recorded_agent(agent, events)
    # People's decisions are replayed too, so gated calls go the way they went.
    oversight = Oversight(approver=RecordedApprover(events))
    async for event in recorded.run(
        started.input, history=history, run_id=run_id, log=log, oversight=oversight
    ):
        yield event


class RecordedApprover:
    """Answers each approval with the decision recorded for the same step."""

    def __init__(self, events: Sequence[Event]) -> None:
        steps = {e.approval_id: e.step for e in events if isinstance(e, ApprovalRequested)}
        self._decisions = {
            steps[e.approval_id]: ApprovalDecision(granted=e.granted, by=e.by, comment=e.comment)
            for e in events
            if isinstance(e, ApprovalDecided) and e.approval_id in steps
        }

    async def decide(self, request: ApprovalRequest) -> ApprovalDecision:
        decision = self._decisions.get(request.step)
        if decision is None:
            raise ReplayDiverged(
                f"the replay asked for an approval ({request.step}) the recorded run did not"
            )
        return decision


def _recorded_agent(agent: Agent, events: Sequence[Event]) -> Agent:
    blueprint = agent.blueprint
    results = _tool_results(events)
    tools = {
        name: RecordedTool(tool, results.get(name, ())) for name, tool in blueprint.tools.items()
    }
    model = RecordedModel(blueprint.model.name, _model_replies(events))
    return Agent(agent.spec, dataclasses.replace(blueprint, model=model, tools=tools))


def _model_replies(events: Sequence[Event]) -> dict[str, list[ModelResponse]]:
    """Each model call: its usage event, then the message its author completed next."""
    replies: dict[str, list[ModelResponse]] = defaultdict(list)
    waiting: dict[str, UsageRecorded] = {}
    for event in events:
        if isinstance(event, UsageRecorded):
            waiting[event.author] = event
        elif isinstance(event, MessageCompleted) and event.author in waiting:
            usage = waiting.pop(event.author)
            response = ModelResponse(message=event.message, usage=usage.usage, model=usage.model)
            replies[event.author].append(response)
    return replies


def _tool_results(events: Sequence[Event]) -> dict[str, list[ToolResult]]:
    """Each tool's recorded results, in order; not those of calls a person refused, which
    the replay refuses again without calling the tool."""
    refused = _refused_calls(events)
    results: dict[str, list[ToolResult]] = defaultdict(list)
    for event in events:
        if isinstance(event, ToolCallCompleted) and event.call_id not in refused:
            result = ToolResult(
                content=event.result, is_error=event.is_error, duration_ms=event.duration_ms
            )
            results[event.tool].append(result)
    return results


def _refused_calls(events: Sequence[Event]) -> set[str]:
    steps = {e.approval_id: e.step for e in events if isinstance(e, ApprovalRequested)}
    return {
        steps[e.approval_id].removeprefix("tool:")
        for e in events
        if isinstance(e, ApprovalDecided)
        and not e.granted
        and steps.get(e.approval_id, "").startswith("tool:")
    }
