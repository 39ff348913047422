"""Find encoded runs inside a text and decode them, so the decoded text is screened too.

Encoded content alone is not an attack: code holds base64, logs hold hashes and tokens, and
links hold percent-escapes. So this module only decodes; the guard screens what comes out
like any other text, and only an instruction found inside counts. Each decoder first looks
for a candidate run with one cheap search and does nothing more when there is none.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
from collections.abc import Callable, Iterator
from urllib.parse import unquote

MAX_RUNS = 8
"""How many runs of one encoding to decode per text, so a text of many runs stays cheap."""

_BASE64 = re.compile(r"(?<![\w+/=-])[A-Za-z0-9+/_-]{16,}={0,2}(?![\w+/=-])")
_HEX = re.compile(r"[0-9a-fA-F]{2}(?:[\s:,]?(?:0x|\\x)?[0-9a-fA-F]{2}){7,}")
_HEX_SEPARATORS = re.compile(r"0x|\\x|[\s:,]")
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")
_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}")
_ROT13_WORDS = (
    "ignore previous instructions system prompt reveal disregard forget password secret "
    "execute delete send forward override pretend jailbreak developer assistant rules"
)
_ROT13_TRIGGER = re.compile(
    r"\b(?:rot[\s_-]?13|"
    + "|".join(codecs.encode(w, "rot13")[:5] for w in _ROT13_WORDS.split())
    + r")",
)
_REVERSED_TRIGGER = re.compile(
    r"\b(?:" + "|".join(w[::-1] for w in ("instructions", "previous", "system prompt")) + ")"
)


def decodings(text: str) -> Iterator[tuple[str, str]]:
    """Each ``(encoding, decoded text)`` hidden in ``text``: base64, hex, url, html, ..."""
    for name, decoder in _DECODERS:
        for decoded in decoder(text):
            if decoded and decoded != text:
                yield name, decoded


def _base64(text: str) -> Iterator[str]:
    for match in _limited(_BASE64, text):
        run = match.group()
        if run.isalpha() and (run.islower() or run.isupper()):
            continue  # one long word, not an encoding
        decoded = _b64decode(run)
        if decoded:
            yield decoded


def _b64decode(run: str) -> str:
    padded = run + "=" * (-len(run) % 4)
    decode: Callable[[str], bytes] = (
        base64.urlsafe_b64decode if ("-" in run or "_" in run) else base64.b64decode
    )
    try:
        return _as_text(decode(padded))
    except (binascii.Error, ValueError):
        return ""


def _hex(text: str) -> Iterator[str]:
    for match in _limited(_HEX, text):
        digits = _HEX_SEPARATORS.sub("", match.group())
        try:
            decoded = _as_text(bytes.fromhex(digits[: len(digits) // 2 * 2]))
        except ValueError:
            continue
        if decoded:
            yield decoded


def _percent(text: str) -> Iterator[str]:
    if "%" in text and len(_PERCENT.findall(text, 0, 4000)) >= 3:
        yield unquote(unquote(text))


def _entities(text: str) -> Iterator[str]:
    if "&" in text and len(_ENTITY.findall(text, 0, 4000)) >= 3:
        yield html.unescape(text)


def _escapes(text: str) -> Iterator[str]:
    if "\\u" in text.lower() and len(_ESCAPE.findall(text, 0, 4000)) >= 3:
        yield _ESCAPE.sub(lambda m: chr(int(m.group()[2:], 16)), text)


def _rot13(text: str) -> Iterator[str]:
    if _ROT13_TRIGGER.search(text.lower()):
        yield codecs.encode(text, "rot13")


def _reversed(text: str) -> Iterator[str]:
    if _REVERSED_TRIGGER.search(text.lower()):
        yield text[::-1]


def _limited(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    for count, match in enumerate(pattern.finditer(text)):
        if count >= MAX_RUNS:
            return
        yield match


def _as_text(data: bytes) -> str:
    """``data`` as text if it reads as text (mostly printable UTF-8), else empty."""
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return ""
    printable = sum(c.isprintable() or c in "\n\t\r" for c in decoded)
    letters = sum(c.isalpha() for c in decoded)
    if printable < 0.95 * len(decoded) or letters < 0.5 * len(decoded.replace(" ", "")):
        return ""
    return decoded


_DECODERS: tuple[tuple[str, Callable[[str], Iterator[str]]], ...] = (
    ("base64", _base64),
    ("hex", _hex),
    ("url", _percent),
    ("html", _entities),
    ("unicode_escape", _escapes),
    ("rot13", _rot13),
    ("reversed", _reversed),
)
