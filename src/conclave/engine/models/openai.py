"""Models behind the OpenAI Chat Completions API: OpenAI itself, and every server that
speaks it at a base URL (Azure, Ollama, vLLM, LM Studio, OpenRouter).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from conclave.engine.messages import Message, ToolCall, Usage
from conclave.engine.models._transport import PlainError, PlainPost, refused, sdk_http_client
from conclave.engine.models.base import (
    ModelRequest,
    ModelResponse,
    StreamChunk,
    StreamDone,
    TextDelta,
    ToolCallDelta,
    ToolDefinition,
)
from conclave.engine.models.registry import OPENAI_COMPATIBLE
from conclave.engine.models.resilience import (
    http_error,
    stream_incomplete,
    timed_out,
    tool_arguments,
)
from conclave.errors import ConfigError, MissingDependency, ModelError

if TYPE_CHECKING:
    from openai.types import CompletionUsage
    from openai.types.chat import (
        ChatCompletionChunk,
        ChatCompletionFunctionToolParam,
        ChatCompletionMessageParam,
        ChatCompletionMessageToolCallUnionParam,
    )
    from openai.types.chat.chat_completion_chunk import ChoiceDeltaToolCall

__all__ = ["OpenAIModelClient"]

# OpenAI itself has replaced max_tokens with max_completion_tokens (its reasoning models
# refuse the old name), while compatible servers still only read max_tokens.
_NEW_TOKEN_LIMIT = frozenset({"openai", "azure"})
_PATH = "/chat/completions"
_STREAMED = {"stream": True, "stream_options": {"include_usage": True}}


class OpenAIModelClient:
    """A model behind the OpenAI Chat Completions API, through the official ``openai`` SDK.

    The SDK's own retries are off: ``ResilientModel`` owns retries, so a failure is retried
    once with the right backoff rather than twice over.

    Args:
        model: the provider's model name, such as ``gpt-4o-mini`` or ``llama3``.
        provider: the name before the colon, such as ``openai`` or ``ollama``.
        api_key: the key to send; ``None`` is refused for providers that need one.
        base_url: the endpoint, for anything but OpenAI itself.
        timeout: seconds an HTTP call may take.
    """

    def __init__(
        self,
        model: str,
        *,
        provider: str = "openai",
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        for package in ("openai", "aiohttp"):
            if find_spec(package) is None:
                raise MissingDependency(package, extra="openai", purpose="the openai: provider")
        import openai

        self._key_var = OPENAI_COMPATIBLE.get(provider, (None, "OPENAI_API_KEY"))[1]
        if api_key is None:
            where = f"set {self._key_var}" if self._key_var else "pass an API key"
            raise ConfigError(f"no API key for {provider}; {where} or use model='offline'")
        self._model = model
        self._provider = provider
        self._timeout = timeout
        self._errors = (openai.OpenAIError, json.JSONDecodeError)
        self._client = openai.AsyncOpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=0,
            http_client=sdk_http_client(openai, timeout=timeout),
        )
        self._plain = PlainPost(
            str(self._client.base_url).rstrip("/") + _PATH,
            {**self._client.default_headers, **self._client.auth_headers},
            timeout=timeout,
        )
        from openai.types.chat import ChatCompletion, ChatCompletionChunk

        self._completion = ChatCompletion
        self._chunks = openai.AsyncStream[ChatCompletionChunk]
        # What the SDK's chat.completions.create sends: the bearer key, not an admin key.
        self._options: Any = (
            {"security": {"bearer_auth": True}}
            if "security" in openai.RequestOptions.__annotations__
            else {}
        )

    @property
    def name(self) -> str:
        return f"{self._provider}:{self._model}"

    async def complete(self, request: ModelRequest) -> ModelResponse:
        """The whole reply to one request.

        It goes out as one plain POST with the SDK's headers and key (see
        :class:`PlainPost`): through the SDK's request machinery the model call was the
        largest part of a turn's CPU. Streams keep the SDK's whole path, for its
        event-stream decoding.
        """
        try:
            completion = await self._plain.send(self._params(request))
        except PlainError as error:
            raise self._plain_error(error) from error
        return self._response(completion, request)

    async def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        """The reply as it is produced; ends with exactly one ``StreamDone``."""
        try:
            chunks = await self._client.post(
                _PATH,
                body=self._params(request) | _STREAMED,
                cast_to=self._completion,
                options=self._options,
                stream=True,
                stream_cls=self._chunks,
            )
        except self._errors as error:
            raise self._translate(error) from error
        reply = _StreamedReply()
        async with chunks:
            try:
                async for chunk in chunks:
                    for piece in reply.add(chunk):
                        yield piece
            except self._errors as error:
                raise self._translate(error, streaming=True) from error
        yield StreamDone(response=reply.response(self.name, request))

    async def aclose(self) -> None:
        """Close the HTTP connections this client holds."""
        await self._plain.aclose()
        await self._client.close()

    def _params(self, request: ModelRequest) -> dict[str, Any]:
        params: dict[str, Any] = {
            "model": self._model,
            "messages": [_wire_message(message) for message in request.messages],
        }
        if request.tools:
            params["tools"] = [_wire_tool(tool) for tool in request.tools]
        if request.max_output_tokens is not None:
            limit = "max_completion_tokens" if self._provider in _NEW_TOKEN_LIMIT else "max_tokens"
            params[limit] = request.max_output_tokens
        if request.temperature is not None:
            params["temperature"] = request.temperature
        return params

    def _response(self, completion: object, request: ModelRequest) -> ModelResponse:
        """The reply, read from the completion's JSON."""
        choice = _first_choice(completion)
        if choice is None:
            raise ModelError(f"{self.name}: the reply had no choices", provider=self._provider)
        reply = choice.get("message")
        reply = reply if isinstance(reply, dict) else {}
        calls = tuple(
            self._tool_call(call)
            for call in reply.get("tool_calls") or ()
            if isinstance(call, dict) and call.get("type", "function") == "function"
        )
        usage = _json_usage(completion)
        content = reply.get("content")
        message = Message.assistant(
            content if isinstance(content, str) else "",
            author=request.author,
            tool_calls=calls,
            usage=usage,
        )
        finish = choice.get("finish_reason") or "stop"
        return ModelResponse(message=message, usage=usage, model=self.name, finish_reason=finish)

    def _tool_call(self, call: dict[str, Any]) -> ToolCall:
        function = call.get("function")
        function = function if isinstance(function, dict) else {}
        name = str(function.get("name") or "")
        arguments = function.get("arguments")
        return ToolCall(
            id=str(call.get("id") or ""),
            name=name,
            arguments=tool_arguments(
                self.name, name, arguments if isinstance(arguments, str) else ""
            ),
        )

    def _translate(self, error: Exception, *, streaming: bool = False) -> ModelError:
        """The ``ModelError`` for anything the SDK raised."""
        import openai

        if isinstance(error, openai.APIStatusError):
            return http_error(
                self.name,
                error.status_code,
                _detail(error),
                headers=error.response.headers,
                key_var=self._key_var,
            )
        if isinstance(error, openai.APITimeoutError) and not refused(error):
            return timed_out(self.name, self._timeout)
        if isinstance(error, openai.APIConnectionError):
            if streaming:
                return stream_incomplete(self.name, "the connection dropped")
            return self._unreachable(error)
        if isinstance(error, json.JSONDecodeError):
            return ModelError(
                f"malformed stream from {self.name}: {error}", provider=self._provider
            )
        # A bare APIError is an error event inside a stream: the server failed part-way,
        # which may pass; anything else (a reply that does not fit the schema) will not.
        retryable = type(error) is openai.APIError
        return ModelError(f"{self.name}: {error}", provider=self._provider, retryable=retryable)

    def _plain_error(self, error: PlainError) -> ModelError:
        if error.kind == "status" and error.status is not None:
            return http_error(
                self.name,
                error.status,
                error.detail,
                headers=error.headers,
                key_var=self._key_var,
            )
        if error.kind == "timeout" and not refused(error):
            return timed_out(self.name, self._timeout)
        if error.kind == "malformed":
            return ModelError(f"malformed reply from {self.name}: {error}", provider=self._provider)
        return self._unreachable(error)

    def _unreachable(self, error: Exception) -> ModelError:
        cause = error.__cause__ or error
        return ModelError(
            f"{self.name}: cannot reach {self._client.base_url} ({cause}); "
            f"check that the server is running and the base URL is right",
            provider=self._provider,
            retryable=True,
        )


