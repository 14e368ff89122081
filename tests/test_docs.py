"""The README and docs show what askbot prints: every example is run and compared.

When answers change on purpose, rewrite the shown outputs with ``python tests/examples.py``.
"""

from __future__ import annotations

import re

import pytest

from examples import ROOT, documents, examples, outputs

README = ROOT / "README.md"


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_every_example_prints_what_is_shown(path, tmp_path):
    for ex, got in outputs(path, str(tmp_path)):
        assert got == ex.shown, f"{path.name}: {ex.source!r} (rewrite the outputs: python tests/examples.py)"


def test_the_readme_is_short_and_shows_examples_of_both_kinds():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 250
    kinds = {ex.kind for ex in examples(text)}
    assert kinds == {"console", "pycon"}


def test_ci_sets_up_and_tests_exactly_as_the_readme_says():
    readme = README.read_text(encoding="utf-8")
    setup = re.search(r"## Set up\n.*?```sh\n(.*?)```", readme, re.S).group(1).strip().splitlines()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert setup[0].startswith("python3 -m venv .venv && . .venv/bin/activate && pip install")
    install = setup[0].split(" && ", 2)[2]
    assert f"{install} && {setup[1]}" in ci.splitlines()


def test_no_diary_in_the_docs():
    for path in documents():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[Ii]ssue #?\d+|[Ss]ession \d|(first|second|third|fourth) session", text), path
        assert "../shared" not in text, path


def test_no_issue_numbers_or_session_history_in_the_code():
    diary = re.compile(r"[Ii]ssue #?\d+|[Ss]ession \d|(first|second|third|fourth) session|\bREADME's ablation")
    code = ("src/askbot/*.py", "tests/*.py", "bench/*.py", "bench/*.sh")
    for path in [p for pattern in code for p in ROOT.glob(pattern)]:
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            hits = [n for n, line in enumerate(lines, 1) if diary.search(line)]
            assert not hits, f"{path.relative_to(ROOT)}: lines {hits}"
