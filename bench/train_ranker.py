"""Learn the sentence ranker's feature weights on the tune sets (never holdout).

For each answerable question of the clean tune articles (bench/splits.py: none
of them is in a holdout file), the candidates are the sentences of the top-k
passages and the right ones are those score.py would count right. A linear
scorer is fitted with a listwise softmax loss (the right sentence should
score highest) and L2, by Adam in numpy, both as a linear scorer (WEIGHTS, kept
for the ablation) and as the mean of 5 networks of one hidden layer of 8
ReLUs (RANKER, what askbot uses; averaging seeds over-fits less than one
wider network). Prints both for weights.py, after the hit@1 of each third of
the articles when trained on the other two (a check on over-fitting; ~12
minutes on one core, --no-check: ~4).

    python bench/train_ranker.py
"""

from __future__ import annotations

import argparse
import random
import sys

import numpy as np
from reader_style import reader_style
from splits import tune_records

from askbot.analysis import MAX_TERMS, tokenize
from askbot.answer import Settings, rank_sentences
from askbot.evaluate import jobs
from askbot.features import NAMES
from askbot.retriever import Retriever

HIDDEN, MEMBERS, MLP_L2 = 8, 5, 1e-2
ZEROS = (0.0,) * len(NAMES)


def collect(k: int, reader: bool = False) -> list[tuple[np.ndarray, np.ndarray, str]]:
    """(feature rows, right-or-not, article title) for each answerable clean tune
    question whose right sentence is among the candidates (splits.py); the rows
    are those askbot ranks (answer.rank_sentences: names rewritten, top-k passages).
    With ``reader``, each question also as a reader types it (reader_style.py)."""
    data, rng = [], random.Random(0)
    for corpus, items in jobs(tune_records("squad11_tune", "squad2_tune"), None):
        retriever = Retriever(corpus)
        for item in items:
            if not item.answerable:
                continue
            texts = [" ".join(item.question.split())]
            if reader:
                texts.append(reader_style(item.question, rng))
            for text in texts:
                _collect_one(data, text, item, retriever, k, corpus.documents[0].title)
    return data


def _collect_one(data: list, text: str, item, retriever: Retriever, k: int, title: str) -> None:
    """Adds the question's candidate rows and labels when a right sentence is among them."""
    # the rows do not depend on the weights: zeros let a new feature be learned
    ranked, _ = rank_sentences(text, tokenize(text, MAX_TERMS), retriever, Settings(k=k, weights=ZEROS))
    y = np.array([item.right(r.sentence.text) for r in ranked], dtype=float)
    if y.any():
        data.append((np.array([r.row for r in ranked]), y, title))


def flat(data):
    """The candidates of all questions stacked; each question's labels sum to 1."""
    X = np.vstack([x for x, _ in data])
    Y = np.concatenate([y / y.sum() for _, y in data])
    lens = np.array([len(x) for x, _ in data])
    return X, Y, np.concatenate([[0], np.cumsum(lens)[:-1]]), np.repeat(np.arange(len(data)), lens)


def softmax(s: np.ndarray, starts: np.ndarray, seg: np.ndarray) -> np.ndarray:
    """Softmax within each question's candidates."""
    e = np.exp(s - np.maximum.reduceat(s, starts)[seg])
    return e / np.add.reduceat(e, starts)[seg]


def adam(params: list, grads: list, moments: list, t: int, lr: float) -> None:
    for i, grad in enumerate(grads):
        m_, v_ = moments[i]
        m_, v_ = 0.9 * m_ + 0.1 * grad, 0.999 * v_ + 0.001 * grad * grad
        moments[i] = (m_, v_)
        params[i] -= lr * (m_ / (1 - 0.9**t)) / (np.sqrt(v_ / (1 - 0.999**t)) + 1e-8)


def fit(data, l2: float = 1e-3, steps: int = 3000, lr: float = 0.05) -> np.ndarray:
    """The linear scorer: listwise softmax loss (the right sentence should score highest) and L2."""
    X, Y, starts, seg = flat(data)
    w = np.zeros(X.shape[1])
    w[0] = 1.0
    params, moments = [w], [(np.zeros_like(w), np.zeros_like(w))]
    for t in range(1, steps + 1):
        p = softmax(X @ params[0], starts, seg)
        adam(params, [X.T @ (p - Y) / len(starts) + l2 * params[0]], moments, t, lr)
    return params[0]


