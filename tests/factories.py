"""Factories shared by the tests: agents, tools and logs built in one place."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from conclave import (
    Agent,
    Event,
    InMemoryRunLog,
    ScriptedModel,
    Tool,
    tool,
)
from conclave.engine.models.scripted import ScriptItem


@tool(idempotent=True)
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@tool
async def shout(text: str) -> str:
    """Upper-case a text."""
    return text.upper()


@tool
def explode(reason: str = "boom") -> str:
    """Always raises."""
    raise RuntimeError(reason)


@tool(timeout=0.05)
async def sleepy(seconds: float = 1.0) -> str:
    """Sleeps longer than its timeout."""
    await asyncio.sleep(seconds)
    return "woke"


def make_agent(
    script: Sequence[ScriptItem] = ("Hello!",),
    *,
    tools: Sequence[Tool] = (add, shout),
    name: str = "helper",
    **fields: Any,
) -> tuple[Agent, ScriptedModel]:
    model = ScriptedModel(script)
    return Agent.define(name, model=model, tools=tools, **fields), model


async def collect(agent: Agent, text: str = "hi", **kwargs: Any) -> list[Event]:
    return [event async for event in agent.run(text, **kwargs)]


def kinds(events: Sequence[Event]) -> list[str]:
    return [event.kind for event in events]


__all__ = ["InMemoryRunLog", "add", "collect", "explode", "kinds", "make_agent", "shout", "sleepy"]
