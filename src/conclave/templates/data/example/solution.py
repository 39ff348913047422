"""A small example module that the software-delivery workflow tests and deploys when the
coder's reply holds no Python code of its own."""

from __future__ import annotations

import re
from collections import Counter

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens: "Hello, World!" gives "hello-world"."""
    return _NOT_WORD.sub("-", text.lower()).strip("-")


def word_frequencies(text: str, top: int = 3) -> list[tuple[str, int]]:
    """The ``top`` most frequent words, most frequent first, ties in order of appearance."""
    words = [word for word in _NOT_WORD.split(text.lower()) if word]
    return Counter(words).most_common(top)


def moving_average(values: list[float], window: int) -> list[float]:
    """The mean of each run of ``window`` consecutive values."""
    if window < 1:
        raise ValueError("window must be at least 1")
    return [sum(values[i : i + window]) / window for i in range(len(values) - window + 1)]
