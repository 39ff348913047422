"""Train the guard's learned model: a logistic regression over the rules' findings and words.

Reads ``corpus/train.jsonl`` and ``corpus/dev.jsonl`` (never ``dev2``, kept apart to measure
how the model generalises, nor the blind split), turns each text into the features
``conclave.engine.guard.linear`` defines (through the rules, without the model), keeps the
features seen in at least ``MIN_COUNT`` texts, and fits an L2-regularised, class-balanced
logistic regression in numpy. Five-fold cross-validation, with train items grouped by
language since one payload recurs in several carriers within a language, picks the logit
threshold with the most out-of-fold detections whose false-positive rate stays within
``FP_BUDGET``, where, as in the guard, a text the rules block stays blocked.

Writes ``src/conclave/engine/guard/linear.json.gz`` with the bias shifted so that the chosen
threshold is logit 0. ``--report`` first fits on train and dev and scores dev2, then on train
and dev2 and scores dev: rates on texts the model never saw, beside the rules' own.

Usage: ``python bench/guard/train_linear.py [--dry-run] [--report]``. Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import load
from _folds import folds

from conclave.engine.guard.linear import WEIGHTS, Features, LinearModel
from conclave.engine.guard.rules import Thresholds, evidence

FOLDS = 5
SEED = 20240611
MIN_COUNT = 3
"""A feature seen in fewer texts is dropped: it would only learn those texts by heart."""
PENALTY = 1e-3
"""The L2 penalty, on a loss averaged over items; chosen on cross-split rates."""
FP_BUDGET = 0.02
"""The out-of-fold false-positive rate the threshold is chosen for: the bar."""
REPEATS = 5
"""Cross-validations, each with its own folds, whose thresholds' median is kept: one split
into folds moves the threshold by more than the choice is worth."""
STEPS, RATE = 300, 0.05
"""Full-batch Adam: how many steps, and their size."""
BLOCK_AT = Thresholds().block_at


class Data:
    """Items as a sparse matrix (CSR over a vocabulary), labels and the rules' scores."""

    def __init__(self, items: list[dict[str, Any]], vocabulary: dict[str, int]) -> None:
        """Read ``items`` through ``vocabulary``; features outside it are dropped."""
        found = [_features(item) for item in items]
        columns, values, pointers = [], [], [0]
        for row in found:
            kept = [(vocabulary[k], v) for k, v in row.items() if k in vocabulary]
            columns += [k for k, _ in kept]
            values += [v for _, v in kept]
            pointers.append(len(columns))
        self.columns = np.array(columns, np.int64)
        self.values = np.array(values, np.float64)
        self.rows = np.repeat(np.arange(len(items)), np.diff(pointers))
        self.y = np.array([item["label"] == "attack" for item in items], np.float64)
        self.scores = np.array([row.get("rules:score", 0.0) for row in found])
        self.width = len(vocabulary)

    def logits(self, weights: np.ndarray, bias: float) -> np.ndarray:
        """Each item's logit under ``weights`` and ``bias``."""
        products = weights[self.columns] * self.values
        return np.bincount(self.rows, weights=products, minlength=len(self.y)) + bias


_CACHE: dict[str, Features] = {}


def _features(item: dict[str, Any]) -> Features:
    if item["id"] not in _CACHE:
        _CACHE[item["id"]] = evidence(item["text"], item["source"])
    return _CACHE[item["id"]]


def vocabulary(items: list[dict[str, Any]]) -> dict[str, int]:
    """Features present in at least ``MIN_COUNT`` of ``items``, numbered in sorted order."""
    counts = Counter(name for item in items for name in _features(item))
    kept = sorted(name for name, count in counts.items() if count >= MIN_COUNT)
    return {name: index for index, name in enumerate(kept)}


