"""Words of related and of opposite meaning, from WordNet 3.0: "lend" and
"loan", "argue" and "contend", "fight" and "battle" (the stems the Snowball
stemmer and the irregular-forms table cannot join); "increase" and "decrease",
"legal" and "illegal" (a sign of an edited, unanswerable question).

``related.txt`` and ``opposite.txt`` (written by bench/wordnet_table.py;
WordNet's licence is in ``related-LICENSE.txt``) hold a stem and its related
(opposite) stems a line, sorted by stem. They are mapped, not read: a look-up
bisects the keys sampled every 4 KB (found on the first look-up) and reads one
4 KB stretch, so the 1.3 MB table costs start-up next to nothing.
"""

from __future__ import annotations

import mmap
import os.path
from bisect import bisect_right
from functools import lru_cache

_HERE = os.path.dirname(__file__)  # not pathlib: ~8 ms of start-up
_tables: dict[str, mmap.mmap] = {}  # file name -> the mapped file, once opened
_sampled: dict[str, tuple[list[bytes], list[int]]] = {}  # file name -> _samples
_STRIDE = 4096


def _map(name: str) -> mmap.mmap:
    if name not in _tables:
        with open(os.path.join(_HERE, name), "rb") as f:
            _tables[name] = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    return _tables[name]


def _samples(name: str) -> tuple[list[bytes], list[int]]:
    """(keys, starts): every ``_STRIDE`` bytes of the table, the key of the next line and where it
    starts (~300 a table, found on the table's first look-up): a look-up then reads one stretch."""
    found = _sampled.get(name)
    if found is None:
        table, keys, starts, at = _map(name), [], [], 0
        while 0 <= at < len(table):
            keys.append(table[at:table.find(b"\t", at)])
            starts.append(at)
            at = table.find(b"\n", at + _STRIDE) + 1 or -1
        found = _sampled[name] = (keys, starts)
    return found


@lru_cache(maxsize=512)  # keyed by question terms: small, so that a long batch's memory stays flat
def related(stem: str) -> frozenset[str]:
    """The stems WordNet relates to ``stem`` (an analysis.tokenize term); empty when none."""
    return _lookup("related.txt", stem)


@lru_cache(maxsize=512)
def opposites(stem: str) -> frozenset[str]:
    """The stems WordNet gives as antonyms of ``stem`` ("decreas" for "increas"); empty when none."""
    return _lookup("opposite.txt", stem)


def _lookup(name: str, stem: str) -> frozenset[str]:
    """The stems on ``stem``'s line of the table (sorted by stem), empty when it has no line."""
    table, key = _map(name), stem.encode()
    keys, starts = _samples(name)
    k = bisect_right(keys, key) - 1  # the stretch from the last sample <= key to the next holds its line
    if k < 0:
        return frozenset()
    lo, hi, line = starts[k], starts[k + 1] if k + 1 < len(starts) else len(table), key + b"\t"
    if table[lo: lo + len(line)] == line:
        at = lo
    else:
        at = table.find(b"\n" + line, lo, hi) + 1  # 0: no line of the stretch is the stem's
        if not at:
            return frozenset()
    end = table.find(b"\n", at)
    return frozenset(table[at + len(line): end if end >= 0 else len(table)].decode().split())
