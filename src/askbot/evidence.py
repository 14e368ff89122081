"""What the answer stage knows of a corpus beyond the passage index.

The Retriever only retrieves. The answer stage also needs, per corpus, the
full names of each document (aliases.py) and BM25 postings over sentences
(the ``sentence_bm25`` feature); both are found on first need and kept in an
``Evidence`` object, one per Retriever (``of(retriever)``), which the index
cache (cache.py) fills from disk and writes back to once they are built.
It also keeps what the feature rows (features.py) need of each sentence of a
retrieved passage whatever the question (``Evidence.facts``): the same
passages are retrieved question after question, and kept here, not in a
process-wide cache, these facts go with the Retriever.
"""

from __future__ import annotations

import math
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import numpy as np

from .aliases import Names
from .analysis import STOPWORDS, normalise, tokenize
from .corpus import Corpus, Passage, Sentence
from .cues import lowered_finds, type_words
from .index import PostingsIndex
from .lazyre import LazyRegex
from .retriever import Retriever


@lru_cache(maxsize=262144)
def sentence_terms(text: str) -> tuple[str, ...]:
    """The index terms of a sentence in order (cached: sentences recur across questions)."""
    return tuple(tokenize(text))


@lru_cache(maxsize=65536)
def term_set(text: str) -> frozenset[str]:
    """The distinct terms of a text (cached: passages recur across questions)."""
    return frozenset(sentence_terms(text))


@lru_cache(maxsize=65536)
def adjacent_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The pairs of terms side by side in a text (cached: passages recur across questions)."""
    return frozenset(pairwise(sentence_terms(text)))


_SURFACE = LazyRegex(r"[^\W_]+")
EMPTY: frozenset[str] = frozenset()  # one empty set for every fact without terms: fewer objects for the collector


def surface_words(text: str) -> frozenset[str]:
    """Lowercased words as written (no stemming), stopwords dropped."""
    return frozenset(_SURFACE.findall(normalise(text).lower())) - STOPWORDS


class Facts(NamedTuple):
    """What a feature row needs of a sentence whatever the question (features.py)."""

    sentence: Sentence
    words: frozenset[str]  # its terms
    named: frozenset[str]  # its terms and the ones its names stand for (``names.extra``); ``words`` if none
    names: Names  # the Names ``named`` was found with
    starts: frozenset[str]  # 5-letter starts of its terms of 5 letters or more
    pairs: frozenset[str]  # its terms side by side, joined by a space (no term holds one): hashes kept
    surface: frozenset[str]  # surface_words
    at: dict[str, int]  # the first place of each of its terms (sentence_terms), from 0
    end: dict[str, int]  # and the last (dicts of str and int: the garbage collector never looks at them)
    years: tuple[str, ...]  # cues.lowered_finds: found years, numbers and capitals
    numbers: tuple[str, ...]
    capitals: tuple[str, ...]
    log_length: float  # log1p of its number of terms
    first: float  # 1.0 for a passage's first sentence
    cause: float  # cues.lowered_finds' cause, naming and aside flags
    naming: float
    aside: float


def _facts(passage: Passage, names: Names) -> tuple[Facts, ...]:
    """The facts of each sentence of a passage."""
    out = []
    for i, s in enumerate(passage.sentences):
        terms = sentence_terms(s.text)
        words = frozenset(terms) or EMPTY
        extra = names.extra(s.text)
        years, numbers, capitals, cause, naming, aside = lowered_finds(s.text)
        out.append(Facts(s, words, words | extra if extra else words, names,
                         frozenset(t[:5] for t in terms if len(t) >= 5) or EMPTY,
                         frozenset(map(" ".join, pairwise(terms))) or EMPTY, surface_words(s.text) or EMPTY,
                         dict(zip(terms[::-1], range(len(terms) - 1, -1, -1))), {t: n for n, t in enumerate(terms)},
                         years, numbers, capitals, math.log1p(len(terms)), float(i == 0), cause, naming, aside))
    return tuple(out)


PAIRS_KEPT = 256  # a corpus of up to this many passages keeps its term pairs (~150 a passage: a few MB at most)
_OF: weakref.WeakKeyDictionary[Retriever, Evidence] = weakref.WeakKeyDictionary()


class Evidence:
    """A corpus's names (per document) and sentence postings, built on first use unless preloaded."""

    def __init__(self, corpus: Corpus, k1: float = 1.2, b: float = 0.75, index: PostingsIndex | None = None):
        self.corpus, self.k1, self.b = corpus, k1, b
        self.index = index  # the passage index (its IDF scores sentences of a corpus too large to segment whole)
        self._sentence_index: PostingsIndex | None = None
        self.on_sentence_index: Callable[[PostingsIndex], None] | None = None  # e.g. write it to a cache
        self._names: dict[int, Names] = {}
        self.on_names: Callable[[dict[int, Names]], None] | None = None  # e.g. write them to a cache
        self._facts: dict[int, tuple[Facts, ...]] = {}  # passage id -> the facts of its sentences
        self._types: dict[tuple[int, str], tuple] = {}  # (passage id, answer type) -> type_words of its sentences
        self._sentence_weights: dict[int, dict[str, float]] = {}  # sentence id -> its terms' BM25 weights
        self._by_sentence: tuple[list[str], list[float], list[int]] | None = None  # _by_document(sentence_index)
        self._term_pairs: frozenset[tuple[str, str]] | None = None

    def names(self, document_id: int) -> Names:
        """The full names of one document (aliases.py)."""
        found = self._names.get(document_id)
        if found is None:
            found = self._names[document_id] = Names.from_text(self.corpus.documents[document_id - 1].text)
            if self.on_names is not None:
                self.on_names(self._names)
        return found

    def facts(self, passage: Passage, names: Names) -> tuple[Facts, ...]:
        """The facts of each sentence of ``passage``, found with ``names`` on first need (later calls
        return those, whatever names they pass: ``Facts.names`` says which)."""
        found = self._facts.get(passage.id)
        if found is None:
            found = self._facts[passage.id] = _facts(passage, names)
        return found

    def type_words(self, passage: Passage, kind: str) -> tuple[tuple[str, ...], ...]:
        """``cues.type_words`` of each sentence of ``passage`` for answer type ``kind``."""
        found = self._types.get((passage.id, kind))
        if found is None:
            found = self._types[passage.id, kind] = tuple(type_words(kind, s.text) for s in passage.sentences)
        return found

    def term_pairs(self, pairs_of: Callable[[str], frozenset[tuple[str, str]]]) -> frozenset | None:
        """Every pair of terms side by side in a passage of a corpus of up to ``PAIRS_KEPT`` passages
        (``pairs_of(passage text)`` gives a passage's pairs), None for a larger corpus. A pair is here
        exactly when a passage holding both terms has it side by side: its terms are the index's."""
        if self._term_pairs is None and len(self.corpus.passages) <= PAIRS_KEPT:
            self._term_pairs = frozenset().union(*(pairs_of(p.text) for p in self.corpus.passages))
        return self._term_pairs

    def preload_names(self, names: dict[int, Names]) -> None:
        self._names.update(names)

    @property
    def sentence_index(self) -> PostingsIndex:
        """BM25 postings over every sentence of the corpus."""
        if self._sentence_index is None:
            terms = [sentence_terms(s.text) for s in self.corpus.sentences]
            self._sentence_index = PostingsIndex.from_tokens(terms, self.k1, self.b)
            if self.on_sentence_index is not None:
                self.on_sentence_index(self._sentence_index)
        return self._sentence_index

    def sentence_scores(self, terms: Sequence[str], sentences: Sequence[Sentence]) -> list[float]:
        """BM25 scores of ``sentences`` for the question's ``terms``.

        A corpus segmented whole (``corpus.EAGER_PASSAGES``) scores them among all its
        sentences (``sentence_index``). A larger one is segmented a passage at a time,
        so it has no sentence statistics: it scores them with the passage index's IDF
        and their own mean length (the feature compares them with each other)."""
        seg = self.corpus.segmentation
        if seg is None or not seg.block or self.index is None:
            vocab = self.sentence_index.vocab
            return _sums([t for t in terms if t in vocab], map(self._weights_of, sentences))
        docs = [sentence_terms(s.text) for s in sentences]
        avgdl = (sum(map(len, docs)) / len(docs) if docs else 0.0) or 1.0
        idf = {t: self.index.idf_of(t) for t in terms}
        k1, b, out = self.k1, self.b, []
        for doc in docs:
            tf, norm = Counter(doc), self.k1 * (1 - b + b * len(doc) / avgdl)
            out.append(sum(idf[t] * (tf[t] * (k1 + 1) / (tf[t] + norm)) for t in terms if t in tf))
        return out

    def _weights_of(self, sentence: Sentence) -> dict[str, float]:
        """The BM25 weight in ``sentence_index`` of each term of a sentence (kept: the same
        sentences are candidates question after question)."""
        found = self._sentence_weights.get(sentence.id)
        if found is None:
            if self._by_sentence is None:
                self._by_sentence = _by_document(self.sentence_index)
            terms, weights, starts = self._by_sentence
            lo, hi = starts[sentence.id - 1], starts[sentence.id]
            found = self._sentence_weights[sentence.id] = dict(zip(terms[lo:hi], weights[lo:hi]))
        return found

    def preload_sentence_index(self, index: PostingsIndex) -> None:
        """Use ``index`` (e.g. from the cache) as ``sentence_index``."""
        self._sentence_index = index
        self._sentence_weights.clear()
        self._by_sentence = None


