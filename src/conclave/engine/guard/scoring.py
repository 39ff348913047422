"""Turn concepts found close together into weighted findings, and findings into a score.

The rules themselves are in ``rulebook``; this module indexes where each concept occurs,
matches the rules against that index, scales each match by the text's context (``damping``:
an article about attacks, a pasted transcript, a log) and combines what is left.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from conclave.engine.guard import damping
from conclave.engine.guard.lexicon import Hit
from conclave.engine.guard.rulebook import EXTRACTION, OVERRIDE, ROLEPLAY, RULES, Rule

_SIGNAL_CONCEPTS = {
    "url": ("dest",),
    "email": ("dest",),
    "exfil_image": ("exfil_image", "dest"),
    "exfil_template": ("exfil_template", "dest"),
}


@dataclass(frozen=True, kw_only=True, slots=True)
class Finding:
    """A rule that matched.

    Attributes:
        family: the attack family, or empty for an amplifying signal.
        reason: the reason to report, such as ``instruction_override:de``.
        weight: the rule's weight for the text's source.
    """

    family: str
    reason: str
    weight: float


class Positions:
    """Where each concept occurs in a text, and in which languages."""

    __slots__ = ("_languages", "_quotes", "_where")

    def __init__(
        self,
        hits: list[Hit],
        signals: list[tuple[int, str]],
        quotes: list[tuple[int, int]] | None = None,
    ) -> None:
        """Index ``hits`` from the lexicon, ``signals`` from the structure scan and the spans
        of ``quotes``."""
        self._quotes = quotes or []
        self._where: dict[str, list[int]] = {}
        self._languages: dict[str, Counter[str]] = {}
        for hit in hits:
            voted: set[str] = set()
            for concept, language in hit.meaning:
                self._where.setdefault(concept, []).append(hit.start)
                if concept not in voted:  # the entry's own language, not a shorter stem's
                    voted.add(concept)
                    self._languages.setdefault(concept, Counter())[language] += 1
        for start, signal in signals:
            for concept in _SIGNAL_CONCEPTS.get(signal, (signal,)):
                self._where.setdefault(concept, []).append(start)

    def concepts(self) -> frozenset[str]:
        """Every concept present."""
        return frozenset(self._where)

    def near(self, concepts: frozenset[str], window: int) -> bool:
        """Whether every one of ``concepts`` occurs within ``window`` of one anchor."""
        return _near({c: self._where[c] for c in concepts}, window)

    def only_quoted(self, concepts: frozenset[str], window: int) -> bool:
        """Whether ``concepts`` occur together only inside quotation marks."""
        if not self._quotes:
            return False
        unquoted = {c: [p for p in self._where[c] if not self._quoted(p)] for c in concepts}
        return not all(unquoted.values()) or not _near(unquoted, window)

    def _quoted(self, position: int) -> bool:
        return any(start <= position < end for start, end in self._quotes)

    def language(self, concepts: frozenset[str]) -> str:
        """The language most of ``concepts`` were written in; empty for signals only."""
        counts: Counter[str] = Counter()
        for concept in concepts:
            counts.update(self._languages.get(concept, Counter()))
        if not counts:
            return ""
        # English stems ("ignor", "instruc") start words in many languages; on a tie the
        # other language is the more specific guess.
        return max(counts, key=lambda language: (counts[language], language != "en"))


def _near(where: dict[str, list[int]], window: int) -> bool:
    first, *others = sorted(where, key=lambda c: len(where[c]))
    for anchor in where[first]:
        if all(any(abs(p - anchor) <= window for p in where[c]) for c in others):
            return True
    return False


def findings(positions: Positions, *, source: str) -> list[Finding]:
    """Every rule matched in ``positions``, weighted for the text's ``source`` and context."""
    present = damping.contexts(positions.concepts(), source)
    matched = []
    for rule in RULES:
        if not rule.concepts <= present:
            continue
        weight = rule.weight(source) * damping.factor(rule.family or rule.reason, source, present)
        if weight <= 0:
            continue
        if len(rule.concepts) > 1 and not positions.near(rule.concepts, rule.window):
            continue
        if rule.family in _QUOTABLE and positions.only_quoted(rule.concepts, rule.window):
            weight *= QUOTED
        matched.append(Finding(family=rule.family, reason=_reason(rule, positions), weight=weight))
    return matched


def _reason(rule: Rule, positions: Positions) -> str:
    if rule.reason:
        return rule.reason
    language = positions.language(rule.concepts)
    return f"{rule.family}:{language}" if language else rule.family


QUOTED = 0.4
"""What a finding made only of quoted words weighs: a phrase quoted is mentioned, not said."""
_QUOTABLE = frozenset({OVERRIDE, ROLEPLAY, EXTRACTION})
"""The families a quotation can explain; a message to send or a command to run is quoted
because it is the payload, and its request is the attack."""

STRONG = 0.35
"""Findings from this weight count in full; weaker ones only corroborate."""
WEAK_SHARE = 0.5
"""The share of its weight a weak finding adds: a pile of weak cues in a long document
(an email, a runbook, a chat transcript) must not add up to an attack on its own."""


def combine(found: list[Finding]) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
    """Score, reasons and families: the heaviest finding per family, combined as a noisy-or.

    Rules within a family overlap (a full "ignore all previous instructions" also matches
    "ignore previous"), so only the heaviest counts; families and amplifying signals are
    independent cues, so each adds its share of what doubt remains.
    """
    best: dict[str, Finding] = {}
    for finding in found:
        slot = finding.family or finding.reason
        if slot not in best or finding.weight > best[slot].weight:
            best[slot] = finding
    remaining = 1.0
    for finding in best.values():
        share = finding.weight if finding.weight >= STRONG else finding.weight * WEAK_SHARE
        remaining *= 1.0 - share
    ranked = sorted(best.values(), key=lambda f: -f.weight)
    families = tuple(f.family for f in ranked if f.family and f.weight >= 0.2)
    return 1.0 - remaining, tuple(f.reason for f in ranked), families
