"""Answers built from the article's own sentences, each cited, or a refusal.

The retriever ranks passages with plain BM25; here the sentences of the best
passages are ranked by how much of the question they hold (IDF-weighted
coverage), helped by their passage's score and by answer-type cues, and the
best is cited. ``confidence`` is the best sentence's coverage in [0, 1];
below ``min_confidence`` askbot says the article does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import MAX_TERMS, tokenize
from .cues import answer_type, type_bonus
from .errors import QuestionError
from .retriever import Retriever, lucene_idf

NOT_FOUND = "The article doesn't say."
_MARK = re.compile(r"\[(\d+)\]")
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


def _rank(question: str, terms: list[str], retriever: Retriever, s: Settings) -> list[_Scored]:
    weights = _weights(terms, retriever)
    total = sum(weights.values()) or 1.0
    hits = retriever.search(terms, s.k)
    if not hits:
        return []
    top = hits[0].score
    kind = answer_type(question)
    ranked = []
    for hit in hits:
        for sent in hit.passage.sentences:
            held = frozenset(tokenize(sent.text)) & weights.keys()
            coverage = sum(weights[t] for t in held) / total
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


def _unmarked(text: str) -> str:
    """A cited sentence on one line, its own "[12]" (a reference mark) shown
    as "(12)" so that every [n] in an answer is one of its citations."""
    return _MARK.sub(r"(\1)", " ".join(text.split()))


def ask(question: str, retriever: Retriever, settings: Settings | None = None, **overrides) -> Answer:
    """Answer ``question`` from the retriever's article, citing sentences.

    ``overrides`` replace single settings, e.g. ``ask(q, r, k=3)``.
    """
    if not isinstance(question, str):
        raise QuestionError(f"a question is text, not {type(question).__name__}")
    if not question.strip():
        raise QuestionError("the question is empty; ask something about the article")
    s = settings or Settings()
    if overrides:
        s = Settings(**{**s.__dict__, **overrides})
    terms = tokenize(question, MAX_TERMS)
    ranked = _rank(question, terms, retriever, s) if terms else []
    confidence = round(ranked[0].coverage, 4) if ranked else 0.0
    if not ranked or confidence < s.min_confidence:
        return Answer(question, NOT_FOUND, False, confidence)
    picked = _pick(ranked, s)
    citations = tuple(
        Citation(r.sentence.id, r.sentence.passage_id, r.sentence.text, r.sentence.start,
                 r.sentence.end, round(r.score, 4), r.sentence.document_id)
        for r in picked
    )
    text = " ".join(f"{_unmarked(c.text)} [{c.id}]" for c in citations)
    return Answer(question, text, True, confidence, citations)
