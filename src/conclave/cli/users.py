"""``conclave users``: the members of your tenant, added and listed by its admins."""

from __future__ import annotations

import sys
from typing import Literal

import typer

from conclave.cli.options import friendly_errors
from conclave.cli.remote import connect, print_table, when
from conclave.errors import UserError

__all__ = ["app"]

app = typer.Typer(help="Add and list your tenant's members.", no_args_is_help=True)
Role = Literal["viewer", "operator", "admin", "platform"]
RoleOption = typer.Option("viewer", "--role", help="At most your own role.")


@app.command("create")
@friendly_errors
def create_user(
    email: str = typer.Argument(..., help="The member's email, which they log in with."),
    role: Role = RoleOption,
    name: str = typer.Option("", "--name", help="Their name."),
    password: bool = typer.Option(
        False, "--password", help="Ask for a password (hidden), so they can log in with it."
    ),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
) -> None:
    """Add a member; without a password they can use only API keys made for them."""
    body = {
        "email": email,
        "role": role,
        "name": name,
        "password": _password(password, password_stdin),
    }
    user = connect().post("/api/users", body)
    how = "with a password" if body["password"] else "without a password"
    typer.echo(f"added {user['email']} as {user['role']} ({how}; id {user['id']})")


@app.command("list")
@friendly_errors
def list_users() -> None:
    """List the tenant's members."""
    users = connect().get("/api/users")
    rows = [
        (
            user["email"],
            user["name"] or "-",
            user["role"],
            "active" if user["active"] else "inactive",
            when(user["last_login_at"]),
            when(user["created_at"]),
        )
        for user in users
    ]
    headers = ["EMAIL", "NAME", "ROLE", "STATE", "LAST LOGIN", "CREATED"]
    print_table(headers, rows, empty="no members")


def _password(prompt: bool, stdin: bool) -> str | None:
    if prompt and stdin:
        raise UserError("give --password or --password-stdin, not both")
    if stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise UserError("--password-stdin read no password; pipe it in, one line")
        return line
    if prompt:
        chosen: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        return chosen
    return None
