"""What a guard decides about one text, and the context it screens that text in."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Source = Literal["input", "tool", "document", "output"]
"""Where a text comes from: the user, a tool result, retrieved text, or the model's reply."""

Action = Literal["allow", "flag", "block"]
"""What to do with a text: pass it on, pass it on and record why, or refuse it."""

_RANK: dict[str, int] = {"allow": 0, "flag": 1, "block": 2}


@dataclass(frozen=True, kw_only=True, slots=True)
class Verdict:
    """A guard's decision about one text.

    Attributes:
        action: ``allow``, ``flag`` or ``block``.
        score: how likely the text is an attack, from 0.0 to 1.0.
        reasons: short machine-friendly reasons, such as ``instruction_override:es``,
            ``encoded:base64`` or ``exfiltration:image_url:evil.example``.
        families: the attack families matched, such as ``prompt_extraction``.
    """

    action: Action
    score: float
    reasons: tuple[str, ...] = ()
    families: tuple[str, ...] = ()

    @property
    def rank(self) -> int:
        """How strict the action is: 0 for allow, 1 for flag, 2 for block."""
        return _RANK[self.action]

    def to_dict(self) -> dict[str, object]:
        """The verdict as JSON-ready data: ``verdict``, ``score``, ``reasons`` and ``families``."""
        return {
            "verdict": self.action,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "families": list(self.families),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Screening:
    """The context of one screen.

    Attributes:
        source: where the text comes from; tool output and documents should hold data, so
            instructions inside them weigh more than the same words from the user.
        system_prompt: the agent's system prompt, to find it leaking into the model's output.
        allowed_hosts: hosts that links and images in the output may point to; a subdomain of
            an allowed host is allowed too.
    """

    source: Source = "input"
    system_prompt: str = ""
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)


ALLOW = Verdict(action="allow", score=0.0)
"""The shared verdict for a text with nothing suspicious in it."""
