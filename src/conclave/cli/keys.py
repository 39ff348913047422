"""``conclave keys``: the API keys of your tenant, made, listed and revoked by its admins."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal
from urllib.parse import quote

import typer

from conclave.cli.options import friendly_errors
from conclave.cli.remote import connect, print_secret, print_table, when
from conclave.errors import UserError

__all__ = ["app"]

app = typer.Typer(help="Make, list and revoke your tenant's API keys.", no_args_is_help=True)
Role = Literal["viewer", "operator", "admin", "platform"]
RoleOption = typer.Option("viewer", "--role", help="At most your own role.")


@app.command("create")
@friendly_errors
def create_key(
    name: str = typer.Argument(..., help="What the key is for, such as ci or grafana."),
    role: Role = RoleOption,
    expires: str | None = typer.Option(
        None,
        "--expires",
        metavar="ISO",
        help="When it stops working, such as 2026-01-31 or 2026-01-31T12:00+02:00 "
        "(UTC unless a zone is given).",
        show_default="never",
    ),
) -> None:
    """Make an API key, and print it (shown this once)."""
    body = {"name": name, "role": role, "expires_at": _expiry(expires)}
    key = connect().post("/api/keys", body)
    until = f", expires {when(key['expires_at'])} UTC" if key["expires_at"] else ""
    typer.echo(f"created key {key['id']} ({key['name']}, role {key['role']}{until})")
    print_secret(key["key"], "API key")


@app.command("list")
@friendly_errors
def list_keys() -> None:
    """List the tenant's keys, revoked ones included; never their secrets."""
    keys = connect().get("/api/keys")
    now = datetime.now(UTC)
    rows = [
        (
            key["id"],
            key["name"],
            key["role"],
            _state(key, now),
            when(key["created_at"]),
            when(key["last_used_at"]),
            when(key["expires_at"]),
        )
        for key in keys
    ]
    headers = ["ID", "NAME", "ROLE", "STATE", "CREATED", "LAST USED", "EXPIRES"]
    print_table(headers, rows, empty="no keys")


@app.command("revoke")
@friendly_errors
def revoke_key(
    key_id: str = typer.Argument(..., metavar="ID", help="From `conclave keys list`."),
) -> None:
    """Revoke a key: it is refused from now on."""
    key = connect().delete(f"/api/keys/{quote(key_id, safe='')}")
    typer.echo(f"revoked key {key['id']} ({key['name']})")


def _expiry(text: str | None) -> str | None:
    """``--expires`` as an ISO timestamp with a zone (UTC when none is given)."""
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(
            f"--expires {text!r} is not an ISO date or time; write 2026-01-31 or 2026-01-31T12:00Z"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _state(key: dict[str, Any], now: datetime) -> str:
    if key["revoked_at"]:
        return "revoked"
    if key["expires_at"] and datetime.fromisoformat(key["expires_at"]) <= now:
        return "expired"
    return "active"
