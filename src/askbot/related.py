"""Words of related meaning, from WordNet 3.0: "lend" and "loan", "argue" and
"contend", "fight" and "battle". The stems the Snowball stemmer and the
irregular-forms table cannot join.

``related.txt`` (written by bench/wordnet_table.py; WordNet's licence is in
``related-LICENSE.txt``) holds a stem and its related stems a line, sorted by
stem. It is mapped, not read: a look-up is a binary search that touches a few
pages, so the 1.2 MB table costs start-up next to nothing.
"""

from __future__ import annotations

import mmap
import os.path
from functools import lru_cache

_FILE = os.path.join(os.path.dirname(__file__), "related.txt")  # not pathlib: ~8 ms of start-up
_table: list[mmap.mmap] = []  # the mapped file, once opened


def _map() -> mmap.mmap:
    if not _table:
        with open(_FILE, "rb") as f:
            _table.append(mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
    return _table[0]


def _line_at(table: mmap.mmap, at: int) -> tuple[int, int]:
    """(start, end) of the line that holds byte ``at``."""
    start = table.rfind(b"\n", 0, at) + 1
    end = table.find(b"\n", at)
    return start, len(table) if end < 0 else end


@lru_cache(maxsize=65536)
def related(stem: str) -> frozenset[str]:
    """The stems WordNet relates to ``stem`` (an analysis.tokenize term); empty when none."""
    table, key = _map(), stem.encode() + b"\t"
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
