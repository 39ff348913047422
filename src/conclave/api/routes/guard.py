"""``POST /api/guard/check``: the guard's verdict on one text, as runs would get it.

For trying the guard on texts before relying on it, and for applications that screen text
of their own; it stores nothing.
"""

from __future__ import annotations

from fastapi import APIRouter

from conclave.api.auth import Viewer
from conclave.api.deps import ServicesDep
from conclave.api.schemas.guard import GuardCheck, GuardVerdictPublic
from conclave.engine.guard import Screening, default_guard

__all__ = ["router"]

router = APIRouter(prefix="/api/guard", tags=["guard"])


@router.post("/check")
async def check(body: GuardCheck, services: ServicesDep, caller: Viewer) -> GuardVerdictPublic:
    """Screen ``text`` as it would be screened coming from ``source``."""
    guard = services.runs.guard or default_guard()
    screening = Screening(
        source=body.source,
        system_prompt=body.system_prompt,
        allowed_hosts=frozenset(host.lower() for host in body.allowed_hosts),
    )
    verdict = await guard.screen(body.text, screening)
    return GuardVerdictPublic(
        id=body.id,
        verdict=verdict.action,
        score=round(verdict.score, 4),
        reasons=list(verdict.reasons),
        families=list(verdict.families),
    )
