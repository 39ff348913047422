"""WebSocket: follow one run, or every run and agent status change of the tenant."""

from __future__ import annotations

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter(tags=["runs"])
