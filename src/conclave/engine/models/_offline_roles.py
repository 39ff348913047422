"""The offline model's reply in its role: researcher, reviewer, planner, writer, ...

Each role answers in its own shape from the task (the first user message), what the other
agents said and earlier tool results, so that a team of offline agents runs to the end with
text that hangs together. Replies avoid the lower-case forms of common finishing words
("done", "approved") so that a team stopping on a word stops only where the reply says it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from conclave.engine.models._offline_cues import (
    FINISH_WORDS,
    Role,
    find_role,
    finish_word,
    kind_of,
    next_speaker,
)
from conclave.engine.models._offline_math import evaluate, find_expression, format_number
from conclave.engine.models._offline_text import (
    and_list,
    clip,
    full_stop,
    is_instruction,
    keywords,
    salient,
    sentences,
    stem,
    topic,
    unprefixed,
    words_of,
)
from conclave.engine.models._offline_tools import describe_result
from conclave.engine.models._offline_turn import Contribution, Turn

_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|howdy|greetings|good (?:morning|afternoon|evening))\b", re.I
)
_THANKS = re.compile(r"^\s*(?:thanks|thank you|thx|cheers|great,? thanks)\b", re.I)
_CLAUSE_BREAK = re.compile(r";|,?\s+then\s+|,\s+and\s+|(?<=[.!?])\s+|\n+", re.I)
_MEMBERS = re.compile(
    r"\b(?:(?:your\s+)?team\s+members|members|agents|participants|your\s+team)\s*"
    r"(?:are|include)?\s*:?\s*"
    r"([^\n.]+)",
    re.I,
)
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.+)$", re.M)
_MEMBER_LINE = re.compile(r"^\s*[-*]\s*([A-Za-z][\w-]*)\s*:", re.M)
_SUMMARY_WORDS = 40  # past this a user's message is text to summarise, not a question
_MAX_STEPS = 5
_SOCIAL_WORDS = 6
_TOOLS_SHOWN = 5
_QUESTION = re.compile(
    r"\?\s*$|^\s*(?:what|who|which|where|when|why|how|is|are|can|could|does|do)\b", re.I
)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What every role's reply draws on, worked out once."""

    task: str
    topic: str
    keys: tuple[str, ...]
    others: tuple[Contribution, ...]
    tools: tuple[str, ...]


Reply = tuple[list[str], bool]  # the lines, and whether the work is finished


def role_reply(turn: Turn, author: str | None, tools: Sequence[str]) -> str:
    """The reply of the agent ``author`` in its role, with its finishing word if it is due."""
    speaker = next_speaker(f"{turn.system}\n{turn.prompt}", _last_speaker(turn))
    if speaker is not None:
        return speaker
    role = find_role(turn.system, author)
    word = finish_word(turn.system)
    facts = _facts(turn, tools, word)
    if _is_social(turn):
        lines, finished = _social(turn.prompt, facts), True
    else:
        lines, finished = _REPLIES.get(role.kind, _assist)(turn, role, facts)
    if finished and word:
        lines.append(word)
    return "\n".join(lines)


def closing_word(turn: Turn, author: str | None) -> str | None:
    """The finishing word for a reply to tool results, unless the role hands work out."""
    if find_role(turn.system, author).kind in ("planner", "coordinator"):
        return None
    return finish_word(turn.system)


def _facts(turn: Turn, tools: Sequence[str], word: str | None) -> _Facts:
    task = _scrub(turn.prompt if turn.prompt_from_user else turn.task, word)
    others = tuple(Contribution(c.author, _scrub(c.text, word)) for c in turn.others)
    return _Facts(
        task=task,
        topic=topic(task),
        keys=tuple(keywords([task], 4)),
        others=tuple(c for c in others if c.text and c.text != task),
        tools=tuple(tools),
    )


_FINISH = re.compile(r"\b(?:" + "|".join(FINISH_WORDS) + r")\b")


def _scrub(text: str, word: str | None) -> str:
    """Text without finishing words, so that quoting another agent never ends the team."""
    text = _FINISH.sub("", text)
    return (text.replace(word, "") if word else text).strip()


def _last_speaker(turn: Turn) -> str | None:
    return turn.others[-1].author if turn.others else None


def _is_social(turn: Turn) -> bool:
    """A short greeting or thanks from a person, which deserves a short answer in kind."""
    short = len(turn.prompt.split()) <= _SOCIAL_WORDS
    return (
        turn.prompt_from_user
        and short
        and bool(_GREETING.match(turn.prompt) or _THANKS.match(turn.prompt))
    )


def _social(prompt: str, facts: _Facts) -> list[str]:
    if _THANKS.match(prompt):
        return ["You're welcome."]
    can = f" and call my tools ({_tool_list(facts.tools)})" if facts.tools else ""
    return [f"Hello! I answer from this conversation{can}. What would you like to do?"]


