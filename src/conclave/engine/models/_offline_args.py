"""Arguments of a tool call, read from a message according to the tool's JSON schema.

Values are taken in a fixed order, and a piece of text that served one parameter serves
no other: ``name=value`` assignments first; then values of a recognisable shape (an
arithmetic expression, a date, a ticker, a URL, an email, an enum member, a unit after
"from" or "to"); then booleans, numbers, lists and quoted strings; and last the text that
is left, for a single remaining string parameter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from conclave.engine.models._offline_dates import find_dates
from conclave.engine.models._offline_math import find_expression
from conclave.engine.models._offline_schema import Param
from conclave.engine.models._offline_text import STOPWORDS, concept, stem, word_set, words_of
from conclave.engine.models._offline_values import (
    NUMBER,
    PAIR,
    QUOTED,
    Scan,
    coerce,
    coerce_scalar,
    guess,
    unquote,
)

Found = dict[str, Any]

_QUOTES = re.compile(QUOTED)
_NUMBERS = re.compile(rf"(?<![\w.]){NUMBER}(?!\d)")
_TOKEN = r"[A-Za-z°$€£¥][\w°/$€£¥-]*"
_TICKER = re.compile(r"(?<![\w$])(\$)?([A-Z]{1,5}(?:[.-][A-Z]{1,2})?)(?![\w])")
_URL = re.compile(r"https?://[^\s<>\"')\]]+[^\s<>\"')\].,;:!?]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TIMEZONE = re.compile(r"\b(?:[A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?|UTC|GMT)\b")
_COLON_REST = re.compile(r":\s+(\S.*)$", re.S)
_NEGATION = re.compile(
    r"\b(?:no|not|without|don'?t|do not|exclude|excluding|disable|skip)\s+(?:\w+\s+)?$", re.I
)
_TO_CUE = re.compile(r"\b(?:to|into|in|as)\s+$|\bhow (?:many|much)\s+$", re.I)
_FROM_CUE = re.compile(r"\bfrom\s+$", re.I)
_TO_AFTER_AMOUNT = re.compile(rf"\d\s*{_TOKEN}\s+(?:to|into|in|as)\s+({_TOKEN})", re.I)
_TO_AFTER_FROM = re.compile(rf"\bfrom\s+{_TOKEN}\s+(?:to|into|in|as)\s+({_TOKEN})", re.I)
_TO_HOW_MANY = re.compile(rf"\bhow (?:many|much)\s+({_TOKEN})", re.I)
_TO_ANY = re.compile(rf"\b(?:to|into|in|as)\s+({_TOKEN})", re.I)
_FROM_WORD = re.compile(rf"\bfrom\s+({_TOKEN})", re.I)
_FROM_AMOUNT = re.compile(rf"\d\s*({_TOKEN})")
_NOT_TICKERS = word_set(
    """I A AN THE AND OR OF TO IN ON AT IS IT BE BY AS IF NO SO DO GO UP WE ME MY US OK AM PM
    AI EU UK USA CEO CTO CFO COO HR PR QA UI UX ID TV PC FAQ ETA ASAP FYI API URL SQL CSV
    PDF JSON HTML HTTP HTTPS XML YAML GDP CPU GPU RAM LLM NLP ML TBD TODO NB PS DIY IMO
    UTC GMT ISO NOT ALL ANY BUT FOR YOU ARE WHAT HOW WHY WHO TERMINATE APPROVE DONE"""
)
_TRAILING = word_set("""please thanks thank you now for me with the a an using use tool via by""")
_TEXT_ROLES = frozenset({"plain"})


def fill_arguments(
    params: Sequence[Param],
    text: str,
    *,
    protect: Sequence[tuple[int, int]] = (),
    strip: frozenset[str] = frozenset(),
) -> tuple[Found, tuple[Param, ...]]:
    """Read arguments for ``params`` from ``text``.

    Args:
        params: the tool's parameters, from its JSON schema.
        text: the message, or the part of it that concerns this tool.
        protect: spans that give no value, such as where the tool is named.
        strip: stems of the tool's own words, dropped from the front of remaining text.

    Returns:
        The arguments in schema order, and the required parameters left without a value.
    """
    scan = Scan(text, strip, list(protect))
    scan.quotes = [match.span() for match in _QUOTES.finditer(text)]
    for start, end, iso in find_dates(text):
        if scan.free(start, end):
            scan.dates.append((start, end, iso))
            scan.take(start, end)  # so that 2024-01-05 is never read as three numbers
    found: Found = {}
    for step in _STEPS:
        step(scan, [param for param in params if param.name not in found], found)
    arguments = {param.name: found[param.name] for param in params if param.name in found}
    return arguments, tuple(p for p in params if p.required and p.name not in found)


def _assigned(scan: Scan, params: list[Param], found: Found) -> None:
    """``name=value``, ``name: value``, and for numbers "name of 12" or "name is 12"."""
    for param in params:
        textual = param.kind in ("string", "array", "object")
        for pattern in _assignments(param.variants, textual):
            match = next(scan.find(pattern), None)
            value = None if match is None else coerce(param, match.group("value"))
            if match is not None and value is not None:
                found[param.name] = value
                scan.take(*match.span())
                break


@lru_cache(maxsize=1024)
def _assignments(variants: tuple[str, ...], textual: bool) -> tuple[re.Pattern[str], ...]:
    head = rf"(?<![\w-])(?:{_alternatives(variants)})[\"']?\s*"
    if textual:
        return (
            re.compile(rf"{head}=\s*(?P<value>{QUOTED}|[^\s,;]+)", re.I),
            re.compile(
                rf"{head}:\s*(?P<value>{QUOTED}|[^,;\n]+?)(?=\s*(?:[,;\n]|$|\s[\w-]+\s*[=:]))",
                re.I,
            ),
        )
    value = rf"(?P<value>{NUMBER}|true|false|yes|no|on|off)\b"
    return (re.compile(rf"{head}(?:[=:]|\bis\b|\bof\b|\bat\b)?\s*{value}", re.I),)


def _special(scan: Scan, params: list[Param], found: Found) -> None:
    """Values of a shape only one kind of parameter takes."""
    for param in params:
        extract = _EXTRACTORS.get(param.role)
        value = None if extract is None else extract(scan, param)
        if value is not None:
            found[param.name] = value


def _expression(scan: Scan, param: Param) -> str | None:
    hit = find_expression(scan.text, scan.free)
    if hit is None:
        return None
    scan.take(hit[0], hit[1])
    return hit[2]


def _date(scan: Scan, param: Param) -> Any:
    if not scan.dates:
        return None
    if param.kind == "array":
        taken, scan.dates = [iso for _, _, iso in scan.dates], []
        return taken
    return scan.dates.pop(0)[2]


def _ticker(scan: Scan, param: Param) -> Any:
    hits = [
        match
        for match in scan.find(_TICKER)
        if match.group(1) or (len(match.group(2)) > 1 and match.group(2) not in _NOT_TICKERS)
    ]
    hits.sort(key=lambda match: not match.group(1))  # "$AAPL" beats a bare capitalised word
    if not hits:
        return None
    chosen = hits if param.kind == "array" else hits[:1]
    for match in chosen:
        scan.take(*match.span())
    symbols = [match.group(2) for match in chosen]
    return symbols if param.kind == "array" else symbols[0]


def _shaped(pattern: re.Pattern[str]) -> Callable[[Scan, Param], Any]:
    def extract(scan: Scan, param: Param) -> Any:
        match = next(scan.find(pattern), None)
        if match is None:
            return None
        scan.take(*match.span())
        return [match.group()] if param.kind == "array" else match.group()

    return extract


_EXTRACTORS: dict[str, Callable[[Scan, Param], Any]] = {
    "expression": _expression,
    "date": _date,
    "symbol": _ticker,
    "url": _shaped(_URL),
    "email": _shaped(_EMAIL),
    "timezone": _shaped(_TIMEZONE),
}


def _enums(scan: Scan, params: list[Param], found: Found) -> None:
    """Enum members named in the text; "to X" and "from X" say which parameter takes which."""
    order = {"to": 0, "from": 1}
    candidates = [p for p in params if p.enum and isinstance(p.enum[0], str)]
    for param in sorted(candidates, key=lambda p: order.get(p.role, 2)):
        hits = sorted(
            (match.start(), match.end(), value)
            for value in param.enum
            for match in scan.find(_member(str(value)))
        )
        hit = _by_cue(scan.text, hits, param.role)
        if hit is not None:
            found[param.name] = hit[2]
            scan.take(hit[0], hit[1])


@lru_cache(maxsize=1024)
def _member(value: str) -> re.Pattern[str]:
    body = r"[ _-]".join(re.escape(part) for part in re.split(r"[ _-]", value))
    return re.compile(rf"(?<![\w-]){body}(?:s|es)?(?![\w-])", re.I)


def _by_cue(text: str, hits: list[tuple[int, int, Any]], role: str) -> Any:
    cue = {"to": _TO_CUE, "from": _FROM_CUE}.get(role)
    if cue is not None:
        for hit in hits:
            if cue.search(text[max(0, hit[0] - 16) : hit[0]]):
                return hit
    if not hits:
        return None
    return hits[-1] if role == "to" else hits[0]


def _directions(scan: Scan, params: list[Param], found: Found) -> None:
    """A unit, currency or language after "to" or "from" (or after an amount)."""
    for role, patterns in (("to", _TO_PATTERNS), ("from", _FROM_PATTERNS)):
        for param in params:
            if param.role != role or param.enum or param.kind != "string":
                continue
            match = _first_word(scan, patterns)
            if match is not None:
                found[param.name] = match.group(1).rstrip(".")
                scan.take(*match.span(1))


_TO_PATTERNS = (_TO_AFTER_AMOUNT, _TO_AFTER_FROM, _TO_HOW_MANY)
_FROM_PATTERNS = (_FROM_WORD, _FROM_AMOUNT)


def _first_word(scan: Scan, patterns: Sequence[re.Pattern[str]]) -> re.Match[str] | None:
    for pattern in patterns:
        for match in scan.find(pattern, 1):
            if match.group(1).lower() not in STOPWORDS:
                return match
    if patterns is _TO_PATTERNS:
        # A bare "to X" is too common ("to change") to trust unless X looks like a target.
        last = [m for m in scan.find(_TO_ANY, 1) if _targetlike(m.group(1))]
        return last[-1] if last else None
    return None


def _targetlike(word: str) -> bool:
    """A unit ("miles"), a code ("EUR") or a name ("French"): what "to" may convert into."""
    return word[:1].isupper() or concept(word) == "unit"


def _booleans(scan: Scan, params: list[Param], found: Found) -> None:
    """A flag is on when the text names it, off when it names it after "no" or "without"."""
    for param in params:
        if param.kind != "boolean":
            continue
        match = next(scan.find(_mention(param.variants)), None)
        if match is not None:
            before = scan.text[max(0, match.start() - 24) : match.start()]
            found[param.name] = not _NEGATION.search(before)
            scan.take(*match.span())


def _numbers(scan: Scan, params: list[Param], found: Found) -> None:
    """Numbers beside a parameter's name ("10 years", "5%") first, then the rest in order."""
    numeric = [param for param in params if param.kind in ("integer", "number")]
    for param in numeric:
        for pattern in _beside(param.name):
            match = next(scan.find(pattern, "value"), None)
            value = None if match is None else coerce(param, match.group("value"))
            if match is not None and value is not None:
                found[param.name] = value
                scan.take(*match.span("value"))
                break
    rest = [param for param in numeric if param.name not in found]
    for param in sorted(rest, key=lambda p: not p.required):
        for match in scan.find(_NUMBERS):
            value = None if scan.quoted(*match.span()) else coerce(param, match.group())
            if value is not None:
                found[param.name] = value
                scan.take(*match.span())
                break


