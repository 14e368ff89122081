"""The tune material it is safe to learn from (every trainer reads it here).

The shared files split SQuAD 1.1 dev and SQuAD 2.0 dev by article each on its
own, but SQuAD 2.0's dev articles are SQuAD 1.1 dev articles and most of its
answerable questions are 1.1's questions word for word. So 9 squad2_tune
articles are squad11_holdout articles (1,548 identical questions) and 9
squad11_tune articles are squad2_holdout articles (1,387). Learning from them
would be learning from holdout. A tune article whose title appears in either
holdout file is left out, and a question seen once is not taken twice.
Only the holdout files' titles are read, never their questions.
"""

from __future__ import annotations

import json
from pathlib import Path

EVAL = next((p / "shared" / "eval" for p in Path(__file__).resolve().parents[1:4] if (p / "shared" / "eval").is_dir()),
            Path(__file__).resolve().parents[2] / "shared" / "eval")  # beside the checkout or a worktree of it


def holdout_titles() -> set[str]:
    titles: set[str] = set()
    for name in ("squad11_holdout", "squad2_holdout"):
        with open(EVAL / f"{name}.jsonl", encoding="utf-8") as f:
            titles.update(json.loads(line)["title"] for line in f if line.strip())
    return titles


def tune_records(*names: str) -> list[dict]:
    """The SQuAD records of the named tune sets whose article is in no holdout
    file; a question asked in an earlier record (same article, same text) is dropped."""
    held, seen, out = holdout_titles(), set(), []
    for name in names:
        with open(EVAL / f"{name}.jsonl", encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                record = json.loads(line)
                if record["title"] in held:
                    continue
                qas = [q for q in record["qas"] if (record["title"], q["question"].strip()) not in seen]
                seen.update((record["title"], q["question"].strip()) for q in qas)
                if qas:
                    out.append({**record, "qas": qas})
    return out


if __name__ == "__main__":
    for names in (("squad11_tune",), ("squad2_tune",), ("squad11_tune", "squad2_tune")):
        recs = tune_records(*names)
        qs = [q for r in recs for q in r["qas"]]
        print(" + ".join(names), f"{len(recs)} articles, {len(qs)} questions,",
              sum(q["is_impossible"] for q in qs), "unanswerable")
