"""The ``conclave`` command."""

from __future__ import annotations

import typer

from conclave import __version__
from conclave.cli import (
    agents,
    approvals,
    audit,
    chat,
    costs,
    db,
    guard,
    keys,
    login,
    run,
    serve,
    teams,
    tenants,
    users,
)

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
app.command("login")(login.login)
app.command("logout")(login.logout)
app.command("whoami")(login.whoami)
app.add_typer(tenants.app, name="tenants")
app.add_typer(keys.app, name="keys")
app.add_typer(users.app, name="users")
app.command("audit")(audit.audit)
app.add_typer(approvals.app, name="approvals")
app.add_typer(guard.app, name="guard")
app.add_typer(costs.app, name="costs")


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
