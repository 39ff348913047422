"""Cues the offline model reads from a system prompt.

They are its role, the word it must finish with, and whether it is being asked to pick
the next speaker of a team.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from conclave.engine.models._offline_text import STOPWORDS, word_set, words_of

# Role kinds, each with word prefixes that announce it. Reviewers come first: a
# "risk manager" must give a verdict, since teams stop on a reviewer's word.
_KINDS = (
    ("reviewer", "review critic critiq validat verif checker qa quality tester audit judge "
     "evaluat approv complian risk inspector proofread"),
    ("coordinator", "coordinat orchestrat manager lead director supervis dispatch router "
     "triage delegat chief head"),
    ("planner", "plan architect strateg"),
    ("researcher", "research analyst analys investigat scout fact scientist explorer"),
    ("writer", "writ summar synthes editor report author journalist document narrat blogger "
     "storytell scribe"),
    ("engineer", "engineer develop coder programm implement builder devops"),
)  # fmt: skip
_PREFIXES = tuple((kind, tuple(words.split())) for kind, words in _KINDS)
_REVIEWER = _PREFIXES[0][1]
_GENERIC_TITLES = frozenset({"assistant", "helpful assistant", "ai assistant", "agent"})

_ROLE_LINE = re.compile(r"^\s*role\s*:\s*([^\n.]{1,60})", re.I | re.M)
_YOU_ARE = re.compile(
    r"\b(?:you are|you're|act as|your role is)\s+(?:now\s+)?(?:to be\s+)?(?:an?\s+|the\s+)?"
    r"([^.,;:!?\n]{1,60}?)(?=\s*[.,;:!?\n]|\s+(?:who|that|which|for|in|on|with|and|"
    r"responsible|working|whose|tasked|of)\b|$)",
    re.I,
)
# "You are Alice, a researcher" and "You are advisor: a financial educator".
_APPOSITION = re.compile(
    r"\byou are\s+[\w -]{1,30}[,:]\s+(?:an?\s+|the\s+)?([^.,;:!?\n]{1,60}?)"
    r"(?=\s*[.,;:!?\n]|\s+(?:who|that|which|for|in|on|with|and)\b|$)",
    re.I,
)
_ROLE_PATTERNS = (_ROLE_LINE, _YOU_ARE, _APPOSITION)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_INSTRUCTION = re.compile(
    r"\b(?:say|reply|respond|answer|end|finish|write|output|include|conclude|type|append|"
    r"add|return|mark|signal|terminate)\b",
    re.I,
)
_NEGATIVE = re.compile(r"\b(?:not|never|don't|do not|avoid|until)\b", re.I)
_CAPITALS = re.compile(r"\b[A-Z][A-Z_]{2,}\b")
_CUE = re.compile(
    r"\b(?:done|complete[d]?|finish(?:ed)?|final|approv\w*|satisf\w*|terminat\w*|good|"
    r"ready|addressed|end)\b",
    re.I,
)
FINISH_WORDS = (
    "TERMINATE", "APPROVE", "APPROVED", "DONE", "FINISHED", "COMPLETE", "FINAL_ANSWER",
    "LGTM", "ACCEPT", "ACCEPTED", "PASS", "STOP", "END", "EXIT",
)  # fmt: skip
_NOT_WORDS = word_set(
    """API URL JSON YAML CSV SQL HTML HTTP HTTPS XML PDF CEO CTO CFO FAQ ISO UTC GMT USD EUR
    NOTE IMPORTANT TODO"""
)
_SELECT = re.compile(
    r"\b(?:select|choose|pick|decide)\b[^.\n]{0,40}?\bnext\b[^.\n]{0,20}?"
    r"\b(?:speaker|role|agent|participant|member)|\bwho should (?:speak|go|act) next\b",
    re.I,
)
_BRACKETED = re.compile(r"\[([^\]\n]{1,400})\]")
_FROM_LIST = re.compile(r"\bfrom\s*:?\s*((?:[\w./-]+\s*(?:,|\bor\b|\band\b)\s*)+[\w./-]+)", re.I)
_NAME = re.compile(r"[A-Za-z_][\w./-]*")
_SPEAKER_LINE = re.compile(r"^\s*([\w./-]+)\s*:", re.M)


@dataclass(frozen=True, slots=True)
class Role:
    """The part an agent plays: a title ("senior analyst") and the kind it acts as."""

    title: str
    kind: str


@lru_cache(maxsize=256)
def find_role(system: str, author: str | None) -> Role:
    """The agent's role: from "Role: ..." or "You are ..." in the prompt, else its name."""
    head = system[:2000]
    phrases = [m.group(1).strip() for p in _ROLE_PATTERNS for m in p.finditer(head)]
    name = " ".join(words_of(author.rsplit("/", 1)[-1])) if author else ""
    for phrase in (*phrases, name):
        kind = kind_of(phrase)
        if kind:
            return Role(title=phrase.lower(), kind=kind)
    titles = [p.lower() for p in (*phrases, name) if p and p.lower() not in _GENERIC_TITLES]
    return Role(title=titles[0] if titles else "assistant", kind="assistant")


def kind_of(phrase: str) -> str:
    """The role kind a phrase names ("lead researcher" is a researcher), or ``""``.

    A reviewing word anywhere wins; otherwise the head noun (the last word) decides, and
    failing that any word does.
    """
    words = [word.lower() for word in words_of(phrase)][:8]
    if any(word.startswith(_REVIEWER) for word in words):
        return "reviewer"
    for candidates in (words[-1:], words):
        for kind, prefixes in _PREFIXES:
            if any(word.startswith(prefixes) for word in candidates):
                return kind
    return ""


@lru_cache(maxsize=256)
def finish_word(system: str) -> str | None:
    """The word the prompt asks to end with when done ("reply TERMINATE when ..."), if any."""
    fallback: str | None = None
    for sentence in _SENTENCE.split(system):
        if not _INSTRUCTION.search(sentence) or _NEGATIVE.search(sentence):
            continue
        word: str
        for word in _CAPITALS.findall(sentence):
            if word in FINISH_WORDS:
                return word
            if fallback is None and word not in _NOT_WORDS and _CUE.search(sentence):
                fallback = word
    return fallback


def next_speaker(text: str, last: str | None) -> str | None:
    """For a prompt that asks who speaks next, the participant after ``last``, in turn."""
    asked = _SELECT.search(text)
    if asked is None:
        return None
    names = _candidates(text)
    if len(names) < 2:
        return None
    if last not in names:
        spoken = [str(m.group(1)) for m in _SPEAKER_LINE.finditer(text) if m.group(1) in names]
        last = spoken[-1] if spoken else None
    return names[(names.index(last) + 1) % len(names)] if last in names else names[0]


def _candidates(text: str) -> list[str]:
    for pattern in (_BRACKETED, _FROM_LIST):
        for match in pattern.finditer(text):
            found = (name.rstrip("./-") for name in _NAME.findall(match.group(1)))
            names = [name for name in found if name.lower() not in STOPWORDS]
            if len(names) >= 2:
                return list(dict.fromkeys(names))
    return []
