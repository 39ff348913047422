"""Conversations with agents and teams, and their messages, newest activity first."""

from __future__ import annotations

from fastapi import APIRouter

from conclave.adapters.store.records import ConversationRecord, MessageRecord
from conclave.adapters.store.repositories import ConversationRepository
from conclave.api.auth import ViewerTenant
from conclave.api.deps import Services, ServicesDep
from conclave.api.routes._documents import Limit, Offset
from conclave.api.schemas.agents import Page
from conclave.api.schemas.conversations import ConversationPublic, MessagePublic

__all__ = ["router"]

router = APIRouter(prefix="/api/conversations", tags=["conversations"])


def _repository(services: Services, tenant_id: str) -> ConversationRepository:
    return ConversationRepository(services.database.engine, tenant_id)


def _conversation(record: ConversationRecord) -> ConversationPublic:
    return ConversationPublic(
        id=record.id,
        target_kind=record.target_kind,
        target=record.target,
        title=record.title,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def _message(record: MessageRecord) -> MessagePublic:
    return MessagePublic(
        id=record.id,
        conversation_id=record.conversation_id,
        run_id=record.run_id,
        role=record.role,
        author=record.author,
        content=record.content,
        input_tokens=record.input_tokens,
        output_tokens=record.output_tokens,
        cost_usd=record.cost_usd,
        created_at=record.created_at,
    )


@router.get("")
async def list_conversations(
    services: ServicesDep, tenant_id: ViewerTenant, limit: Limit = 50, offset: Offset = 0
) -> Page[ConversationPublic]:
    """A page of the tenant's conversations, the most recently active first."""
    page = await _repository(services, tenant_id).list(limit=limit, offset=offset)
    items = [_conversation(record) for record in page.items]
    return Page(items=items, total=page.total, limit=page.limit, offset=page.offset)


@router.get("/{conversation_id}")
async def get_conversation(
    conversation_id: str, services: ServicesDep, tenant_id: ViewerTenant
) -> ConversationPublic:
    """One conversation."""
    return _conversation(await _repository(services, tenant_id).get(conversation_id))


@router.get("/{conversation_id}/messages")
async def list_messages(
    conversation_id: str,
    services: ServicesDep,
    tenant_id: ViewerTenant,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Page[MessagePublic]:
    """A page of a conversation's messages, oldest first."""
    repository = _repository(services, tenant_id)
    page = await repository.messages(conversation_id, limit=limit, offset=offset)
    items = [_message(record) for record in page.items]
    return Page(items=items, total=page.total, limit=page.limit, offset=page.offset)
