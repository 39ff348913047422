"""Text helpers of the offline model: stems, concepts, sentences, keywords and topics.

Matching a message against a tool compares *concepts* rather than words: each word is cut
to a crude stem and synonyms share one concept, so "calculate", "calculator" and "compute"
all meet, and "how many" means counting.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

NOTICE_PREFIX = "— offline model:"


def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list, as a set."""
    return frozenset(text.split())


STOPWORDS = word_set(
    """a an the and or but if then else of to in on at for from by with about as into over
    under it its it's this that these those i i'm i'd me my mine you your yours he him his
    she her we us our they them their what what's whats which who whom whose when where
    why how all any each some more most other such only own same both few many much is am
    are was were be been being do does did doing have has had having can could would
    should will shall may might must please kindly let let's lets want need like tell give
    show help also just very really so than too not no yes hi hello hey thanks thank ok
    okay there here now get got make use using one"""
)


# Suffixes cut from a word, longest first; the second item replaces what was cut.
_SUFFIXES = (
    ("ational", ""), ("ations", ""), ("ation", ""), ("ators", ""), ("ator", ""),
    ("ities", ""), ("ity", ""), ("ings", ""), ("ing", ""), ("ions", ""), ("ion", ""),
    ("ies", "y"), ("ers", ""), ("er", ""), ("ed", ""), ("es", ""), ("ly", ""),
    ("ate", ""), ("s", ""), ("e", ""),
)  # fmt: skip

