"""CPU time of ``features.candidates``: this code against another checkout's, in one process.

    python bench/candidates_ab.py /work/main/src [EVAL_FILE] [ROUNDS]

Loads the other checkout's ``askbot`` as ``askbot_other`` (its own modules and caches), then
answers every question of EVAL_FILE (default squad11_holdout) once a pass, with fresh
articles and Retrievers each pass, the answer stage calling the other side's
``candidates`` on one pass and this code's on the next, ROUNDS times (default 2); it
prints the CPU time inside ``candidates`` of each pass (first-time facts, segmentation
and the collections that fall inside included) and the least of each side. Both run
in the same process under the same load, alternating, so the ratio is steadier than
whole runs on a shared machine. (The other side's own caches are cold on its first
pass only, as this code's are on its first.)
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import time
from pathlib import Path

import askbot.answer as answer
from askbot import features
from askbot.corpus import Corpus
from askbot.data import default_corpus_path
from askbot.evaluate import jobs, read_records
from askbot.retriever import Retriever


def _other(src: str):
    """The ``features`` module of the ``askbot`` package under ``src``, imported as ``askbot_other``."""
    package = Path(src) / "askbot"
    spec = importlib.util.spec_from_file_location("askbot_other", package / "__init__.py",
                                                  submodule_search_locations=[str(package)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["askbot_other"] = module
    spec.loader.exec_module(module)
    return importlib.import_module("askbot_other.features")


def _pass(records: list[dict], candidates) -> float:
    """CPU seconds inside ``candidates`` while answering ``records`` with fresh articles."""
    spent = [0.0]

    def timed(*args):
        start = time.process_time()
        try:
            return candidates(*args)
        finally:
            spent[0] += time.process_time() - start

    answer.candidates = timed
    corpus = None if "context" in records[0] else Corpus.from_path(default_corpus_path())
    try:
        for article, items in jobs(records, corpus):
            retriever = Retriever(article)
            for item in items:
                answer.ask(" ".join(item.question.split()) or "?", retriever)
    finally:
        answer.candidates = features.candidates
    return spent[0]


def main() -> None:
    other = _other(sys.argv[1])
    records = read_records(sys.argv[2] if len(sys.argv) > 2 else "/work/shared/eval/squad11_holdout.jsonl")
    best = {"other": float("inf"), "this": float("inf")}
    for n in range(int(sys.argv[3]) if len(sys.argv) > 3 else 2):
        for name, candidates in (("other", other.candidates), ("this", features.candidates)):
            seconds = _pass(records, candidates)
            best[name] = min(best[name], seconds)
            print(f"round {n + 1} {name}: candidates {seconds:.2f} s CPU", flush=True)
    ratio = best["this"] / best["other"]
    print(f"least: other {best['other']:.2f} s, this {best['this']:.2f} s, this/other {ratio:.3f}")


if __name__ == "__main__":
    main()
