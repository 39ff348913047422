"""``conclave audit``: the tenant's audit log, oldest first, for its admins."""

from __future__ import annotations

from typing import Any

import typer

from conclave.cli.options import friendly_errors, shorten
from conclave.cli.remote import as_json, connect, print_table, when

__all__ = ["audit"]


@friendly_errors
def audit(
    action: str | None = typer.Option(
        None, "--action", metavar="PREFIX", help="Only actions that start so, such as key."
    ),
    limit: int = typer.Option(50, "--limit", min=1, max=500, help="At most this many entries."),
    after: int | None = typer.Option(
        None, "--after", min=0, metavar="ID", help="Only entries after this one (to page on)."
    ),
) -> None:
    """Show who did what to what, when, and how it went."""
    page = connect().get("/api/audit", action=action, limit=limit, after=after)
    rows = [_row(entry) for entry in page["items"]]
    headers = ["ID", "AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "DETAILS"]
    print_table(headers, rows, empty="no audit entries")
    if page["next_after"] is not None:
        more = page["total"] - len(page["items"])
        flags = f" --action {action}" if action else ""
        typer.echo(f"{more} more: conclave audit{flags} --after {page['next_after']}")


def _row(entry: dict[str, Any]) -> tuple[str, ...]:
    actor = entry["actor_kind"] + (f" {entry['actor_id']}" if entry["actor_id"] else "")
    target = " ".join(part for part in (entry["target_kind"], entry["target_id"]) if part)
    details = shorten(as_json(entry["details"]), 60) if entry["details"] else ""
    at = when(entry["at"], seconds=True)
    return (str(entry["id"]), at, actor, entry["action"], target or "-", entry["outcome"], details)
