"""The examples in README.md and docs/*.md, run: shell sessions and Python sessions.

Two kinds of fenced block are examples:

- ```console blocks: each line starting with "$ " is a command, run with bash
  from the repository's root; the lines after it, up to the next command, are
  what it prints (stdout and stderr together);
- ```pycon blocks: ">>> " and "... " lines are Python, run in one namespace
  per file; the lines after them are what they print or evaluate to.

Commands run with NO_COLOR=1, COLUMNS=80 and a fresh cache and home, so the
output does not depend on the machine. tests/test_docs.py checks that every
example prints what is shown. When answers change, rewrite the shown output:

    python tests/examples.py            # rewrites README.md and docs/*.md in place
    python tests/examples.py --check    # only lists the examples that differ (exit 1 if any)
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(console|pycon)\n(.*?)^```\n", re.M | re.S)


def documents() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@dataclass
class Example:
    """One command (console) or one statement (pycon), with the output the document shows."""

    kind: str
    source: str
    shown: str
    start: int  # where the example's text is in its document
    end: int


def examples(text: str) -> list[Example]:
    out = []
    for block in FENCE.finditer(text):
        kind, body, pos = block.group(1), block.group(2), block.start(2)
        prompt = re.compile(r"^\$ " if kind == "console" else r"^>>> ", re.M)
        starts = [m.start() for m in prompt.finditer(body)]
        for i, s in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(body)
            lines = body[s:end].splitlines(keepends=True)
            n = 1
            while kind == "pycon" and n < len(lines) and lines[n].startswith("... "):
                n += 1
            source = "".join(line[4 if kind == "pycon" else 2:] for line in lines[:n])
            out.append(Example(kind, source.rstrip("\n"), "".join(lines[n:]), pos + s, pos + end))
    return out


def environment(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ASKBOT", "XDG_", "PYTEST"))}
    bin_dir = os.path.dirname(sys.executable)
    env.update(NO_COLOR="1", COLUMNS="80", LINES="24", HOME=home, ASKBOT_HOME=f"{home}/askbot",
               XDG_CACHE_HOME=f"{home}/cache", XDG_STATE_HOME=f"{home}/state", PYTHONIOENCODING="utf-8",
               PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}")
    return env


def run_command(command: str, env: dict[str, str]) -> str:
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, encoding="utf-8", timeout=120, check=False)
    out = done.stdout
    return out if out.endswith("\n") or not out else out + "\n"


class Python:
    """One namespace a document: statements run in turn, as at the >>> prompt."""

    def __init__(self) -> None:
        self.namespace: dict = {"__name__": "__readme__"}

    def run(self, source: str) -> str:
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), _cwd(ROOT):
            try:
                code = compile(source + "\n", "<example>", "single")
                exec(code, self.namespace)
            except Exception as e:
                tb = traceback.format_exception_only(type(e), e)[-1]
                buffer.write("Traceback (most recent call last):\n  ...\n" + tb)
        return buffer.getvalue()


@contextlib.contextmanager
def _cwd(path: Path):
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def outputs(path: Path, home: str) -> list[tuple[Example, str]]:
    """Every example of ``path`` with what it prints now."""
    env, python = environment(home), None
    found = []
    for ex in examples(path.read_text(encoding="utf-8")):
        if ex.kind == "console":
            got = run_command(ex.source, env)
        else:
            python = python or Python()
            with _env(env):
                got = python.run(ex.source)
        found.append((ex, got))
    return found


@contextlib.contextmanager
def _env(env: dict[str, str]):
    before = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(before)


def rewrite(path: Path, home: str) -> int:
    """Rewrite the shown output of every example of ``path``; the number changed."""
    text = path.read_text(encoding="utf-8")
    changed, pieces, pos = 0, [], 0
    for ex, got in outputs(path, home):
        if got == ex.shown:
            continue
        changed += 1
        prompt = "$ " if ex.kind == "console" else ">>> "
        lines = ex.source.split("\n")
        source = prompt + lines[0] + "\n" + "".join(f"... {line}\n" for line in lines[1:])
        pieces += [text[pos:ex.start], source, got]
        pos = ex.end
    path.write_text("".join([*pieces, text[pos:]]), encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    status = 0
    for path in documents():
        with tempfile.TemporaryDirectory(prefix="askbot-examples-") as home:
            if check:
                for ex, got in outputs(path, home):
                    if got != ex.shown:
                        status = 1
                        print(f"{path.relative_to(ROOT)}: {ex.source!r} prints:\n{got}")
            else:
                n = rewrite(path, home)
                print(f"{path.relative_to(ROOT)}: {n} example outputs rewritten")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
