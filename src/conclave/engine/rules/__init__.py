"""Domain rules: what an agent in a given business may be asked, and how its replies comply.

A rule set states its rules in the system prompt, may refuse a user's input with a reply to
give instead, and amends the model's output. The built-ins are ``financial_advisor``,
``content_creator``, ``technical_support`` and ``none``; a spec names one, gives one with
options, or lists several::

    domain: financial_advisor
    domain: [technical_support, {name: content_creator, brand: Acme, max_chars: 280}]

Rules run on every turn of every agent, so their patterns are compiled once, on first use,
and each check returns its input untouched, without building anything, when nothing matches.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from conclave.engine.rules._content import ContentCreatorRules
from conclave.engine.rules._financial import RISK_DISCLOSURE, FinancialAdvisorRules
from conclave.engine.rules._support import TechnicalSupportRules
from conclave.engine.rules._verdict import ALLOW, RuleVerdict
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


@cache
def _rule_sets() -> Mapping[str, tuple[type[BaseModel], Callable[..., BusinessRules]]]:
    """Each built-in rule set by name, with the pydantic model of the options it takes.

    The models are built on first use rather than at import, which they would slow down.
    """

    class NoOptions(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class FinancialOptions(NoOptions):
        disclosure: str = Field(default=RISK_DISCLOSURE, min_length=1)

    class ContentOptions(NoOptions):
        brand: str = ""
        voice: str = ""
        audience: str = "general"
        banned_words: tuple[str, ...] | dict[str, str] = ()
        required_phrases: tuple[str, ...] = ()
        max_chars: int | None = Field(default=None, gt=0)
        hashtags: tuple[str, ...] = ()

    return {
        "financial_advisor": (FinancialOptions, FinancialAdvisorRules),
        "content_creator": (ContentOptions, ContentCreatorRules),
        "technical_support": (NoOptions, TechnicalSupportRules),
        "none": (NoOptions, NoRules),
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
    rule_sets = _rule_sets()
    if key not in rule_sets:
        raise UnknownName("domain rules", name, rule_sets)
    model, factory = rule_sets[key]
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


def _option_error(rules: str, model: type[BaseModel], error: ValidationError) -> SpecError:
    # Imported here: only a bad spec needs it, and specs builds its own models at import.
    from conclave.engine.specs import field_error

    allowed = (
        f"its options are {', '.join(model.model_fields)}"
        if model.model_fields
        else "it takes no options"
    )
    return field_error(error, what=f"{rules} option", known=allowed, rules=rules)
