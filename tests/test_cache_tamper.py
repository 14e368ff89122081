"""The index cache is untrusted input: every cache file, damaged in every way, gives the same answers.

Each case copies a cache written by a first run, damages one file, and runs again:
the answers (as ``askbot ask --json`` prints them) are exactly those of a run
without a cache, with at most one notice ("... is corrupt (...); rebuilding"),
never a traceback, a hang or a read without end; the run after that reads the
rebuilt cache without a notice, and no temporary file is left behind.
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import askbot
from askbot import cache, cachecheck
from askbot.render import as_json

QUESTIONS = ["Who is the mayor?", "When did the bridge open?", "How much did the bridge cost?", "Why did work stop?"]
NOTICE = r"index cache .* is (corrupt|stale) \(.*\); rebuilding"


def _answers(bridge_path: Path) -> tuple[list[str], list[str]]:
    """The answers of a run with the cache, and the warnings it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        retriever = cache.load_retriever(askbot.Corpus.from_path(bridge_path))
        out = [as_json(askbot.ask(q, retriever)) for q in QUESTIONS]
    return out, [str(w.message) for w in caught]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, bridge_path) -> tuple[Path, list[str]]:
    """A complete cache folder (every file written) and the answers without any cache."""
    home = tmp_path_factory.mktemp("pristine")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASKBOT_HOME", str(home))
        _answers(bridge_path)
        [folder] = (home / "cache" / f"v{cache.FORMAT}").iterdir()
    retriever = askbot.Retriever(askbot.Corpus.from_path(bridge_path))
    return folder, [as_json(askbot.ask(q, retriever)) for q in QUESTIONS]


FILES = ["meta.json", *(f"{a}.npy" for a in cache.ARRAYS), "sentences.json", "sentence_counts.npy",
         "sentence_spans.npy", "sentence_index.json", *(f"sentence_index_{a}.npy" for a in cache.ARRAYS),
         "names.json"]


def test_a_first_run_writes_every_cache_file(pristine):
    folder, _ = pristine
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)


def _npy_header(path: Path) -> tuple[bytes, bytes]:
    data = path.read_bytes()
    size = int.from_bytes(data[8:10], "little")
    return data[: 10 + size], data[10 + size:]


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "bit-flip":
        i = len(data) * 3 // 4
        path.write_bytes(data[:i] + bytes([data[i] ^ 0x10]) + data[i + 1:])
    elif how == "missing":
        path.unlink()
    elif how == "folder":
        path.unlink()
        path.mkdir()
    elif how == "symlink-to-dev-zero":
        path.unlink()
        path.symlink_to("/dev/zero")
    elif how == "symlink-loop":
        path.unlink()
        path.symlink_to(path.name)
    elif how == "fifo":
        path.unlink()
        os.mkfifo(path)
    elif how == "huge":  # a file far larger than its record says
        with path.open("ab") as f:
            f.truncate(len(data) + (1 << 34))  # sparse: 16 GiB that cost nothing on disk
    elif how == "huge-header":  # a .npy that declares 10**12 elements
        header, body = _npy_header(path)
        path.write_bytes(header.replace(b"'shape': (", b"'shape': (1000000000000") + body)
    elif how in ("nan", "wrong-dtype", "unsorted"):
        array = np.load(path, allow_pickle=False)
        if how == "nan":
            array = array.astype(np.float64)
            array.flat[len(array) // 2] = np.nan
        elif how == "wrong-dtype":
            array = array.astype(np.float32 if array.dtype.kind == "f" else np.int16)
        else:
            array = array[::-1].copy()
        np.save(path, array, allow_pickle=False)
    elif how == "deep-json":
        path.write_bytes(b"[" * 200_000 + b"]" * 200_000)
    elif how == "deep-json-checked":  # nested deep, with a digest that matches
        path.write_bytes(cachecheck.dumps(0).replace(b"0}", b"") + b"[" * 50_000 + b"]" * 50_000 + b"}")
    elif how == "json-nan":
        path.write_bytes(data.replace(b"1.2", b"NaN", 1).replace(b"[]", b"[NaN]", 1))
    else:
        raise AssertionError(how)


GENERIC = ["truncate", "empty", "bit-flip", "missing", "folder", "symlink-to-dev-zero", "symlink-loop", "fifo",
           "huge"]
CASES = ([(f, how) for f in FILES for how in GENERIC]
         + [(f, how) for f in FILES if f.endswith(".npy") for how in ("huge-header", "nan", "wrong-dtype", "unsorted")]
         + [(f, how) for f in FILES if f.endswith(".json") for how in ("deep-json", "deep-json-checked", "json-nan")])


@pytest.mark.parametrize(("name", "how"), CASES, ids=[f"{f}-{h}" for f, h in CASES])
def test_a_damaged_cache_file_gives_the_same_answers(pristine, tmp_path, monkeypatch, bridge_path, name, how):
    folder, expected = pristine
    home = tmp_path / "home"
    target = home / "cache" / f"v{cache.FORMAT}" / folder.name
    shutil.copytree(folder, target)
    monkeypatch.setenv("ASKBOT_HOME", str(home))
    before = (target / name).read_bytes()
    _damage(target / name, how)
    path = target / name
    same = path.is_file() and not path.is_symlink() and path.stat().st_size < 1 << 20 and path.read_bytes() == before
    got, notices = _answers(bridge_path)
    assert got == expected
    optional = how == "missing" and name in ("names.json", "sentences.json", "sentence_index.json")
    assert len(notices) == (0 if optional or same else 1), notices
    assert all(__import__("re").fullmatch(NOTICE, n) for n in notices), notices
    again, notices = _answers(bridge_path)  # the rebuilt cache reads cleanly
    assert (again, notices) == (expected, [])
    assert sorted(p.name for p in target.iterdir()) == sorted(FILES)
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]


