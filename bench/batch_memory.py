"""Memory of a long batch: ``askbot ask --json -`` fed N questions, its RSS sampled as it goes.

    python bench/batch_memory.py [--questions 200000] [--corpus corpus/putin-kim-vostochny.txt]

The questions are the reader questions of the shared eval sets (article_dev, the
SQuAD tune files), cycled, each turn written differently (case, question mark,
a leading "and", "so") so that no two of the N lines are the same string: a
cache keyed by the question would grow with every line. Prints the resident
set size (VmRSS of /proc) after 1,000 questions and at later checkpoints; the
goal is that after N it is within 20% of after 1,000.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STYLES = (lambda q: q, lambda q: q.lower(), lambda q: q.rstrip("?"), lambda q: "and " + q.lower(),
          lambda q: "so " + q.rstrip("?").lower(), lambda q: q.upper(), lambda q: q + " ?", lambda q: "  " + q)


def pool() -> list[str]:
    found: dict[str, None] = {}
    for name in ("article_dev.jsonl", "squad11_tune.jsonl", "squad2_tune.jsonl"):
        path = Path("/work/shared/eval") / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for q in ([record["question"]] if "question" in record else [qa["question"] for qa in record["qas"]]):
                found.setdefault(" ".join(q.split()), None)
    return list(found) or ["Who is the mayor?", "When did the bridge open?"]


def questions(n: int) -> list[str]:
    base = pool()
    out: dict[str, None] = {}
    turn = 0
    while len(out) < n:
        style = STYLES[turn % len(STYLES)]
        extra = " please" * (turn // len(STYLES))
        for q in base:
            out.setdefault(style(q) + extra, None)
            if len(out) == n:
                break
        turn += 1
    return list(out)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--questions", type=int, default=200_000)
    p.add_argument("--corpus", default=str(ROOT / "corpus" / "putin-kim-vostochny.txt"))
    args = p.parse_args()
    qs = questions(args.questions)
    assert len(set(qs)) == len(qs), "the questions must all differ"
    marks = sorted({1000, 10_000, 50_000, 100_000, args.questions} & set(range(1, args.questions + 1)))
    import tempfile

    home = tempfile.mkdtemp(prefix="askbot-batch-")  # the index cache goes here, not into the real home
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ASKBOT_HOME": home}
    proc = subprocess.Popen([sys.executable, "-m", "askbot", "--corpus", args.corpus, "ask", "--json", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def feed() -> None:
        for q in qs:
            proc.stdin.write(q.encode() + b"\n")
        proc.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    import platform

    print(f"# {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
          f"{len(pool()):,} distinct pool questions, {len(qs):,} distinct lines")
    start = time.perf_counter()
    seen = {}
    for n, _ in enumerate(proc.stdout, 1):
        if n in marks:
            seen[n] = rss_mib(proc.pid)
            wall = time.perf_counter() - start
            print(f"after {n:>7,} questions: RSS {seen[n]:6.1f} MiB  ({wall:,.0f} s)", flush=True)
    proc.wait()
    import shutil

    shutil.rmtree(home, ignore_errors=True)
    first, last = seen[marks[0]], seen[marks[-1]]
    print(f"growth from {marks[0]:,} to {marks[-1]:,} questions: {100 * (last / first - 1):+.1f}%   [goal: within 20%]")


if __name__ == "__main__":
    main()
