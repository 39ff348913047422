"""Run several guards over one text and keep the strictest verdict."""

from __future__ import annotations

import asyncio

from conclave.engine.guard.base import Guard
from conclave.engine.guard.verdict import ALLOW, Screening, Verdict


class CombinedGuard:
    """Several guards as one, such as the built-in rules beside an external classifier.

    The verdict is the strictest of theirs (block over flag over allow, then the higher
    score), with the reasons and families of every guard that did not allow the text.
    """

    def __init__(self, *guards: Guard) -> None:
        """Combine ``guards``; they screen each text concurrently."""
        self.guards = guards

    async def screen(self, text: str, screening: Screening = Screening()) -> Verdict:  # noqa: B008
        """Screen ``text`` with every guard and merge their verdicts."""
        verdicts = await asyncio.gather(*(g.screen(text, screening) for g in self.guards))
        return strictest(verdicts)


def strictest(verdicts: list[Verdict]) -> Verdict:
    """The strictest of ``verdicts``, carrying the reasons of all that did not allow."""
    if not verdicts:
        return ALLOW
    top = max(verdicts, key=lambda v: (v.rank, v.score))
    objecting = [v for v in verdicts if v.action != "allow"] or [top]
    reasons = tuple(dict.fromkeys(r for v in objecting for r in v.reasons))
    families = tuple(dict.fromkeys(f for v in objecting for f in v.families))
    return Verdict(action=top.action, score=top.score, reasons=reasons, families=families)
