"""Retrieval benchmark: askbot vs rank-bm25 (full scan) vs bm25s, same tokens, one run.

    pip install -e '.[bench]'
    python bench/retrieval.py [--sizes 1000,10000,100000] [--queries 100] [--out FILE]

Builds deterministic corpora (words drawn with Zipf frequencies, fixed seed),
written as folders of .txt articles (100 passages each), and for every
system measures, each in a fresh process: build time (load + tokenize +
index), peak memory (max RSS of that process), p50/p99 latency over the same
queries; then checks askbot's top-10 ids and scores against rank-bm25's.
Last it times ``askbot ask`` against ``python -c "import rank_bm25"``.
Run by hand, not in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SEED = 20240521
VOCAB = 60_000
ZIPF_S = 1.07
PER_FILE = 100
SYSTEMS = ("askbot", "rank-bm25", "bm25s")
_ONSET = "b c d f g h j k l m n p r s t v w z br ch cl dr fl gr pl sh st tr".split()
_VOWEL = "a e i o u ai ea ee oa ou".split()


def vocabulary(n: int, rng: np.random.Generator) -> list[str]:
    """``n`` distinct made-up words of 2-4 syllables."""
    words: dict[str, None] = {}
    while len(words) < n:
        k = int(rng.integers(2, 5))
        words["".join(_ONSET[i] + _VOWEL[j] for i, j in zip(rng.integers(0, len(_ONSET), k),
                                                             rng.integers(0, len(_VOWEL), k), strict=True))] = None
    return list(words)


def zipf_draw(rng: np.random.Generator, n: int) -> np.ndarray:
    p = 1.0 / np.arange(1, VOCAB + 1) ** ZIPF_S
    return rng.choice(VOCAB, size=n, p=p / p.sum())


def write_corpus(folder: Path, passages: int) -> None:
    """``passages`` paragraphs of 2-4 sentences of 6-16 words, 100 to a file."""
    rng = np.random.default_rng(SEED)
    words = vocabulary(VOCAB, rng)
    sent_counts = rng.integers(2, 5, passages)
    sent_lens = rng.integers(6, 17, int(sent_counts.sum()))
    drawn = iter(zipf_draw(rng, int(sent_lens.sum())).tolist())
    lens = iter(sent_lens.tolist())
    paras = []
    for c in sent_counts.tolist():
        sents = []
        for _ in range(c):
            s = " ".join(words[next(drawn)] for _ in range(next(lens)))
            sents.append(s[0].upper() + s[1:] + ".")
        paras.append(" ".join(sents))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(0, passages, PER_FILE):
        (folder / f"article-{i // PER_FILE:05d}.txt").write_text("\n\n".join(paras[i:i + PER_FILE]) + "\n")


def queries(n: int) -> list[str]:
    """``n`` questions of 2-5 words drawn like the text (so common words occur too)."""
    rng = np.random.default_rng(SEED + 1)
    words = vocabulary(VOCAB, np.random.default_rng(SEED))
    return [" ".join(words[w] for w in zipf_draw(rng, int(rng.integers(2, 6)))) for _ in range(n)]


# -- one system in one process --------------------------------------------------------------------


def worker(system: str, folder: Path, qs: list[str], k: int) -> dict:
    from askbot import Corpus, Retriever, tokenize
    from askbot.analysis import _terms

    if system == "bm25s":
        import bm25s  # noqa: F401  (its import is not part of its build)
    _terms.cache_clear()
    t0 = time.perf_counter()
    corpus = Corpus.from_path(folder)
    if system == "askbot":
        r = Retriever(corpus)
        search = _askbot_search(r, k)
    else:
        tokens = [tokenize(p.text) for p in corpus.passages]
        search = _rank_bm25_search(tokens, k) if system == "rank-bm25" else _bm25s_search(tokens, k)
    build = time.perf_counter() - t0
    terms = [tokenize(q) for q in qs]
    for t in terms[:5]:
        search(t)  # warm up
    lat, results = [], []
    for t in terms:
        t0 = time.perf_counter()
        ids, scores = search(t)
        lat.append(time.perf_counter() - t0)
        results.append([list(map(int, ids)), list(map(float, scores))])
    out = {"system": system, "passages": len(corpus.passages), "build_s": build, "latency_s": lat,
           "results": results, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if system == "askbot":
        out["postings_touched"] = [sum(len(r.index.postings(x)[0]) for x in t) for t in terms]
    return out


def _askbot_search(r, k):
    def search(terms):
        hits = r.search(terms, k)
        return [h.passage.id - 1 for h in hits], [h.score for h in hits]
    return search


def _rank_bm25_search(tokens, k):
    from askbot.retriever import LuceneBM25

    bm25 = LuceneBM25(tokens)

    def search(terms):
        scores = bm25.get_scores(terms)
        pos = np.flatnonzero(scores > 0)
        order = pos[np.lexsort((pos, -scores[pos]))][:k]
        return order, scores[order]
    return search


def _bm25s_search(tokens, k):
    import bm25s

    model = bm25s.BM25(k1=1.2, b=0.75, method="lucene")  # Lucene IDF; no (k1 + 1) factor in its tf part
    model.index(tokens, show_progress=False)

    def search(terms):
        ids, scores = model.retrieve([terms], k=k, show_progress=False)
        keep = scores[0] > 0
        return ids[0][keep], scores[0][keep]
    return search


def run_worker(system: str, folder: Path, n_queries: int, k: int) -> dict:
    cmd = [sys.executable, __file__, "--worker", system, "--folder", str(folder), "--queries", str(n_queries)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


# -- askbot ask vs the import floor ---------------------------------------------------------------


def startup(article: Path, rounds: int) -> dict:
    """Median wall and CPU time of each command, runs interleaved so machine noise hits both alike.

    Byte-code is written and used (PYTHONDONTWRITEBYTECODE unset), as for an installed package.
    """
    askbot = [str(Path(sys.executable).with_name("askbot")), "ask", "--corpus", str(article)]
    cmds = {"import rank_bm25": [sys.executable, "-c", "import rank_bm25"],
            "askbot ask": [*askbot, "When did it open?"],
            "askbot ask --no-cache": [*askbot, "--no-cache", "When did it open?"]}
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    wall: dict[str, list[float]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    for i in range(rounds + 2):
        for name, cmd in cmds.items():
            r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
            t1, r1 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            if i >= 2:  # two warm-up rounds (byte-code and the sentence cache written)
                wall[name].append(t1 - t0)
                cpu[name].append(r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in cmds}


# -- report ---------------------------------------------------------------------------------------


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs) * 1000, q))


def compare(a: dict, ref: dict) -> tuple[int, float]:
    """(queries whose top-10 ids equal the reference's, largest score difference)."""
    same, worst = 0, 0.0
    for (ids, scores), (rids, rscores) in zip(a["results"], ref["results"], strict=True):
        same += ids == rids
        if ids == rids and ids:
            worst = max(worst, float(np.max(np.abs(np.array(scores) - np.array(rscores)))))
    return same, worst


def report(rows: list[dict], start: dict[str, dict], out) -> None:
    p = print
    p(f"machine: {platform.machine()} {_cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}",
      file=out)
    p("", file=out)
    p("| passages | system | build s | peak RSS MB | p50 ms | p99 ms | top-10 = rank-bm25 | postings of query terms |",
      file=out)
    p("|---:|---|---:|---:|---:|---:|---|---:|", file=out)
    for size in sorted({r["passages"] for r in rows}):
        at = {r["system"]: r for r in rows if r["passages"] == size}
        for system in SYSTEMS:
            r = at[system]
            same, worst = compare(r, at["rank-bm25"])
            check = f"{same}/{len(r['results'])} ids" + (f", max diff {worst:.1e}" if system == "askbot" else "")
            touched = f"{statistics.mean(r['postings_touched']):,.0f}" if "postings_touched" in r else ""
            p(f"| {size:,} | {system} | {r['build_s']:.2f} | {r['peak_rss_mb']:.0f} | {pct(r['latency_s'], 50):.3f} "
              f"| {pct(r['latency_s'], 99):.3f} | {check if system != 'rank-bm25' else '(reference)'} | {touched} |",
              file=out)
    p("", file=out)
    p("| `askbot ask` start-up, median of interleaved runs | import rank_bm25 | askbot ask | ratio "
      "| askbot ask --no-cache | ratio |", file=out)
    p("|---|---:|---:|---:|---:|---:|", file=out)
    for name, t in start.items():
        for kind, i in (("wall", 0), ("CPU", 1)):
            floor, ask, bare = t["import rank_bm25"][i], t["askbot ask"][i], t["askbot ask --no-cache"][i]
            p(f"| {name}, {kind} | {floor * 1000:.0f} ms | {ask * 1000:.0f} ms | {ask / floor:.2f}x "
              f"| {bare * 1000:.0f} ms | {bare / floor:.2f}x |", file=out)


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=20, help="start-up timing runs of each command")
    ap.add_argument("--out", type=Path, help="also write the tables here")
    ap.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.folder, queries(args.queries), 10)))
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="askbot-bench-") as tmp:
        for size in map(int, args.sizes.split(",")):
            folder = Path(tmp) / f"corpus-{size}"
            write_corpus(folder, size)
            for system in SYSTEMS:
                rows.append(run_worker(system, folder, args.queries, 10))
                print(f"{size:>7} {system:<9} build {rows[-1]['build_s']:.2f}s", file=sys.stderr)
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # askbot ask's own, fresh cache
        stand_in = Path(tmp) / "stand-in" / "article.txt"
        write_corpus(stand_in.parent, 16)
        (stand_in.parent / "article-00000.txt").rename(stand_in)
        data = Path(__file__).resolve().parents[1] / "tests" / "data"
        start = {"tests/data/harbor-bridge.txt": startup(data / "harbor-bridge.txt", args.rounds),
                 "tests/data/amazon-rainforest.txt (15 KB)": startup(data / "amazon-rainforest.txt", args.rounds),
                 "16-passage stand-in": startup(stand_in, args.rounds)}
    report(rows, start, sys.stdout)
    if args.out:
        with args.out.open("w") as f:
            report(rows, start, f)


if __name__ == "__main__":
    main()
