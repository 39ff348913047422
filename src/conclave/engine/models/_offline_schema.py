"""Tool parameters as the offline model reads them from a JSON schema.

Besides its JSON type, each parameter gets a *role* guessed from its name, format and
description (an arithmetic expression, a ticker, a date, a URL, the unit to convert from
or to, ...), which says what shape of text can fill it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from conclave.engine.models._offline_text import word_set, words_of

_EXPRESSION_NAMES = frozenset({"expression", "expr", "formula", "equation", "calculation"})
_SYMBOL_NAMES = frozenset({"symbol", "symbols", "ticker", "tickers"})
_URL_NAMES = frozenset({"url", "uri", "link", "website", "href"})
_FROM_NAMES = frozenset({"from", "source", "src"})
_TO_NAMES = frozenset({"to", "target", "dest", "destination", "into"})
# What may follow "from" or "to" in a name for it to mean a short token such as a unit.
_DIRECTED = word_set(
    """unit units currency lang language format code type scale base system zone timezone tz
    locale encoding measure"""
)


@dataclass(frozen=True, slots=True)
class Param:
    """One property of a tool's argument schema.

    Attributes:
        name: the property name.
        kind: its JSON type: string, integer, number, boolean, array or object.
        required: whether the schema requires it.
        role: the shape of text that fills it: expression, symbol, date, url, email,
            timezone, from, to, or plain.
        enum: the values it allows, if the schema lists them.
        items: the JSON type of an array's items.
        description: the schema's description of it.
        default: the schema's default, if ``has_default``.
        variants: how a message may write its name ("from_unit", "from unit", ...).
    """

    name: str
    kind: str = "string"
    required: bool = False
    role: str = "plain"
    enum: tuple[Any, ...] = ()
    items: str = "string"
    description: str = ""
    default: Any = None
    has_default: bool = False
    variants: tuple[str, ...] = ()

    def describe(self) -> str:
        """The name with what it is, for telling a user what is missing."""
        what = self.description or (
            "one of " + ", ".join(map(str, self.enum)) if self.enum else f"a {self.kind}"
        )
        return f"{self.name} ({what.rstrip('.')})"


def params_of(schema: Mapping[str, Any]) -> tuple[Param, ...]:
    """The parameters of a JSON schema of type object, in the schema's order."""
    try:
        key = json.dumps(schema)  # not sorted: the order of properties matters
    except (TypeError, ValueError):
        return _parse(schema)
    return _parse_json(key)


@lru_cache(maxsize=512)
def _parse_json(key: str) -> tuple[Param, ...]:
    return _parse(json.loads(key))


def _parse(schema: Mapping[str, Any]) -> tuple[Param, ...]:
    properties = schema.get("properties") or {}
    required = set(schema.get("required") or ())
    defs = {**(schema.get("definitions") or {}), **(schema.get("$defs") or {})}
    return tuple(
        _param(name, _resolve(prop, defs), name in required, defs)
        for name, prop in properties.items()
        if isinstance(prop, dict)
    )


def _resolve(prop: Mapping[str, Any], defs: Mapping[str, Any], depth: int = 0) -> dict[str, Any]:
    """Follow ``$ref`` and take the first non-null option of ``anyOf`` / ``oneOf``."""
    rest = dict(prop)
    if depth > 8:
        return rest
    ref = rest.pop("$ref", None)
    if isinstance(ref, str):
        return _resolve({**defs.get(ref.rsplit("/", 1)[-1], {}), **rest}, defs, depth + 1)
    for key in ("anyOf", "oneOf", "allOf"):
        options = rest.pop(key, None) or ()
        chosen = [o for o in options if isinstance(o, dict) and o.get("type") != "null"]
        if chosen:
            return {**_resolve(chosen[0], defs, depth + 1), **rest}
    return rest


def _param(name: str, prop: dict[str, Any], required: bool, defs: Mapping[str, Any]) -> Param:
    kind = _kind(prop)
    items = prop.get("items")
    enum = prop.get("enum") or ([prop["const"]] if "const" in prop else [])
    words = [word.lower() for word in words_of(name)]
    return Param(
        name=name,
        kind=kind,
        required=required,
        role=_role(words, kind, prop),
        enum=tuple(enum),
        items=_kind(_resolve(items, defs)) if isinstance(items, dict) else "string",
        description=str(prop.get("description") or ""),
        default=prop.get("default"),
        has_default="default" in prop,
        variants=tuple(sorted({name, " ".join(words), "-".join(words)}, key=len, reverse=True)),
    )


def _kind(prop: Mapping[str, Any]) -> str:
    declared = prop.get("type")
    if isinstance(declared, list):
        declared = next((t for t in declared if t != "null"), None)
    if isinstance(declared, str):
        return declared
    enum = prop.get("enum")
    if enum:
        first = enum[0]
        if isinstance(first, bool):
            return "boolean"
        return {int: "integer", float: "number"}.get(type(first), "string")
    return "object" if "properties" in prop else "string"


def _role(words: list[str], kind: str, prop: Mapping[str, Any]) -> str:
    """The shape of text a parameter takes, from its name, format and description."""
    if kind not in ("string", "array"):
        return "plain"
    named, fmt = set(words), str(prop.get("format") or "")
    description = str(prop.get("description") or "").lower()
    if named & _EXPRESSION_NAMES or ("arithmetic" in description and kind == "string"):
        return "expression"
    if named & _SYMBOL_NAMES:
        return "symbol"
    if fmt in ("date", "date-time") or named & {"date", "dates"}:
        return "date"
    if fmt in ("uri", "url") or named & _URL_NAMES:
        return "url"
    if fmt == "email" or "email" in named:
        return "email"
    if named & {"timezone", "tz"} or {"time", "zone"} <= named:
        return "timezone"
    return _direction(words)


def _direction(words: list[str]) -> str:
    """``from``/``to`` for names like ``from_unit`` or ``target_language``, else plain."""
    head, rest = (words[0], set(words[1:])) if words else ("", set())
    if not rest <= _DIRECTED:
        return "plain"
    if head in _FROM_NAMES:
        return "from"
    return "to" if head in _TO_NAMES else "plain"
