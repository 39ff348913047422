"""A tenant's own model-provider keys: its secrets named after a provider (``openai``,
``anthropic``, ``openrouter``…) reach that provider instead of the server's keys.

Agents and teams are built for a run in the transaction that stores it, so the keys are
read there: once per tenant every ``CACHE_SECONDS``, decrypted, and turned into a factory
whose model clients carry them. A key stored or deleted through this process applies to the
next run; one changed through another process, within ``CACHE_SECONDS``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from conclave.adapters.store.engine import Connection
from conclave.adapters.store.repositories.secrets import read_secrets
from conclave.engine.factory import AgentFactory
from conclave.engine.models.registry import PROVIDERS
from conclave.services.auth import SecretBox

__all__ = ["CACHE_SECONDS", "KEYED_PROVIDERS", "ProviderKeys"]

CACHE_SECONDS = 10.0
# The providers a secret can hold a key for: every one but those that need none.
KEYED_PROVIDERS = tuple(name for name in PROVIDERS if name not in ("offline", "scripted"))


@dataclass(frozen=True, slots=True)
class _Entry:
    keys: dict[str, str]
    factory: AgentFactory | None
    until: float


class ProviderKeys:
    """Builds each tenant's agents with its own provider keys, where it stored any.

    Args:
        box: decrypts the stored secrets.
        clock: seconds on a monotonic clock (for the cache).
    """

    def __init__(self, box: SecretBox, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._box = box
        self._clock = clock
        self._entries: dict[str, _Entry] = {}
        # Factories replaced while runs may still use their clients: closed at shutdown.
        self._retired: list[AgentFactory] = []

    def factory(self, connection: Connection, tenant_id: str, base: AgentFactory) -> AgentFactory:
        """``base``, or a factory like it that reaches providers with the tenant's keys."""
        entry = self._entries.get(tenant_id)
        if entry is None or entry.until <= self._clock():
            entry = self._read(connection, tenant_id, base, entry)
        return entry.factory or base

    def forget(self, tenant_id: str) -> None:
        """Read the tenant's keys afresh for its next run (one was stored or deleted)."""
        entry = self._entries.pop(tenant_id, None)
        if entry is not None and entry.factory is not None:
            self._retired.append(entry.factory)

    async def aclose(self) -> None:
        """Close the connections of every tenant's model clients."""
        factories = [e.factory for e in self._entries.values() if e.factory is not None]
        factories += self._retired
        self._entries.clear()
        self._retired = []
        for factory in factories:
            await factory.aclose()

    def _read(
        self, connection: Connection, tenant_id: str, base: AgentFactory, old: _Entry | None
    ) -> _Entry:
        stored = read_secrets(connection, tenant_id, KEYED_PROVIDERS)
        keys = {name: self._box.decrypt(value) for name, value in stored.items()}
        if old is not None and old.keys == keys:
            factory = old.factory  # unchanged: keep its clients and their connections
        else:
            if old is not None and old.factory is not None:
                self._retired.append(old.factory)
            factory = base.with_keys(keys) if keys else None
        entry = _Entry(keys, factory, self._clock() + CACHE_SECONDS)
        self._entries[tenant_id] = entry
        return entry
