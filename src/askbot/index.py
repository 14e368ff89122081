"""Compiled postings: BM25 answered by touching only the query's terms.

rank-bm25 stays the source of the statistics (term frequencies, passage
lengths, Lucene IDF). ``PostingsIndex.from_bm25`` turns them into, per term,
an array of passage indices and the BM25 weight the term adds to each, with
exactly rank-bm25's arithmetic, so a query sums a few short arrays instead of
scanning every passage. Scores equal ``get_scores`` bit for bit: weights are
computed with the same float64 operations in the same order, and summed in
query order (a repeated query term counts again, as in rank-bm25).

``from_tokens`` computes the same statistics as rank-bm25's ``_initialize``
without importing it, for the answer stage's small per-sentence index (the
tests check it equals ``from_bm25(LuceneBM25(docs))`` exactly).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from types import SimpleNamespace

import numpy as np

from askbot import blockmax

ID_DTYPE = np.int32
BLOCK = 4  # passages a block for block-max pruning (0: every passage scored); tuned at 100k and 1M
BLOCKED_FROM = 8192  # fewer passages: summing every posting is cheaper than choosing blocks
LISTS_BELOW = 512  # fewer passages: postings summed as Python lists (a few numpy calls cost more than the sums)


def lucene_idf(n: int, df: int) -> float:
    """Lucene's IDF of a term in ``df`` of ``n`` passages: always positive, falling as df grows."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


