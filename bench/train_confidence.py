"""Learn the confidence on squad2_tune (never holdout): answerable vs unanswerable.

The model (weights.CONFIDENCE, what askbot uses) is the mean logit of a few
networks of one hidden layer of ReLUs over the standardised features of
answer.CONFIDENCE_NAMES (without the intercept), fitted by Adam on the logistic
loss with L2; averaging seeds over-fits less than one wider network. The
former model, a logistic over the first features only (up to max_coverage),
is fitted too, for comparison. Prints, for both, the auroc of each half of the
articles when trained on the other half, then CONFIDENCE for weights.py (about
a minute on one core); --write puts it into src/askbot/weights.py itself, so a
changed ranker (weights.RANKER) is followed by one command:

    python bench/train_confidence.py --write
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
from splits import tune_records

from askbot.analysis import MAX_TERMS, tokenize
from askbot.answer import CONFIDENCE_NAMES, Settings, _rank, confidence_features
from askbot.evaluate import auroc, jobs
from askbot.retriever import Retriever

ROOT = Path(__file__).resolve().parents[1]
HIDDEN, MEMBERS, L2, STEPS, LR = 16, 5, 0.03, 1500, 0.01
OLD = CONFIDENCE_NAMES.index("max_coverage") + 1  # the logistic model's features: the first OLD (+ intercept)


def collect(name: str) -> list[tuple[int, np.ndarray, bool]]:
    """(article number, features, answerable) per question."""
    out = []
    for n, (corpus, items) in enumerate(jobs(tune_records(name), None)):
        retriever = Retriever(corpus)
        for item in items:
            text = " ".join(item.question.split())
            terms = tokenize(text, MAX_TERMS)
            ranked, q = _rank(text, terms, retriever, Settings()) if terms else ([], None)
            f = confidence_features(ranked, q, retriever) if ranked else np.zeros(len(CONFIDENCE_NAMES))
            out.append((n, f, item.answerable))
    return out


def adam(params: list, grads: list, moments: list, t: int, lr: float) -> None:
    for i, grad in enumerate(grads):
        m_, v_ = moments[i]
        m_, v_ = 0.9 * m_ + 0.1 * grad, 0.999 * v_ + 0.001 * grad * grad
        moments[i] = (m_, v_)
        params[i] -= lr * (m_ / (1 - 0.9**t)) / (np.sqrt(v_ / (1 - 0.999**t)) + 1e-8)


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 4000, lr: float = 0.05) -> np.ndarray:
    """The former logistic model (last column of X: the intercept), as raw-feature weights."""
    mu, sd = X[:, :-1].mean(0), X[:, :-1].std(0) + 1e-9
    Z = np.hstack([(X[:, :-1] - mu) / sd, np.ones((len(X), 1))])
    w = [np.zeros(Z.shape[1])]
    moments = [(np.zeros_like(w[0]), np.zeros_like(w[0]))]
    for t in range(1, steps + 1):
        p = 1 / (1 + np.exp(-(Z @ w[0])))
        adam(w, [Z.T @ (p - y) / len(y) + l2 * w[0]], moments, t, lr)
    raw = w[0][:-1] / sd  # back to raw features: w·((x - mu)/sd) + b
    return np.append(raw, w[0][-1] - raw @ mu)


def fit_mlp(X: np.ndarray, y: np.ndarray, hidden: int = HIDDEN, l2: float = L2, seed: int = 0) -> dict:
    """One hidden layer of ReLUs over standardised features, a logistic output."""
    mean, scale = X.mean(0), X.std(0) + 1e-9
    Z = (X - mean) / scale
    rng = np.random.default_rng(seed)
    params = [rng.normal(0, 1 / np.sqrt(X.shape[1]), (X.shape[1], hidden)), np.zeros(hidden),
              rng.normal(0, 1 / np.sqrt(hidden), hidden), np.zeros(1)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    for t in range(1, STEPS + 1):
        W1, b1, w2, b2 = params
        H = Z @ W1 + b1
        A = np.maximum(H, 0)
        g = (1 / (1 + np.exp(-(A @ w2 + b2))) - y) / len(y)
        gH = g[:, None] * w2 * (H > 0)
        adam(params, [Z.T @ gH + l2 * W1, gH.sum(0), A.T @ g + l2 * w2, np.array([g.sum()])], moments, t, LR)
    W1, b1, w2, b2 = params
    return {"mean": mean, "scale": scale, "hidden": W1, "bias": b1, "out": w2, "out_bias": b2}


def fit_ensemble(X: np.ndarray, y: np.ndarray, members: int = MEMBERS, hidden: int = HIDDEN, l2: float = L2) -> dict:
    """The mean logit of ``members`` networks (different seeds), written as one wider network."""
    models = [fit_mlp(X, y, hidden, l2, seed) for seed in range(members)]
    return {"mean": models[0]["mean"], "scale": models[0]["scale"],
            "hidden": np.hstack([m["hidden"] for m in models]), "bias": np.concatenate([m["bias"] for m in models]),
            "out": np.concatenate([m["out"] for m in models]) / members,
            "out_bias": sum(m["out_bias"] for m in models) / members}


def mlp_logits(model: dict, X: np.ndarray) -> np.ndarray:
    hidden = np.maximum((X - model["mean"]) / model["scale"] @ model["hidden"] + model["bias"], 0)
    return hidden @ model["out"] + model["out_bias"]


def _auc(s: np.ndarray, y: np.ndarray) -> float:
    return round(auroc(list(s[y == 1]), list(s[y == 0])), 4)


def _fmt(a) -> str:
    a = np.asarray(a)
    if a.ndim == 1:
        return "(" + ", ".join(f"{x:.5g}" for x in a) + ",)"
    return "(\n" + "".join(f"        {_fmt(r)},\n" for r in a) + "    )"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=MEMBERS, help="networks averaged (seeds 0, 1, ...)")
    ap.add_argument("--hidden", type=int, default=HIDDEN, help="ReLUs of each network")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--write", action="store_true", help="write CONFIDENCE into src/askbot/weights.py")
    a = ap.parse_args()
    data = collect("squad2_tune")
    arts = np.array([n for n, _, _ in data])
    X = np.array([f for _, f, _ in data])
    y = np.array([ok for _, _, ok in data], dtype=float)
    old = np.hstack([X[:, :OLD], X[:, -1:]])
    new = X[:, :-1]
    half = arts % 2 == 0
    means = {"logistic (former features)": [], "networks (all features)": []}
    for name, tr, te in (("odd", half, ~half), ("even", ~half, half)):
        lo = _auc(old[te] @ fit(old[tr], y[tr]), y[te])
        nn = _auc(mlp_logits(fit_ensemble(new[tr], y[tr], a.members, a.hidden, a.l2), new[te]), y[te])
        means["logistic (former features)"].append(lo)
        means["networks (all features)"].append(nn)
        print(f"auroc on the {name} articles, trained on the others: logistic {lo:.4f}, networks {nn:.4f}")
    for name, v in means.items():
        print(f"mean of the halves, {name}: {np.mean(v):.4f}")
    model = fit_ensemble(new, y, a.members, a.hidden, a.l2)
    print(f"all of squad2_tune (trained on it): networks {_auc(mlp_logits(model, new), y):.4f}")
    block = "\n".join(["# fmt: off", "CONFIDENCE = {", *(f'    "{k}": {_fmt(v)},' for k, v in model.items()),
                       "}", "# fmt: on"])
    if a.write:
        path = ROOT / "src" / "askbot" / "weights.py"
        text = path.read_text()
        text, n = re.subn(r"# fmt: off\nCONFIDENCE = \{.*?\n\}\n# fmt: on", lambda _: block, text, flags=re.S)
        if n != 1:
            raise SystemExit(f"{path}: no CONFIDENCE block to replace")
        path.write_text(text)
        print(f"written to {path}")
    else:
        print(block)


if __name__ == "__main__":
    main()
