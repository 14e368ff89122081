"""Learn the confidence (a logistic model over answer.CONFIDENCE_NAMES) on
squad2_tune: answerable vs unanswerable. Prints the weights for weights.py and
the auroc of each half of the articles when trained on the other half.

    python bench/train_confidence.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from askbot.analysis import MAX_TERMS, tokenize
from askbot.answer import CONFIDENCE_NAMES, Settings, _rank, confidence_features
from askbot.evaluate import auroc, jobs, read_records
from askbot.retriever import Retriever

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def collect(name: str) -> list[tuple[int, np.ndarray, bool]]:
    """(article number, features, answerable) per question."""
    out = []
    for n, (corpus, items) in enumerate(jobs(read_records(EVAL / f"{name}.jsonl"), None)):
        retriever = Retriever(corpus)
        for item in items:
            text = " ".join(item.question.split())
            terms = tokenize(text, MAX_TERMS)
            ranked, q = _rank(text, terms, retriever, Settings()) if terms else ([], None)
            f = confidence_features(ranked, q, retriever) if ranked else np.zeros(len(CONFIDENCE_NAMES))
            out.append((n, f, item.answerable))
    return out


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 4000, lr: float = 0.05) -> np.ndarray:
    mu, sd = X[:, :-1].mean(0), X[:, :-1].std(0) + 1e-9
    Z = np.hstack([(X[:, :-1] - mu) / sd, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    m_, v_ = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(Z @ w)))
        g = Z.T @ (p - y) / len(y) + l2 * w
        m_, v_ = 0.9 * m_ + 0.1 * g, 0.999 * v_ + 0.001 * g * g
        w -= lr * (m_ / (1 - 0.9**t)) / (np.sqrt(v_ / (1 - 0.999**t)) + 1e-8)
    # back to raw features: w·((x - mu)/sd) + b
    raw = w[:-1] / sd
    return np.append(raw, w[-1] - raw @ mu)


def main() -> None:
    data = collect("squad2_tune")
    arts = np.array([a for a, _, _ in data])
    X = np.array([f for _, f, _ in data])
    y = np.array([ok for _, _, ok in data], dtype=float)
    half = arts % 2 == 0
    for tr, te in ((half, ~half), (~half, half)):
        w = fit(X[tr], y[tr])
        s = X[te] @ w
        print("auroc on the other half:", round(auroc(list(s[y[te] == 1]), list(s[y[te] == 0])), 4))
    print("coverage alone:", round(auroc(list(X[y == 1, 0]), list(X[y == 0, 0])), 4))
    w = fit(X, y)
    print("CONFIDENCE_WEIGHTS = (" + ", ".join(f"{x:.4f}" for x in w) + ")")
    print("# " + ", ".join(CONFIDENCE_NAMES))


if __name__ == "__main__":
    main()
