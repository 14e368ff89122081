"""Answer-quality figures for several settings in one process (for tuning and
the ablation table of docs/quality.md). Tune sets only, unless --holdout is given.

    python bench/quality.py squad11_tune squad2_tune --set min_confidence=0.3 --set k=3
    python bench/quality.py squad11_tune --grid passage_weight=0,0.25,0.5
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

from splits import tune_records

from askbot.answer import Settings
from askbot.corpus import Corpus
from askbot.evaluate import evaluate, jobs, read_records

EVAL = next((p / "shared" / "eval" for p in Path(__file__).resolve().parents[1:4] if (p / "shared" / "eval").is_dir()),
            Path(__file__).resolve().parents[2] / "shared" / "eval")  # beside the checkout or a worktree of it


def _value(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+", help="names in ../shared/eval, e.g. squad11_tune, article_dev")
    ap.add_argument("--set", action="append", default=[], help="setting=value (fixed)")
    ap.add_argument("--grid", action="append", default=[], help="setting=v1,v2,... (each tried)")
    ap.add_argument("--corpus", help="article for article_dev")
    ap.add_argument("--articles", type=int, default=0)
    a = ap.parse_args()
    fixed = {k: _value(v) for k, v in (s.split("=", 1) for s in a.set)}
    grid = [[(k, _value(v)) for v in vs.split(",")] for k, vs in (g.split("=", 1) for g in a.grid)]
    corpus = Corpus.from_path(a.corpus) if a.corpus else None
    work = {name: jobs(tune_records(name) if name.endswith("_tune") else read_records(EVAL / f"{name}.jsonl"),
                       corpus, a.articles) for name in a.sets}  # tune: only articles in no holdout file
    for combo in itertools.product(*grid) if grid else [()]:
        settings = Settings(**{**fixed, **dict(combo)})
        for name, job in work.items():
            t0 = time.time()
            figs, _ = evaluate(job, settings)
            print(json.dumps({"set": name, **dict(combo), **figs, "s": round(time.time() - t0, 1)}))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
