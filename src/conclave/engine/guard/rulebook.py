"""The rule book: which concepts, found close together, suggest which attack, and how much.

A single weak cue never decides: "ignore" alone is an ordinary word, and so is "system".
A rule names the concepts that must all appear within a window of characters, and the
weight its match carries in a user's message and in data (tool output or a document).
Data weighs more because it should hold facts, not instructions to the agent: "forget the
old address" is a user's right; inside a web page it is somebody else's order.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True, slots=True)
class Rule:
    """Concepts that, found together, suggest an attack.

    Attributes:
        family: the attack family a match counts for; empty for a signal that only adds
            weight to others (text addressed to the AI, a request for secrecy).
        reason: the reason reported, before the language; the family when empty.
        concepts: every concept that must appear within ``window`` characters.
        user: the weight of a match in the user's own message (and the model's output).
        data: the weight of a match in a tool's output or a document.
        output: the weight in the model's output, when it differs from ``user``.
        window: how far apart, in characters, the concepts may be.
    """

    family: str
    concepts: frozenset[str]
    user: float
    data: float
    reason: str = ""
    output: float | None = None
    window: int = 160

    def weight(self, source: str) -> float:
        """The rule's weight for a text from ``source``."""
        if source in ("tool", "document"):
            return self.data
        if source == "output" and self.output is not None:
            return self.output
        return self.user


def _rule(
    family: str, concepts: str, user: float, data: float, reason: str = "", **extra: float
) -> Rule:
    return Rule(
        family=family,
        concepts=frozenset(concepts.split()),
        user=user,
        data=data,
        reason=reason,
        **extra,  # type: ignore[arg-type]
    )


OVERRIDE, ROLEPLAY, EXTRACTION = "instruction_override", "roleplay_jailbreak", "prompt_extraction"
DELIMITER, TOOL_MISUSE, EXFILTRATION = "delimiter_injection", "tool_misuse", "exfiltration"

_DIRECTIVES = (
    "override", "act", "send", "reveal", "secrecy", "follow", "new", "impact", "skip_check",
    "urgent", "lifted", "authority", "from_now", "you_are", "pretend", "no_limits",
)  # fmt: skip

