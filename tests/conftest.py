"""Shared fixtures: a small test article (tests/data), and an isolated home."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

import askbot

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """History, cache and config go under tmp_path, never the real home."""
    monkeypatch.setenv("ASKBOT_HOME", str(tmp_path / "askbot-home"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture(scope="session")
def bridge_path() -> Path:
    return DATA / "harbor-bridge.txt"


@pytest.fixture(scope="session")
def bridge(bridge_path) -> askbot.Corpus:
    return askbot.Corpus.from_path(bridge_path)


@pytest.fixture(scope="session")
def bridge_retriever(bridge) -> askbot.Retriever:
    return askbot.Retriever(bridge)


def pytest_configure(config):
    """Hypothesis keeps its caches (written from collection on) in a private
    temporary folder removed at the end, not in ./.hypothesis."""
    from hypothesis import configuration

    config._askbot_hypothesis_home = tempfile.mkdtemp(prefix="askbot-hypothesis-")
    configuration.set_hypothesis_home_dir(config._askbot_hypothesis_home)


def pytest_unconfigure(config):
    home = getattr(config, "_askbot_hypothesis_home", None)
    if home:
        shutil.rmtree(home, ignore_errors=True)
