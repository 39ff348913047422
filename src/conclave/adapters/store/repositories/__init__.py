"""Repositories: the only way to read and write the store's tables.

Each repository but ``TenantRepository`` and ``LeaseManager`` is built for one tenant, and
every query it makes filters on that tenant: another tenant's objects look exactly like
missing ones. They return the records of :mod:`conclave.adapters.store.records`.

- ``TenantRepository``: the tenants themselves, and the ``default`` one of embedded mode.
- ``DocumentRepository``: agents and teams as versioned documents, with rollback and status.
- ``ConversationRepository``: conversations and their messages.
- ``RunRepository``: runs and their status, output, usage and cost.
- ``ApprovalRepository``: decisions asked of people.
- ``LeaseManager``: which executor runs which run, across tenants.
"""

from conclave.adapters.store.repositories._rows import MAX_OFFSET
from conclave.adapters.store.repositories.approvals import ApprovalRepository
from conclave.adapters.store.repositories.conversations import ConversationRepository
from conclave.adapters.store.repositories.documents import DocumentRepository
from conclave.adapters.store.repositories.leases import DEFAULT_TTL_SECONDS, LeaseManager
from conclave.adapters.store.repositories.runs import RunRepository
from conclave.adapters.store.repositories.tenants import DEFAULT_TENANT, TenantRepository

__all__ = [
    "DEFAULT_TENANT",
    "DEFAULT_TTL_SECONDS",
    "MAX_OFFSET",
    "ApprovalRepository",
    "ConversationRepository",
    "DocumentRepository",
    "LeaseManager",
    "RunRepository",
    "TenantRepository",
]
