"""Evidence that a sentence answers a question: one row of numbers a sentence.

The answer stage scores each candidate sentence (the sentences of the best
passages) as a weighted sum of these features; the weights are learned on the
tune sets by bench/train_ranker.py and written into weights.py.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple

import numpy as np

from . import evidence
from .aliases import Names
from .analysis import STOPWORDS, normalise, tokenize
from .corpus import Passage
from .cues import SENTENCE_CLASSES, WH_WORDS, answer_type, any_new, lowered_finds, type_found, wh_word
from .evidence import sentence_terms
from .index import lucene_idf
from .lazyre import LazyRegex
from .related import related
from .retriever import Hit, Retriever

NAMES = ("coverage", "context", "passage", "top_passage", "sentence_bm25", "bigram", "answer_type",
         "log_length", "prefix", "surface", "first", "proximity", "held_count", "passage_coverage",
         "head_free_coverage", "previous", "capital_coverage", "order",
         *(f"wh_{w}" for w in WH_WORDS), *SENTENCE_CLASSES, "related_coverage")
_HEAD = LazyRegex(r"\b(?:what|which|how many|how much|what kind of|what type of)\s+([^\W\d_]+)", re.I)
_SURFACE = LazyRegex(r"[^\W_]+")


class Candidate(NamedTuple):  # an internal record: a NamedTuple is built ~5x faster than a dataclass at import
    """A sentence of a retrieved passage, with the question terms it holds."""

    hit: Hit
    index: int  # the sentence's place in its passage
    coverage: float  # IDF-weighted share of the question's terms the sentence holds
    held: frozenset[str]

    @property
    def sentence(self):
        return self.hit.passage.sentences[self.index]


@lru_cache(maxsize=65536)
def _term_set(text: str) -> frozenset[str]:
    """The distinct terms of a text (cached: passages recur across questions)."""
    return frozenset(sentence_terms(text))


@lru_cache(maxsize=65536)
def _pairs(text: str) -> frozenset[tuple[str, str]]:
    """The pairs of terms side by side in a text (cached: passages recur across questions)."""
    return frozenset(pairwise(sentence_terms(text)))


@lru_cache(maxsize=262144)
def surface_words(text: str) -> frozenset[str]:
    """Lowercased words as written (no stemming), stopwords dropped."""
    return frozenset(w for w in _SURFACE.findall(normalise(text).lower()) if w not in STOPWORDS)


_NO_NAMES = Names({}, {})


def names_near(retriever: Retriever, terms: list[str], k: int = 5) -> Names:
    """The names of the documents of the question's best passages (all of one
    article; never a whole large corpus, as finding names reads every word of a document)."""
    if len(retriever.corpus.documents) == 1:
        return evidence.of(retriever).names(1)
    docs = dict.fromkeys(h.passage.document_id for h in retriever.search(terms, k))
    by_initials: dict[str, list[str]] = {}
    for d in docs:
        for key, name in evidence.of(retriever).names(d).by_initials.items():
            by_initials.setdefault(key, name)
    return Names({}, by_initials)


def article_bigram_share(q: Question, retriever: Retriever) -> float:
    """Share of the question's term pairs that occur side by side somewhere in the article
    (1.0 for a question without pairs); an altered phrase points to an unanswerable question.
    Only passages holding both terms of a pair (from the postings) are looked at."""
    if not q.bigrams:
        return 1.0
    passages, index = retriever.corpus.passages, retriever.index
    found = 0
    for a, b in q.bigrams:
        both = np.intersect1d(index.postings(a)[0], index.postings(b)[0], assume_unique=True)
        found += any((a, b) in _pairs(passages[i].text) for i in both.tolist())
    return found / len(q.bigrams)


def term_weights(terms: list[str], retriever: Retriever) -> dict[str, float]:
    """IDF of each distinct question term; a term the article never uses weighs the most."""
    unseen = lucene_idf(retriever.corpus_size, 0)
    return {t: retriever.idf(t, unseen) for t in dict.fromkeys(terms)}


def _prefix_share(missing: set[str], starts: frozenset[str], weights: dict[str, float]) -> float:
    """Weight of missing question terms that share a 5-letter start (``starts``) with a sentence term."""
    return math.fsum(weights[t] for t in missing if len(t) >= 5 and t[:5] in starts)


def _proximity(terms: tuple[str, ...], held: frozenset[str]) -> float:
    places = [i for i, t in enumerate(terms) if t in held]
    if len(places) < 2:
        return float(bool(places))
    return len(held) / (places[-1] - places[0] + 1)


class Question:
    """A question's terms, weights and cues, worked out once."""

    def __init__(self, text: str, terms: list[str], retriever: Retriever):
        self.text, self.terms, self.lowered = text, terms, text.lower()
        self.weights = term_weights(terms, retriever)
        self.total = math.fsum(self.weights.values()) or 1.0
        self.extra: dict[str, float] = {}
        self.unseen = sum(w for t, w in self.weights.items() if retriever.idf(t) == 0.0) / self.total
        self.bigrams = set(pairwise(terms))
        self.kind = answer_type(text)
        self.surface = surface_words.__wrapped__(text)  # uncached: a batch of questions keeps nothing per question
        head = _HEAD.search(text)
        self.head = set(tokenize(head.group(1))) if head else set()
        self.free_total = math.fsum(w for t, w in self.weights.items() if t not in self.head) or 1.0
        self.capitals = {t for w in re.findall(r"(?<!^)\b[A-Z][\w'-]+", text.strip()) for t in tokenize(w)}
        self.order = {t: n for n, t in enumerate(self.weights)}
        wh = wh_word(text)
        self.wh = tuple(float(w == wh) for w in WH_WORDS)

    def add_context(self, extra: dict[str, float]) -> None:
        """Follow-up terms: they count in a sentence's coverage where it
        holds them, so they add evidence and never dilute the question's own terms."""
        self.extra = extra
        if extra:
            if not self.terms:  # a question with no terms of its own: the context is all
                self.total = self.free_total = math.fsum(extra.values()) or 1.0
            self.weights = {**self.weights, **extra}

    def share(self, held) -> float:
        """IDF-weighted share of the question held (fsum: exact in any set order)."""
        if not held:
            return 0.0
        if not (self.extra and self.terms):  # no context terms count: the denominator is the total
            return math.fsum(map(self.weights.__getitem__, held)) / self.total
        extra = math.fsum(self.extra[t] for t in held if t in self.extra)
        return math.fsum(map(self.weights.__getitem__, held)) / (self.total + extra)

    def free_share(self, held) -> float:
        """The same share without the "what X" head word; context terms count as in ``share``."""
        extra = math.fsum(self.extra[t] for t in held - self.head if t in self.extra) if self.terms else 0.0
        return math.fsum(self.weights[t] for t in held - self.head) / (self.free_total + extra)


