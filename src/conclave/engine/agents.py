"""Agents: the runtime built from an :class:`AgentSpec`.

One turn of an agent is context → model → tool rounds → reply, and every step is an event::

    agent = Agent.define("helper", instructions="Be brief.", model=ScriptedModel(["Hi!"]))
    async for event in agent.run("hello"):
        print(event.kind)

An ``Agent`` holds only its spec and a shared :class:`Blueprint` (system prompt, tools,
rules, model), so thousands of agents built from one spec cost a few hundred bytes each.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from conclave.engine._gates import gate_tool, screen
from conclave.engine._spend import admit, check_spike, release, settle
from conclave.engine.events import (
    Event,
    MessageCompleted,
    MessageDelta,
    RunCompleted,
    RunFailed,
    RunStarted,
    StreamRestarted,
    ToolCallCompleted,
    ToolCallRequested,
    UsageRecorded,
)
from conclave.engine.messages import Message, ToolCall
from conclave.engine.models.base import (
    ModelClient,
    ModelRequest,
    ModelResponse,
    StreamDone,
    StreamReset,
    TextDelta,
    ToolDefinition,
)
from conclave.engine.recorder import Recorder
from conclave.engine.runlog import RunLog
from conclave.engine.specs import AgentSpec
from conclave.engine.tools import Tool, ToolResult
from conclave.errors import ConclaveError, RunError

if TYPE_CHECKING:
    # Loaded when the first agent is built, not when Conclave is imported.
    from conclave.engine.models.pricing import PriceTable
    from conclave.engine.oversight import Oversight
    from conclave.engine.rules import BusinessRules

_ERROR_META = {"is_error": True}


@dataclass(frozen=True, kw_only=True, slots=True)
class Blueprint:
    """What every agent built from one spec shares."""

    model: ModelClient
    system_prompt: str
    system_message: Message | None
    tools: Mapping[str, Tool]
    tool_definitions: tuple[ToolDefinition, ...]
    rules: BusinessRules | None
    prices: PriceTable


def build_blueprint(
    spec: AgentSpec, *, model: ModelClient, tools: Iterable[Tool], prices: PriceTable
) -> Blueprint:
    """Resolve a spec's personality and rules and compose its system prompt, once."""
    tool_map = {tool.name: tool for tool in tools}
    from conclave.engine.rules import NoRules, rules_from_spec

    rules = rules_from_spec(spec.domain)
    prompt = compose_system_prompt(spec, rules)
    return Blueprint(
        model=model,
        system_prompt=prompt,
        system_message=Message.system(prompt) if prompt else None,
        tools=tool_map,
        tool_definitions=tuple(tool.definition for tool in tool_map.values()),
        rules=None if isinstance(rules, NoRules) else rules,
        prices=prices,
    )


def compose_system_prompt(spec: AgentSpec, rules: BusinessRules) -> str:
    """Role, personality, instructions and rules, in that order."""
    role = f"You are {spec.name}" + (f": {spec.description}" if spec.description else ".")
    from conclave.engine.personas import personality_from_spec

    sections = [role, personality_from_spec(spec.personality).prompt(), spec.instructions]
    if spec.expertise:
        sections.append("Your expertise: " + ", ".join(spec.expertise) + ".")
    sections.append(rules.prompt())
    return "\n\n".join(section.strip() for section in sections if section.strip())


