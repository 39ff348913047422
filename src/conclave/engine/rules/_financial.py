"""The ``financial_advisor`` rule set: risk disclosures, no promised gains, no market abuse."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from conclave.engine.rules._matching import (
    Change,
    compile_pattern,
    compile_scan,
    lower,
    rewrite,
    same_case,
)
from conclave.engine.rules._verdict import ALLOW, RuleVerdict

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
_CLAIM = (
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
)
# What must come before a phrasing for it to be a claim; the replacement takes it in.
_BEFORE = {
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
}
_NOUN_AHEAD = rf"{_MODIFIERS}\s+(?:(?P<gain>{_GAIN})|{_HOLDING})\b"
_TECHNICAL_TERM = r"\s+(?:rate|asset|bond|treasur|interest|benchmark)"
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
_NEGATED_BEFORE = (
    r"\b(?:no|not|cannot|never|nothing|none|nobody|without|beware|wary|avoid\w*|scams?|"
    rf"myths?|anyone|someone|claims?|claiming|suspicious|sceptical|skeptical|fraud\w*)\b|n{_APOS}t\b"
)
_NEGATED_AFTER = (
    rf"[^.!?;\n]{{0,40}}?\b(?:(?:do|does|is|are)(?:\s+not|n{_APOS}t)\s+(?:exist|real|"
    r"possible)|(?:is|are)\s+(?:an?\s+|usually\s+an?\s+)?(?:myths?|scams?|red\s+flags?|"
    r"fraud|warning\s+signs?|impossible|unrealistic|rare))"
)

_INVESTING = (
    "invest|stock|fund|portfolio|return|bond|equit|etf|dividend|crypto|bitcoin|ethereum|"
    "securities|brokerage|401|ira|annuit|forex|trading|shares|capital gain|asset allocation|"
    "diversif",
    r"invest|stock|equit(?:y|ies)\b|bonds?\b|funds?\b|etfs?\b|portfolio|returns?\b|"
    r"dividend|crypto|bitcoin|ethereum|securities|brokerage|401\s?\(?k|iras?\b|annuit|forex|"
    r"trading|shares\b|capital\s+gain|asset\s+allocation|diversif",
)
_DISCLOSED = (
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
_ILLEGAL_TOPIC = (
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
_ILLEGAL_INTENT = (
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


class _Patterns:
    """The patterns above, compiled."""

    def __init__(self) -> None:
        self.claim = compile_scan(*_CLAIM, within_lines=True)
        self.before = {kind: compile_pattern(pattern + r"\Z") for kind, pattern in _BEFORE.items()}
        self.noun_ahead = compile_pattern(_NOUN_AHEAD)
        self.technical_term = compile_pattern(_TECHNICAL_TERM)
        self.predicate_end = compile_pattern(_CLAUSE_END)
        self.negated_before = re.compile(_NEGATED_BEFORE)
        self.negated_after = re.compile(_NEGATED_AFTER)
        self.investing = compile_scan(*_INVESTING)
        self.disclosed = compile_scan(*_DISCLOSED)
        self.illegal_topic = compile_scan(*_ILLEGAL_TOPIC)
        self.illegal_intent = re.compile(_ILLEGAL_INTENT)


@cache
def _patterns() -> _Patterns:
    # Compiled on first use rather than at import, which they would slow by tens of milliseconds.
    return _Patterns()


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
        lowered, patterns = lower(text), _patterns()
        topic = patterns.illegal_topic.first(lowered)
        if topic is None or patterns.illegal_intent.search(lowered) is None:
            return ALLOW
        what = "insider trading" if topic.lastgroup == "insider" else "market manipulation"
        return RuleVerdict(allowed=False, reason=f"asks for help with {what}", reply=_ILLEGAL_REPLY)

    def check_output(self, text: str) -> str:
        """Rewrite claims of certain gain and append the risk disclosure where it is due."""
        lowered, patterns = lower(text), _patterns()
        amended = rewrite(text, lowered, patterns.claim, _fix_claim)
        if amended is text and patterns.investing.first(lowered) is None:
            return text
        if self.disclosure in text or patterns.disclosed.first(lowered):
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
    return change[0], end, same_case(text[change[0] : end].lstrip(), change[1])


def _phrase_change(kind: str, text: str, lowered: str, start: int) -> tuple[int, str] | None:
    befores = _patterns().before
    if kind not in befores:
        return start, _FIXES[kind]
    before = befores[kind].search(lowered, max(0, start - 40), start)
    if before is None:
        return None
    if kind == "promise":
        return before.start(), f"{text[before.start('who') : before.end('who')]} cannot guarantee"
    if kind in ("predicate", "zerorisk"):
        return (before.start("extra") if before["extra"] else start), _FIXES[kind]
    return before.start(), _FIXES[kind]


def _descriptive_change(kind: str, lowered: str, match: re.Match[str]) -> tuple[int, str] | None:
    start, end = match.span()
    word, patterns = _FIXES.get(kind, ""), _patterns()
    if kind == "absolute":
        predicate = patterns.before["predicate"].search(lowered, max(0, start - 40), start)
        if predicate is not None and patterns.predicate_end.match(lowered, end):
            return (predicate.start("extra") if predicate["extra"] else start), "not risk-free"
        technical = patterns.technical_term.match(lowered, end)
        noun = None if technical else patterns.noun_ahead.match(lowered, end)
        if noun is None:
            return None
        word = "potential" if noun["gain"] else "lower-risk"
    article = patterns.before["article"].search(lowered, max(0, start - 4), start)
    if article is None:
        return start, f"an {word}" if kind == "surething" else word
    return article.start(), f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _is_warning(lowered: str, window: int, start: int, end: int) -> bool:
    clause = max(lowered.rfind(mark, window, start) for mark in ".!?;,:\n") + 1
    patterns = _patterns()
    if patterns.negated_before.search(lowered, max(window, clause), start):
        return True
    return patterns.negated_after.match(lowered, end) is not None