class _Facts(NamedTuple):
    """What the feature row needs of a sentence whatever the question (kept per retriever:
    the same sentences are candidates question after question)."""

    terms: tuple[str, ...]
    words: frozenset[str]
    near: frozenset[str]  # terms of the sentences just before and after, in its passage
    prev: frozenset[str]  # terms of the sentence just before
    starts: frozenset[str]  # 5-letter starts of its terms of 5 letters or more
    pairs: frozenset[tuple[str, str]]  # its terms side by side
    surface: frozenset[str]  # surface_words
    distinct: tuple[str, ...]  # its terms, each once, in order
    finds: tuple  # cues.lowered_finds


def _facts(memo: dict[int, _Facts], passage: Passage, i: int) -> _Facts:
    sentences = passage.sentences
    found = memo.get(sentences[i].id)
    if found is None:
        terms = sentence_terms(sentences[i].text)
        near = frozenset(t for j in (i - 1, i + 1) if 0 <= j < len(sentences)
                         for t in sentence_terms(sentences[j].text))
        prev = frozenset(sentence_terms(sentences[i - 1].text)) if i else frozenset()
        found = memo[sentences[i].id] = _Facts(terms, frozenset(terms), near, prev,
                                               frozenset(t[:5] for t in terms if len(t) >= 5),
                                               frozenset(pairwise(terms)), surface_words(sentences[i].text),
                                               tuple(dict.fromkeys(terms)), lowered_finds(sentences[i].text))
    return found


