"""Domain rules: what an agent in a given business may be asked, and how its replies comply.

A rule set states its rules in the system prompt, may refuse a user's input with a reply to
give instead, and amends the model's output. The built-ins are ``financial_advisor``,
``content_creator``, ``technical_support`` and ``none``; a spec names one, gives one with
options, or lists several::

    domain: financial_advisor
    domain: [technical_support, {name: content_creator, brand: Acme, max_chars: 280}]

Rules run on every turn of every agent, so their patterns are compiled at import, and each
check returns its input untouched, without building anything, when nothing matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from conclave.errors import SpecError, UnknownName

__all__ = [
    "ALLOW",
    "RISK_DISCLOSURE",
    "BusinessRules",
    "CompositeRules",
    "ContentCreatorRules",
    "FinancialAdvisorRules",
    "NoRules",
    "RuleVerdict",
    "TechnicalSupportRules",
    "rules_from_spec",
]


@dataclass(frozen=True, kw_only=True, slots=True)
class RuleVerdict:
    """Whether a rule set lets the agent act on an input.

    Attributes:
        allowed: ``False`` when the agent must not act on the input.
        reason: why it was refused, for the run log.
        reply: what the agent says instead when it refuses.
    """

    allowed: bool
    reason: str = ""
    reply: str = ""


ALLOW = RuleVerdict(allowed=True)
"""The verdict for an input a rule set has no objection to."""


class BusinessRules(Protocol):
    """The rules of one business domain: stated in the prompt, enforced on input and output."""

    @property
    def name(self) -> str:
        """The name a spec uses for this rule set."""
        ...

    def prompt(self) -> str:
        """Return the rules as a system-prompt section; an empty string adds nothing."""
        ...

    def check_input(self, text: str) -> RuleVerdict:
        """Decide whether the agent may act on a user's input."""
        ...

    def check_output(self, text: str) -> str:
        """Return the model's output, amended where it breaks the rules."""
        ...


@dataclass(frozen=True, slots=True)
class NoRules:
    """No domain rules: an empty prompt, every input allowed, every output unchanged."""

    name: str = "none"

    def prompt(self) -> str:
        """Return an empty prompt section."""
        return ""

    def check_input(self, text: str) -> RuleVerdict:
        """Allow every input."""
        return ALLOW

    def check_output(self, text: str) -> str:
        """Return the output unchanged."""
        return text


NO_RULES = NoRules()

# --- matching -----------------------------------------------------------------------------
# A case-insensitive regex scan of a 100-word reply costs tens of microseconds per pattern.
# Instead, every pattern here is written for lower-cased text and starts with one of a few
# literal keys: str.find locates the keys, and the pattern is only matched where a key
# starts a word. Most replies then cost a handful of fast substring searches.

Change = tuple[int, int, str] | None
# A fix gets the text, its lower-cased copy, a match, and where the match before it ended.
Fix = Callable[[str, str, re.Match[str], int], Change]


@dataclass(frozen=True, slots=True)
class _Scan:
    """A pattern for lower-cased text whose every match starts with one of ``keys``."""

    keys: tuple[str, ...]
    pattern: re.Pattern[str]

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


def _scan(keys: str, pattern: str, *, within_lines: bool = False) -> _Scan:
    return _Scan(tuple(keys.split("|")), _compile(pattern, within_lines=within_lines))


def _compile(pattern: str, *, within_lines: bool = True) -> re.Pattern[str]:
    # A phrase broken across lines, as in "without\n\nRisk disclosure", is no phrase.
    return re.compile(pattern.replace(r"\s", r"[ \t]") if within_lines else pattern)


def _lower(text: str) -> str:
    lowered = text.lower()
    # Only "İ" lower-cases to two characters; keep offsets equal to the original's.
    return lowered if len(lowered) == len(text) else text.replace("\u0130", "I").lower()


def _rewrite(text: str, lowered: str, scan: _Scan, fix: Fix) -> str:
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


def _same_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# --- financial_advisor -------------------------------------------------------------------

