"""The seams: a guard screens a text, and a classifier scores one."""

from __future__ import annotations

from typing import Protocol

from conclave.engine.guard.verdict import Screening, Verdict


class Guard(Protocol):
    """Screens user input, tool output, retrieved documents and model output.

    The engine asks a guard about every text that crosses a trust boundary and records the
    verdict as an event; a ``block`` stops the text from reaching the model or the user.
    """

    async def screen(self, text: str, screening: Screening = ...) -> Verdict:
        """Decide whether ``text``, seen in ``screening``'s context, is an attack."""
        ...


class Classifier(Protocol):
    """A learned scorer the rule guard may consult on texts its rules find borderline."""

    def probability(self, text: str, source: str) -> float:
        """How likely ``text`` from ``source`` is an attack, from 0.0 to 1.0."""
        ...
