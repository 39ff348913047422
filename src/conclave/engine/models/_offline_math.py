"""Arithmetic in plain text: find an expression in a message, and evaluate one safely."""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_TOKEN = (
    rf"{_NUMBER}|\*\*|%\s*of\b|[-+*/%()^×÷]"
    r"|\b(?:plus|minus|times|multiplied\s+by|divided\s+by|over|mod(?:ulo)?"
    r"|to\s+the\s+power\s+of|raised\s+to(?:\s+the\s+power\s+of)?|squared|cubed|x"
    r"|sqrt|abs|pi)\b"
)
_TOKENS = re.compile(_TOKEN, re.I)
_RUN = re.compile(rf"(?:(?:{_TOKEN})[ \t]*)+", re.I)
_IS_NUMBER = re.compile(rf"^(?:{_NUMBER})$")
_WORD_OPERATORS = {
    "plus": "+", "minus": "-", "times": "*", "x": "*", "×": "*", "over": "/", "÷": "/",
    "mod": "%", "modulo": "%", "^": "**", "squared": "**2", "cubed": "**3",
}  # fmt: skip
_BINARY = frozenset({"+", "-", "*", "/", "%", "**", "/100*"})
_FUNCTIONS: dict[str, Callable[[float], float]] = {"sqrt": math.sqrt, "abs": abs}
_OPERATORS: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_MAX_EXPONENT = 100  # beyond this a power is a denial of service, not arithmetic
_LARGEST = 1e300  # past this an int cannot become a float, nor print in good time


def find_expression(
    text: str, free: Callable[[int, int], bool] = lambda start, end: True
) -> tuple[int, int, str] | None:
    """The longest arithmetic expression in ``text`` as ``(start, end, python_source)``.

    Word operators become symbols ("3 times 4" gives ``3 * 4``) and ``^`` a power. A bare
    ``5-10`` reads as a range, not a subtraction. ``free`` rejects spans already used.
    """
    best: tuple[int, int, str] | None = None
    for match in _RUN.finditer(text):
        if not free(match.start(), match.end()):
            continue
        source = _normalise(match.group())
        if source and (best is None or len(source) > len(best[2])):
            best = (match.start(), match.end(), source)
    return best


def _normalise(run: str) -> str | None:
    tokens = [_symbol(token) for token in _TOKENS.findall(run)]
    tokens = _balance(_trim(tokens))
    numbers = sum(1 for token in tokens if _IS_NUMBER.match(token))
    operators = sum(1 for token in tokens if token in _BINARY or token.startswith("**"))
    functions = any(token in _FUNCTIONS for token in tokens)
    if numbers == 0 or (operators == 0 and not functions):
        return None
    if tokens[1:2] == ["-"] and len(tokens) == 3 and re.search(r"\d-\d", run):
        return None  # "5-10 minutes" is a range
    try:
        return ast.unparse(ast.parse(" ".join(tokens), mode="eval"))
    except SyntaxError:
        return None


def _symbol(token: str) -> str:
    word = " ".join(token.lower().split())
    if word.startswith("%") and word.endswith("of"):
        return "/100*"
    if word in ("multiplied by",):
        return "*"
    if word == "divided by":
        return "/"
    if word.startswith(("to the power", "raised to")):
        return "**"
    if _IS_NUMBER.match(word):
        return word.replace(",", "")
    return _WORD_OPERATORS.get(word, word)


def _trim(tokens: list[str]) -> list[str]:
    """Drop operators dangling at either end, as in "over 3 + 4 =" or "2 + 2 -"."""
    start, end = 0, len(tokens)
    while start < end and (tokens[start] in _BINARY - {"-", "+"} or tokens[start] == ")"):
        start += 1
    while end > start and (tokens[end - 1] in _BINARY or tokens[end - 1] in ("(", *_FUNCTIONS)):
        end -= 1
    return tokens[start:end]


def _balance(tokens: list[str]) -> list[str]:
    """Drop parentheses that close nothing or are never closed."""
    kept: list[str] = []
    opened: list[int] = []
    for token in tokens:
        if token == ")" and not opened:
            continue
        if token == "(":
            opened.append(len(kept))
        elif token == ")":
            opened.pop()
        kept.append(token)
    for index in reversed(opened):
        del kept[index]
    return kept


def evaluate(source: str) -> float | None:
    """The value of an arithmetic expression, or ``None`` if it is not one or has none."""
    try:
        return _value(ast.parse(source, mode="eval").body)
    except (SyntaxError, ValueError, ArithmeticError, TypeError):
        return None


def _value(node: ast.expr) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.Name) and node.id == "pi":
        return math.pi
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        operand = _value(node.operand)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        left, right = _value(node.left), _value(node.right)
        if isinstance(node.op, ast.Pow) and abs(right) > _MAX_EXPONENT:
            raise ValueError("exponent too large")
        result = _OPERATORS[type(node.op)](left, right)
        if isinstance(result, complex) or abs(result) > _LARGEST:
            raise ValueError("no real value of a printable size")
        return result
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1:
        function = _FUNCTIONS.get(node.func.id)
        if function is not None:
            return function(_value(node.args[0]))
    raise ValueError("not arithmetic")


def format_number(value: float) -> str:
    """A number as people write it: ``84``, not ``84.0``; ten significant digits at most."""
    if abs(value) < 1e15 and (isinstance(value, int) or value.is_integer()):
        return str(int(value))
    return f"{value:.10g}"
