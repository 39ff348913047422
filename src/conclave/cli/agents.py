"""``conclave agents``: list and show the agents you can talk to."""

from __future__ import annotations

from pathlib import Path

import typer
import yaml

from conclave.cli.options import SpecsOption, friendly_errors, load_catalog, shorten

app = typer.Typer(help="List and inspect agents.", no_args_is_help=True)


@app.command("list")
@friendly_errors
def list_agents(specs: Path | None = SpecsOption) -> None:
    """List every agent with its model and description."""
    catalog = load_catalog(specs)
    default = catalog.factory.default_model
    width = max((len(name) for name in catalog.specs), default=4)
    for name, spec in sorted(catalog.specs.items()):
        model = spec.model or f"{default} (default)"
        typer.echo(f"{name:<{width}}  {model:<24}  {shorten(spec.description, 70)}")


@app.command("show")
@friendly_errors
def show_agent(name: str, specs: Path | None = SpecsOption) -> None:
    """Show an agent's spec and the system prompt it runs with."""
    catalog = load_catalog(specs)
    spec = catalog.spec(name)
    agent = catalog.agent(name)
    document = spec.model_dump(mode="json", exclude_defaults=True)
    typer.echo(yaml.safe_dump(document, sort_keys=False, allow_unicode=True).rstrip())
    typer.echo(f"\n# model: {agent.blueprint.model.name}")
    typer.echo("# system prompt:")
    for line in agent.blueprint.system_prompt.splitlines():
        typer.echo(f"#   {line}")
