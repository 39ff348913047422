"""Targets: how a run finds the agent or team it runs, by tenant and name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Protocol, runtime_checkable

from conclave.adapters.store.engine import Database
from conclave.adapters.store.repositories.documents import current_specs
from conclave.catalog import Catalog
from conclave.engine.agents import Agent
from conclave.engine.approvals import Approver
from conclave.engine.specs import AgentSpec
from conclave.engine.team_specs import TeamFactory, TeamSpec
from conclave.engine.teams.base import Team


@runtime_checkable
class Targets(Protocol):
    """Builds the agents and teams runs execute."""

    async def agent(self, tenant_id: str, name: str) -> Agent:
        """The tenant's agent called ``name``.

        Raises:
            UnknownName: the tenant has no such agent.
        """
        ...

    async def team(self, tenant_id: str, name: str) -> Team:
        """The tenant's team called ``name``.

        Raises:
            UnknownName: the tenant has no such team.
        """
        ...


class CatalogTargets:
    """The catalog's agents and teams, the same for every tenant.

    Args:
        catalog: the specs and the factory that builds them.
        approvers: the approver of a tenant's approval gates; without one, gates deny.
    """

    __slots__ = ("_approvers", "_catalog")

    def __init__(
        self, catalog: Catalog, *, approvers: Callable[[str], Approver] | None = None
    ) -> None:
        self._catalog = catalog
        self._approvers = approvers

    async def agent(self, tenant_id: str, name: str) -> Agent:
        """The catalog's agent ``name``; every tenant sees the same catalog."""
        return self._catalog.agent(name)

    async def team(self, tenant_id: str, name: str) -> Team:
        """The catalog's team ``name``, its gates decided by the tenant's approver."""
        approver = self._approvers(tenant_id) if self._approvers is not None else None
        return self._catalog.team(name, approver=approver)


class StoreTargets:
    """A tenant's stored agents and teams first, then the catalog's.

    A team's agents resolve the same way (a stored agent overrides the catalog's); nested
    teams come from the catalog. Specs are read on every build, so the next run uses the
    newest version.

    Args:
        database: the store.
        catalog: the built-in specs and the factory that builds agents.
        approvers: the approver of a tenant's approval gates; without one, gates deny.
    """

    def __init__(
        self,
        database: Database,
        catalog: Catalog,
        *,
        approvers: Callable[[str], Approver] | None = None,
    ) -> None:
        self._database = database
        self._catalog = catalog
        self._approvers = approvers

    async def agent(self, tenant_id: str, name: str) -> Agent:
        """The tenant's stored agent ``name``, else the catalog's."""
        stored = await self._stored(tenant_id, "agent", [name])
        if name in stored:
            spec = AgentSpec.from_data(stored[name], source=f"stored agent {name!r}")
            return self._catalog.factory.build(spec)
        return self._catalog.agent(name)

    async def team(self, tenant_id: str, name: str) -> Team:
        """The tenant's stored team ``name``, else the catalog's, with stored agents first."""
        teams = dict(self._catalog.teams)
        stored_teams = await self._stored(tenant_id, "team", [name])
        if name in stored_teams:
            teams[name] = TeamSpec.from_data(stored_teams[name], source=f"stored team {name!r}")
        members = list(teams[name].members) if name in teams else []
        agents = dict(self._catalog.specs)
        for agent, data in (await self._stored(tenant_id, "agent", members)).items():
            agents[agent] = AgentSpec.from_data(data, source=f"stored agent {agent!r}")
        approver = self._approvers(tenant_id) if self._approvers is not None else None
        factory = TeamFactory(
            self._catalog.factory,
            agents,
            teams,
            tools=self._catalog.factory.tools,
            model=self._catalog.override_model,
        )
        return factory.build(name, approver=approver)

    async def _stored(self, tenant_id: str, kind: str, names: list[str]) -> dict[str, Any]:
        return await self._database.run(
            partial(current_specs, tenant_id=tenant_id, kind=kind, names=names)
        )