@dataclass(slots=True)
class _CallParts:
    id: str = ""
    name: str = ""
    arguments: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _StreamedReply:
    """The reply assembled from stream chunks, as they arrive."""

    text: list[str] = field(default_factory=list)
    calls: dict[int, _CallParts] = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)
    finish: str | None = None

    def add(self, chunk: ChatCompletionChunk) -> Iterator[TextDelta | ToolCallDelta]:
        """Take in one chunk; the deltas it carries."""
        if chunk.usage is not None:
            self.usage = _usage(chunk.usage)
        for choice in chunk.choices:
            if choice.index != 0:
                continue  # only one choice is asked for
            if choice.delta.content:
                self.text.append(choice.delta.content)
                yield TextDelta(text=choice.delta.content)
            for call in choice.delta.tool_calls or ():
                yield self._add_call(call)
            self.finish = choice.finish_reason or self.finish

    def _add_call(self, call: ChoiceDeltaToolCall) -> ToolCallDelta:
        name = call.function.name if call.function else None
        arguments = (call.function.arguments if call.function else None) or ""
        parts = self.calls.setdefault(call.index, _CallParts())
        parts.id = parts.id or call.id or ""
        parts.name = parts.name or name or ""
        parts.arguments.append(arguments)
        return ToolCallDelta(index=call.index, id=call.id, name=name, arguments=arguments)

    def response(self, name: str, request: ModelRequest) -> ModelResponse:
        """The whole reply.

        Raises:
            ModelError: the stream stopped before the provider said it was finished.
        """
        if self.finish is None:
            raise stream_incomplete(name)
        calls = tuple(
            ToolCall(
                id=parts.id,
                name=parts.name,
                arguments=tool_arguments(name, parts.name, "".join(parts.arguments)),
            )
            for _, parts in sorted(self.calls.items())
        )
        message = Message.assistant(
            "".join(self.text), author=request.author, tool_calls=calls, usage=self.usage
        )
        return ModelResponse(
            message=message, usage=self.usage, model=name, finish_reason=self.finish
        )


