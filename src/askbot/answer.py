"""Answers built from the article's own sentences, each cited, or a refusal.

The retriever ranks passages with plain BM25; here the sentences of the best
passages are ranked by how much of the question they hold (IDF-weighted
coverage), helped by their passage's score and by answer-type cues, and the
best is cited. ``confidence`` is the best sentence's coverage in [0, 1];
below ``min_confidence`` askbot says the article does not say.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from .analysis import MAX_TERMS, tokenize
from .cues import answer_type, type_bonus
from .errors import QuestionError
from .retriever import Hit, Retriever, lucene_idf

NOT_FOUND = "The article doesn't say."
MAX_CITATIONS = 3


@dataclass(frozen=True)
class Settings:
    """Knobs of sentence ranking (defaults chosen on the tune sets)."""

    k: int = 5  # passages considered
    min_confidence: float = 0.45
    passage_weight: float = 0.25
    type_weight: float = 0.15
    extra_citation_ratio: float = 0.85  # a 2nd/3rd citation must score this share of the 1st


@dataclass(frozen=True)
class Citation:
    id: int
    passage: int
    text: str
    start: int
    end: int
    score: float
    document: int = 1


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    found: bool
    confidence: float
    citations: tuple[Citation, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Scored:
    score: float
    coverage: float
    terms: frozenset[str]
    sentence: object


def _weights(terms: list[str], retriever: Retriever) -> dict[str, float]:
    n = retriever.bm25.corpus_size
    unseen = lucene_idf(n, 0)  # a term the article never uses weighs the most
    return {t: retriever.bm25.idf.get(t, unseen) for t in dict.fromkeys(terms)}


# --- Follow-up context (issue 4) -------------------------------------------
# ``context`` maps extra terms (from the previous turn, see followup.py) to a
# share < 1 of their IDF. They join the question's terms in the passage search
# and in sentence coverage; with no context nothing below changes.

def _context_weights(context: Mapping[str, float] | None, own: Mapping[str, float],
                     retriever: Retriever) -> dict[str, float]:
    if not context:
        return {}
    return {t: w * retriever.idf(t) for t, w in context.items() if t not in own and retriever.idf(t) > 0}


def _search(retriever: Retriever, terms: list[str], extra: Mapping[str, float], k: int) -> list[Hit]:
    """BM25 search; each context term adds its own BM25 score times its share."""
    if not extra:
        return retriever.search(terms, k)
    scores = retriever.scores(terms) if terms else np.zeros(len(retriever.corpus.passages))
    for t, w in extra.items():
        scores = scores + (w / (retriever.idf(t) or 1.0)) * retriever.scores([t])
    order = sorted(np.flatnonzero(scores > 0), key=lambda i: (-scores[i], i))[:k]
    return [Hit(retriever.corpus.passages[i], float(scores[i])) for i in order]


def _held(held: frozenset[str], extra: Mapping[str, float], terms: list[str]) -> float:
    """Context weight a sentence holds (0.0 when the question has no terms of its own:
    then the context's whole weight is the denominator)."""
    return math.fsum(extra[t] for t in held if t in extra) if terms else 0.0
# ---------------------------------------------------------------------------


def _rank(question: str, terms: list[str], retriever: Retriever, s: Settings,
          context: Mapping[str, float] | None = None) -> list[_Scored]:
    weights = _weights(terms, retriever)
    extra = _context_weights(context, weights, retriever)  # issue 4: {} without context
    total = sum(weights.values()) or sum(extra.values()) or 1.0
    weights.update(extra)
    hits = _search(retriever, terms, extra, s.k)
    if not hits:
        return []
    top = hits[0].score
    kind = answer_type(question)
    ranked = []
    for hit in hits:
        for sent in hit.passage.sentences:
            held = frozenset(tokenize(sent.text)) & weights.keys()
            # issue 4: context terms count in the denominator only where held, so they add
            # evidence and never dilute the question's own terms (no context: + 0.0).
            # fsum: a sum over a frozenset in hash order differed in the last bit between
            # runs (PYTHONHASHSEED) and flipped ties; fsum is exact whatever the order.
            coverage = math.fsum(weights[t] for t in held) / (total + _held(held, extra, terms))
            score = (coverage + s.passage_weight * hit.score / top
                     + s.type_weight * type_bonus(kind, sent.text, question))
            ranked.append(_Scored(score, coverage, held, sent))
    ranked.sort(key=lambda r: (-r.score, r.sentence.id))
    return ranked


def _pick(ranked: list[_Scored], s: Settings) -> list[_Scored]:
    """The best sentence, then others that hold question terms it lacks."""
    best = ranked[0]
    picked, seen = [best], set(best.terms)
    for r in ranked[1:]:
        if len(picked) == MAX_CITATIONS or r.score < s.extra_citation_ratio * best.score:
            break
        if r.terms - seen:
            picked.append(r)
            seen |= r.terms
    return picked


def ask(question: str, retriever: Retriever, settings: Settings | None = None, *,
        context: Mapping[str, float] | None = None, **overrides) -> Answer:
    """Answer ``question`` from the retriever's article, citing sentences.

    ``overrides`` replace single settings, e.g. ``ask(q, r, k=3)``.
    ``context`` (follow-ups, see followup.py): extra terms -> share (< 1) of
    their IDF, added to the question's terms; None leaves the answer unchanged.
    """
    if not isinstance(question, str):
        raise QuestionError(f"a question is text, not {type(question).__name__}")
    if not question.strip():
        raise QuestionError("the question is empty; ask something about the article")
    s = settings or Settings()
    if overrides:
        s = Settings(**{**s.__dict__, **overrides})
    terms = tokenize(question, MAX_TERMS)
    ranked = _rank(question, terms, retriever, s, context) if terms or context else []
    confidence = round(ranked[0].coverage, 4) if ranked else 0.0
    if not ranked or confidence < s.min_confidence:
        return Answer(question, NOT_FOUND, False, confidence)
    picked = _pick(ranked, s)
    citations = tuple(
        Citation(r.sentence.id, r.sentence.passage_id, r.sentence.text, r.sentence.start,
                 r.sentence.end, round(r.score, 4), r.sentence.document_id)
        for r in picked
    )
    text = " ".join(f"{' '.join(c.text.split())} [{c.id}]" for c in citations)
    return Answer(question, text, True, confidence, citations)