def _row(q: Question, hit: Hit, i: int, top: float, rank: int, sbm: float, p_cov: float, names: Names,
         facts: _Facts, related_of: dict[str, frozenset[str]]):
    sent = hit.passage.sentences[i]
    terms, words, near, prev = facts.terms, facts.words, facts.near, facts.prev
    keys = q.weights.keys()
    held = (words | names.extra(sent.text)) & keys  # "Jong Un" holds "Kim"
    missing = keys - held
    order_of = q.order
    seq = [order_of[t] for t in facts.distinct if t in held and t in order_of]
    pairs = len(seq) * (len(seq) - 1) / 2
    order = sum(a < b for n, a in enumerate(seq) for b in seq[n + 1:]) / pairs if pairs else 0.0
    cov, lowered = q.share(held), q.lowered
    years, numbers, capitals, cause, naming, aside = facts.finds
    lent = {t for t, r in related_of.items() if t in missing and not r.isdisjoint(words)}  # "lent" holds "loans"
    row = (
        cov, q.share((near & keys) - held), hit.score / top, float(rank == 0), sbm,
        len(q.bigrams & facts.pairs) / len(q.bigrams) if q.bigrams else 0.0,
        type_found(q.kind, sent.text, q.lowered), math.log1p(len(terms)),
        _prefix_share(missing, facts.starts, q.weights) / q.total,
        len(q.surface & facts.surface) / len(q.surface) if q.surface else 0.0,
        float(i == 0), _proximity(terms, held), float(len(held)), p_cov,
        q.free_share(held) if q.head else cov,  # without a head word, the two shares are one
        q.share((prev & keys) - held),
        len(q.capitals & held) / len(q.capitals) if q.capitals else 0.0,
        order, *q.wh, any_new(years, lowered), any_new(numbers, lowered), any_new(capitals, lowered),
        cause, naming, aside,  # cues.classes_in
        q.share(held | lent) if lent else cov,
    )
    return Candidate(hit, i, cov, held), row


def candidates(q: Question, hits: list[Hit], retriever: Retriever,
               aliases: bool = True) -> tuple[list[Candidate], np.ndarray]:
    """Every sentence of the hits, with its feature row (columns: NAMES); with
    ``aliases``, a short mention of a name holds the name's terms (aliases.py)."""
    spots = [(rank, hit, i) for rank, hit in enumerate(hits) for i in range(len(hit.passage.sentences))]
    if not spots:
        return [], np.zeros((0, len(NAMES)))
    found = evidence.of(retriever)
    sbm = found.sentence_scores(q.terms, [h.passage.sentences[i] for _, h, i in spots])
    best = max(sbm) or 1.0
    p_cov = {h.passage.id: q.share(_term_set(h.passage.text) & q.weights.keys()) for h in hits}
    names = {h.passage.id: found.names(h.passage.document_id) if aliases else _NO_NAMES for h in hits}
    memo = found.sentence_facts
    related_of = {t: r for t in q.weights if (r := related(t))}  # WordNet, looked up once a question
    out = [_row(q, h, i, hits[0].score, rank, s / best, p_cov[h.passage.id], names[h.passage.id],
                _facts(memo, h.passage, i), related_of) for (rank, h, i), s in zip(spots, sbm)]
    return [c for c, _ in out], np.array([r for _, r in out], dtype=float)
