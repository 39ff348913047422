"""The ``technical_support`` rule set: instructions as numbered steps, warnings before harm."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from conclave.engine.rules._matching import compile_scan, lower
from conclave.engine.rules._verdict import ALLOW, RuleVerdict

_DESTRUCTIVE = (
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
_BACKUP_WARNING = r"\b(?:warning|caution)\b[^\n]{0,200}?\bback(?:\s|-)?up"
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
_SENTENCE_BREAK = (
    r"(?<=[.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\betc\.)(?<!\bvs\.)\s+(?=[A-Z0-9\"'`(\[])"
)
_LIST_LINE = r"\n[ \t]*(?:\d+[.)]|[-*•])[ \t]"
_TECHNICAL_PROMPT = """Technical support rules:
- Be accurate; when you are not sure, say so rather than guess.
- Give instructions as numbered steps, one action per step.
- If the operating system, the software version or the exact error message is missing and \
matters, ask for it before you answer.
- Before any command that deletes or overwrites data, warn the user and tell them to back up \
first."""


class _Patterns:
    """The patterns above, compiled."""

    def __init__(self) -> None:
        self.destructive = compile_scan(*_DESTRUCTIVE)
        self.backup_warning = re.compile(_BACKUP_WARNING)
        self.step = re.compile(_STEP_PATTERN)
        self.step_start = re.compile(rf"[.!?:\n]\s*{_STEP_PATTERN}")
        self.sequence_start = re.compile(rf"{_SEQUENCE}\b,?\s+")
        self.sentence_break = re.compile(_SENTENCE_BREAK)
        self.paragraph_break = re.compile(r"\n\s*\n")
        self.list_line = re.compile(_LIST_LINE)


@cache
def _patterns() -> _Patterns:
    # Compiled on first use rather than at import, which they would slow down.
    return _Patterns()


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
    lowered, patterns = lower(text), _patterns()
    kinds = [(m.lastgroup or "").rstrip("2345") for m in patterns.destructive.all(lowered)]
    if not kinds or patterns.backup_warning.search(lowered):
        return text
    commands = ", ".join(dict.fromkeys(_COMMANDS[kind] for kind in kinds))
    return (
        f"Warning: {commands} can destroy data or break your system, and cannot be undone. "
        f"Back up anything important first, and double-check the target before you run it."
        f"\n\n{text}"
    )


def _number_steps(text: str) -> str:
    lowered, patterns = lower(text), _patterns()
    starts = (patterns.step.match(lowered) is not None) + len(patterns.step_start.findall(lowered))
    if starts < 2 or "```" in text or patterns.list_line.search("\n" + text):
        return text
    paragraphs = patterns.paragraph_break.split(text.strip())
    numbered = [_number_paragraph(paragraph) for paragraph in paragraphs]
    return "\n\n".join(numbered) if numbered != paragraphs else text


def _number_paragraph(paragraph: str) -> str:
    patterns = _patterns()
    sentences = patterns.sentence_break.split(paragraph.strip())
    lowered = [lower(sentence) for sentence in sentences]
    is_step = [patterns.step.match(sentence) is not None for sentence in lowered]
    sequenced = any(
        step and patterns.sequence_start.match(s) for s, step in zip(lowered, is_step, strict=True)
    )
    if sum(is_step) < (2 if sequenced else 3):
        return paragraph
    first, last = is_step.index(True), len(is_step) - is_step[::-1].index(True)
    body = _numbered(sentences[first:last], is_step[first:last])
    parts = (" ".join(sentences[:first]), body, " ".join(sentences[last:]))
    return "\n\n".join(part for part in parts if part)


def _numbered(sentences: list[str], is_step: list[bool]) -> str:
    steps: list[str] = []
    sequence_start = _patterns().sequence_start
    for sentence, step in zip(sentences, is_step, strict=True):
        if step:
            sequence = sequence_start.match(lower(sentence))
            rest = sentence[sequence.end() :] if sequence else sentence
            steps.append(rest[:1].upper() + rest[1:])
        else:
            # An explanation between two instructions belongs to the one before it.
            steps[-1] += " " + sentence
    return "\n".join(f"{number}. {step}" for number, step in enumerate(steps, 1))
