"""``conclave teams``: list and show the teams you can run."""

from __future__ import annotations

from pathlib import Path

import typer
import yaml

from conclave.catalog import Catalog
from conclave.cli.options import ModelOption, SpecsOption, friendly_errors, shorten
from conclave.config import Settings
from conclave.engine.team_specs import TeamSpec

app = typer.Typer(help="List and inspect teams.", no_args_is_help=True)


def _catalog(specs: Path | None, model: str | None = None) -> Catalog:
    return Catalog.load(Settings(), spec_dirs=[specs] if specs else [], override_model=model)


@app.command("list")
@friendly_errors
def list_teams(specs: Path | None = SpecsOption) -> None:
    """List every team with its kind, size and description."""
    catalog = _catalog(specs)
    if not catalog.teams:
        typer.echo(
            "no teams yet; add team specs (YAML with a `kind` key) to a folder and pass --specs"
        )
        return
    width = max(len(name) for name in catalog.teams)
    for name, spec in sorted(catalog.teams.items()):
        size = shorten(_size(spec), 16)
        typer.echo(f"{name:<{width}}  {spec.kind:<11}  {size:<16}  {shorten(spec.description, 70)}")


@app.command("show")
@friendly_errors
def show_team(name: str, specs: Path | None = SpecsOption, model: str | None = ModelOption) -> None:
    """Show a team's spec, and the agents and teams it is made of with their models."""
    catalog = _catalog(specs, model)
    spec = catalog.team_spec(name)
    catalog.team(name)  # building it checks every name it uses, and nesting cycles
    document = spec.model_dump(mode="json", exclude_defaults=True)
    typer.echo(yaml.safe_dump(document, sort_keys=False, allow_unicode=True).rstrip())
    typer.echo("\n# members:")
    for line in _members(catalog, spec, depth=1):
        typer.echo(f"#{line}")


def _size(spec: TeamSpec) -> str:
    if spec.graph is not None:
        count = len(spec.graph.steps)
        return f"{count} step{'s' if count != 1 else ''}"
    count = len(spec.participants)
    return f"{count} participant{'s' if count != 1 else ''}"


def _members(catalog: Catalog, spec: TeamSpec, *, depth: int) -> list[str]:
    """One line per agent or team the team uses, nested teams indented under their name."""
    lines: list[str] = []
    indent = "  " * depth
    if spec.selector is not None and spec.selector.model:
        chooser = catalog.factory.model_for(catalog.override_model or spec.selector.model)
        lines.append(f"{indent}(speakers chosen by {chooser.name})")
    for name in spec.members:
        nested = catalog.teams.get(name)
        if nested is not None:
            lines.append(f"{indent}{name}  {nested.kind} team")
            lines.extend(_members(catalog, nested, depth=depth + 1))
            continue
        role = " (coordinator)" if spec.coordinator and spec.coordinator.agent == name else ""
        agent = catalog.agent(name)
        lines.append(f"{indent}{name}  agent on {agent.blueprint.model.name}{role}")
    return lines
