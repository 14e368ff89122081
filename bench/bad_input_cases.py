"""Every bad-input case as a real ``askbot`` process: exit status, first line of stderr, wall time, peak RSS.

    python bench/bad_input_cases.py [--markdown]

Each case runs ``python -m askbot ...`` in a fresh ASKBOT_HOME under a temporary
folder (cache cases first run once to write the cache, then damage one file);
peak RSS is the child's own (``os.wait4``), wall time includes Python's start.
"""

from __future__ import annotations

import argparse
import codecs
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BRIDGE = ROOT / "tests" / "data" / "harbor-bridge.txt"
ASK = ["ask", "Who is the mayor?"]


@dataclass
class Case:
    name: str
    argv: list[str]
    setup: Callable[[Path], None] = lambda tmp: None
    env: dict[str, str] = field(default_factory=dict)
    stdin: bytes | None = None
    close: int | None = None  # a standard stream to close (1 or 2)
    stdout_to: str | None = None  # e.g. /dev/full
    primed: bool = False  # run once first (writes the cache)


def _write(name: str, data: bytes) -> Callable[[Path], None]:
    return lambda tmp: (tmp / name).write_bytes(data)


def _fifo(name: str) -> Callable[[Path], None]:
    return lambda tmp: os.mkfifo(tmp / name)


def _loop(name: str) -> Callable[[Path], None]:
    return lambda tmp: (tmp / name).symlink_to(name)


def _folder_of_unreadables(tmp: Path) -> None:
    (tmp / "dir").mkdir()
    os.mkfifo(tmp / "dir" / "a.txt")
    (tmp / "dir" / "b.txt").symlink_to("b.txt")


def _cache_file(tmp: Path, name: str) -> Path:
    [folder] = (tmp / "home" / "cache" / "v2").iterdir()
    return folder / name


def _damage(name: str, how: str) -> Callable[[Path], None]:
    def damage(tmp: Path) -> None:
        path = _cache_file(tmp, name)
        if how == "empty":
            path.write_bytes(b"")
        elif how == "dev-zero":
            path.unlink()
            path.symlink_to("/dev/zero")
        elif how == "fifo":
            path.unlink()
            os.mkfifo(path)
        elif how == "deep":
            path.write_bytes(b"[" * 1_000_000 + b"]" * 1_000_000)
        elif how == "huge-header":
            data = path.read_bytes()
            path.write_bytes(data.replace(b"'shape': (", b"'shape': (1000000000000", 1))
        elif how == "nan":
            array = np.load(path)
            array[1] = np.nan
            np.save(path, array)
        elif how == "unsorted":
            np.save(path, np.load(path)[::-1].copy())
    return damage


