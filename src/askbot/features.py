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
from .cues import SENTENCE_CLASSES, WH_WORDS, answer_type, lowered_finds, type_words, wh_word
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
    A small corpus's pairs are kept whole (``Evidence.term_pairs``); in a larger one only the
    passages holding both terms of a pair (from the postings) are looked at."""
    if not q.bigrams:
        return 1.0
    kept = evidence.of(retriever).term_pairs(_pairs)
    if kept is not None:
        return sum(map(kept.__contains__, q.bigrams)) / len(q.bigrams)
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
    pairs: frozenset[str]  # its terms side by side, joined by a space (no term holds one): hashes kept
    surface: frozenset[str]  # surface_words
    terms: tuple[str, ...]  # its terms in order (sentence_terms)
    finds: tuple  # cues.lowered_finds: found years, numbers and capitals


_FIXED = [NAMES.index(n) for n in ("log_length", "first", "cause", "naming", "aside")]  # whatever the question
_BY_HIT = [NAMES.index(n) for n in ("passage", "top_passage", "passage_coverage")]
_WH = [NAMES.index(f"wh_{w}") for w in WH_WORDS]
_ASKED = [NAMES.index(n) for n in (  # the columns of the rows ``_rows`` builds, in its order
    "coverage", "context", "bigram", "answer_type", "prefix", "surface", "proximity", "held_count",
    "head_free_coverage", "previous", "capital_coverage", "order", "new_year", "new_number", "new_capital",
    "related_coverage")]


def _passage_facts(memo: dict, passage: Passage, names: Names) -> tuple[tuple[_Facts, ...], np.ndarray]:
    """The facts of each sentence of a passage, and their columns _FIXED (memo: passage id -> them)."""
    found = memo.get(passage.id)
    if found is None:
        sentences = passage.sentences
        terms = [sentence_terms(s.text) for s in sentences]
        words = [frozenset(t) for t in terms]
        finds = [lowered_finds(s.text) for s in sentences]
        found = memo[passage.id] = tuple(_Facts(
            s, words[i], _with_names(words[i], names, s.text), names,
            frozenset().union(*words[max(i - 1, 0):i], *words[i + 1:i + 2]),  # the sentences on either side
            words[i - 1] if i else frozenset(), frozenset(t[:5] for t in terms[i] if len(t) >= 5),
            frozenset(map(" ".join, pairwise(terms[i]))), surface_words(s.text), terms[i], finds[i][:3])
            for i, s in enumerate(sentences)), np.array(
            [(math.log1p(len(t)), float(i == 0), *f[3:]) for i, (t, f) in enumerate(zip(terms, finds))],
            dtype=float).reshape(len(terms), len(_FIXED))
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
        self.bigrams = frozenset(map(" ".join, q.bigrams))  # as _Facts.pairs
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


def _places(held: frozenset[str], terms: tuple[str, ...], order_of: dict[str, int]) -> tuple[float, float]:
    """Columns proximity (the held terms over the span of the sentence's terms from the first held one
    to the last) and order (the share of pairs of held terms that stand in the question's order)."""
    places = [n for n, t in enumerate(terms) if t in held]
    if len(places) < 2:  # a held term its names stand for need not be written
        return float(len(places)), 0.0
    seq = [order_of[t] for t in dict.fromkeys([terms[n] for n in places]) if t in order_of]
    if len(seq) < 3:  # one pair or none
        order = float(seq[0] < seq[1]) if len(seq) == 2 else 0.0
    else:
        order = sum(a < b for n, a in enumerate(seq) for b in seq[n + 1:]) / (len(seq) * (len(seq) - 1) / 2)
    return len(held) / (places[-1] - places[0] + 1), order


def _alone(term: str, terms: tuple[str, ...]) -> float:
    """Column proximity when ``term`` is the one question term held (``_places`` for one term)."""
    uses = terms.count(term)
    if uses < 2:
        return float(uses)
    return 1 / (len(terms) - terms[::-1].index(term) - terms.index(term))


def _rows(a: _Asked, passages: list[tuple[tuple[_Facts, ...], Names]]) -> tuple[list, list]:
    """The held terms and the row of columns _ASKED of each sentence of ``passages`` (their facts,
    and the Names of the passage: facts found with others take its ``extra`` terms anew)."""
    q, keys, share, by_held, prefix, contains = a.q, a.keys, a.share, a.by_held, a.prefix, a.contains
    order_of, kind, q_bigrams, n_bigrams = q.order, q.kind, a.bigrams, a.n_bigrams
    q_surface, n_surface = q.surface, a.n_surface
    a_starts, related, no_prefix, lent = a.starts, a.any_related, a.no_prefix, a.lent
    helds, rows = [], []
    for facts, own in passages:
        same = not facts or facts[0].names is own
        for sentence, words, named, _, near, prev, starts, pairs, surface, terms, finds in facts:
            held = (named if same else words | own.extra(sentence.text)) & keys  # "Jong Un": "Kim"
            cov, free_cov, capital_cov, n_held = by_held[held]
            n_terms = len(held)  # most rows hold no question term or one: no places to compare
            proximity, order = _places(held, terms, order_of) if n_terms > 1 else (
                (_alone(*held, terms), 0.0) if n_terms else (0.0, 0.0))
            near, prev, starts, stems = near & keys, prev & keys, a_starts & starts, related & words
            found = type_words(kind, sentence.text) if kind else None
            years, numbers, capitals = finds
            helds.append(held)
            rows.append((
                cov, share[near - held] if near else 0.0,
                len(q_bigrams & pairs) / n_bigrams if n_bigrams else 0.0,
                float(not all(map(contains, found))) if found else 0.0,  # cues.type_found
                prefix[held, starts] if starts else no_prefix,
                len(q_surface & surface) / n_surface if n_surface else 0.0,
                proximity, n_held, free_cov, share[prev - held] if prev else 0.0, capital_cov, order,
                float(not all(map(contains, years))) if years else 0.0,  # cues.any_new
                float(not all(map(contains, numbers))) if numbers else 0.0,
                float(not all(map(contains, capitals))) if capitals else 0.0,
                lent(held, stems, cov) if stems else cov))
    return helds, rows


def candidates(q: Question, hits: list[Hit], retriever: Retriever,
               aliases: bool = True) -> tuple[list[Candidate], np.ndarray]:
    """Every sentence of the hits, with its feature row (columns: NAMES); with
    ``aliases``, a short mention of a name holds the name's terms (aliases.py)."""
    found = evidence.of(retriever)
    names = [found.names(h.passage.document_id) if aliases else _NO_NAMES for h in hits]
    kept = [_passage_facts(found.passage_facts, h.passage, own) for h, own in zip(hits, names)]
    spots = [(h, i, f) for h, (facts, _) in zip(hits, kept) for i, f in enumerate(facts)]
    if not spots:
        return [], np.zeros((0, len(NAMES)))
    sbm = found.sentence_scores(q.terms, [f.sentence for *_, f in spots])
    a = _Asked(q, {t: r for t in q.weights if (r := related(t))})  # WordNet, looked up once a question
    helds, rows = _rows(a, [(facts, own) for (facts, _), own in zip(kept, names)])
    out = np.empty((len(spots), len(NAMES)))
    out[:, _ASKED] = np.fromiter(chain.from_iterable(rows), float, len(rows) * len(_ASKED)).reshape(len(rows), -1)
    top = spots[0][0].score  # the best hit with a sentence
    out[:, _BY_HIT] = np.repeat([(h.score / top, float(rank == 0), q.share(a.keys & _term_set(h.passage.text)))
                                 for rank, h in enumerate(hits)], [len(facts) for facts, _ in kept], axis=0)
    out[:, NAMES.index("sentence_bm25")] = np.array(sbm) / (max(sbm) or 1.0)
    out[:, _FIXED] = np.concatenate([fixed for _, fixed in kept])
    out[:, _WH] = q.wh
    new = tuple.__new__  # Candidate's fields as a plain tuple: no Python-level __new__ a row
    return [new(Candidate, (h, i, row[0], held, f.sentence)) for (h, i, f), held, row in zip(spots, helds, rows)], out
