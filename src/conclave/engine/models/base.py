"""The model seam: what the engine asks of any model provider.

A ``ModelClient`` needs two methods. ``complete`` returns a whole response; ``stream``
yields ``TextDelta`` and ``ToolCallDelta`` chunks and always ends with one ``StreamDone``
that carries the whole response, so a consumer never has to reassemble tool calls itself.
A ``StreamReset`` chunk means the deltas since the start of the stream are void and a new
attempt follows (a retry after the connection dropped mid-stream).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from conclave.engine.messages import Message, Usage


@dataclass(frozen=True, kw_only=True, slots=True)
class ToolDefinition:
    """A tool as a model sees it: a name, what it does, and a JSON schema of its arguments."""

    name: str
    description: str
    parameters: dict[str, Any] = field(default_factory=lambda: {"type": "object", "properties": {}})


@dataclass(frozen=True, kw_only=True, slots=True)
class ModelRequest:
    """One call to a model.

    Attributes:
        messages: the conversation, system message first if there is one.
        tools: the tools the model may call.
        max_output_tokens: the most the reply may cost in output tokens.
        temperature: sampling temperature, or ``None`` for the provider's default.
        author: the agent making the call; models that play a role (offline) use it.
    """

    messages: Sequence[Message]
    tools: Sequence[ToolDefinition] = ()
    max_output_tokens: int | None = None
    temperature: float | None = None
    author: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ModelResponse:
    """A model's whole reply: an assistant message (text and/or tool calls) and its usage."""

    message: Message
    usage: Usage
    model: str
    finish_reason: str = "stop"


@dataclass(frozen=True, kw_only=True, slots=True)
class TextDelta:
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ToolCallDelta:
    """A piece of a tool call: the first piece of a call has its id and name."""

    index: int
    id: str | None = None
    name: str | None = None
    arguments: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class StreamReset:
    """The chunks streamed so far are void; the call is being tried again."""

    reason: str
    attempt: int


@dataclass(frozen=True, kw_only=True, slots=True)
class StreamDone:
    response: ModelResponse


StreamChunk = TextDelta | ToolCallDelta | StreamReset | StreamDone


@runtime_checkable
class ModelClient(Protocol):
    """A model provider. ``name`` is its ``provider:model`` string."""

    @property
    def name(self) -> str: ...

    async def complete(self, request: ModelRequest) -> ModelResponse:
        """The whole reply to one request."""
        ...

    def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        """The reply as it is produced; ends with exactly one ``StreamDone``."""
        ...


async def stream_from_complete(
    client: ModelClient, request: ModelRequest, *, piece: int = 0
) -> AsyncIterator[StreamChunk]:
    """Stream a complete reply: its text word by word (or whole), then ``StreamDone``.

    For providers that have no native streaming (offline, scripted).
    """
    response = await client.complete(request)
    text = response.message.content
    if text:
        if piece:
            for start in range(0, len(text), piece):
                yield TextDelta(text=text[start : start + piece])
        else:
            for word in _words(text):
                yield TextDelta(text=word)
    yield StreamDone(response=response)


def _words(text: str) -> list[str]:
    """Split text into words that keep their following whitespace, so joining restores it."""
    pieces: list[str] = []
    start = 0
    length = len(text)
    while start < length:
        end = text.find(" ", start)
        end = length if end < 0 else end + 1
        pieces.append(text[start:end])
        start = end
    return pieces
