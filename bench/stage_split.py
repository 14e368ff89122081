"""Where answering time goes, by stage, unprofiled (perf_counter wrappers around the stages):

    python bench/stage_split.py [EVAL_SET]      # default ../shared/eval/squad11_holdout.jsonl

Stages nest: ``_rank`` holds ``candidates`` (which holds ``split_sentences``), ``rerank``,
``_search``, ``Question`` and ``ranker_scores``; ``confidence`` and ``short_answer`` come after it.
"""

from __future__ import annotations

import collections
import sys
import tempfile
import time

import askbot.answer as A
import askbot.segment as S

sys.path.insert(0, "bench")
T: collections.Counter = collections.Counter()


def wrap(mod, name: str) -> None:
    f = getattr(mod, name)

    def timed(*a, **k):
        t = time.perf_counter()
        try:
            return f(*a, **k)
        finally:
            T[name] += time.perf_counter() - t
    setattr(mod, name, timed)


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/eval/squad11_holdout.jsonl"
    wrap(S, "split_sentences")
    for name in ("candidates", "rerank", "confidence", "_search", "short_answer", "_rank", "ranker_scores", "Question"):
        wrap(A, name)
    import throughput

    with tempfile.NamedTemporaryFile(suffix=".jsonl") as out:
        sys.argv = ["throughput", path, out.name]
        t = time.perf_counter()
        throughput.main()
        total = time.perf_counter() - t
    for k, v in T.most_common():
        print(f"{k:20s} {v:6.2f} s")
    print(f"{'total':20s} {total:6.2f} s")


if __name__ == "__main__":
    main()
