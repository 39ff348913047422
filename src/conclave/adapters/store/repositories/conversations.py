"""Conversations with agents and teams, and their messages, for one tenant."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Select, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from conclave.adapters.store.records import ConversationRecord, MessageRecord, Page
from conclave.adapters.store.repositories._rows import (
    TenantScoped,
    check_kind,
    check_page,
    count,
    has_nul,
    insert_error,
    to_record,
    utcnow,
)
from conclave.adapters.store.tables import conversations, messages
from conclave.errors import NotFound


def _not_found(conversation_id: str) -> NotFound:
    return NotFound(
        f"conversation {conversation_id!r} not found", kind="conversation", name=conversation_id
    )


class ConversationRepository(TenantScoped):
    """One tenant's conversations, newest activity first, and their messages in order."""

    __slots__ = ()

    async def create(self, target_kind: str, target: str, *, title: str = "") -> str:
        """Start a conversation with an agent or a team.

        Returns:
            The new conversation's id.
        """
        check_kind(target_kind)
        now = utcnow()
        row = {
            "id": uuid.uuid4().hex,
            "tenant_id": self.tenant_id,
            "target_kind": target_kind,
            "target": target,
            "title": title,
            "created_at": now,
            "updated_at": now,
        }
        try:
            async with self._engine.begin() as connection:
                await connection.execute(insert(conversations).values(row))
        except IntegrityError as error:
            message = "a conversation id collided; try again"
            raise insert_error(error, duplicate=message, tenant_id=self.tenant_id) from error
        return str(row["id"])

    async def get(self, conversation_id: str) -> ConversationRecord:
        """One conversation.

        Raises:
            NotFound: the tenant has no conversation with this id.
        """
        if has_nul(conversation_id):
            raise _not_found(conversation_id)
        async with self._engine.connect() as connection:
            row = (await connection.execute(self._one(conversation_id))).first()
        if row is None:
            raise _not_found(conversation_id)
        return to_record(ConversationRecord, row)

    async def list(self, *, limit: int = 50, offset: int = 0) -> Page[ConversationRecord]:
        """A page of the tenant's conversations, the most recently active first."""
        check_page(limit, offset)
        query = select(conversations).where(conversations.c.tenant_id == self.tenant_id)
        query = query.order_by(conversations.c.updated_at.desc(), conversations.c.id.desc())
        async with self._engine.connect() as connection:
            total = await count(connection, query)
            rows = await connection.execute(query.limit(limit).offset(offset))
            items = [to_record(ConversationRecord, row) for row in rows]
        return Page(items=items, total=total, limit=limit, offset=offset)

    async def add_message(
        self,
        conversation_id: str,
        role: str,
        author: str | None,
        content: str,
        *,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cost_usd: float = 0.0,
        run_id: str | None = None,
    ) -> MessageRecord:
        """Append a message to a conversation and mark the conversation active.

        Raises:
            NotFound: the tenant has no conversation with this id.
        """
        now = utcnow()
        row = {
            "tenant_id": self.tenant_id,
            "conversation_id": conversation_id,
            "run_id": run_id,
            "role": role,
            "author": author,
            "content": content,
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cost_usd": cost_usd,
            "created_at": now,
        }
        async with self._engine.begin() as connection:
            await self._touch(connection, conversation_id, now)
            statement = insert(messages).values(row).returning(messages.c.id)
            message_id = (await connection.execute(statement)).scalar_one()
        return to_record(MessageRecord, row | {"id": message_id})

    async def messages(
        self,
        conversation_id: str,
        *,
        limit: int = 100,
        offset: int = 0,
        after_id: int | None = None,
    ) -> Page[MessageRecord]:
        """A page of a conversation's messages, oldest first.

        Args:
            conversation_id: the conversation.
            limit: the page size.
            offset: how many messages to skip (after ``after_id``, if given).
            after_id: a cursor: only messages stored after the one with this id; the
                page's ``total`` then counts those only.

        Raises:
            NotFound: the tenant has no conversation with this id.
        """
        check_page(limit, offset)
        if has_nul(conversation_id):
            raise _not_found(conversation_id)
        query = select(messages).where(messages.c.tenant_id == self.tenant_id)
        query = query.where(messages.c.conversation_id == conversation_id)
        if after_id is not None:
            query = query.where(messages.c.id > after_id)
        async with self._engine.connect() as connection:
            if (await connection.execute(self._one(conversation_id))).first() is None:
                raise _not_found(conversation_id)
            total = await count(connection, query)
            page = query.order_by(messages.c.id).limit(limit).offset(offset)
            items = [to_record(MessageRecord, row) for row in await connection.execute(page)]
        return Page(items=items, total=total, limit=limit, offset=offset)

    def _one(self, conversation_id: str) -> Select[Any]:
        return select(conversations).where(
            conversations.c.tenant_id == self.tenant_id, conversations.c.id == conversation_id
        )

    async def _touch(
        self, connection: AsyncConnection, conversation_id: str, now: datetime
    ) -> None:
        """Mark the conversation active; it also proves the tenant owns it."""
        touched = update(conversations).where(
            conversations.c.tenant_id == self.tenant_id, conversations.c.id == conversation_id
        )
        if (await connection.execute(touched.values(updated_at=now))).rowcount == 0:
            raise _not_found(conversation_id)
