"""What model calls cost: list prices in USD per million tokens, by ``provider:model``.

The bundled ``prices.json`` holds OpenAI's and Anthropic's published list prices; a JSON or
YAML file of the same shape overrides or extends it::

    updated: 2025-11-24
    currency: USD
    models:
      openai:gpt-4o: {input_per_mtok: 2.5, output_per_mtok: 10.0}
      vllm:my-finetune: {input_per_mtok: 0.2, output_per_mtok: 0.2}

:meth:`PriceTable.lookup` resolves a model string in this order:

1. the exact ``provider:model`` key;
2. local providers (offline, scripted, ollama, vllm, lmstudio) cost nothing;
3. gateways that resell OpenAI and Anthropic models under their own names map to the base
   model: ``azure:gpt-4o`` to ``openai:gpt-4o``, ``openrouter:anthropic/claude-sonnet-4.5``
   to ``anthropic:claude-sonnet-4-5`` (an OpenRouter ``:free`` variant costs nothing);
4. a ``-latest`` suffix is dropped, and dated snapshots and other variants fall back to the
   longest known prefix that ends at a ``-``: ``gpt-4o-2024-08-06`` to ``gpt-4o``,
   ``claude-sonnet-4-5-20250929`` to ``claude-sonnet-4-5``.

Anything else is unknown: it costs 0.0 and :meth:`PriceTable.is_known` is false, so callers
can warn. Resolutions are cached, so pricing a call is a dictionary lookup.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from conclave.engine.messages import Usage
from conclave.engine.models.registry import PROVIDERS, parse_model_string
from conclave.errors import ConfigError, UserError

__all__ = ["LOCAL_PROVIDERS", "Price", "PriceTable"]

LOCAL_PROVIDERS = frozenset({"offline", "scripted", "ollama", "vllm", "lmstudio"})
_CACHE_LIMIT = 1024  # model strings can come from user specs; keep the cache bounded
_SNAPSHOT = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{8})$")
_FIX = "prices are USD per million tokens: {input_per_mtok: 2.5, output_per_mtok: 10.0}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Price:
    """A model's list price.

    Attributes:
        input_per_mtok: USD per million input (prompt) tokens.
        output_per_mtok: USD per million output (completion) tokens.
    """

    input_per_mtok: float
    output_per_mtok: float

    def __post_init__(self) -> None:
        for name in ("input_per_mtok", "output_per_mtok"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and 0 <= value < math.inf):
                raise ConfigError(f"{name} must be a number >= 0, not {value!r}; {_FIX}")

    def cost(self, usage: Usage) -> float:
        """The USD cost of ``usage`` at this price."""
        spent = (
            usage.input_tokens * self.input_per_mtok + usage.output_tokens * self.output_per_mtok
        )
        return spent / 1_000_000


_FREE = Price(input_per_mtok=0.0, output_per_mtok=0.0)


class _Match(NamedTuple):
    key: str  # the table key the model resolved to
    price: Price
    spelling: str  # how the caller spells the key's provider: "azure:", "openrouter:openai/"


class PriceTable:
    """Model prices, with the resolution rules of the module docstring.

    A table never changes after it is built; :meth:`merged` returns a new one.
    """

    __slots__ = ("_matches", "_prices", "updated")

    def __init__(self, prices: Mapping[str, Price], *, updated: date | None = None) -> None:
        self._prices = {_check_key(key, source="prices"): price for key, price in prices.items()}
        self._matches: dict[str, _Match | None] = {}
        self.updated = updated

    @classmethod
    def default(cls) -> PriceTable:
        """The bundled table of OpenAI and Anthropic list prices, loaded once."""
        return _bundled()

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> PriceTable:
        """Load a table from a JSON or YAML file shaped like the bundled ``prices.json``."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise ConfigError(f"cannot read price file {str(path)!r}: {error.strerror}") from None
        return cls._from_data(_parse(text, path), source=str(path))

    @property
    def prices(self) -> Mapping[str, Price]:
        """Every listed price by ``provider:model`` key, read-only."""
        return MappingProxyType(self._prices)

    def merged(self, overrides: Mapping[str, Price | Mapping[str, Any]]) -> PriceTable:
        """A new table with ``overrides`` added to, or replacing, these prices."""
        prices = dict(self._prices)
        for key, value in overrides.items():
            checked = _check_key(key, source="price overrides")
            prices[checked] = _to_price(key, value)
        return PriceTable(prices, updated=self.updated)

    def lookup(self, model: str) -> Price | None:
        """The price of a ``provider:model`` string, or ``None`` when it is unknown."""
        match = self._match(model)
        return match.price if match else None

    def is_known(self, model: str) -> bool:
        """Whether ``model`` has a price, so that its cost is not a silent 0.0."""
        return self._match(model) is not None

    def cost(self, model: str, usage: Usage) -> float:
        """The USD cost of ``usage`` on ``model``; 0.0 when the model's price is unknown."""
        match = self._match(model)
        return match.price.cost(usage) if match else 0.0

    def cheapest_alternatives(self, model: str, usage: Usage) -> list[tuple[str, float]]:
        """Models of the same provider that would have cost less for ``usage``, cheapest first.

        Names are spelt the way ``model`` is (``azure:...``, ``openrouter:openai/...``), and
        dated snapshots are left out.
        """
        match = self._match(model)
        if match is None:
            return []
        limit = match.price.cost(usage)
        vendor = match.key.partition(":")[0]
        found = [
            (_respell(key, match.spelling), price.cost(usage))
            for key, price in self._prices.items()
            if key.startswith(f"{vendor}:") and not _SNAPSHOT.search(key)
        ]
        return sorted(
            (item for item in found if item[1] < limit), key=lambda item: (item[1], item[0])
        )

    @classmethod
    def _from_data(cls, data: Any, *, source: str) -> PriceTable:
        if not isinstance(data, dict):
            raise ConfigError(f"{source}: expected a mapping with a 'models' key; {_FIX}")
        try:
            parsed: Any = _schemas()[1].model_validate(data)
        except ValidationError as error:
            raise _explain(error, source=source) from None
        prices = {
            _check_key(key, source=f"{source}: models"): Price(**entry.model_dump())
            for key, entry in parsed.models.items()
        }
        return cls(prices, updated=parsed.updated)

    def _match(self, model: str) -> _Match | None:
        try:
            return self._matches[model]
        except KeyError:
            pass
        if len(self._matches) >= _CACHE_LIMIT:
            self._matches.clear()
        match = self._matches[model] = self._resolve(model)
        return match

    def _resolve(self, model: str) -> _Match | None:
        try:
            provider, name = parse_model_string(model)
        except UserError:
            return None
        key = f"{provider}:{name.lower()}"
        if key in self._prices:
            return _Match(key, self._prices[key], f"{provider}:")
        if provider in LOCAL_PROVIDERS:
            return _Match(key, _FREE, f"{provider}:")
        return self._resolve_resold(provider, name.lower())

    def _resolve_resold(self, provider: str, name: str) -> _Match | None:
        vendor, name, spelling = _unwrap_gateway(provider, name)
        if provider == "openrouter" and name.endswith(":free"):
            return _Match(f"{vendor}:{name}", _FREE, spelling)
        name = name.partition(":")[0].removesuffix("-latest")
        if vendor == "anthropic":
            name = name.replace(".", "-")
        parts = name.split("-")
        for end in range(len(parts), 0, -1):
            key = f"{vendor}:{'-'.join(parts[:end])}"
            if key in self._prices:
                return _Match(key, self._prices[key], spelling)
        return None


