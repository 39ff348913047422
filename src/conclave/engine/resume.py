"""Resume: continue an agent run from its log after the process running it died.

The log is folded back into a :class:`RunState`, and the run goes on from the next step:

- finished steps are not redone: recorded messages and tool results are reused as they are;
- a tool call recorded as requested but never completed runs again if the tool is
  idempotent; otherwise a person is asked (an approval of kind ``uncertain``) whether to run
  it again, since it may or may not have taken effect. Granted, it runs; denied by a person,
  the run goes on without it, as having taken effect. With nobody to ask, the run fails
  with an error that says so. Nothing with side effects runs twice unless a person says so;
- a reply recorded but never followed by ``run.completed`` is not asked for again.

Example::

    state = RunState.fold(await read_all(log, run_id))
    async for event in resume(agent, state, log=log):
        ...
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING

from conclave.engine._gates import ask, gate_tool
from conclave.engine.agents import Agent, failure
from conclave.engine.events import Event, RunCompleted, ToolCallCompleted, ToolCallRequested
from conclave.engine.messages import Message, ToolCall
from conclave.engine.recorder import Recorder
from conclave.engine.runlog import RunLog
from conclave.engine.runstate import RunState
from conclave.engine.tools import ToolResult

if TYPE_CHECKING:
    from conclave.engine.oversight import Oversight
from conclave.errors import RunError


class InterruptedToolCall(RunError):
    """A tool call with side effects was cut off by a crash; it was not run again."""


async def resume(
    agent: Agent,
    state: RunState,
    *,
    log: RunLog,
    history: Sequence[Message] = (),
    stream: bool = False,
    oversight: Oversight | None = None,
) -> AsyncIterator[Event]:
    """Continue ``state``'s run with ``agent``, appending to ``log`` after its last event.

    Steps: settle the tool calls a crash interrupted (:func:`_settle`); unless the final
    reply is already recorded, go on with the turn from the next model call; then
    ``run.completed``. ``history`` is the conversation the run was started with.
    """
    if state.finished or state.status == "pending":
        return
    rec = _recorder(state, log, oversight)
    messages = [*agent.context(history, state.input), *state.messages[1:]]
    try:
        async for event in _settle(agent, rec, messages, state):
            yield event
        if not _replied(messages):
            rounds = sum(1 for m in messages if m.role == "assistant" and m.tool_calls)
            turn = agent.turn(rec, messages, author=state.author, stream=stream, first_round=rounds)
            async for event in turn:
                yield event
    except Exception as error:
        yield await rec.record(failure(rec, state.author, error))
        return
    yield await rec.record(
        RunCompleted(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=state.author,
            output=messages[-1].content,
            usage=rec.usage,
            cost_usd=rec.cost_usd,
            reason="resumed after a restart",
        )
    )


def _recorder(state: RunState, log: RunLog, oversight: Oversight | None) -> Recorder:
    rec = Recorder(state.run_id, log, seq=state.last_seq, oversight=oversight)
    rec.input_tokens = state.usage.input_tokens
    rec.output_tokens = state.usage.output_tokens
    rec.cost_usd = state.cost_usd
    return rec


async def _settle(
    agent: Agent, rec: Recorder, messages: list[Message], state: RunState
) -> AsyncIterator[Event]:
    """Finish the interrupted tool calls: run the safe ones again, ask about the others."""
    pending = sorted(state.pending_calls.values(), key=lambda call: call.seq)
    for call in pending:
        rerun = call.idempotent or await _confirmed(rec, call)
        for event in rec.drain():
            yield event
        async for event in _complete(agent, rec, messages, call, run=rerun):
            yield event
    for unstarted in _never_requested(messages, state):
        # Requests are recorded before a tool runs, so these never ran: safe to run now,
        # once any approval they need is given.
        tool = agent.blueprint.tools.get(unstarted.name)
        refused = None
        if tool is not None:
            refused = await gate_tool(rec, author=state.author, call=unstarted, tool=tool)
        for event in rec.drain():
            yield event
        requested = agent._requested(rec, state.author, unstarted)
        yield await rec.record(requested)
        async for event in _complete(agent, rec, messages, requested, refused=refused):
            yield event


async def _confirmed(rec: Recorder, call: ToolCallRequested) -> bool:
    """Ask a person whether to run an interrupted call with side effects again.

    Raises:
        InterruptedToolCall: nobody could be asked (the decision was the system's).
    """
    decision = await ask(
        rec,
        author=call.author,
        kind="uncertain",
        key=f"uncertain:{call.call_id}",
        prompt=(
            f"The run stopped while {call.tool} was running with {call.arguments}; it may "
            "or may not have taken effect. Grant to run it again now (it did not happen); "
            "deny to go on without it (it did happen)."
        ),
        details={"tool": call.tool, "arguments": call.arguments, "seq": call.seq},
    )
    if not decision.granted and decision.by == "system":
        raise InterruptedToolCall(_interrupted([call]), run_id=rec.run_id, seq=call.seq)
    return decision.granted


async def _complete(
    agent: Agent,
    rec: Recorder,
    messages: list[Message],
    call: ToolCallRequested,
    *,
    run: bool = True,
    refused: ToolResult | None = None,
) -> AsyncIterator[Event]:
    """Run the call (unless told not to, or refused) and record its result."""
    tool = agent.blueprint.tools.get(call.tool)
    if refused is not None:
        result: ToolResult | None = refused
    elif not run:
        result = ToolResult(
            content=f"not run again: a person confirmed {call.tool} took effect before the "
            "restart; its result was not recorded"
        )
    else:
        result = await tool.run(call.arguments) if tool else None
    content = result.content if result else f"error: tool {call.tool!r} is gone"
    messages.append(Message.tool(content, tool_call_id=call.call_id, author=call.author))
    yield await rec.record(
        ToolCallCompleted(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=call.author,
            call_id=call.call_id,
            tool=call.tool,
            result=content,
            is_error=result.is_error if result else True,
            duration_ms=result.duration_ms if result else 0.0,
        )
    )


def _never_requested(messages: list[Message], state: RunState) -> list[ToolCall]:
    """Calls of the newest tool-calling reply that have neither a result nor a request."""
    asking = next((m for m in reversed(messages) if m.role == "assistant"), None)
    if asking is None or not asking.tool_calls:
        return []
    answered = {m.tool_call_id for m in messages if m.role == "tool"}
    return [
        call
        for call in asking.tool_calls
        if call.id not in answered and call.id not in state.pending_calls
    ]


def _interrupted(calls: list[ToolCallRequested]) -> str:
    names = ", ".join(f"{call.tool} (step {call.seq})" for call in calls)
    return (
        f"the run stopped during {names}; it may or may not have taken effect, and the "
        f"tool is not marked idempotent, so it was not run again. Check its effect, then "
        f"start a new run (or mark the tool idempotent if running it twice is safe)"
    )


def _replied(messages: list[Message]) -> bool:
    """Whether the newest message is the agent's final reply (no tool calls pending)."""
    last = messages[-1]
    return last.role == "assistant" and not last.tool_calls
