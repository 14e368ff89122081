"""What Python's garbage collector costs while an eval set is answered in one process (bench/throughput.py).

    python bench/collector.py /work/shared/eval/squad11_holdout.jsonl answers.jsonl
    PYTHONPATH=<another checkout>/src python bench/collector.py ...   # the same for other code

Prints, per generation, the collections and their CPU time (``gc.callbacks``), the objects
the full collections walked (the tracked objects alive when each began), and the tracked
objects alive at the end. A full collection walks every tracked object: long-lived cache
entries that are tuples of strings drop out of it (CPython untracks them), frozensets,
lists and tuples holding tracked objects do not.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import throughput  # bench/throughput.py, beside this file

SPENT = [0.0, 0.0, 0.0]
COUNT = [0, 0, 0]
WALKED = [0]
_started = [0.0]


def _timed(phase: str, info: dict) -> None:
    generation = info["generation"]
    if phase == "start":
        if generation == 2:  # counting the objects allocates nothing the collector tracks
            WALKED[0] += len(gc.get_objects())
        _started[0] = time.process_time()
    else:
        SPENT[generation] += time.process_time() - _started[0]
        COUNT[generation] += 1


def main() -> None:
    gc.callbacks.append(_timed)
    try:
        throughput.main()
    finally:
        gc.callbacks.remove(_timed)
    for generation in range(3):
        print(f"generation {generation}: {COUNT[generation]} collections, {SPENT[generation]:.2f} s CPU")
    print(f"full collections walked {WALKED[0]:,} objects; {len(gc.get_objects()):,} tracked objects alive at the end")


if __name__ == "__main__":
    main()
