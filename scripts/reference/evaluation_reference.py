#!/usr/bin/python3
"""Writes src/search/fixtures/evaluation-reference.json: reference figures from scikit-learn and NLTK that the unit
tests of src/search compare against (linearProbe, classificationMetrics, METEOR). Run once, commit the JSON:

    npm run reference   (installs Debian's python3-sklearn and python3-nltk when missing, then runs this)

Needs Debian's python3-sklearn, python3-nltk and python3-numpy. Deterministic (seeded); rerunning rewrites the same
file unless a library version changes a figure (the versions are recorded in the file).
"""

import json
import pathlib
import sys

import nltk
import numpy as np
import sklearn
from nltk.translate.meteor_score import single_meteor_score
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

OUT = pathlib.Path(__file__).resolve().parents[2] / "src/search/fixtures/evaluation-reference.json"


def stored_rows(rng, count, dims, classes, spread):
    """Unit vectors around `classes` random centers, int8-quantized as Shoebox stores them (scale = max|x| / 127 as
    float32, code = round(x / scale)). Returns the codes, the scales and the dequantized float32 rows."""
    centers = rng.standard_normal((classes, dims))
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    labels = np.arange(count) % classes
    rng.shuffle(labels)
    x = centers[labels] + spread / np.sqrt(dims) * rng.standard_normal((count, dims))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    scales = (np.abs(x).max(axis=1) / 127).astype(np.float32)
    codes = np.clip(np.round(x / scales[:, None]), -127, 127).astype(np.float32)
    return codes.astype(np.int8), scales, (codes * scales[:, None]).astype(np.float32), labels


def as_list(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def objective_gradient(model, x, y, c, classes):
    """max |gradient| of sum_i log-loss + |W|^2 / (2C) at the model's solution (the objective scikit-learn solves)."""
    z = x @ model.coef_.T + model.intercept_
    if classes == 2:
        residual = (1 / (1 + np.exp(-z[:, 0])) - (y == 1))[:, None]
    else:
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        residual = p - np.eye(classes)[y]
    grad_w = residual.T @ x + model.coef_ / c
    grad_b = residual.sum(axis=0)
    return max(np.abs(grad_w).max(), np.abs(grad_b).max())


def probe_case(name, seed, classes, dims, train_count, validation_count, c, spread):
    rng = np.random.RandomState(seed)
    codes, scales, x, y = stored_rows(rng, train_count + validation_count, dims, classes, spread)
    x64 = x.astype(np.float64)
    train, validation = slice(0, train_count), slice(train_count, None)
    multi_class = "multinomial" if classes > 2 else "auto"  # two classes: binary logistic regression
    model = LogisticRegression(
        C=c, multi_class=multi_class, solver="lbfgs", tol=1e-12, max_iter=100000, warm_start=True
    )
    # SciPy also stops on a relative decrease of 2.2e-9, well before the optimum; refit from the last solution
    # until the gradient of the objective is below 1e-6, so the figures are the optimum, not where a solver stopped.
    for _ in range(200):
        model.fit(x64[train], y[train])
        gradient = objective_gradient(model, x64[train], y[train], c, classes)
        if gradient < 1e-6:
            break
    assert gradient < 1e-6, f"{name}: scikit-learn did not reach the optimum (gradient {gradient})"
    probabilities = model.predict_proba(x64[validation])
    predicted = model.predict(x64[validation])
    intercept = model.intercept_ - (model.intercept_.mean() if classes > 2 else 0)
    p, r, f1, support = precision_recall_fscore_support(
        y[validation], predicted, labels=list(range(classes)), zero_division=0
    )
    macro = precision_recall_fscore_support(y[validation], predicted, average="macro", zero_division=0)
    return {
        "name": name,
        "c": c,
        "gradientMaxAbs": float(gradient),
        "classCount": classes,
        "dims": dims,
        # Stored rows: vector j of row i = float32(codes[i][j] * scales[i]); the first train_count rows train.
        "codes": [[int(v) for v in row] for row in codes],
        "scales": as_list(scales),
        "trainCount": train_count,
        "trainLabels": [int(v) for v in y[train]],
        "validationLabels": [int(v) for v in y[validation]],
        "coef": [as_list(row) for row in model.coef_],
        "intercept": as_list(intercept),
        "probabilities": [as_list(row) for row in probabilities],
        "predicted": [int(v) for v in predicted],
        "accuracy": float(accuracy_score(y[validation], predicted)),
        "confusion": confusion_matrix(y[validation], predicted, labels=list(range(classes))).tolist(),
        "precision": as_list(p),
        "recall": as_list(r),
        "f1": as_list(f1),
        "support": [int(v) for v in support],
        "macro": {"precision": float(macro[0]), "recall": float(macro[1]), "f1": float(macro[2])},
    }


def metrics_case():
    """Hand-made labels with a class never predicted (3), one never true (4) and one in neither (5)."""
    truth = [0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 0, 1]
    predicted = [0, 1, 0, 1, 2, 2, 2, 0, 1, 0, 4, 1]
    labels = list(range(6))
    p, r, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    macro = precision_recall_fscore_support(truth, predicted, average="macro", zero_division=0)
    return {
        "classCount": 6,
        "truth": truth,
        "predicted": predicted,
        "precision": as_list(p),
        "recall": as_list(r),
        "f1": as_list(f1),
        "support": [int(v) for v in support],
        "macro": {"precision": float(macro[0]), "recall": float(macro[1]), "f1": float(macro[2])},
    }


class NoWordNet:
    """NLTK's METEOR without WordNet synonyms (Shoebox matches exact words and stems only)."""

    @staticmethod
    def synsets(*_args, **_kwargs):
        return []


def meteor_case():
    pairs = [
        (
            "dog dog a dog dogs a the a the the dog dog a dog dog the",
            "a dog a the a dogs dogs a dogs dogs a dog a dogs a the a dog",
        ),
        ("a dog on the beach", "the dog is on a beach"),
        ("two cats on a red sofa", "a cat sleeping on the red sofas"),
    ]
    return [
        {
            "candidate": candidate,
            "reference": reference,
            "nltk": float(single_meteor_score(reference.split(), candidate.split(), wordnet=NoWordNet)),
        }
        for candidate, reference in pairs
    ]


def main():
    reference = {
        "generator": "scripts/reference/evaluation_reference.py",
        "versions": {"sklearn": sklearn.__version__, "nltk": nltk.__version__, "numpy": np.__version__},
        "probe": [
            probe_case("multinomial", seed=15, classes=4, dims=16, train_count=120, validation_count=60, c=1.0, spread=1.2),
            probe_case("multinomial-c10", seed=16, classes=3, dims=8, train_count=60, validation_count=30, c=10.0, spread=1.5),
            probe_case("binary", seed=17, classes=2, dims=16, train_count=60, validation_count=30, c=0.5, spread=1.5),
        ],
        "metrics": metrics_case(),
        "meteor": meteor_case(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(reference, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