_APOS = "['’]"
_GAIN = r"(?:returns?|profits?|gains?|income|yields?|payouts?|earnings|money|growth)"
_HOLDING = (
    r"(?:investments?|bets?|trades?|strateg(?:y|ies)|opportunit(?:y|ies)|plays?|stocks?|"
    r"funds?|assets?|portfolios?|coins?|tokens?|options?|ways?|plans?|savings|crypto)"
)
_UPSIDE = (
    r"(?:make|earn|profit|gain|double|triple|grow|go\s+up|rise|soar|climb|increase|beat|"
    r"outperform|pay|return|deliver|get\s+rich|win)\b"
)
_MODIFIERS = (
    r"(?:\s+(?:[\d$€£][\w$€£%.,-]*|high|higher|huge|big|steady|stable|fixed|annual|monthly|"
    r"weekly|daily|yearly|positive|solid|great|strong|double-digit|consistent|passive))*"
)
_COPULA = rf"(?:\s+(?:is|are|will\s+be)|{_APOS}(?:s|re))"
_SUBJECT_IS = (
    rf"\b(?:it|this|that|they|these|{_GAIN}|{_HOLDING}|principal|capital){_COPULA}\s+"
    r"(?P<extra>(?:fully|completely|absolutely|100\s?%)\s+)?"
)
_CLAUSE_END = r"(?=\s*(?:[.!?,;:)\n]|$)|\s+(?:with|for|and|if|when|because|as|in|to|now|here)\b)"
# Each alternative names the phrasing it found with an empty group at its end, so that it
# still starts with its key.
_CLAIM = _scan(
    "guarantee|promise|certain|sure|bound|going|definitely|absolutely|undoubtedly|100|lose|go|"
    "only|can't|can’t|free|completely|totally|perfectly|entirely|risk|no-risk|no risk|zero|"
    "without",
    rf"guarantee(?![a-z])(?=[^.!?\n]{{0,60}}?\b(?:{_GAIN}|{_UPSIDE}|lose|loss))(?P<promise>)"
    rf"|promise(?![a-z])(?=[^.!?\n]{{0,60}}?\b(?:{_GAIN}|{_UPSIDE}|lose|loss))(?P<promise2>)"
    rf"|guarantees(?=(?:\s+you)?(?:\s+an?)?{_MODIFIERS}\s+{_GAIN}\b)(?P<verb>)"
    rf"|guaranteed(?={_MODIFIERS}\s+{_GAIN}\b)(?P<adjective>)"
    rf"|guaranteed\s+to(?=\s+{_UPSIDE})(?P<certain>)"
    rf"|guaranteed\b(?!\s+(?:to|by|up)\b)(?P<predicate>)"
    rf"|certain\s+to(?=\s+{_UPSIDE})(?P<certain2>)|sure\s+to(?=\s+{_UPSIDE})(?P<certain3>)"
    rf"|bound\s+to(?=\s+{_UPSIDE})(?P<certain4>)|going\s+to(?=\s+{_UPSIDE})(?P<going>)"
    rf"|(?:definitely|certainly|surely|absolutely|undoubtedly|100\s?%)(?=\s+{_UPSIDE})(?P<will>)"
    r"|lose\b(?:\s+(?:money|a\s+(?:penny|cent|dime|thing)|anything|your\s+(?:money|capital|"
    rf"principal|investment|shirt)))?{_CLAUSE_END}(?P<lose>)"
    r"|go(?:es)?\s+up\b(?P<up>)|go(?:es)?\s+down\b(?P<down>)"
    r"|only\s+(?:rise|increase|grow)\b(?P<only>)"
    r"|sure[- ]?fire\b(?P<surefire>)|can['’]t[- ]miss\b(?P<surefire2>)"
    r"|sure\s+(?:thing|bet)\b(?P<surething>)|free\s+money\b(?P<surething2>)"
    r"|(?:100\s?%|completely|totally|absolutely|perfectly|entirely)\s+(?:safe|secure|risk[- ]?"
    r"free)\b(?P<absolute>)|risk[- ]?free\b(?P<absolute2>)|riskless\b(?P<absolute3>)"
    r"|no-risk\b(?P<absolute4>)|zero-risk\b(?P<absolute5>)"
    r"|no\s+risks?(?:\s+at\s+all|\s+whatsoever)?\b(?![- ]free)(?P<zerorisk>)"
    r"|zero\s+risks?(?:\s+at\s+all|\s+whatsoever)?\b(?![- ]free)(?P<zerorisk2>)"
    r"|without\s+(?:any\s+)?risks?\b(?![- ]free)(?P<without>)",
    within_lines=True,
)
# What must come before a phrasing for it to be a claim; the replacement takes it in.
_BEFORE = {
    kind: _compile(pattern + r"\Z")
    for kind, pattern in {
        "promise": r"\b(?P<who>i|we)\s+(?:can\s+|will\s+)?",
        "predicate": _SUBJECT_IS,
        "certain": rf"{_COPULA}\s+(?:(?:definitely|absolutely|certainly|surely|100\s?%)\s+)?",
        "going": rf"{_COPULA}\s+(?:definitely|absolutely|certainly|surely|100\s?%)\s+",
        "will": rf"(?:\s+will|{_APOS}ll)\s+",
        "lose": rf"(?:(?:\s+(?:will|would|can|could)|{_APOS}ll|{_APOS}d)\s+(?:never|not)|"
        rf"\s+never|\s+(?:can{_APOS}?t|cannot|won{_APOS}t|couldn{_APOS}t))\s+"
        r"(?:possibly\s+|ever\s+)?",
        "up": rf"(?:\s+(?:will|can|does|do)|{_APOS}ll)?\s+(?:only|always)\s+",
        "down": rf"(?:\s+(?:will|can|does|do)|{_APOS}ll)?\s+(?:never|can{_APOS}?t|cannot|"
        rf"won{_APOS}t|doesn{_APOS}t|don{_APOS}t)\s+",
        "only": rf"(?:\s+(?:will|can|does|do)|{_APOS}ll)?\s+",
        "zerorisk": rf"\b(?:there{_APOS}s|there\s+is|with|carries|has|involves)\s+"
        r"(?P<extra>absolutely\s+)?",
        "article": r"\b(?P<article>an?)\s+",
    }.items()
}
_NOUN_AHEAD = _compile(rf"{_MODIFIERS}\s+(?:(?P<gain>{_GAIN})|{_HOLDING})\b")
_TECHNICAL_TERM = _compile(r"\s+(?:rate|asset|bond|treasur|interest|benchmark)")
_PREDICATE_END = _compile(_CLAUSE_END)
_FIXES = {
    "verb": "may offer",
    "adjective": "potential",
    "certain": " could",
    "going": " could",
    "will": " could",
    "lose": " could still lose money",
    "up": " can go down as well as up",
    "down": " can go down as well as up",
    "only": " can go down as well as up",
    "surefire": "possible",
    "surething": "opportunity that carries risk",
    "predicate": "not guaranteed",
    "zerorisk": "some risk",
    "without": "with some risk",
}
# A claim quoted in order to warn about it ("beware of guaranteed returns") stays as written.
_NEGATED_BEFORE = re.compile(
    r"\b(?:no|not|cannot|never|nothing|none|nobody|without|beware|wary|avoid\w*|scams?|"
    rf"myths?|anyone|someone|claims?|claiming|suspicious|sceptical|skeptical|fraud\w*)\b|n{_APOS}t\b"
)
_NEGATED_AFTER = re.compile(
    rf"[^.!?;\n]{{0,40}}?\b(?:(?:do|does|is|are)(?:\s+not|n{_APOS}t)\s+(?:exist|real|"
    r"possible)|(?:is|are)\s+(?:an?\s+|usually\s+an?\s+)?(?:myths?|scams?|red\s+flags?|"
    r"fraud|warning\s+signs?|impossible|unrealistic|rare))"
)

