"""The shared context: where agents of a team leave findings for each other.

A :class:`ContextStore` holds namespaced keys and lists, with an optional time to live. A
team run wraps it in a :class:`SharedContext` that records every write as a
``context.written`` event. Agents reach it through the ``share_finding`` and
``read_findings`` tools, which find the current run's context through a context variable.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import Any, Protocol, runtime_checkable

from conclave.engine.events import ContextWritten
from conclave.engine.recorder import Recorder
from conclave.engine.tools import Tool, tool
from conclave.errors import ToolFailed


@runtime_checkable
class ContextStore(Protocol):
    """Namespaced values and lists; an entry past its TTL reads as absent."""

    async def get(self, namespace: str, key: str) -> Any | None: ...

    async def set(
        self, namespace: str, key: str, value: Any, *, ttl: float | None = None
    ) -> None: ...

    async def append(
        self, namespace: str, key: str, value: Any, *, ttl: float | None = None
    ) -> None: ...

    async def items(self, namespace: str) -> dict[str, Any]: ...

    async def delete(self, namespace: str, key: str) -> None: ...


class InMemoryContextStore:
    """A context store in a dict: the embedded default and the test double."""

    def __init__(self, *, clock: Any = time.monotonic) -> None:
        self._data: dict[tuple[str, str], tuple[Any, float | None]] = {}
        self._clock = clock

    async def get(self, namespace: str, key: str) -> Any | None:
        entry = self._data.get((namespace, key))
        if entry is None:
            return None
        value, expires = entry
        if expires is not None and self._clock() >= expires:
            del self._data[(namespace, key)]
            return None
        return value

    async def set(self, namespace: str, key: str, value: Any, *, ttl: float | None = None) -> None:
        self._data[(namespace, key)] = (value, None if ttl is None else self._clock() + ttl)

    async def append(
        self, namespace: str, key: str, value: Any, *, ttl: float | None = None
    ) -> None:
        current = await self.get(namespace, key)
        items = [*current, value] if isinstance(current, list) else [value]
        await self.set(namespace, key, items, ttl=ttl)

    async def items(self, namespace: str) -> dict[str, Any]:
        found = {}
        for ns, key in list(self._data):
            if ns == namespace and (value := await self.get(ns, key)) is not None:
                found[key] = value
        return found

    async def delete(self, namespace: str, key: str) -> None:
        self._data.pop((namespace, key), None)


class SharedContext:
    """One team run's view of a context store; every write becomes an event.

    Args:
        store: where values live.
        recorder: the run's recorder.
        scope: a prefix for namespaces, so runs sharing a store stay apart.
    """

    def __init__(self, store: ContextStore, recorder: Recorder, *, scope: str) -> None:
        self.store = store
        self.recorder = recorder
        self.scope = scope

    async def write(
        self, namespace: str, key: str, value: Any, *, author: str, append: bool = False
    ) -> None:
        """Store a value (or add it to a list) and record who wrote it."""
        full = f"{self.scope}/{namespace}"
        if append:
            await self.store.append(full, key, value)
        else:
            await self.store.set(full, key, value)
        rec = self.recorder
        await rec.record_aside(
            ContextWritten(
                run_id=rec.run_id,
                seq=rec.next_seq(),
                author=author,
                namespace=namespace,
                key=key,
                value=value,
                op="append" if append else "set",
            )
        )

    async def read(self, namespace: str, key: str | None = None) -> Any:
        full = f"{self.scope}/{namespace}"
        if key is None:
            return await self.store.items(full)
        return await self.store.get(full, key)


class Seat:
    """Who is writing: the shared context and the author path of the agent whose turn it is."""

    __slots__ = ("author", "context")

    def __init__(self, context: SharedContext, author: str) -> None:
        self.context = context
        self.author = author

    @property
    def namespace(self) -> str:
        """An agent writes under its own name (the last part of its path)."""
        return self.author.rsplit("/", 1)[-1]


current_seat: ContextVar[Seat | None] = ContextVar("conclave_seat", default=None)


def _seat() -> Seat:
    seat = current_seat.get()
    if seat is None:
        raise ToolFailed("the shared context exists only inside a team run", tool="share_finding")
    return seat


# Names that ordinary prose does not contain, so a model that reads tool names from the
# conversation (the offline one) is not led to call them by a sentence such as "share this".
@tool(idempotent=True, timeout=10, name="share_finding")
async def share(key: str, value: str) -> str:
    """Leave a finding in the team's shared context, under your name, for your teammates."""
    seat = _seat()
    await seat.context.write(seat.namespace, key, value, author=seat.author)
    return f"shared {seat.namespace}.{key}"


@tool(idempotent=True, timeout=10, name="read_findings")
async def recall(agent: str = "", key: str = "") -> str:
    """Read what teammates shared: one agent's findings, or one key of them."""
    seat = _seat()
    if not agent:
        return "name the agent whose findings you want, e.g. read_findings(agent='researcher')"
    found = await seat.context.read(agent, key or None)
    if found in (None, {}):
        return f"{agent} has shared nothing" + (f" under {key!r}" if key else "")
    return str(found)


CONTEXT_TOOLS: tuple[Tool, ...] = (share, recall)
CONTEXT_INSTRUCTIONS = (
    "You work in a team. Use the share_finding tool to leave findings your teammates "
    "need, and read_findings to read what they shared."
)
