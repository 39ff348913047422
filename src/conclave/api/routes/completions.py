"""The OpenAI-compatible endpoint: ``/v1/chat/completions`` and ``/v1/models``.

Any OpenAI client talks to a Conclave agent or team: ``model`` names one as
``agent:<name>``, ``team:<name>`` or an agent's bare name, and ``GET /v1/models`` lists them.
A completion is one chat turn (:meth:`~conclave.services.runs.RunService.chat`), so it is a
durable run, under the id ``chatcmpl-<run id>``, in a new conversation holding the request's
messages and the reply.

The messages: the newest user message is the turn's input; the messages before it join the
conversation ahead of it, their text only (the text parts of a content list, one per line).
The agent's history holds user and assistant messages, so a system (or developer) message
joins as a user message marked ``[system]`` and a tool result as one marked ``[tool]``,
where the agent sees them. Messages after the newest user message, and ones without text,
are left out. A team starts from the newest message alone; the earlier ones are stored.

The parameters: every Chat Completions parameter is accepted and type-checked, and unknown
ones are ignored. An agent runs with the model, settings and tools of its spec, so the
sampling, length and tool parameters (``temperature``, ``max_tokens``, ``stop``, ``tools``,
``response_format``, ...) are not applied; ``n`` above 1 gets one choice. The finish
reason is always ``stop``.

Streaming (``stream: true``) sends ``chat.completion.chunk`` events: the role first, then an
agent's reply as its model writes it, token by token (the text it writes before calling a
tool too), or a team's final output in one piece, then a chunk with the finish reason, the
usage when ``stream_options.include_usage`` asks for it, and ``[DONE]``. A failed run sends
an error event instead, which OpenAI's SDKs raise as ``APIError``; without streaming it is a
502 naming the run, marked not to be retried (the run ran).
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from contextlib import aclosing
from typing import Annotated, Any, Literal, assert_never

from fastapi import APIRouter, Path, Response
from sse_starlette import EventSourceResponse, ServerSentEvent

from conclave.adapters.bus import EventFeed, run_feed
from conclave.adapters.store.records import RunRecord
from conclave.adapters.store.repositories.turns import OpenedTurn
from conclave.api.auth import Operator, ViewerTenant
from conclave.api.deps import Services, ServicesDep
from conclave.api.errors import error_response
from conclave.api.limits import check_message
from conclave.api.routes._documents import all_heads, documents, stored_head, unknown
from conclave.api.routes._follow import FeedClosed, follow
from conclave.api.schemas.completions import (
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionCreate,
    ChatMessage,
    Choice,
    ChunkChoice,
    ChunkDelta,
    CompletionUsage,
    ModelList,
    ModelPublic,
    ReplyMessage,
)
from conclave.engine.events import (
    Event,
    MessageCompleted,
    MessageDelta,
    RunCompleted,
    RunFailed,
    StreamRestarted,
)
from conclave.engine.messages import Message
from conclave.errors import NotFound, PromptInjection, UnknownName, UserError
from conclave.services.access import Caller

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["openai"])

PING_SECONDS = 15  # a comment this often keeps an idle stream open
SEP = "\n"  # OpenAI ends each line with LF alone, and some clients split on it
KINDS = ("agent", "team")
_STREAMED: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The completion; with `stream: true`, server-sent chunks ending `[DONE]`",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
}

ModelId = Annotated[
    str, Path(min_length=1, max_length=300, description="`agent:<name>` or `team:<name>`")
]


@router.post("/chat/completions", response_model=ChatCompletion, responses=_STREAMED)
async def create_chat_completion(
    body: ChatCompletionCreate, services: ServicesDep, caller: Operator
) -> ChatCompletion | Response:
    """A reply from the agent or team ``model`` names, whole or streamed."""
    if body.stream:
        chunks = _chunks(services, caller, body)
        try:
            first = await anext(chunks)  # the turn is open: an unknown model was a 404 already
        except PromptInjection:
            chunks = _refusal_chunks(body)
            first = await anext(chunks)
        return EventSourceResponse(_after(first, chunks), ping=PING_SECONDS, sep=SEP)
    try:
        turn = await _open(services, caller, body, stream=False)
    except PromptInjection:
        return _refusal(body)
    record = await services.runs.outcome(turn.run)
    if record.status != "completed":
        return _failure(body.model, record)
    return ChatCompletion(
        id=_completion_id(record.id),
        created=int(time.time()),
        model=body.model,
        choices=[Choice(message=ReplyMessage(content=record.output or ""))],
        usage=CompletionUsage.of(record.input_tokens, record.output_tokens),
    )


@router.get("/models")
async def list_models(services: ServicesDep, tenant_id: ViewerTenant) -> ModelList:
    """Every agent and team, built in or stored, as ``agent:<name>`` and ``team:<name>``."""
    repo = documents(services, tenant_id)
    data: list[ModelPublic] = []
    for kind, built_in in (("agent", services.catalog.specs), ("team", services.catalog.teams)):
        stored = {head.name: head for head in await all_heads(repo, kind)}
        for name in sorted({*built_in, *stored}):
            head = stored.get(name)
            created = int(head.updated_at.timestamp()) if head is not None else 0
            data.append(ModelPublic(id=f"{kind}:{name}", created=created))
    return ModelList(data=data)


@router.get("/models/{model}")
async def get_model(model: ModelId, services: ServicesDep, tenant_id: ViewerTenant) -> ModelPublic:
    """One agent or team, as a model."""
    kind, name = _target(model)
    head = await stored_head(documents(services, tenant_id), kind, name)
    if head is not None:
        return ModelPublic(id=f"{kind}:{name}", created=int(head.updated_at.timestamp()))
    built_in = services.catalog.specs if kind == "agent" else services.catalog.teams
    if name not in built_in:
        raise _no_model(model, unknown(kind, name, built_in).message)
    return ModelPublic(id=f"{kind}:{name}")


# --- the turn -----------------------------------------------------------------------------


def _target(model: str) -> tuple[str, str]:
    """The kind and name of the agent or team ``model`` names."""
    kind, colon, name = model.partition(":")
    if not colon:
        return "agent", model
    if kind in KINDS and name:
        return kind, name
    raise _no_model(model, "a model is an agent or a team: 'agent:<name>' or 'team:<name>'")


def _no_model(model: str, reason: str) -> NotFound:
    message = f"model {model!r} not found: {reason}; GET /v1/models lists the models"
    return NotFound(message, kind="model", name=model)


async def _open(
    services: Services, caller: Caller, body: ChatCompletionCreate, *, stream: bool
) -> OpenedTurn:
    """Store the conversation and start the turn.

    Raises:
        NotFound: ``model`` names no agent or team.
        UserError: the messages hold no user message with text.
    """
    kind, name = _target(body.model)
    earlier, message = _split(body.messages, author=name)
    # Only the newest user message is new: clients resend the whole history every turn.
    newest = max(i for i, m in enumerate(body.messages) if m.role == "user")
    limit = services.settings.max_message_chars
    check_message(message, limit, loc=("body", "messages", newest, "content"))
    try:
        return await services.runs.chat(
            caller.tenant_id,
            kind,
            name,
            message,
            earlier=earlier,
            stream=stream,
            run_limit=caller.tier.concurrent_runs,
        )
    except UnknownName as error:
        if error.fields.get("name") != name:
            raise  # a team's member is missing, not the team
        raise _no_model(body.model, error.message) from None


def _split(messages: Sequence[ChatMessage], *, author: str) -> tuple[list[Message], str]:
    """The messages before the newest user message, and its text."""
    last = next((i for i in reversed(range(len(messages))) if messages[i].role == "user"), None)
    if last is None:
        raise UserError(
            'messages holds no user message; end them with one: {"role": "user", "content": "..."}'
        )
    text = messages[last].text
    if not text.strip():
        raise UserError(f"messages[{last}], the newest user message, has no text; give it some")
    earlier = [_earlier(message, author=author) for message in messages[:last]]
    return [message for message in earlier if message is not None], text


def _earlier(message: ChatMessage, *, author: str) -> Message | None:
    """An earlier message as the conversation stores it, in a role the agent sees."""
    text = message.text
    if not text:
        return None
    match message.role:
        case "user":
            return Message.user(text)
        case "assistant":
            return Message.assistant(text, author=author)
        case "system" | "developer":
            return Message.user(f"[system] {text}", author="system")
        case "tool" | "function":
            return Message.user(f"[tool] {text}", author="tool")
        case _:
            assert_never(message.role)


# What an OpenAI client is told when the guard blocks its message: a normal completion, as
# a provider's own content filter answers, so clients need no special error handling.
REFUSAL = (
    "I can't help with that message: it reads as an attempt to override my instructions. "
    "Please rephrase your request."
)


def _refusal(body: ChatCompletionCreate) -> ChatCompletion:
    return ChatCompletion(
        id=f"chatcmpl-refused-{time.time_ns():x}",
        created=int(time.time()),
        model=body.model,
        choices=[Choice(message=ReplyMessage(content=REFUSAL), finish_reason="content_filter")],
        usage=CompletionUsage.of(0, 0),
    )


async def _refusal_chunks(body: ChatCompletionCreate) -> AsyncGenerator[ServerSentEvent, None]:
    chunk = _Chunk(f"chatcmpl-refused-{time.time_ns():x}", body.model)
    yield chunk.event(ChunkDelta(role="assistant", content=""))
    yield chunk.event(ChunkDelta(content=REFUSAL))
    yield chunk.event(ChunkDelta(), finish_reason="content_filter")
    if body.include_usage:
        yield chunk.usage(0, 0)
    yield _sse("[DONE]")


def _completion_id(run_id: str) -> str:
    return f"chatcmpl-{run_id}"


def _failure(model: str, record: RunRecord) -> Response:
    """The 502 of a run that did not complete; the SDKs are told not to run it again."""
    return error_response(
        502,
        "run_failed",
        _failure_message(model, record.id, record.error or record.status),
        {"run_id": record.id, "status": record.status},
        headers={"x-should-retry": "false"},
    )


def _failure_message(model: str, run_id: str, error: str) -> str:
    return (
        f"{model!r} could not reply: {error} (run {run_id}; GET /api/runs/{run_id}/events "
        "shows what happened)"
    )


# --- streaming ----------------------------------------------------------------------------


async def _chunks(
    services: Services, caller: Caller, body: ChatCompletionCreate
) -> AsyncGenerator[ServerSentEvent, None]:
    """The turn's chunks, as server-sent events; the first once the turn has started."""
    tenant_id = caller.tenant_id
    turn = await _open(services, caller, body, stream=True)
    run = turn.run
    # Entered before anything awaits, so the run's first events wait on the feed.
    async with run_feed(services.bus, tenant_id, run_id=run.id) as feed:
        chunk = _Chunk(_completion_id(run.id), body.model)
        yield chunk.event(ChunkDelta(role="assistant", content=""))
        reply = _Reply(team=run.target_kind == "team")
        async for event in _turn_events(services, tenant_id, run.id, feed):
            text = reply.add(event)
            if text:
                yield chunk.event(ChunkDelta(content=text))
            if isinstance(event, RunFailed):
                yield _error(_failure_message(body.model, run.id, event.error), run.id)
                return
            if isinstance(event, RunCompleted):
                yield chunk.event(ChunkDelta(), finish_reason="stop")
                if body.include_usage:
                    yield chunk.usage(event.usage.input_tokens, event.usage.output_tokens)
                yield _sse("[DONE]")
                return
        message = f"the stream ended before run {run.id} did; follow it at GET /api/runs/{run.id}"
        yield _error(message, run.id)


