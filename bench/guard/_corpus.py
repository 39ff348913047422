"""The labelled corpus under ``bench/guard/corpus``: reading a split, and each line's context."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conclave.engine.guard import Screening

CORPUS = Path(__file__).parent / "corpus"


def load(split: str) -> list[dict[str, Any]]:
    """The lines of one split, or an empty list when its file is absent."""
    path = CORPUS / f"{split}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def training_splits() -> list[str]:
    """The splits the learned models are fitted on: every ``train*`` file, then ``dev``.

    ``dev2`` stays out, to choose settings on and to measure how they generalise, and the
    blind split is never read for training.
    """
    names = sorted(path.stem for path in CORPUS.glob("train*.jsonl"))
    return [*names, "dev"]


def screening(item: dict[str, Any]) -> Screening:
    """The screening context a corpus line asks for."""
    context = item.get("context") or {}
    return Screening(
        source=item.get("source", "input"),
        system_prompt=context.get("system_prompt", ""),
        allowed_hosts=frozenset(context.get("allowed_hosts", ())),
    )