def fit(data: Data) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-penalised logistic regression by full-batch Adam."""
    y = data.y
    share = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean())) / len(y)
    params = [np.zeros(data.width), np.zeros(1)]
    moments = [[np.zeros_like(p), np.zeros_like(p)] for p in params]
    for step in range(1, STEPS + 1):
        p = 1.0 / (1.0 + np.exp(-data.logits(params[0], float(params[1][0]))))
        residual = share * (p - y)
        gradient = np.bincount(
            data.columns, weights=residual[data.rows] * data.values, minlength=data.width
        )
        grads = [gradient + PENALTY * params[0], np.array([residual.sum()])]
        for param, grad, (first, second) in zip(params, grads, moments, strict=True):
            first[:] = 0.9 * first + 0.1 * grad
            second[:] = 0.999 * second + 0.001 * grad * grad
            corrected = first / (1 - 0.9**step)
            param -= RATE * corrected / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return params[0], float(params[1][0])


def caught(data: Data, logits: np.ndarray, threshold: float) -> np.ndarray:
    """What the guard stops: what the rules block, and what the model puts over threshold."""
    return (data.scores >= BLOCK_AT) | (logits > threshold)


def rates(stopped: np.ndarray, y: np.ndarray) -> str:
    """Detection and false-positive rates, as text."""
    return f"caught {stopped[y == 1].mean():.3f}  fp {stopped[y == 0].mean():.3f}"


def out_of_fold(items: list[dict[str, Any]], seed: int) -> np.ndarray:
    """Each item's logit from the model fitted on the other folds."""
    fold = folds(items, seed=seed, count=FOLDS)
    logits = np.zeros(len(items))
    for k in range(FOLDS):
        inside = [item for item, f in zip(items, fold, strict=True) if f != k]
        outside = [item for item, f in zip(items, fold, strict=True) if f == k]
        words = vocabulary(inside)
        weights, bias = fit(Data(inside, words))
        logits[fold == k] = Data(outside, words).logits(weights, bias)
    return logits


def threshold(items: list[dict[str, Any]]) -> float:
    """The median over ``REPEATS`` cross-validations of the out-of-fold logit threshold that
    catches most within ``FP_BUDGET``."""
    data = Data(items, {})
    chosen = []
    for seed in range(SEED, SEED + REPEATS):
        logits = out_of_fold(items, seed)
        best, cut = -1.0, float(logits.max())
        for candidate in np.quantile(logits, np.linspace(0.3, 0.995, 300)):
            stopped = caught(data, logits, float(candidate))
            if stopped[data.y == 0].mean() <= FP_BUDGET and stopped[data.y == 1].mean() > best:
                best, cut = float(stopped[data.y == 1].mean()), float(candidate)
        print(f"out of fold, threshold {cut:.2f}: {rates(caught(data, logits, cut), data.y)}")
        chosen.append(cut)
    return float(np.median(chosen))


def trained(items: list[dict[str, Any]]) -> LinearModel:
    """The model fitted on ``items``, its bias shifted so that logit 0 flags."""
    cut = threshold(items)
    words = vocabulary(items)
    weights, bias = fit(Data(items, words))
    named = {name: float(weights[index]) for name, index in words.items()}
    return LinearModel(named, bias=bias - cut)


def screened(*splits: str) -> list[dict[str, Any]]:
    """The items of ``splits`` the model screens: all but the model's own replies."""
    return [item for split in splits for item in load(split) if item["source"] != "output"]


def held_out(fitted_on: list[str], scored: str) -> None:
    """Fit on ``fitted_on`` and print the rates on ``scored``, beside the rules' alone."""
    model = trained(screened(*fitted_on))
    items = screened(scored)
    data = Data(items, {})
    logits = np.array([model.logit(_features(item)) for item in items])
    name = f"{'+'.join(fitted_on)} -> {scored}"
    print(f"{name}: model {rates(caught(data, logits, 0.0), data.y)}")
    print(f"{name}: rules {rates(data.scores >= 0.5, data.y)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="do not write the weights")
    parser.add_argument("--report", action="store_true", help="print cross-split rates first")
    args = parser.parse_args()
    if args.report:
        held_out(["train", "dev"], "dev2")
        held_out(["train", "dev2"], "dev")
    model = trained(screened("train", "dev"))
    print(f"{len(model.weights)} features")
    if not args.dry_run:
        model.save(WEIGHTS)
        print(f"wrote {WEIGHTS} ({WEIGHTS.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
