"""Learn the sentence ranker's feature weights on the tune sets (never holdout).

For each answerable question, the candidates are the sentences of the top-k
passages and the right ones are those score.py would count right. A linear
scorer is fitted with a listwise softmax loss (the right sentence should
score highest) and L2, by Adam in numpy, both as a linear scorer (WEIGHTS, kept
for the ablation) and as one hidden layer of 16 ReLUs (RANKER, what askbot
uses). Prints both for weights.py and
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


def fit_mlp(data, hidden: int = 16, steps: int = 1500, lr: float = 0.01, l2: float = 1e-4, seed: int = 0) -> dict:
    """One hidden layer of ReLUs over standardised features, same listwise loss."""
    X, Y, M = pad(data)
    n = len(X)
    mean, scale = X[M].mean(0), X[M].std(0) + 1e-9
    Z = (X - mean) / scale
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, 0.3, (X.shape[2], hidden)), np.zeros(hidden), rng.normal(0, 0.3, hidden)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for t in range(1, steps + 1):
        W1, b1, w2 = params
        H = Z @ W1 + b1
        A = np.maximum(H, 0)
        s = np.where(M, A @ w2, -np.inf)
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        g = np.where(M, (p - Y) / n, 0.0)
        gH = g[..., None] * w2 * (H > 0)
        grads = [np.einsum("nmd,nmh->dh", Z, gH) + l2 * W1, gH.sum((0, 1)), np.einsum("nm,nmh->h", g, A) + l2 * w2]
        for i, grad in enumerate(grads):
            m_, v_ = moments[i]
            m_, v_ = 0.9 * m_ + 0.1 * grad, 0.999 * v_ + 0.001 * grad * grad
            moments[i] = (m_, v_)
            params[i] -= lr * (m_ / (1 - 0.9**t)) / (np.sqrt(v_ / (1 - 0.999**t)) + 1e-8)
    W1, b1, w2 = params
    return {"mean": mean, "scale": scale, "hidden": W1, "bias": b1, "out": w2}


def mlp_scores(model: dict, x: np.ndarray) -> np.ndarray:
    return np.maximum((x - model["mean"]) / model["scale"] @ model["hidden"] + model["bias"], 0) @ model["out"]


def hit1(data, w) -> float:
    score = (lambda x: mlp_scores(w, x)) if isinstance(w, dict) else (lambda x: x @ w)
    return float(np.mean([y[int(np.argmax(score(x)))] > 0 for x, y in data]))


def _fmt(a) -> str:
    a = np.asarray(a)
    if a.ndim == 1:
        return "(" + ", ".join(f"{x:.5g}" for x in a) + ",)"
    return "(\n" + "".join(f"        {_fmt(r)},\n" for r in a) + "    )"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-3)
    a = ap.parse_args()
    sets = {name: collect(name, a.k) for name in ("squad11_tune", "squad2_tune")}
    (n1, d1), (n2, d2) = sets.items()
    for train, test, tn in ((d1, d2, n2), (d2, d1, n1)):
        print(f"trained on the other set, hit@1 among candidates on {tn}: linear {hit1(test, fit(train, a.l2)):.4f}, "
              f"mlp {hit1(test, fit_mlp(train)):.4f}", file=sys.stderr)
    w, model = fit(d1 + d2, a.l2), fit_mlp(d1 + d2)
    print(f"both sets: linear {hit1(d1 + d2, w):.4f}, mlp {hit1(d1 + d2, model):.4f}", file=sys.stderr)
    print("WEIGHTS = (" + ", ".join(f"{x:.4f}" for x in w) + ")")
    print("# " + ", ".join(NAMES))
    print("RANKER = {")
    for key, value in model.items():
        print(f'    "{key}": {_fmt(value)},')
    print("}")


if __name__ == "__main__":
    main()
