"""Agent specs: the declarative description of an agent, read from YAML or JSON.

Example ``researcher.yaml``::

    name: researcher
    description: Finds and summarises sources
    instructions: Cite every claim.
    personality: analytical
    domain: technical_support
    model: openai:gpt-4o-mini
    tools: [word_count, mypkg.tools:search]
    expertise: [research, sources, summaries]
    budget: {per_run_usd: 0.50}
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from conclave.errors import SpecError

if TYPE_CHECKING:
    from conclave.engine.budget import SpendLimits

NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
SPEC_SUFFIXES = (".yaml", ".yml", ".json")


class AgentBudget(BaseModel):
    """Spending limits in USD; a model call that would pass one is not made."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    per_turn_usd: float | None = Field(default=None, gt=0)
    per_run_usd: float | None = Field(default=None, gt=0)
    per_conversation_usd: float | None = Field(default=None, gt=0)
    per_day_usd: float | None = Field(default=None, gt=0, description="this agent, per UTC day")

    def limits(self) -> SpendLimits:
        """As the engine's limits."""
        from conclave.engine.budget import SpendLimits

        return SpendLimits(
            turn=self.per_turn_usd,
            run=self.per_run_usd,
            conversation=self.per_conversation_usd,
            agent_day=self.per_day_usd,
        )


class SpecDocument(BaseModel):
    """A spec read from YAML or JSON: parsing and validation with errors that name the
    file and the field to fix. ``what`` names the kind of spec in those errors."""

    what: ClassVar[str] = "spec"

    @classmethod
    def from_data(cls, data: Any, *, source: str = "spec") -> Self:
        """Validate a parsed mapping; errors name the file and the field to fix."""
        if not isinstance(data, dict):
            raise SpecError(f"{source}: {cls.what} must be a mapping of fields", source=source)
        try:
            return cls.model_validate(data, context={"source": source})
        except ValidationError as error:
            raise SpecError(f"{source}: {explain(error)}", source=source) from None

    @classmethod
    def from_text(cls, text: str, *, source: str = "spec") -> Self:
        """Parse YAML (or JSON, which is YAML too)."""
        return cls.from_data(parse_document(text, source=source), source=source)

    @classmethod
    def from_file(cls, path: str | Path) -> Self:
        path = Path(path)
        return cls.from_text(path.read_text(encoding="utf-8"), source=str(path))


class AgentSpec(SpecDocument):
    """What an agent is: its role, character, rules, model and tools.

    Attributes:
        name: lower-case letters, digits, ``-`` and ``_``; unique among agents.
        description: one line on what it does; teams use it to choose speakers.
        instructions: what it must do and how, added to its system prompt.
        personality: a built-in personality name, or a mapping of traits, tone and approach.
        domain: business rules by name, a mapping with options, or a list of those.
        model: a ``provider:model`` string; ``None`` uses the configured default.
        tools: tool names from the registry, or import paths ``package.module:function``.
        expertise: topics it is good at, for speaker selection.
        handoffs: agents it may hand the conversation to.
        max_tool_rounds: how many rounds of tool calls one turn may make.
        history_limit: how many earlier messages it sees.
        max_output_tokens: the most one model call may write.
        temperature: sampling temperature, or ``None`` for the provider's default.
        budget: optional spending limits.
        guard: what a guard verdict of ``block`` does: ``block`` (the text is refused or
            replaced by a notice), ``flag`` (recorded, the run goes on), ``log`` (recorded
            quietly) or ``off`` (nothing is screened).
    """

    # Built on first validation rather than at import: every program imports this model.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    what: ClassVar[str] = "an agent spec"

    name: str = Field(pattern=NAME_PATTERN)
    description: str = ""
    instructions: str = ""
    personality: str | dict[str, Any] | None = None
    domain: str | dict[str, Any] | list[str | dict[str, Any]] | None = None
    model: str | None = None
    tools: tuple[str, ...] = ()
    expertise: tuple[str, ...] = ()
    handoffs: tuple[str, ...] = ()
    max_tool_rounds: int = Field(default=8, ge=0, le=100)
    history_limit: int = Field(default=20, ge=0, le=10_000)
    max_output_tokens: int = Field(default=1024, ge=1, le=1_000_000)
    temperature: float | None = Field(default=None, ge=0, le=2)
    budget: AgentBudget | None = None
    guard: Literal["block", "flag", "log", "off"] = "block"
    metadata: dict[str, Any] = Field(default_factory=dict)


def parse_document(text: str, *, source: str) -> Any:
    """Parse YAML or JSON text, turning syntax errors into a SpecError with the place."""
    import yaml  # loaded when a spec is first read, not when Conclave is imported

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise SpecError(f"{source}: not valid YAML{where}: {error}") from None


def explain(error: ValidationError, *, whole: str = "spec") -> str:
    """A validation error as ``field: problem`` pairs; ``whole`` names a problem with no field."""
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or whole
        parts.append(f"{where}: {_problem(item)}")
    return "; ".join(parts)


def field_error(error: ValidationError, *, what: str, known: str, **fields: Any) -> SpecError:
    """The first problem of a validated mapping, as an error naming the field to fix.

    Args:
        error: the failed validation.
        what: what the mapping's fields are called, such as ``"personality field"``.
        known: the fields there are, phrased to end the message.
        **fields: fields for the error besides ``field``, which names the field at fault.
    """
    item = error.errors()[0]
    where = str(item["loc"][0]) if item["loc"] else ""
    return SpecError(f"invalid {what} {where!r}: {_problem(item)}; {known}", field=where, **fields)


def _problem(item: ErrorDetails) -> str:
    if item["type"] == "extra_forbidden":
        return "unknown field; check its spelling"
    if item["type"] == "string_pattern_mismatch":
        return "use lower-case letters, digits, '-' and '_' (at most 64)"
    return item["msg"]


def spec_files(directory: str | Path) -> Iterator[Path]:
    """The spec files of a directory, sorted by name."""
    root = Path(directory)
    if not root.is_dir():
        raise SpecError(f"spec directory {str(root)!r} does not exist")
    for path in sorted(root.iterdir()):
        if path.suffix in SPEC_SUFFIXES and path.is_file():
            yield path


def load_agent_specs(directory: str | Path) -> dict[str, AgentSpec]:
    """Every agent spec in a directory, by name; duplicate names are an error."""
    specs: dict[str, AgentSpec] = {}
    for path in spec_files(directory):
        spec = AgentSpec.from_file(path)
        if spec.name in specs:
            raise SpecError(f"{path}: agent {spec.name!r} is defined twice in {directory}")
        specs[spec.name] = spec
    return specs
