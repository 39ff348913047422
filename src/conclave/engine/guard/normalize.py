"""Fold a text to one comparable form, undoing the tricks that hide words from a matcher.

Folding applies NFKC (full-width and mathematical letters become plain ones), case folding,
and strips diacritics from Latin, Greek and Cyrillic letters, so the lexicons are written
once without accents. It removes zero-width characters, decodes Unicode tag characters (the
U+E0000 block, an invisible channel that can carry a whole instruction) to the ASCII they
hide, maps look-alike letters inside words that mix scripts ("іgnоrе" with Cyrillic vowels)
and digits inside words ("1gn0r3") to Latin letters, and joins spaced-out letters
("i g n o r e") into words. Lexicon entries are folded by the same function, so both sides
agree on every accent and ligature.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ZERO_WIDTH = "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
_ZERO_WIDTH += "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
_ZERO_WIDTH += "\u2069\u206a\u206b\u206c\u206d\u206e\u206f\u3164\ufeff\uffa0"
# Invisible characters no script needs inside its words (unlike the joiners Persian, Hindi
# and emoji use), so several of them mean words were split to hide them.
_SPLITTERS = "\u00ad\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff"
_TAG_FIRST, _TAG_LAST = 0xE0000, 0xE007F

# Letters of other scripts that render like Latin ones; applied only inside mixed words, so
# Russian or Greek text keeps its own letters.
_CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ү": "y", "һ": "h", "ӏ": "l", "ɡ": "g", "ɑ": "a", "ɩ": "i",
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "γ": "y", "ω": "w", "ℓ": "l",
}  # fmt: skip
# Letters written two ways by the same people: Turkish dotless i, Polish l, Vietnamese d,
# Arabic and Persian forms of alef, yeh and kaf, and the Arabic stretching tatweel.
_LETTER_VARIANTS = {
    "ı": "i", "ł": "l", "đ": "d", "ø": "o", "أ": "ا", "إ": "ا", "آ": "ا", "ي": "ی", "ى": "ی",
    "ك": "ک", "ـ": None,
}  # fmt: skip
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s"}


def _strip_table() -> dict[int, str | None]:
    """Diacritics off Latin, Greek and Cyrillic letters; zero-width characters removed."""
    table: dict[int, str | None] = {ord(c): None for c in _ZERO_WIDTH}
    for first, last in ((0xC0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x1E00, 0x1EFF)):
        for code in range(first, last + 1):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base != chr(code):
                table[code] = base
    for code in range(0x300, 0x370):  # combining marks, including stacked "zalgo" ones
        table[code] = None
    for code in range(0x64B, 0x653):  # Arabic short vowels, written or not at will
        table[code] = None
    table.update({ord(k): v for k, v in _LETTER_VARIANTS.items()})
    return table


_STRIP = _strip_table()
_CONFUSE = str.maketrans(_CONFUSABLES)
_LEET_TABLE = str.maketrans(_LEET)
_SPACE = re.compile(r"[^\S\n]+")
_LINES = re.compile(r" ?\n\s*")
_MIXED = re.compile(r"\w*[a-z]\w*")
_CONFUSABLE_CHARS = frozenset(_CONFUSABLES)
_LEET_WORD = re.compile(r"(?<![\w$@.])(?=[\w$]*[a-z])(?=[\w$]*[0-9$])[a-z0-9$]{4,20}(?![\w$@])")
_HEXLIKE = re.compile(r"^[0-9a-f]+$|^[a-z]+[0-9]+$|^[0-9]+[a-z]+$")
_SPACED = re.compile(r"(?<!\w)(?:\w[ .\-_*·|]){3,}\w(?!\w)")
_SPACED_SEPARATORS = re.compile(r"[ .\-_*·|]")
_TAGS = re.compile("[\U000e0000-\U000e007f]+")


@dataclass(frozen=True, kw_only=True, slots=True)
class Folded:
    """A text in folded form.

    Attributes:
        text: the folded text, each run of spaces collapsed to one space and each run of
            blank lines to one line break.
        hidden: ASCII decoded from Unicode tag characters, if any.
        tricks: the obfuscations undone: ``homoglyph``, ``leetspeak``, ``spaced``,
            ``zero_width``, ``unicode_tags``.
        joined: words made by joining spaced-out letters, which may hold several words run
            together ("ignoreallprevious"), so the lexicon reads them without word breaks.
    """

    text: str
    hidden: str = ""
    tricks: tuple[str, ...] = ()
    joined: tuple[str, ...] = ()


def fold_plain(text: str) -> str:
    """Fold ``text`` without undoing obfuscations: for lexicon entries and system prompts."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).casefold().translate(_STRIP)
    # Line breaks are kept (as one "\n") because forged role labels start lines.
    return _LINES.sub("\n", _SPACE.sub(" ", text.lower())).strip()


def fold(text: str) -> Folded:
    """Fold ``text`` and undo the obfuscations the module docstring lists."""
    tricks: list[str] = []
    hidden = ""
    if not text.isascii():
        text, hidden = _untag(text, tricks)
        if sum(text.count(c) for c in _SPLITTERS) >= 2:
            tricks.append("zero_width")
    folded = fold_plain(text)
    if not folded.isascii():
        folded = _unconfuse(folded, tricks)
    folded = _unleet(folded, tricks)
    joined: list[str] = []
    folded = _unspace(folded, joined)
    if joined:
        tricks.append("spaced")
    return Folded(text=folded, hidden=hidden, tricks=tuple(tricks), joined=tuple(joined))


def _untag(text: str, tricks: list[str]) -> tuple[str, str]:
    """Replace runs of tag characters by the ASCII they encode, and return that ASCII too."""
    runs = _TAGS.findall(text)
    if not runs:
        return text, ""
    tricks.append("unicode_tags")
    decode = {c: chr(ord(c) - _TAG_FIRST) if ord(c) < _TAG_LAST else "" for c in set("".join(runs))}
    hidden = " ".join("".join(decode[c] for c in run) for run in runs)
    return _TAGS.sub(lambda m: " " + "".join(decode[c] for c in m.group()) + " ", text), hidden


def _unconfuse(folded: str, tricks: list[str]) -> str:
    """Map look-alike letters to Latin inside words that also hold Latin letters."""

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if _CONFUSABLE_CHARS.isdisjoint(word):
            return word
        tricks.append("homoglyph")
        return word.translate(_CONFUSE)

    return _MIXED.sub(fix, folded)


def _unleet(folded: str, tricks: list[str]) -> str:
    """Read digits inside words as the letters they stand for: "1gn0r3" is "ignore"."""
    if not any(c in folded for c in "0134579@$"):
        return folded

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        if sum(c.isalpha() for c in word) < len(word) / 2 or _HEXLIKE.match(word):
            return word  # a number, a hash or an id, not a disguised word
        tricks.append("leetspeak")
        return word.translate(_LEET_TABLE)

    return _LEET_WORD.sub(fix, folded)


def _unspace(folded: str, joined: list[str]) -> str:
    """Join letters written apart ("i g n o r e") into one word, collected in ``joined``."""
    if not _SPACED.search(folded):
        return folded

    def join(match: re.Match[str]) -> str:
        word = _SPACED_SEPARATORS.sub("", match.group())
        joined.append(word)
        return word

    return _SPACED.sub(join, folded)