def _wire_message(message: Message) -> ChatCompletionMessageParam:
    """One Conclave message in the Chat Completions wire format."""
    if message.role == "tool":
        return {
            "role": "tool",
            "content": message.content,
            "tool_call_id": message.tool_call_id or "",
        }
    if message.role == "assistant":
        if not message.tool_calls:
            return {"role": "assistant", "content": message.content}
        calls = [_wire_call(call) for call in message.tool_calls]
        return {"role": "assistant", "content": message.content or None, "tool_calls": calls}
    if message.role == "system":
        return {"role": "system", "content": message.content}
    return {"role": "user", "content": message.content}


def _wire_call(call: ToolCall) -> ChatCompletionMessageToolCallUnionParam:
    arguments = json.dumps(call.arguments)
    return {
        "id": call.id,
        "type": "function",
        "function": {"name": call.name, "arguments": arguments},
    }


def _wire_tool(tool: ToolDefinition) -> ChatCompletionFunctionToolParam:
    return {
        "type": "function",
        "function": {
            "name": tool.name,
            "description": tool.description,
            "parameters": tool.parameters,
        },
    }


def _first_choice(completion: object) -> dict[str, Any] | None:
    choices = completion.get("choices") if isinstance(completion, dict) else None
    if isinstance(choices, list) and choices and isinstance(choices[0], dict):
        return choices[0]
    return None


def _json_usage(completion: object) -> Usage:
    usage = completion.get("usage") if isinstance(completion, dict) else None
    if not isinstance(usage, dict):
        return Usage()
    # Some compatible servers send nulls here, whatever the schema says.
    return Usage(
        input_tokens=int(usage.get("prompt_tokens") or 0),
        output_tokens=int(usage.get("completion_tokens") or 0),
    )


def _usage(usage: CompletionUsage | None) -> Usage:
    if usage is None:
        return Usage()
    # Some compatible servers send nulls here, whatever the schema says.
    return Usage(input_tokens=usage.prompt_tokens or 0, output_tokens=usage.completion_tokens or 0)


def _detail(error: Exception) -> str:
    body = getattr(error, "body", None)
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return str(body["message"])
    return str(getattr(error, "message", error))