def _research(turn: Turn, role: Role, facts: _Facts) -> Reply:
    points = [describe_result(r) for r in turn.earlier[-2:]]
    pool = [s for c in facts.others for s in _statements(c.text)]
    pool += _statements(" ".join(sentences(facts.task)[1:]))
    points += salient(pool, facts.keys, 3 - len(points))
    points += _scaffold(facts)[: max(0, 3 - len(points))]
    question = next((s for s in (*pool, facts.task) if s.rstrip().endswith("?")), None)
    lead = facts.keys[0] if facts.keys else facts.topic
    lines = [f"Findings on {facts.topic}:", *(f"- {clip(point, 160)}" for point in points)]
    lines.append(f"Open question: {clip(question, 120) if question else _ask(lead)}")
    return lines, True


def _scaffold(facts: _Facts) -> list[str]:
    keys = list(facts.keys)
    lines = [f"Scope: {facts.topic}."]
    if keys:
        lines.append(f"Key terms to cover: {and_list(keys)}.")
        lines.append(f"Evidence still needed: figures and sources on {keys[0]}.")
    return lines


def _ask(lead: str) -> str:
    return f"which sources best support the points on {lead}?"


def _review(turn: Turn, role: Role, facts: _Facts) -> Reply:
    target = facts.others[-1] if facts.others else Contribution("user", facts.task)
    present = {stem(word) for word in words_of(target.text)}
    missing = [key for key in facts.keys if stem(key) not in present]
    covered = [key for key in facts.keys if key not in missing]
    ready = turn.own >= 1 or len(missing) * 2 <= len(facts.keys)
    lines = [f"Review of {_possessive(target.author)} contribution on {facts.topic}:"]
    if ready:
        lines.append(f"Verdict: ready — it covers {and_list(covered) or 'the request'}.")
    else:
        lines.append(f"Verdict: needs changes — it should also address {and_list(missing)}.")
    strongest = salient(_statements(target.text), facts.keys, 1)
    if strongest:
        lines.append(f"- Strength: {clip(strongest[0], 120)}")
    count = len(sentences(target.text)) or 1
    lines.append(f"- Checked: {len(target.text.split())} words in {count} sentence(s).")
    return lines, ready


def _possessive(author: str) -> str:
    return "the user's" if author == "user" else f"{author}'s"


def _plan(turn: Turn, role: Role, facts: _Facts) -> Reply:
    if turn.own and turn.fresh:
        return _progress(f"Progress on {facts.topic}:", facts), True
    steps = _clauses(facts.task)
    if len(steps) >= 2:
        steps = [*steps[:_MAX_STEPS], "Check the result against the request."]
    else:
        steps = _default_steps(facts)
    lines = [f"Plan for {facts.topic}:", *(f"{i}. {s}" for i, s in enumerate(steps, 1))]
    return lines, False


def _default_steps(facts: _Facts) -> list[str]:
    covering = and_list(facts.keys[:3]) or facts.topic
    return [
        f"Gather the key facts on {facts.topic}.",
        f"Draft the answer, covering {covering}.",
        "Check the draft against the request and refine it.",
    ]


def _progress(header: str, facts: _Facts) -> list[str]:
    latest = {c.author: c.text for c in facts.others if c.author != "user"}
    lines = [header]
    lines += [f"- {author}: {clip(_gist(text, facts), 120)}" for author, text in latest.items()]
    lines.append("Every step has a contribution; the work is in.")
    return lines


def _coordinate(turn: Turn, role: Role, facts: _Facts) -> Reply:
    if turn.own and turn.fresh:
        return _progress(f"Status of {facts.topic}:", facts), True
    members = _members(turn, role)
    clauses = _clauses(facts.task)
    subtasks: list[tuple[str | None, str]] = [(None, clause) for clause in clauses[:_MAX_STEPS]]
    if len(clauses) < 2:
        kinds = ("researcher", "writer", "reviewer")
        subtasks = list(zip(kinds, _default_steps(facts), strict=True))
    lines = [f"Subtasks for {facts.topic}:"]
    for index, (kind, subtask) in enumerate(subtasks, 1):
        owner = _owner(members, kind, index - 1)
        lines.append(f"{index}. {owner}: {subtask}" if owner else f"{index}. {subtask}")
    return lines, False


def _members(turn: Turn, role: Role) -> list[str]:
    """Team members named in the prompt or seen in the conversation, oldest first."""
    names: list[str] = []
    for match in _MEMBERS.finditer(turn.system):
        names += [n.strip() for n in re.split(r",|\band\b", match.group(1)) if n.strip()]
    names += _MEMBER_LINE.findall(turn.system)
    names += [c.author for c in turn.others if c.author != "user"]
    single = [name for name in names if len(name.split()) == 1 and name.lower() != role.title]
    return list(dict.fromkeys(single))


def _owner(members: list[str], kind: str | None, index: int) -> str | None:
    if not members:
        return None
    matching = [member for member in members if kind and kind_of(member) == kind]
    return matching[0] if matching else members[index % len(members)]