_CONCEPT_WORDS = {
    "math": "calculate calculator calculation compute computation arithmetic math maths "
    "mathematics equation formula",
    "count": "count counter tally",
    "convert": "convert conversion converter",
    "price": "price pricing quote cost",
    "stock": "stock share ticker equity symbol",
    "weather": "weather forecast",
    "search": "search lookup find",
    "translate": "translate translation translator",
    "summary": "summary summarize summarise summarization summarisation",
    "email": "email mail",
    "unit": "unit km kilometer kilometre mile meter metre centimeter millimeter foot feet inch "
    "yard kg kilogram gram pound lb lbs ounce liter litre gallon celsius fahrenheit kelvin",
}
# Phrases that name a concept no single word of them does.
_PHRASES = (
    (re.compile(r"\bhow many\b|\bnumber of\b", re.I), ("count",)),
    (re.compile(r"\blook(?:ing)? up\b", re.I), ("lookup",)),
    (re.compile(r"\be-mail\b", re.I), ("email",)),
    (re.compile(r"\bwhat time\b|\btime is it\b|\btime now\b", re.I), ("current", "time")),
    (re.compile(r"\bwhat day is\b|\btoday'?s date\b|\bdate today\b", re.I), ("current", "date")),
)

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:'[a-z]+)?")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_SPACE = re.compile(r"\s+")
_LEAD_REQUEST = re.compile(
    r"^(?:(?:please|kindly|can you|could you|would you|will you|help me|let's|"
    r"i (?:want|need|would like|'d like) (?:you )?to|now)[\s,]+)+",
    re.I,
)
_LEAD_QUESTION = re.compile(
    r"^(?:(?:what|who|which|where|why|how)(?:'s|\s+(?:is|are|was|were|do|does|did))?"
    r"(?:\s+(?:i|we|you))?|how to|tell me(?: about)?|explain)\s+",
    re.I,
)
_TASK_VERB = re.compile(
    r"^(?:write|draft|create|prepare|produce|research|plan|analy[sz]e|review|summari[sz]e|"
    r"explain|describe|investigate|outline|compare|build|design|make|find|list|assess|"
    r"evaluate|study|examine|develop|propose|give|gather|check|suggest|add|pin|implement|"
    r"define|collect|identify|use|ask|say|reply|respond|refine|verify)\b\s*",
    re.I,
)
_FIRST_CLAUSE = re.compile(r"[;:]|,?\s+then\s+|,\s+and\s+", re.I)
_SPEAKER_PREFIX = re.compile(r"^(?:[\w./-]+:\s+)+")
_TOPIC_PREPOSITION = re.compile(r"\b(?:about|on|regarding|concerning|into)\s+(.+)", re.I)
_TASK_WORDS = word_set(
    """write draft create prepare produce research plan analyse analyze review summarise
    summarize explain describe investigate outline compare build design find list short
    brief detailed team task answer report post"""
)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A crude stem: enough for "calculator" and "calculate" to meet."""
    word = word.lower().removesuffix("'s")
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: len(word) - len(suffix)] + replacement
    return word


# Stems of words that say nothing about what a tool does, dropped from names and descriptions.
GENERIC = frozenset(
    stem(word)
    for word in word_set(
        """get fetch do run make tool call perform execute return returns given specified
        provided optional based latest function input output result value"""
    )
)

_CONCEPT = {stem(word): name for name, words in _CONCEPT_WORDS.items() for word in words.split()}


def concept(word: str) -> str:
    """The concept a word stands for: its synonym group, or else its stem."""
    token = stem(word)
    return _CONCEPT.get(token, token)


def words_of(text: str) -> list[str]:
    """The words of ``text``, with ``snake_case`` and ``camelCase`` names split apart."""
    return _WORD.findall(_CAMEL.sub(" ", text.replace("_", " ").replace("-", " ")))


def concepts(text: str, *, drop: frozenset[str] = frozenset()) -> set[str]:
    """The concepts ``text`` mentions, stopwords and ``drop`` (stems) left out."""
    found = {
        concept(word)
        for word in words_of(text)
        if word.lower() not in STOPWORDS and stem(word) not in drop
    }
    for pattern, implied in _PHRASES:
        if pattern.search(text):
            found.update(concept(word) for word in implied)
    return found


def clean(text: str) -> str:
    """A message without the offline notice lines that other offline replies carry.

    Only the notice lines go: a prompt that quotes earlier replies keeps what follows them.
    """
    if NOTICE_PREFIX not in text:
        return text
    kept = [line for line in text.splitlines() if not line.lstrip().startswith(NOTICE_PREFIX)]
    return "\n".join(kept).strip()


def collapse(text: str) -> str:
    """``text`` on one line with single spaces."""
    return _SPACE.sub(" ", text).strip()


def clip(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters."""
    text = collapse(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def sentences(text: str) -> list[str]:
    """The sentences and lines of ``text``, without bullets, headings or fragments."""
    found = []
    for part in _SENTENCE_BREAK.split(text):
        part = _BULLET.sub("", part).strip()
        if part and not part.endswith(":") and len(part.split()) >= 3:
            found.append(part)
    return found


def keywords(texts: Iterable[str], limit: int = 4) -> list[str]:
    """The content words the texts use most, most frequent first, ties by first use."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for text in texts:
        for part in _SENTENCE_BREAK.split(text):
            for index, word in enumerate(_WORD.findall(part)):
                lower = word.lower()
                if len(lower) < 3 or lower in STOPWORDS or lower in _TASK_WORDS:
                    continue
                token = stem(lower)
                counts[token] += 1
                # Capitals mid-sentence mark a name; at the start they say nothing.
                named = word.isupper() or (index > 0 and word[0].isupper())
                if named or token not in surface:
                    surface[token] = word if named else lower
    ranked = sorted(counts, key=lambda token: -counts[token])
    return [surface[token] for token in ranked[:limit]]


def salient(candidates: Iterable[str], keys: Iterable[str], limit: int) -> list[str]:
    """The ``limit`` candidates sharing most key stems with ``keys``, in their order."""
    key_stems = {stem(key) for key in keys}
    pool = list(dict.fromkeys(candidates))
    scored = sorted(
        range(len(pool)),
        key=lambda i: -len(key_stems & {stem(word) for word in _WORD.findall(pool[i])}),
    )
    return [pool[i] for i in sorted(scored[:limit])]


def topic(task: str) -> str:
    """What a task is about: "Write a report on X" gives "X"."""
    first = sentences(task)[:1] or [collapse(task)]
    text = _FIRST_CLAUSE.split(first[0], maxsplit=1)[0]
    text = _LEAD_REQUEST.sub("", text).strip()
    text = _LEAD_QUESTION.sub("", text)
    if _TASK_VERB.match(text):
        about = _TOPIC_PREPOSITION.search(text)
        text = about.group(1) if about else _TASK_VERB.sub("", text)
    text = text.rstrip(" .!?:;")
    return clip(text, 90) or "the request"


def and_list(items: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def full_stop(text: str) -> str:
    """``text`` ending as a sentence does, without doubling its final mark."""
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def is_instruction(sentence: str) -> bool:
    """Whether a sentence tells someone what to do ("Draft the answer ...")."""
    return bool(_TASK_VERB.match(unprefixed(sentence)))


def unprefixed(sentence: str) -> str:
    """A quoted line without the "speaker:" labels in front of it."""
    return _SPEAKER_PREFIX.sub("", sentence.strip())
