"""Evidence that a sentence answers a question: one row of numbers a sentence.

The answer stage scores each candidate sentence (the sentences of the best
passages) as a weighted sum of these features; the weights are learned on the
tune sets by bench/train_ranker.py and written into weights.py.
"""

from __future__ import annotations

import math
import re
from functools import partial
from itertools import pairwise
from operator import itemgetter
from typing import NamedTuple

import numpy as np

from . import evidence
from .aliases import Names
from .analysis import tokenize
from .corpus import Sentence
from .cues import SENTENCE_CLASSES, WH_WORDS, answer_type, wh_word
from .evidence import EMPTY, adjacent_pairs, surface_words, term_set
from .index import lucene_idf
from .lazyre import LazyRegex
from .related import related
from .retriever import Hit, Retriever

NAMES = ("coverage", "context", "passage", "top_passage", "sentence_bm25", "bigram", "answer_type",
         "log_length", "prefix", "surface", "first", "proximity", "held_count", "passage_coverage",
         "head_free_coverage", "previous", "capital_coverage", "order",
         *(f"wh_{w}" for w in WH_WORDS), *SENTENCE_CLASSES, "related_coverage")
_HEAD = LazyRegex(r"\b(?:what|which|how many|how much|what kind of|what type of)\s+([^\W\d_]+)", re.I)


class Candidate(NamedTuple):  # an internal record: a NamedTuple is built ~5x faster than a dataclass at import
    """A sentence of a retrieved passage, with the question terms it holds."""

    hit: Hit
    index: int  # the sentence's place in its passage
    coverage: float  # IDF-weighted share of the question's terms the sentence holds
    held: frozenset[str]
    sentence: Sentence  # hit.passage.sentences[index]


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
    kept = evidence.of(retriever).term_pairs(adjacent_pairs)
    if kept is not None:
        return sum(map(kept.__contains__, q.bigrams)) / len(q.bigrams)
    passages, index = retriever.corpus.passages, retriever.index
    found = 0
    for a, b in q.bigrams:
        both = np.intersect1d(index.postings(a)[0], index.postings(b)[0], assume_unique=True)
        found += any((a, b) in adjacent_pairs(passages[i].text) for i in both.tolist())
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
        self.surface = surface_words(text)
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


_WH_AT = NAMES.index(f"wh_{WH_WORDS[0]}")  # the wh_ columns: the same for every row of a question
_WH_END = _WH_AT + len(WH_WORDS)
_ROW = len(NAMES) - len(WH_WORDS)  # a row as ``_rows`` builds it: NAMES less the wh_ columns, in order
_WORDS = itemgetter(1)  # Facts.words
_SBM = NAMES.index("sentence_bm25")  # a row holds 0.0 there; ``candidates`` scales the column at once


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
        self.related = tuple(related_of.items())
        self.no_prefix = math.fsum(()) / q.total
        self.bigrams = frozenset(map(" ".join, q.bigrams))  # as Facts.pairs
        self.n_bigrams, self.n_surface = len(q.bigrams), len(q.surface)
        self.contains = q.lowered.__contains__
        self.share = _Memo(q.share)  # terms -> Question.share
        every = (frozenset(t for t, _ in self.long), frozenset(start for _, start in self.long),  # none held
                 frozenset(related_of), frozenset().union(*related_of.values()))
        self.by_held = _Memo(partial(_by_held, q, self.share, self.long, self.related, every))
        self.prefix = _Memo(partial(_prefix, q, self.long))
        self.none = self.by_held[EMPTY]  # the columns of a sentence that holds no question term

    def lent(self, held: frozenset[str], words: frozenset[str], cov: float) -> float:
        """Column related_coverage: the coverage with the terms that are not held but related to a term of
        the sentence (``words``) counted as held: "lent" holds "loans"."""
        lent = [t for t, r in self.related if t not in held and not r.isdisjoint(words)]
        return self.share[held.union(lent)] if lent else cov


