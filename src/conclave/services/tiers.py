"""Tiers: what a tenant's plan allows, as configuration.

Three tiers are built in. ``CONCLAVE_TIERS_FILE`` (YAML or JSON) changes them or adds
more: a mapping from tier name to fields, where a built-in tier needs only the fields it
changes and a new tier needs them all::

    pro:
      requests_per_minute: 900
      budgets: {per_day: "40.00"}
    startup:
      requests_per_minute: 300
      concurrent_runs: 5
      max_agents: 20
      budgets: {per_turn: "0.20", per_run: "2", per_day: "10", per_month: "100"}

Money is in US dollars, as decimals; write it as a string to keep cents exact.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from conclave.adapters.limits import Rate
from conclave.config import Settings
from conclave.errors import ConfigError, UnknownName


class TierBudgets(BaseModel):
    """Default spending limits, in US dollars, for a tier's tenants.

    Attributes:
        per_turn: one agent turn.
        per_run: one run.
        per_day: a tenant's spending per day.
        per_month: a tenant's spending per month.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    per_turn: Decimal = Field(ge=0)
    per_run: Decimal = Field(ge=0)
    per_day: Decimal = Field(ge=0)
    per_month: Decimal = Field(ge=0)


class Tier(BaseModel):
    """What a tenant on this tier may do.

    Attributes:
        name: how the tier is named in tenants and the tiers file.
        requests_per_minute: API requests per tenant, over any sliding minute.
        concurrent_runs: runs of one tenant executing at the same time.
        max_agents: agents a tenant may define.
        budgets: default spending limits.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    requests_per_minute: int = Field(ge=1)
    concurrent_runs: int = Field(ge=1)
    max_agents: int = Field(ge=1)
    budgets: TierBudgets

    @property
    def rate(self) -> Rate:
        """The request rate, for a ``RateLimiter``."""
        return Rate.per_minute(self.requests_per_minute)


def _tier(name: str, rpm: int, runs: int, agents: int, scale: int) -> Tier:
    budgets = TierBudgets(
        per_turn=Decimal("0.05") * scale,
        per_run=Decimal("0.50") * scale,
        per_day=Decimal("2.00") * scale,
        per_month=Decimal("20.00") * scale,
    )
    return Tier(
        name=name,
        requests_per_minute=rpm,
        concurrent_runs=runs,
        max_agents=agents,
        budgets=budgets,
    )


# Each customer tier allows ten times the one below it, budgets included. "internal" is
# the embedded server's default tenant, one person's own machine: limits that never get in
# the way, still counted, so the cost of counting is paid as on any other tier.
BUILT_IN: tuple[Tier, ...] = (
    _tier("free", 60, 2, 20, 1),
    _tier("pro", 600, 10, 100, 10),
    _tier("enterprise", 6000, 100, 1000, 100),
    _tier("internal", 6_000_000, 10_000, 100_000, 1000),
)


class Tiers:
    """The tiers by name; read-only.

    Args:
        tiers: the tiers; names must differ.
    """

    __slots__ = ("_tiers",)

    def __init__(self, tiers: Iterable[Tier]) -> None:
        self._tiers = {tier.name: tier for tier in tiers}

    def get(self, name: str) -> Tier:
        """The tier called ``name``.

        Raises:
            UnknownName: no such tier; the message suggests the closest one.
        """
        try:
            return self._tiers[name]
        except KeyError:
            raise UnknownName(
                "tier", name, self._tiers, hint="add tiers in CONCLAVE_TIERS_FILE"
            ) from None

    __getitem__ = get

    def __contains__(self, name: object) -> bool:
        return name in self._tiers

    def __iter__(self) -> Iterator[str]:
        return iter(self._tiers)

    def __len__(self) -> int:
        return len(self._tiers)

    def names(self) -> list[str]:
        """The tier names, in definition order (built-ins first)."""
        return list(self._tiers)

    def __repr__(self) -> str:
        return f"Tiers({', '.join(self._tiers)})"


def load_tiers(settings: Settings) -> Tiers:
    """The built-in tiers, changed and extended by ``settings.tiers_file`` if set.

    Raises:
        ConfigError: the file is missing, unreadable or invalid; the message names the
            file, the tier and the field.
    """
    if settings.tiers_file is None:
        return Tiers(BUILT_IN)
    return merge_tiers(BUILT_IN, read_tiers_file(settings.tiers_file), source=settings.tiers_file)


def read_tiers_file(path: Path) -> dict[str, Any]:
    """The raw mapping of tier name to fields in a YAML or JSON file.

    Raises:
        ConfigError: the file cannot be read or parsed, or is not a mapping of mappings.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            f"tiers file {path} cannot be read ({error.strerror}); fix CONCLAVE_TIERS_FILE"
        ) from None
    content = _parse(path, text)
    if content is None:
        return {}
    if not isinstance(content, dict):
        raise ConfigError(
            f"{path}: expected a mapping of tier name to fields, not a {type(content).__name__}"
        )
    for name, fields in content.items():
        if not isinstance(fields, dict):
            raise ConfigError(f"{path}: tier {name!r} must be a mapping of fields, not {fields!r}")
    return content


def _parse(path: Path, text: str) -> object:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise ConfigError(
                f"{path} is not valid JSON: {error.msg} at line {error.lineno}"
            ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "cannot be parsed"
        raise ConfigError(f"{path} is not valid YAML: {problem}{where}") from None


def merge_tiers(
    base: tuple[Tier, ...], overrides: Mapping[str, Any], *, source: Path | str
) -> Tiers:
    """``base`` with each tier in ``overrides`` laid over it, or added when new.

    Raises:
        ConfigError: a tier that does not validate, naming ``source``, the tier and field.
    """
    tiers = {tier.name: tier for tier in base}
    for name, fields in overrides.items():
        name = str(name)
        if "name" in fields and fields["name"] != name:
            raise ConfigError(
                f"{source}: tier {name!r} has name {fields['name']!r}; "
                "the key is the name, so drop the name field"
            )
        known = tiers[name].model_dump() if name in tiers else {}
        tiers[name] = _validate(source, name, _deep_merge(known, {**fields, "name": name}))
    return Tiers(tuple(tiers.values()))


def _deep_merge(base: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _validate(source: Path | str, name: str, fields: dict[str, Any]) -> Tier:
    try:
        return Tier.model_validate(fields)
    except ValidationError as error:
        raise ConfigError(f"{source}: tier {name!r}: {_describe(error.errors())}") from None


def _describe(problems: list[ErrorDetails]) -> str:
    missing = [_field(problem) for problem in problems if problem["type"] == "missing"]
    described = [_problem(problem) for problem in problems if problem["type"] != "missing"]
    if missing:
        described.append(f"missing {', '.join(missing)} (a new tier must give every field)")
    return "; ".join(described)


def _problem(problem: ErrorDetails) -> str:
    if problem["type"] == "extra_forbidden":
        return f"{_field(problem)} is not a tier field{_suggestion(problem['loc'])}"
    return f"{_field(problem)}: {problem['msg']} (got {problem['input']!r})"


def _field(problem: ErrorDetails) -> str:
    return ".".join(str(part) for part in problem["loc"])


def _suggestion(location: tuple[int | str, ...]) -> str:
    model: type[BaseModel] = TierBudgets if location[0] == "budgets" else Tier
    close = difflib.get_close_matches(str(location[-1]), model.model_fields, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
