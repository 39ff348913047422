"""What a rule set decides about a user's input.

It lives apart from the package's ``__init__`` because the built-in rule sets, which the
package imports, return it too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True, slots=True)
class RuleVerdict:
    """Whether a rule set lets the agent act on an input.

    Attributes:
        allowed: ``False`` when the agent must not act on the input.
        reason: why it was refused, for the run log.
        reply: what the agent says instead when it refuses.
    """

    allowed: bool
    reason: str = ""
    reply: str = ""


ALLOW = RuleVerdict(allowed=True)
"""The verdict for an input a rule set has no objection to."""
