"""How run events look in a terminal."""

from __future__ import annotations

from typing import assert_never

import typer

from conclave.cli.options import shorten
from conclave.engine.events import (
    Event,
    MessageCompleted,
    MessageDelta,
    RunCompleted,
    RunFailed,
    RunStarted,
    StreamRestarted,
    ToolCallCompleted,
    ToolCallRequested,
    UsageRecorded,
)


class TerminalRenderer:
    """Prints a run's events as they come: streamed text, tool calls and failures.

    Args:
        show_usage: print tokens and cost after each run.
    """

    def __init__(self, *, show_usage: bool = False) -> None:
        self.show_usage = show_usage
        self._streaming = False

    def __call__(self, event: Event) -> None:
        match event:
            case MessageDelta():
                self._delta(event.text)
            case MessageCompleted():
                self._message(event)
            case ToolCallRequested():
                self._end_stream()
                arguments = ", ".join(f"{k}={v!r}" for k, v in event.arguments.items())
                typer.secho(f"  → {event.tool}({shorten(arguments, 120)})", fg=typer.colors.CYAN)
            case ToolCallCompleted():
                colour = typer.colors.RED if event.is_error else typer.colors.GREEN
                typer.secho(f"  ← {shorten(event.result, 160)}", fg=colour)
            case StreamRestarted():
                self._end_stream()
                typer.secho(f"  (stream restarted: {event.reason})", fg=typer.colors.YELLOW)
            case RunFailed():
                self._end_stream()
                typer.secho(f"error: {event.error}", fg=typer.colors.RED, err=True)
            case RunCompleted():
                self._end_stream()
                if self.show_usage:
                    usage = event.usage
                    typer.secho(
                        f"  [{usage.input_tokens} in / {usage.output_tokens} out tokens, "
                        f"${event.cost_usd:.4f}]",
                        dim=True,
                    )
            case RunStarted() | UsageRecorded():
                pass
            case _:
                assert_never(event)

    def _delta(self, text: str) -> None:
        self._streaming = True
        typer.echo(text, nl=False)

    def _message(self, event: MessageCompleted) -> None:
        message = event.message
        if message.role != "assistant" or message.tool_calls:
            self._end_stream()
            return
        if self._streaming:
            self._end_stream()
        else:
            typer.echo(message.content)

    def _end_stream(self) -> None:
        if self._streaming:
            typer.echo()
            self._streaming = False
