"""Kept programs of regular expressions (regexcache.py): every Pattern built from one equals
re.compile's, and a missing, damaged or foreign file changes no answer, only the time."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import askbot
from askbot import cues, regexcache
from askbot.cachecheck import digest
from askbot.lazyre import LazyRegex

QUESTIONS = "where did they meet\nwhat did putin say about the war\nhow many hours did they talk\nwhy did kim come\n" \
            "who is kim jong un\nwas it their first meeting\nwhen did it open?\nsummarize the article\n"


@pytest.fixture(autouse=True)
def _off():
    regexcache.use(None)
    yield
    regexcache.use(None)


def askbot_patterns() -> list[tuple[str, int]]:
    """Every pattern of askbot's modules: LazyRegex objects, compiled str Patterns, and the answer types of cues."""
    found: dict[tuple[str, int], None] = {}
    for info in pkgutil.iter_modules(askbot.__path__):
        if info.name.startswith("_"):
            continue
        for value in vars(importlib.import_module(f"askbot.{info.name}")).values():
            if isinstance(value, LazyRegex) and isinstance(value.source, str):
                found[(value.source, int(value.flags))] = None
            elif isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found[(value.pattern, int(value.flags))] = None
    found.update({(source, int(re.I)): None for source in cues._KINDS.values()})
    return list(found)


def test_every_kept_program_builds_the_pattern_re_compile_builds(tmp_path):
    patterns = askbot_patterns()
    assert len(patterns) > 80
    regexcache.use(str(tmp_path))
    for source, flags in patterns:
        regexcache.compiled(source, flags)
    regexcache.save()
    regexcache.use(None)
    regexcache.use(str(tmp_path))
    assert set(regexcache._table()) == set(patterns)
    for source, flags in patterns:
        built, want = regexcache.compiled(source, flags), re.compile(source, flags)
        assert (built, built.groups, built.groupindex, built.flags) == (want, want.groups, want.groupindex, want.flags)
        assert built.pattern == source
    assert not regexcache._missing  # every one built from its kept program, none compiled


def test_a_second_save_keeps_what_the_first_wrote(tmp_path):
    regexcache.use(str(tmp_path))
    regexcache.compiled(r"first\d+")
    regexcache.save()
    regexcache.compiled(r"second\d+", re.I)
    regexcache.save()
    regexcache.use(None)
    regexcache.use(str(tmp_path))
    assert set(regexcache._table()) == {(r"first\d+", 0), (r"second\d+", int(re.I))}


def test_off_by_default_it_compiles_and_keeps_nothing(tmp_path):
    assert regexcache.compiled(r"\bcompiled\b", re.I) == re.compile(r"\bcompiled\b", re.I)
    regexcache.save()
    assert regexcache.path() is None and not regexcache._missing


def test_a_bytes_pattern_is_compiled_not_kept(tmp_path):
    regexcache.use(str(tmp_path))
    assert regexcache.compiled(rb"\d+") == re.compile(rb"\d+")
    regexcache.save()
    assert not tmp_path.joinpath(os.path.basename(regexcache.path())).exists()


def _ask(home: Path, *options: str) -> tuple[int, str, str]:
    env = {**os.environ, "ASKBOT_HOME": str(home)}
    done = subprocess.run([sys.executable, "-m", "askbot", "ask", "--json", *options, "-"], input=QUESTIONS,
                          capture_output=True, text=True, env=env, timeout=120)
    return done.returncode, done.stdout, done.stderr


def _file(home: Path) -> Path:
    (found,) = (home / "cache" / "regex").iterdir()
    return found


def _resealed(data: bytes, change) -> bytes:
    """The file with its JSON and programs changed by ``change``, and a digest that fits again."""
    head, key, _, rest = data.split(b"\n", 3)
    rest = change(rest)
    return b"\n".join([head, key, digest(rest).encode(), rest])


def _bad_program(rest: bytes) -> bytes:
    header, blob = rest.split(b"\n", 1)
    return header + b"\n" + b"\xff" * 64 + blob[64:]  # _sre.compile refuses it: "invalid SRE code"


DAMAGE = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[:len(data) // 2],
    "flipped byte": lambda data: data[:-9] + bytes([data[-9] ^ 1]) + data[-8:],
    "another interpreter": lambda data: data.replace(b"'little')", b"'big')", 1),
    "another format": lambda data: b"askbot-regex 0" + data[len(b"askbot-regex 1"):],
    "programs the engine refuses": lambda data: _resealed(data, _bad_program),
    "more programs than words": lambda data: _resealed(data, lambda rest: rest[:-4]),
    "not JSON": lambda data: _resealed(data, lambda rest: b"{" + rest),
}


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> tuple[Path, str]:
    """A home whose regex file holds every pattern the questions need, and the answers without any file."""
    home = tmp_path_factory.mktemp("kept")
    code, plain, err = _ask(home, "--no-cache")
    assert (code, err) == (0, "") and not (home / "cache").exists()  # --no-cache: no file read or written
    assert _ask(home) == (0, plain, "")  # index and patterns written
    assert _ask(home) == (0, plain, "")  # patterns that only a run with a written index needs
    return home, plain


def test_a_second_run_reads_the_file_and_writes_nothing(kept):
    home, plain = kept
    before = _file(home).stat()
    assert _ask(home) == (0, plain, "")
    after = _file(home).stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_file_gives_the_same_answers_and_is_written_again(kept, tmp_path, damage):
    home, plain = kept
    good = _file(home).read_bytes()
    copy = tmp_path / "home"
    (copy / "cache" / "regex").mkdir(parents=True)
    (copy / "cache" / "regex" / _file(home).name).write_bytes(DAMAGE[damage](good))
    assert _ask(copy) == (0, plain, "")
    assert _programs(_file(copy)) == _programs(_file(home))  # written again, whole


def _programs(file: Path) -> dict:
    return {key: (item, words.tolist()) for key, (item, words) in regexcache._read(str(file)).items()}


def test_a_folder_in_the_way_is_no_error(kept, tmp_path):
    home, plain = kept
    (tmp_path / "cache" / "regex" / _file(home).name).mkdir(parents=True)
    assert _ask(tmp_path) == (0, plain, "")


def test_the_library_reads_and_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("ASKBOT_HOME", str(tmp_path))
    askbot.ask("where did they meet")
    assert not (tmp_path / "cache").exists()
