"""Contexts that make findings less telling: a text about attacks, a quoted transcript.

An article on prompt injection quotes "ignore your previous instructions"; a support ticket
pastes a chat whose lines start "User:", "Bot:" and "System:"; a model that declines to
share its instructions names them. Each context is a concept (from the lexicon or the
structure scan) that scales down the findings it explains, and only those.
"""

from __future__ import annotations

from dataclasses import dataclass

from conclave.engine.guard.rulebook import (
    DELIMITER,
    EXFILTRATION,
    EXTRACTION,
    OVERRIDE,
    ROLEPLAY,
    TOOL_MISUSE,
)

_DATA = frozenset({"tool", "document"})
_ACTING = frozenset({OVERRIDE, TOOL_MISUSE, EXFILTRATION, ROLEPLAY, "claims_authority"})
_ADDRESSING = frozenset({"instructs_ai", "mentions_ai", "addressed_to_ai"})

_ADDRESS_CONCEPTS = frozenset(
    {"address", "address_strong", "names_ai", "marker_role", "marker_tag", "marker_heading"}
    | {"marker_inst", "marker_chat", "marker_end", "respond", "reader", "hidden_text"}
)
UNADDRESSED = "unaddressed"
"""The context of data that names no AI, assistant or agent anywhere."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Damper:
    """A context, and how much it scales the findings it explains.

    Attributes:
        context: the concept whose presence sets the context.
        factor: what the weight of an explained finding is multiplied by.
        slots: the families (or amplifier reasons) explained; empty for every finding.
        sources: the sources where the context applies; empty for every source.
        spares: slots never explained by this context, even when ``slots`` is empty.
    """

    context: str
    factor: float
    slots: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    spares: frozenset[str] = frozenset()

    def applies(self, slot: str, source: str) -> bool:
        """Whether this damper explains a finding in ``slot`` from ``source``."""
        if (self.sources and source not in self.sources) or slot in self.spares:
            return False
        return not self.slots or slot in self.slots


DAMPERS: tuple[Damper, ...] = (
    # Texts that discuss attacks name every cue without using one.
    # A request for harmful content is phrased "explain how to" all the same, so role-play
    # findings are spared.
    Damper(context="meta", factor=0.6, spares=frozenset({ROLEPLAY})),
    Damper(context="discussion", factor=0.5),
    # There an agent named is the topic, not the reader.
    Damper(context="meta", factor=0.5, slots=_ADDRESSING),
    Damper(context="discussion", factor=0.5, slots=_ADDRESSING),
    # A pasted conversation: its role labels are speakers, not a forged frame.
    Damper(context="transcript", factor=0.3, slots=_ADDRESSING | {DELIMITER}, sources=_DATA),
    Damper(context="transcript", factor=0.6, slots=_ACTING, sources=_DATA),
    # Requests in an email or a how-to are addressed to people, and a log reports what a
    # program did; only what names the agent (left undamped) is meant for it.
    Damper(context="letter", factor=0.6, slots=_ACTING, sources=_DATA),
    Damper(context="procedure", factor=0.6, slots=_ACTING, sources=_DATA),
    Damper(context="machine", factor=0.5, slots=_ACTING | {"urgency"}, sources=_DATA),
    Damper(context="code", factor=0.6, slots=_ACTING | _ADDRESSING, sources=_DATA),
    # Data that names no agent anywhere holds requests written for people: a circular that
    # cancels "the previous instructions", a runbook that deletes old backups.
    Damper(context=UNADDRESSED, factor=0.5, slots=_ACTING | {EXTRACTION}, sources=_DATA),
    # A report retells an attack and a story stages one: in data, they explain what they
    # name, unless they name the agent reading them (left undamped by ``UNADDRESSED``).
    Damper(context="reported", factor=0.6, slots=_ACTING | {EXTRACTION}, sources=_DATA),
    Damper(context="report", factor=0.8, slots=_ACTING | {EXTRACTION}, sources=_DATA),
    Damper(context="fiction", factor=0.7, slots=frozenset({OVERRIDE, ROLEPLAY}), sources=_DATA),
    # Declining to share instructions names them without leaking them.
    Damper(
        context="refusal", factor=0.2, slots=frozenset({EXTRACTION}), sources=frozenset({"output"})
    ),
    # A rule for staff names the prompt or the override it forbids.
    Damper(context="policy", factor=0.5, slots=_ADDRESSING | {EXTRACTION, OVERRIDE}),
    # Writing a system prompt for one's own bot is authoring, not extraction.
    Damper(context="authoring", factor=0.3, slots=frozenset({EXTRACTION})),
)


def contexts(present: frozenset[str], source: str) -> frozenset[str]:
    """``present`` with the contexts read from what is absent: data naming no agent."""
    if source in _DATA and not present & _ADDRESS_CONCEPTS:
        return present | {UNADDRESSED}
    return present


def factor(slot: str, source: str, present: frozenset[str]) -> float:
    """How much the contexts in ``present`` scale a finding in ``slot`` from ``source``."""
    scale = 1.0
    for damper in DAMPERS:
        if damper.context in present and damper.applies(slot, source):
            scale *= damper.factor
    return scale
