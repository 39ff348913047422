"""The ``conclave`` command."""

from __future__ import annotations

import typer

from conclave import __version__
from conclave.cli import agents, chat, db, run, serve, teams

app = typer.Typer(
    name="conclave",
    help="Conclave: teams of AI agents you host yourself.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(agents.app, name="agents")
app.add_typer(teams.app, name="teams")
app.add_typer(db.app, name="db")
app.command("chat")(chat.chat)
app.command("run")(run.run)
app.command("serve")(serve.serve)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"conclave {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Conclave: teams of AI agents you host yourself."""
