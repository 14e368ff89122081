"""BM25 over passages: compiled postings (``index.PostingsIndex``) whose scores
are exactly rank-bm25's BM25Okapi with Lucene's IDF (``bm25.LuceneBM25``).

rank-bm25 is imported only to build an index or for the reference full scan,
not when the postings come from the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .analysis import MAX_TERMS, tokenize
from .corpus import Corpus, Passage
from .index import PostingsIndex

if TYPE_CHECKING:
    from .bm25 import LuceneBM25


def __getattr__(name: str):  # LuceneBM25 and lucene_idf moved to .bm25; still importable from here
    if name in ("LuceneBM25", "lucene_idf"):
        from . import bm25

        return getattr(bm25, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Hit:
    """A passage and its BM25 score for a query."""

    passage: Passage
    score: float


class Retriever:
    """Ranks a corpus's passages against a question with BM25.

    ``search`` answers from compiled postings (``index.PostingsIndex``);
    ``scores`` is rank-bm25's full scan, kept as the reference.
    """

    def __init__(self, corpus: Corpus, k1: float = 1.2, b: float = 0.75,
                 index: PostingsIndex | None = None, progress: Callable[[int, int], None] | None = None):
        self.corpus = corpus
        self.k1, self.b = k1, b
        self._bm25: LuceneBM25 | None = None
        if index is None:
            from .bm25 import LuceneBM25

            self._bm25 = LuceneBM25(_tokenized(corpus, progress), k1=k1, b=b)
            index = PostingsIndex.from_bm25(self._bm25)
        self.index = index

    @property
    def bm25(self) -> LuceneBM25:
        """rank-bm25's index (rebuilt from the postings when they came from a cache)."""
        if self._bm25 is None:
            from .bm25 import LuceneBM25

            self._bm25 = LuceneBM25.from_postings(self.index)
        return self._bm25

    @property
    def corpus_size(self) -> int:
        return self.index.size

    def idf(self, term: str, default: float = 0.0) -> float:
        """The term's IDF, or ``default`` for a term no passage holds."""
        return self.index.idf_of(term, default)

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage, in passage order (rank-bm25's full scan)."""
        return self.bm25.get_scores(list(terms))

    def search(self, query: str | Sequence[str], k: int = 3) -> list[Hit]:
        """The best ``k`` passages that share a term with the query, best first
        (ties in passage order)."""
        terms = tokenize(query, MAX_TERMS) if isinstance(query, str) else list(query)
        if k <= 0 or not terms:
            return []
        ids, scores = self.index.top_k(terms, k)
        return [Hit(self.corpus.passages[i], s) for i, s in zip(ids.tolist(), scores.tolist(), strict=True)]


def _tokenized(corpus: Corpus, progress: Callable[[int, int], None] | None) -> list[list[str]]:
    """Terms of every passage; ``progress(done, total)`` now and then."""
    out, total = [], len(corpus.passages)
    for n, passage in enumerate(corpus.passages, 1):
        out.append(tokenize(passage.text))
        if progress is not None and (n % 1000 == 0 or n == total):
            progress(n, total)
    return out