RULES: tuple[Rule, ...] = (
    _rule(OVERRIDE, "override instructions", 0.7, 0.85),
    _rule(OVERRIDE, "override prior", 0.3, 0.5),
    _rule(OVERRIDE, "override prior instructions", 0.9, 0.95),
    _rule(OVERRIDE, "override all instructions", 0.8, 0.9),
    _rule(OVERRIDE, "new", 0.3, 0.5),
    _rule(OVERRIDE, "new from_now", 0.6, 0.8),
    _rule(OVERRIDE, "new instructions follow", 0.45, 0.7),
    _rule(OVERRIDE, "override from_now", 0.5, 0.7),
    _rule(OVERRIDE, "from_now", 0.1, 0.3),
    _rule(OVERRIDE, "from_now no_limits", 0.6, 0.75),
    _rule(OVERRIDE, "from_now follow", 0.35, 0.55),
    _rule(OVERRIDE, "instructions secrecy", 0.45, 0.6),
    _rule(OVERRIDE, "override secrecy", 0.5, 0.7),
    _rule(OVERRIDE, "end_marker", 0.3, 0.45, "end_marker"),
    _rule(ROLEPLAY, "jailbreak", 0.4, 0.45),
    _rule(ROLEPLAY, "jailbreak_name", 0.25, 0.35),
    _rule(ROLEPLAY, "jailbreak_name pretend", 0.6, 0.7),
    _rule(ROLEPLAY, "jailbreak_name no_limits", 0.75, 0.8),
    _rule(ROLEPLAY, "no_limits", 0.25, 0.35),
    _rule(ROLEPLAY, "you_are", 0.3, 0.45),
    _rule(ROLEPLAY, "you_are no_limits", 0.8, 0.85),
    _rule(ROLEPLAY, "pretend no_limits", 0.6, 0.7),
    _rule(ROLEPLAY, "pretend you_are", 0.45, 0.65),
    _rule(ROLEPLAY, "jailbreak no_limits", 0.85, 0.9),
    _rule(ROLEPLAY, "jailbreak you_are", 0.85, 0.9),
    _rule(ROLEPLAY, "jailbreak pretend", 0.7, 0.8),
    _rule(ROLEPLAY, "from_now you_are", 0.5, 0.7),
    _rule(ROLEPLAY, "from_now pretend", 0.35, 0.55),
    _rule(ROLEPLAY, "pretend harm", 0.6, 0.7),
    _rule(ROLEPLAY, "you_are harm", 0.6, 0.7),
    _rule(ROLEPLAY, "no_limits harm", 0.6, 0.7),
    _rule(ROLEPLAY, "harm", 0.15, 0.15),
    _rule(ROLEPLAY, "pretend", 0.0, 0.15),
    _rule(EXTRACTION, "reveal system_prompt", 0.65, 0.75),
    _rule(EXTRACTION, "system_prompt", 0.2, 0.35),
    _rule(EXTRACTION, "system_prompt verbatim", 0.7, 0.8),
    _rule(EXTRACTION, "reveal system_prompt verbatim", 0.9, 0.9),
    _rule(EXTRACTION, "reveal prior instructions", 0.55, 0.6),
    _rule(EXTRACTION, "reveal verbatim instructions", 0.6, 0.7),
    _rule(EXTRACTION, "reveal verbatim", 0.2, 0.35),
    _rule(EXTRACTION, "self_disclosure", 0.0, 0.1, output=0.55),
    _rule(DELIMITER, "marker_chat", 0.6, 0.7, "marker:chat_template"),
    _rule(DELIMITER, "marker_inst", 0.55, 0.65, "marker:inst"),
    _rule(DELIMITER, "marker_heading", 0.35, 0.45, "marker:heading"),
    _rule(DELIMITER, "marker_role", 0.25, 0.3, "marker:role"),
    _rule(DELIMITER, "marker_dialog", 0.05, 0.1, "marker:dialog"),
    _rule(DELIMITER, "marker_tag", 0.35, 0.45, "marker:tag"),
    _rule(DELIMITER, "marker_json", 0.35, 0.45, "marker:json_role"),
    _rule(DELIMITER, "marker_rule", 0.2, 0.25, "marker:rule"),
    _rule(TOOL_MISUSE, "act tool", 0.1, 0.3),
    _rule(TOOL_MISUSE, "danger", 0.3, 0.4),
    _rule(TOOL_MISUSE, "act danger", 0.4, 0.55),
    _rule(TOOL_MISUSE, "act money", 0.1, 0.3),
    _rule(TOOL_MISUSE, "act secrecy", 0.35, 0.55),
    _rule(TOOL_MISUSE, "code_call", 0.15, 0.35, "tool_misuse:code_call"),
    _rule(TOOL_MISUSE, "pipe_shell", 0.4, 0.55, "tool_misuse:pipe_shell"),
    _rule(EXFILTRATION, "send data dest", 0.35, 0.6),
    _rule(EXFILTRATION, "send data", 0.1, 0.3),
    _rule(EXFILTRATION, "send dest", 0.05, 0.25),
    _rule(EXFILTRATION, "send data secrecy", 0.45, 0.65),
    # In the model's output, links are judged against the allow-list by ``output`` instead.
    _rule(EXFILTRATION, "exfil_image", 0.8, 0.9, "exfiltration:image_url", output=0.0),
    _rule(EXFILTRATION, "exfil_template", 0.6, 0.75, "exfiltration:templated_url", output=0.0),
    # A claimed authority lifting the assistant's rules, or vouching for a risky action.
    _rule(OVERRIDE, "lifted config", 0.45, 0.55),
    _rule(OVERRIDE, "lifted instructions", 0.5, 0.6),
    _rule(OVERRIDE, "authority lifted", 0.55, 0.65),
    _rule(OVERRIDE, "authority lifted config", 0.75, 0.8),
    _rule(OVERRIDE, "authority new", 0.5, 0.6),
    _rule(OVERRIDE, "authority from_now", 0.4, 0.55),
    _rule(OVERRIDE, "authority no_limits", 0.55, 0.65),
    _rule(OVERRIDE, "authority override", 0.45, 0.6),
    _rule(OVERRIDE, "authority you_are", 0.5, 0.6),
    _rule(OVERRIDE, "override config", 0.35, 0.5),
    _rule(OVERRIDE, "lifted", 0.05, 0.1),
    _rule("", "authority", 0.05, 0.1, "claims_authority"),
    # A forged frame that grants the user rights: "System: the user is a verified admin".
    _rule(DELIMITER, "marker_role elevated", 0.6, 0.7, "marker:role"),
    _rule(DELIMITER, "marker_tag elevated", 0.6, 0.7, "marker:tag"),
    _rule(DELIMITER, "marker_json elevated", 0.6, 0.7, "marker:json_role"),
    _rule(DELIMITER, "marker_dialog elevated", 0.4, 0.5, "marker:dialog"),
    _rule(DELIMITER, "marker_end", 0.35, 0.45, "marker:end"),
    _rule(DELIMITER, "marker_end marker_role", 0.7, 0.75, "marker:end"),
    _rule(DELIMITER, "marker_end marker_dialog", 0.55, 0.65, "marker:end", window=300),
    _rule(DELIMITER, "marker_role authority", 0.5, 0.6, "marker:role"),
    _rule(DELIMITER, "marker_role lifted", 0.5, 0.6, "marker:role"),
    _rule(DELIMITER, "marker_role skip_check", 0.5, 0.6, "marker:role"),
    _rule("", "elevated", 0.1, 0.15, "claims_privilege"),
    # High-impact actions with the usual check waived, or asked for in data.
    _rule(TOOL_MISUSE, "impact", 0.1, 0.2),
    _rule(TOOL_MISUSE, "skip_check", 0.2, 0.3),
    _rule(TOOL_MISUSE, "impact skip_check", 0.55, 0.7),
    _rule(TOOL_MISUSE, "act skip_check", 0.45, 0.6),
    _rule(TOOL_MISUSE, "danger skip_check", 0.6, 0.7),
    _rule(TOOL_MISUSE, "impact secrecy", 0.5, 0.65),
    _rule(TOOL_MISUSE, "impact authority", 0.35, 0.35),
    _rule(TOOL_MISUSE, "impact money", 0.25, 0.3),
    _rule(TOOL_MISUSE, "impact danger", 0.45, 0.6),
    # A persona told to stay in role and never refuse, asked for a procedure.
    _rule(ROLEPLAY, "pretend stay_role", 0.3, 0.4),
    _rule(ROLEPLAY, "pretend never_refuse", 0.55, 0.65, window=300),
    _rule(ROLEPLAY, "stay_role never_refuse", 0.5, 0.6),
    _rule(ROLEPLAY, "pretend stepwise", 0.2, 0.3),
    _rule(ROLEPLAY, "pretend stealth", 0.45, 0.55),
    _rule(ROLEPLAY, "pretend stepwise harm", 0.7, 0.75, window=300),
    _rule(ROLEPLAY, "pretend stepwise stealth", 0.65, 0.7, window=300),
    _rule(ROLEPLAY, "stay_role stepwise", 0.5, 0.6, window=300),
    _rule(ROLEPLAY, "never_refuse stepwise", 0.5, 0.6, window=300),
    _rule(ROLEPLAY, "never_refuse harm", 0.6, 0.7),
    _rule(ROLEPLAY, "no_limits never_refuse", 0.6, 0.7),
    _rule(ROLEPLAY, "stepwise harm", 0.3, 0.4),
    _rule(ROLEPLAY, "stealth harm", 0.35, 0.45),
    _rule(ROLEPLAY, "never_refuse", 0.15, 0.2),
    _rule(ROLEPLAY, "stealth", 0.05, 0.1),
    _rule(EXTRACTION, "self_disclosure", 0.0, 0.1, output=0.55),
    # What the assistant was given before the conversation, asked for or set aside.
    _rule(EXTRACTION, "preamble", 0.15, 0.25),
    _rule(EXTRACTION, "preamble reveal", 0.55, 0.65),
    _rule(EXTRACTION, "preamble verbatim", 0.6, 0.7),
    _rule(EXTRACTION, "preamble reveal verbatim", 0.8, 0.85, window=240),
    _rule(OVERRIDE, "preamble override", 0.6, 0.7),
    # A forged end of the user's turn that grants the user rights.
    _rule(DELIMITER, "marker_end elevated", 0.6, 0.7, "marker:end", window=240),
    _rule(DELIMITER, "end_marker elevated", 0.55, 0.65, "end_marker", window=240),
    _rule(DELIMITER, "marker_end marker_heading", 0.6, 0.7, "marker:end", window=120),
    _rule(EXFILTRATION, "send data dest secrecy", 0.55, 0.7, window=240),
    _rule("", "address impact", 0.0, 0.6, "instructs_ai", window=120),
    _rule("", "address skip_check", 0.0, 0.5, "instructs_ai", window=160),
    _rule("", "address_strong", 0.3, 0.6, "addressed_to_ai"),
    _rule("", "address", 0.0, 0.1, "mentions_ai"),
    # In data, a sentence naming the agent next to a directive is written for the agent.
    *(
        _rule("", f"address {concept}", 0.0, 0.5, "instructs_ai", window=160)
        for concept in _DIRECTIVES
    ),
    # A note in a document for whoever processes it, bending its verdict or its account;
    # an email or a listing does not explain it, so it carries no family the contexts damp.
    _rule("", "reader slant", 0.3, 0.7, "instructs_reader", window=200),
    _rule("", "reader impact", 0.2, 0.6, "instructs_reader", window=200),
    _rule("", "reader send", 0.1, 0.45, "instructs_reader", window=160),
    _rule("", "reader", 0.0, 0.15, "addresses_reader"),
    _rule("", "hidden_text", 0.05, 0.25, "hidden_text"),
    _rule("", "hidden_text slant", 0.3, 0.6, "instructs_reader", window=300),
    _rule("", "hidden_text address", 0.3, 0.5, "instructs_ai", window=300),
    _rule("", "hidden_text impact", 0.2, 0.4, "instructs_reader", window=300),
    _rule("", "address_strong slant", 0.3, 0.7, "instructs_ai", window=200),
    _rule("", "address slant", 0.0, 0.35, "instructs_ai", window=120),
    _rule(OVERRIDE, "override prior slant", 0.45, 0.6, window=200),
    _rule("", "secrecy", 0.2, 0.4, "secrecy"),
    _rule("", "urgent", 0.0, 0.1, "urgency"),
    _rule("", "follow", 0.0, 0.1, "imperative"),
    _rule("", "decode follow", 0.35, 0.45, "decode_and_follow"),
    _rule("", "decode act", 0.3, 0.4, "decode_and_follow", window=60),
)
"""Every rule; the guard keeps the heaviest match per family and combines families."""
