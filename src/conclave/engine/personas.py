"""Personalities: the part of an agent's system prompt that sets how it sounds and works.

A personality is a strategy with a name and a prompt section. The built-ins are ``Persona``
values; a spec names one, or starts from one and overrides its traits, tone or approach::

    personality: analytical
    personality: {name: supportive, tone: calm and brief}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import KW_ONLY, dataclass, field, replace
from functools import cache
from types import MappingProxyType
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, ValidationError

from conclave.errors import SpecError, UnknownName

__all__ = ["NEUTRAL", "PERSONALITIES", "Persona", "Personality", "personality_from_spec"]


class Personality(Protocol):
    """Shapes how an agent sounds and works, through one section of its system prompt."""

    @property
    def name(self) -> str:
        """The name a spec uses for this personality."""
        ...

    def prompt(self) -> str:
        """Return the system-prompt section; an empty string adds nothing."""
        ...


@dataclass(frozen=True, slots=True)
class Persona:
    """A personality described by its traits, its tone and its approach to work.

    Attributes:
        name: the name a spec uses for it.
        traits: adjectives that describe the agent, such as ``"precise"``.
        tone: how the agent sounds.
        approach: how the agent tackles a task.
    """

    name: str
    _: KW_ONLY
    traits: tuple[str, ...] = ()
    tone: str = ""
    approach: str = ""
    # Rendered once: agents ask for the prompt on every turn.
    _prompt: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_prompt", _render(self))

    def prompt(self) -> str:
        """Return the traits, tone and approach as a system-prompt section."""
        return self._prompt


def _render(persona: Persona) -> str:
    lines = [
        f"- {label}: {value.strip().rstrip('.')}."
        for label, value in (
            ("Traits", ", ".join(persona.traits)),
            ("Tone", persona.tone),
            ("Approach", persona.approach),
        )
        if value.strip()
    ]
    if not lines:
        return ""
    return "\n".join([f"Your personality ({persona.name}):", *lines])


NEUTRAL = Persona("neutral")
"""The default personality: it adds nothing to the prompt."""

PERSONALITIES: Mapping[str, Persona] = MappingProxyType(
    {
        "analytical": Persona(
            "analytical",
            traits=("precise", "methodical", "evidence-driven", "sceptical of unsupported claims"),
            tone="measured, objective and exact",
            approach="break problems into parts, weigh the evidence, state your assumptions "
            "and say how certain you are",
        ),
        "creative": Persona(
            "creative",
            traits=("imaginative", "curious", "playful", "original"),
            tone="warm, vivid and energetic",
            approach="explore several unexpected ideas before settling on one, use analogies "
            "and concrete images, and build on what others suggest",
        ),
        "supportive": Persona(
            "supportive",
            traits=("empathetic", "patient", "encouraging", "attentive"),
            tone="warm, kind and reassuring",
            approach="acknowledge how the person feels, explain gently one step at a time, "
            "and end with a clear next step they can take",
        ),
        "concise": Persona(
            "concise",
            traits=("direct", "focused", "efficient"),
            tone="brief and plain",
            approach="lead with the answer, use as few words as the task allows, and skip "
            "preamble and repetition",
        ),
        "neutral": NEUTRAL,
    }
)
"""The built-in personalities, by name."""


@cache
def _persona_spec() -> type[BaseModel]:
    """The fields a personality mapping may give, built on first use rather than at import."""

    class PersonaSpec(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        name: str | None = None
        traits: tuple[str, ...] | None = None
        tone: str | None = None
        approach: str | None = None

    return PersonaSpec


def personality_from_spec(value: str | Mapping[str, Any] | None) -> Personality:
    """Build the personality a spec asks for.

    Args:
        value: the name of a built-in; a mapping with an optional ``name`` (the built-in to
            start from) and ``traits``, ``tone`` or ``approach`` to override; or ``None``
            for the neutral default.

    Raises:
        UnknownName: the name is not a built-in personality.
        SpecError: the mapping has a field that is unknown or of the wrong type.
    """
    if value is None:
        return NEUTRAL
    if isinstance(value, str):
        return _builtin(value)
    if isinstance(value, Mapping):
        return _from_mapping(value)
    raise SpecError(
        f"personality must be a name or a mapping, not {type(value).__name__}; "
        f"for example 'analytical' or {{'name': 'analytical', 'tone': 'friendly'}}",
        field="personality",
    )


def _builtin(name: str) -> Persona:
    try:
        return PERSONALITIES[name.strip().lower()]
    except KeyError:
        raise UnknownName("personality", name, PERSONALITIES) from None


def _from_mapping(value: Mapping[str, Any]) -> Persona:
    model = _persona_spec()
    try:
        changes = model.model_validate(dict(value)).model_dump(exclude_none=True)
    except ValidationError as error:
        raise _spec_error(model, error) from None
    name = changes.pop("name", None)
    base = NEUTRAL if name is None else _builtin(name)
    if not changes:
        return base
    return replace(base, name=base.name if name else "custom", **changes)


def _spec_error(model: type[BaseModel], error: ValidationError) -> SpecError:
    # Imported here: only a bad spec needs it, and specs builds its own models at import.
    from conclave.engine.specs import field_error

    known = f"the fields are {', '.join(model.model_fields)}"
    return field_error(error, what="personality field", known=known)
