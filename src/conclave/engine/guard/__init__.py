"""The guard: screens user input, tool output, documents and model output for attacks.

A guard returns a :class:`Verdict` (allow, flag or block, with a score and reasons) for one
text seen in a :class:`Screening` context. The built-in :class:`RuleGuard` reads twenty-odd
languages through concept lexicons, forged role markers and templated links, decodes what
is hidden in base64, hex, rot13, percent-escapes, HTML entities and Unicode tricks, and in
model output looks for data leaving through links, secrets and the system prompt::

    guard = default_guard()
    verdict = await guard.screen(page_text, Screening(source="document"))
    if verdict.action == "block":
        ...
"""

from __future__ import annotations

from conclave.engine.guard.base import Classifier, Guard
from conclave.engine.guard.combined import CombinedGuard
from conclave.engine.guard.rules import RuleGuard, Thresholds, default_guard
from conclave.engine.guard.verdict import ALLOW, Action, Screening, Source, Verdict

__all__ = [
    "ALLOW",
    "Action",
    "Classifier",
    "CombinedGuard",
    "Guard",
    "RuleGuard",
    "Screening",
    "Source",
    "Thresholds",
    "Verdict",
    "default_guard",
]