@lru_cache(maxsize=1024)
def _beside(name: str) -> tuple[re.Pattern[str], ...]:
    words = words_of(name.lower())
    names = (" ".join(words), *(word for word in words[-1:] if len(word) > 2))
    alternatives = _alternatives(names)
    patterns = [re.compile(rf"(?<![\w.])(?P<value>{NUMBER})\s*(?:{alternatives})s?\b", re.I)]
    if {"percent", "pct", "rate"} & set(words):
        patterns.append(re.compile(rf"(?<![\w.])(?P<value>{NUMBER})\s*%"))
    return tuple(patterns)


@lru_cache(maxsize=1024)
def _mention(variants: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternatives(variants)})(?![\w-])", re.I)


def _alternatives(names: Sequence[str]) -> str:
    """A regex alternation of ``names``, longest first so that none shadows a longer one."""
    return "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))


def _arrays(scan: Scan, params: list[Param], found: Found) -> None:
    """Lists: every free number for a list of numbers, every quoted string for strings."""
    for param in params:
        if param.kind != "array":
            continue
        if param.items in ("integer", "number"):
            hits = [m for m in scan.find(_NUMBERS) if not scan.quoted(*m.span())]
            values = [coerce_scalar(param.items, m.group()) for m in hits]
        else:
            hits = list(scan.find(_QUOTES))
            values = [unquote(match.group()) for match in hits]
        if hits and all(value is not None for value in values):
            found[param.name] = values
            for match in hits:
                scan.take(*match.span())


