"""``conclave chat``: talk to an agent in the terminal, or from a script through a pipe."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from conclave.cli.options import ModelOption, SpecsOption, friendly_errors, load_catalog
from conclave.cli.render import TerminalRenderer
from conclave.engine.agents import Agent
from conclave.engine.events import MessageCompleted, RunCompleted
from conclave.engine.messages import Message

EXIT_WORDS = {"/exit", "/quit", "exit", "quit"}


@friendly_errors
def chat(
    agent: str = typer.Option("assistant", "--agent", "-a", help="The agent to talk to."),
    model: str | None = ModelOption,
    specs: Path | None = SpecsOption,
    usage: bool = typer.Option(False, "--usage", help="Show tokens and cost after each reply."),
) -> None:
    """Chat with an agent. Reads one message per line when input is not a terminal."""
    catalog = load_catalog(specs, model)
    runner = catalog.agent(agent, model=model)
    interactive = sys.stdin.isatty()
    if interactive:
        typer.secho(
            f"Chatting with {runner.name} on {runner.blueprint.model.name}. "
            "Type /exit to leave, /reset to forget the conversation.",
            dim=True,
        )
    asyncio.run(_converse(runner, _lines(interactive), TerminalRenderer(show_usage=usage)))


def _lines(interactive: bool) -> Iterator[str]:
    while True:
        try:
            line = input("you › ") if interactive else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            return
        if not interactive and not line:
            return
        yield line.strip()


async def _converse(agent: Agent, lines: Iterator[str], render: TerminalRenderer) -> None:
    history: list[Message] = []
    for line in lines:
        if not line:
            continue
        if line.lower() in EXIT_WORDS:
            return
        if line == "/reset":
            history.clear()
            typer.secho("(conversation forgotten)", dim=True)
            continue
        history.extend(await _turn(agent, line, history, render))


async def _turn(
    agent: Agent, line: str, history: list[Message], render: TerminalRenderer
) -> list[Message]:
    """Run one message; return the messages to remember (the input and the final reply)."""
    reply: Message | None = None
    async for event in agent.run(line, history=history, stream=True):
        render(event)
        if isinstance(event, MessageCompleted) and not event.message.tool_calls:
            reply = event.message
        if isinstance(event, RunCompleted) and reply is not None:
            return [Message.user(line), reply]
    return [Message.user(line)]