_INVESTING = _scan(
    "invest|stock|fund|portfolio|return|bond|equit|etf|dividend|crypto|bitcoin|ethereum|"
    "securities|brokerage|401|ira|annuit|forex|trading|shares|capital gain|asset allocation|"
    "diversif",
    r"invest|stock|equit(?:y|ies)\b|bonds?\b|funds?\b|etfs?\b|portfolio|returns?\b|"
    r"dividend|crypto|bitcoin|ethereum|securities|brokerage|401\s?\(?k|iras?\b|annuit|forex|"
    r"trading|shares\b|capital\s+gain|asset\s+allocation|diversif",
)
_DISCLOSED = _scan(
    "invest|past|lose|financial",
    r"invest(?:ing|ments?)\s+(?:involves?|carry|carries)\s+(?:\w+\s+){0,2}?risks?"
    rf"|past\s+performance\s+(?:is\s+not|does\s+not|doesn{_APOS}t|isn{_APOS}t)"
    r"|(?:(?<=may )|(?<=can )|(?<=could )|(?<=might ))lose\s+(?:some\s+or\s+all\s+|all\s+|"
    r"part\s+)?(?:of\s+)?(?:your\s+|the\s+)?(?:money|capital|principal|investment)"
    r"|(?:(?<=not )|(?<=not personal )|(?<=not personalised )|(?<=not personalized ))"
    r"(?:financial|investment)\s+advice",
)
RISK_DISCLOSURE = (
    "Risk disclosure: investing involves risk, including the possible loss of the money you "
    "invest. Past performance does not guarantee future results. This is general "
    "information, not personal financial advice."
)
"""The disclosure ``financial_advisor`` appends unless a spec gives its own."""

