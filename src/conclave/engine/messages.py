"""Messages: what agents, users and tools say to each other.

Messages are frozen, slotted dataclasses: cheap to build in the hot path, safe to share
between runs, and serialised through the same ``TypeAdapter`` as events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["system", "user", "assistant", "tool"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Usage:
    """Tokens a model call consumed."""

    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
        )


ZERO_USAGE = Usage()


@dataclass(frozen=True, kw_only=True, slots=True)
class ToolCall:
    """A model's request to call one tool.

    Attributes:
        id: the provider's call id; a tool result answers it by this id.
        name: the tool's name.
        arguments: the parsed JSON arguments.
    """

    id: str
    name: str
    arguments: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class Message:
    """One message of a conversation.

    Attributes:
        role: ``system``, ``user``, ``assistant`` or ``tool``.
        content: the text.
        author: the agent (or ``team/agent`` path) that wrote it; ``None`` for users.
        tool_calls: tool calls an assistant message asks for.
        tool_call_id: for a tool message, the call it answers.
        usage: tokens the model call that produced it consumed.
        metadata: anything else worth keeping with it.
    """

    role: Role
    content: str = ""
    author: str | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str | None = None
    usage: Usage | None = None
    metadata: dict[str, Any] | None = None

    @classmethod
    def system(cls, content: str) -> Message:
        return cls(role="system", content=content)

    @classmethod
    def user(cls, content: str, *, author: str | None = None) -> Message:
        return cls(role="user", content=content, author=author)

    @classmethod
    def assistant(
        cls,
        content: str,
        *,
        author: str | None = None,
        tool_calls: tuple[ToolCall, ...] = (),
        usage: Usage | None = None,
    ) -> Message:
        return cls(
            role="assistant", content=content, author=author, tool_calls=tool_calls, usage=usage
        )

    @classmethod
    def tool(cls, content: str, *, tool_call_id: str, author: str | None = None) -> Message:
        return cls(role="tool", content=content, tool_call_id=tool_call_id, author=author)
