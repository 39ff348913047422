"""Targets: how a run finds the agent or team it runs, by tenant and name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from conclave.catalog import Catalog
from conclave.engine.agents import Agent
from conclave.engine.approvals import Approver
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
