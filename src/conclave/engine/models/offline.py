"""The offline model: deterministic, keyless, and useful enough to run the platform on.

It is the embedded default, so with nothing configured agents and teams still work end to
end. For each request it does the first of these that applies:

1. The conversation ends with tool results answering its calls: it reports each result.
2. The newest message from someone else names a tool, or clearly asks for what one does,
   and nothing of its own answers that message yet: it calls the tool with arguments read
   from the message, or says which required argument the message does not give. Another
   offline agent's reply never triggers a call, so two offline agents cannot call the
   same tool back and forth.
3. Otherwise it answers in its role (researcher, reviewer, planner, writer, coordinator,
   engineer or assistant) from the task, the other agents' messages and earlier results,
   adding the finishing word its instructions ask for when its part is finished.

Every text reply ends with :data:`OFFLINE_NOTICE`, so nobody mistakes it for a real model's
answer. The same request always gets the same reply: nothing depends on chance or the clock.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence

from conclave.engine.messages import Message, ToolCall, Usage
from conclave.engine.models._offline_roles import closing_word, role_reply
from conclave.engine.models._offline_schema import Param
from conclave.engine.models._offline_text import and_list
from conclave.engine.models._offline_tools import describe_result, plan_calls
from conclave.engine.models._offline_turn import Turn, read_turn
from conclave.engine.models.base import (
    ModelRequest,
    ModelResponse,
    StreamChunk,
    stream_from_complete,
)
from conclave.engine.tokens import count_messages, count_tokens

__all__ = ["OFFLINE_NOTICE", "OfflineModel"]

OFFLINE_NOTICE = (
    "— offline model: set CONCLAVE_MODEL=openai:gpt-4o-mini (with OPENAI_API_KEY) or "
    "anthropic:claude-sonnet-4-5 (with ANTHROPIC_API_KEY) for real answers."
)


class OfflineModel:
    """A model that needs no key and no network, and answers deterministically.

    Args:
        model: a label for this instance; :attr:`name` is ``offline:<model>``.

    Example:
        >>> model = OfflineModel()
        >>> model.name
        'offline:default'
    """

    __slots__ = ("_model",)

    def __init__(self, model: str = "default") -> None:
        self._model = model

    def __repr__(self) -> str:
        return f"OfflineModel({self._model!r})"

    @property
    def name(self) -> str:
        """``offline:<model>``."""
        return f"offline:{self._model}"

    async def complete(self, request: ModelRequest) -> ModelResponse:
        """The reply to ``request``: tool calls, or text that ends with the offline notice."""
        text, calls = _reply(request)
        arguments = sum(count_tokens(json.dumps(call.arguments)) for call in calls)
        usage = Usage(
            input_tokens=count_messages(request.messages),
            output_tokens=count_tokens(text) + arguments,
        )
        message = Message.assistant(text, author=request.author, tool_calls=calls, usage=usage)
        return ModelResponse(
            message=message,
            usage=usage,
            model=self.name,
            finish_reason="tool_calls" if calls else "stop",
        )

    def stream(self, request: ModelRequest) -> AsyncIterator[StreamChunk]:
        """The reply word by word, then ``StreamDone`` with the whole response."""
        return stream_from_complete(self, request)


def _reply(request: ModelRequest) -> tuple[str, tuple[ToolCall, ...]]:
    turn = read_turn(request.messages, request.author)
    if turn.results:
        return _noted(_report(turn, request.author)), ()
    if turn.prompt and not turn.answered and not turn.echo and request.tools:
        plan = plan_calls(turn.prompt, request.tools, seed=turn.seed)
        if plan.calls:
            return "", plan.calls
        if plan.missing and turn.prompt_from_user:
            return _noted(_lacking(plan.missing)), ()
    tools = [tool.name for tool in request.tools]
    return _noted(role_reply(turn, request.author, tools)), ()


def _report(turn: Turn, author: str | None) -> str:
    lines = [describe_result(r) for r in turn.results]
    word = closing_word(turn, author)
    return "\n".join([*lines, word] if word else lines)


def _lacking(missing: Sequence[tuple[str, tuple[Param, ...]]]) -> str:
    lines = []
    for tool, params in missing:
        needed = and_list(param.describe() for param in params)
        example = " ".join(f"{param.name}=..." for param in params)
        lines.append(f"I can call {tool}, but the message does not give {needed}.")
        values = "value" if len(params) == 1 else "values"
        lines.append(f"Say it again with the {values}, for example: {example}")
    return "\n".join(lines)


def _noted(text: str) -> str:
    return f"{text}\n{OFFLINE_NOTICE}" if text else OFFLINE_NOTICE
