"""Constraints the request bodies share: values the store can hold and the API can send back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

__all__ = ["MAX_DEPTH", "MAX_VERSION", "IsoDatetime", "JsonObject", "Text"]

MAX_VERSION = 2**31 - 1  # versions are 32-bit integers in the store
MAX_DEPTH = 32  # how deeply a JSON object may nest; the API could not send back much deeper


def _without_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL, so no flavour of the store takes it.
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "must not contain NUL characters; remove them")
    return value


Text = Annotated[str, AfterValidator(_without_nul)]
"""A string without NUL characters."""


def _iso_only(value: object) -> object:
    # Pydantic also reads numbers as Unix times; the schema promises ISO 8601, so a number
    # is far more likely a mistake than a timestamp.
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or _NUMBER.fullmatch(value.strip()):
        raise PydanticCustomError(
            "iso_datetime", "must be an ISO 8601 date-time, such as 2026-12-31T23:59:00Z"
        )
    return value


_NUMBER = re.compile(r"[-+]?\d+(\.\d*)?([eE][-+]?\d+)?")
IsoDatetime = Annotated[datetime, BeforeValidator(_iso_only)]
"""A date-time given in ISO 8601, never as a number."""


def _sendable(value: dict[str, Any]) -> dict[str, Any]:
    for path, item in _walk(value):
        where = ".".join(path) or "the object"
        if len(path) > MAX_DEPTH:
            message = "{where} nests deeper than {depth} levels; flatten it"
            raise PydanticCustomError("too_deep", message, {"where": where, "depth": MAX_DEPTH})
        if isinstance(item, str) and not item.isascii() and not _is_unicode(item):
            message = "{where} is not valid Unicode text (it holds a lone surrogate); fix it"
            raise PydanticCustomError("invalid_unicode", message, {"where": where})
    return value


def _walk(value: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every value inside ``value`` with its path, without recursion (bodies can nest deep)."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        yield path, item
        if isinstance(item, dict):
            stack.extend(((*path, str(key)), child) for key, child in item.items())
        elif isinstance(item, list):
            stack.extend(((*path, str(index)), child) for index, child in enumerate(item))


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


JsonObject = Annotated[dict[str, Any], AfterValidator(_sendable)]
"""A JSON object of valid Unicode text, nested at most :data:`MAX_DEPTH` levels."""


class RunBudget(BaseModel):
    """A run's own spending limits in USD; they win over its agent's and its tier's."""

    model_config = ConfigDict(extra="forbid")

    per_turn_usd: float | None = Field(default=None, gt=0, le=1_000_000)
    per_run_usd: float | None = Field(default=None, gt=0, le=1_000_000)

    def limits(self) -> dict[str, float] | None:
        """As stored with the run: USD by scope, only the limits set."""
        found = {"turn": self.per_turn_usd, "run": self.per_run_usd}
        return {scope: usd for scope, usd in found.items() if usd is not None} or None
