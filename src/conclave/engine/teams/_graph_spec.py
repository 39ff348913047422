"""The step format of graph workflows: read from YAML, checked, and compiled once.

:class:`GraphSpec` validates the fields with pydantic, then checks the graph (unique ids,
known dependencies, no cycles, loops and conditions that only read steps that have run) and
compiles it into :class:`PlannedStep` values: conditions with their patterns compiled,
templates split into parts, loop bodies and dependents worked out. Nothing here runs at
step time except :meth:`Template.render`, which is plain string joining.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from conclave.engine.specs import NAME_PATTERN, explain
from conclave.engine.teams._conditions import CheckOp, Criteria, check, compile_pattern
from conclave.engine.teams._graph_plan import PlannedStep, plan_steps
from conclave.errors import SpecError

StepKind = Literal["agent", "tool", "approval"]
FailurePolicy = Literal["retry", "skip", "fail"]
_FORBID = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ApprovalSpec(BaseModel):
    """An approval gate: a person must grant before the workflow goes on."""

    model_config = _FORBID

    prompt: str = Field(min_length=1)
    details: dict[str, Any] = Field(default_factory=dict)


class EscalationSpec(BaseModel):
    """What to do when a step runs past its ``timeout_s``."""

    model_config = _FORBID

    action: Literal["retry_on", "ask_approver", "fail"] = "fail"
    agent: str | None = None

    @model_validator(mode="after")
    def _agent_only_for_retry_on(self) -> EscalationSpec:
        if self.action == "retry_on" and not self.agent:
            raise ValueError("retry_on needs the agent to retry on, e.g. {agent: backup}")
        if self.action != "retry_on" and self.agent:
            raise ValueError(f"agent is only for action retry_on, not {self.action}")
        return self

    def describe(self) -> str:
        return f"retry_on {self.agent}" if self.action == "retry_on" else self.action


class RepeatSpec(BaseModel):
    """A bounded loop: after this step, while ``while`` holds, re-run from ``from``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    start: str = Field(alias="from")
    condition: dict[str, Any] = Field(alias="while")
    max: int = Field(default=3, ge=1, le=100)


class SuccessSpec(BaseModel):
    """What a step's output must satisfy; missing one counts as a failure of the step."""

    model_config = _FORBID

    contains: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    min_length: int = Field(default=0, ge=0)
    matches: str | None = None

    @field_validator("contains", "not_contains", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @field_validator("matches")
    @classmethod
    def _valid_pattern(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                compile_pattern(value, where="matches")
            except SpecError as error:
                raise ValueError(str(error).removeprefix("matches: ")) from None
        return value

    def criteria(self) -> Criteria:
        """The criteria compiled for checking outputs."""
        pairs: list[tuple[CheckOp, str]] = [("contains", text) for text in self.contains]
        pairs += [("not_contains", text) for text in self.not_contains]
        if self.matches is not None:
            pairs.append(("matches", self.matches))
        checks = tuple(check(op, text, where="success") for op, text in pairs)
        return Criteria(checks, self.min_length)


class StepSpec(BaseModel):
    """One step: exactly one of ``agent``, ``tool`` or ``approval``, and how to run it."""

    model_config = _FORBID

    id: str = Field(pattern=NAME_PATTERN)
    agent: str | None = None
    tool: str | None = None
    approval: ApprovalSpec | None = None
    arguments: dict[str, Any] = Field(default_factory=dict)
    prompt: str | None = None
    depends_on: tuple[str, ...] = ()
    when: dict[str, Any] | None = None
    timeout_s: float | None = Field(default=None, gt=0)
    escalation: EscalationSpec = EscalationSpec()
    on_failure: FailurePolicy = "fail"
    retries: int = Field(default=2, ge=0, le=20)
    success: SuccessSpec | None = None
    repeat: RepeatSpec | None = None

    @field_validator("depends_on", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @property
    def kind(self) -> StepKind:
        if self.agent is not None:
            return "agent"
        return "tool" if self.tool is not None else "approval"

    @model_validator(mode="after")
    def _one_kind(self) -> StepSpec:
        kinds = [k for k in ("agent", "tool", "approval") if getattr(self, k) is not None]
        if len(kinds) != 1:
            found = " and ".join(kinds) if kinds else "none of them"
            raise ValueError(
                f"step {self.id!r} needs exactly one of agent, tool or approval; it has "
                f"{found}. Split it into steps linked by depends_on"
            )
        self._check_fields_fit_the_kind()
        return self

    def _check_fields_fit_the_kind(self) -> None:
        kind = self.kind
        if self.arguments and kind != "tool":
            raise ValueError(f"step {self.id!r}: arguments are for tool steps only")
        if self.prompt is not None and kind != "agent":
            where = "approval.prompt" if kind == "approval" else "arguments"
            raise ValueError(f"step {self.id!r}: prompt is for agent steps; use {where}")
        if self.escalation.action != "fail" and self.timeout_s is None:
            raise ValueError(f"step {self.id!r}: an escalation needs timeout_s, the SLA")
        if self.escalation.action == "retry_on" and kind != "agent":
            raise ValueError(f"step {self.id!r}: retry_on retries an agent step on another agent")
        if kind == "approval" and self.on_failure == "retry":
            raise ValueError(
                f"step {self.id!r}: a denial is final, so an approval gate cannot retry; "
                "use on_failure: skip or fail"
            )


class GraphSpec(BaseModel):
    """A graph workflow: steps, their dependencies, and how many may run at once.

    Build it with :meth:`from_data`, which turns every problem into a :class:`SpecError`
    naming the field path to fix (``steps.2.depends_on: ...``).
    """

    model_config = _FORBID

    steps: list[StepSpec] = Field(min_length=1)
    max_parallel: int = Field(default=8, ge=1, le=1000)
    _plan: tuple[PlannedStep, ...] = PrivateAttr(default=())

    @model_validator(mode="after")
    def _check_graph(self) -> GraphSpec:
        # A SpecError is not a ValueError, so pydantic lets it through with its own path.
        self._plan = plan_steps(self.steps)
        return self

    @property
    def plan(self) -> tuple[PlannedStep, ...]:
        """The steps compiled for running, in spec order."""
        return self._plan

    @classmethod
    def from_data(cls, data: Any, *, source: str = "workflow") -> GraphSpec:
        """Validate parsed YAML: a mapping with ``steps``, or the list of steps alone."""
        if isinstance(data, list):
            data = {"steps": data}
        if not isinstance(data, Mapping):
            raise SpecError(f"{source}: a workflow is a mapping with a list of steps")
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            message = explain(error).replace("Value error, ", "")
            raise SpecError(f"{source}: {message}", source=source) from None
        except SpecError as error:
            raise SpecError(f"{source}: {error}", source=source, **error.fields) from None
