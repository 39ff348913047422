"""Text as JSON values: numbers, booleans, enum members and quoted strings."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from conclave.engine.models._offline_schema import Param

QUOTED = r"\"[^\"\n]*\"|“[^”\n]*”|(?<!\w)'[^'\n]*'(?!\w)|`[^`\n]*`"
NUMBER = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
PAIR = re.compile(rf"(?<![\w-])(?P<key>[A-Za-z_]\w*)\s*=\s*(?P<value>{QUOTED}|[^\s,;]+)")
_BOOLEANS = {
    "true": True, "yes": True, "on": True, "1": True,
    "false": False, "no": False, "off": False, "0": False,
}  # fmt: skip


@dataclass(slots=True)
class Scan:
    """A message being read for values, and which spans of it already gave one.

    Attributes:
        text: the message.
        strip: stems of the tool's own words, dropped from the front of remaining text.
        used: spans that gave a value, or must give none.
        dates: dates found in the text and not yet given to a parameter.
        quotes: spans of quoted strings.
    """

    text: str
    strip: frozenset[str]
    used: list[tuple[int, int]] = field(default_factory=list)
    dates: list[tuple[int, int, str]] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        """Whether no used span overlaps ``start:end``."""
        return all(end <= a or start >= b for a, b in self.used)

    def take(self, start: int, end: int) -> None:
        """Mark ``start:end`` as used."""
        self.used.append((start, end))

    def find(self, pattern: re.Pattern[str], group: int | str = 0) -> Iterator[re.Match[str]]:
        """Matches of ``pattern`` whose ``group`` lies in unused text."""
        for match in pattern.finditer(self.text):
            if self.free(match.start(group), match.end(group)):
                yield match

    def quoted(self, start: int, end: int) -> bool:
        """Whether ``start:end`` lies inside a quoted string."""
        return any(a <= start and end <= b for a, b in self.quotes)

    def rest(self) -> str:
        """The text with every used span blanked out."""
        pieces, at = [], 0
        for start, end in sorted(self.used):
            if start > at:
                pieces.append(self.text[at:start])
            at = max(at, end)
        pieces.append(self.text[at:])
        return " ".join(pieces)


def coerce(param: Param, raw: str) -> Any:
    """``raw`` as a value of ``param``'s type, or ``None`` if it is not one."""
    text = unquote(raw).strip()
    if param.enum:
        return enum_member(param.enum, text)
    if param.kind == "array":
        parts = [part for part in re.split(r"\s*,\s*", text) if part]
        values = [coerce_scalar(param.items, part) for part in parts]
        return values if parts and None not in values else None
    if param.kind == "object":
        return None
    return coerce_scalar(param.kind, text)


def coerce_scalar(kind: str, text: str) -> Any:
    """``text`` as a JSON scalar of ``kind``, or ``None``."""
    if kind in ("integer", "number"):
        value = number(text)
        if kind == "integer" and value is not None:
            return int(value) if float(value).is_integer() else None
        return value
    if kind == "boolean":
        return _BOOLEANS.get(text.lower())
    return text or None


def number(text: str) -> int | float | None:
    """``text`` as a number ("1,000", "$5", "7%" too), or ``None``."""
    text = text.replace(",", "").lstrip("$€£¥").rstrip("%")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return None


def enum_member(members: tuple[Any, ...], text: str) -> Any:
    """The member of ``members`` that ``text`` names, ignoring case and a plural "s"."""
    lowered = text.lower()
    for member in members:
        if isinstance(member, str) and member.lower() in (lowered, lowered.rstrip("s")):
            return member
        if not isinstance(member, str) and number(text) == member:
            return member
    return None


def guess(text: str) -> Any:
    """``text`` as the first scalar it parses as: integer, number, boolean, else a string."""
    for kind in ("integer", "number", "boolean"):
        value = coerce_scalar(kind, text)
        if value is not None:
            return value
    return text


def unquote(text: str) -> str:
    """``text`` without one pair of surrounding quotes."""
    if len(text) >= 2 and text[0] + text[-1] in ('""', "''", "“”", "``"):
        return text[1:-1]
    return text


def pairs_in(text: str) -> Mapping[str, str]:
    """The ``key=value`` pairs of a text, for scoring how much it addresses a tool."""
    return {match.group("key").lower(): match.group("value") for match in PAIR.finditer(text)}
