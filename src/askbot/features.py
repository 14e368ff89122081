"""Evidence that a sentence answers a question: one row of numbers a sentence.

The answer stage scores each candidate sentence (the sentences of the best
passages) as a weighted sum of these features; the weights are learned on the
tune sets by bench/train_ranker.py and written into weights.py.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache, partial
from itertools import chain, pairwise
from typing import NamedTuple

import numpy as np

from . import evidence
from .aliases import Names
from .analysis import STOPWORDS, normalise, tokenize
from .corpus import Passage, Sentence
from .cues import SENTENCE_CLASSES, WH_WORDS, answer_type, lowered_finds, type_found, wh_word
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
    sentence: Sentence  # hit.passage.sentences[index]


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

    sentence: Sentence
    words: frozenset[str]  # its terms
    named: frozenset[str]  # its terms and the ones its names stand for (``names.extra``)
    names: Names  # the Names ``named`` was found with
    near: frozenset[str]  # terms of the sentences just before and after, in its passage
    prev: frozenset[str]  # terms of the sentence just before
    starts: frozenset[str]  # 5-letter starts of its terms of 5 letters or more
    pairs: frozenset[tuple[str, str]]  # its terms side by side
    surface: frozenset[str]  # surface_words
    terms: tuple[str, ...]  # its terms in order (sentence_terms)
    log_length: float  # log1p of its number of terms
    finds: tuple  # cues.lowered_finds


def _passage_facts(memo: dict[int, tuple[_Facts, ...]], passage: Passage, names: Names) -> tuple[_Facts, ...]:
    """The facts of each sentence of a passage (memo: passage id -> them)."""
    found = memo.get(passage.id)
    if found is None:
        sentences = passage.sentences
        terms = [sentence_terms(s.text) for s in sentences]
        words = [frozenset(t) for t in terms]
        found = memo[passage.id] = tuple(_Facts(
            s, words[i], _with_names(words[i], names, s.text), names,
            frozenset().union(*words[max(i - 1, 0):i], *words[i + 1:i + 2]),  # the sentences on either side
            words[i - 1] if i else frozenset(), frozenset(t[:5] for t in terms[i] if len(t) >= 5),
            frozenset(pairwise(terms[i])), surface_words(s.text), terms[i], math.log1p(len(terms[i])),
            lowered_finds(s.text)) for i, s in enumerate(sentences))
    return found


def _with_names(words: frozenset[str], names: Names, text: str) -> frozenset[str]:
    """``words`` and the terms the names of ``text`` stand for (``Names.extra``)."""
    extra = names.extra(text)
    return words | extra if extra else words


class _Memo(dict):
    """A dict that works out a value it lacks with ``make(key)`` and keeps it (``make`` must not
    refer back to what holds the memo: a cycle would outlive the question until a garbage collection)."""

    __slots__ = ("make",)

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        value = self[key] = self.make(key)
        return value


class _Asked:
    """The question's side of the feature rows, worked out once a question (not once a row); the
    rows of a question share most of their sets of held terms, so what depends on those alone is kept."""

    def __init__(self, q: Question, related_of: dict[str, frozenset[str]]):
        self.q, self.keys = q, frozenset(q.weights)
        self.long = tuple((t, t[:5]) for t in q.weights if len(t) >= 5)  # terms a 5-letter start may stand for
        self.starts = frozenset(start for _, start in self.long)
        self.related = tuple(related_of.items())
        self.any_related = frozenset().union(*related_of.values())
        self.no_prefix = math.fsum(()) / q.total
        self.n_bigrams, self.n_surface = len(q.bigrams), len(q.surface)
        self.contains = q.lowered.__contains__
        self.share = _Memo(q.share)  # terms -> Question.share
        self.by_held = _Memo(partial(_by_held, q, self.share))
        self.prefix = _Memo(partial(_prefix, q, self.long))

    def lent(self, held: frozenset[str], stems: frozenset[str], cov: float) -> float:
        """Column related_coverage: the coverage with the terms that are not held but related to a sentence
        term (``stems``: the related stems it holds) counted as held: "lent" holds "loans"."""
        lent = [t for t, r in self.related if t not in held and not r.isdisjoint(stems)]
        return self.share[held.union(lent)] if lent else cov


def _by_held(q: Question, share: _Memo, held: frozenset[str]) -> tuple[float, float, float, float]:
    """Columns coverage, head_free_coverage, capital_coverage, held_count: they depend on the held terms alone."""
    cov = share[held]
    return (cov, q.free_share(held) if q.head else cov,  # without a head word, the two shares are one
            len(q.capitals & held) / len(q.capitals) if q.capitals else 0.0, float(len(held)))


def _prefix(q: Question, long: tuple[tuple[str, str], ...], key: tuple[frozenset[str], frozenset[str]]) -> float:
    """Column prefix: the weight of the question terms (``long``: those of 5 letters or more, with their
    first 5) the sentence lacks (not ``held``) that share a 5-letter start with one of its terms (``found``)."""
    held, found = key
    return math.fsum(q.weights[t] for t, start in long if start in found and t not in held) / q.total


def _new(found: tuple[str, ...], contains) -> float:
    """``cues.any_new`` of found words (not none): 1.0 when one is not in the question (``contains``:
    its lowered text's)."""
    return float(not all(map(contains, found)))


def _places(held: frozenset[str], terms: tuple[str, ...], order_of: dict[str, int]) -> tuple[float, float]:
    """Columns proximity (the held terms over the span of the sentence's terms from the first held one
    to the last) and order (the share of pairs of held terms that stand in the question's order)."""
    places = [n for n, t in enumerate(terms) if t in held]
    proximity = float(bool(places)) if len(places) < 2 else len(held) / (places[-1] - places[0] + 1)
    seq = [order_of[t] for t in dict.fromkeys(terms[n] for n in places) if t in order_of]
    pairs = len(seq) * (len(seq) - 1) / 2
    return proximity, sum(a < b for n, a in enumerate(seq) for b in seq[n + 1:]) / pairs if pairs else 0.0


def _alone(term: str, terms: tuple[str, ...]) -> float:
    """Column proximity when ``term`` is the one question term held (``_places`` for one term)."""
    uses = terms.count(term)
    if uses < 2:
        return float(uses)
    return 1 / (len(terms) - terms[::-1].index(term) - terms.index(term))


def _rows(a: _Asked, spots: list, sbm: list[float], names: dict[int, Names], p_cov: dict[int, float]) -> list:
    """(held terms, feature row) of each spot (rank, hit, sentence index, facts), ``sbm`` its
    sentence's BM25 score; ``names`` and ``p_cov``: of each hit's passage, by passage id."""
    q, keys, share, by_held, prefix, contains, zeros = a.q, a.keys, a.share, a.by_held, a.prefix, a.contains, (0.0, 0.0)
    top, best, out = spots[0][1].score, max(sbm) or 1.0, []
    for (rank, h, i, f), s in zip(spots, sbm):
        own = names[h.passage.id]
        held = (f.named if own is f.names else f.words | own.extra(f.sentence.text)) & keys  # "Jong Un": "Kim"
        cov, free_cov, capital_cov, n_held = by_held[held]
        near, prev, starts, stems = f.near & keys, f.prev & keys, a.starts & f.starts, a.any_related & f.words
        n_terms = len(held)  # most rows hold no question term or one: no places to compare
        proximity, order = _places(held, f.terms, q.order) if n_terms > 1 else (
            (_alone(*held, f.terms), 0.0) if n_terms else zeros)
        years, numbers, capitals, cause, naming, aside = f.finds
        out.append((held, (
            cov, share[near - held] if near else 0.0, h.score / top, float(rank == 0), s / best,
            len(q.bigrams & f.pairs) / a.n_bigrams if a.n_bigrams else 0.0,
            type_found(q.kind, f.sentence.text, q.lowered) if q.kind else 0.0, f.log_length,
            prefix[held, starts] if starts else a.no_prefix,
            len(q.surface & f.surface) / a.n_surface if a.n_surface else 0.0,
            float(i == 0), proximity, n_held, p_cov[h.passage.id], free_cov,
            share[prev - held] if prev else 0.0, capital_cov, order, *q.wh,
            _new(years, contains) if years else 0.0, _new(numbers, contains) if numbers else 0.0,
            _new(capitals, contains) if capitals else 0.0,
            cause, naming, aside,  # cues.classes_in
            a.lent(held, stems, cov) if stems else cov,
        )))
    return out


def candidates(q: Question, hits: list[Hit], retriever: Retriever,
               aliases: bool = True) -> tuple[list[Candidate], np.ndarray]:
    """Every sentence of the hits, with its feature row (columns: NAMES); with
    ``aliases``, a short mention of a name holds the name's terms (aliases.py)."""
    found = evidence.of(retriever)
    names = {h.passage.id: found.names(h.passage.document_id) if aliases else _NO_NAMES for h in hits}
    spots = [(rank, h, i, f) for rank, h in enumerate(hits)
             for i, f in enumerate(_passage_facts(found.passage_facts, h.passage, names[h.passage.id]))]
    if not spots:
        return [], np.zeros((0, len(NAMES)))
    sbm = found.sentence_scores(q.terms, [f.sentence for *_, f in spots])
    a = _Asked(q, {t: r for t in q.weights if (r := related(t))})  # WordNet, looked up once a question
    p_cov = {h.passage.id: q.share(a.keys & _term_set(h.passage.text)) for h in hits}
    rows = _rows(a, spots, sbm, names, p_cov)
    cands = [Candidate(h, i, row[0], held, f.sentence) for (_, h, i, f), (held, row) in zip(spots, rows)]
    return cands, np.fromiter(chain.from_iterable(row for _, row in rows), float).reshape(len(rows), len(NAMES))
