"""``conclave run``: run a team, or one agent, on a task and watch it work."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import typer

from conclave.catalog import Catalog
from conclave.cli.approver import TerminalApprover
from conclave.cli.options import ModelOption, SpecsOption, friendly_errors
from conclave.cli.render import TerminalRenderer
from conclave.config import Settings
from conclave.engine.agents import Agent
from conclave.engine.approvals import Approver
from conclave.engine.events import Event, RunCompleted, RunFailed
from conclave.engine.teams.base import Team
from conclave.errors import UnknownName

Outcome = RunCompleted | RunFailed | None


@friendly_errors
def run(
    name: str = typer.Argument(..., help="The team (or agent) to run."),
    task: str = typer.Argument(..., help="What it should do."),
    model: str | None = ModelOption,
    specs: Path | None = SpecsOption,
    usage: bool = typer.Option(False, "--usage", help="Show tokens and cost at the end."),
    auto_approve: bool = typer.Option(
        False, "--auto-approve", help="Grant every approval without asking."
    ),
) -> None:
    """Run a team on a task, showing each turn, tool call, handoff, step and approval.

    Exits with status 1 when the run fails.
    """
    catalog = Catalog.load(Settings(), spec_dirs=[specs] if specs else [], override_model=model)
    runner = _runner(catalog, name, TerminalApprover(auto_approve=auto_approve))
    render = TerminalRenderer(show_usage=usage)
    try:
        outcome = asyncio.run(_watch(runner.run(task, stream=True), runner.name, render))
    except KeyboardInterrupt:
        typer.secho("\ninterrupted", fg=typer.colors.YELLOW, err=True)
        raise typer.Exit(130) from None
    _finish(outcome)


def _runner(catalog: Catalog, name: str, approver: Approver) -> Team | Agent:
    """The named team, or else the named agent, announced in one line."""
    if name in catalog.teams:
        spec = catalog.team_spec(name)
        team = catalog.team(name, approver=approver)
        typer.secho(f"{spec.kind} team {name}: {', '.join(spec.members)}", dim=True)
        return team
    if name in catalog.specs:
        agent = catalog.agent(name)
        typer.secho(f"agent {name} on {agent.blueprint.model.name}", dim=True)
        return agent
    known = [*catalog.teams, *catalog.specs]
    raise UnknownName(
        "team or agent", name, known, hint="conclave teams list, conclave agents list"
    )


async def _watch(events: AsyncIterator[Event], author: str, render: TerminalRenderer) -> Outcome:
    """Render every event; return how the run itself (not a nested one) ended."""
    outcome: Outcome = None
    try:
        async for event in events:
            render(event)
            if isinstance(event, RunCompleted | RunFailed) and event.author == author:
                outcome = event
    finally:
        # Closed here if rendering stops early, so the run unwinds in the task it ran in.
        close = getattr(events, "aclose", None)
        if close is not None:
            await close()
    return outcome


def _finish(outcome: Outcome) -> None:
    if isinstance(outcome, RunCompleted):
        reason = outcome.reason or "finished"
        typer.secho(f"\n── result ({reason}) ──", bold=True)
        typer.echo(outcome.output)
        return
    # The renderer has already printed the error itself.
    typer.secho("\n── run failed ──", fg=typer.colors.RED, bold=True, err=True)
    raise typer.Exit(1)
