"""rank-bm25's BM25Okapi with Lucene's IDF, the reference every score is checked against.

BM25Okapi's IDF ``ln((N - df + 0.5) / (df + 0.5))`` goes negative for a term
in more than half the passages (rank-bm25 then floors it at a share of the
mean IDF, which can outrank rarer terms), is 0 for a term in exactly half,
and an empty corpus divides by zero. An article has ~16 passages, so that
matters: Lucene's ``ln(1 + (N - df + 0.5) / (df + 0.5))`` is always positive
and falls as df grows.

A module of its own so that answering from cached postings never imports
rank-bm25 (and the multiprocessing it pulls in: ~12 ms of a one-shot start).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rank_bm25 import BM25Okapi

from .index import PostingsIndex, lucene_idf


class LuceneBM25(BM25Okapi):
    """BM25Okapi whose IDF is Lucene's; safe on an empty corpus."""

    def __init__(self, corpus: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75):
        corpus = [list(doc) for doc in corpus]
        if not corpus:  # rank-bm25 divides by the corpus size
            self.k1, self.b, self.epsilon = k1, b, 0.0
            self.corpus_size, self.avgdl, self.average_idf = 0, 0.0, 0.0
            self.doc_freqs, self.idf, self.doc_len, self.tokenizer = [], {}, [], None
            return
        super().__init__(corpus, k1=k1, b=b, epsilon=0.0)

    def _initialize(self, corpus):
        nd = super()._initialize(corpus)
        if self.avgdl == 0:  # every passage empty: any length ratio is 0/0
            self.avgdl = 1.0
        return nd

    def _calc_idf(self, nd):
        self.idf = {word: lucene_idf(self.corpus_size, df) for word, df in nd.items()}
        self.average_idf = sum(self.idf.values()) / len(self.idf) if self.idf else 0.0

    @classmethod
    def from_postings(cls, index: PostingsIndex) -> LuceneBM25:
        """The rank-bm25 index whose compiled postings ``index`` is."""
        self = cls.__new__(cls)
        self.k1, self.b, self.epsilon, self.tokenizer = index.k1, index.b, 0.0, None
        self.corpus_size, self.avgdl = index.size, index.avgdl
        self.doc_len = index.doc_len.tolist()
        terms = list(index.vocab)
        self.idf = dict(zip(terms, index.idf.tolist(), strict=True))
        self.average_idf = sum(self.idf.values()) / len(self.idf) if self.idf else 0.0
        self.doc_freqs = [{} for _ in range(index.size)]
        counts = np.diff(index.offsets).tolist()
        repeated = (t for t, c in zip(terms, counts, strict=True) for _ in range(c))
        for term, pid, tf in zip(repeated, index.ids.tolist(), index.tfs.tolist(), strict=True):
            self.doc_freqs[pid][term] = tf
        return self

    def get_scores(self, query):
        if isinstance(query, str):
            raise TypeError("get_scores() takes a list of terms, not a str (it would score characters)")
        if self.corpus_size == 0:
            return np.zeros(0)
        with np.errstate(invalid="ignore", divide="ignore"):
            scores = super().get_scores(query)
        # with b = 1 an empty passage's length part is 0, and a term it lacks gives 0/0: it scores 0
        return np.nan_to_num(scores, nan=0.0)

    def get_batch_scores(self, query, doc_ids):
        if isinstance(query, str):
            raise TypeError("get_batch_scores() takes a list of terms, not a str (it would score characters)")
        with np.errstate(invalid="ignore", divide="ignore"):
            scores = super().get_batch_scores(query, doc_ids)
        return [0.0 if math.isnan(v) else v for v in scores]
