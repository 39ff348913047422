"""Train the guard's learned model: a logistic regression over the rules' findings and words.

Reads every training split (``corpus/train*.jsonl`` and ``corpus/dev.jsonl``; never ``dev2``,
kept apart to choose settings on and to measure how the model generalises, nor the blind
split), turns each text into the features ``conclave.engine.guard.linear`` defines (through
the rules, without the model), keeps the features seen in at least ``MIN_COUNT`` texts, and
fits an L2-regularised, class-balanced logistic regression in numpy. Five-fold
cross-validation, with ``train*`` items grouped by language since one payload recurs in
several carriers within a language, picks the logit threshold with the most out-of-fold
detections whose false-positive rate stays within ``FP_BUDGET``. As in the guard, the model
decides every text but one the rules block in a user's message or on a hidden or forged shape
(``RuleGuard._held``).

Writes ``src/conclave/engine/guard/linear.json.gz`` with the bias shifted so that the chosen
threshold is logit 0. ``--report`` first prints the out-of-fold rates by split and source,
then fits on the training splits and scores ``dev2``, then on the others and ``dev2`` and
scores ``dev``: rates on texts the model never saw, beside the rules' own. ``--search``
prints, for each penalty and feature cut-off, the cross-validated detection and the rates on
``dev2`` at the cross-validated threshold: what ``PENALTY`` and ``MIN_COUNT`` were chosen on.

Usage: ``python bench/guard/train_linear.py [--dry-run] [--report] [--search]``.
Deterministic.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import load, screening, training_splits
from _folds import folds

from conclave.engine.guard.linear import WEIGHTS, Features, LinearModel
from conclave.engine.guard.normalize import fold
from conclave.engine.guard.rules import RuleGuard, evidence

FOLDS = 5
SEED = 20240611
MIN_COUNT = 2
"""A feature seen in fewer texts is dropped: it would only learn those texts by heart."""
PENALTY = 1e-4
"""The L2 penalty, on a loss averaged over items; chosen with ``--search``."""
FP_BUDGET = 0.02
"""The out-of-fold false-positive rate the threshold is chosen for: the bar."""
REPEATS = 5
"""Cross-validations, each with its own folds, whose thresholds' median is kept: one split
into folds moves the threshold by more than the choice is worth."""
STEPS, RATE = 300, 0.05
"""Full-batch Adam: how many steps, and their size."""
GRID = ((1e-4, 3e-4, 1e-3), (2, 3, 5))
"""The penalties and cut-offs ``--search`` tries."""
SCALES = {"w": 3.0, "c": 3.0}
"""The penalty on each kind of feature (by the prefix before its colon), as a multiple of
``PENALTY``: words and pieces of words say more about one language than concepts do, and
a stronger hold on them raised the cross-validated detection (by about a point)."""


class Data:
    """Items as a sparse matrix (CSR over a vocabulary), labels, and which the rules hold."""

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
        self.held = np.array([_held(item) for item in items], bool)
        self.width = len(vocabulary)
        self.scales = np.ones(self.width)
        for name, index in vocabulary.items():
            self.scales[index] = SCALES.get(name.split(":", 1)[0], 1.0)

    def logits(self, weights: np.ndarray, bias: float) -> np.ndarray:
        """Each item's logit under ``weights`` and ``bias``."""
        products = weights[self.columns] * self.values
        return np.bincount(self.rows, weights=products, minlength=len(self.y)) + bias


_CACHE: dict[str, Features] = {}
_HELD: dict[str, bool] = {}
_RULES = RuleGuard(learned=False)


def _features(item: dict[str, Any]) -> Features:
    if item["id"] not in _CACHE:
        _CACHE[item["id"]] = evidence(item["text"], item["source"])
    return _CACHE[item["id"]]


def _held(item: dict[str, Any]) -> bool:
    """Whether the rules' verdict on ``item`` stands whatever the model says."""
    if item["id"] not in _HELD:
        verdict = _RULES.check(item["text"], screening(item))
        folded = fold(item["text"]).text
        _HELD[item["id"]] = verdict.action != "allow" and _RULES._held(
            verdict, item["source"], folded
        )
    return _HELD[item["id"]]


def vocabulary(items: list[dict[str, Any]], min_count: int) -> dict[str, int]:
    """Features present in at least ``min_count`` of ``items``, numbered in sorted order."""
    counts = Counter(name for item in items for name in _features(item))
    kept = sorted(name for name, count in counts.items() if count >= min_count)
    return {name: index for index, name in enumerate(kept)}


def fit(data: Data, penalty: float) -> tuple[np.ndarray, float]:
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
        grads = [gradient + penalty * data.scales * params[0], np.array([residual.sum()])]
        for param, grad, (first, second) in zip(params, grads, moments, strict=True):
            first[:] = 0.9 * first + 0.1 * grad
            second[:] = 0.999 * second + 0.001 * grad * grad
            corrected = first / (1 - 0.9**step)
            param -= RATE * corrected / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return params[0], float(params[1][0])


def caught(data: Data, logits: np.ndarray, threshold: float) -> np.ndarray:
    """What the guard stops: what the rules hold, and what the model puts over threshold."""
    return data.held | (logits > threshold)


def rates(stopped: np.ndarray, y: np.ndarray) -> str:
    """Detection and false-positive rates, as text."""
    detection = stopped[y == 1].mean() if y.any() else float("nan")
    fp = stopped[y == 0].mean() if (y == 0).any() else float("nan")
    return f"caught {detection:.3f} of {int(y.sum()):>4}  fp {fp:.3f}"