_ACT = (
    r"(?:do|commit|use|run|start|organi[sz]e|set\s+up|pull\s+off|profit|make\s+money|trade|"
    r"buy|sell|get\s+in\s+on|coordinate|engage\s+in|execute|pump|manipulate|spoof|rig|"
    r"front[- ]?run|benefit|cash\s+in|exploit|take\s+advantage)"
)
_ILLEGAL_TOPIC = _scan(
    "insider|inside|non-public|nonpublic|confidential|secret|private|mnpi|before|pump|manipulat|"
    "spoof|wash|front|artificially",
    r"(?:insider\s+(?:trading|tips?|info|knowledge)|(?:inside|non-?public|confidential|"
    r"secret|private)\s+(?:info|tips?|knowledge|news)|mnpi\b"
    rf"|before\s+(?:it|the\s+\w+|this|that)(?:{_APOS}s|\s+is|\s+gets|\s+goes|\s+becomes)?"
    r"\s+(?:publicly\s+)?(?:announced|public|released|disclosed))(?P<insider>)"
    r"|(?:pump[- ]and[- ]dump|pump\s+up\s+the\s+price|manipulat\w*\s+(?:the\s+)?(?:\w+\s+)?"
    r"(?:market|price|stock|shares?)|spoof(?:ing)?\b|wash\s+trad|front[- ]?run"
    r"|artificially\s+(?:inflate|raise|boost|push))(?P<manipulation>)",
)
_ILLEGAL_INTENT = re.compile(
    rf"\b(?:help\s+(?:me|us)\s+(?:to\s+|with\s+)?(?:{_ACT}|some\b|insider|inside|pump)"
    rf"|(?:teach|show)\s+me|walk\s+me\s+through|let{_APOS}?s\s+(?:{_ACT}|pump)"
    rf"|(?:how|where|when)\s+(?:do|can|could|should|would|might)\s+(?:i|we)\s+(?:best\s+)?{_ACT}"
    rf"|(?:how\s+to|ways?\s+to|plan\s+to|trying\s+to|going\s+to|(?:want|need|intend|hope|like)"
    rf"\s+to|i{_APOS}d\s+like\s+to)\s+(?:{_ACT}|pump)"
    r"|(?:trade|trading|act|acting|buy|buying|sell|selling|profit|profiting|cash\s+in)\s+"
    r"(?:on|from|using|with|based\s+on)\s+(?:this|the|that|some|my|our|his|her|their)?\s*"
    r"(?:insider|inside|non-?public|confidential|secret|private)"
    r"|(?:any|some|give\s+me|got|have)\s+(?:insider|inside)\s+(?:tips?|info|knowledge)"
    r"|without\s+getting\s+caught|get\s+away\s+with|avoid\s+(?:detection|getting\s+caught)"
    r"|(?:hide|conceal)\s+(?:it|this|them|the\s+\w+)\s+from)"
)
_ILLEGAL_REPLY = (
    "I can't help with that: trading on inside information and manipulating markets are "
    "illegal and harm other investors. I'm glad to explain how these rules work, or to help "
    "you build a legal investing plan."
)
_FINANCIAL_PROMPT = """Financial advice rules:
- Whenever you discuss investments, disclose the risks: values can fall as well as rise, and \
investors can lose money.
- Never promise or imply guaranteed returns, risk-free profit or certain gains; describe \
outcomes as possibilities, not certainties.
- When you cite past performance, say that it does not guarantee future results.
- Refuse to help with insider trading, market manipulation or anything else illegal.
- Give general information, not personal advice, and suggest a licensed adviser for \
decisions about the user's own money."""


@dataclass(frozen=True, kw_only=True, slots=True)
class FinancialAdvisorRules:
    """Rules for an agent that talks about money and investments.

    Claims of guaranteed or risk-free gains are rewritten as possibilities, a risk disclosure
    is appended to any reply about investing that lacks one, and requests for help with
    insider trading or market manipulation are refused.

    Attributes:
        disclosure: the text appended to replies that discuss investing.
    """

    name: str = "financial_advisor"
    disclosure: str = RISK_DISCLOSURE

    def prompt(self) -> str:
        """Return the financial advice rules."""
        return _FINANCIAL_PROMPT

    def check_input(self, text: str) -> RuleVerdict:
        """Refuse clear requests for help with insider trading or market manipulation."""
        lowered = _lower(text)
        topic = _ILLEGAL_TOPIC.first(lowered)
        if topic is None or _ILLEGAL_INTENT.search(lowered) is None:
            return ALLOW
        what = "insider trading" if topic.lastgroup == "insider" else "market manipulation"
        return RuleVerdict(allowed=False, reason=f"asks for help with {what}", reply=_ILLEGAL_REPLY)

    def check_output(self, text: str) -> str:
        """Rewrite claims of certain gain and append the risk disclosure where it is due."""
        lowered = _lower(text)
        amended = _rewrite(text, lowered, _CLAIM, _fix_claim)
        if amended is text and _INVESTING.first(lowered) is None:
            return text
        if self.disclosure in text or _DISCLOSED.first(lowered):
            return amended
        return f"{amended.rstrip()}\n\n{self.disclosure}"