def _objects(scan: Scan, params: list[Param], found: Found) -> None:
    """An object parameter gathers the ``key=value`` pairs no other parameter took."""
    for param in params:
        if param.kind != "object":
            continue
        pairs = list(scan.find(PAIR))
        if pairs:
            found[param.name] = {m.group("key"): guess(unquote(m.group("value"))) for m in pairs}
            for match in pairs:
                scan.take(*match.span())


def _quoted(scan: Scan, params: list[Param], found: Found) -> None:
    """Quoted strings, in order, to the string parameters still without a value."""
    strings = [param for param in params if param.kind == "string" and param.role != "date"]
    for param in sorted(strings, key=lambda p: not p.required):
        match = next(scan.find(_QUOTES), None)
        if match is None:
            return
        value = coerce(param, unquote(match.group()))
        if value is not None:
            found[param.name] = value
            scan.take(*match.span())


def _remaining(scan: Scan, params: list[Param], found: Found) -> None:
    """What is left of the text, for the one required string parameter still unfilled."""
    wanted = [
        param
        for param in params
        if param.required and param.kind == "string" and param.role in _TEXT_ROLES
    ]
    if len(wanted) != 1 or wanted[0].enum:
        return
    text = scan.rest()
    after_colon = _COLON_REST.search(text)
    value = after_colon.group(1).strip() if after_colon else _strip_filler(text, scan.strip)
    if value:
        found[wanted[0].name] = value


def _strip_filler(text: str, strip: frozenset[str]) -> str:
    words = text.split()

    def plain(word: str) -> str:
        return word.lower().strip(".,!?;:\"'()“”")

    while words and (plain(words[0]) in STOPWORDS or stem(plain(words[0]) or "x") in strip):
        words.pop(0)
    while words and (plain(words[-1]) in _TRAILING or not plain(words[-1])):
        words.pop()
    return " ".join(words).strip(" ,;:?!.")


def _defaults(scan: Scan, params: list[Param], found: Found) -> None:
    """A required flag nobody mentioned is off; a required value with a default keeps it."""
    for param in params:
        if param.required and param.has_default:
            found[param.name] = param.default
        elif param.required and param.kind == "boolean":
            found[param.name] = False


_STEPS: tuple[Callable[[Scan, list[Param], Found], None], ...] = (
    _assigned,
    _special,
    _enums,
    _directions,
    _booleans,
    _numbers,
    _arrays,
    _objects,
    _quoted,
    _remaining,
    _defaults,
)
