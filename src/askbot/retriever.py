"""BM25 over passages: compiled postings (``index.PostingsIndex``) whose scores
are exactly rank-bm25's BM25Okapi with Lucene's IDF (``bm25.LuceneBM25``).

rank-bm25 is imported only to build an index or for the reference full scan,
not when the postings come from the cache.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from .analysis import MAX_TERMS, text_words, tokenize, word_terms
from .corpus import Corpus, Passage
from .errors import expect
from .index import PostingsIndex

if TYPE_CHECKING:
    from .bm25 import LuceneBM25


def __getattr__(name: str):  # LuceneBM25 and lucene_idf live in .bm25 and are importable from here too
    if name in ("LuceneBM25", "lucene_idf"):
        from . import bm25

        return getattr(bm25, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Hit:
    """A passage and its BM25 score for a query."""

    passage: Passage
    score: float

    def __repr__(self) -> str:
        return f"Hit(passage {self.passage.id}, {self.score:.4g})"


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
            index = PostingsIndex.from_term_ids(*_term_ids(corpus, progress), k1=k1, b=b)
        self.index = index

    def __repr__(self) -> str:
        return f"Retriever({self.corpus!r})"

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


class _WordIds(dict):
    """Word -> ids of its terms (``word_terms``), numbering a term on first sight."""

    def __init__(self, vocab: dict[str, int]):
        super().__init__()
        self.vocab = vocab

    def __missing__(self, word: str) -> tuple[int, ...]:
        vocab = self.vocab
        found = self[word] = tuple(vocab.setdefault(t, len(vocab)) for t in word_terms(word))
        return found


def _term_ids(corpus: Corpus, progress: Callable[[int, int], None] | None
              ) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(terms in order of first use, every passage's terms as ids into them, passage lengths):
    ``tokenize`` of each passage, a dictionary look-up a word; ``progress(done, total)`` now and then."""
    vocab: dict[str, int] = {}
    lookup = _WordIds(vocab).__getitem__
    flat, total = array("i"), len(corpus.passages)
    lengths = np.zeros(total, dtype=np.int64)
    for n, passage in enumerate(corpus.passages):
        before = len(flat)
        flat.extend(chain.from_iterable(map(lookup, text_words(passage.text))))
        lengths[n] = len(flat) - before
        if progress is not None and ((n + 1) % 1000 == 0 or n + 1 == total):
            progress(n + 1, total)
    return list(vocab), np.frombuffer(flat, dtype=np.int32) if flat else np.zeros(0, np.int32), lengths