def _by_document(index: PostingsIndex) -> tuple[list[str], list[float], list[int]]:
    """The postings of ``index`` by document: (terms, weights, starts), where document ``d``'s
    terms and their weights are ``terms[starts[d]:starts[d + 1]]`` and ``weights`` alike."""
    names = [""] * len(index.vocab)
    for t, j in index.vocab.items():
        names[j] = t
    term_ids = np.repeat(np.arange(len(names)), np.diff(index.offsets))
    order = np.argsort(index.ids, kind="stable")
    starts = np.zeros(index.size + 1, dtype=np.int64)
    np.cumsum(np.bincount(index.ids, minlength=index.size), out=starts[1:])
    return [names[j] for j in term_ids[order].tolist()], index.weights[order].tolist(), starts.tolist()


def _sums(query: list[str], weights: Iterable[dict[str, float]]) -> list[float]:
    """Each sentence's BM25 score: its weights of the query's terms added in query order, from 0.0
    (``PostingsIndex.batch_scores``'s operations, so the same floats)."""
    out = []
    for found in weights:
        total = 0.0
        for t in query:
            if t in found:
                total += found[t]
        out.append(total)
    return out


def names_from_json(data: dict) -> Names:
    """The Names that ``Names.to_json`` gave ``data`` of (e.g. read from the cache)."""
    return Names.from_json(data)


def of(retriever: Retriever) -> Evidence:
    """The answer stage's evidence about ``retriever``'s corpus (made on first call)."""
    found = _OF.get(retriever)
    if found is None:
        found = _OF[retriever] = Evidence(retriever.corpus, retriever.k1, retriever.b, retriever.index)
    return found


def attach(retriever: Retriever, evidence: Evidence) -> Evidence:
    """Use ``evidence`` (e.g. filled by the cache) for ``retriever``."""
    _OF[retriever] = evidence
    return evidence
