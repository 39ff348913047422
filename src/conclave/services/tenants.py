"""Tenants: onboarding a customer, changing its tier or status, and the embedded first start.

Onboarding, done by a platform administrator, stores the tenant with its tier and the packs
it chose, provisions the packs' agents and teams as the tenant's own documents (which it may
then change and roll back), makes its first admin key, audits it all, and publishes
``tenant.created``. The key's plaintext is returned once and stored nowhere.

On an embedded server's first start, the default tenant gets a platform key, printed once,
so a new user can call the API at once.
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from conclave.adapters.bus import EVENTS, Bus
from conclave.adapters.store.engine import Database
from conclave.adapters.store.records import TenantRecord
from conclave.adapters.store.repositories.api_keys import ApiKeyRepository
from conclave.adapters.store.repositories.documents import DocumentRepository
from conclave.adapters.store.repositories.secrets import SecretRepository
from conclave.adapters.store.repositories.tenants import DEFAULT_TENANT, TenantRepository
from conclave.catalog import Catalog
from conclave.errors import UnknownName, UserError, VersionConflict
from conclave.services.access import Access
from conclave.services.auth import Role, SecretBox, api_key_digest, parse_api_key
from conclave.services.identity import SYSTEM, Actor, IdentityService, IssuedKey
from conclave.services.provider_keys import ProviderKeys
from conclave.services.tiers import Tiers

__all__ = ["PACKS", "Onboarded", "Onboarding", "TenantService"]

# A pack is a domain's teams; onboarding provisions them and their agents. "demo" is the
# general-purpose agents.
PACKS: Mapping[str, tuple[str, ...]] = {
    "demo": (),
    "trading": ("trading-desk",),
    "software": ("software-delivery",),
    "business": ("strategic-analysis", "market-entry", "product-launch"),
}
_DEMO_AGENTS = ("assistant", "analyst", "writer", "support", "advisor")


@dataclass(frozen=True, kw_only=True, slots=True)
class Onboarding:
    """A new customer, as a platform administrator registers it.

    Attributes:
        id: the tenant's id, used in URLs and logs.
        name: its display name.
        tier: its tier, which sets its limits.
        packs: the packs whose agents and teams it starts with.
        settings: anything else to keep with it.
        admin_email: a first admin member to add, if any.
        admin_password: that member's password; without one the member signs in with keys.
    """

    id: str
    name: str
    tier: str = "free"
    packs: tuple[str, ...] = ("demo",)
    settings: Mapping[str, Any] | None = None
    admin_email: str | None = None
    admin_password: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Onboarded:
    """A tenant just onboarded, and its first admin key (shown once)."""

    tenant: TenantRecord
    admin_key: IssuedKey
    provisioned: tuple[str, ...]


class TenantService:
    """Registers and administers tenants.

    Args:
        database: the store.
        bus: where ``tenant.*`` events go.
        catalog: the packs' specs.
        tiers: the known tiers.
        access: the authenticator, whose tenant cache a change clears.
        identity: makes the first admin key and member, and audits.
        box: encrypts the tenant's secrets at rest.
        keys: the tenants' provider keys in use, told when one changes.
    """

    def __init__(
        self,
        database: Database,
        bus: Bus,
        catalog: Catalog,
        *,
        tiers: Tiers,
        access: Access,
        identity: IdentityService,
        box: SecretBox,
        keys: ProviderKeys | None = None,
    ) -> None:
        self._database = database
        self._bus = bus
        self._catalog = catalog
        self._tiers = tiers
        self._access = access
        self._identity = identity
        self._box = box
        self._keys = keys
        self._tenants = TenantRepository(database.engine)

    async def onboard(self, request: Onboarding, actor: Actor) -> Onboarded:
        """Register a customer; see the module docstring.

        Raises:
            UnknownName: an unknown tier or pack.
            VersionConflict: a tenant with this id exists.
        """
        self._tiers.get(request.tier)
        for pack in request.packs:
            if pack not in PACKS:
                raise UnknownName("pack", pack, PACKS)
        settings = {**(request.settings or {}), "packs": list(request.packs)}
        tenant = await self._tenants.create(
            request.id, request.name, tier=request.tier, settings=settings
        )
        provisioned = await self._provision(tenant.id, request.packs)
        key = await self._identity.create_key(tenant.id, "first admin", Role.ADMIN, actor)
        if request.admin_email is not None:
            await self._identity.create_user(
                tenant.id, request.admin_email, Role.ADMIN, actor, password=request.admin_password
            )
        await self._identity.audit(
            tenant.id, "tenant.create", actor, target_kind="tenant", target_id=tenant.id,
            details={"tier": tenant.tier, "packs": list(request.packs)},
        )  # fmt: skip
        await self._publish("tenant.created", tenant)
        return Onboarded(tenant=tenant, admin_key=key, provisioned=provisioned)

    async def get(self, tenant_id: str) -> TenantRecord:
        """One tenant.

        Raises:
            NotFound: there is none.
        """
        return await self._tenants.get(tenant_id)

    async def list(self) -> builtins.list[TenantRecord]:
        """Every tenant."""
        return await self._tenants.list()

    async def update(
        self,
        tenant_id: str,
        actor: Actor,
        *,
        name: str | None = None,
        tier: str | None = None,
        status: str | None = None,
    ) -> TenantRecord:
        """Rename a tenant, move it to another tier, or suspend or reactivate it.

        A suspended tenant's credentials are refused at once on this server, and within
        seconds on the others.

        Raises:
            NotFound: there is no such tenant.
            UnknownName: an unknown tier.
        """
        if tier is not None:
            self._tiers.get(tier)
        tenant = await self._tenants.update(tenant_id, name=name, tier=tier, status=status)
        self._access.forget_tenant(tenant_id)
        changes = {"name": name, "tier": tier, "status": status}
        await self._identity.audit(
            tenant_id, "tenant.update", actor, target_kind="tenant", target_id=tenant_id,
            details={key: value for key, value in changes.items() if value is not None},
        )  # fmt: skip
        await self._publish("tenant.updated", tenant)
        return tenant

    async def put_secret(self, tenant_id: str, name: str, value: str, actor: Actor) -> None:
        """Store a secret of the tenant (a model provider's API key), encrypted."""
        await SecretRepository(self._database.engine, tenant_id).put(name, self._box.encrypt(value))
        if self._keys is not None:
            self._keys.forget(tenant_id)
        await self._identity.audit(
            tenant_id, "secret.put", actor, target_kind="secret", target_id=name
        )

    async def secret_names(self, tenant_id: str) -> builtins.list[str]:
        """The names of the tenant's secrets."""
        return await SecretRepository(self._database.engine, tenant_id).list()

    async def reveal_secret(self, tenant_id: str, name: str) -> str:
        """A secret of the tenant, decrypted, for the code that uses it (never the API).

        Raises:
            NotFound: the tenant has no such secret.
        """
        record = await SecretRepository(self._database.engine, tenant_id).get(name)
        return self._box.decrypt(record.ciphertext)

    async def delete_secret(self, tenant_id: str, name: str, actor: Actor) -> None:
        """Forget a secret of the tenant.

        Raises:
            NotFound: the tenant has no such secret.
        """
        await SecretRepository(self._database.engine, tenant_id).delete(name)
        if self._keys is not None:
            self._keys.forget(tenant_id)
        await self._identity.audit(
            tenant_id, "secret.delete", actor, target_kind="secret", target_id=name
        )

    async def first_start_key(self) -> IssuedKey | None:
        """A platform key for the default tenant, if it has no key yet (a fresh store)."""
        keys = ApiKeyRepository(self._database.engine, DEFAULT_TENANT)
        if (await keys.list(limit=1)).total:
            return None
        try:
            return await self._identity.create_key(
                DEFAULT_TENANT, "first start", Role.PLATFORM, SYSTEM
            )
        except VersionConflict:  # another process made it meanwhile
            return None

    async def seed_key(self, plaintext: str) -> None:
        """Make sure ``plaintext`` (from the environment) is a platform key of the default
        tenant, for deployments that set their first credential themselves."""
        key_id = parse_api_key(plaintext)
        if key_id is None:
            raise UserError("CONCLAVE_ADMIN_KEY is not a Conclave API key; make one with ck_…")
        keys = ApiKeyRepository(self._database.engine, DEFAULT_TENANT)
        with contextlib.suppress(VersionConflict):  # seeded on an earlier start
            await keys.create(
                key_id,
                name="from CONCLAVE_ADMIN_KEY",
                role=str(Role.PLATFORM),
                digest=api_key_digest(plaintext, self._identity.secret),
            )

    async def _provision(self, tenant_id: str, packs: Iterable[str]) -> tuple[str, ...]:
        documents = DocumentRepository(self._database.engine, tenant_id)
        stored: list[str] = []
        for kind, name, spec in self._pack_specs(packs):
            try:
                await documents.create(kind, name, spec, by="onboarding")
            except VersionConflict:
                continue  # two packs share an agent
            stored.append(f"{kind}:{name}")
        return tuple(stored)

    def _pack_specs(self, packs: Iterable[str]) -> Iterable[tuple[str, str, dict[str, Any]]]:
        for pack in packs:
            agents = list(_DEMO_AGENTS) if pack == "demo" else []
            for team in PACKS[pack]:
                spec = self._catalog.team_spec(team)
                agents.extend(spec.members)
                yield "team", team, spec.model_dump(mode="json", exclude_unset=True)
            for agent in agents:
                if agent in self._catalog.specs:
                    spec_data = self._catalog.specs[agent].model_dump(
                        mode="json", exclude_unset=True
                    )
                    yield "agent", agent, spec_data

    async def _publish(self, key: str, tenant: TenantRecord) -> None:
        payload = {"tenant_id": tenant.id, "name": tenant.name, "tier": tenant.tier}
        await self._bus.publish(EVENTS, key, payload | {"status": tenant.status})
