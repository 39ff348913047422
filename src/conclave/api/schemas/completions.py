"""Bodies of the OpenAI-compatible routes, in the shapes of OpenAI's Chat Completions API.

A request takes every parameter an OpenAI client may send. The ones listed here are
type-checked, so a wrong type is a 422 naming the field; any other field is ignored, so a
parameter added to the API later does not break a client that sends it.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

from conclave.api.schemas._values import Text

__all__ = [
    "ChatCompletion",
    "ChatCompletionChunk",
    "ChatCompletionCreate",
    "ChatMessage",
    "Choice",
    "ChunkChoice",
    "ChunkDelta",
    "CompletionUsage",
    "ContentPart",
    "ModelList",
    "ModelPublic",
    "ReplyMessage",
    "StreamOptions",
]

Role = Literal["system", "developer", "user", "assistant", "tool", "function"]
_LENIENT = ConfigDict(extra="ignore")


class ContentPart(BaseModel):
    """One part of a message's content; only the text of ``text`` parts is read."""

    model_config = _LENIENT

    type: str
    text: Text | None = None


class ChatMessage(BaseModel):
    """One message of the conversation a request sends."""

    model_config = _LENIENT

    role: Role
    content: Text | list[ContentPart] | None = None
    name: str | None = None
    tool_call_id: str | None = None
    tool_calls: list[dict[str, Any]] | None = None

    @property
    def text(self) -> str:
        """The content as text: the ``text`` parts of a list, one per line."""
        if self.content is None or isinstance(self.content, str):
            return self.content or ""
        return "\n".join(part.text for part in self.content if part.type == "text" and part.text)


class StreamOptions(BaseModel):
    """Options of a streamed response."""

    model_config = _LENIENT

    include_usage: bool | None = None
    include_obfuscation: bool | None = None


class ChatCompletionCreate(BaseModel):
    """A Chat Completions request: ``model`` names the agent or team that answers."""

    model_config = _LENIENT

    model: Text = Field(
        min_length=1,
        max_length=300,
        description="`agent:<name>`, `team:<name>`, or an agent's bare name",
    )
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool | None = False
    stream_options: StreamOptions | None = None
    n: int | None = Field(default=None, description="accepted; one choice is answered")
    max_tokens: int | None = None
    max_completion_tokens: int | None = None
    temperature: float | None = None
    top_p: float | None = None
    stop: str | list[str] | None = None
    frequency_penalty: float | None = None
    presence_penalty: float | None = None
    logit_bias: dict[str, float] | None = None
    logprobs: bool | None = None
    top_logprobs: int | None = None
    user: str | None = None
    seed: int | None = None
    tools: list[dict[str, Any]] | None = None
    tool_choice: str | dict[str, Any] | None = None
    parallel_tool_calls: bool | None = None
    functions: list[dict[str, Any]] | None = None
    function_call: str | dict[str, Any] | None = None
    response_format: dict[str, Any] | None = None
    metadata: dict[str, str] | None = None
    store: bool | None = None
    service_tier: str | None = None
    modalities: list[str] | None = None
    audio: dict[str, Any] | None = None
    prediction: dict[str, Any] | None = None
    reasoning_effort: str | None = None
    verbosity: str | None = None
    web_search_options: dict[str, Any] | None = None
    prompt_cache_key: str | None = None
    safety_identifier: str | None = None

    @property
    def include_usage(self) -> bool:
        """Whether a streamed response ends with a chunk of the usage."""
        return bool(self.stream_options and self.stream_options.include_usage)


class CompletionUsage(BaseModel):
    """Tokens the turn took, over every model call of the agent or team."""

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int

    @classmethod
    def of(cls, input_tokens: int, output_tokens: int) -> CompletionUsage:
        return cls(
            prompt_tokens=input_tokens,
            completion_tokens=output_tokens,
            total_tokens=input_tokens + output_tokens,
        )


class ReplyMessage(BaseModel):
    """The reply."""

    role: Literal["assistant"] = "assistant"
    content: str
    refusal: None = None


class Choice(BaseModel):
    """The one choice of a response."""

    index: int = 0
    message: ReplyMessage
    logprobs: None = None
    finish_reason: Literal["stop", "content_filter"] = "stop"


class ChatCompletion(BaseModel):
    """A whole response; ``id`` is ``chatcmpl-<run id>``."""

    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: CompletionUsage


class ChunkDelta(BaseModel):
    """What a chunk adds to the reply; only the fields it sets are sent."""

    role: Literal["assistant"] | None = None
    content: str | None = None

    @model_serializer(mode="wrap")
    def _set_only(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        fields: dict[str, Any] = handler(self)
        return {key: value for key, value in fields.items() if value is not None}


class ChunkChoice(BaseModel):
    """The one choice of a chunk."""

    index: int = 0
    delta: ChunkDelta
    logprobs: None = None
    finish_reason: Literal["stop", "content_filter"] | None = None


class ChatCompletionChunk(BaseModel):
    """One server-sent event of a streamed response."""

    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    choices: list[ChunkChoice]
    usage: CompletionUsage | None = None


class ModelPublic(BaseModel):
    """An agent (``agent:<name>``) or a team (``team:<name>``) to use as a model."""

    id: str
    object: Literal["model"] = "model"
    created: int = Field(default=0, description="when it was stored; 0 for a built-in one")
    owned_by: str = "conclave"


class ModelList(BaseModel):
    """Every agent and team the caller can use as a model."""

    object: Literal["list"] = "list"
    data: list[ModelPublic]