def _by_held(q: Question, share: _Memo, long: tuple[tuple[str, str], ...],
             related: tuple[tuple[str, frozenset[str]], ...], every: tuple, held: frozenset[str]) -> tuple:
    """Columns coverage, head_free_coverage, capital_coverage, held_count, which depend on the held terms
    alone, and what columns prefix and related_coverage may come from: the 5-letter starts of the long
    question terms not held, and the stems related to a question term not held (no sentence that
    holds none of either can count one)."""
    cov = share[held]
    return (cov, q.free_share(held) if q.head else cov,  # without a head word, the two shares are one
            len(q.capitals & held) / len(q.capitals) if q.capitals else 0.0, float(len(held)),
            every[1] if every[0].isdisjoint(held) else frozenset([start for t, start in long if t not in held]),
            every[3] if every[2].isdisjoint(held) else frozenset().union(*[r for t, r in related if t not in held]))


def _prefix(q: Question, long: tuple[tuple[str, str], ...], key: tuple[frozenset[str], frozenset[str]]) -> float:
    """Column prefix: the weight of the question terms (``long``: those of 5 letters or more, with their
    first 5) the sentence lacks (not ``held``) that share a 5-letter start with one of its terms (``found``)."""
    held, found = key
    return math.fsum(q.weights[t] for t, start in long if start in found and t not in held) / q.total


def _places(held: frozenset[str], first: dict[str, int], last: dict[str, int],
            order_of: dict[str, int]) -> tuple[float, float]:
    """Columns proximity (the held terms over the span of the sentence's terms from the first held one
    to the last) and order (the share of pairs of held terms that stand in the question's order), from
    the first and the last place of each term of the sentence."""
    written = [t for t in held if t in first]  # a held term its names stand for need not be written
    if len(written) < 2:  # one place (1.0), none (0.0), or the places of one term
        if not written:
            return 0.0, 0.0
        at, end = first[written[0]], last[written[0]]
        return 1.0 if at == end else len(held) / (end - at + 1), 0.0
    written.sort(key=first.__getitem__)
    seq = [order_of[t] for t in written if t in order_of]
    if len(seq) < 3:  # one pair or none
        order = float(seq[0] < seq[1]) if len(seq) == 2 else 0.0
    else:
        order = sum(a < b for n, a in enumerate(seq) for b in seq[n + 1:]) / (len(seq) * (len(seq) - 1) / 2)
    return len(held) / (max(map(last.__getitem__, written)) - first[written[0]] + 1), order


def _alone(term: str, first: dict[str, int], last: dict[str, int]) -> float:
    """Column proximity when ``term`` is the one question term held (``_places`` for one term)."""
    at = first.get(term)
    if at is None:
        return 0.0
    return 1.0 if at == last[term] else 1 / (last[term] - at + 1)