@dataclass(frozen=True, eq=False)
class PostingsIndex:
    """Term -> (passage indices, BM25 weights), as flat arrays.

    The postings of term ``t`` are ``ids[offsets[j]:offsets[j + 1]]`` (passage
    indices, ascending) with ``weights`` and term frequencies ``tfs`` alike,
    where ``j = vocab[t]``.
    """

    vocab: dict[str, int]
    offsets: np.ndarray  # int64, len(vocab) + 1
    ids: np.ndarray  # int32 passage indices
    tfs: np.ndarray  # int32 term frequencies
    weights: np.ndarray  # float64 BM25 weights
    idf: np.ndarray  # float64, one per term
    doc_len: np.ndarray  # int64, one per passage
    k1: float
    b: float
    avgdl: float

    @property
    def size(self) -> int:
        """Number of passages."""
        return len(self.doc_len)

    @classmethod
    def from_bm25(cls, bm25) -> PostingsIndex:
        """Compile a rank-bm25 ``BM25Okapi`` (or ``LuceneBM25``)."""
        freqs, terms = bm25.doc_freqs, list(bm25.idf)
        vocab = {t: j for j, t in enumerate(terms)}
        n_terms = np.fromiter(map(len, freqs), dtype=np.int64, count=len(freqs))
        total = int(n_terms.sum())
        term_ids = np.fromiter((vocab[t] for d in freqs for t in d), dtype=np.int64, count=total)
        tfs = np.fromiter((f for d in freqs for f in d.values()), dtype=np.int64, count=total)
        pids = np.repeat(np.arange(len(freqs), dtype=np.int64), n_terms)
        order = np.argsort(term_ids, kind="stable")  # by term, passages ascending within
        term_ids, tfs, pids = term_ids[order], tfs[order], pids[order]
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_ids, minlength=len(terms)), out=offsets[1:])
        idf = np.fromiter((bm25.idf[t] for t in terms), dtype=np.float64, count=len(terms))
        doc_len = np.asarray(bm25.doc_len, dtype=np.int64)
        weights = bm25_weights(tfs, doc_len[pids], idf[term_ids], bm25.k1, bm25.b, bm25.avgdl)
        return cls(vocab, offsets, pids.astype(ID_DTYPE), tfs.astype(np.int32), weights, idf,
                   doc_len, float(bm25.k1), float(bm25.b), float(bm25.avgdl))

    @classmethod
    def from_tokens(cls, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> PostingsIndex:
        """The postings of ``LuceneBM25(docs, k1, b)``, without rank-bm25."""
        doc_freqs: list[dict[str, int]] = []
        df: dict[str, int] = {}
        for doc in docs:  # rank-bm25's _initialize, in its order
            freqs: dict[str, int] = {}
            for word in doc:
                freqs[word] = freqs.get(word, 0) + 1
            doc_freqs.append(freqs)
            for word in freqs:
                df[word] = df.get(word, 0) + 1
        n = len(doc_freqs)
        doc_len = [len(doc) for doc in docs]
        avgdl = (sum(doc_len) / n or 1.0) if n else 0.0  # LuceneBM25: all-empty passages give avgdl 1
        idf = {word: lucene_idf(n, d) for word, d in df.items()}
        return cls.from_bm25(SimpleNamespace(doc_freqs=doc_freqs, idf=idf, doc_len=doc_len, k1=k1, b=b, avgdl=avgdl))

    @classmethod
    def from_term_ids(cls, terms: Sequence[str], flat: np.ndarray, doc_len: np.ndarray,
                      k1: float = 1.2, b: float = 0.75) -> PostingsIndex:
        """The postings of ``LuceneBM25(docs, k1, b)`` where ``docs`` are the runs of
        ``flat`` (term ids into ``terms``, numbered in order of first use, as rank-bm25
        numbers them) of lengths ``doc_len``: one sort of (term, passage) keys instead
        of a dict a passage."""
        n, n_terms = len(doc_len), len(terms)
        doc_len = np.asarray(doc_len, dtype=np.int64)
        keys = np.asarray(flat, dtype=np.int64)  # (term id, passage) as one number, sorted: by term, then passage
        keys *= max(n, 1)
        keys += np.repeat(np.arange(n, dtype=ID_DTYPE), doc_len)
        keys.sort()
        first = np.empty(len(keys), dtype=bool)
        first[:1] = True
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        del first
        tfs = np.diff(starts, append=len(keys)).astype(np.int32)  # int32 gives the same float arithmetic
        keys = keys[starts]
        del starts
        term_ids, pids = np.divmod(keys, max(n, 1))
        del keys
        term_ids, pids = term_ids.astype(np.int32), pids.astype(ID_DTYPE)
        df = np.bincount(term_ids, minlength=n_terms)
        offsets = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        total = int(doc_len.sum())  # rank-bm25: a Python sum of lengths over the corpus size
        avgdl = (total / n or 1.0) if n else 0.0
        idf = np.fromiter((lucene_idf(n, d) for d in df.tolist()), dtype=np.float64, count=n_terms)
        weights = bm25_weights(tfs, doc_len[pids], idf[term_ids], k1, b, avgdl)
        return cls(dict(zip(terms, range(n_terms))), offsets, pids, tfs, weights, idf, doc_len,
                   float(k1), float(b), float(avgdl))

    def batch_scores(self, terms: Sequence[str], ids: Sequence[int]) -> list[float]:
        """Scores of the passages ``ids`` (in that order), as ``LuceneBM25.get_batch_scores`` gives them."""
        cand = np.asarray(ids, dtype=np.int64)
        order = np.argsort(cand, kind="stable")
        distinct = _distinct(cand[order].copy())
        found = self._scores_of([t for t in terms if t in self.vocab], distinct)
        return found[np.searchsorted(distinct, cand)].tolist()

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(passage indices, weights) of ``term``; empty for an unknown term."""
        j = self.vocab.get(term)
        if j is None:
            return self.ids[:0], self.weights[:0]
        lo, hi = self.offsets[j], self.offsets[j + 1]
        return self.ids[lo:hi], self.weights[lo:hi]

    def idf_of(self, term: str, default: float = 0.0) -> float:
        j = self.vocab.get(term)
        return default if j is None else float(self.idf[j])

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """Score of every passage, as ``BM25Okapi.get_scores`` gives it."""
        acc = np.zeros(self.size)
        for term in terms:
            ids, w = self.postings(term)
            acc[ids] += w  # a passage appears once per term: no lost updates
        return acc

    @cached_property
    def block_cache(self) -> dict:
        """``blockmax``'s per-term block bounds, kept for common terms."""
        return {}

    def top_k(self, terms: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best passages with a score > 0: (indices, scores),
        best first, ties by passage order."""
        query = [t for t in terms if t in self.vocab]  # an unknown term adds 0 to every score
        if k <= 0 or not query:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        if self.size < LISTS_BELOW:
            return self._top_by_lists(query, k)
        if len(query) == 1:
            cand, cand_scores = self.postings(query[0])
        else:
            found = blockmax.top_candidates(self, query, k, BLOCK) if BLOCK and self.size >= BLOCKED_FROM else None
            cand, cand_scores = found if found is not None else self._dense(query, k)
        return _best(cand, cand_scores, k)

    @cached_property
    def _lists(self) -> dict[int, tuple[list[int], list[float]]]:
        """Term id -> its postings as Python lists (a small index's, on first use)."""
        return {}

    def _top_by_lists(self, query: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """``top_k`` of a small index: each passage's weights summed from 0.0 in query order (``_dense``'s
        ``np.bincount`` sums, bit for bit), the k best positive scores, ties by passage order (``_best``)."""
        acc: dict[int, float] = {}
        lists = self._lists
        for term in query:
            j = self.vocab[term]
            found = lists.get(j)
            if found is None:
                lo, hi = int(self.offsets[j]), int(self.offsets[j + 1])
                found = lists[j] = (self.ids[lo:hi].tolist(), self.weights[lo:hi].tolist())
            for i, w in zip(*found):
                acc[i] = acc.get(i, 0.0) + w
        best = sorted((-s, i) for i, s in acc.items() if s > 0)[:k]
        return np.array([i for _, i in best], dtype=np.int64), np.array([-s for s, _ in best], dtype=np.float64)

    def _scores_of(self, query: list[str], cand: np.ndarray) -> np.ndarray:
        """Exact scores of the passages ``cand`` (sorted), summed in query order."""
        acc = np.zeros(len(cand))
        looked_up: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term in query:
            if term not in looked_up:
                ids, w = self.postings(term)
                pos = np.minimum(np.searchsorted(ids, cand), len(ids) - 1)
                hit = ids[pos] == cand
                looked_up[term] = (hit, w[pos[hit]])
            hit, w = looked_up[term]
            acc[hit] += w
        return acc

    def _dense(self, query: list[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """(the passages that scored, their scores): ``np.bincount`` adds each posting's
        weight in the order given (query order: rank-bm25's sums, bit for bit). The k
        best are then chosen among these only: a partition over a whole array of
        mostly zeros is numpy's slow case (60 ms at 1M passages)."""
        found = [self.postings(t) for t in query]
        acc = np.bincount(np.concatenate([ids for ids, _ in found]),
                          np.concatenate([w for _, w in found]), minlength=self.size)
        cand = np.flatnonzero(acc)  # a sum of 0 ranks nowhere (only scores > 0 do)
        return cand, acc[cand]


def _best(cand: np.ndarray, scores: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k best of the candidates with a score > 0, ties by passage order."""
    if len(cand) > k:  # all candidates tied with the k-th best stay in, for passage-order ties
        kth = np.partition(scores, len(cand) - k)[len(cand) - k]
        keep = scores >= kth if kth > 0 else scores > 0
    else:
        keep = scores > 0
    cand, scores = cand[keep], scores[keep]
    order = np.lexsort((cand, -scores))[:k]
    return cand[order].astype(np.int64), scores[order]


def _distinct(ids: np.ndarray) -> np.ndarray:
    """Sorted distinct values (np.unique without its numpy.ma import)."""
    ids.sort()
    keep = np.empty(len(ids), dtype=bool)
    keep[:1] = True
    np.not_equal(ids[1:], ids[:-1], out=keep[1:])
    return ids[keep]


def bm25_weights(tf, dl, idf, k1: float, b: float, avgdl: float) -> np.ndarray:
    """rank-bm25's per-term score, with its exact operations and order."""
    return idf * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)))