def _write(turn: Turn, role: Role, facts: _Facts) -> Reply:
    latest = {c.author: c.text for c in facts.others}
    if not latest:
        return _draft(facts), True
    gists = {author: clip(_gist(text, facts), 140) for author, text in latest.items()}
    lines = [f"Summary on {facts.topic}:"]
    lines += [f"- {author}: {gist}" for author, gist in list(gists.items())[-_MAX_STEPS:]]
    lines.append(_conclusion(facts))
    return lines, True


def _conclusion(facts: _Facts) -> str:
    said = {stem(word) for c in facts.others for word in words_of(c.text)}
    covered = [key for key in facts.keys if stem(key) in said]
    open_keys = [key for key in facts.keys if key not in covered]
    line = f"Conclusion: the contributions cover {and_list(covered) or 'the request in outline'}"
    return line + (f"; still open: {and_list(open_keys)}." if open_keys else ".")


def _draft(facts: _Facts) -> list[str]:
    keys = list(facts.keys[:3]) or [facts.topic]
    return [
        f"Draft on {facts.topic}:",
        f"- Opening: what {facts.topic} is and why it matters.",
        f"- Body: {and_list(keys)}, with one concrete example each.",
        "- Close: the main takeaway for the reader.",
    ]


def _engineer(turn: Turn, role: Role, facts: _Facts) -> Reply:
    clauses = _clauses(facts.task)[:3] or [facts.topic]
    steps = ["Pin down the inputs, outputs and edge cases."]
    steps += [f"Implement: {clause}" for clause in clauses]
    steps.append("Add tests that fix the expected behaviour.")
    lines = [f"Implementation outline for {facts.topic}:"]
    lines += [f"{index}. {step}" for index, step in enumerate(steps, 1)]
    if facts.others:
        last = facts.others[-1]
        lines.append(f"Builds on {last.author}: {clip(_gist(last.text, facts), 100)}")
    return lines, True


def _assist(turn: Turn, role: Role, facts: _Facts) -> Reply:
    lines = []
    hit = find_expression(facts.task)
    value = evaluate(hit[2]) if hit else None
    if hit and value is not None:
        lines.append(f"{hit[2]} = {format_number(value)}")
    lines += [describe_result(r) for r in turn.earlier[-2:]]
    if len(facts.task.split()) >= _SUMMARY_WORDS:
        points = salient(sentences(facts.task), facts.keys, 2)
        lines.append("Summary: " + " ".join(clip(point, 160) for point in points))
    if facts.others and not turn.prompt_from_user:
        last = facts.others[-1]
        lines.append(f"On {_possessive(last.author)} point: {clip(_gist(last.text, facts), 120)}")
    if not lines:
        lines = _unanswerable(facts) if _QUESTION.search(facts.task) else _approach(facts)
    return lines, True


def _unanswerable(facts: _Facts) -> list[str]:
    """A question the conversation holds no answer to: say so, and what would help."""
    lines = [f"I can't answer “{clip(facts.task, 100)}” from this conversation alone."]
    if facts.tools:
        lines.append(full_stop(f"What I can do offline is use my tools: {_tool_list(facts.tools)}"))
    elif facts.keys:
        lines.append(f"The key terms I see are {and_list(facts.keys)}.")
    return lines


def _approach(facts: _Facts) -> list[str]:
    steps = _default_steps(facts)
    return [f"How I would go about {facts.topic}:", *(f"{i}. {s}" for i, s in enumerate(steps, 1))]


def _tool_list(tools: Sequence[str]) -> str:
    shown = ", ".join(tools[:_TOOLS_SHOWN])
    return shown + (", …" if len(tools) > _TOOLS_SHOWN else "")


def _gist(text: str, facts: _Facts) -> str:
    """The statement of ``text`` that says most about the task, else its first sentence."""
    found = salient(_statements(text), facts.keys, 1)
    if found:
        return found[0]
    steps = _NUMBERED.findall(text)
    if len(steps) > 1:
        return f"{len(steps)} steps, starting with: {steps[0]}"
    first = sentences(text)[:1]
    return unprefixed(first[0]) if first else text


def _statements(text: str) -> list[str]:
    """The sentences of ``text`` that state something, rather than ask for work."""
    return [unprefixed(part) for part in sentences(text) if not is_instruction(part)]


def _clauses(task: str) -> list[str]:
    """The parts of a task: "do A; then B, and C" gives A, B and C."""
    parts = [part.strip(" ,.") for part in _CLAUSE_BREAK.split(task)]
    found = [clip(part, 90) for part in parts if len(part.split()) >= 2]
    return [
        part[0].upper() + part[1:] + ("" if part.endswith(("?", "…")) else ".") for part in found
    ]


_REPLIES: dict[str, Callable[[Turn, Role, _Facts], Reply]] = {
    "researcher": _research,
    "reviewer": _review,
    "planner": _plan,
    "coordinator": _coordinate,
    "writer": _write,
    "engineer": _engineer,
    "assistant": _assist,
}