def _rows(a: _Asked, blocks: list[tuple]) -> tuple[list[Candidate], list[float]]:
    """The Candidate and the row (``_ROW`` floats, one list for all: no tuple a row for the garbage collector
    to look at) of each sentence of ``blocks``: per hit, its sentences' facts, the
    Names of its passage (facts found with others take its ``extra`` terms anew), the answer-type finds
    of its sentences and its columns passage, top_passage and passage_coverage."""
    q, keys, share, by_held, prefix, contains, none = a.q, a.keys, a.share, a.by_held, a.prefix, a.contains, a.none
    lowered = q.lowered
    order_of, q_bigrams, n_bigrams, q_surface, n_surface = q.order, a.bigrams, a.n_bigrams, q.surface, a.n_surface
    no_prefix, lent, new = a.no_prefix, a.lent, tuple.__new__
    cands, rows = [], []
    for hit, facts, own, types, (by_score, top, p_cov) in blocks:
        same = not facts or facts[0].names is own
        # the question terms each sentence writes; asked[i - 1] before the first, asked[i + 1] after the last: none
        asked = [held or EMPTY for held in map(keys.__and__, map(_WORDS, facts))] + [EMPTY]
        for i, (sentence, words, named, _, starts, pairs, surface, at, end, years, numbers, capitals,
                log_length, first, cause, naming, aside) in enumerate(facts):
            held = (named & keys if named is not words else asked[i]) if same else (
                (words | own.extra(sentence.text)) & keys)  # "Jong Un": "Kim"
            if held:
                cov, free_cov, capital_cov, n_held, unheld_starts, unheld_related = by_held[held]
                proximity, order = _places(held, at, end, order_of) if n_held > 1 else (_alone(*held, at, end), 0.0)
                bigram = len(q_bigrams & pairs) / n_bigrams if n_bigrams else 0.0
            else:  # no places, and no pair of question terms, in a sentence that holds none of them
                cov, free_cov, capital_cov, n_held, unheld_starts, unheld_related = none
                proximity = order = bigram = 0.0
            prev, after = asked[i - 1], asked[i + 1]
            near = (prev | after if after else prev) if prev else after  # question terms of the sentences beside
            found = types[i]
            cands.append(new(Candidate, (hit, i, cov, held, sentence)))
            # answer_type, new_year, new_number, new_capital: whether a found word is not in the question
            # (cues.type_found, cues.any_new); the first found word settles most rows without a call
            rows.extend((
                cov, (share[near - held] if held else share[near]) if near else 0.0, by_score, top, 0.0, bigram,
                0.0 if not found else 1.0 if found[0] not in lowered else float(not all(map(contains, found))),
                log_length, no_prefix if unheld_starts.isdisjoint(starts) else prefix[held, unheld_starts & starts],
                0.0 if q_surface.isdisjoint(surface) else len(q_surface & surface) / n_surface,
                first, proximity, n_held, p_cov,
                free_cov, (share[prev - held] if held else share[prev]) if prev else 0.0, capital_cov, order,
                0.0 if not years else 1.0 if years[0] not in lowered else float(not all(map(contains, years))),
                0.0 if not numbers else 1.0 if numbers[0] not in lowered else float(not all(map(contains, numbers))),
                0.0 if not capitals else 1.0 if capitals[0] not in lowered else float(not all(map(contains, capitals))),
                cause, naming, aside,
                cov if unheld_related.isdisjoint(words) else lent(held, words, cov)))
    return cands, rows


def candidates(q: Question, hits: list[Hit], retriever: Retriever,
               aliases: bool = True) -> tuple[list[Candidate], np.ndarray]:
    """Every sentence of the hits, with its feature row (columns: NAMES); with
    ``aliases``, a short mention of a name holds the name's terms (aliases.py)."""
    found = evidence.of(retriever)
    names = [found.names(h.passage.document_id) if aliases else _NO_NAMES for h in hits]
    kept = [found.facts(h.passage, own) for h, own in zip(hits, names)]
    sentences = [f.sentence for facts in kept for f in facts]
    if not sentences:
        return [], np.zeros((0, len(NAMES)))
    sbm = found.sentence_scores(q.terms, sentences)
    a = _Asked(q, {t: r for t in q.weights if (r := related(t))})  # WordNet, looked up once a question
    top = next(h.score for h, facts in zip(hits, kept) if facts)  # the best hit with a sentence
    cands, rows = _rows(a, [
        (h, facts, own, found.type_words(h.passage, q.kind) if q.kind else ((),) * len(facts),
         (h.score / top, float(rank == 0), a.share[a.keys & term_set(h.passage.text)]))
        for rank, (h, facts, own) in enumerate(zip(hits, kept, names))])
    block = np.array(rows, dtype=float).reshape(len(cands), _ROW)
    out = np.empty((len(cands), len(NAMES)))
    out[:, :_WH_AT], out[:, _WH_AT:_WH_END], out[:, _WH_END:] = block[:, :_WH_AT], q.wh, block[:, _WH_AT:]
    out[:, _SBM] = np.array(sbm) / (max(sbm) or 1.0)
    return cands, out