async def _turn_events(
    services: Services, tenant_id: str, run_id: str, feed: EventFeed
) -> AsyncIterator[Event]:
    """The run's events, each once and in order, up to its last; none more once the bus
    closes (the server is stopping)."""
    try:
        async with aclosing(follow(services, tenant_id, run_id, 0, feed=feed)) as events:
            async for event in events:
                yield event
    except FeedClosed:
        return


async def _after(
    first: ServerSentEvent, rest: AsyncGenerator[ServerSentEvent, None]
) -> AsyncIterator[ServerSentEvent]:
    async with aclosing(rest):  # closed with the response, which closes the run's feed
        yield first
        async for event in rest:
            yield event


class _Reply:
    """The reply's text, as a run's events bring it, each piece sent once.

    An agent's reply is its model's text deltas. A completed message sends what its deltas
    did not (when the feed dropped some, or the reply did not stream), and a stream that
    restarts sends only what goes beyond the text already sent, which cannot be taken back.
    A team's reply is its final output.
    """

    __slots__ = ("_attempt", "_said", "_sent", "_team")

    def __init__(self, *, team: bool) -> None:
        self._team = team
        self._attempt = ""  # the current attempt at the current message
        self._sent = ""  # what has been sent of the current message
        self._said = False  # whether an earlier message sent text

    def add(self, event: Event) -> str:
        """The text ``event`` adds to the reply, if any."""
        if self._team:
            return event.output if isinstance(event, RunCompleted) else ""
        if isinstance(event, MessageDelta):
            self._attempt += event.text
            return self._extend(self._attempt)
        if isinstance(event, StreamRestarted):
            self._attempt = ""
        elif isinstance(event, MessageCompleted) and event.message.role == "assistant":
            # Whatever of it the deltas did not send (none, when it was read from the store).
            text = self._extend(event.message.content)
            self._said = self._said or bool(self._sent)
            self._attempt = self._sent = ""
            return text
        return ""

    def _extend(self, text: str) -> str:
        if len(text) <= len(self._sent) or not text.startswith(self._sent):
            return ""
        new = text[len(self._sent) :]
        if self._said and not self._sent:
            new = "\n\n" + new  # apart from the text of a message before it
        self._sent = text
        return new