def test_the_cache_folder_replaced_by_a_file_or_a_link_is_rebuilt(pristine, tmp_path, monkeypatch, bridge_path):
    folder, expected = pristine
    monkeypatch.setenv("ASKBOT_HOME", str(tmp_path / "home"))
    root = tmp_path / "home" / "cache" / f"v{cache.FORMAT}"
    root.mkdir(parents=True)
    for make in (lambda p: p.write_text("x"), lambda p: p.symlink_to(folder), lambda p: os.mkfifo(p)):
        target = root / folder.name
        if target.is_symlink() or target.is_file() or target.exists():
            shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
        make(target)
        got, notices = _answers(bridge_path)
        assert got == expected and len(notices) == 1
        assert target.is_dir() and not target.is_symlink()
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)  # the link's target was never touched


def test_temporary_files_of_dead_processes_are_swept(pristine, tmp_path, monkeypatch, bridge_path):
    folder, expected = pristine
    home = tmp_path / "home"
    root = home / "cache" / f"v{cache.FORMAT}"
    shutil.copytree(folder, root / folder.name)
    dead = 2**22 + 12345  # above the default pid_max: no such process
    (root / folder.name / f".names.json.{dead}.tmp").write_bytes(b"")
    (root / f".tmp-{dead}-abc").mkdir()
    (root / f".tmp-{dead}-abc" / "meta.json").write_bytes(b"{}")
    monkeypatch.setenv("ASKBOT_HOME", str(home))
    assert _answers(bridge_path) == (expected, [])
    assert not [p for p in root.rglob(".*")]


def test_a_write_that_fails_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "names.json"

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        cachecheck.write(str(target), b"data")
    assert list(tmp_path.iterdir()) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(FILES), where=st.floats(0, 1, exclude_max=True), byte=st.integers(0, 255),
       cut=st.booleans())
def test_random_damage_to_a_real_cache_file_never_changes_an_answer(pristine, tmp_path_factory, bridge_path,
                                                                    name, where, byte, cut):
    folder, expected = pristine
    home = tmp_path_factory.mktemp("home")
    target = home / "cache" / f"v{cache.FORMAT}" / folder.name
    shutil.copytree(folder, target)
    path = target / name
    data = path.read_bytes()
    i = int(where * len(data))
    path.write_bytes(data[:i] if cut else data[:i] + bytes([byte]) + data[i + 1:])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ASKBOT_HOME", str(home))
        got, notices = _answers(bridge_path)
    assert got == expected
    changed = path.exists() is False or data != (data[:i] if cut else data[:i] + bytes([byte]) + data[i + 1:])
    assert len(notices) == (1 if changed else 0), notices
