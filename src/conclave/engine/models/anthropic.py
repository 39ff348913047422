"""Claude models through the Anthropic Messages API and the official ``anthropic`` SDK."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from conclave.engine.messages import Message, ToolCall, Usage
from conclave.engine.models._transport import refused, sdk_http_client
from conclave.engine.models.base import (
    ModelRequest,
    ModelResponse,
    StreamChunk,
    StreamDone,
    TextDelta,
    ToolCallDelta,
    ToolDefinition,
)
from conclave.engine.models.resilience import (
    http_error,
    stream_incomplete,
    timed_out,
    tool_arguments,
)
from conclave.errors import ConfigError, MissingDependency, ModelError

if TYPE_CHECKING:
    from anthropic import APIStatusError
    from anthropic.types import (
        ContentBlockParam,
        MessageParam,
        RawContentBlockDeltaEvent,
        RawContentBlockStartEvent,
        RawMessageDeltaEvent,
        RawMessageStartEvent,
        RawMessageStreamEvent,
        ToolParam,
        ToolResultBlockParam,
    )
    from anthropic.types import Message as AnthropicMessage

__all__ = ["AnthropicModelClient"]

_KEY_VAR = "ANTHROPIC_API_KEY"
# The Messages API insists on a limit; this one suits a conversational turn.
_DEFAULT_MAX_TOKENS = 1024
# Conclave speaks OpenAI's finish reasons, so callers check one vocabulary.
_FINISH_REASONS = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "tool_use": "tool_calls",
}
# An error event inside a stream arrives with HTTP 200; its type says what it would have been.
_STREAM_ERROR_STATUS = {
    "overloaded_error": 529,
    "api_error": 500,
    "rate_limit_error": 429,
    "timeout_error": 504,
}


class AnthropicModelClient:
    """A Claude model behind the Anthropic Messages API.

    The SDK's own retries are off: ``ResilientModel`` owns retries.

    Args:
        model: the model name, such as ``claude-sonnet-4-5``.
        api_key: the key to send; ``None`` is refused.
        base_url: the endpoint, for a proxy or a gateway.
        timeout: seconds an HTTP call may take.
    """

    def __init__(
        self,
        model: str,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        try:
            import anthropic
            import httpx2
        except ImportError as error:
            raise MissingDependency(
                "anthropic", extra="anthropic", purpose="the anthropic: provider"
            ) from error
        if api_key is None:
            raise ConfigError(f"no API key for anthropic; set {_KEY_VAR} or use model='offline'")
        self._model = model
        self._timeout = timeout
        # The SDK lets transport errors inside a stream through unwrapped.
        self._errors = (anthropic.AnthropicError, httpx2.TransportError, json.JSONDecodeError)
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=0,
            http_client=sdk_http_client(anthropic, timeout=timeout),
        )

    @property
    def name(self) -> str:
        return f"anthropic:{self._model}"

    async def complete(self, request: ModelRequest) -> ModelResponse:
        """The whole reply to one request."""
        try:
            reply = await self._client.messages.create(**self._params(request))
        except self._errors as error:
            raise self._translate(error) from error
        return self._response(reply, request)

    async def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        """The reply as it is produced; ends with exactly one ``StreamDone``."""
        try:
            events = await self._client.messages.create(**self._params(request), stream=True)
        except self._errors as error:
            raise self._translate(error) from error
        reply = _StreamedReply(self.name)
        async with events:
            try:
                async for event in events:
                    for piece in reply.add(event):
                        yield piece
            except self._errors as error:
                raise self._translate(error, streaming=True) from error
        yield StreamDone(response=reply.response(request))

    async def aclose(self) -> None:
        """Close the HTTP connections this client holds."""
        await self._client.close()

    def _params(self, request: ModelRequest) -> dict[str, Any]:
        system, messages = _wire_conversation(request.messages)
        params: dict[str, Any] = {
            "model": self._model,
            "messages": messages,
            "max_tokens": request.max_output_tokens or _DEFAULT_MAX_TOKENS,
        }
        if system:
            params["system"] = system
        if request.tools:
            params["tools"] = [_wire_tool(tool) for tool in request.tools]
        if request.temperature is not None:
            # The SDK has no typed field for it, but the Messages API reads it from the body.
            params["extra_body"] = {"temperature": request.temperature}
        return params

    def _response(self, reply: AnthropicMessage, request: ModelRequest) -> ModelResponse:
        text: list[str] = []
        calls: list[ToolCall] = []
        for block in reply.content:
            if block.type == "text":
                text.append(block.text)
            elif block.type == "tool_use":
                calls.append(ToolCall(id=block.id, name=block.name, arguments=dict(block.input)))
        usage = Usage(
            input_tokens=reply.usage.input_tokens, output_tokens=reply.usage.output_tokens
        )
        message = Message.assistant(
            "".join(text), author=request.author, tool_calls=tuple(calls), usage=usage
        )
        finish = _finish_reason(reply.stop_reason)
        return ModelResponse(message=message, usage=usage, model=self.name, finish_reason=finish)

    def _translate(self, error: Exception, *, streaming: bool = False) -> ModelError:
        """The ``ModelError`` for anything the SDK or its transport raised."""
        import anthropic
        import httpx2

        if isinstance(error, anthropic.APIStatusError):
            return self._status_error(error)
        timeout = anthropic.APITimeoutError | httpx2.TimeoutException
        if isinstance(error, timeout) and not refused(error):
            return timed_out(self.name, self._timeout)
        if streaming and isinstance(error, anthropic.APIConnectionError | httpx2.TransportError):
            return stream_incomplete(self.name, "the connection dropped")
        if isinstance(error, anthropic.APIConnectionError | httpx2.TransportError):
            return ModelError(
                f"{self.name}: cannot reach {self._client.base_url} ({error.__cause__ or error});"
                f" check that the network is up and ANTHROPIC_BASE_URL, if set, is right",
                provider="anthropic",
                retryable=True,
            )
        if isinstance(error, json.JSONDecodeError):
            return ModelError(f"malformed stream from {self.name}: {error}", provider="anthropic")
        return ModelError(f"{self.name}: {error}", provider="anthropic")

    def _status_error(self, error: APIStatusError) -> ModelError:
        status = error.status_code
        if status < 400:
            status = _STREAM_ERROR_STATUS.get(str(error.type), 500)
        detail = error.api_message or error.message
        return http_error(
            self.name, status, str(detail), headers=error.response.headers, key_var=_KEY_VAR
        )


@dataclass(slots=True)
class _CallParts:
    id: str
    name: str
    arguments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _StreamedReply:
    """The reply assembled from stream events, as they arrive."""

    name: str
    text: list[str] = field(default_factory=list)
    calls: list[_CallParts] = field(default_factory=list)
    # Content block index to tool call index: text blocks take block indexes too.
    call_of_block: dict[int, int] = field(default_factory=dict)
    input_tokens: int = 0
    output_tokens: int = 0
    stop_reason: str | None = None
    done: bool = False

    def add(self, event: RawMessageStreamEvent) -> Iterator[TextDelta | ToolCallDelta]:
        """Take in one event; the deltas it carries."""
        if event.type == "message_start":
            self._start(event)
        elif event.type == "content_block_start":
            yield from self._block_start(event)
        elif event.type == "content_block_delta":
            yield from self._block_delta(event)
        elif event.type == "message_delta":
            self._message_delta(event)
        elif event.type == "message_stop":
            self.done = True

    def _start(self, event: RawMessageStartEvent) -> None:
        self.input_tokens = event.message.usage.input_tokens
        self.output_tokens = event.message.usage.output_tokens

    def _block_start(self, event: RawContentBlockStartEvent) -> Iterator[TextDelta | ToolCallDelta]:
        block = event.content_block
        if block.type == "text" and block.text:
            self.text.append(block.text)
            yield TextDelta(text=block.text)
        elif block.type == "tool_use":
            self.call_of_block[event.index] = len(self.calls)
            self.calls.append(_CallParts(id=block.id, name=block.name))
            yield ToolCallDelta(index=len(self.calls) - 1, id=block.id, name=block.name)

    def _block_delta(self, event: RawContentBlockDeltaEvent) -> Iterator[TextDelta | ToolCallDelta]:
        delta = event.delta
        if delta.type == "text_delta":
            self.text.append(delta.text)
            yield TextDelta(text=delta.text)
        elif delta.type == "input_json_delta" and event.index in self.call_of_block:
            index = self.call_of_block[event.index]
            self.calls[index].arguments.append(delta.partial_json)
            yield ToolCallDelta(index=index, arguments=delta.partial_json)

    def _message_delta(self, event: RawMessageDeltaEvent) -> None:
        self.stop_reason = event.delta.stop_reason or self.stop_reason
        self.output_tokens = event.usage.output_tokens
        if event.usage.input_tokens is not None:
            self.input_tokens = event.usage.input_tokens

    def response(self, request: ModelRequest) -> ModelResponse:
        """The whole reply.

        Raises:
            ModelError: the stream stopped before ``message_stop``, or a tool call's
                arguments are not a JSON object.
        """
        if not self.done:
            raise stream_incomplete(self.name)
        calls = tuple(
            ToolCall(
                id=call.id,
                name=call.name,
                arguments=tool_arguments(self.name, call.name, "".join(call.arguments)),
            )
            for call in self.calls
        )
        usage = Usage(input_tokens=self.input_tokens, output_tokens=self.output_tokens)
        message = Message.assistant(
            "".join(self.text), author=request.author, tool_calls=calls, usage=usage
        )
        finish = _finish_reason(self.stop_reason)
        return ModelResponse(message=message, usage=usage, model=self.name, finish_reason=finish)


def _wire_conversation(messages: Sequence[Message]) -> tuple[str, list[MessageParam]]:
    """The system prompt and the turns of a conversation, in the Messages wire format.

    System messages join the ``system`` parameter. Tool results travel as ``tool_result``
    blocks in a user turn, and results that follow each other share one turn, as the API
    expects the results of one assistant turn's calls to come back together.
    """
    system = "\n\n".join(message.content for message in messages if message.role == "system")
    turns: list[MessageParam] = []
    results: list[ContentBlockParam] | None = None
    for message in messages:
        if message.role == "tool":
            if results is None:
                results = []
                turns.append({"role": "user", "content": results})
            results.append(_wire_result(message))
            continue
        results = None
        if message.role == "assistant":
            turns.extend(_wire_assistant(message))
        elif message.role == "user":
            turns.append({"role": "user", "content": message.content})
    return system, turns


def _wire_assistant(message: Message) -> list[MessageParam]:
    blocks: list[ContentBlockParam] = []
    if message.content:
        blocks.append({"type": "text", "text": message.content})
    for call in message.tool_calls:
        blocks.append(
            {"type": "tool_use", "id": call.id, "name": call.name, "input": call.arguments}
        )
    # The API refuses empty turns; an assistant that said nothing has nothing to send.
    return [{"role": "assistant", "content": blocks}] if blocks else []


def _wire_result(message: Message) -> ToolResultBlockParam:
    return {
        "type": "tool_result",
        "tool_use_id": message.tool_call_id or "",
        "content": message.content,
    }


def _wire_tool(tool: ToolDefinition) -> ToolParam:
    return {"name": tool.name, "description": tool.description, "input_schema": tool.parameters}


def _finish_reason(stop_reason: str | None) -> str:
    if stop_reason is None:
        return "stop"
    return _FINISH_REASONS.get(stop_reason, stop_reason)
