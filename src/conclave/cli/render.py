"""How run events look in a terminal."""

from __future__ import annotations

from typing import assert_never

import typer

from conclave.cli.options import shorten
from conclave.engine.events import (
    ApprovalDecided,
    ApprovalRequested,
    BudgetExceededEvent,
    BudgetSpike,
    ContextWritten,
    Event,
    GuardVerdict,
    HandoffOccurred,
    MessageCompleted,
    MessageDelta,
    RunCompleted,
    RunFailed,
    RunStarted,
    SlaBreached,
    SpeakerSelected,
    StepCompleted,
    StepFailed,
    StepSkipped,
    StepStarted,
    StreamRestarted,
    TeamEvent,
    ToolCallCompleted,
    ToolCallRequested,
    TurnStarted,
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
            case BudgetExceededEvent():
                self._end_stream()
                typer.secho(f"  $ budget: {event.reason}", fg=typer.colors.YELLOW)
            case BudgetSpike():
                self._end_stream()
                typer.secho(
                    f"  $ spike: this turn cost ${event.turn_cost_usd:.4f}, "
                    f"{event.share:.0%} of the daily budget",
                    fg=typer.colors.YELLOW,
                )
            case GuardVerdict():
                self._end_stream()
                where = f" in {event.tool}" if event.tool else ""
                reasons = ", ".join(event.reasons[:3])
                typer.secho(
                    f"  ! guard {event.applied} {event.source}{where}: {reasons}",
                    fg=typer.colors.YELLOW,
                )
            case (
                TurnStarted()
                | SpeakerSelected()
                | HandoffOccurred()
                | ContextWritten()
                | StepStarted()
                | StepCompleted()
                | StepFailed()
                | StepSkipped()
                | ApprovalRequested()
                | ApprovalDecided()
                | SlaBreached()
            ):
                self._team(event)
            case _:
                assert_never(event)

    def _team(self, event: TeamEvent) -> None:
        """Team events: whose turn it is, why, handoffs, steps and approvals."""
        self._end_stream()
        match event:
            case TurnStarted():
                typer.secho(f"\n[{event.author}]", bold=True)
            case SpeakerSelected():
                why = f" ({event.method}: {shorten(event.reason, 100)})" if event.reason else ""
                typer.secho(f"  selected {event.speaker}{why}", dim=True)
            case HandoffOccurred():
                typer.secho(
                    f"  ⇢ {event.source} hands off to {event.target}", fg=typer.colors.MAGENTA
                )
            case StepStarted():
                attempt = f" (attempt {event.attempt})" if event.attempt > 1 else ""
                typer.secho(f"\n▶ step {event.step}{attempt}", bold=True)
            case StepFailed():
                typer.secho(
                    f"  ✗ step {event.step}: {event.error} → {event.action}", fg=typer.colors.RED
                )
            case StepSkipped():
                typer.secho(f"  ↷ step {event.step} skipped: {event.reason}", dim=True)
            case SlaBreached():
                limit = f"{event.timeout_s:g}s"
                typer.secho(
                    f"  ⏱ step {event.step} passed its {limit} limit → {event.escalation}",
                    fg=typer.colors.YELLOW,
                )
            case ApprovalRequested():
                typer.secho(
                    f"  ? approval {event.approval_id}: {event.prompt}", fg=typer.colors.YELLOW
                )
            case ApprovalDecided():
                verdict = "granted" if event.granted else "denied"
                note = f": {event.comment}" if event.comment else ""
                typer.secho(f"  approval {verdict} by {event.by}{note}", fg=typer.colors.YELLOW)
            case ContextWritten() | StepCompleted():
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
