"""Options and helpers shared by commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typer

from conclave.catalog import Catalog
from conclave.config import Settings
from conclave.errors import ConclaveError

P = ParamSpec("P")
R = TypeVar("R")

SpecsOption = typer.Option(
    None,
    "--specs",
    help="A folder of agent specs (YAML or JSON) to add to the demo agents.",
    file_okay=False,
)
ModelOption = typer.Option(
    None, "--model", "-m", help="provider:model to use instead of each agent's own."
)


def load_catalog(specs: Path | None, model: str | None = None) -> Catalog:
    return Catalog.load(Settings(), spec_dirs=[specs] if specs else [], model=model)


def friendly_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Print Conclave's errors as one line and exit 1, instead of a traceback."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ConclaveError as error:
            typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
            raise typer.Exit(1) from None

    return wrapper


def shorten(value: Any, limit: int = 200) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
