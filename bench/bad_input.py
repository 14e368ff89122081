"""Figures for the bad-input goals, measured by hand (never in CI).

    python bench/bad_input.py [--squad ../shared/eval/squad11_tune.jsonl]
    python bench/bad_input.py --cases   # every bad-input case as a process (bench/bad_input_cases.py)

Prints: loading one paragraph of 20,000 sentences (goal: under 5 s); pysbd
alone on 2,000 sentences in one paragraph (why it is fed bounded pieces);
a 100,000-character question (goal: under a second) on the test article and
on a larger corpus; how soon a 50 MB article is refused; and many threads
against one Retriever. CPU times (time.process_time) unless marked wall.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import askbot

ROOT = Path(__file__).resolve().parents[1]
BRIDGE = ROOT / "tests" / "data" / "harbor-bridge.txt"


def timed(fn):
    start = time.process_time()
    result = fn()
    return result, time.process_time() - start


def paragraph(n: int) -> str:
    return " ".join(f"Sentence number {i} says the harbor bridge opened in {1900 + i % 100}." for i in range(n))


def bench_paragraph() -> None:
    import pysbd

    text = paragraph(2000)
    _, pysbd_s = timed(lambda: pysbd.Segmenter(language="en", clean=False).segment(text))
    print(f"pysbd alone, 2,000 sentences in one paragraph ({len(text):,} chars): {pysbd_s:.2f} s")
    for n in (2000, 20_000):
        text = paragraph(n)
        corpus, load_s = timed(lambda t=text: askbot.Corpus.from_text(t))
        _, index_s = timed(lambda c=corpus: askbot.Retriever(c))
        print(f"Corpus.from_text, {n:,} sentences in one paragraph ({len(text):,} chars): {load_s:.2f} s "
              f"({len(corpus.sentences):,} sentences), + Retriever {index_s:.2f} s   [goal: load < 5 s]")


def squad_text(path: Path) -> str:
    seen: dict[str, None] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            seen.setdefault(json.loads(line)["context"], None)
    return "\n\n".join(seen)


def bench_question(squad: Path | None) -> None:
    import random

    rng = random.Random(7)
    vocab = [f"{w}{i}" for i, w in enumerate(["bridge", "harbor", "ferry", "mayor", "toll"] * 2000)]
    long_q = " ".join(rng.choice(vocab) for _ in range(20_000))[:100_000]
    repeated = ("When did the Harbor Bridge open? " * 3100)[:100_000]
    corpora = [("test article", askbot.Corpus.from_path(BRIDGE))]
    if squad:
        corpus, s = timed(lambda: askbot.Corpus.from_text(squad_text(squad)))
        print(f"(SQuAD tune articles as one corpus: {len(corpus.passages):,} passages, loaded in {s:.1f} s)")
        corpora.append(("SQuAD tune corpus", corpus))
    for name, corpus in corpora:
        retriever = askbot.Retriever(corpus)
        found, s = timed(lambda c=corpus: c.sentences)  # the first answer's pysbd pass, timed apart
        print(f"(the {name}'s {len(found):,} sentences found in {s:.1f} s, once, before the questions)")
        for label, q in (("distinct words", long_q), ("one question repeated", repeated)):
            answer, s = timed(lambda r=retriever, q=q: askbot.ask(q, r))
            print(f"100,000-char question ({label}) on the {name}: {s * 1000:.0f} ms, found={answer.found}"
                  "   [goal: < 1 s]")


def bench_refusal() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        with path.open("wb") as f:
            f.write(b"The bridge opened. " * (50_000_000 // 19))
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "askbot", "--corpus", str(path), "ask", "x"],
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
        wall = time.perf_counter() - start
    print(f"50 MB article: exit {done.returncode} in {wall:.2f} s wall: {done.stderr.strip()}")


def bench_load(mib: float, squad: Path | None) -> None:
    if not squad:
        return
    text = squad_text(squad)
    text = (text + "\n\n") * max(1, int(mib * 2**20 / len(text)))
    corpus, load_s = timed(lambda: askbot.Corpus.from_text(text))
    _, index_s = timed(lambda: askbot.Retriever(corpus))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(text) / 2**20:.1f} MiB of SQuAD text: load {load_s:.1f} s, index {index_s:.1f} s, "
          f"{len(corpus.sentences):,} sentences, peak RSS of this process so far {rss:.0f} MiB")


def bench_threads() -> None:
    retriever = askbot.Retriever(askbot.Corpus.from_path(BRIDGE))
    qs = ["When did the Harbor Bridge open?", "Who is the mayor?", "Why did work stop?"] * 300
    expected = [retriever.search(q) for q in qs]
    start = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        got = list(pool.map(retriever.search, qs))
    print(f"{len(qs)} searches on 16 threads: same as sequential: {got == expected}, "
          f"{time.perf_counter() - start:.2f} s wall")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--squad", type=Path, default=ROOT.parent / "shared" / "eval" / "squad11_tune.jsonl")
    p.add_argument("--load-mib", type=float, default=4.0, help="size of the load test (default 4 MiB)")
    p.add_argument("--cases", action="store_true", help="only the table of bad-input cases: exit, message, time, RSS")
    args = p.parse_args()
    if args.cases:
        sys.path.insert(0, str(Path(__file__).parent))
        import bad_input_cases

        sys.argv = sys.argv[:1]
        bad_input_cases.main()
        return
    squad = args.squad if args.squad.exists() else None
    import platform

    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    bench_paragraph()
    bench_question(squad)
    bench_refusal()
    bench_threads()
    bench_load(args.load_mib, squad)


if __name__ == "__main__":
    main()
