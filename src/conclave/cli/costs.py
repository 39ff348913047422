"""``conclave costs``: what the tenant's model calls cost, from a running server."""

from __future__ import annotations

from typing import Any, Literal

import typer

from conclave.cli.options import friendly_errors
from conclave.cli.remote import connect, print_table

__all__ = ["app"]

app = typer.Typer(help="Spending reports: where the money goes.", no_args_is_help=True)
GroupBy = Literal["day", "agent", "team", "model", "conversation", "run"]
SinceOption = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="The first day (UTC).")
UntilOption = typer.Option(None, "--until", metavar="YYYY-MM-DD", help="The last day, included.")
ByOption = typer.Option("day", "--by", help="What to group the calls by.")


def money(value: float | None) -> str:
    """Dollars to the micro-dollar, or ``-`` for none."""
    return "-" if value is None else f"${value:,.6f}"


@app.command("summary")
@friendly_errors
def summary(
    by: GroupBy = ByOption,
    since: str | None = SinceOption,
    until: str | None = UntilOption,
    limit: int = typer.Option(100, "--limit", min=1, max=1000, help="At most this many rows."),
) -> None:
    """Show spending per day, agent, team, model, conversation or run."""
    params = {"group_by": by, "since": since, "until": until, "limit": limit}
    found = connect().get("/api/costs/summary", **params)
    rows = [_spend_row(row["key"] or "-", row) for row in found["rows"]]
    headers = [by.upper(), "CALLS", "INPUT", "OUTPUT", "COST"]
    print_table(headers, [*rows, _spend_row("total", found["total"])], empty="")


def _spend_row(key: str, row: dict[str, Any]) -> tuple[str, ...]:
    counts = (row["calls"], row["input_tokens"], row["output_tokens"])
    return (key, *(f"{count:,}" for count in counts), money(row["cost_usd"]))


@app.command("turns")
@friendly_errors
def turns(
    agent: str | None = typer.Option(None, "--agent", help="Only this agent's turns."),
    since: str | None = SinceOption,
    until: str | None = UntilOption,
) -> None:
    """Show cost and tokens per turn (one agent's calls in one run), per agent."""
    found = connect().get("/api/costs/turns", agent=agent, since=since, until=until)
    rows = [_turn_row(stats["agent"], stats) for stats in found["agents"]]
    if rows:
        rows.append(_turn_row("all", found["overall"]))
    headers = ["AGENT", "TURNS", "MEAN COST", "P50 COST", "P95 COST", "MEAN TOK", "P95 TOK"]
    print_table(headers, rows, empty="no turns")


def _turn_row(agent: str, stats: dict[str, Any]) -> tuple[str, ...]:
    return (
        agent,
        str(stats["turns"]),
        money(stats["mean_cost_usd"]),
        money(stats["p50_cost_usd"]),
        money(stats["p95_cost_usd"]),
        f"{stats['mean_tokens']:,.1f}",
        f"{stats['p95_tokens']:,}",
    )


@app.command("efficiency")
@friendly_errors
def efficiency(since: str | None = SinceOption, until: str | None = UntilOption) -> None:
    """Show per agent how its runs ended, and what each completed one cost."""
    found = connect().get("/api/costs/efficiency", since=since, until=until)
    rows = [
        (
            row["agent"],
            str(row["runs"]),
            str(row["completed_runs"]),
            str(row["failed_runs"]),
            money(row["cost_usd"]),
            money(row["cost_per_success_usd"]),
        )
        for row in found["agents"]
    ]
    headers = ["AGENT", "RUNS", "COMPLETED", "FAILED", "COST", "PER SUCCESS"]
    print_table(headers, rows, empty="no runs with model calls")


@app.command("trends")
@friendly_errors
def trends(
    days: int = typer.Option(30, "--days", min=1, max=366, help="How many days, today the last."),
) -> None:
    """Show spending per day, and the last week against the one before."""
    found = connect().get("/api/costs/trends", days=days)
    rows = [(day["day"], str(day["calls"]), money(day["cost_usd"])) for day in found["days"]]
    print_table(["DAY", "CALLS", "COST"], rows, empty="")
    typer.echo(
        f"last 7 days: {money(found['last_7_days_usd'])}; "
        f"the 7 before: {money(found['previous_7_days_usd'])}; "
        f"change: {_change(found['change_ratio'])}"
    )


def _change(ratio: float | None) -> str:
    return "n/a (nothing spent the week before)" if ratio is None else f"{ratio:+.1%}"


@app.command("recommend")
@friendly_errors
def recommend(since: str | None = SinceOption, until: str | None = UntilOption) -> None:
    """Show where a cheaper model would have cost less for the same tokens."""
    found = connect().get("/api/costs/recommendations", since=since, until=until)
    rows = [
        (
            item["agent"],
            item["model"],
            money(item["list_cost_usd"]),
            item["best_model"],
            money(item["best_saving_usd"]),
            f"{item['best_saving_share']:.1%}",
        )
        for item in found["recommendations"]
    ]
    headers = ["AGENT", "MODEL", "LIST COST", "CHEAPEST", "SAVING", "SHARE"]
    print_table(headers, rows, empty="no cheaper model would have cost less")
