"""The scripted model: replays given replies and tool calls in order, for tests.

Example::

    model = ScriptedModel([call("add", a=1, b=2), "The sum is 3."])
    ...
    model.assert_consumed()   # fails, listing them, if replies were left unused

A script item may be a string (a text reply), a :class:`ToolCall` or a list of them (one
reply asking for those calls), a :class:`Reply` (full control, usage included), an exception
(raised by that call), or a function of the request that returns any of those.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from conclave.engine.messages import Message, ToolCall, Usage
from conclave.engine.models.base import (
    ModelRequest,
    ModelResponse,
    StreamChunk,
    stream_from_complete,
)
from conclave.engine.tokens import count_messages, count_tokens
from conclave.errors import ScriptExhausted

_ids = itertools.count(1)


@dataclass(frozen=True, kw_only=True, slots=True)
class Reply:
    """One scripted reply. Usage is estimated from the text when not given."""

    text: str = ""
    tool_calls: tuple[ToolCall, ...] = ()
    usage: Usage | None = None
    finish_reason: str | None = None


ScriptItem: TypeAlias = (
    str
    | ToolCall
    | Sequence[ToolCall]
    | Reply
    | BaseException
    | Callable[[ModelRequest], "str | ToolCall | Sequence[ToolCall] | Reply"]
)


def call(name: str, /, **arguments: Any) -> ToolCall:
    """A tool call for a script, with a fresh id."""
    return ToolCall(id=f"call_{next(_ids)}", name=name, arguments=arguments)


class ScriptedModel:
    """A model that replays a script. ``requests`` records every request it received."""

    __slots__ = ("_name", "_script", "calls", "requests")

    def __init__(self, script: Iterable[ScriptItem] = (), *, name: str = "default") -> None:
        self._script: deque[ScriptItem] = deque(script)
        self._name = f"scripted:{name}"
        self.requests: list[ModelRequest] = []
        self.calls = 0

    @property
    def name(self) -> str:
        return self._name

    @property
    def unconsumed(self) -> list[ScriptItem]:
        """Script items not used yet."""
        return list(self._script)

    def extend(self, items: Iterable[ScriptItem]) -> None:
        """Add more replies to the end of the script."""
        self._script.extend(items)

    def assert_consumed(self) -> None:
        """Raise if any scripted reply was never used, listing them."""
        if self._script:
            left = ", ".join(_summary(item) for item in self._script)
            raise AssertionError(
                f"{self._name}: {len(self._script)} scripted replies never used "
                f"after {self.calls} calls: {left}"
            )

    async def complete(self, request: ModelRequest) -> ModelResponse:
        self.requests.append(request)
        self.calls += 1
        if not self._script:
            raise ScriptExhausted(
                f"{self._name} was called {self.calls} times but scripts only "
                f"{self.calls - 1} replies; add replies to the script",
                calls=self.calls,
            )
        return _respond(self._script.popleft(), request, self._name)

    def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        return stream_from_complete(self, request)


def _respond(item: ScriptItem, request: ModelRequest, model: str) -> ModelResponse:
    if type(item) is Reply:  # the common case first: benchmarks replay thousands of these
        reply = item
    else:
        if isinstance(item, BaseException):
            raise item
        if callable(item) and not isinstance(item, ToolCall):
            item = item(request)
        reply = _as_reply(item)
    usage = reply.usage or Usage(
        input_tokens=count_messages(request.messages),
        output_tokens=count_tokens(reply.text) + 8 * len(reply.tool_calls),
    )
    message = Message(
        role="assistant",
        content=reply.text,
        author=request.author,
        tool_calls=reply.tool_calls,
        usage=usage,
    )
    finish = reply.finish_reason or ("tool_calls" if reply.tool_calls else "stop")
    return ModelResponse(message=message, usage=usage, model=model, finish_reason=finish)


def _as_reply(item: object) -> Reply:
    if isinstance(item, Reply):
        return item
    if isinstance(item, str):
        return Reply(text=item)
    if isinstance(item, ToolCall):
        return Reply(tool_calls=(item,))
    if isinstance(item, Sequence) and all(isinstance(part, ToolCall) for part in item):
        return Reply(tool_calls=tuple(item))
    raise TypeError(f"a script item must be text, a ToolCall, a Reply or an error, not {item!r}")


def _summary(item: ScriptItem) -> str:
    if isinstance(item, str):
        return repr(item[:40])
    if isinstance(item, ToolCall):
        return f"call {item.name}"
    if isinstance(item, Reply):
        return f"reply {item.text[:40]!r}" + (
            f" +{len(item.tool_calls)} calls" if item.tool_calls else ""
        )
    return type(item).__name__
