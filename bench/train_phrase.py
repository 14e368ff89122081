"""Learn the short-answer scorer (askbot/phrase_weights.py) on the clean tune articles (never holdout).

For each answerable question of the squad11_tune articles that are in no
holdout file (bench/splits.py), the candidates are the spans of the sentence
that holds its gold answer (spans.candidates); the right ones are those with
the best SQuAD F1 against the gold answers. One linear scorer a question kind
(phrase.KINDS), each the sum of a shared part and its own, is fitted with a
listwise softmax loss (the right span should score highest) and L2, by Adam
in numpy. Prints the F1 of each third of the articles when trained on the
other two, the share of phrases given and their F1 at several probability
floors, and with --write writes phrase_weights.py (about 12 minutes on the
shared 2-core machine; --cache keeps the collected rows for reruns; the
shared eval folder is found beside the checkout, or at $ASKBOT_EVAL).

    python bench/train_phrase.py --write --floor 0.05
"""

from __future__ import annotations

import argparse
import collections
import os
import pickle
import re
import string
import sys
from pathlib import Path

import numpy as np
import splits

from askbot.analysis import tokenize
from askbot.corpus import Corpus
from askbot.phrase import KINDS, head_terms, kind
from askbot.spans import ROW_WIDTH, candidates

if os.environ.get("ASKBOT_EVAL"):  # the shared eval folder when the checkout is not beside it
    splits.EVAL = Path(os.environ["ASKBOT_EVAL"])
OUT = Path(__file__).resolve().parents[1] / "src" / "askbot" / "phrase_weights.py"
FLOORS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)


_PUNCTUATION = str.maketrans("", "", string.punctuation)


def squad_norm(s: str) -> str:
    """SQuAD's official answer normalisation (as ../shared/eval/score.py)."""
    s = s.lower().replace("\u2019", "'").translate(_PUNCTUATION)
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", s).split())


def f1_words(p: list[str], g: collections.Counter, n_gold: int) -> float:
    """SQuAD F1 of normalised words ``p`` against a gold's word counts."""
    if not p or not n_gold:
        return float(not p and not n_gold)
    same = sum((collections.Counter(p) & g).values())
    if same == 0:
        return 0.0
    prec, rec = same / len(p), same / n_gold
    return 2 * prec * rec / (prec + rec)


def span_f1(text: str, places, first, last, answers: list[str]) -> np.ndarray:
    """The best F1 of each span against the answers (a span's words: its tokens' normalised words)."""
    words = [squad_norm(text[s:e]).split() for s, e in places]
    golds = [(collections.Counter(w), len(w)) for w in (squad_norm(a).split() for a in answers)]
    out = np.zeros(len(first))
    for n, (i, j) in enumerate(zip(first.tolist(), last.tolist())):
        p = [w for ws in words[i:j + 1] for w in ws]
        out[n] = max(f1_words(p, g, k) for g, k in golds)
    return out


def collect(limit: int = 0) -> list[tuple[np.ndarray, np.ndarray, int, str]]:
    """(span rows, F1 of each span, kind index, article title) a question whose gold answer is in one sentence."""
    data = []
    for record in splits.tune_records("squad11_tune")[: limit or None]:
        corpus = Corpus.from_text(record["context"])
        for qa in record["qas"]:
            if qa["is_impossible"]:
                continue
            a, text = qa["answer_starts"][0], qa["answers"][0]
            sent = next((s for s in corpus.sentences if s.start <= a and a + len(text) <= s.end), None)
            if sent is None:
                continue
            question = " ".join(qa["question"].split())
            places, first, last, rows = candidates(sent.text, frozenset(tokenize(question)), head_terms(question))
            if not len(rows):
                continue
            got = span_f1(sent.text, places, first, last, qa["answers"])
            data.append((rows.astype(np.float32), got.astype(np.float32), KINDS.index(kind(question)),
                         record["title"]))
    return data


def _prepare(data):
    data = sorted(data, key=lambda d: d[2])  # one block of rows a kind
    X = np.vstack([x for x, *_ in data])
    mean, scale = X.mean(0), X.std(0) + 1e-6
    Z = ((X - mean) / scale).astype(np.float32)
    lens = np.array([len(x) for x, *_ in data])
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    seg = np.repeat(np.arange(len(data)), lens)
    target = []
    for _, y, *_ in data:
        best = (y >= y.max() - 1e-6) & (y > 0)
        target.append(best / max(best.sum(), 1))
    Y = np.concatenate(target).astype(np.float32)
    has = np.array([t.sum() > 0 for t in target], dtype=np.float32)[seg]
    row_kind = np.array([k for _, _, k, _ in data])[seg]
    blocks = [(k, np.searchsorted(row_kind, k), np.searchsorted(row_kind, k, side="right")) for k in range(len(KINDS))]
    return Z, mean, scale, starts, seg, Y, has, blocks


def _adam(params, grads, moments, t, lr):
    for n, grad in enumerate(grads):
        m, v = moments[n]
        m, v = 0.9 * m + 0.1 * grad, 0.999 * v + 0.001 * grad * grad
        moments[n] = (m, v)
        params[n] -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)


