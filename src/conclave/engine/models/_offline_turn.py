"""What the offline model makes of a conversation: what to answer, and what came before.

In a team, one conversation holds several agents' messages. "Mine" are the messages of the
agent making the call (``request.author``); the *prompt* is the newest message from anyone
else, a user or another agent, and it is *answered* once a reply or tool result of mine
follows it, so the same message never triggers the same tool twice.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from conclave.engine.messages import Message, ToolCall
from conclave.engine.models._offline_text import NOTICE_PREFIX, clean

_OTHERS_KEPT = 8  # older contributions add length, not sense, to an offline reply


@dataclass(frozen=True, slots=True)
class Result:
    """A tool result: the call's tool and arguments, what it returned, whether it failed."""

    tool: str
    content: str
    failed: bool = False
    arguments: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Contribution:
    """Something another participant said: its author ("user" for people) and text."""

    author: str
    text: str


@dataclass(frozen=True, slots=True)
class Turn:
    """A conversation as seen by the agent about to speak.

    Attributes:
        system: the system messages, joined.
        task: the first user message: what the conversation is about.
        prompt: the newest message from someone else, without offline notices.
        prompt_from_user: whether a person, not another agent, wrote the prompt.
        answered: whether a reply or tool result of this agent already follows the prompt.
        echo: whether the prompt is another offline agent's reply, whose mentions of tools
            report calls already made rather than ask for new ones.
        results: the tool results that end the conversation, answering this agent's calls.
        earlier: every tool result in the conversation, oldest first.
        others: what others said after the task, oldest first.
        fresh: how many of ``others`` came after this agent last spoke.
        own: how many replies with text this agent has given.
        seed: what makes this turn's tool-call ids differ from other turns'.
    """

    system: str = ""
    task: str = ""
    prompt: str = ""
    prompt_from_user: bool = True
    answered: bool = False
    echo: bool = False
    results: tuple[Result, ...] = ()
    earlier: tuple[Result, ...] = ()
    others: tuple[Contribution, ...] = ()
    fresh: int = 0
    own: int = 0
    seed: str = ""


def read_turn(messages: Sequence[Message], author: str | None) -> Turn:
    """Read ``messages`` from the point of view of ``author``."""
    mine = [_is_mine(message, author) for message in messages]
    prompt_at = _prompt_index(messages, mine)
    task_at = next((i for i, m in enumerate(messages) if m.role == "user"), len(messages))
    prompt = messages[prompt_at] if prompt_at is not None else None
    after = range(prompt_at + 1, len(messages)) if prompt_at is not None else range(0)
    others = _others(messages, mine, task_at)
    last_mine = max((i for i, is_mine in enumerate(mine) if is_mine), default=-1)
    calls = _calls(messages)
    return Turn(
        system="\n\n".join(m.content for m in messages if m.role == "system"),
        task=clean(messages[task_at].content) if task_at < len(messages) else "",
        prompt=clean(prompt.content) if prompt else "",
        prompt_from_user=prompt is None or (prompt.role == "user" and prompt.author is None),
        answered=any(mine[i] or messages[i].role == "tool" for i in after),
        echo=_is_echo(prompt),
        results=_trailing_results(messages, calls),
        earlier=tuple(_result(m, calls) for m in messages if m.role == "tool"),
        others=tuple(c for _, c in others[-_OTHERS_KEPT:]),
        fresh=sum(1 for i, _ in others if i > last_mine),
        own=sum(1 for i, m in enumerate(messages) if mine[i] and clean(m.content)),
        seed=f"{len(messages)}\x00{prompt.content if prompt else ''}",
    )


def _is_mine(message: Message, author: str | None) -> bool:
    if message.role == "assistant" and message.author is None:
        return True
    if message.role not in ("assistant", "user") or author is None or message.author is None:
        return False
    return _same(message.author, author)


def _same(one: str, other: str) -> bool:
    """Names match whole or by their last path segment ("team/writer" is "writer")."""
    return one == other or one.rsplit("/", 1)[-1] == other.rsplit("/", 1)[-1]


def _prompt_index(messages: Sequence[Message], mine: list[bool]) -> int | None:
    for index in range(len(messages) - 1, -1, -1):
        message = messages[index]
        if message.role in ("user", "assistant") and not mine[index] and clean(message.content):
            return index
    return None


def _others(
    messages: Sequence[Message], mine: list[bool], task_at: int
) -> list[tuple[int, Contribution]]:
    found = []
    for index in range(task_at + 1, len(messages)):
        message = messages[index]
        text = clean(message.content)
        if message.role in ("user", "assistant") and not mine[index] and text:
            found.append((index, Contribution(author=message.author or "user", text=text)))
    return found


def _calls(messages: Sequence[Message]) -> dict[str, ToolCall]:
    return {call.id: call for message in messages for call in message.tool_calls}


def _result(message: Message, calls: dict[str, ToolCall]) -> Result:
    meta = message.metadata or {}
    failed = bool(meta.get("is_error") or meta.get("error"))
    call = calls.get(message.tool_call_id or "")
    if call is None:
        return Result(tool="tool", content=message.content, failed=failed)
    return Result(call.name, message.content, failed, call.arguments)


def _trailing_results(
    messages: Sequence[Message], calls: dict[str, ToolCall]
) -> tuple[Result, ...]:
    """Tool results at the end of the conversation that answer the calls before them."""
    start = len(messages)
    while start > 0 and messages[start - 1].role == "tool":
        start -= 1
    if start == len(messages) or start == 0 or not messages[start - 1].tool_calls:
        return ()
    return tuple(_result(message, calls) for message in messages[start:])


def _is_echo(prompt: Message | None) -> bool:
    """Whether the prompt is another offline agent's reply (whose tool names are not asks).

    Teams show an agent the others' replies as user messages with an author, so the author
    and the notice tell it; a workflow's prompt that quotes earlier outputs has no author.
    """
    if prompt is None or NOTICE_PREFIX not in prompt.content:
        return False
    return prompt.role == "assistant" or prompt.author is not None
