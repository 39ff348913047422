"""API schemas for conversations and their messages."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel


class ConversationPublic(BaseModel):
    """A conversation with an agent or a team."""

    id: str
    target_kind: Literal["agent", "team"]
    target: str
    title: str
    created_at: datetime
    updated_at: datetime


class MessagePublic(BaseModel):
    """One message of a conversation, with the tokens and cost it took."""

    id: int
    conversation_id: str
    run_id: str | None
    role: str
    author: str | None
    content: str
    input_tokens: int
    output_tokens: int
    cost_usd: float
    created_at: datetime
