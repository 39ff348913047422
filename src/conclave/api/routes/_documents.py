"""What the agent and team routers share: stored documents, validation, versions."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Annotated, Any, TypeVar

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from conclave.adapters.bus import EVENTS
from conclave.adapters.store.records import DocumentHead, DocumentKind, DocumentVersion
from conclave.adapters.store.repositories import MAX_OFFSET, DocumentRepository
from conclave.api.deps import Services
from conclave.api.schemas.agents import (
    DocumentVersionPublic,
    Page,
)
from conclave.engine.specs import SpecDocument
from conclave.errors import NotFound, SpecError, UnknownName, UserError
from conclave.services.identity import acting

S = TypeVar("S", bound=SpecDocument)

Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
STORE_PAGE = 500  # the store's largest page


def documents(services: Services, tenant_id: str) -> DocumentRepository:
    """The tenant's agent and team documents."""
    return DocumentRepository(services.database.engine, tenant_id)


def validated(model: type[S], data: Mapping[str, Any], *, name: str | None = None) -> S:
    """``data`` as a spec of ``model``; a problem is a 422 naming the field under ``spec``.

    Args:
        model: ``AgentSpec`` or ``TeamSpec``.
        data: the spec's fields.
        name: the name in the path, which the spec's ``name`` must match (or leave out).
    """
    if name is not None:
        data = {"name": name, **data}
        if data["name"] != name:
            problem = f"must be {name!r}, the name in the path; create a new one to rename"
            raise _invalid(("name",), problem, data["name"])
    try:
        return model.model_validate(data, context={"source": "spec"})
    except ValidationError as error:
        problems = error.errors(include_url=False, include_context=False)
        raise RequestValidationError(
            [{**p, "loc": ("body", "spec", *p["loc"])} for p in problems]
        ) from None
    except SpecError as error:
        field = str(error.fields.get("field") or "")
        raise _invalid(tuple(field.split(".")) if field else (), error.message, None) from None


def _invalid(loc: tuple[str, ...], message: str, value: Any) -> RequestValidationError:
    problem = {"type": "value_error", "loc": ("body", "spec", *loc), "msg": message}
    return RequestValidationError([problem | {"input": value}])


def dump(spec: SpecDocument) -> dict[str, Any]:
    """The spec as stored: the fields it was given, in JSON types."""
    return spec.model_dump(mode="json", exclude_unset=True)


async def stored_head(repo: DocumentRepository, kind: str, name: str) -> DocumentHead | None:
    """The stored document, or ``None`` if there is none."""
    try:
        return await repo.head(kind, name)
    except NotFound:
        return None


async def all_heads(repo: DocumentRepository, kind: str) -> builtins.list[DocumentHead]:
    """Every stored document of a kind, by name."""
    heads: builtins.list[DocumentHead] = []
    while True:
        page = await repo.list(kind, limit=STORE_PAGE, offset=len(heads))
        heads.extend(page.items)
        if not page.has_more or not page.items:
            return heads


def unknown(kind: str, name: str, known: Any) -> NotFound:
    """A 404 for a name that is neither stored nor built in, with a "did you mean"."""
    message = UnknownName(kind, name, known).message
    return NotFound(message, kind=kind, name=name)


def version_page(
    versions: builtins.list[DocumentVersion], limit: int, offset: int
) -> Page[DocumentVersionPublic]:
    """A page of a document's versions, oldest first."""
    items = [
        DocumentVersionPublic(
            name=v.name,
            version=v.version,
            spec=v.spec,
            created_by=v.created_by,
            created_at=v.created_at,
        )
        for v in versions[offset : offset + limit]
    ]
    return Page(items=items, total=len(versions), limit=limit, offset=offset)


async def announce(
    services: Services,
    tenant_id: str,
    key: str,
    name: str,
    *,
    action: str | None = None,
    details: dict[str, object] | None = None,
) -> None:
    """Audit a change (as ``action``, ``key`` by default) and publish its lifecycle message,
    such as ``agent.created``, on ``conclave.events``."""
    kind = key.partition(".")[0]
    await services.identity.audit(
        tenant_id, action or key, acting(), target_kind=kind, target_id=name, details=details
    )
    payload = {"tenant_id": tenant_id, "name": name}
    await services.bus.publish(EVENTS, key, payload, headers={"tenant_id": tenant_id})


async def save(
    services: Services,
    tenant_id: str,
    kind: DocumentKind,
    name: str,
    spec: SpecDocument,
    *,
    expected_version: int | None,
    built_in: bool,
) -> DocumentHead:
    """Store a new version of a document; a built-in one not stored yet is stored as v1."""
    repo = documents(services, tenant_id)
    try:
        head = await repo.update(kind, name, dump(spec), expected_version=expected_version)
    except NotFound:
        if not built_in:
            raise
        head = await repo.create(kind, name, dump(spec))
    await announce(services, tenant_id, f"{kind}.updated", name)
    return head


async def delete_document(
    services: Services, tenant_id: str, kind: DocumentKind, name: str, *, built_in: bool
) -> None:
    """Delete a stored document; a built-in one that is not stored cannot be deleted."""
    repo = documents(services, tenant_id)
    if built_in and await stored_head(repo, kind, name) is None:
        raise UserError(
            f"{kind} {name!r} is built in and cannot be deleted; store your own version "
            "with PUT to override it",
            kind=kind,
            name=name,
        )
    await repo.delete(kind, name)
    await announce(services, tenant_id, f"{kind}.deleted", name)


# --- agents -----------------------------------------------------------------------------
