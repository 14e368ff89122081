"""BM25 over passages: compiled postings (``index.PostingsIndex``) whose scores
are exactly rank-bm25's BM25Okapi with Lucene's IDF (``bm25.LuceneBM25``).

rank-bm25 is imported only to build an index or for the reference full scan,
not when the postings come from the cache.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .aliases import Names
from .analysis import MAX_TERMS, tokenize
from .corpus import Corpus, Passage
from .errors import expect
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
        _check_parameters(corpus, k1, b)
        self.corpus = corpus
        self.k1, self.b = k1, b
        self._bm25: LuceneBM25 | None = None
        if index is None:
            from .bm25 import LuceneBM25

            self._bm25 = LuceneBM25(_tokenized(corpus, progress), k1=k1, b=b)
            index = PostingsIndex.from_bm25(self._bm25)
        self.index = index
        self._sentence_index: PostingsIndex | None = None
        self.on_sentence_index: Callable[[PostingsIndex], None] | None = None  # e.g. write it to a cache
        self._names: dict[int, Names] = {}
        self.on_names: Callable[[dict[int, Names]], None] | None = None  # e.g. write them to a cache

    def names(self, document_id: int) -> Names:
        """The full names of one document (aliases.py), found on first need unless the cache preloaded them."""
        found = self._names.get(document_id)
        if found is None:
            found = self._names[document_id] = Names.from_text(self.corpus.documents[document_id - 1].text)
            if self.on_names is not None:
                self.on_names(self._names)
        return found

    def preload_names(self, names: dict[int, Names]) -> None:
        self._names.update(names)

    @property
    def sentence_index(self) -> PostingsIndex:
        """BM25 postings over every sentence of the corpus (a feature of the answer
        stage), built on first use unless the cache preloaded them."""
        if self._sentence_index is None:
            terms = [tokenize(s.text) for s in self.corpus.sentences]
            self._sentence_index = PostingsIndex.from_tokens(terms, self.k1, self.b)
            if self.on_sentence_index is not None:
                self.on_sentence_index(self._sentence_index)
        return self._sentence_index

    def preload_sentence_index(self, index: PostingsIndex) -> None:
        """Use ``index`` (e.g. from the cache) as ``sentence_index``."""
        self._sentence_index = index

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
        if isinstance(terms, str | bytes) or not all(isinstance(t, str) for t in terms):
            raise TypeError("scores() takes terms: a sequence of str (askbot.tokenize gives them)")
        return self.bm25.get_scores(list(terms))

    def search(self, query: str | Sequence[str], k: int = 3) -> list[Hit]:
        """The best ``k`` passages that share a term with the query, best first
        (ties in passage order)."""
        if isinstance(query, bytes | bytearray) or not isinstance(query, str | Sequence):
            raise TypeError(f"search() takes a question (str) or its terms (a sequence of str), "
                            f"not {type(query).__name__}")
        expect(k, int, "k")
        terms = tokenize(query, MAX_TERMS) if isinstance(query, str) else list(query)
        if not all(isinstance(t, str) for t in terms):
            raise TypeError("search() takes terms that are str")
        if k <= 0 or not terms:
            return []
        ids, scores = self.index.top_k(terms, k)
        return [Hit(self.corpus.passages[i], s) for i, s in zip(ids.tolist(), scores.tolist(), strict=True)]


def _check_parameters(corpus: Corpus, k1: float, b: float) -> None:
    expect(corpus, Corpus, "Retriever's corpus")
    expect(k1, (int, float), "k1")
    expect(b, (int, float), "b")
    if not (math.isfinite(k1) and k1 >= 0 and 0 <= b <= 1):
        raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1, not k1={k1}, b={b}")


def _tokenized(corpus: Corpus, progress: Callable[[int, int], None] | None) -> list[list[str]]:
    """Terms of every passage; ``progress(done, total)`` now and then."""
    out, total = [], len(corpus.passages)
    for n, passage in enumerate(corpus.passages, 1):
        out.append(tokenize(passage.text))
        if progress is not None and (n % 1000 == 0 or n == total):
            progress(n, total)
    return out