def _fix_claim(text: str, lowered: str, match: re.Match[str], previous: int) -> Change:
    start, end = match.span()
    kind = (match.lastgroup or "").rstrip("2345")
    if kind in ("adjective", "surefire", "surething", "absolute"):
        change = _descriptive_change(kind, lowered, match)
    else:
        change = _phrase_change(kind, text, lowered, start)
    if change is None or _is_warning(lowered, max(previous, change[0] - 60), change[0], end):
        return None
    return change[0], end, _same_case(text[change[0] : end].lstrip(), change[1])


def _phrase_change(kind: str, text: str, lowered: str, start: int) -> tuple[int, str] | None:
    if kind not in _BEFORE:
        return start, _FIXES[kind]
    before = _BEFORE[kind].search(lowered, max(0, start - 40), start)
    if before is None:
        return None
    if kind == "promise":
        return before.start(), f"{text[before.start('who') : before.end('who')]} cannot guarantee"
    if kind in ("predicate", "zerorisk"):
        return (before.start("extra") if before["extra"] else start), _FIXES[kind]
    return before.start(), _FIXES[kind]


def _descriptive_change(kind: str, lowered: str, match: re.Match[str]) -> tuple[int, str] | None:
    start, end = match.span()
    word = _FIXES.get(kind, "")
    if kind == "absolute":
        predicate = _BEFORE["predicate"].search(lowered, max(0, start - 40), start)
        if predicate is not None and _PREDICATE_END.match(lowered, end):
            return (predicate.start("extra") if predicate["extra"] else start), "not risk-free"
        noun = None if _TECHNICAL_TERM.match(lowered, end) else _NOUN_AHEAD.match(lowered, end)
        if noun is None:
            return None
        word = "potential" if noun["gain"] else "lower-risk"
    article = _BEFORE["article"].search(lowered, max(0, start - 4), start)
    if article is None:
        return start, f"an {word}" if kind == "surething" else word
    return article.start(), f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _is_warning(lowered: str, window: int, start: int, end: int) -> bool:
    clause = max(lowered.rfind(mark, window, start) for mark in ".!?;,:\n") + 1
    if _NEGATED_BEFORE.search(lowered, max(window, clause), start):
        return True
    return _NEGATED_AFTER.match(lowered, end) is not None


# --- content_creator ---------------------------------------------------------------------


def _words(words: Iterable[str]) -> _Scan:
    # Longest first, so that a phrase wins over a word it starts with.
    keys = sorted({_lower(word.strip()) for word in words if word.strip()}, key=len, reverse=True)
    return _Scan(tuple(keys), re.compile(rf"(?:{'|'.join(map(re.escape, keys))})(?!\w)"))


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


