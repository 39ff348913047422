"""Matching helpers shared by the built-in rule sets.

A case-insensitive regex scan of a 100-word reply costs tens of microseconds per pattern.
Instead, every pattern here is written for lower-cased text and starts with one of a few
literal keys: str.find locates the keys, and the pattern is only matched where a key starts a
word. Most replies then cost a handful of fast substring searches.

Compiling the patterns takes far longer than importing the rule sets, so each rule set
compiles its own on first use, through a cached function.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

Change = tuple[int, int, str] | None
# A fix gets the text, its lower-cased copy, a match, and where the match before it ended.
Fix = Callable[[str, str, re.Match[str], int], Change]


class Scan:
    """A pattern for lower-cased text whose every match starts with one of ``keys``.

    Attributes:
        keys: the literal starts of every match.
        pattern: the compiled pattern, matched where a key starts a word.
    """

    # A plain class: a frozen dataclass costs more to import than all these helpers.
    __slots__ = ("keys", "pattern")

    def __init__(self, keys: tuple[str, ...], pattern: re.Pattern[str]) -> None:
        self.keys = keys
        self.pattern = pattern

    def find(self, lowered: str) -> Iterator[re.Match[str]]:
        """Yield the matches that start a word, grouped by key rather than in text order."""
        for key in self.keys:
            at = lowered.find(key)
            while at != -1:
                starts_word = not at or not (lowered[at - 1].isalnum() or lowered[at - 1] == "_")
                if starts_word and (match := self.pattern.match(lowered, at)) is not None:
                    yield match
                at = lowered.find(key, at + 1)

    def first(self, lowered: str) -> re.Match[str] | None:
        """Return a match, or ``None`` if there is none."""
        return next(self.find(lowered), None)

    def all(self, lowered: str) -> list[re.Match[str]]:
        """Return every match, in text order."""
        found = {match.start(): match for match in self.find(lowered)}
        return [found[start] for start in sorted(found)]


def compile_scan(keys: str, pattern: str, *, within_lines: bool = False) -> Scan:
    """Compile ``pattern`` into a scan for the ``|``-separated ``keys``."""
    return Scan(tuple(keys.split("|")), compile_pattern(pattern, within_lines=within_lines))


def compile_pattern(pattern: str, *, within_lines: bool = True) -> re.Pattern[str]:
    """Compile ``pattern``; with ``within_lines``, its ``\\s`` matches no line break."""
    # A phrase broken across lines, as in "without\n\nRisk disclosure", is no phrase.
    return re.compile(pattern.replace(r"\s", r"[ \t]") if within_lines else pattern)


def lower(text: str) -> str:
    """Lower-case ``text``, keeping every offset equal to the original's."""
    lowered = text.lower()
    # Only "İ" lower-cases to two characters.
    return lowered if len(lowered) == len(text) else text.replace("\u0130", "I").lower()


def rewrite(text: str, lowered: str, scan: Scan, fix: Fix) -> str:
    """Replace what ``scan`` finds in ``lowered`` at the same offsets in ``text``.

    ``fix`` returns the span to replace (a claim may take in words before its key) and the
    replacement, or ``None`` to leave the match as written.
    """
    pieces: list[str] = []
    done = previous = 0
    for match in scan.all(lowered):
        change = fix(text, lowered, match, previous)
        previous = match.end()
        if change is not None and change[0] >= done:
            pieces += (text[done : change[0]], change[2])
            done = change[1]
    return "".join(pieces) + text[done:] if pieces else text


def same_case(original: str, replacement: str) -> str:
    """Capitalise ``replacement`` if ``original`` starts with a capital."""
    if original[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
