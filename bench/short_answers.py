"""The short-answer stage alone: capture its calls on an eval set, then replay them.

    python bench/short_answers.py capture /work/shared/eval/squad11_holdout.jsonl calls.pickle
    python bench/short_answers.py replay calls.pickle [N]      # the first N calls, in a fresh process
    python bench/short_answers.py replay calls.pickle N --evict 8    # 8 MB written between two calls
    PYTHONPATH=<other checkout>/src python bench/short_answers.py replay calls.pickle   # the same for other code

``capture`` answers the set as bench/throughput.py does and keeps every
``short_answer`` call (question, cited sentence, question terms, other
citations) with its result. ``replay`` makes the calls again, checks that every
result is the same, and prints the CPU time; under ``valgrind --tool=callgrind``
the difference between two N gives the instructions of the calls between them,
a figure the machine's load does not move. In the pipeline the other stages run
between two short answers and leave the CPU caches cold: ``--evict MB`` writes
that many megabytes between two calls (outside the timed part), which roughly
doubles the stage's time, as in the pipeline.
"""

from __future__ import annotations

import pickle
import sys
import time


def capture(path: str, out: str) -> None:
    import throughput

    import askbot.answer

    calls = []
    real = askbot.answer.short_answer

    def kept(question, citation, asked, aliases=None, others=()):
        found = real(question, citation, asked, aliases, others)
        calls.append((question, citation, tuple(asked), tuple(others), found))
        return found

    askbot.answer.short_answer = kept
    sys.argv = ["throughput", path, "/dev/null"]
    throughput.main()
    with open(out, "wb") as f:
        pickle.dump(calls, f)
    print(f"{len(calls)} calls kept in {out}")


def replay(path: str, end: int | None = None, evict: float = 0.0) -> None:
    import numpy as np

    from askbot.phrase import short_answer

    with open(path, "rb") as f:
        calls = pickle.load(f)[:end]
    junk = np.zeros(int(evict * 2**20) // 8)
    differ, spent = 0, 0.0
    for question, citation, asked, others, found in calls:  # asked as answer.ask passes it: the question's keys
        junk += 1.0
        start = time.process_time()
        differ += short_answer(question, citation, dict.fromkeys(asked).keys(), None, others) != found
        spent += time.process_time() - start
    print(f"{len(calls)} calls, {spent:.2f} s CPU, {differ} differ")


if __name__ == "__main__":
    sys.path.insert(0, __file__.rsplit("/", 1)[0])
    if sys.argv[1] == "capture":
        capture(sys.argv[2], sys.argv[3])
    else:
        args = sys.argv[2:]
        evict = float(args.pop(args.index("--evict") + 1)) if "--evict" in args else 0.0
        args = [a for a in args if a != "--evict"]
        replay(args[0], int(args[1]) if len(args) > 1 else None, evict)
