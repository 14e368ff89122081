"""Words of related meaning, from WordNet 3.0: "lend" and "loan", "argue" and
"contend", "fight" and "battle". The stems the Snowball stemmer and the
irregular-forms table cannot join.

``related.txt`` (written by bench/wordnet_table.py; WordNet's licence is in
``related-LICENSE.txt``) holds a stem and its related stems a line. It is read
once, on the first look-up, and only the lines of the terms asked about are
split, so a question costs a few string searches, not a table load.
"""

from __future__ import annotations

import os.path
from functools import lru_cache

_FILE = os.path.join(os.path.dirname(__file__), "related.txt")  # not pathlib: ~8 ms of start-up
_table: list[str] = []  # the file's text behind a newline, once read


def _text() -> str:
    if not _table:
        with open(_FILE, encoding="utf-8") as f:
            _table.append("\n" + f.read())
    return _table[0]


@lru_cache(maxsize=65536)
def related(stem: str) -> frozenset[str]:
    """The stems WordNet relates to ``stem`` (an analysis.tokenize term); empty when none."""
    text, key = _text(), f"\n{stem}\t"
    at = text.find(key)
    if at < 0:
        return frozenset()
    return frozenset(text[at + len(key): text.find("\n", at + len(key))].split())
