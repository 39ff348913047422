"""A small lexicon-based sentiment scorer for financial news, with negation handling.

Each known word has a weight (±1, or ±2 for strong words). An intensifier ("very") makes
the next scored word count 1.5 times; a negator ("not", "no", "never", a word ending in
"n't") flips the sign of scored words among the next three words of its clause. The total
is squashed into (-1, 1) as ``total / sqrt(total**2 + 15)``, as VADER does.
"""

from __future__ import annotations

import math
import re
from typing import Any

NORMALISER = 15.0
THRESHOLD = 0.05
INTENSITY = 1.5
NEGATION_WINDOW = 3  # words after a negator that it flips
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|[.,;:!?]")
_CLAUSE_END = frozenset(".,;:!?") | {"but", "however", "although", "though"}
NEGATORS = frozenset({"not", "no", "never", "without", "nor", "neither", "hardly", "barely"})
INTENSIFIERS = frozenset({"very", "extremely", "highly", "sharply", "significantly", "deeply"})


def _weights(words: str, weight: float) -> dict[str, float]:
    return dict.fromkeys(words.split(), weight)


LEXICON: dict[str, float] = {
    **_weights(
        """beat beats gain gains gained growth grow grew grows strong stronger rise rises rose
        rising up upgrade upgraded profit profits profitable improve improved improves
        improving positive optimistic bullish outperform outperformed exceed exceeded exceeds
        boost boosted rebound rebounded recover recovered recovery expand expanded expansion
        win wins won approval approved success successful robust solid higher raise raised
        dividend buyback innovative demand partnership""",
        1.0,
    ),
    **_weights("surge surged surges soar soared soars record breakthrough rally rallied", 2.0),
    **_weights(
        """miss missed misses loss losses lose weak weaker fall falls fell falling drop drops
        dropped decline declined declines down downgrade downgraded cut cuts negative
        pessimistic bearish underperform concern concerns worry worries risk risks delay
        delayed lawsuit probe investigation fine fined penalty recall layoffs warning warns
        warned lower slowdown slump slumped shortage volatile uncertainty debt""",
        -1.0,
    ),
    **_weights("plunge plunged plunges crash crashed fraud bankruptcy default collapse", -2.0),
}


def score_text(text: str) -> dict[str, Any]:
    """The score, label and the words that moved it (negated ones prefixed ``not``)."""
    total, hits = 0.0, []
    reach, boost = 0, 1.0  # words the last negator still flips; the next word's intensity
    for token in _TOKEN.findall(text.lower()):
        if token in _CLAUSE_END:
            reach, boost = 0, 1.0
            continue
        if token in NEGATORS or token.endswith("n't"):
            reach = NEGATION_WINDOW + 1
        elif token in INTENSIFIERS:
            boost = INTENSITY
        elif token in LEXICON:
            negated = reach > 0
            weight = LEXICON[token] * boost * (-1 if negated else 1)
            total += weight
            hits.append((f"not {token}" if negated else token, weight))
            boost = 1.0
        reach = max(0, reach - 1)
    score = total / math.sqrt(total * total + NORMALISER)
    return {
        "score": round(score, 4),
        "label": _label(score),
        "total_weight": round(total, 4),
        "positive": [word for word, weight in hits if weight > 0],
        "negative": [word for word, weight in hits if weight < 0],
    }


def _label(score: float) -> str:
    if score >= THRESHOLD:
        return "positive"
    if score <= -THRESHOLD:
        return "negative"
    return "neutral"