def cases() -> list[Case]:
    corpus = ["--corpus", str(BRIDGE)]
    deep = b"[" * 1_000_000 + b"]" * 1_000_000 + b"\n"
    out = [
        Case("corpus: named pipe", ["--corpus", "{tmp}/f.txt", *ASK], _fifo("f.txt")),
        Case("corpus: /dev/zero", ["--corpus", "/dev/zero", *ASK]),
        Case("corpus: symlink loop", ["--corpus", "{tmp}/loop.txt", *ASK], _loop("loop.txt")),
        Case("corpus: UTF-16 with BOM", ["--corpus", "{tmp}/a.txt", *ASK],
             _write("a.txt", codecs.BOM_UTF16_LE + BRIDGE.read_text().encode("utf-16-le"))),
        Case("corpus: UTF-32 with BOM", ["--corpus", "{tmp}/a.txt", *ASK],
             _write("a.txt", codecs.BOM_UTF32_BE + BRIDGE.read_text().encode("utf-32-be"))),
        Case("corpus: UTF-16 without BOM", ["--corpus", "{tmp}/a.txt", *ASK],
             _write("a.txt", BRIDGE.read_text().encode("utf-16-le"))),
        Case("corpus: folder of unreadable articles", ["--corpus", "{tmp}/dir", *ASK], _folder_of_unreadables),
        Case("ASKBOT_MAX_MB=25000", [*corpus, *ASK], env={"ASKBOT_MAX_MB": "25000"}),
        Case("ASKBOT_MAX_MB=inf", [*corpus, *ASK], env={"ASKBOT_MAX_MB": "inf"}),
        Case("eval: /dev/zero", ["eval", "/dev/zero", *corpus]),
        Case("eval: named pipe", ["eval", "{tmp}/q.jsonl", *corpus], _fifo("q.jsonl")),
        Case("eval: nested 1,000,000 deep", ["eval", "{tmp}/q.jsonl", *corpus], _write("q.jsonl", deep)),
        Case('eval: "question": null', ["eval", "{tmp}/q.jsonl", *corpus],
             _write("q.jsonl", b'{"question": null, "gold": []}\n')),
        Case("batch: CR-only line ends", [*corpus, "ask", "--json", "-"],
             stdin=b"Who is the mayor?\rWhen did the Harbor Bridge open?\rWhy did work stop?\r"),
        Case("stderr closed (2>&-)", [*corpus, *ASK], close=2),
        Case("stdout closed (>&-)", [*corpus, *ASK], close=1),
        Case("stdout full (>/dev/full)", [*corpus, *ASK], stdout_to="/dev/full"),
        Case("HOME empty", [*corpus, *ASK], env={"HOME": "", "ASKBOT_HOME": ""}),
        Case("HOME nonexistent", [*corpus, *ASK], env={"HOME": "/nonexistent", "ASKBOT_HOME": ""}),
        Case("ASKBOT_HOME relative", [*corpus, *ASK], env={"ASKBOT_HOME": "rel"}),
    ]
    for name, how in [("sentence_spans.npy", "empty"), ("names.json", "deep"), ("weights.npy", "huge-header"),
                      ("weights.npy", "nan"), ("ids.npy", "unsorted"), ("meta.json", "dev-zero"),
                      ("meta.json", "fifo")]:
        out.append(Case(f"cache: {name} {how}", [*corpus, *ASK], _damage(name, how), primed=True))
    return out


def run(case: Case, tmp: Path) -> tuple[int, str, str, float, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "ASKBOT_HOME": str(tmp / "home"), **case.env}
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env.pop(name, None)
    if env.get("ASKBOT_HOME") == "":
        del env["ASKBOT_HOME"]
    argv = [a.replace("{tmp}", str(tmp)) for a in case.argv]
    cmd = [sys.executable, "-m", "askbot", *argv]
    if case.primed:
        subprocess.run(cmd, env=env, capture_output=True, timeout=120, check=True)
    case.setup(tmp)
    peak_file = tmp / "peak"
    closing = {1: " >&-", 2: " 2>&-"}.get(case.close, "")  # closed by the shell that becomes askbot
    timed = ["/usr/bin/time", "-o", str(peak_file), "-f", "%M",  # peak RSS of askbot alone, in KiB
             "sh", "-c", f'exec "$0" "$@"{closing}', *cmd]
    stdout = open(case.stdout_to, "w") if case.stdout_to else subprocess.PIPE  # noqa: SIM115
    start = time.perf_counter()
    proc = subprocess.Popen(timed, env=env, cwd=tmp, stdin=subprocess.PIPE, stdout=stdout, stderr=subprocess.PIPE)
    out, err = proc.communicate(case.stdin or b"", timeout=120)
    wall = time.perf_counter() - start
    text = peak_file.read_text().split()
    peak = int(text[-1]) / 1024 if text and text[-1].isdigit() else float("nan")
    lines = [line for line in err.decode(errors="replace").split("\n") if not line.startswith("Command exited")]
    first_out = (out or b"").decode(errors="replace").split("\n")[0]
    return proc.returncode, first_out, lines[0].replace(str(tmp), "$TMP"), wall, peak


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.parse_args()
    import platform

    print(f"# {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print("| case | exit | first line of stderr | first line of stdout | wall s | peak RSS MiB |")
    print("|---|---|---|---|---|---|")
    for case in cases():
        tmp = Path(tempfile.mkdtemp(prefix="askbot-case-"))
        try:
            code, out, err, wall, peak = run(case, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"| {case.name} | {code} | {err.replace('|', '/') or '(none)'} | {out[:60].replace('|', '/')} "
              f"| {wall:.2f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
