"""Learn the sentence ranker's feature weights on the tune sets (never holdout).

For each answerable question, the candidates are the sentences of the top-k
passages and the right ones are those score.py would count right. A linear
scorer is fitted with a listwise softmax loss (the right sentence should
score highest) and L2, by Adam in numpy. Prints the weights for weights.py and
the hit@1 of each set when trained on the other (a check on over-fitting).

    python bench/train_ranker.py            # squad11_tune + squad2_tune
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from askbot.analysis import MAX_TERMS, tokenize
from askbot.evaluate import jobs, read_records
from askbot.features import NAMES, Question, candidates
from askbot.retriever import Retriever

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def collect(name: str, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    data = []
    for corpus, items in jobs(read_records(EVAL / f"{name}.jsonl"), None):
        retriever = Retriever(corpus)
        for item in items:
            if not item.answerable:
                continue
            text = " ".join(item.question.split())
            terms = tokenize(text, MAX_TERMS)
            hits = retriever.search(terms, k)
            if not hits:
                continue
            cands, rows = candidates(Question(text, terms, retriever), hits, retriever)
            y = np.array([item.right(c.sentence.text) for c in cands], dtype=float)
            if y.any():
                data.append((rows, y))
    return data


def pad(data):
    n, m, d = len(data), max(len(x) for x, _ in data), data[0][0].shape[1]
    X, Y, M = np.zeros((n, m, d)), np.zeros((n, m)), np.zeros((n, m), dtype=bool)
    for i, (x, y) in enumerate(data):
        X[i, : len(x)], Y[i, : len(x)], M[i, : len(x)] = x, y / y.sum(), True
    return X, Y, M


def fit(data, l2: float = 1e-3, steps: int = 3000, lr: float = 0.05) -> np.ndarray:
    X, Y, M = pad(data)
    w = np.zeros(X.shape[2])
    w[0] = 1.0
    m_, v_ = np.zeros_like(w), np.zeros_like(w)
    for t in range(1, steps + 1):
        s = np.where(M, X @ w, -np.inf)
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        grad = np.einsum("nm,nmd->d", p - Y, X) / len(X) + l2 * w
        m_ = 0.9 * m_ + 0.1 * grad
        v_ = 0.999 * v_ + 0.001 * grad**2
        w -= lr * (m_ / (1 - 0.9**t)) / (np.sqrt(v_ / (1 - 0.999**t)) + 1e-8)
    return w


def hit1(data, w) -> float:
    return float(np.mean([y[int(np.argmax(x @ w))] > 0 for x, y in data]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-3)
    a = ap.parse_args()
    sets = {name: collect(name, a.k) for name in ("squad11_tune", "squad2_tune")}
    (n1, d1), (n2, d2) = sets.items()
    for train, test, tn in ((d1, d2, n2), (d2, d1, n1)):
        print(f"trained on the other set, hit@1 among candidates on {tn}: {hit1(test, fit(train, a.l2)):.4f}",
              file=sys.stderr)
    w = fit(d1 + d2, a.l2)
    print(f"both sets: {hit1(d1 + d2, w):.4f}", file=sys.stderr)
    print("WEIGHTS = (" + ", ".join(f"{x:.4f}" for x in w) + ")")
    print("# " + ", ".join(NAMES))


if __name__ == "__main__":
    main()
