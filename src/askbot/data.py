"""Where the default article is: packaged inside the wheel (copied there from
the repository's ``corpus/`` at build time, one source of truth), or, for an
editable install, the repository's ``corpus/`` itself."""

from __future__ import annotations

import os

from .errors import CorpusError
from .loading import SUFFIXES

_HERE = os.path.dirname(os.path.abspath(__file__))
_PACKAGED = os.path.join(_HERE, "_corpus")
_REPOSITORY = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(_HERE))), "corpus")


def default_corpus_path() -> str:
    """The default article's path, or a CorpusError saying to pass one.

    (os.path, not pathlib: importing pathlib costs a one-shot start ~8 ms.)"""
    for folder in (_PACKAGED, _REPOSITORY):
        if os.path.isdir(folder):
            names = sorted(n for n in os.listdir(folder) if os.path.splitext(n)[1].lower() in SUFFIXES)
            files = [os.path.join(folder, n) for n in names if os.path.isfile(os.path.join(folder, n))]
            if files:
                return files[0]
    raise CorpusError("no default article is installed; pass one with --corpus PATH")
