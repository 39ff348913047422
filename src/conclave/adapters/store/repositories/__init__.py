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
- ``UserRepository``: a tenant's members and their roles.
- ``ApiKeyRepository``: a tenant's API keys; :func:`find_key` finds one by digest, across
  tenants, to authenticate a request.
- ``RefreshTokenRepository``: refresh tokens, rotated once each, revoked by family.
- ``AuditLog``: the append-only audit log; :func:`append_audit` writes an entry in the
  transaction of the action it records.
- ``SecretRepository``: a tenant's secrets for outside services, as ciphertext.
"""

from conclave.adapters.store.repositories._rows import MAX_OFFSET
from conclave.adapters.store.repositories.api_keys import ApiKeyRepository, find_key, touch_key
from conclave.adapters.store.repositories.approvals import ApprovalRepository
from conclave.adapters.store.repositories.audit import (
    NO_TENANT,
    AuditFilter,
    AuditLog,
    append_audit,
    audit_row,
)
from conclave.adapters.store.repositories.conversations import ConversationRepository
from conclave.adapters.store.repositories.documents import DocumentRepository
from conclave.adapters.store.repositories.leases import DEFAULT_TTL_SECONDS, LeaseManager
from conclave.adapters.store.repositories.refresh_tokens import RefreshTokenRepository
from conclave.adapters.store.repositories.runs import RunRepository
from conclave.adapters.store.repositories.secrets import SecretRepository
from conclave.adapters.store.repositories.tenants import DEFAULT_TENANT, TenantRepository
from conclave.adapters.store.repositories.users import UserRepository, normalize_email

__all__ = [
    "DEFAULT_TENANT",
    "DEFAULT_TTL_SECONDS",
    "MAX_OFFSET",
    "NO_TENANT",
    "ApiKeyRepository",
    "ApprovalRepository",
    "AuditFilter",
    "AuditLog",
    "ConversationRepository",
    "DocumentRepository",
    "LeaseManager",
    "RefreshTokenRepository",
    "RunRepository",
    "SecretRepository",
    "TenantRepository",
    "UserRepository",
    "append_audit",
    "audit_row",
    "find_key",
    "normalize_email",
    "touch_key",
]