_STRONG_PROFANITY = (
    "motherfuck|fuck|shit|bullshit|bitch|bastard|asshole|arsehole|crap|damn|goddamn|piss|wtf|"
    "dickhead",
    r"motherfuck\w*|fuck\w*|shit(?:s|ty|ting)?|bullshit|bitch(?:es|y)?|bastards?|assholes?|"
    r"arseholes?|crap(?:py)?|damn(?:ed|it)?|goddamn\w*|piss(?:ed)?|wtf|dickheads?",
)
_MILD_PROFANITY = ("hell|stupid|idiot|dumb|suck|sexy", r"hell|stupid|idiots?|dumb|sucks?|sexy")
_PROFANITY = {
    audience: _scan("|".join(keys), rf"(?:{'|'.join(patterns)})(?!\w)")
    for audience, (keys, patterns) in {
        "general": zip(_STRONG_PROFANITY, strict=True),
        "professional": zip(_STRONG_PROFANITY, strict=True),
        "children": zip(_STRONG_PROFANITY, _MILD_PROFANITY, strict=True),
    }.items()
}
_AUDIENCES = {
    "general": "write clearly for a broad audience; avoid jargon and profanity",
    "children": "use simple words and keep everything friendly and age-appropriate",
    "professional": "be precise and businesslike; avoid slang and profanity",
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")


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
    _steps: tuple[tuple[_Scan, Fix], ...] = field(init=False, repr=False, compare=False)
    _alternatives: dict[str, str] = field(init=False, repr=False, compare=False)
    _tags: tuple[tuple[str, _Scan], ...] = field(init=False, repr=False, compare=False)
    _prompt: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        banned = self.banned_words
        alternatives = dict(banned) if isinstance(banned, Mapping) else dict.fromkeys(banned, "")
        tags = tuple("#" + tag.strip().lstrip("#").replace(" ", "") for tag in self.hashtags)
        compiled = {
            "_steps": self._compile_steps(),
            "_alternatives": {_lower(word.strip()): alt for word, alt in alternatives.items()},
            "_tags": tuple((tag, _words([tag])) for tag in tags),
            "_prompt": _content_prompt(self, tags),
        }
        for name, value in compiled.items():
            object.__setattr__(self, name, value)

    def _compile_steps(self) -> tuple[tuple[_Scan, Fix], ...]:
        steps: list[tuple[_Scan, Fix]] = []
        if self.banned_words:
            removing = not isinstance(self.banned_words, Mapping)
            steps.append((_words(self.banned_words), _remove if removing else self._alternative))
        if (profanity := _PROFANITY.get(self.audience.strip().lower())) is not None:
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
        lowered = _lower(text)
        for scan, fix in self._steps:
            amended = _rewrite(text, lowered, scan, fix)
            if amended is not text:
                text, lowered = amended, _lower(amended)
        suffix = self._missing_parts(lowered)
        if self.max_chars is not None:
            text = _fit(text, self.max_chars - len(suffix))
        return text + suffix if suffix else text

    def _alternative(self, text: str, lowered: str, match: re.Match[str], previous: int) -> Change:
        start, end = match.span()
        word, alternative = text[start:end], self._alternatives.get(match.group(0), "")
        if not alternative:
            return _remove(text, lowered, match, previous)
        return start, end, _same_case(word, alternative.upper() if word.isupper() else alternative)

    def _spell_brand(self, text: str, lowered: str, match: re.Match[str], previous: int) -> Change:
        start, end = match.span()
        return None if text[start:end] == self.brand else (start, end, self.brand)

    def _missing_parts(self, lowered: str) -> str:
        phrases = [p for p in self.required_phrases if _lower(p) not in lowered]
        tags = [tag for tag, scan in self._tags if scan.first(lowered) is None]
        suffix = (" " + " ".join(phrases)) if phrases else ""
        return suffix + ("\n\n" + " ".join(tags) if tags else "")


def _brand_scan(brand: str) -> _Scan:
    # Addresses such as acme.com or @acme keep their own spelling.
    parts = _lower(brand).split()
    spelled = r"\s+".join(map(re.escape, parts))
    return _Scan((parts[0],), re.compile(rf"(?<![/.@]){spelled}(?![\w@]|\.\w)"))


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
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit - 1].rstrip(" ,;:-") + "…"


# --- technical_support -------------------------------------------------------------------

