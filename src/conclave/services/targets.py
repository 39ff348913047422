"""Targets: how a run finds the agent or team it runs, by tenant and name."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Protocol, runtime_checkable

from conclave.adapters.store.engine import Connection, Database
from conclave.adapters.store.repositories.documents import current_specs
from conclave.catalog import Catalog
from conclave.engine.agents import Agent
from conclave.engine.approvals import Approver
from conclave.engine.factory import AgentFactory
from conclave.engine.specs import AgentSpec
from conclave.engine.team_specs import TeamFactory, TeamSpec
from conclave.engine.teams.base import Team
from conclave.errors import UserError
from conclave.services.provider_keys import ProviderKeys


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

    def build(self, connection: Connection, tenant_id: str, kind: str, name: str) -> Agent | Team:
        """The tenant's agent or team, read in the caller's transaction (synchronous, for
        :meth:`Database.run`: a new run reads its target in the transaction that stores it).

        Raises:
            UnknownName: the tenant has no such agent or team.
            UserError: ``kind`` is neither ``agent`` nor ``team``.
        """
        ...


def check_target_kind(kind: str) -> None:
    """Refuse a target kind that is neither ``agent`` nor ``team``."""
    if kind not in ("agent", "team"):
        raise UserError(
            f"unknown run target kind {kind!r}; use 'agent' or 'team'", target_kind=kind
        )


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
        return self._team(tenant_id, name)

    def build(self, connection: Connection, tenant_id: str, kind: str, name: str) -> Agent | Team:
        """The catalog's agent or team; the store is not read."""
        check_target_kind(kind)
        return self._catalog.agent(name) if kind == "agent" else self._team(tenant_id, name)

    def _team(self, tenant_id: str, name: str) -> Team:
        approver = self._approvers(tenant_id) if self._approvers is not None else None
        return self._catalog.team(name, approver=approver)


class StoreTargets:
    """A tenant's stored agents and teams first, then the catalog's.

    A team's agents resolve the same way (a stored agent overrides the catalog's); nested
    teams come from the catalog. Specs are read on every build, so the next run uses the
    newest version. With ``keys``, a tenant's agents reach providers with its own keys.

    Args:
        database: the store.
        catalog: the built-in specs and the factory that builds agents.
        approvers: the approver of a tenant's approval gates; without one, gates deny.
        keys: the tenants' own provider keys.
    """

    def __init__(
        self,
        database: Database,
        catalog: Catalog,
        *,
        approvers: Callable[[str], Approver] | None = None,
        keys: ProviderKeys | None = None,
    ) -> None:
        self._database = database
        self._catalog = catalog
        self._approvers = approvers
        self._keys = keys

    async def agent(self, tenant_id: str, name: str) -> Agent:
        """The tenant's stored agent ``name``, else the catalog's."""
        work = partial(self.build, tenant_id=tenant_id, kind="agent", name=name)
        built = await self._database.run(work)
        assert isinstance(built, Agent)
        return built

    async def team(self, tenant_id: str, name: str) -> Team:
        """The tenant's stored team ``name``, else the catalog's, with stored agents first."""
        work = partial(self.build, tenant_id=tenant_id, kind="team", name=name)
        built = await self._database.run(work)
        assert isinstance(built, Team)
        return built

    def build(self, connection: Connection, tenant_id: str, kind: str, name: str) -> Agent | Team:
        """The tenant's stored agent or team, else the catalog's, read in ``connection``'s
        transaction."""
        check_target_kind(kind)
        if kind == "agent":
            return self._agent(connection, tenant_id, name)
        return self._team(connection, tenant_id, name)

    def _agent(self, connection: Connection, tenant_id: str, name: str) -> Agent:
        stored = current_specs(connection, tenant_id, "agent", [name])
        factory = self._factory(connection, tenant_id)
        if name in stored:
            spec = AgentSpec.from_data(stored[name], source=f"stored agent {name!r}")
            return factory.build(spec)
        if factory is self._catalog.factory:
            return self._catalog.agent(name)
        return factory.build(self._catalog.spec(name), model=self._catalog.override_model)

    def _factory(self, connection: Connection, tenant_id: str) -> AgentFactory:
        """The catalog's factory, or one that reaches providers with the tenant's keys."""
        base = self._catalog.factory
        return base if self._keys is None else self._keys.factory(connection, tenant_id, base)

    def _team(self, connection: Connection, tenant_id: str, name: str) -> Team:
        teams = dict(self._catalog.teams)
        stored_teams = current_specs(connection, tenant_id, "team", [name])
        if name in stored_teams:
            teams[name] = TeamSpec.from_data(stored_teams[name], source=f"stored team {name!r}")
        members = list(teams[name].members) if name in teams else []
        agents = dict(self._catalog.specs)
        for agent, data in current_specs(connection, tenant_id, "agent", members).items():
            agents[agent] = AgentSpec.from_data(data, source=f"stored agent {agent!r}")
        approver = self._approvers(tenant_id) if self._approvers is not None else None
        factory = TeamFactory(
            self._factory(connection, tenant_id),
            agents,
            teams,
            tools=self._catalog.factory.tools,
            model=self._catalog.override_model,
        )
        return factory.build(name, approver=approver)
