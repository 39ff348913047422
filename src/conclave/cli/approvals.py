"""``conclave approvals``: what runs on the server wait for, and deciding it."""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import quote

import typer

from conclave.cli.options import friendly_errors, shorten
from conclave.cli.remote import connect, print_table, when

__all__ = ["app"]

app = typer.Typer(help="List, grant and deny what runs wait for.", no_args_is_help=True)
Status = Literal["pending", "granted", "denied", "all"]
CommentOption = typer.Option("", "--comment", "-m", help="Why; the run is shown it.")
IdArgument = typer.Argument(..., metavar="ID", help="From `conclave approvals list`.")
StatusOption = typer.Option("pending", "--status", help="Which ones to list.")


@app.command("list")
@friendly_errors
def list_approvals(
    status: Status = StatusOption,
    run: str | None = typer.Option(None, "--run", metavar="RUN", help="Only this run's."),
    limit: int = typer.Option(50, "--limit", min=1, max=200, help="At most this many."),
) -> None:
    """List the tenant's approvals, oldest first: those still waiting, by default."""
    page = connect().get("/api/approvals", status=status, run_id=run, limit=limit)
    rows = [_row(approval) for approval in page["items"]]
    headers = ["ID", "KIND", "ROLE", "STATUS", "ASKED", "EXPIRES", "PROMPT"]
    print_table(headers, rows, empty=f"no {'' if status == 'all' else status + ' '}approvals")
    if page["total"] > len(rows):
        typer.echo(f"{page['total'] - len(rows)} more; raise --limit to see them")


@app.command("grant")
@friendly_errors
def grant(approval_id: str = IdArgument, comment: str = CommentOption) -> None:
    """Grant an approval: the run waiting for it goes on."""
    _decide(approval_id, granted=True, comment=comment)


@app.command("deny")
@friendly_errors
def deny(approval_id: str = IdArgument, comment: str = CommentOption) -> None:
    """Deny an approval: the run is told no, and why."""
    _decide(approval_id, granted=False, comment=comment)


def _decide(approval_id: str, *, granted: bool, comment: str) -> None:
    body = {"granted": granted, "comment": comment}
    decided = connect().post(f"/api/approvals/{quote(approval_id, safe='')}", body)
    typer.echo(f"{decided['status']} {decided['id']} (run {decided['run_id']})")


def _row(approval: dict[str, Any]) -> tuple[str, ...]:
    role = approval["required_role"]
    if approval["escalations"]:
        role += f" (escalated {approval['escalations']}x)"
    return (
        approval["id"],
        approval["kind"],
        role,
        approval["status"],
        when(approval["created_at"]),
        when(approval["expires_at"]),
        shorten(approval["prompt"], 60),
    )
