"""Small tools that do real work without a network: arithmetic, units, dates, text, money."""

from __future__ import annotations

import ast
import datetime as dt
import math
import operator
import re
from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from conclave.engine.tools import Tool, tool
from conclave.errors import ToolFailed

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_UNARY: dict[type[ast.unaryop], Callable[[float], float]] = {
    ast.UAdd: operator.pos,
    ast.USub: operator.neg,
}
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt,
    "log": math.log,
    "log10": math.log10,
    "exp": math.exp,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "abs": abs,
    "round": round,
    "min": min,
    "max": max,
}
_CONSTANTS = {"pi": math.pi, "e": math.e}


@tool(idempotent=True, timeout=5)
def calculator(expression: str) -> float:
    """Evaluate an arithmetic expression, such as (1200 * 1.05) ** 3 or sqrt(2)."""
    text = expression.replace("^", "**").replace("×", "*").replace("÷", "/").strip()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise ToolFailed(
            f"{expression!r} is not an arithmetic expression", tool="calculator"
        ) from None
    return _evaluate(tree.body)


def _evaluate(node: ast.expr) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.Name) and node.id in _CONSTANTS:
        return _CONSTANTS[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = _evaluate(node.left), _evaluate(node.right)
        if isinstance(node.op, ast.Pow) and abs(right) > 1000:
            raise ToolFailed("exponent too large; keep it under 1000", tool="calculator")
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
        return _UNARY[type(node.op)](_evaluate(node.operand))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _FUNCTIONS
    ):
        return _FUNCTIONS[node.func.id](*(_evaluate(arg) for arg in node.args))
    raise ToolFailed(
        f"unsupported expression {ast.unparse(node)!r}; use numbers, + - * / ** %, "
        f"parentheses and {', '.join(_FUNCTIONS)}",
        tool="calculator",
    )


# Factors to a base unit per dimension; temperature is handled apart because it is affine.
_UNITS: dict[str, tuple[str, float]] = {
    "mm": ("length", 0.001), "cm": ("length", 0.01), "m": ("length", 1.0),
    "km": ("length", 1000.0), "in": ("length", 0.0254), "ft": ("length", 0.3048),
    "yd": ("length", 0.9144), "mi": ("length", 1609.344),
    "mg": ("mass", 1e-6), "g": ("mass", 0.001), "kg": ("mass", 1.0),
    "lb": ("mass", 0.45359237), "oz": ("mass", 0.028349523125), "t": ("mass", 1000.0),
    "ml": ("volume", 0.001), "l": ("volume", 1.0), "gal": ("volume", 3.785411784),
    "s": ("time", 1.0), "min": ("time", 60.0), "h": ("time", 3600.0), "day": ("time", 86400.0),
}  # fmt: skip
_ALIASES = {
    "meter": "m", "meters": "m", "metre": "m", "kilometer": "km", "kilometers": "km",
    "mile": "mi", "miles": "mi", "foot": "ft", "feet": "ft", "inch": "in", "inches": "in",
    "yard": "yd", "yards": "yd", "centimeter": "cm", "centimeters": "cm",
    "gram": "g", "grams": "g", "kilogram": "kg", "kilograms": "kg", "kgs": "kg",
    "pound": "lb", "pounds": "lb", "lbs": "lb", "ounce": "oz", "ounces": "oz",
    "liter": "l", "liters": "l", "litre": "l", "litres": "l", "gallon": "gal", "gallons": "gal",
    "second": "s", "seconds": "s", "minute": "min", "minutes": "min", "hour": "h",
    "hours": "h", "days": "day", "celsius": "c", "fahrenheit": "f", "kelvin": "k",
}  # fmt: skip
_TEMPERATURE = {"c", "f", "k"}


@tool(idempotent=True, timeout=5)
def convert_units(value: float, from_unit: str, to_unit: str) -> float:
    """Convert a value between units of length, mass, volume, time or temperature."""
    source, target = _unit(from_unit), _unit(to_unit)
    if source in _TEMPERATURE or target in _TEMPERATURE:
        if not (source in _TEMPERATURE and target in _TEMPERATURE):
            raise ToolFailed(f"cannot convert {from_unit} to {to_unit}", tool="convert_units")
        return round(_from_kelvin(_to_kelvin(value, source), target), 6)
    (dimension, factor), (target_dimension, target_factor) = _UNITS[source], _UNITS[target]
    if dimension != target_dimension:
        raise ToolFailed(
            f"cannot convert {dimension} ({from_unit}) to {target_dimension} ({to_unit})",
            tool="convert_units",
        )
    return round(value * factor / target_factor, 6)


def _unit(name: str) -> str:
    key = name.strip().lower().rstrip(".")
    key = _ALIASES.get(key, key)
    if key not in _UNITS and key not in _TEMPERATURE:
        known = ", ".join(sorted({*_UNITS, *_TEMPERATURE}))
        raise ToolFailed(f"unknown unit {name!r}; known units: {known}", tool="convert_units")
    return key


def _to_kelvin(value: float, unit: str) -> float:
    return {"c": value + 273.15, "f": (value - 32) * 5 / 9 + 273.15, "k": value}[unit]


def _from_kelvin(value: float, unit: str) -> float:
    return {"c": value - 273.15, "f": (value - 273.15) * 9 / 5 + 32, "k": value}[unit]


@tool(idempotent=True, timeout=5)
def days_between(start: dt.date, end: dt.date) -> int:
    """Count the days from one ISO date (YYYY-MM-DD) to another."""
    return (end - start).days


@tool(idempotent=True, timeout=5)
def current_time(timezone: str = "UTC") -> str:
    """The current date and time in a time zone such as Europe/Paris (ISO 8601)."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ToolFailed(
            f"unknown time zone {timezone!r}; use an IANA name such as Europe/Paris",
            tool="current_time",
        ) from None
    return dt.datetime.now(zone).isoformat(timespec="seconds")


_SENTENCE = re.compile(r"[.!?]+(?:\s|$)")


@tool(idempotent=True, timeout=5)
def word_count(text: str) -> dict[str, int]:
    """Count the words, characters and sentences of a text."""
    words = text.split()
    sentences = len(_SENTENCE.findall(text)) or (1 if words else 0)
    return {"words": len(words), "characters": len(text), "sentences": sentences}


@tool(idempotent=True, timeout=5)
def compound_interest(
    principal: float, rate_percent: float, years: int, per_year: int = 12
) -> dict[str, float]:
    """Grow a principal at an annual rate, compounded per_year times a year."""
    if years < 0 or per_year < 1:
        raise ToolFailed(
            "years must be 0 or more and per_year at least 1", tool="compound_interest"
        )
    final = principal * (1 + rate_percent / 100 / per_year) ** (per_year * years)
    return {"final_value": round(final, 2), "interest_earned": round(final - principal, 2)}


DEMO_TOOLS: tuple[Tool, ...] = (
    calculator,
    convert_units,
    days_between,
    current_time,
    word_count,
    compound_interest,
)
