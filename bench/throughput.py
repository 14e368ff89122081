"""Answers per second in one process, and every answer's JSON, for an eval set.

    python bench/throughput.py /work/shared/eval/squad11_holdout.jsonl answers.jsonl
    PYTHONPATH=<another checkout>/src python bench/throughput.py ... other.jsonl   # the same for other code
    cmp answers.jsonl other.jsonl                                                    # identical answers?

One Retriever per article, as ``askbot eval`` does; prints wall and CPU time (CPU
time is steadier on a shared machine). Article questions use the default article.
"""

from __future__ import annotations

import sys
import time

from askbot.answer import ask
from askbot.corpus import Corpus
from askbot.data import default_corpus_path
from askbot.evaluate import jobs, read_records
from askbot.render import as_json
from askbot.retriever import Retriever


def main() -> None:
    path, out = sys.argv[1], sys.argv[2]
    records = read_records(path)
    corpus = None if records and "context" in records[0] else Corpus.from_path(default_corpus_path())
    work = jobs(records, corpus)
    n, t0, c0 = 0, time.perf_counter(), time.process_time()
    with open(out, "w", encoding="utf-8") as f:
        for article, items in work:
            retriever = Retriever(article)
            for item in items:
                f.write(as_json(ask(" ".join(item.question.split()) or "?", retriever)) + "\n")
                n += 1
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"{path}: {n} questions, {wall:.2f} s wall ({n / wall:.0f} q/s), {cpu:.2f} s CPU ({n / cpu:.0f} q/s)")


if __name__ == "__main__":
    main()
