"""The catalog: the agents and teams a user can run, built with one factory.

It holds the demo agents and the team templates that ship with Conclave, plus any specs
from folders, which override shipped ones of the same name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from conclave.config import Settings
from conclave.demo import AGENTS_DIR, DEMO_TOOLS
from conclave.engine.agents import Agent
from conclave.engine.approvals import Approver
from conclave.engine.factory import AgentFactory
from conclave.engine.models.base import ModelClient
from conclave.engine.models.pricing import PriceTable
from conclave.engine.specs import AgentSpec
from conclave.engine.team_specs import TeamFactory, TeamSpec, load_specs
from conclave.engine.teams.base import Team
from conclave.engine.tools import Tool
from conclave.errors import UnknownName

TEMPLATES_DIR = Path(__file__).parent / "templates"
S = TypeVar("S")


class Catalog:
    """Agent and team specs by name, and the factory that builds them.

    Args:
        specs: agent specs by name.
        factory: builds the agents.
        teams: team specs by name.
        override_model: a model for every agent and team, whatever their specs say.
    """

    def __init__(
        self,
        specs: dict[str, AgentSpec],
        factory: AgentFactory,
        *,
        teams: dict[str, TeamSpec] | None = None,
        override_model: str | None = None,
    ) -> None:
        self.specs = specs
        self.teams = teams or {}
        self.factory = factory
        self.override_model = override_model

    @classmethod
    def load(
        cls,
        settings: Settings,
        *,
        spec_dirs: Iterable[Path] = (),
        model: str | None = None,
        override_model: str | None = None,
        models: Mapping[str, ModelClient] | None = None,
    ) -> Catalog:
        """The demo agents and templates, then specs from ``settings.specs_dir`` and
        ``spec_dirs``.

        Args:
            settings: where the specs, prices and default model come from.
            spec_dirs: more folders of specs; later ones override earlier ones.
            model: the model for specs that name none, instead of ``settings.model``.
            override_model: the model for every agent and team, whatever specs say.
            models: ready clients by ``provider:model`` string, used before building one
                (a scripted model, a client with custom settings).
        """
        specs: dict[str, AgentSpec] = {}
        teams: dict[str, TeamSpec] = {}
        for directory in _spec_dirs(settings, spec_dirs):
            found_agents, found_teams = load_specs(directory)
            _merge(specs, found_agents, teams)
            _merge(teams, found_teams, specs)
        factory = AgentFactory(
            tools=available_tools(),
            model=override_model or model or settings.model,
            models=models,
            model_options=settings.model_options(),
            prices=_prices(settings),
        )
        return cls(specs, factory, teams=teams, override_model=override_model)

    def spec(self, name: str) -> AgentSpec:
        found = self.specs.get(name)
        if found is None:
            raise UnknownName("agent", name, self.specs, hint="conclave agents list")
        return found

    def agent(self, name: str, *, model: str | None = None) -> Agent:
        """Build the named agent; ``model`` overrides its spec's model."""
        return self.factory.build(self.spec(name), model=model or self.override_model)

    def team_spec(self, name: str) -> TeamSpec:
        found = self.teams.get(name)
        if found is None:
            raise UnknownName("team", name, self.teams, hint="conclave teams list")
        return found

    def team(self, name: str, *, approver: Approver | None = None) -> Team:
        """Build the named team, with its agents and nested teams.

        Args:
            name: the team's name.
            approver: decides its approval gates; by default every request is denied.
        """
        return self.team_factory().build(name, approver=approver)

    def team_factory(self) -> TeamFactory:
        return TeamFactory(
            self.factory,
            self.specs,
            self.teams,
            tools=self.factory.tools,
            model=self.override_model,
        )


def available_tools() -> tuple[Tool, ...]:
    """The tools specs may name: the demo tools and the templates' tools."""
    from conclave.templates.tools import TEMPLATE_TOOLS  # loaded only when specs are built

    return (*DEMO_TOOLS, *TEMPLATE_TOOLS)


def _spec_dirs(settings: Settings, extra: Iterable[Path]) -> Iterator[Path]:
    yield AGENTS_DIR
    yield TEMPLATES_DIR / "agents"
    yield TEMPLATES_DIR / "teams"
    if settings.specs_dir is not None:
        yield settings.specs_dir
    yield from extra


def _merge(into: dict[str, S], found: dict[str, S], other: dict[str, Any]) -> None:
    """Add specs from a later folder: they replace earlier ones of the same name, even an
    agent replaced by a team or the other way round, since a name must mean one thing."""
    for name in found:
        other.pop(name, None)
    into.update(found)


def _prices(settings: Settings) -> PriceTable:
    prices = PriceTable.default()
    if settings.prices_file is not None:
        prices = prices.merged(PriceTable.from_file(settings.prices_file).prices)
    return prices
