"""Bodies of the guard's check: ``GuardCheck`` in, ``GuardVerdictPublic`` out."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from conclave.api.schemas._values import Text


class GuardCheck(BaseModel):
    """One text to screen, and where it comes from."""

    model_config = ConfigDict(extra="forbid")

    text: Text = Field(max_length=100_000)
    source: Literal["input", "tool", "document", "output"] = "input"
    id: Text | None = Field(default=None, max_length=200, description="echoed back")
    system_prompt: Text = Field(
        default="", max_length=100_000, description="for output: leakage of this prompt"
    )
    allowed_hosts: list[Text] = Field(
        default_factory=list, max_length=100, description="for output: hosts links may reach"
    )


class GuardVerdictPublic(BaseModel):
    """The verdict: ``allow``, ``flag`` or ``block``, how sure, and why."""

    id: str | None = None
    verdict: Literal["allow", "flag", "block"]
    score: float
    reasons: list[str]
    families: list[str]
