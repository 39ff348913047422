"""Multilingual lexicons of the concepts prompt injections are made of.

A concept is an idea such as ``override`` (ignore, disregard, vergiss, 無視), ``prior``
(previous, above, anteriores, 以前) or ``instructions``; the rules combine concepts found
close together, so "ignora las instrucciones anteriores" and "以前の指示を無視して" both
read as override + prior + instructions, whatever the word order. Each language module maps
concept names to entries (see ``_en`` for the syntax), written natively, accents and all:
they are folded like the text they are matched against.

All entries of all languages compile into one trie-shaped expression, scanned once per text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from conclave.engine.guard.lexicon import (
    _agent,
    _asian,
    _authority,
    _discussion,
    _en,
    _genre,
    _germanic,
    _northern,
    _other,
    _persona,
    _preamble,
    _reader,
    _reply,
    _romance,
    _slavic,
)
from conclave.engine.guard.lexicon._trie import compile_trie, key
from conclave.engine.guard.normalize import fold_plain

Terms = Mapping[str, str]


def _merged(*modules: Mapping[str, Terms]) -> dict[str, Terms]:
    """Each language's terms from every module; a concept's entries from all of them."""
    merged: dict[str, dict[str, str]] = {}
    for module in modules:
        for language, terms in module.items():
            into = merged.setdefault(language, {})
            for concept, listed in terms.items():
                into[concept] = f"{into[concept]}|{listed}" if concept in into else listed
    return dict(merged)


LANGUAGES: dict[str, Terms] = _merged(
    {"en": _en.TERMS},
    _romance.LANGUAGES,
    _germanic.LANGUAGES,
    _slavic.LANGUAGES,
    _asian.LANGUAGES,
    _other.LANGUAGES,
    _northern.LANGUAGES,
    # Concepts grouped by idea rather than by language, added to each language's own.
    _agent.LANGUAGES,
    _authority.LANGUAGES,
    _discussion.LANGUAGES,
    _genre.LANGUAGES,
    _persona.LANGUAGES,
    _preamble.LANGUAGES,
    _reader.LANGUAGES,
    _reply.LANGUAGES,
)
"""Every language's terms, by language code."""

Meaning = tuple[tuple[str, str], ...]
"""What a matched entry means: pairs of (concept, language)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Hit:
    """One lexicon entry found in a text.

    Attributes:
        start: where the entry starts in the folded text.
        meaning: the (concept, language) pairs the entry stands for.
    """

    start: int
    meaning: Meaning


class Lexicon:
    """The compiled lexicons: find every concept in a folded text with one scan."""

    def __init__(self, languages: Mapping[str, Terms]) -> None:
        """Compile ``languages`` (language code to concept to ``|``-separated entries)."""
        entries = _entries(languages)
        self._meanings = _meanings(entries)
        bounded = [e for e in entries if not _starts_unbounded(e)]
        unbounded = [e for e in entries if _starts_unbounded(e)]
        # Lookaheads find entries at every start, overlapping: "all previous" must not hide
        # "previous" from the scan.
        # A class of possible first letters before each trie lets the scan skip, at the
        # cost of one set lookup, the many positions where no entry can start.
        self._pattern = re.compile(
            rf"(?=[{_firsts(bounded)}])(?<!\w)(?=({compile_trie(bounded)}))"
            rf"|(?=[{_firsts(unbounded)}])(?=({compile_trie(unbounded)}))"
        )
        self._run_together = re.compile(f"(?=({compile_trie(entries)}))")

    def hits(self, folded: str, *, joined: tuple[str, ...] = ()) -> list[Hit]:
        """Every entry in ``folded``, and in words joined from spaced-out letters."""
        found = [self._hit(m) for m in self._pattern.finditer(folded)]
        if '":' in folded or "=" in folded:
            found = _outside_keys(found, folded)
        offset = len(folded) + 1
        for word in joined:
            found += [self._joined_hit(m, offset) for m in self._run_together.finditer(word)]
            offset += len(word) + 1
        return [hit for hit in found if hit.meaning]

    def _hit(self, match: re.Match[str], offset: int = 0) -> Hit:
        meaning = self._meanings.get(key(match.group(1) or match.group(2)), ())
        return Hit(start=match.start() + offset, meaning=meaning)

    def _joined_hit(self, match: re.Match[str], offset: int) -> Hit:
        meaning = self._meanings.get(key(match.group(1)), ())
        return Hit(start=match.start() + offset, meaning=meaning)


_KEYS = re.compile(r"\"[^\"\n]{1,40}\"\s*:|(?<![\w=])-{0,2}[\w.-]{1,30}=[^\s&\"']*")
"""A JSON key, or a ``name=value`` token (a log field, a command-line flag)."""


def _outside_keys(hits: list[Hit], folded: str) -> list[Hit]:
    """``hits`` less those inside field names and values: a field is named, not said.

    ``"instructions": "..."`` names a field, ``role=admin`` logs one and ``--force=true``
    sets one; none of them tells the reader anything.
    """
    spans = [m.span() for m in _KEYS.finditer(folded)]
    if not spans:
        return hits
    return [h for h in hits if not any(start <= h.start < end for start, end in spans)]


def _firsts(entries: list[str]) -> str:
    """The first characters of ``entries``, escaped for a character class."""
    return "".join(sorted({re.escape(entry[0]) for entry in entries}))


def _entries(languages: Mapping[str, Terms]) -> dict[str, list[tuple[str, str]]]:
    """Folded entry to the (concept, language) pairs it stands for."""
    entries: dict[str, list[tuple[str, str]]] = {}
    for language, terms in languages.items():
        for concept, listed in terms.items():
            for entry in listed.split("|"):
                folded = _whole_if_short(fold_plain(entry))
                if folded:
                    entries.setdefault(folded, []).append((concept, language))
    return entries


def _whole_if_short(entry: str) -> str:
    """Stems of three letters or fewer match whole words only ("run" is not "running"),
    unless marked with a trailing ``*``."""
    if entry.endswith("*"):
        return entry[:-1]
    if len(entry) <= 3 and entry.isalnum() and not _starts_unbounded(entry):
        return entry + "$"
    return entry


def _meanings(entries: dict[str, list[tuple[str, str]]]) -> dict[str, Meaning]:
    """Key to meaning; a longer entry also means what the entries it starts with mean.

    The scan keeps the longest entry at each start, so "send the" must still mean what
    "send" means, and "ignored" what the stem "ignor" means.
    """
    by_key: dict[str, list[tuple[str, str]]] = {}
    for entry, meaning in entries.items():
        by_key.setdefault(key(entry.rstrip("$")), []).extend(meaning)
    stems = {key(e): m for e, m in entries.items() if not e.endswith("$")}
    for entry in entries:
        meaning = by_key[key(entry.rstrip("$"))]
        entry_key = key(entry.rstrip("$"))
        for cut in range(1, len(entry_key)):
            meaning.extend(stems.get(entry_key[:cut], ()))
        for cut, char in enumerate(entry):
            if char in " ~":
                meaning.extend(entries.get(entry[:cut] + "$", ()))
                meaning.extend(entries.get(entry[:cut], ()))
    return {k: tuple(dict.fromkeys(m)) for k, m in by_key.items()}


def _starts_unbounded(entry: str) -> bool:
    """Entries in scripts without spaces, or starting with punctuation, match anywhere."""
    first = entry[0]
    if not first.isalnum():
        return True
    name = unicodedata.name(first, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI"))


@cache
def lexicon() -> Lexicon:
    """The process-wide lexicon of every language, compiled on first use."""
    return Lexicon(LANGUAGES)
