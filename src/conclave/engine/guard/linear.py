"""A small learned model that weighs the rules' findings and the text's words.

The rules' weights are set by hand, one rule at a time; this model reads what the rules
found (the concepts present, alone and in pairs, the rules matched, the score) beside the
text's folded words, and a logistic regression fitted by ``bench/guard/train_linear.py``
weighs them together. Concepts are shared by every language the lexicons read, so what it
learns from a payload in one language carries to the others; the words catch requests the
rules have no concept for, and the contexts that make a cue harmless.

It is cheap enough for every screen (a few hundred dictionary lookups, in pure Python) and
its weights are a small JSON file beside this module (``linear.json.gz``), calibrated so
that a logit of 0 is where a text starts to be flagged.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

WEIGHTS = Path(__file__).with_name("linear.json.gz")
"""The trained weights shipped with the package."""

_WORD = re.compile(r"\w{2,24}")
_DATA = frozenset({"tool", "document"})
BLOCKED = 0.85
"""The rules' score from which they would block a text on their own."""
GRAM = 4
"""Words of at least ``GRAM + 1`` letters also give their ``GRAM``-letter pieces (with the
word's edges marked) as features, so that a stem learned in one form ("instruktioner")
is read in another ("instruktionerna"), and in the languages that glue words together."""

Features = dict[str, float]
"""Feature names and values; absent features are 0."""


def features(
    folded: str,
    concepts: Iterable[str],
    reasons: Iterable[tuple[str, float]],
    *,
    score: float,
    families: Iterable[str],
    source: str,
    beyond: Iterable[str] = (),
) -> Features:
    """What the model reads of one text.

    Args:
        folded: the folded text, whose words are features.
        concepts: the lexicon's concepts and contexts found in the text.
        reasons: the reasons of the rules matched in the text itself, with their weights
            after the context's damping: each kind is a feature, and its heaviest weight
            another.
        score: the rules' score, with what decoded runs hid.
        families: the families the rules reported.
        source: where the text comes from.
        beyond: the reasons found beyond the text's own words: in what its encoded runs
            hide, and the hiding itself.
    """
    words = set(_WORD.findall(folded))
    found: Features = dict.fromkeys((f"w:{w}" for w in words), 1.0)
    if GRAM:
        found.update(dict.fromkeys(_pieces(words), 1.0))
    where = "data" if source in _DATA else source
    ranked = sorted(set(concepts))
    for index, concept in enumerate(ranked):
        found[f"k:{concept}"] = found[f"ks:{concept}:{where}"] = 1.0
        for other in ranked[index + 1 :]:
            found[f"k:{concept}&{other}"] = 1.0
    for reason, weight in reasons:
        kind = _kind(reason)
        found[f"r:{kind}"] = 1.0
        found[f"rw:{kind}"] = max(weight, found.get(f"rw:{kind}", 0.0))
    found.update(dict.fromkeys((f"e:{r.split(':', 1)[0]}" for r in beyond), 1.0))
    found.update(dict.fromkeys((f"f:{f}" for f in families), 1.0))
    found[f"s:{source}"] = 1.0
    found["rules:score"] = score
    found["rules:objected"] = float(score >= 0.5)
    found["rules:blocked"] = float(score >= BLOCKED)
    return found


def _kind(reason: str) -> str:
    """A reason without its language or host: ``marker:inst`` stays, ``instruction_override:de``
    becomes ``instruction_override``."""
    parts = reason.split(":", 2)
    if len(parts) > 1 and len(parts[1]) <= 3:
        return parts[0]
    return ":".join(parts[:2])


def _pieces(words: Iterable[str]) -> Iterable[str]:
    for word in words:
        if len(word) > GRAM:
            edged = f"<{word}>"
            yield from (f"c:{edged[i : i + GRAM]}" for i in range(len(edged) - GRAM + 1))


class LinearModel:
    """Weights by feature name and a bias: the logit is their sum over present features.

    Example:
        >>> LinearModel({"w:wire": 1.5}, bias=-1.0).probability({"w:wire": 1.0})
        0.62...
    """

    def __init__(self, weights: dict[str, float], *, bias: float) -> None:
        """A model of ``weights`` by feature name and a ``bias``."""
        self.weights = weights
        self.bias = bias

    def logit(self, found: Features) -> float:
        """The log-odds of an attack, 0 where a text starts to be flagged."""
        weights = self.weights
        return self.bias + sum(weights.get(name, 0.0) * value for name, value in found.items())

    def probability(self, found: Features) -> float:
        """How likely the text is an attack, from 0.0 to 1.0; flag from 0.5."""
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.logit(found)))))

    def save(self, path: Path) -> None:
        """Write the model as gzipped JSON, weights rounded to what matters."""
        weights = {k: round(v, 3) for k, v in sorted(self.weights.items()) if abs(v) >= 5e-4}
        data = json.dumps({"bias": round(self.bias, 4), "weights": weights}, ensure_ascii=False)
        path.write_bytes(gzip.compress(data.encode("utf-8"), mtime=0))


def load(path: Path) -> LinearModel:
    """A model written by :meth:`LinearModel.save`."""
    data = json.loads(gzip.decompress(path.read_bytes()))
    return LinearModel(data["weights"], bias=data["bias"])


@cache
def shipped() -> LinearModel | None:
    """The model shipped with the package, or None when its weights are absent."""
    return load(WEIGHTS) if WEIGHTS.exists() else None
