"""CPU seconds by stage of answering an eval set in one process (bench/throughput.py's loop).

    python bench/answer_stages.py [/work/shared/eval/squad11_holdout.jsonl]
    PYTHONPATH=<another checkout>/src python bench/answer_stages.py ...   # the same for other code

Process-time wrappers around the answer stage's functions as ``answer`` calls them:
``candidates`` (feature rows, with segmentation; ``split_sentences`` alone beside it),
``rerank`` (intent.py), ``confidence``, ``short_answer``; "rank rest" is ``_rank`` less
candidates and rerank, "ask rest" the run less ``_rank``, confidence and the short answer (question analysis, citations,
``as_json``, each article's Retriever); "slice" the run less candidates and the short answer.
"""

from __future__ import annotations

import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import throughput  # bench/throughput.py, beside this file

import askbot.answer as answer
import askbot.segment as segment

SPENT: collections.Counter[str] = collections.Counter()


def _timed(name: str, module=answer) -> None:
    real = getattr(module, name)

    def timed(*args, **kwargs):
        start = time.process_time()
        try:
            return real(*args, **kwargs)
        finally:
            SPENT[name] += time.process_time() - start

    setattr(module, name, timed)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval/squad11_holdout.jsonl"
    for name in ("candidates", "rerank", "confidence", "short_answer", "_rank"):
        _timed(name)
    _timed("split_sentences", segment)  # sentence segmentation, inside candidates
    sys.argv = ["throughput", path, "/dev/null"]
    start = time.process_time()
    throughput.main()
    total = time.process_time() - start
    s = SPENT
    rows = {"candidates": s["candidates"], "split_sentences": s["split_sentences"],
            "short_answer": s["short_answer"], "rerank": s["rerank"],
            "confidence": s["confidence"], "rank rest": s["_rank"] - s["candidates"] - s["rerank"],
            "ask rest": total - s["_rank"] - s["confidence"] - s["short_answer"],
            "slice": total - s["candidates"] - s["short_answer"], "total": total}
    for name, seconds in rows.items():
        print(f"{name:14s} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
