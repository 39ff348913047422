"""The error tree. Every message says what to do about it.

::

    ConclaveError
    ├── UserError              a mistake in a spec, a call or the configuration
    │   ├── SpecError          an agent or team spec that does not validate
    │   ├── UnknownName        a name that is not registered (with a "did you mean")
    │   ├── ConfigError        a setting that is missing or wrong
    │   ├── MissingDependency  an optional extra that is not installed
    │   ├── NotFound           an id or name this tenant does not have
    │   ├── VersionConflict    a write based on a stale version, or one that lost a race
    │   ├── Unauthenticated    no credential, or one that is invalid, expired or revoked
    │   ├── PermissionDenied   a credential whose role does not allow the action
    │   ├── RateLimited        over a tenant's request rate or concurrent-run limit
    │   ├── QuotaExceeded      more of something than the tenant's tier allows
    │   ├── TooLarge           a body or a message above its size limit
    │   └── PromptInjection    input the guard blocked as an attack on the agent
    ├── RunError               a run that could not go on
    │   ├── ModelError         a provider call that failed after its retries
    │   ├── ToolFailed         a tool that raised, timed out or got bad arguments
    │   ├── BudgetExceeded     a call that would pass a spending limit
    │   ├── ApprovalDenied     a human said no
    │   ├── RunCancelled       somebody stopped the run
    │   └── ScriptExhausted    a scripted model ran out of replies
    └── Interrupt              control flow the engine catches
        ├── WaitForApproval    the run must wait for a human decision
        └── Handoff            an agent hands the conversation to another

Errors carry their fields as attributes and pickle, because they become events and cross
process boundaries.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

__all__ = [
    "ApprovalDenied",
    "BudgetExceeded",
    "ConclaveError",
    "ConfigError",
    "Handoff",
    "Interrupt",
    "MissingDependency",
    "ModelError",
    "NotFound",
    "PermissionDenied",
    "PromptInjection",
    "QuotaExceeded",
    "RateLimited",
    "RunCancelled",
    "RunError",
    "ScriptExhausted",
    "SpecError",
    "TooLarge",
    "ToolFailed",
    "Unauthenticated",
    "UnknownName",
    "UserError",
    "VersionConflict",
    "WaitForApproval",
]


class ConclaveError(Exception):
    """Root of every error Conclave raises on purpose.

    Subclasses take keyword fields after the message; they are stored as attributes and
    survive pickling, so an error can be recorded in an event and re-raised elsewhere.
    """

    def __init__(self, message: str, **fields: Any) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields
        for key, value in fields.items():
            setattr(self, key, value)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self.fields))

    def __str__(self) -> str:
        return self.message


def _rebuild(cls: type[ConclaveError], message: str, fields: dict[str, Any]) -> ConclaveError:
    error = cls.__new__(cls)
    ConclaveError.__init__(error, message, **fields)
    return error


class UserError(ConclaveError):
    """A mistake in a spec, a call or the configuration; fix the input and try again."""


class SpecError(UserError):
    """An agent or team spec that does not validate."""


class ConfigError(UserError):
    """A setting that is missing or wrong."""


class MissingDependency(UserError):
    """An optional integration whose extra is not installed."""

    def __init__(self, package: str, *, extra: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the {package!r} package; install it with "
            f"pip install 'conclave[{extra}]'",
            package=package,
            extra=extra,
        )


class NotFound(UserError):
    """An id or name that does not exist, or that belongs to another tenant.

    Another tenant's object is reported exactly like a missing one, so an error never
    reveals what other tenants hold.
    """


class VersionConflict(UserError):
    """A write based on a stale version, or one that lost a race to another writer.

    Read the object again and reapply the change.
    """


class Unauthenticated(UserError):
    """No credential, or one that is malformed, expired, revoked or signed wrongly.

    The message never says which check failed beyond what the caller can fix, so it gives
    an attacker nothing to probe with.
    """


class PermissionDenied(UserError):
    """A valid credential whose role does not allow the action.

    Attributes:
        required: the role the action needs.
    """

    required: str


class RateLimited(UserError):
    """Over a tenant's request rate or concurrent-run limit; wait and try again.

    Attributes:
        limit: the limit that was reached, such as ``120/minute``.
        retry_after: seconds until a request may succeed.
    """

    limit: str
    retry_after: float


class QuotaExceeded(UserError):
    """More of something than the tenant's tier allows, such as agents; delete some, or
    move to a higher tier.

    Attributes:
        limit: how many the tier allows.
    """

    limit: int


class TooLarge(UserError):
    """A request body or a message above its size limit; send less.

    Attributes:
        limit: the largest size accepted, in bytes or characters as the message says.
    """

    limit: int


class PromptInjection(UserError):
    """Input the guard blocked: it reads as an attempt to take over the agent.

    Attributes:
        score: how sure the guard is, from 0 to 1.
        reasons: what it found, such as ``instruction_override:es``.
    """

    score: float
    reasons: list[str]


class UnknownName(UserError):
    """A name that is not registered; suggests the closest known one."""

    def __init__(self, kind: str, name: str, known: Iterable[str], *, hint: str = "") -> None:
        known = sorted(known)
        close = difflib.get_close_matches(name, known, n=1)
        if close:
            advice = f"did you mean {close[0]!r}?"
        elif known:
            advice = "known: " + ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        else:
            advice = f"no {kind} is registered"
        suffix = f" ({hint})" if hint else ""
        super().__init__(f"unknown {kind} {name!r}; {advice}{suffix}", kind=kind, name=name)


class RunError(ConclaveError):
    """A run that could not go on."""


class ModelError(RunError):
    """A model provider call that failed.

    Attributes:
        provider: the provider name, such as ``openai``.
        status: the HTTP status, or ``None`` for timeouts and dropped connections.
        retryable: whether the same call may succeed if tried again.
        retry_after: seconds the provider asked us to wait, if it said.
    """

    def __init__(
        self,
        message: str,
        *,
        provider: str,
        status: int | None = None,
        retryable: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message,
            provider=provider,
            status=status,
            retryable=retryable,
            retry_after=retry_after,
        )

    provider: str
    status: int | None
    retryable: bool
    retry_after: float | None


class ToolFailed(RunError):
    """A tool that raised, timed out or was called with arguments it does not accept."""

    tool: str


class BudgetExceeded(RunError):
    """A model call that would pass a spending limit; the call was not made."""


class ApprovalDenied(RunError):
    """A human denied an action that needed approval."""


class RunCancelled(RunError):
    """The run was stopped on request."""


class ScriptExhausted(RunError):
    """A scripted model was called more often than it has replies."""


class Interrupt(ConclaveError):
    """Control flow the engine catches; never reaches a user unhandled."""


class WaitForApproval(Interrupt):
    """The run must wait for a human decision before it goes on."""


class Handoff(Interrupt):
    """An agent hands the conversation to another agent."""
