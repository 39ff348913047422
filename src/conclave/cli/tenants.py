"""``conclave tenants``: onboard and administer tenants, as a platform administrator."""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import quote

import typer

from conclave.cli.options import friendly_errors
from conclave.cli.remote import as_json, connect, print_fields, print_secret, print_table, when
from conclave.errors import UserError

__all__ = ["app"]

app = typer.Typer(
    help="Onboard and administer tenants (needs a platform credential).", no_args_is_help=True
)
Status = Literal["active", "suspended"]
PackOption = typer.Option(
    None,
    "--pack",
    help="A pack of agents and teams to provision; repeat for more.",
    show_default="demo",
)
StatusOption = typer.Option(
    None, "--status", help="suspended: its credentials are refused until it is active again."
)


@app.command("create")
@friendly_errors
def create_tenant(
    tenant_id: str = typer.Argument(
        ..., metavar="ID", help="Lowercase letters, digits, - and _, such as acme."
    ),
    name: str = typer.Option(..., "--name", help="The customer's name."),
    tier: str | None = typer.Option(None, "--tier", help="Its tier.", show_default="free"),
    packs: list[str] | None = PackOption,
    admin_email: str | None = typer.Option(
        None, "--admin-email", help="Also add this member, with the admin role."
    ),
) -> None:
    """Onboard a tenant, and print its first admin API key (shown this once)."""
    body: dict[str, Any] = {"id": tenant_id, "name": name}
    body |= _given(tier=tier, packs=packs or None, admin_email=admin_email)
    created = connect().post("/api/tenants", body)
    typer.echo(f"created tenant {created['id']} ({created['name']})")
    _print_tenant(created, ("provisioned", ", ".join(created["provisioned"]) or "nothing"))
    print_secret(created["admin_key"], f"admin API key of {created['id']}")
    typer.echo("use it with `conclave login --key <key>`, or set CONCLAVE_API_KEY=<key>")


@app.command("list")
@friendly_errors
def list_tenants() -> None:
    """List every tenant with its tier and status."""
    tenants = connect().get("/api/tenants")
    rows = [(t["id"], t["name"], t["tier"], t["status"], when(t["created_at"])) for t in tenants]
    print_table(["ID", "NAME", "TIER", "STATUS", "CREATED"], rows, empty="no tenants")


@app.command("show")
@friendly_errors
def show_tenant(tenant_id: str = typer.Argument(..., metavar="ID")) -> None:
    """Show one tenant."""
    _print_tenant(connect().get(f"/api/tenants/{quote(tenant_id, safe='')}"))


@app.command("update")
@friendly_errors
def update_tenant(
    tenant_id: str = typer.Argument(..., metavar="ID"),
    name: str | None = typer.Option(None, "--name", help="A new name."),
    tier: str | None = typer.Option(None, "--tier", help="A new tier."),
    status: Status | None = StatusOption,
) -> None:
    """Rename a tenant, change its tier, or suspend or reactivate it."""
    changes = _given(name=name, tier=tier, status=status)
    if not changes:
        raise UserError("nothing to change; give --name, --tier or --status")
    tenant = connect().patch(f"/api/tenants/{quote(tenant_id, safe='')}", changes)
    typer.echo(f"updated tenant {tenant['id']}")
    _print_tenant(tenant)


def _print_tenant(tenant: dict[str, Any], *more: tuple[str, Any]) -> None:
    fields = [
        ("id", tenant["id"]),
        ("name", tenant["name"]),
        ("tier", tenant["tier"]),
        ("status", tenant["status"]),
        ("created", when(tenant["created_at"])),
    ]
    if tenant["settings"]:
        fields.append(("settings", as_json(tenant["settings"])))
    print_fields([*fields, *more])


def _given(**values: Any) -> dict[str, Any]:
    return {name: value for name, value in values.items() if value is not None}
