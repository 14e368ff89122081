"""Where the default article is: packaged inside the wheel (copied there from
the repository's ``corpus/`` at build time, one source of truth), or, for an
editable install, the repository's ``corpus/`` itself."""

from __future__ import annotations

from pathlib import Path

from .errors import CorpusError
from .loading import SUFFIXES

_PACKAGED = Path(__file__).parent / "_corpus"
_REPOSITORY = Path(__file__).resolve().parents[2] / "corpus"


def default_corpus_path() -> Path:
    """The default article's path, or a CorpusError saying to pass one."""
    for folder in (_PACKAGED, _REPOSITORY):
        if folder.is_dir():
            files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            if files:
                return files[0]
    raise CorpusError("no default article is installed; pass one with --corpus PATH")