_DESTRUCTIVE = _scan(
    "rm|mkfs|dd|drop|truncate|format|git|chmod|shred|wipefs|diskpart|del|rd|remove-item",
    r"(?:rm\s+(?:-\w*r\w*|--recursive)(?!\w)(?P<rm>)|mkfs(?:\.\w+)?\b(?P<mkfs>)"
    r"|dd\s[^\n]*?\bof=/dev/(?P<dd>)|drop\s+(?:table|database|schema)\b(?P<sql>)"
    r"|truncate\s+table\b(?P<sql2>)|format\s+[a-z]:(?P<format>)"
    r"|git\s+push\s+(?:[\w./:@-]+\s+)*?(?:--force(?:-with-lease)?|-f)(?!\w)(?P<push>)"
    r"|git\s+(?:reset\s+--hard|clean\s+-\w*f)(?P<git>)"
    r"|chmod\s+(?:-\w*r\w*\s+)?(?:0?777|a\+rwx)(?!\w)(?P<chmod>)"
    r"|shred\b(?P<wipe>)|wipefs\b(?P<wipe2>)|diskpart\b(?P<wipe3>)"
    r"|(?:del|rd|rmdir)\s+(?:/\w\s+)*/s\b(?P<wipe4>)|remove-item\b[^\n]*-recurse(?P<wipe5>))",
)
_COMMANDS = {
    "rm": "rm -r",
    "mkfs": "mkfs",
    "dd": "dd",
    "sql": "DROP/TRUNCATE",
    "format": "format",
    "push": "git push --force",
    "git": "git reset --hard/clean",
    "chmod": "chmod 777",
    "wipe": "a disk wipe or recursive delete",
}
_BACKUP_WARNING = re.compile(r"\b(?:warning|caution)\b[^\n]{0,200}?\bback(?:\s|-)?up")
_VERBS = (
    r"open|close|click|double-click|right-click|tap|press|hold|select|choose|go|navigate|type|"
    r"enter|run|execute|install|uninstall|reinstall|update|upgrade|download|restart|reboot|"
    r"reset|check|verify|make\s+sure|ensure|confirm|try|copy|paste|save|delete|remove|create|"
    r"add|set|change|edit|enable|disable|turn|switch|log|sign|plug|unplug|connect|disconnect|"
    r"insert|clear|back\s+up|scroll|find|locate|search|wait|launch|start|stop|rename|move|"
    r"drag|replace|apply|accept|allow|grant|look|note|use|follow|rerun|refresh|reload|unzip|"
    r"extract|quit|exit|boot|power|configure|pull|push|commit|clone|build|uncheck|tick|"
    r"expand|visit|test|re-run|re-enter|hit|do"
)
_SEQUENCE = r"(?:first|firstly|then|next|now|after\s+that|afterwards|finally|lastly|also)"
_STEP_PATTERN = rf"(?:please\s+)?(?:{_SEQUENCE}\b,?\s+)?(?:{_VERBS})\b"
_STEP = re.compile(_STEP_PATTERN)
_STEP_START = re.compile(rf"[.!?:\n]\s*{_STEP_PATTERN}")
_SEQUENCE_START = re.compile(rf"{_SEQUENCE}\b,?\s+")
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)\s+(?=[A-Z0-9\"'`(\[])"
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LIST_LINE = re.compile(r"\n[ \t]*(?:\d+[.)]|[-*•])[ \t]")
_TECHNICAL_PROMPT = """Technical support rules:
- Be accurate; when you are not sure, say so rather than guess.
- Give instructions as numbered steps, one action per step.
- If the operating system, the software version or the exact error message is missing and \
matters, ask for it before you answer.
- Before any command that deletes or overwrites data, warn the user and tell them to back up \
first."""


@dataclass(frozen=True, kw_only=True, slots=True)
class TechnicalSupportRules:
    """Rules for an agent that helps users fix software and hardware problems.

    Instructions written as prose become numbered steps, and a reply with a destructive
    command (``rm -rf``, ``DROP TABLE``, ``git push --force``, ...) gets a warning line with a
    reminder to back up.
    """

    name: str = "technical_support"

    def prompt(self) -> str:
        """Return the technical support rules."""
        return _TECHNICAL_PROMPT

    def check_input(self, text: str) -> RuleVerdict:
        """Allow every input."""
        return ALLOW

    def check_output(self, text: str) -> str:
        """Number the steps of a procedure and warn about destructive commands."""
        return _warn_destructive(_number_steps(text))


def _warn_destructive(text: str) -> str:
    lowered = _lower(text)
    kinds = [(m.lastgroup or "").rstrip("2345") for m in _DESTRUCTIVE.all(lowered)]
    if not kinds or _BACKUP_WARNING.search(lowered):
        return text
    commands = ", ".join(dict.fromkeys(_COMMANDS[kind] for kind in kinds))
    return (
        f"Warning: {commands} can destroy data or break your system, and cannot be undone. "
        f"Back up anything important first, and double-check the target before you run it."
        f"\n\n{text}"
    )


def _number_steps(text: str) -> str:
    lowered = _lower(text)
    starts = (_STEP.match(lowered) is not None) + len(_STEP_START.findall(lowered))
    if starts < 2 or "```" in text or _LIST_LINE.search("\n" + text):
        return text
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    numbered = [_number_paragraph(paragraph) for paragraph in paragraphs]
    return "\n\n".join(numbered) if numbered != paragraphs else text


def _number_paragraph(paragraph: str) -> str:
    sentences = _SENTENCE_BREAK.split(paragraph.strip())
    lowered = [_lower(sentence) for sentence in sentences]
    is_step = [_STEP.match(sentence) is not None for sentence in lowered]
    sequenced = any(
        step and _SEQUENCE_START.match(s) for s, step in zip(lowered, is_step, strict=True)
    )
    if sum(is_step) < (2 if sequenced else 3):
        return paragraph
    first, last = is_step.index(True), len(is_step) - is_step[::-1].index(True)
    body = _numbered(sentences[first:last], is_step[first:last])
    parts = (" ".join(sentences[:first]), body, " ".join(sentences[last:]))
    return "\n\n".join(part for part in parts if part)


def _numbered(sentences: list[str], is_step: list[bool]) -> str:
    steps: list[str] = []
    for sentence, step in zip(sentences, is_step, strict=True):
        if step:
            sequence = _SEQUENCE_START.match(_lower(sentence))
            rest = sentence[sequence.end() :] if sequence else sentence
            steps.append(rest[:1].upper() + rest[1:])
        else:
            # An explanation between two instructions belongs to the one before it.
            steps[-1] += " " + sentence
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, 1))


