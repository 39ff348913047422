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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from conclave.errors import SpecError, UnknownName

__all__ = [
    "ALLOW",
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

# --- financial_advisor -------------------------------------------------------------------

_APOS = "['’]"
_GAIN = r"(?:returns?|profits?|gains?|income|yields?|payouts?|earnings|money|growth)"
_HOLDING = (
    r"(?:investments?|bets?|trades?|strateg(?:y|ies)|opportunit(?:y|ies)|plays?|stocks?|"
    r"funds?|assets?|portfolios?|coins?|tokens?|options?|ways?|plans?|savings|crypto)"
)
_UPSIDE = (
    r"(?:make|earn|profit|gain|double|triple|grow|go\s+up|rise|soar|climb|increase|beat|"
    r"outperform|pay|return|deliver|get\s+rich|win)"
)
_MODIFIERS = (
    r"(?:\s+(?:[\d$€£][\w$€£%.,-]*|high|higher|huge|big|steady|stable|fixed|annual|monthly|"
    r"weekly|daily|yearly|positive|solid|great|strong|double-digit|consistent|passive))*"
)
_COPULA = rf"(?:\s+(?:is|are|will\s+be)|{_APOS}(?:s|re))"
_ABSOLUTE = (
    r"(?:(?:100\s?%|completely|totally|absolutely|perfectly|entirely)\s+(?:safe|secure|"
    r"risk[- ]?free)|risk[- ]?free|riskless|no-risk|zero-risk)"
)
_NEVER = (
    rf"(?:(?:\s+(?:will|would|can|could)|{_APOS}ll|{_APOS}d)\s+(?:never|not)|\s+never|"
    rf"\s+(?:can{_APOS}?t|cannot|won{_APOS}t|couldn{_APOS}t))"
)
# One pass over the text finds every claim of certain gain; each branch is one phrasing.
_CLAIM = re.compile(
    r"(?P<art>\ban?\s+)?(?:"
    rf"(?P<promise>\b(?:I|we)\s+(?:can\s+|will\s+)?(?:guarantee|promise))"
    rf"(?=[^.!?\n]{{0,60}}?\b(?:{_GAIN}|{_UPSIDE}|lose|loss)\b)"
    rf"|(?P<verb>\bguarantees)(?=(?:\s+you)?(?:\s+an?)?{_MODIFIERS}\s+{_GAIN}\b)"
    rf"|(?P<adjective>\bguaranteed)(?={_MODIFIERS}\s+{_GAIN}\b)"
    rf"|(?P<subject>\b(?:it|this|that|they|these|{_GAIN}|{_HOLDING}|principal|capital)"
    rf"{_COPULA})\s+(?:fully\s+|completely\s+|absolutely\s+|100\s?%\s+)?"
    rf"(?:guaranteed\b(?!\s+(?:to|by|up)\b)|{_ABSOLUTE}(?=\s*(?:[.!?,;:)]|$)|\s+(?:with|for|"
    r"and|if|when|because|as|in|to|now|today|here)\b))"
    rf"|(?P<certain>{_COPULA}\s+(?:definitely\s+|absolutely\s+|100\s?%\s+)?(?:guaranteed|"
    rf"certain|sure|bound|(?:definitely|certainly|surely)\s+going)\s+to)(?=\s+{_UPSIDE}\b)"
    rf"|(?P<will>(?:\s+will|{_APOS}ll)\s+(?:definitely|certainly|surely|absolutely|"
    rf"undoubtedly|always|100\s?%))(?=\s+{_UPSIDE}\b)"
    rf"|(?P<lose>{_NEVER}\s+(?:possibly\s+|ever\s+)?lose\b(?:\s+(?:money|a\s+(?:penny|cent|"
    rf"dime|thing)|anything|your\s+(?:money|capital|principal|investment|shirt)))?)"
    r"(?=\s*(?:[.!?,;:)]|$)|\s+(?:with|on|here|if|when|by|in|this|at)\b)"
    rf"|(?P<uponly>(?:\s+(?:will|can|does|do)|{_APOS}ll)?\s+(?:(?:only|always)\s+go(?:es)?\s+up"
    rf"|(?:never|can{_APOS}?t|cannot|won{_APOS}t|doesn{_APOS}t|don{_APOS}t)\s+go(?:es)?\s+down"
    r"|only\s+(?:rise|increase|grow))\b)"
    r"|(?P<surefire>\b(?:sure[- ]?fire|can['’]t[- ]miss)\b)"
    r"|(?P<surething>\b(?:sure\s+(?:thing|bet)|free\s+money)\b)"
    rf"|(?P<absolute>\b{_ABSOLUTE})(?!\s+(?:rate|asset|bond|treasur|interest|benchmark))"
    rf"(?={_MODIFIERS}\s+(?:{_GAIN}|{_HOLDING})\b)"
    rf"|(?P<zerorisk>\b(?:there{_APOS}s|there\s+is|with|carries|has|involves)\s+"
    r"(?:absolutely\s+)?(?:no|zero)\s+risks?(?:\s+at\s+all|\s+whatsoever)?\b(?![- ]free)"
    r"|\bwithout\s+(?:any\s+)?risks?\b)"
    ")",
    re.IGNORECASE,
)
_GAIN_AHEAD = re.compile(rf"{_MODIFIERS}\s+{_GAIN}\b", re.IGNORECASE)
_NO_OR_ZERO = re.compile(
    r"\b(?:absolutely\s+)?(?:no|zero)\b|\bwithout\s+(?:any\s+)?|\s+(?:at\s+all|whatsoever)", re.I
)
# A claim quoted in order to warn about it ("beware of guaranteed returns") stays as written.
_NEGATED_BEFORE = re.compile(
    rf"\b(?:no|not|cannot|never|nothing|none|nobody|without|beware|wary|avoid\w*|scams?|"
    rf"myths?|anyone|someone|claims?|claiming|suspicious|sceptical|skeptical|fraud\w*)\b"
    rf"|n{_APOS}t\b",
    re.IGNORECASE,
)
_NEGATED_AFTER = re.compile(
    rf"[^.!?;\n]{{0,40}}?\b(?:(?:do|does|is|are)(?:\s+not|n{_APOS}t)\s+(?:exist|real|"
    r"possible)|(?:is|are)\s+(?:an?\s+|usually\s+an?\s+)?(?:myths?|scams?|red\s+flags?|"
    r"fraud|warning\s+signs?|impossible|unrealistic|rare))",
    re.IGNORECASE,
)
_CLAIM_FIXES = {
    "verb": "may offer",
    "adjective": "potential",
    "certain": "could",
    "will": "could",
    "lose": "could still lose money",
    "uponly": "can go down as well as up",
    "surefire": "possible",
    "surething": "an opportunity that carries risk",
}
_WITH_ARTICLE = frozenset({"adjective", "surefire", "surething", "absolute"})

_INVESTING = re.compile(
    r"\b(?:invest\w*|stocks?|equit(?:y|ies)|bonds?|funds?|ETFs?|portfolios?|returns?|"
    r"dividends?|crypto\w*|bitcoin|ethereum|securities|brokerage|401\s?\(?k\)?|IRAs?|"
    r"annuit(?:y|ies)|forex|trading|shares|capital\s+gains?|asset\s+allocation|diversif\w*)\b",
    re.IGNORECASE,
)
_DISCLOSED = re.compile(
    r"\b(?:investing|investments?)\s+(?:involves?|carry|carries)\s+(?:\w+\s+){0,2}?risks?"
    rf"|past\s+performance\s+(?:is\s+not|does\s+not|doesn{_APOS}t|isn{_APOS}t)"
    r"|(?:may|could|can|might)\s+lose\s+(?:some\s+or\s+all\s+|all\s+|part\s+)?(?:of\s+)?"
    r"(?:your\s+|the\s+)?(?:money|capital|principal|investment)"
    r"|not\s+(?:personali[sz]ed\s+|personal\s+)?(?:financial|investment)\s+advice",
    re.IGNORECASE,
)
RISK_DISCLOSURE = (
    "Risk disclosure: investing involves risk, including the possible loss of the money you "
    "invest. Past performance does not guarantee future results. This is general "
    "information, not personal financial advice."
)

_ACT = (
    r"(?:do|commit|use|run|start|organi[sz]e|set\s+up|pull\s+off|profit|make\s+money|trade|"
    r"buy|sell|get\s+in\s+on|coordinate|engage\s+in|execute|pump|manipulate|spoof|rig|"
    r"front[- ]?run|benefit|cash\s+in|exploit|take\s+advantage)"
)
_ILLEGAL_TOPIC = re.compile(
    r"(?P<insider>\binsider\s+(?:trading|tips?|info\w*|knowledge)|\b(?:inside|non-?public|"
    r"confidential|secret|private)\s+(?:info\w*|tips?|knowledge|news)|\bMNPI\b"
    rf"|\bbefore\s+(?:it|the\s+\w+|this|that)(?:{_APOS}s|\s+is|\s+gets|\s+goes|\s+becomes)?"
    r"\s+(?:publicly\s+)?(?:announced|public|released|disclosed))"
    r"|(?P<manipulation>\bpump[- ]and[- ]dump|\bpump\s+up\s+the\s+price|\bmanipulat\w*\s+"
    r"(?:the\s+)?(?:\w+\s+)?(?:market|price|stock|shares?)|\bspoof(?:ing)?\b|\bwash\s+trad\w*"
    r"|\bfront[- ]?run\w*|\bartificially\s+(?:inflate|raise|boost|push))",
    re.IGNORECASE,
)
_ILLEGAL_INTENT = re.compile(
    rf"\b(?:help\s+(?:me|us)\s+(?:to\s+|with\s+)?(?:{_ACT}|some\b|insider|inside|pump)"
    rf"|(?:teach|show)\s+me|walk\s+me\s+through|let{_APOS}?s\s+(?:{_ACT}|pump)"
    rf"|(?:how|where|when)\s+(?:do|can|could|should|would|might)\s+(?:I|we)\s+(?:best\s+)?{_ACT}"
    rf"|(?:how\s+to|ways?\s+to|plan\s+to|trying\s+to|going\s+to|(?:want|need|intend|hope|like)"
    rf"\s+to|I{_APOS}d\s+like\s+to)\s+(?:{_ACT}|pump)"
    r"|(?:trade|trading|act|acting|buy|buying|sell|selling|profit|profiting|cash\s+in)\s+"
    r"(?:on|from|using|with|based\s+on)\s+(?:this|the|that|some|my|our|his|her|their)?\s*"
    r"(?:insider|inside|non-?public|confidential|secret|private)"
    r"|(?:any|some|give\s+me|got|have)\s+(?:insider|inside)\s+(?:tips?|info\w*|knowledge)"
    r"|without\s+getting\s+caught|get\s+away\s+with|avoid\s+(?:detection|getting\s+caught)"
    r"|(?:hide|conceal)\s+(?:it|this|them|the\s+\w+)\s+from)",
    re.IGNORECASE,
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
        topic = _ILLEGAL_TOPIC.search(text)
        if topic is None or _ILLEGAL_INTENT.search(text) is None:
            return ALLOW
        what = "insider trading" if topic.lastgroup == "insider" else "market manipulation"
        return RuleVerdict(allowed=False, reason=f"asks for help with {what}", reply=_ILLEGAL_REPLY)

    def check_output(self, text: str) -> str:
        """Rewrite claims of certain gain and append the risk disclosure where it is due."""
        amended = _CLAIM.sub(_amend_claim, text)
        if _DISCLOSED.search(text) or (amended == text and not _INVESTING.search(text)):
            return amended
        return f"{amended.rstrip()}\n\n{self.disclosure}"


def _amend_claim(match: re.Match[str]) -> str:
    if _is_warning(match):
        return match.group(0)
    kind = match.lastgroup or ""
    claim = match.group(kind)
    article = match.group("art") or ""
    fix = _claim_fix(kind, claim, match)
    if kind in _WITH_ARTICLE and (article or kind == "surething"):
        article = article or "a"
        fix = fix if kind == "surething" else f"{'an' if fix[0] in 'aeiou' else 'a'} {fix}"
        return _same_case(article, fix)
    lead = " " if claim[0].isspace() or claim[0] in "'’" else ""
    return article + lead + _same_case(claim.lstrip(), fix)


def _claim_fix(kind: str, claim: str, match: re.Match[str]) -> str:
    if kind == "promise":
        return f"{claim.split()[0]} cannot guarantee"
    if kind == "subject":
        rest = match.string[match.end(kind) : match.end()]
        return f"{claim} not {'guaranteed' if 'guarant' in rest.lower() else 'risk-free'}"
    if kind == "absolute":
        return "potential" if _GAIN_AHEAD.match(match.string, match.end()) else "lower-risk"
    if kind == "zerorisk":
        return _NO_OR_ZERO.sub(_some_risk, claim)
    return _CLAIM_FIXES[kind]


def _some_risk(match: re.Match[str]) -> str:
    word = match.group(0)
    return "" if word[0].isspace() else "with some " if word[0] in "wW" else "some"


def _is_warning(match: re.Match[str]) -> bool:
    text, start = match.string, match.start()
    window = text[max(0, start - 60) : start]
    clause = max(window.rfind(mark) for mark in ".!?;\n") + 1
    if _NEGATED_BEFORE.search(window, clause):
        return True
    return _NEGATED_AFTER.match(text, match.end()) is not None


def _same_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and not replacement[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


# --- content_creator ---------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so that a phrase wins over a word it starts with.
    stripped = sorted({word.strip() for word in words if word.strip()}, key=len, reverse=True)
    return "|".join(re.escape(word) for word in stripped)


def _words_pattern(alternation: str, *, removing: bool = False) -> re.Pattern[str]:
    word = rf"(?<!\w)(?:{alternation})(?!\w)"
    if removing:
        # Take the space before a removed word, or at a line's start the space and comma after,
        # so that no gap is left behind.
        word = rf"[ \t]+{word}|(?<![^\n]){word}[ \t]*,?[ \t]*|{word}"
    return re.compile(word, re.IGNORECASE)


_STRONG_PROFANITY = (
    r"(?:mother)?fuck\w*|shit(?:s|ty|ting)?|bullshit|bitch(?:es|y)?|bastards?|assholes?|"
    r"arseholes?|crap(?:py)?|damn(?:ed|it)?|goddamn\w*|piss(?:ed)?|wtf|dickheads?"
)
_PROFANITY = {
    audience: _words_pattern(words, removing=True)
    for audience, words in (
        ("general", _STRONG_PROFANITY),
        ("professional", _STRONG_PROFANITY),
        ("children", _STRONG_PROFANITY + r"|hell|stupid|idiots?|dumb|sucks?|sexy"),
    )
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
    _banned: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _alternatives: dict[str, str] = field(init=False, repr=False, compare=False)
    _brand: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _tags: tuple[tuple[str, re.Pattern[str]], ...] = field(init=False, repr=False, compare=False)
    _prompt: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        banned = self.banned_words
        removing = not isinstance(banned, Mapping)
        alternatives = dict(banned) if isinstance(banned, Mapping) else dict.fromkeys(banned, "")
        tags = tuple("#" + tag.strip().lstrip("#").replace(" ", "") for tag in self.hashtags)
        compiled = {
            "_banned": _words_pattern(_alternation(banned), removing=removing) if banned else None,
            "_alternatives": {word.lower(): alt for word, alt in alternatives.items()},
            "_brand": _brand_pattern(self.brand) if self.brand.strip() else None,
            "_tags": tuple((tag, _words_pattern(re.escape(tag))) for tag in tags),
            "_prompt": _content_prompt(self, tags),
        }
        for name, value in compiled.items():
            object.__setattr__(self, name, value)

    def prompt(self) -> str:
        """Return the brand, voice and audience rules."""
        return self._prompt

    def check_input(self, text: str) -> RuleVerdict:
        """Allow every input; brand rules apply to what the agent writes."""
        return ALLOW

    def check_output(self, text: str) -> str:
        """Apply the brand rules: words, spelling, profanity, required parts and length."""
        body = self._clean(text)
        suffix = self._missing_parts(body)
        if self.max_chars is not None:
            body = _fit(body, self.max_chars - len(suffix))
        return body + suffix if suffix else body

    def _clean(self, text: str) -> str:
        cleaned = self._banned.sub(self._alternative, text) if self._banned else text
        profanity = _PROFANITY.get(self.audience.strip().lower())
        if profanity is not None:
            cleaned = profanity.sub("", cleaned)
        return self._brand.sub(self.brand, cleaned) if self._brand else cleaned

    def _alternative(self, match: re.Match[str]) -> str:
        word = match.group(0)
        alternative = self._alternatives.get(word.strip(" \t,").lower(), "")
        return _same_case(word, alternative.upper() if word.isupper() else alternative)

    def _missing_parts(self, body: str) -> str:
        lowered = body.lower()
        phrases = [p for p in self.required_phrases if p.lower() not in lowered]
        tags = [tag for tag, pattern in self._tags if pattern.search(body) is None]
        suffix = (" " + " ".join(phrases)) if phrases else ""
        return suffix + ("\n\n" + " ".join(tags) if tags else "")


def _brand_pattern(brand: str) -> re.Pattern[str]:
    # Addresses such as acme.com or @acme keep their own spelling.
    spelled = r"\s+".join(re.escape(part) for part in brand.split())
    return re.compile(rf"(?<![\w/.@])(?:{spelled})(?![\w@]|\.\w)", re.IGNORECASE)


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

_DESTRUCTIVE = re.compile(
    r"(?P<rm>\brm\s+(?:-\w*[rR]\w*|--recursive)(?!\w))|(?P<mkfs>\bmkfs(?:\.\w+)?\b)"
    r"|(?P<dd>\bdd\s[^\n]*?\bof=/dev/)|(?P<sql>\b(?:DROP\s+(?:TABLE|DATABASE|SCHEMA)|"
    r"TRUNCATE\s+TABLE)\b)|(?P<format>\bformat\s+[a-z]:)"
    r"|(?P<push>\bgit\s+push\s+(?:[\w./:@-]+\s+)*?(?:--force(?:-with-lease)?|-f)(?!\w))"
    r"|(?P<git>\bgit\s+(?:reset\s+--hard|clean\s+-\w*f))"
    r"|(?P<chmod>\bchmod\s+(?:-\w*R\w*\s+)?(?:0?777|a\+rwx)(?!\w))"
    r"|(?P<wipe>\b(?:shred|wipefs|diskpart)\b|\b(?:del|rd|rmdir)\s+(?:/\w\s+)*/[sS]\b"
    r"|\bRemove-Item\b[^\n]*-Recurse)",
    re.IGNORECASE,
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
    "wipe": "disk or recursive delete",
}
_BACKUP_WARNING = re.compile(r"\b(?:warning|caution)\b[^\n]{0,200}?\bback(?:\s|-)?up", re.I)
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
_STEP = re.compile(rf"(?:please\s+)?(?:{_SEQUENCE}\b,?\s+)?(?:{_VERBS})\b", re.IGNORECASE)
_STEP_START = re.compile(rf"(?:^|(?<=[.!?])\s+){_STEP.pattern}", re.IGNORECASE | re.MULTILINE)
_SEQUENCE_START = re.compile(rf"{_SEQUENCE}\b,?\s+", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(
    r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)(?<=[.!?])\s+(?=[A-Z0-9\"'`(\[])"
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_LIST_LINE = re.compile(r"^[ \t]*(?:\d+[.)]|[-*•])[ \t]+", re.MULTILINE)
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
    kinds = [m.lastgroup for m in _DESTRUCTIVE.finditer(text)]
    if not kinds or _BACKUP_WARNING.search(text):
        return text
    commands = ", ".join(dict.fromkeys(_COMMANDS[kind] for kind in kinds if kind))
    return (
        f"Warning: this uses a destructive command ({commands}) that can permanently delete "
        f"data and cannot be undone. Back up anything important first, and double-check the "
        f"target before you run it.\n\n{text}"
    )


def _number_steps(text: str) -> str:
    if len(_STEP_START.findall(text)) < 2 or "```" in text or _LIST_LINE.search(text):
        return text
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    numbered = [_number_paragraph(paragraph) for paragraph in paragraphs]
    return "\n\n".join(numbered) if numbered != paragraphs else text


def _number_paragraph(paragraph: str) -> str:
    sentences = _SENTENCE_BREAK.split(paragraph.strip())
    is_step = [_STEP.match(sentence) is not None for sentence in sentences]
    sequenced = any(
        _SEQUENCE_START.match(s) for s, step in zip(sentences, is_step, strict=True) if step
    )
    if sum(is_step) < (2 if sequenced else 3):
        return paragraph
    first = is_step.index(True)
    last = len(is_step) - is_step[::-1].index(True)
    steps: list[str] = []
    for sentence, step in zip(sentences[first:last], is_step[first:last], strict=True):
        if step:
            steps.append(_without_sequence(sentence))
        else:
            steps[-1] += " " + sentence
    body = "\n".join(f"{number}. {step}" for number, step in enumerate(steps, 1))
    parts = (" ".join(sentences[:first]), body, " ".join(sentences[last:]))
    return "\n\n".join(part for part in parts if part)


def _without_sequence(sentence: str) -> str:
    rest = _SEQUENCE_START.sub("", sentence, count=1)
    return rest[:1].upper() + rest[1:] if rest != sentence else sentence


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
        rules = [rules for item in value if not isinstance(rules := _one(item), NoRules)]
        return rules[0] if len(rules) == 1 else CompositeRules(tuple(rules)) if rules else NO_RULES
    raise _shape_error(value)


def _one(value: object) -> BusinessRules:
    if isinstance(value, str):
        return _build(value, {})
    if isinstance(value, Mapping) and isinstance(value.get("name"), str):
        options = {key: option for key, option in value.items() if key != "name"}
        return _build(value["name"], options)
    raise _shape_error(value)


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


def _shape_error(value: object) -> SpecError:
    return SpecError(
        f"domain rules must be a name, a mapping with a 'name', or a list of those, not "
        f"{value!r}; for example 'financial_advisor' or "
        f"{{'name': 'content_creator', 'brand': 'Acme'}}",
        field="name",
    )


def _option_error(rules: str, model: type[_Options], error: ValidationError) -> SpecError:
    problem = error.errors()[0]
    where = ".".join(str(part) for part in problem["loc"])
    allowed = ", ".join(model.model_fields) or "none"
    return SpecError(
        f"invalid {rules} option {where!r}: {problem['msg']}; its options are {allowed}",
        field=where,
        rules=rules,
    )