def out_of_fold(
    items: list[dict[str, Any]], seed: int, penalty: float, min_count: int
) -> np.ndarray:
    """Each item's logit from the model fitted on the other folds."""
    fold = folds(items, seed=seed, count=FOLDS)
    logits = np.zeros(len(items))
    for k in range(FOLDS):
        inside = [item for item, f in zip(items, fold, strict=True) if f != k]
        outside = [item for item, f in zip(items, fold, strict=True) if f == k]
        words = vocabulary(inside, min_count)
        weights, bias = fit(Data(inside, words), penalty)
        logits[fold == k] = Data(outside, words).logits(weights, bias)
    return logits


def best_threshold(data: Data, logits: np.ndarray) -> float:
    """The logit threshold that catches most with at most ``FP_BUDGET`` false positives."""
    best, cut = -1.0, float(logits.max())
    for candidate in np.quantile(logits, np.linspace(0.3, 0.999, 400)):
        stopped = caught(data, logits, float(candidate))
        if stopped[data.y == 0].mean() <= FP_BUDGET and stopped[data.y == 1].mean() > best:
            best, cut = float(stopped[data.y == 1].mean()), float(candidate)
    return cut


def cross_validated(
    items: list[dict[str, Any]], penalty: float, min_count: int, *, verbose: bool = True
) -> tuple[float, float, np.ndarray]:
    """The median out-of-fold threshold over ``REPEATS`` cross-validations, the mean
    detection at each one's own threshold, and the first one's logits."""
    data = Data(items, {})
    chosen, detections, first = [], [], np.zeros(0)
    for seed in range(SEED, SEED + REPEATS):
        logits = out_of_fold(items, seed, penalty, min_count)
        cut = best_threshold(data, logits)
        stopped = caught(data, logits, cut)
        if verbose:
            print(f"out of fold, threshold {cut:.2f}: {rates(stopped, data.y)}")
        chosen.append(cut)
        detections.append(float(stopped[data.y == 1].mean()))
        first = logits if not len(first) else first
    return float(np.median(chosen)), float(np.mean(detections)), first


def trained(
    items: list[dict[str, Any]], penalty: float = PENALTY, min_count: int = MIN_COUNT
) -> LinearModel:
    """The model fitted on ``items``, its bias shifted so that logit 0 flags."""
    cut, _, _ = cross_validated(items, penalty, min_count)
    return fitted(items, penalty, min_count, cut)


def fitted(items: list[dict[str, Any]], penalty: float, min_count: int, cut: float) -> LinearModel:
    """The model fitted on ``items`` with its bias shifted by ``cut``."""
    words = vocabulary(items, min_count)
    weights, bias = fit(Data(items, words), penalty)
    named = {name: float(weights[index]) for name, index in words.items()}
    return LinearModel(named, bias=bias - cut)


def screened(*splits: str) -> list[dict[str, Any]]:
    """The items of ``splits`` the model screens: all but the model's own replies."""
    return [item for split in splits for item in load(split) if item["source"] != "output"]


def scored(model: LinearModel, split: str, name: str) -> None:
    """Print ``model``'s rates on ``split``, overall and by source, beside the rules' own."""
    items = screened(split)
    data = Data(items, {})
    stopped = caught(data, np.array([model.logit(_features(i)) for i in items]), 0.0)
    print(f"{name}: model {rates(stopped, data.y)}")
    print(f"{name}: rules {rates(data.scores >= 0.5, data.y)}")
    for source in ("input", "tool", "document"):
        mask = np.array([i["source"] == source for i in items])
        print(f"{'':>12}{source:>9}: {rates(stopped[mask], data.y[mask])}")


def report(splits: list[str]) -> None:
    """Out-of-fold rates on the training splits, then rates across splits."""
    items = screened(*splits)
    data = Data(items, {})
    cut, _, logits = cross_validated(items, PENALTY, MIN_COUNT, verbose=False)
    stopped = caught(data, logits, cut)
    print(f"out of fold at threshold {cut:.2f}: {rates(stopped, data.y)}")
    for split in splits:
        mask = np.array([i["id"].startswith(f"{split}-") for i in items])
        print(f"{'':>12}{split:>9}: {rates(stopped[mask], data.y[mask])}")
    for source in ("input", "tool", "document"):
        mask = np.array([i["source"] == source for i in items])
        print(f"{'':>12}{source:>9}: {rates(stopped[mask], data.y[mask])}")
    scored(fitted(items, PENALTY, MIN_COUNT, cut), "dev2", f"{'+'.join(splits)} -> dev2")
    others = [s for s in splits if s != "dev"] + ["dev2"]
    scored(trained(screened(*others)), "dev", f"{'+'.join(others)} -> dev")


def search(splits: list[str]) -> None:
    """Cross-validated detection and ``dev2`` rates for each setting in ``GRID``."""
    items = screened(*splits)
    held_out = screened("dev2")
    data = Data(held_out, {})
    for penalty in GRID[0]:
        for min_count in GRID[1]:
            cut, detection, _ = cross_validated(items, penalty, min_count, verbose=False)
            model = fitted(items, penalty, min_count, cut)
            logits = np.array([model.logit(_features(i)) for i in held_out])
            figures = rates(caught(data, logits, 0.0), data.y)
            print(f"penalty {penalty:g} min_count {min_count}: out of fold caught "
                  f"{detection:.3f}; dev2 {figures}; {len(model.weights)} features")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="do not write the weights")
    parser.add_argument("--report", action="store_true", help="print cross-split rates first")
    parser.add_argument("--search", action="store_true", help="print rates for each setting")
    args = parser.parse_args()
    splits = training_splits()
    print(f"training on {', '.join(splits)}")
    if args.search:
        search(splits)
    if args.report:
        report(splits)
    model = trained(screened(*splits))
    print(f"{len(model.weights)} features")
    if not args.dry_run:
        model.save(WEIGHTS)
        print(f"wrote {WEIGHTS} ({WEIGHTS.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
