"""Answers built from the article's own sentences, each cited, or a refusal.

The retriever ranks passages with plain BM25; here the sentences of the best
passages are ranked by how much of the question they hold (IDF-weighted
coverage), helped by their passage's score and by answer-type cues, and the
best is cited. ``confidence`` is the best sentence's coverage in [0, 1];
below ``min_confidence`` askbot says the article does not say.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from .aliases import rewrite
from .analysis import MAX_TERMS, tokenize
from .corpus import Sentence
from .errors import QuestionError
from .features import NAMES, Question, article_bigram_share, candidates, names_near, sentence_terms
from .retriever import Hit, Retriever
from .weights import CONFIDENCE_WEIGHTS, RANKER, WEIGHTS

NOT_FOUND = "The article doesn't say."
_MARK = re.compile(r"\[(\d+)\]")
CONFIDENCE_NAMES = ("coverage", "head_free_coverage", "best_probability", "best_score", "unseen_share",
                    "log_terms", "passage_coverage", "answer_type", "missing_max", "missing_capital",
                    "missing_number", "negation", "missing_count", "unseen_count", "sentence_missing",
                    "coverage_squared", "antonym_cue", *(f"best_{name}" for name in NAMES), "article_bigrams",
                    "max_coverage", "intercept")
_CUES = re.compile(r"\b(?:first|last|least|most|only|before|after|earliest|latest|largest|smallest|"
                   r"highest|lowest|longest|shortest|fewest|minimum|maximum|cannot|unable|fail\w*|lack\w*)\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|none|nor|without|n't)\b|n't\b", re.I)
MAX_CITATIONS = 3


@dataclass(frozen=True)
class Settings:
    """Knobs of sentence ranking (defaults chosen on the tune sets)."""

    k: int = 5  # passages considered
    min_confidence: float = 0.1  # declines ~1.5% of answerable tune questions (false_abstain 0.0145)
    weights: tuple[float, ...] | None = None  # None: the learned ranker (weights.RANKER); else linear weights
    # one a feature (features.NAMES), e.g. weights.WEIGHTS (the learned linear scorer, for comparison)
    citation_margin: float = 3.0  # a 2nd/3rd citation scores at most this much below the 1st
    cite_alike: bool = True  # cite a close runner-up even when it holds no new question term
    aliases: bool = True  # names across their forms (aliases.py): "Toran Ruk" holds "Pel", Russian -> Russia


@dataclass(frozen=True)
class Citation:
    """A cited sentence: its id (the ``[n]`` marker), passage, text, offsets into
    its document, and its ranking score."""

    id: int
    passage: int
    text: str
    start: int
    end: int
    score: float
    document: int = 1


@dataclass(frozen=True)
class Answer:
    """The reply to a question: the text with its ``[n]`` markers, whether the
    article answers it, the confidence in [0, 1], and the citations, best first."""

    question: str
    text: str
    found: bool
    confidence: float
    citations: tuple[Citation, ...] = field(default_factory=tuple)


class _Scored(NamedTuple):  # internal: a NamedTuple is built ~5x faster than a dataclass at import
    """A candidate sentence with its ranking score, question coverage, held terms and feature row."""

    score: float
    coverage: float
    terms: frozenset[str]
    sentence: Sentence
    row: np.ndarray


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
# ---------------------------------------------------------------------------


def ranker_scores(rows: np.ndarray) -> np.ndarray:
    """The learned ranker: one hidden layer of ReLUs over standardised features."""
    hidden = (rows - RANKER_ARRAYS["mean"]) / RANKER_ARRAYS["scale"] @ RANKER_ARRAYS["hidden"]
    return np.maximum(hidden + RANKER_ARRAYS["bias"], 0.0) @ RANKER_ARRAYS["out"]


RANKER_ARRAYS = {key: np.array(value, dtype=float) for key, value in RANKER.items()}


def _rank(question: str, terms: list[str], retriever: Retriever, s: Settings,
          context: Mapping[str, float] | None = None) -> tuple[list[_Scored], Question]:
    if s.aliases:  # a word the article never uses -> its form there: Russian -> Russia, UN -> United Nations
        terms = rewrite(question, terms, retriever.index.vocab.__contains__, lambda: names_near(retriever, terms))
    q = Question(question, terms, retriever)
    q.add_context(_context_weights(context, q.weights, retriever))  # issue 4: nothing without context
    hits = _search(retriever, terms, q.extra, s.k)
    if not hits:
        return [], q
    cands, rows = candidates(q, hits, retriever, s.aliases)
    # A follow-up's context terms shift the features away from what the ranker
    # was trained on; the linear scorer, monotone in its coverage features, lets
    # them add evidence (bench/followup_eval.py: 0.95 in context vs 0.75).
    weights = WEIGHTS if s.weights is None and q.extra else s.weights
    scores = ranker_scores(rows) if weights is None else rows @ np.array(weights)
    ranked = [_Scored(float(sc), c.coverage, c.held, c.sentence, row) for c, sc, row in zip(cands, scores, rows)]
    ranked.sort(key=lambda r: (-r.score, r.sentence.id))
    return ranked, q


def confidence_features(ranked: list[_Scored], q: Question, retriever: Retriever) -> np.ndarray:
    """What the confidence is made of (columns: CONFIDENCE_NAMES; best_*: the best sentence's ranker features)."""
    best = ranked[0]
    scores = np.array([r.score for r in ranked])
    p = np.exp(scores - scores.max())
    row = dict(zip(NAMES, best.row))
    passage = frozenset(sentence_terms(retriever.corpus.passage(best.sentence.passage_id).text))
    missing = [t for t in q.weights if t not in best.terms and t not in passage]
    top_weight = max(q.weights.values())
    return np.array([
        best.coverage, row["head_free_coverage"], 1.0 / p.sum(), best.score, q.unseen,
        math.log(len(q.weights)), row["passage_coverage"], row["answer_type"],
        max((q.weights[t] for t in missing), default=0.0) / top_weight,
        float(any(t in q.capitals for t in missing)), float(any(t[:1].isdigit() for t in missing)),
        float(bool(_NEGATION.search(q.text))), len(missing) / len(q.weights),
        sum(retriever.idf(t) == 0.0 for t in q.weights) / len(q.weights),
        len([t for t in q.weights if t not in best.terms]) / len(q.weights), best.coverage**2,
        float(any(w.lower() not in best.sentence.text.lower() for w in _CUES.findall(q.text))),
        *best.row, article_bigram_share(q, retriever), max(r.coverage for r in ranked), 1.0,
    ])


def confidence(ranked: list[_Scored], q: Question, retriever: Retriever) -> float:
    """How sure askbot is that the article answers, in [0, 1]."""
    if not ranked:
        return 0.0
    z = float(confidence_features(ranked, q, retriever) @ np.array(CONFIDENCE_WEIGHTS))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def _pick(ranked: list[_Scored], s: Settings) -> list[_Scored]:
    """The best sentence, then up to two more that the ranker finds nearly as
    likely (within ``citation_margin`` in score); with ``cite_alike`` off, only
    those that hold question terms the sentences before them lack."""
    best = ranked[0]
    picked, seen = [best], set(best.terms)
    for r in ranked[1:]:
        if len(picked) == MAX_CITATIONS or r.score < best.score - s.citation_margin:
            break
        if r.terms and (r.terms - seen or s.cite_alike):
            picked.append(r)
            seen |= r.terms
    return picked


def _unmarked(text: str) -> str:
    """A cited sentence on one line, its own "[12]" (a reference mark) shown
    as "(12)" so that every [n] in an answer is one of its citations."""
    return _MARK.sub(r"(\1)", " ".join(text.split()))


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
    ranked, q = _rank(question, terms, retriever, s, context) if terms or context else ([], None)
    sure = round(confidence(ranked, q, retriever), 4) if ranked else 0.0
    if not ranked or sure < s.min_confidence:
        return Answer(question, NOT_FOUND, False, sure)
    picked = _pick(ranked, s)
    citations = tuple(
        Citation(r.sentence.id, r.sentence.passage_id, r.sentence.text, r.sentence.start,
                 r.sentence.end, round(r.score, 4), r.sentence.document_id)
        for r in picked
    )
    text = " ".join(f"{_unmarked(c.text)} [{c.id}]" for c in citations)
    return Answer(question, text, True, sure, citations)