def fit(data, l2: float = 1e-3, hidden: int = 0, steps: int = 300, lr: float = 0.03, seed: int = 0):
    """(per-kind linear weights, kinds x ROW_WIDTH, on the raw rows; the network's dict or {}):
    listwise softmax loss over each question's spans, L2, Adam."""
    Z, mean, scale, starts, seg, Y, has, blocks = _prepare(data)
    rng = np.random.default_rng(seed)
    width = Z.shape[1]
    params = [np.zeros((len(KINDS) + 1, width), dtype=np.float32),  # row 0: shared by all kinds
              rng.normal(0, 0.1, (width + len(KINDS), hidden)).astype(np.float32),
              np.zeros(hidden, dtype=np.float32), rng.normal(0, 0.1, hidden).astype(np.float32)]
    moments = [(np.zeros_like(p), np.zeros_like(p)) for p in params]
    s = np.zeros(len(Z), dtype=np.float32)
    for t in range(1, steps + 1):
        W, H, b, out = params
        acts = []
        for k, a, c in blocks:
            s[a:c] = Z[a:c] @ (W[0] + W[k + 1])
            if hidden:
                pre = Z[a:c] @ H[:width] + H[width + k] + b
                act = np.maximum(pre, 0)
                s[a:c] += act @ out
                acts.append((pre, act))
        e = np.exp(s - np.maximum.reduceat(s, starts)[seg])
        g = (e / np.add.reduceat(e, starts)[seg] * has - Y) / len(starts)
        gW, gH, gb, gout = l2 * W, l2 * H, np.zeros_like(b), l2 * out
        for n, (k, a, c) in enumerate(blocks):
            gW[k + 1] += g[a:c] @ Z[a:c]
            if hidden:
                pre, act = acts[n]
                gout += g[a:c] @ act
                gpre = g[a:c, None] * out * (pre > 0)
                gH[:width] += Z[a:c].T @ gpre
                gH[width + k] += gpre.sum(0)
                gb += gpre.sum(0)
        gW[0] += gW[1:].sum(0) - l2 * W[1:].sum(0)
        _adam(params, [gW, gH, gb, gout], moments, t, lr)
    W, H, b, out = params
    net = {"mean": mean, "scale": scale, "hidden": H, "bias": b, "out": out} if hidden else {}
    return (W[0] + W[1:]) / scale, net


def _scores(x: np.ndarray, k: int, model) -> np.ndarray:
    W, net = model
    s = x @ W[k]
    if net:
        z = (x - net["mean"]) / net["scale"]
        h = z @ net["hidden"][: x.shape[1]] + net["hidden"][x.shape[1] + k] + net["bias"]
        s = s + np.maximum(h, 0) @ net["out"]
    return s


def scored(data, model) -> list[tuple[float, float]]:
    """(probability of the best span, its F1) a question."""
    out = []
    for x, y, k, _ in data:
        s = _scores(x, k, model)
        p = np.exp(s - s.max())
        best = int(np.argmax(p))
        out.append((float(p[best] / p.sum()), float(y[best])))
    return out


def floors(results: list[tuple[float, float]]) -> None:
    for floor in FLOORS:
        given = [f for p, f in results if p >= floor]
        print(f"  floor {floor:.2f}: phrase given {len(given) / len(results):.3f}, F1 over all "
              f"{sum(given) / len(results):.4f}, F1 of those given {np.mean(given) if given else 0:.4f}",
              file=sys.stderr)


def check(data, l2: float, hidden: int) -> None:
    titles = sorted({t for *_, t in data})
    fold = {t: i % 3 for i, t in enumerate(titles)}
    results = []
    for k in range(3):
        model = fit([d for d in data if fold[d[3]] != k], l2, hidden)
        results += scored([d for d in data if fold[d[3]] == k], model)
    print(f"3-fold by article, F1 given the right sentence: {np.mean([f for _, f in results]):.4f}", file=sys.stderr)
    floors(results)


def _tuple(a) -> str:
    a = np.asarray(a)
    if a.ndim == 1:
        return "(" + ", ".join(f"{x:.5g}" for x in a) + ",)"
    return "(\n" + "".join(f"        {_tuple(r)},\n" for r in a) + "    )"


def write(model, floor: float) -> None:
    W, _ = model
    lines = ['"""Learned weights of the short-answer scorer (never hand-edited: rerun bench/train_phrase.py --write).',
             "", "PHRASE: one linear scorer a question kind over spans.span_rows, fitted on the answerable questions",
             "of the squad11_tune articles that are in no holdout file; MIN_PROBABILITY: the least softmax share",
             'of the best span for it to be given."""', "", f"MIN_PROBABILITY = {floor}", "# fmt: off",
             "PHRASE = {"]
    for name, w in zip(KINDS, W):
        lines.append(f'    "{name}": {_tuple(w)},')
    lines += ["}", "# fmt: on", ""]
    OUT.write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--hidden", type=int, default=0, help="ReLUs of the shared network (0: linear only)")
    ap.add_argument("--floor", type=float, default=0.1, help="MIN_PROBABILITY written")
    ap.add_argument("--articles", type=int, default=0, help="only the first N clean tune articles (a quick try)")
    ap.add_argument("--no-check", action="store_true", help="skip the 3-fold check by article")
    ap.add_argument("--write", action="store_true", help="write src/askbot/phrase_weights.py")
    ap.add_argument("--cache", metavar="PATH", help="keep the collected rows in this pickle and reuse them")
    a = ap.parse_args()
    if a.write and a.hidden:
        ap.error("--write takes the linear scorer only: askbot reads no network (--hidden is for the check)")
    if a.cache and os.path.exists(a.cache):
        with open(a.cache, "rb") as f:
            data = pickle.load(f)
    else:
        data = collect(a.articles)
        if a.cache:
            with open(a.cache, "wb") as f:
                pickle.dump(data, f)
    assert data[0][0].shape[1] == ROW_WIDTH
    print(f"{len(data)} questions from {len({t for *_, t in data})} articles", file=sys.stderr)
    if not a.no_check:
        check(data, a.l2, a.hidden)
    model = fit(data, a.l2, a.hidden)
    print("in-sample:", file=sys.stderr)
    floors(scored(data, model))
    if a.write:
        write(model, a.floor)


if __name__ == "__main__":
    main()