# --- composition and specs ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompositeRules:
    """Several rule sets applied together.

    The prompts are joined, an input is refused if any rule set refuses it, and the output
    passes through each rule set in order.
    """

    rules: tuple[BusinessRules, ...]

    @property
    def name(self) -> str:
        """The names of the combined rule sets, joined with ``+``."""
        return "+".join(rules.name for rules in self.rules)

    def prompt(self) -> str:
        """Return every rule set's prompt section, one after another."""
        return "\n\n".join(section for rules in self.rules if (section := rules.prompt()))

    def check_input(self, text: str) -> RuleVerdict:
        """Return the first refusal, or allow the input if no rule set refuses it."""
        for rules in self.rules:
            verdict = rules.check_input(text)
            if not verdict.allowed:
                return verdict
        return ALLOW

    def check_output(self, text: str) -> str:
        """Pass the output through each rule set in order."""
        for rules in self.rules:
            text = rules.check_output(text)
        return text


class _Options(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _FinancialOptions(_Options):
    disclosure: str = Field(default=RISK_DISCLOSURE, min_length=1)


class _ContentOptions(_Options):
    brand: str = ""
    voice: str = ""
    audience: str = "general"
    banned_words: tuple[str, ...] | dict[str, str] = ()
    required_phrases: tuple[str, ...] = ()
    max_chars: int | None = Field(default=None, gt=0)
    hashtags: tuple[str, ...] = ()


_RULE_SETS: Mapping[str, tuple[type[_Options], Callable[..., BusinessRules]]] = {
    "financial_advisor": (_FinancialOptions, FinancialAdvisorRules),
    "content_creator": (_ContentOptions, ContentCreatorRules),
    "technical_support": (_Options, TechnicalSupportRules),
    "none": (_Options, NoRules),
}


def rules_from_spec(
    value: str | Mapping[str, Any] | Sequence[str | Mapping[str, Any]] | None,
) -> BusinessRules:
    """Build the domain rules a spec asks for.

    Args:
        value: the name of a built-in rule set; a mapping with its ``name`` and its options;
            a list of those, applied together; or ``None`` for no rules.

    Raises:
        UnknownName: a name is not a built-in rule set.
        SpecError: an option is unknown or has the wrong type, or the value has no name.
    """
    if value is None:
        return NO_RULES
    if isinstance(value, str | Mapping):
        return _one(value)
    if isinstance(value, Sequence):
        return _combine([_one(item) for item in value])
    raise _shape_error(value, field="domain")


def _combine(rules: list[BusinessRules]) -> BusinessRules:
    rules = [each for each in rules if not isinstance(each, NoRules)]
    if len(rules) > 1:
        return CompositeRules(tuple(rules))
    return rules[0] if rules else NO_RULES


def _one(value: object) -> BusinessRules:
    if isinstance(value, str):
        return _build(value, {})
    if isinstance(value, Mapping) and isinstance(value.get("name"), str):
        options = {key: option for key, option in value.items() if key != "name"}
        return _build(value["name"], options)
    raise _shape_error(value, field="name" if isinstance(value, Mapping) else "domain")


def _build(name: str, options: Mapping[str, Any]) -> BusinessRules:
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key not in _RULE_SETS:
        raise UnknownName("domain rules", name, _RULE_SETS)
    model, factory = _RULE_SETS[key]
    try:
        parsed = model.model_validate(dict(options))
    except ValidationError as error:
        raise _option_error(key, model, error) from None
    return factory(**dict(parsed))


def _shape_error(value: object, *, field: str) -> SpecError:
    return SpecError(
        f"domain rules must be a name, a mapping with a 'name', or a list of those, not "
        f"{value!r}; for example 'financial_advisor' or "
        f"{{'name': 'content_creator', 'brand': 'Acme'}}",
        field=field,
    )


def _option_error(rules: str, model: type[_Options], error: ValidationError) -> SpecError:
    problem = error.errors()[0]
    option = str(problem["loc"][0]) if problem["loc"] else ""
    allowed = (
        f"its options are {', '.join(model.model_fields)}"
        if model.model_fields
        else ("it takes no options")
    )
    return SpecError(
        f"invalid {rules} option {option!r}: {problem['msg']}; {allowed}",
        field=option,
        rules=rules,
    )
