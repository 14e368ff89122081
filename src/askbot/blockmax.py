"""Block-max pruning: the exact top k of a query without summing every posting.

Passages are grouped in blocks of ``block`` consecutive indices. A term's bound
on a block is the largest weight it adds to a passage there (0 where it is
absent), so a block's bound, the query's bounds summed in query order, is no
less than any of its passages' scores (float addition is monotonic: adding
numbers no larger, in the same order, gives no larger a sum). The blocks of
highest bound are scored exactly first; the k-th best score found is then a
threshold that every block with a lower bound cannot reach, so only the blocks
at or above it are scored too. Scores are summed per passage in query order,
as rank-bm25 does: the same ids and scores as a full scan, bit for bit.
"""

from __future__ import annotations

import numpy as np

FIRST_BLOCKS = 64  # blocks scored first to set the threshold; 4x more while it leaves too many
COMMON_SHARE = 16  # a term in at least 1/16 of the blocks keeps its bounds (built once, kept)
KEPT_TERMS = 128  # the most terms whose bounds are kept (least recently used go first): 2 MB a term at 1M
DENSE_SHARE = 4  # scoring more than 1/4 of the blocks by blocks: summing every posting is cheaper


def bounds(index, term: str, block: int) -> tuple:
    """A term's bounds over blocks of ``block`` passages. A term in many blocks:
    ("dense", bound, starts), ``bound[j]`` bounding the weight it adds to a passage of
    block ``j`` (0 where it is absent) and its postings there ``starts[j]:starts[j + 1]``;
    built once and kept (KEPT_TERMS). Any other: ("sparse", blocks, bound, blk), its blocks, a bound
    on each, and each posting's block; built per query (cheap: they have few postings)."""
    cache = index.block_cache
    found = cache.pop((block, term), None)
    if found is not None:
        cache[(block, term)] = found  # the most recently used last
        return found
    ids, w = index.postings(term)
    n_blocks = -(-index.size // block)
    blk = ids // block
    first = np.flatnonzero(np.diff(blk, prepend=-1))
    bound = np.maximum(np.maximum.reduceat(w, first), 0.0) if len(ids) else w[:0]
    if len(first) * COMMON_SHARE < n_blocks:
        return "sparse", blk[first], bound, blk
    dense = np.zeros(n_blocks, dtype=np.float32)  # rounded up: still no less than any weight
    dense[blk[first]] = _rounded_up(bound)
    starts = np.zeros(n_blocks + 1, dtype=np.int32)
    np.cumsum(np.bincount(blk, minlength=n_blocks), out=starts[1:])
    if len(cache) >= KEPT_TERMS:
        del cache[next(iter(cache))]
    found = cache[(block, term)] = ("dense", dense, starts)
    return found


def _rounded_up(x: np.ndarray) -> np.ndarray:
    """``x`` as float32, each no less than the float64 it stands for."""
    low = x.astype(np.float32)
    return np.where(low < x, np.nextafter(low, np.float32(np.inf)), low)


def top_candidates(index, query: list[str], k: int, block: int) -> tuple[np.ndarray, np.ndarray] | None:
    """(passages, exact scores) that hold the query's k best, or None when so many
    blocks can reach the k-th best score that scoring every passage is cheaper."""
    found = [bounds(index, t, block) for t in query]
    upper = np.zeros(-(-index.size // block))
    for kind, bound, *rest in found:  # query order: no passage's sum exceeds its block's
        if kind == "dense":
            upper += bound
        else:
            upper[bound] += rest[0]
    scored = upper <= 0  # a block of no posting holds no passage with a score
    n_live = len(upper) - int(np.count_nonzero(scored))
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    m = FIRST_BLOCKS
    while True:
        sel = np.flatnonzero(~scored if m >= n_live else (upper >= _about_mth(upper, m)) & ~scored)
        parts.append(_score_blocks(index, query, found, sel, block))
        scored[sel] = True
        theta = _kth_positive(np.concatenate([s for _, s in parts]), k)
        rest = np.flatnonzero(~scored if theta is None else (upper >= theta) & ~scored)
        if theta is not None and len(rest) <= 4 * m:  # no more than the next round would score
            parts.append(_score_blocks(index, query, found, rest, block))
            break
        if not len(rest):
            break
        m *= 4  # the threshold rises as the blocks of highest bound are scored
        if m * DENSE_SHARE > n_live:
            return None
    return np.concatenate([c for c, _ in parts]), np.concatenate([s for _, s in parts])


def _about_mth(upper: np.ndarray, m: int) -> float:
    """About the m-th largest of ``upper``, from a sample of at most ~4,096 (which blocks
    are scored first only sets how soon the threshold rises, never the result)."""
    step = max(1, len(upper) // 4096)
    sample = upper[::step]
    j = max(0, len(sample) - max(1, m // step))
    return float(np.partition(sample, j)[j])


def _kth_positive(scores: np.ndarray, k: int) -> float | None:
    """The k-th best positive score, or None if fewer than k are positive."""
    positive = scores[scores > 0]
    if len(positive) < k:
        return None
    return float(np.partition(positive, len(positive) - k)[len(positive) - k])


def _score_blocks(index, query: list[str], found, sel: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray]:
    """(passages of the blocks ``sel`` (ascending) with a posting, their exact scores):
    each term's postings there, gathered in query order and summed by ``np.bincount``."""
    if not len(sel):
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    n_blocks = -(-index.size // block)
    chosen = np.zeros(n_blocks, dtype=bool)
    chosen[sel] = True
    ids_parts, w_parts = [], []
    for term, (kind, _, more, *blk) in zip(query, found):
        ids, w = index.postings(term)
        if kind == "sparse":
            at = np.flatnonzero(chosen[blk[0]])
        else:
            lo, lens = more[sel], more[sel + 1] - more[sel]
            at = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        ids_parts.append(ids[at])
        w_parts.append(w[at])
    pids = np.concatenate(ids_parts)
    rank = np.empty(n_blocks, dtype=np.int64)  # only the blocks sel are read
    rank[sel] = np.arange(len(sel))
    local = rank[pids // block] * block + pids % block
    acc = np.bincount(local, np.concatenate(w_parts), minlength=len(sel) * block)
    hit = np.flatnonzero(acc)
    return sel[hit // block] * block + hit % block, acc[hit]