def fit_mlp(data, hidden: int = 16, steps: int = 1500, lr: float = 0.01, l2: float = 1e-4, seed: int = 0) -> dict:
    """One hidden layer of ReLUs over standardised features, same listwise loss."""
    X, Y, starts, seg = flat(data)
    mean, scale = X.mean(0), X.std(0) + 1e-9
    Z = (X - mean) / scale
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, 0.3, (X.shape[1], hidden)), np.zeros(hidden), rng.normal(0, 0.3, hidden)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for t in range(1, steps + 1):
        W1, b1, w2 = params
        H = Z @ W1 + b1
        A = np.maximum(H, 0)
        g = (softmax(A @ w2, starts, seg) - Y) / len(starts)
        gH = g[:, None] * w2 * (H > 0)
        adam(params, [Z.T @ gH + l2 * W1, gH.sum(0), A.T @ g + l2 * w2], moments, t, lr)
    W1, b1, w2 = params
    return {"mean": mean, "scale": scale, "hidden": W1, "bias": b1, "out": w2}


def fit_ensemble(data, members: int, hidden: int, l2: float) -> dict:
    """The mean of ``members`` networks (different seeds), written as one wider network."""
    models = [fit_mlp(data, hidden=hidden, l2=l2, seed=seed) for seed in range(members)]
    return {"mean": models[0]["mean"], "scale": models[0]["scale"],
            "hidden": np.hstack([m["hidden"] for m in models]), "bias": np.concatenate([m["bias"] for m in models]),
            "out": np.concatenate([m["out"] for m in models]) / members}


def mlp_scores(model: dict, x: np.ndarray) -> np.ndarray:
    return np.maximum((x - model["mean"]) / model["scale"] @ model["hidden"] + model["bias"], 0) @ model["out"]


def hit1(data, w) -> float:
    score = (lambda x: mlp_scores(w, x)) if isinstance(w, dict) else (lambda x: x @ w)
    return float(np.mean([y[int(np.argmax(score(x)))] > 0 for x, y in data]))


def fmt_array(a) -> str:
    """An array as Python tuple source for weights.py."""
    a = np.asarray(a)
    if a.ndim == 1:
        return "(" + ", ".join(f"{x:.5g}" for x in a) + ",)"
    return "(\n" + "".join(f"        {fmt_array(r)},\n" for r in a) + "    )"


def check(data, a) -> None:
    """hit@1 among the candidates, each third of the articles scored by models trained on the other two."""
    titles = sorted({t for _, _, t in data})
    fold = {t: i % 3 for i, t in enumerate(titles)}
    lin = net = 0.0
    for k in range(3):
        train = [(x, y) for x, y, t in data if fold[t] != k]
        test = [(x, y) for x, y, t in data if fold[t] == k]
        lin += hit1(test, fit(train, a.l2)) * len(test)
        net += hit1(test, fit_ensemble(train, a.members, a.hidden, a.mlp_l2)) * len(test)
    print(f"3-fold by article, hit@1 among candidates: linear {lin / len(data):.4f}, mlp {net / len(data):.4f}",
          file=sys.stderr)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-k", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-3, help="the linear scorer's L2")
    ap.add_argument("--mlp-l2", type=float, default=MLP_L2)
    ap.add_argument("--hidden", type=int, default=HIDDEN, help="ReLUs of each network")
    ap.add_argument("--members", type=int, default=MEMBERS, help="networks averaged (seeds 0, 1, ...)")
    ap.add_argument("--no-check", action="store_true", help="skip the 3-fold check by article")
    ap.add_argument("--reader", action="store_true", help="also each question as a reader types it (reader_style.py)")
    a = ap.parse_args()
    data = collect(a.k, a.reader)
    print(f"{len(data)} questions from {len({t for _, _, t in data})} articles", file=sys.stderr)
    if not a.no_check:
        check(data, a)
    pairs = [(x, y) for x, y, _ in data]
    w, model = fit(pairs, a.l2), fit_ensemble(pairs, a.members, a.hidden, a.mlp_l2)
    print(f"in-sample: linear {hit1(pairs, w):.4f}, mlp {hit1(pairs, model):.4f}", file=sys.stderr)
    print("WEIGHTS = (" + ", ".join(f"{x:.4f}" for x in w) + ")")
    print("# " + ", ".join(NAMES))
    print("RANKER = {")
    for key, value in model.items():
        print(f'    "{key}": {fmt_array(value)},')
    print("}")


if __name__ == "__main__":
    main()