@cache
def _schemas() -> tuple[type[BaseModel], type[BaseModel]]:
    """The schemas of one price and of a price file, built on first use (import stays fast)."""
    amount = Annotated[float, Field(ge=0, allow_inf_nan=False)]

    class PriceEntry(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

        input_per_mtok: amount
        output_per_mtok: amount

    class PriceFile(BaseModel):
        model_config = ConfigDict(extra="forbid")

        updated: date | None = None
        currency: Literal["USD"] = "USD"
        models: dict[str, PriceEntry]

    return PriceEntry, PriceFile


@cache
def _bundled() -> PriceTable:
    from importlib import resources  # costs ~7 ms; only needed once, here

    bundled = resources.files("conclave.engine.models").joinpath("prices.json")
    data = json.loads(bundled.read_text(encoding="utf-8"))
    return PriceTable._from_data(data, source="bundled prices.json")


def _parse(text: str, path: Path) -> Any:
    # PyYAML reads JSON too, but as YAML 1.1 it takes a number such as 5e-2 for a string.
    import yaml  # only price files in YAML need it

    try:
        return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        kind = "JSON" if path.suffix == ".json" else "YAML"
        raise ConfigError(f"{path}: not valid {kind}: {error}", source=str(path)) from None


def _check_key(key: str, *, source: str) -> str:
    provider, sep, name = key.strip().lower().partition(":")
    if not sep or not name or provider not in PROVIDERS:
        raise ConfigError(
            f"{source}: {key!r} is not a provider:model key; write it as provider:model with "
            f"a provider among {', '.join(PROVIDERS)}",
            source=source,
            field=key,
        )
    return f"{provider}:{name}"


def _to_price(key: str, value: Price | Mapping[str, Any]) -> Price:
    if isinstance(value, Price):
        return value
    try:
        entry = _schemas()[0].model_validate(value)
    except ValidationError as error:
        raise _explain(error, source=f"price override {key!r}") from None
    return Price(**entry.model_dump())


def _explain(error: ValidationError, *, source: str) -> ConfigError:
    problems = []
    for item in error.errors():
        message = "unknown field" if item["type"] == "extra_forbidden" else item["msg"]
        problems.append((_field_path(item["loc"]), message))
    text = "; ".join(f"{field}: {message}" for field, message in problems)
    return ConfigError(f"{source}: {text}; {_FIX}", source=source, field=problems[0][0])


def _field_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, str) and part.isidentifier():
            path += f".{part}" if path else part
        else:
            path += f"[{part!r}]"
    return path or "(top level)"


def _unwrap_gateway(provider: str, name: str) -> tuple[str, str, str]:
    if provider == "azure":
        return "openai", name, "azure:"
    vendor, sep, rest = name.partition("/")
    if provider == "openrouter" and sep:
        return vendor, rest, f"openrouter:{vendor}/"
    return provider, name, f"{provider}:"


def _respell(key: str, spelling: str) -> str:
    name = key.partition(":")[2]
    if spelling == "openrouter:anthropic/":
        name = re.sub(r"(?<=\d)-(?=\d)", ".", name)
    return spelling + name
