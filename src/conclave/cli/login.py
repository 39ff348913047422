"""``conclave login``, ``logout`` and ``whoami``: the credential the server commands send."""

from __future__ import annotations

import os
from typing import Any

import typer

from conclave.cli.options import friendly_errors
from conclave.cli.remote import (
    Credentials,
    call,
    connect,
    forget_credentials,
    load_credentials,
    print_fields,
    readable_credentials,
    save_credentials,
    server_url,
)
from conclave.errors import ConfigError, UserError

__all__ = ["login", "logout", "whoami"]


@friendly_errors
def login(
    url: str | None = typer.Option(
        None,
        "--url",
        help="The server.",
        show_default="CONCLAVE_URL, else the last login's, else http://127.0.0.1:8000",
    ),
    key: str | None = typer.Option(
        None, "--key", help="An API key (ck_…); asked for when neither --key nor --email is given."
    ),
    tenant: str = typer.Option("default", "--tenant", help="The member's tenant, with --email."),
    email: str | None = typer.Option(
        None, "--email", help="Log in as a member instead; the password is asked for."
    ),
) -> None:
    """Check a credential with the server, and store it for the other server commands."""
    if key and email:
        raise UserError("give --key or --email, not both")
    target = server_url(url, stored=readable_credentials())
    if email is None:
        secret = key or typer.prompt("API key", hide_input=True)
        me = call(target, "GET", "/api/auth/me", bearer=secret)
        credentials = Credentials(url=target, kind="key", key=secret, tenant=me["tenant_id"])
    else:
        credentials, me = _sign_in(target, tenant, email)
    path = save_credentials(credentials)
    typer.echo(f"logged in to {target} (stored in {path})")
    describe(credentials, me)
    if os.environ.get("CONCLAVE_API_KEY"):
        typer.secho("note: CONCLAVE_API_KEY is set, and is sent instead", fg=typer.colors.YELLOW)


@friendly_errors
def logout() -> None:
    """Forget the stored login; a member's session also ends on the server.

    An API key stays valid: revoke it with ``conclave keys revoke``.
    """
    try:
        stored = load_credentials()
    except ConfigError:
        forget_credentials()
        typer.echo("removed an unreadable login")
        return
    if stored is None:
        typer.echo("not logged in; nothing to forget")
    else:
        if stored.kind == "token":
            _end_session(stored)
        forget_credentials()
        typer.echo(f"logged out of {stored.url}")
    if os.environ.get("CONCLAVE_API_KEY"):
        typer.secho("note: CONCLAVE_API_KEY is still set; unset it too", fg=typer.colors.YELLOW)


@friendly_errors
def whoami() -> None:
    """Show the server, tenant, role and tier of the credential in use."""
    remote = connect()
    me = remote.get("/api/auth/me")
    describe(remote.credentials, me, from_environment=not remote.stored)


def describe(
    credentials: Credentials, me: dict[str, Any], *, from_environment: bool = False
) -> None:
    """Print who a credential stands for, from ``GET /api/auth/me``."""
    if me["actor_kind"] == "key":
        actor = f"API key {me['actor_id']}"
    else:
        actor = f"member {credentials.email or me['actor_id']}"
    if from_environment:
        actor += " (from CONCLAVE_API_KEY)"
    tier = me["tier"]
    limits = (
        f"{tier['requests_per_minute']} requests/minute, "
        f"{tier['concurrent_runs']} concurrent runs, {tier['max_agents']} agents"
    )
    print_fields(
        [
            ("server", credentials.url),
            ("tenant", me["tenant_id"]),
            ("role", me["role"]),
            ("as", actor),
            ("tier", f"{tier['name']} ({limits})"),
        ]
    )


def _sign_in(url: str, tenant: str, email: str) -> tuple[Credentials, dict[str, Any]]:
    password = typer.prompt("Password", hide_input=True)
    body = {"tenant": tenant, "email": email, "password": password}
    session = call(url, "POST", "/api/auth/login", body=body)
    me = call(url, "GET", "/api/auth/me", bearer=session["access_token"])
    credentials = Credentials(
        url=url,
        kind="token",
        access_token=session["access_token"],
        refresh_token=session["refresh_token"],
        tenant=me["tenant_id"],
        email=session["user"]["email"],
    )
    return credentials, me


def _end_session(stored: Credentials) -> None:
    """End a member's session on the server; the login is forgotten even if that fails."""
    body = {"refresh_token": stored.refresh_token}
    try:
        call(stored.url, "POST", "/api/auth/logout", body=body)
    except UserError as error:
        typer.secho(f"warning: the server did not end the session: {error}", err=True)