class Agent:
    """An agent ready to run. Build it with :meth:`define`, or from a spec with a factory."""

    __slots__ = ("blueprint", "spec")

    def __init__(self, spec: AgentSpec, blueprint: Blueprint) -> None:
        self.spec = spec
        self.blueprint = blueprint

    @classmethod
    def define(
        cls,
        name: str,
        *,
        model: ModelClient,
        tools: Sequence[Tool] = (),
        prices: PriceTable | None = None,
        **fields: Any,
    ) -> Agent:
        """An agent from keyword fields of :class:`AgentSpec`, for library use and tests."""
        spec = AgentSpec.from_data(
            {"name": name, "tools": [t.name for t in tools], **fields}, source=f"agent {name!r}"
        )
        if prices is None:
            from conclave.engine.models.pricing import PriceTable

            prices = PriceTable.default()
        return cls(spec, build_blueprint(spec, model=model, tools=tools, prices=prices))

    @property
    def name(self) -> str:
        return self.spec.name

    def __repr__(self) -> str:
        return f"Agent({self.spec.name!r}, model={self.blueprint.model.name!r})"

    async def run(
        self,
        input: str,
        *,
        history: Sequence[Message] = (),
        run_id: str | None = None,
        log: RunLog | None = None,
        stream: bool = False,
        oversight: Oversight | None = None,
    ) -> AsyncIterator[Event]:
        """Run one turn on ``input`` as a run of its own, yielding its events.

        Steps: ``run.started``; the turn (see :meth:`turn`); ``run.completed``, or
        ``run.failed`` with a message that says what to do. Durable events are appended
        to ``log`` before they are yielded. ``oversight`` brings approvals, shared budgets
        and the guard.
        """
        rec = Recorder(run_id, log, oversight=oversight)
        name = self.spec.name
        yield await rec.record(
            RunStarted(run_id=rec.run_id, seq=rec.next_seq(), author=name, input=input)
        )
        messages = self.context(history, input)
        try:
            async for event in self.turn(rec, messages, author=name, stream=stream):
                yield event
        except Exception as error:
            yield await rec.record(failure(rec, name, error))
            return
        yield await rec.record(
            RunCompleted(
                run_id=rec.run_id,
                seq=rec.next_seq(),
                author=name,
                output=messages[-1].content,
                usage=rec.usage,
                cost_usd=rec.cost_usd,
            )
        )

    async def reply(self, input: str, *, history: Sequence[Message] = ()) -> str:
        """Run to the end and return the reply text; raises if the run failed."""
        async for event in self.run(input, history=history):
            if isinstance(event, RunCompleted):
                return event.output
            if isinstance(event, RunFailed):
                raise RunError(event.error, run_id=event.run_id)
        raise RunError("the run ended without a result")  # pragma: no cover

    def context(self, history: Sequence[Message], input: str) -> list[Message]:
        """System prompt, the last ``history_limit`` messages, and the new input."""
        limit = self.spec.history_limit
        system = self.blueprint.system_message
        messages = [system] if system is not None else []
        if history and limit:
            messages.extend(history[-limit:])
        messages.append(Message(role="user", content=input))
        return messages

    def with_tools(self, tools: Iterable[Tool], *, instructions: str = "") -> Agent:
        """This agent with more tools (and instructions), for a team that lends them."""
        bp = self.blueprint
        merged = {**bp.tools, **{tool.name: tool for tool in tools}}
        prompt = "\n\n".join(part for part in (bp.system_prompt, instructions) if part)
        blueprint = dataclasses.replace(
            bp,
            tools=merged,
            tool_definitions=tuple(tool.definition for tool in merged.values()),
            system_prompt=prompt,
            system_message=Message.system(prompt) if prompt else None,
        )
        return Agent(self.spec, blueprint)

    def view(self, transcript: Sequence[Message], *, author: str) -> list[Message]:
        """A group conversation as this agent sees it: its own replies as its own, and
        everyone else's as messages to it, each named by who wrote it."""
        limit = self.spec.history_limit
        recent = transcript[-limit:] if limit else transcript[-1:]
        system = self.blueprint.system_message
        view = [system] if system is not None else []
        for message in recent:
            if message.author == author or message.role != "assistant":
                view.append(message)
            else:
                content = f"[{message.author}] {message.content}"
                view.append(Message(role="user", content=content, author=message.author))
        return view

    async def respond(
        self, rec: Recorder, transcript: list[Message], *, author: str, stream: bool = False
    ) -> AsyncIterator[Event]:
        """Take a turn in a group conversation and add the reply to its transcript."""
        view = self.view(transcript, author=author)
        async for event in self.turn(rec, view, author=author, stream=stream):
            yield event
        transcript.append(view[-1])

    async def turn(
        self,
        rec: Recorder,
        messages: list[Message],
        *,
        author: str,
        stream: bool = False,
        first_round: int = 0,
    ) -> AsyncIterator[Event]:
        """One turn on ``messages``; appends what it says to them, the reply last.

        Steps: screen the input against the domain rules; then, up to ``max_tool_rounds``
        times, call the model (:meth:`_request`, :meth:`_stream_model`) and run the tools
        it asks for (:meth:`_run_tools`); then check the reply against the rules and
        record it. The last round offers no tools, so a turn always ends with a reply.
        A resumed turn starts at ``first_round``, its input already screened.
        """
        refusal = self._screen_input(messages) if first_round == 0 else None
        if refusal is not None:
            messages.append(Message.assistant(refusal, author=author))
            yield await rec.record(self._completed(rec, author, messages[-1]))
            return
        rounds = self.spec.max_tool_rounds
        started_at = rec.cost_usd
        for round_number in range(first_round, rounds + 1):
            request = self._request(messages, author, tools=round_number < rounds)
            try:
                charge = await admit(
                    self, rec, request, author=author, turn_spent=rec.cost_usd - started_at
                )
            except RunError:
                for event in rec.drain():  # budget.exceeded, and a person's answer if asked
                    yield event
                raise
            for event in rec.drain():
                yield event
            try:
                if stream:
                    async for event in self._stream_model(rec, request, author):
                        yield event
                    response = rec.response
                    assert response is not None
                else:
                    response = await self.blueprint.model.complete(request)
            except BaseException:
                await release(rec, charge)
                raise
            usage = self._usage(rec, author, response)
            await settle(rec, charge, response, usage.cost_usd)
            yield await rec.record(usage)
            reply = response.message
            if not reply.tool_calls:
                break
            async for event in self._run_tools(rec, messages, author, reply):
                yield event
        messages.append(await self._final_reply(rec, reply, author))
        for event in rec.drain():
            yield event
        yield await rec.record(self._completed(rec, author, messages[-1]))
        spike = await check_spike(rec, author=author, turn_cost=rec.cost_usd - started_at)
        if spike is not None:
            yield spike

    def _screen_input(self, messages: list[Message]) -> str | None:
        rules = self.blueprint.rules
        if rules is None:
            return None
        verdict = rules.check_input(messages[-1].content)
        return None if verdict.allowed else verdict.reply or verdict.reason

    async def _final_reply(self, rec: Recorder, reply: Message, author: str) -> Message:
        """The reply checked against the rules, then screened by the guard."""
        rules = self.blueprint.rules
        content = reply.content if rules is None else rules.check_output(reply.content)
        content = await screen(
            rec,
            content,
            author=author,
            source="output",
            policy=self.spec.guard,
            system_prompt=self.blueprint.system_prompt,
        )
        if content == reply.content and reply.author == author and not reply.tool_calls:
            return reply
        return Message.assistant(content, author=author, usage=reply.usage)

    def _request(self, messages: list[Message], author: str, *, tools: bool) -> ModelRequest:
        spec = self.spec
        return ModelRequest(
            messages=tuple(messages),
            tools=self.blueprint.tool_definitions if tools else (),
            max_output_tokens=spec.max_output_tokens,
            temperature=spec.temperature,
            author=author,
        )

    def _usage(self, rec: Recorder, author: str, response: ModelResponse) -> UsageRecorded:
        """Price the response by the model that actually answered (a fallback, maybe)."""
        cost = self.blueprint.prices.cost(response.model, response.usage)
        rec.add_usage(response.usage, cost)
        return UsageRecorded(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=author,
            model=response.model,
            usage=response.usage,
            cost_usd=cost,
        )

    async def _stream_model(
        self, rec: Recorder, request: ModelRequest, author: str
    ) -> AsyncIterator[Event]:
        async for chunk in self.blueprint.model.stream(request):
            if isinstance(chunk, TextDelta):
                yield MessageDelta(run_id=rec.run_id, seq=rec.seq, author=author, text=chunk.text)
            elif isinstance(chunk, StreamDone):
                rec.response = chunk.response
            elif isinstance(chunk, StreamReset):
                yield await rec.record(
                    StreamRestarted(
                        run_id=rec.run_id,
                        seq=rec.next_seq(),
                        author=author,
                        reason=chunk.reason,
                        attempt=chunk.attempt,
                    )
                )

    async def _run_tools(
        self, rec: Recorder, messages: list[Message], author: str, reply: Message
    ) -> AsyncIterator[Event]:
        """Ask for the approvals the policy needs, record the call requests, run the tools
        (concurrently), screen their results and record them."""
        messages.append(reply)
        yield await rec.record(self._completed(rec, author, reply))
        calls = reply.tool_calls
        refused = await self._gate(rec, author, calls)
        for event in rec.drain():
            yield event
        for call in calls:
            yield await rec.record(self._requested(rec, author, call))
        results = await self._execute(calls, refused)
        if rec.aside:  # what the tools recorded (context writes), in the order they did
            for event in rec.drain():
                yield event
        for call, result in zip(calls, results, strict=True):
            content = await self._screened(rec, author, call, result)
            for event in rec.drain():
                yield event
            messages.append(
                Message(
                    role="tool",
                    content=content,
                    tool_call_id=call.id,
                    author=author,
                    metadata=_ERROR_META if result.is_error else None,
                )
            )
            yield await rec.record(
                ToolCallCompleted(
                    run_id=rec.run_id,
                    seq=rec.next_seq(),
                    author=author,
                    call_id=call.id,
                    tool=call.name,
                    result=content,
                    is_error=result.is_error,
                    duration_ms=result.duration_ms,
                )
            )

    async def _gate(
        self, rec: Recorder, author: str, calls: tuple[ToolCall, ...]
    ) -> dict[str, ToolResult]:
        """The refusals of gated calls, by call id; each gated call asks on its own."""
        tools, policy = self.blueprint.tools, rec.oversight.policy
        gated = [
            (call, tools[call.name])
            for call in calls
            if call.name in tools and policy.gates(tools[call.name]) is not None
        ]
        asks = [gate_tool(rec, author=author, call=call, tool=tool) for call, tool in gated]
        if not asks:
            return {}
        answers = await asyncio.gather(*asks) if len(asks) > 1 else [await asks[0]]
        return {
            call.id: answer
            for (call, _), answer in zip(gated, answers, strict=True)
            if answer is not None
        }

    async def _screened(
        self, rec: Recorder, author: str, call: ToolCall, result: ToolResult
    ) -> str:
        """A tool's result as the model may see it: the guard may put a notice in its place."""
        if rec.oversight.guard is None:
            return result.content
        return await screen(
            rec,
            result.content,
            author=author,
            source="tool",
            policy=self.spec.guard,
            tool=call.name,
            call_id=call.id,
        )

    def _requested(self, rec: Recorder, author: str, call: ToolCall) -> ToolCallRequested:
        tool = self.blueprint.tools.get(call.name)
        return ToolCallRequested(
            run_id=rec.run_id,
            seq=rec.next_seq(),
            author=author,
            call_id=call.id,
            tool=call.name,
            arguments=call.arguments,
            idempotent=tool.idempotent if tool else True,
            requires_approval=tool.requires_approval if tool else False,
        )

    async def _execute(
        self, calls: tuple[ToolCall, ...], refused: Mapping[str, ToolResult]
    ) -> list[ToolResult]:
        if len(calls) == 1:
            return [refused.get(calls[0].id) or await self._execute_one(calls[0])]
        runs = (self._execute_one(call) for call in calls if call.id not in refused)
        done = iter(await asyncio.gather(*runs))
        return [refused.get(call.id) or next(done) for call in calls]

    async def _execute_one(self, call: ToolCall) -> ToolResult:
        tool = self.blueprint.tools.get(call.name)
        if tool is None:
            known = ", ".join(self.blueprint.tools) or "no tools"
            return ToolResult(
                content=f"error: unknown tool {call.name!r}; this agent has: {known}",
                is_error=True,
            )
        return await tool.run(call.arguments)

    @staticmethod
    def _completed(rec: Recorder, author: str, message: Message) -> MessageCompleted:
        return MessageCompleted(
            run_id=rec.run_id, seq=rec.next_seq(), author=author, message=message
        )


def failure(rec: Recorder, author: str, error: BaseException) -> RunFailed:
    """The ``run.failed`` event for an error: its message, or an internal-error notice."""
    if isinstance(error, ConclaveError):
        text = str(error)
    else:
        text = (
            f"internal error {type(error).__name__}: {error}; this is a bug in Conclave "
            f"or a plugin, please report it with the run's events"
        )
    return RunFailed(
        run_id=rec.run_id,
        seq=rec.next_seq(),
        author=author,
        error=text,
        error_type=type(error).__name__,
        usage=rec.usage,
        cost_usd=rec.cost_usd,
    )
