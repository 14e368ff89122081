"""Choose the default ``min_confidence`` on the tune sets (never holdout).

Answers every tune question once with no threshold, keeps each confidence, and
prints, for each candidate threshold, the share of answerable questions that
would be declined (false_abstain: squad11_tune, squad2_tune and both together) and of
unanswerable ones that would be (abstain_ok: squad2_tune).

    python bench/pick_threshold.py
"""

from __future__ import annotations

import numpy as np
from splits import tune_records

from askbot.answer import Settings, ask
from askbot.evaluate import jobs
from askbot.retriever import Retriever

THRESHOLDS = (0.05, 0.1, 0.12, 0.14, 0.15, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3, 0.35, 0.4)


def confidences(name: str) -> tuple[np.ndarray, np.ndarray]:
    """(confidences of answerable questions, of unanswerable ones)."""
    yes, no = [], []
    for corpus, items in jobs(tune_records(name), None):
        retriever = Retriever(corpus)
        for item in items:
            got = ask(item.question, retriever, Settings(min_confidence=0.0))
            (yes if item.answerable else no).append(got.confidence)
    return np.array(yes), np.array(no)


def main() -> None:
    sets = {name: confidences(name) for name in ("squad11_tune", "squad2_tune")}
    print("| min_confidence | false_abstain squad11_tune | false_abstain squad2_tune | false_abstain both "
          "| abstain_ok squad2_tune |")
    print("|---:|---:|---:|---:|---:|")
    both = np.concatenate([sets["squad11_tune"][0], sets["squad2_tune"][0]])
    for t in THRESHOLDS:
        cells = [float(np.mean(sets["squad11_tune"][0] < t)), float(np.mean(sets["squad2_tune"][0] < t)),
                 float(np.mean(both < t)), float(np.mean(sets["squad2_tune"][1] < t))]
        print(f"| {t:.2f} | " + " | ".join(f"{c:.4f}" for c in cells) + " |")


if __name__ == "__main__":
    main()
