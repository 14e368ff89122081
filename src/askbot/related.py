"""Words of related and of opposite meaning, from WordNet 3.0: "lend" and
"loan", "argue" and "contend", "fight" and "battle" (the stems the Snowball
stemmer and the irregular-forms table cannot join); "increase" and "decrease",
"legal" and "illegal" (a sign of an edited, unanswerable question).

``related.txt`` and ``opposite.txt`` (written by bench/wordnet_table.py;
WordNet's licence is in ``related-LICENSE.txt``) hold a stem and its related
(opposite) stems a line, sorted by stem. They are mapped, not read: a look-up is
a binary search that touches a few pages, so the 1.3 MB table costs start-up
next to nothing.
"""

from __future__ import annotations

import mmap
import os.path
from functools import lru_cache

_HERE = os.path.dirname(__file__)  # not pathlib: ~8 ms of start-up
_tables: dict[str, mmap.mmap] = {}  # file name -> the mapped file, once opened


def _map(name: str) -> mmap.mmap:
    if name not in _tables:
        with open(os.path.join(_HERE, name), "rb") as f:
            _tables[name] = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return _tables[name]


def _line_at(table: mmap.mmap, at: int) -> tuple[int, int]:
    """(start, end) of the line that holds byte ``at``."""
    start = table.rfind(b"\n", 0, at) + 1
    end = table.find(b"\n", at)
    return start, len(table) if end < 0 else end


@lru_cache(maxsize=512)  # keyed by question terms: small, so that a long batch's memory stays flat
def related(stem: str) -> frozenset[str]:
    """The stems WordNet relates to ``stem`` (an analysis.tokenize term); empty when none."""
    return _lookup("related.txt", stem)


@lru_cache(maxsize=512)
def opposites(stem: str) -> frozenset[str]:
    """The stems WordNet gives as antonyms of ``stem`` ("decreas" for "increas"); empty when none."""
    return _lookup("opposite.txt", stem)


def _lookup(name: str, stem: str) -> frozenset[str]:
    table, key = _map(name), stem.encode() + b"\t"
    lo, hi = 0, len(table)
    while lo < hi:  # the first line whose key-and-tab is >= key
        start, end = _line_at(table, (lo + hi) // 2)
        if table[start:end] + b"\n" < key:
            lo = end + 1
        else:
            hi = start
    if table[lo: lo + len(key)] != key:
        return frozenset()
    end = _line_at(table, lo)[1]
    return frozenset(table[lo + len(key): end].decode().split())
