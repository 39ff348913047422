"""The agent factory: builds agents from specs, sharing everything they can share.

It keeps a tool registry (tools by name, for specs that name them) and a cache of model
clients and blueprints, so building the same spec twice costs one small object.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from conclave.engine.agents import Agent, Blueprint, build_blueprint
from conclave.engine.models.base import ModelClient
from conclave.engine.models.registry import ModelOptions, build_model, parse_model_string
from conclave.engine.specs import AgentSpec
from conclave.engine.tools import Tool, resolve_tool
from conclave.errors import UnknownName

if TYPE_CHECKING:
    from conclave.engine.models.pricing import PriceTable


BLUEPRINTS_KEPT = 512


class AgentFactory:
    """Builds :class:`Agent` objects from :class:`AgentSpec` documents.

    Args:
        tools: tools that specs may name.
        model: the model for specs that name none: a ``provider:model`` string or a client.
        models: ready clients by ``provider:model`` string, used before building one.
        model_options: how to reach providers (keys, base URLs, timeouts, retries).
        prices: the price table that turns usage into cost.
    """

    def __init__(
        self,
        *,
        tools: Iterable[Tool] = (),
        model: str | ModelClient = "offline",
        models: Mapping[str, ModelClient] | None = None,
        model_options: ModelOptions | None = None,
        prices: PriceTable | None = None,
    ) -> None:
        self.tools: dict[str, Tool] = {tool.name: tool for tool in tools}
        self.default_model = model
        self.model_options = model_options
        if prices is None:
            from conclave.engine.models.pricing import PriceTable  # loaded on first use

            prices = PriceTable.default()
        self.prices = prices
        self._models: dict[str, ModelClient] = dict(models or {})
        self._keys: dict[str, str] = {}
        self._built: list[ModelClient] = []
        # Keyed by identity: specs hold dicts, so they cannot hash, and the spec is kept in
        # the entry so that its id is never reused while cached. Least recently used first,
        # and bounded: a spec read from the store is a new object on every run.
        self._blueprints: OrderedDict[int, tuple[AgentSpec, Blueprint]] = OrderedDict()

    def register(self, tool: Tool | Callable[..., object]) -> Tool:
        """Add a tool (or a plain typed function) to the registry."""
        resolved = resolve_tool(tool, self.tools)
        self.tools[resolved.name] = resolved
        self._blueprints.clear()
        return resolved

    def build(self, spec: AgentSpec, *, model: str | ModelClient | None = None) -> Agent:
        """An agent for ``spec``; ``model`` overrides the spec's model."""
        if model is not None:
            return Agent(spec, self._blueprint(spec, self.model_for(model)))
        entry = self._blueprints.get(id(spec))
        if entry is None:
            choice = spec.model or self.default_model
            entry = self._blueprints[id(spec)] = (
                spec,
                self._blueprint(spec, self.model_for(choice)),
            )
            if len(self._blueprints) > BLUEPRINTS_KEPT:
                self._blueprints.popitem(last=False)
        else:
            self._blueprints.move_to_end(id(spec))
        return Agent(spec, entry[1])

    def build_all(self, specs: Mapping[str, AgentSpec]) -> dict[str, Agent]:
        return {name: self.build(spec) for name, spec in specs.items()}

    def model_for(self, model: str | ModelClient) -> ModelClient:
        """The client for a model string, built once and then shared."""
        if not isinstance(model, str):
            return model
        client = self._models.get(model)
        if client is None:
            client = self._models[model] = build_model(model, self._options_for(model))
            self._built.append(client)
        return client

    def with_keys(self, keys: Mapping[str, str]) -> AgentFactory:
        """A factory like this one whose models reach providers with ``keys`` (an API key by
        provider name, such as ``openai``) instead of the usual ones: a tenant's own keys.

        Ready clients given as ``models`` are kept for the providers ``keys`` leaves out.
        """
        derived = AgentFactory(
            tools=self.tools.values(),
            model=self.default_model,
            model_options=self.model_options,
            prices=self.prices,
        )
        derived._keys = dict(keys)
        derived._models = {
            name: client
            for name, client in self._models.items()
            if parse_model_string(name)[0] not in derived._keys
        }
        return derived

    async def aclose(self) -> None:
        """Close the connections of the model clients this factory built (not those it was
        given ready)."""
        built, self._built = self._built, []
        for client in built:
            close = getattr(client, "aclose", None)
            if close is not None:
                await close()

    def _options_for(self, model: str) -> ModelOptions | None:
        key = self._keys.get(parse_model_string(model)[0])
        if key is None:
            return self.model_options
        return dataclasses.replace(self.model_options or ModelOptions(), api_key=key)

    def _blueprint(self, spec: AgentSpec, model: ModelClient) -> Blueprint:
        tools = [self._tool(spec, reference) for reference in spec.tools]
        return build_blueprint(spec, model=model, tools=tools, prices=self.prices)

    def _tool(self, spec: AgentSpec, reference: str) -> Tool:
        try:
            return resolve_tool(reference, self.tools)
        except UnknownName as error:
            raise UnknownName(
                "tool", reference, self.tools, hint=f"named by agent {spec.name!r}"
            ) from error
