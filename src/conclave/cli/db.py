"""``conclave db``: create, upgrade and inspect the store's schema.

The database is the one the settings name: ``DATABASE_URL``, else SQLite in the data folder.
The store's modules are imported inside the commands: alembic and SQLAlchemy take longer to
import than the rest of the CLI, and other commands do not need them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import typer

from conclave.cli.options import friendly_errors
from conclave.config import Settings
from conclave.errors import ConfigError

app = typer.Typer(help="Create and upgrade the database schema.", no_args_is_help=True)

Step = Callable[[str, str], Awaitable[None]]
T = TypeVar("T")


@app.command("upgrade")
@friendly_errors
def upgrade(
    revision: str = typer.Argument("head", help="The revision to upgrade to."),
) -> None:
    """Upgrade the schema (to the newest revision by default)."""
    from conclave.adapters.store import migrate

    _move("upgraded", migrate.upgrade, revision)


@app.command("downgrade")
@friendly_errors
def downgrade(
    revision: str = typer.Argument(..., help="The revision to go back to; 'base' drops all."),
) -> None:
    """Downgrade the schema to an earlier revision."""
    from conclave.adapters.store import migrate

    _move("downgraded", migrate.downgrade, revision)


@app.command("current")
@friendly_errors
def current() -> None:
    """Print the schema's revision, and whether it is the newest."""
    from conclave.adapters.store import migrate
    from conclave.adapters.store.engine import safe_url

    url = Settings().effective_database_url()
    revision = _run(url, migrate.current(url))
    head = migrate.head()
    state = "up to date" if revision == head else f"the newest is {head}"
    typer.echo(f"{safe_url(url)}: {_name(revision)} ({state})")


def _move(verb: str, step: Step, revision: str) -> None:
    from conclave.adapters.store.engine import safe_url

    url = Settings().effective_database_url()
    before, after = _run(url, _step(url, step, revision))
    if before == after:
        typer.echo(f"{safe_url(url)}: already at {_name(after)}; nothing to do")
    else:
        typer.echo(f"{safe_url(url)}: {verb} from {_name(before)} to {_name(after)}")


async def _step(url: str, step: Step, revision: str) -> tuple[str | None, str | None]:
    from conclave.adapters.store import migrate

    before = await migrate.current(url)
    await step(url, revision)
    return before, await migrate.current(url)


def _run(url: str, work: Coroutine[Any, Any, T]) -> T:
    """Run ``work``; a database that cannot be reached is a one-line error, not a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from conclave.adapters.store.engine import safe_url

    try:
        return asyncio.run(work)
    except (OSError, SQLAlchemyError) as error:
        reason = str(error).splitlines()[0]
        raise ConfigError(
            f"cannot use the database at {safe_url(url)}: {reason}; check DATABASE_URL"
        ) from None


def _name(revision: str | None) -> str:
    return revision or "base (empty)"
