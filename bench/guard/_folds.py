"""Cross-validation folds for the guard's training scripts."""

from __future__ import annotations

from typing import Any

import numpy as np


def folds(items: list[dict[str, Any]], *, seed: int, count: int) -> np.ndarray:
    """A fold per item: ``train`` items by language, so a fold never sees the language it is
    scored on, and the others at random."""
    rng = np.random.default_rng(seed)
    languages = sorted({i["language"] for i in items if i["id"].startswith("train")})
    by_language = dict(zip(languages, rng.permutation(len(languages)) % count, strict=True))
    return np.array(
        [
            by_language[i["language"]] if i["id"].startswith("train") else rng.integers(count)
            for i in items
        ]
    )
