"""The ``content_creator`` rule set: a brand's name, words, audience, length and hashtags."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from conclave.engine.rules._matching import (
    Change,
    Fix,
    Scan,
    compile_scan,
    lower,
    rewrite,
    same_case,
)
from conclave.engine.rules._verdict import ALLOW, RuleVerdict

_STRONG_PROFANITY = (
    "motherfuck|fuck|shit|bullshit|bitch|bastard|asshole|arsehole|crap|damn|goddamn|piss|wtf|"
    "dickhead",
    r"motherfuck\w*|fuck\w*|shit(?:s|ty|ting)?|bullshit|bitch(?:es|y)?|bastards?|assholes?|"
    r"arseholes?|crap(?:py)?|damn(?:ed|it)?|goddamn\w*|piss(?:ed)?|wtf|dickheads?",
)
_MILD_PROFANITY = ("hell|stupid|idiot|dumb|suck|sexy", r"hell|stupid|idiots?|dumb|sucks?|sexy")
# The words each audience must not read, as (keys, pattern) pairs.
_PROFANITY = {
    "general": (_STRONG_PROFANITY,),
    "professional": (_STRONG_PROFANITY,),
    "children": (_STRONG_PROFANITY, _MILD_PROFANITY),
}
_AUDIENCES = {
    "general": "write clearly for a broad audience; avoid jargon and profanity",
    "children": "use simple words and keep everything friendly and age-appropriate",
    "professional": "be precise and businesslike; avoid slang and profanity",
}
_SENTENCE_END = r"[.!?…]+[\"'”’)\]]*(?=\s|$)"


class _Patterns:
    """The patterns above, compiled."""

    def __init__(self) -> None:
        self.profanity = {
            audience: compile_scan(
                "|".join(keys for keys, _ in lists),
                rf"(?:{'|'.join(pattern for _, pattern in lists)})(?!\w)",
            )
            for audience, lists in _PROFANITY.items()
        }
        self.sentence_end = re.compile(_SENTENCE_END)


@cache
def _patterns() -> _Patterns:
    # Compiled on first use rather than at import, which they would slow down.
    return _Patterns()


@dataclass(frozen=True, kw_only=True, slots=True)
class ContentCreatorRules:
    """Brand rules for an agent that writes posts, copy and articles.

    Attributes:
        brand: the brand's name, spelled as it must appear.
        voice: how the brand sounds, such as ``"playful"``.
        audience: ``general``, ``children``, ``professional`` or any other description;
            the first three also remove profanity.
        banned_words: words never to use; a mapping gives each one a neutral alternative,
            a sequence removes them.
        required_phrases: phrases every reply must contain, appended when missing.
        max_chars: the longest a reply may be; it is cut at a sentence boundary.
        hashtags: hashtags every reply must carry, appended when missing.
    """

    name: str = "content_creator"
    brand: str = ""
    voice: str = ""
    audience: str = "general"
    banned_words: Mapping[str, str] | Sequence[str] = ()
    required_phrases: Sequence[str] = ()
    max_chars: int | None = None
    hashtags: Sequence[str] = ()
    _steps: tuple[tuple[Scan, Fix], ...] = field(init=False, repr=False, compare=False)
    _alternatives: dict[str, str] = field(init=False, repr=False, compare=False)
    _tags: tuple[tuple[str, Scan], ...] = field(init=False, repr=False, compare=False)
    _prompt: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        banned = self.banned_words
        alternatives = dict(banned) if isinstance(banned, Mapping) else dict.fromkeys(banned, "")
        tags = tuple("#" + tag.strip().lstrip("#").replace(" ", "") for tag in self.hashtags)
        compiled = {
            "_steps": self._compile_steps(),
            "_alternatives": {lower(word.strip()): alt for word, alt in alternatives.items()},
            "_tags": tuple((tag, _words([tag])) for tag in tags),
            "_prompt": _content_prompt(self, tags),
        }
        for name, value in compiled.items():
            object.__setattr__(self, name, value)

    def _compile_steps(self) -> tuple[tuple[Scan, Fix], ...]:
        steps: list[tuple[Scan, Fix]] = []
        if self.banned_words:
            removing = not isinstance(self.banned_words, Mapping)
            steps.append((_words(self.banned_words), _remove if removing else self._alternative))
        if (profanity := _patterns().profanity.get(self.audience.strip().lower())) is not None:
            steps.append((profanity, _remove))
        if self.brand.strip():
            steps.append((_brand_scan(self.brand), self._spell_brand))
        return tuple(steps)

    def prompt(self) -> str:
        """Return the brand, voice and audience rules."""
        return self._prompt

    def check_input(self, text: str) -> RuleVerdict:
        """Allow every input; brand rules apply to what the agent writes."""
        return ALLOW

    def check_output(self, text: str) -> str:
        """Apply the brand rules: words, spelling, profanity, required parts and length."""
        lowered = lower(text)
        for scan, fix in self._steps:
            amended = rewrite(text, lowered, scan, fix)
            if amended is not text:
                text, lowered = amended, lower(amended)
        suffix = self._missing_parts(lowered)
        if self.max_chars is not None:
            text = _fit(text, self.max_chars - len(suffix))
        return text + suffix if suffix else text

    def _alternative(self, text: str, lowered: str, match: re.Match[str], previous: int) -> Change:
        start, end = match.span()
        word, alternative = text[start:end], self._alternatives.get(match.group(0), "")
        if not alternative:
            return _remove(text, lowered, match, previous)
        return start, end, same_case(word, alternative.upper() if word.isupper() else alternative)

    def _spell_brand(self, text: str, lowered: str, match: re.Match[str], previous: int) -> Change:
        start, end = match.span()
        return None if text[start:end] == self.brand else (start, end, self.brand)

    def _missing_parts(self, lowered: str) -> str:
        phrases = [p for p in self.required_phrases if lower(p) not in lowered]
        tags = [tag for tag, scan in self._tags if scan.first(lowered) is None]
        suffix = (" " + " ".join(phrases)) if phrases else ""
        return suffix + ("\n\n" + " ".join(tags) if tags else "")


def _words(words: Iterable[str]) -> Scan:
    # Longest first, so that a phrase wins over a word it starts with.
    keys = sorted({lower(word.strip()) for word in words if word.strip()}, key=len, reverse=True)
    return Scan(tuple(keys), re.compile(rf"(?:{'|'.join(map(re.escape, keys))})(?!\w)"))


def _remove(text: str, lowered: str, match: re.Match[str], previous: int) -> Change:
    start, end = match.span()
    end += text[end : end + 1] == ","
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after == len(text) or not (text[after].isalnum() or text[after] in "\"'(“‘"):
        # Before a full stop or at the end, the gap to close is the one before the word.
        while start and text[start - 1] in " \t":
            start -= 1
        return start, end, ""
    if text[start].isupper() and text[after].islower() and _starts_sentence(text, start):
        return start, after + 1, text[after].upper()
    return start, after, ""


def _starts_sentence(text: str, at: int) -> bool:
    while at and text[at - 1] in " \t":
        at -= 1
    return not at or text[at - 1] in ".!?\n"


def _brand_scan(brand: str) -> Scan:
    # Addresses such as acme.com or @acme keep their own spelling.
    parts = lower(brand).split()
    spelled = r"\s+".join(map(re.escape, parts))
    return Scan((parts[0],), re.compile(rf"(?<![/.@]){spelled}(?![\w@]|\.\w)"))


def _content_prompt(rules: ContentCreatorRules, tags: Sequence[str]) -> str:
    audience = rules.audience.strip() or "general"
    guidance = _AUDIENCES.get(audience.lower())
    lines = [
        f'- Write for {rules.brand}, and always spell the name exactly "{rules.brand}".'
        if rules.brand.strip()
        else "",
        f"- Voice: {rules.voice}." if rules.voice.strip() else "",
        f"- Audience: {audience}" + (f"; {guidance}." if guidance else "."),
        f"- Never use these words: {', '.join(rules.banned_words)}." if rules.banned_words else "",
        "- Always include: " + "; ".join(rules.required_phrases) if rules.required_phrases else "",
        f"- Keep every reply under {rules.max_chars} characters." if rules.max_chars else "",
        f"- End with these hashtags: {' '.join(tags)}." if tags else "",
    ]
    return "\n".join(["Content rules:", *(line for line in lines if line)])


def _fit(text: str, limit: int) -> str:
    """Shorten ``text`` to ``limit`` characters, ending on a whole sentence when one fits."""
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    ends = [
        m.end() for m in _patterns().sentence_end.finditer(text, 0, limit + 1) if m.end() <= limit
    ]
    if ends:
        return text[: ends[-1]]
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip(" ,;:-") + "…"
