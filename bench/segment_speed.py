"""Sentence segmentation: askbot's pysbd (askbot.sbdfast) against stock pysbd.

    python bench/segment_speed.py [EVAL_SET.jsonl ...]      # default: ../shared/eval/squad11_holdout.jsonl
    python bench/segment_speed.py --bench-corpus 5000       # bench/retrieval.py's made-up corpus

Every passage of every context (or of the made-up corpus) is split with
``split_sentences`` twice, once with askbot's Segmenter and once with a stock
``pysbd.Segmenter``; prints the CPU time of each, alternating rounds (the machine
is shared), and how many passages' sentences differ (must be 0). Run by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pysbd

from askbot import segment
from askbot.corpus import Corpus
from askbot.sbdfast import segmenter

DEFAULT_SET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "squad11_holdout.jsonl"


def eval_passages(paths: list[Path]) -> list[str]:
    contexts: dict[str, None] = {}
    for path in paths:
        with path.open(encoding="utf-8") as f:
            contexts.update((c, None) for line in f if (c := json.loads(line).get("context")))
    return [p.text for c in contexts for p in Corpus.from_text(c).passages]


def bench_passages(n: int) -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from retrieval import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(Path(tmp), n)
        return [p.text for p in Corpus.from_path(Path(tmp)).passages]


def run(texts: list[str], seg) -> tuple[float, list]:
    segment._local.segmenter = seg
    start = time.process_time()
    found = [segment.split_sentences(t, 0, len(t)) for t in texts]
    return time.process_time() - start, found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*", type=Path)
    ap.add_argument("--bench-corpus", type=int, default=0, help="passages of bench/retrieval.py's corpus instead")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    texts = bench_passages(args.bench_corpus) if args.bench_corpus else eval_passages(args.sets or [DEFAULT_SET])
    fast, stock = segmenter(), pysbd.Segmenter(language="en", clean=False)
    run(texts[:5], fast), run(texts[:5], stock)  # first use: imports and compiles
    times: dict[str, list[float]] = {"askbot": [], "stock": []}
    for _ in range(args.rounds):
        t_fast, got = run(texts, fast)
        t_stock, want = run(texts, stock)
        times["askbot"].append(t_fast)
        times["stock"].append(t_stock)
    differ = sum(a != b for a, b in zip(got, want, strict=True))
    chars = sum(map(len, texts))
    print(f"{len(texts)} passages, {chars} characters; passages whose sentences differ: {differ}")
    for name, ts in times.items():
        print(f"{name:7s} CPU s per round: {' '.join(f'{t:.2f}' for t in ts)} "
              f"(best {min(ts) / chars * 1e6:.2f} µs a character)")


if __name__ == "__main__":
    main()
