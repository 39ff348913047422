"""The OpenAI-compatible endpoint: ``/v1/chat/completions`` and ``/v1/models``."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["openai"])