class _Chunk:
    """The chunks of one streamed completion."""

    __slots__ = ("_created", "_id", "_model")

    def __init__(self, completion_id: str, model: str) -> None:
        self._id = completion_id
        self._model = model
        self._created = int(time.time())

    def event(
        self, delta: ChunkDelta, *, finish_reason: Literal["stop", "content_filter"] | None = None
    ) -> ServerSentEvent:
        choice = ChunkChoice(delta=delta, finish_reason=finish_reason)
        return self._sse(choices=[choice])

    def usage(self, input_tokens: int, output_tokens: int) -> ServerSentEvent:
        return self._sse(choices=[], usage=CompletionUsage.of(input_tokens, output_tokens))

    def _sse(self, **fields: Any) -> ServerSentEvent:
        chunk = ChatCompletionChunk(id=self._id, created=self._created, model=self._model, **fields)
        return _sse(chunk.model_dump_json())


def _error(message: str, run_id: str) -> ServerSentEvent:
    """An error event, in the body every error has."""
    body = {"error": {"code": "run_failed", "message": message, "details": {"run_id": run_id}}}
    return _sse(json.dumps(body, separators=(",", ":")))


def _sse(data: str) -> ServerSentEvent:
    """An event as OpenAI sends them: ``data: <data>``, a blank line after."""
    return ServerSentEvent(data=data, sep=SEP)
