"""The catalog: the agents a user can talk to, built with one factory.

It holds the demo agents that ship with Conclave plus any specs from a folder, which
override demo agents of the same name.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from conclave.config import Settings
from conclave.demo import AGENTS_DIR, DEMO_TOOLS
from conclave.engine.agents import Agent
from conclave.engine.factory import AgentFactory
from conclave.engine.models.pricing import PriceTable
from conclave.engine.specs import AgentSpec, load_agent_specs
from conclave.errors import UnknownName


class Catalog:
    """Agent specs by name and the factory that builds them."""

    def __init__(self, specs: dict[str, AgentSpec], factory: AgentFactory) -> None:
        self.specs = specs
        self.factory = factory

    @classmethod
    def load(
        cls,
        settings: Settings,
        *,
        spec_dirs: Iterable[Path] = (),
        model: str | None = None,
    ) -> Catalog:
        """The demo agents, then specs from ``settings.specs_dir`` and ``spec_dirs``."""
        specs = load_agent_specs(AGENTS_DIR)
        for directory in (settings.specs_dir, *spec_dirs):
            if directory is not None:
                specs.update(load_agent_specs(directory))
        prices = PriceTable.default()
        if settings.prices_file is not None:
            prices = prices.merged(PriceTable.from_file(settings.prices_file).prices)
        factory = AgentFactory(
            tools=DEMO_TOOLS,
            model=model or settings.model,
            model_options=settings.model_options(),
            prices=prices,
        )
        return cls(specs, factory)

    def spec(self, name: str) -> AgentSpec:
        found = self.specs.get(name)
        if found is None:
            raise UnknownName("agent", name, self.specs, hint="conclave agents list")
        return found

    def agent(self, name: str, *, model: str | None = None) -> Agent:
        """Build the named agent; ``model`` overrides its spec's model."""
        return self.factory.build(self.spec(name), model=model)
