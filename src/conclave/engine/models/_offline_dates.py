"""Calendar dates written in a message, as ISO ``YYYY-MM-DD`` strings."""

from __future__ import annotations

import datetime as dt
import re

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: index for index, name in enumerate(_MONTH_NAMES, start=1)}
_MONTH = rf"({'|'.join(_MONTH_NAMES)})[a-z]*\.?"
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:([T ])(\d{1,2}:\d{2}(?::\d{2})?))?\b")
_SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(\d{{4}})\b", re.I)


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """Each date in ``text`` as ``(start, end, iso)``, in order of appearance.

    Slashed dates read month first (``3/4/2024`` is March 4) unless the first number
    cannot be a month.
    """
    found: list[tuple[int, int, str]] = []
    for match in _ISO.finditer(text):
        year, month, day, sep, clock = match.groups()
        iso = _iso(int(year), int(month), int(day))
        if iso is not None:
            found.append((*match.span(), iso + (f"T{clock}" if sep and clock else "")))
    for match in _SLASHED.finditer(text):
        first, second, year = (int(part) for part in match.groups())
        month, day = (second, first) if first > 12 else (first, second)
        _add(found, match, _iso(year, month, day))
    for match in _MONTH_FIRST.finditer(text):
        month_name, day, year = match.groups()
        _add(found, match, _iso(int(year), _MONTHS[month_name.lower()], int(day)))
    for match in _DAY_FIRST.finditer(text):
        day, month_name, year = match.groups()
        _add(found, match, _iso(int(year), _MONTHS[month_name.lower()], int(day)))
    return sorted(found)


def _add(found: list[tuple[int, int, str]], match: re.Match[str], iso: str | None) -> None:
    start, end = match.span()
    if iso is not None and all(end <= a or start >= b for a, b, _ in found):
        found.append((start, end, iso))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
