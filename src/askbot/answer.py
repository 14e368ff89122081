"""Answers built from the article's own sentences, each cited, or a refusal.

The retriever ranks passages with plain BM25; here the sentences of the best
passages are ranked by how much of the question they hold (IDF-weighted
coverage), helped by their passage's score and by answer-type cues, and the
best is cited. ``confidence`` in [0, 1] is a small learned network over
``confidence_features``; below ``min_confidence`` askbot says the article does
not say.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from . import evidence
from .aliases import rewrite
from .analysis import MAX_TERMS, tokenize
from .asks import count_missing
from .confidence import (  # noqa: F401  (CONFIDENCE_NAMES, _antonym: importable from here, as the trainers do)
    CONFIDENCE_NAMES,
    _antonym,
    confidence_features,
    confidence_scores,
)
from .corpus import Sentence, _short
from .errors import QuestionError, expect
from .features import Question, candidates, names_near
from .intent import ABSENT_CAP, WORDS_K, absent_cap, content_terms, rerank, search_extra
from .lazyre import LazyRegex
from .phrase import ShortAnswer, short_answer
from .places import rewrite as place_names
from .quotes import asks_words
from .retriever import Hit, Retriever
from .summary import summarize, wants_summary
from .weights import RANKER, WEIGHTS

NOT_FOUND = "The article doesn't say."
_MARK = LazyRegex(r"\[(\d+)\]")
MAX_CITATIONS = 3
_NO_ROW = np.zeros(0)  # a summary sentence has no ranker features


@dataclass(frozen=True)
class Settings:
    """Knobs of sentence ranking (defaults chosen on the tune sets)."""

    k: int = 5  # passages considered
    min_confidence: float = 0.15  # declines 1.5% of answerable clean tune questions (bench/pick_threshold.py)
    weights: tuple[float, ...] | None = None  # None: the learned ranker (weights.RANKER); else linear weights
    # one a feature (features.NAMES), e.g. weights.WEIGHTS (the learned linear scorer, for comparison)
    citation_margin: float = 2.6  # a 2nd/3rd citation scores at most this much below the 1st (<= 2.0 a tune answer)
    cite_alike: bool = True  # cite a close runner-up even when it holds no new question term
    aliases: bool = True  # names across their forms (aliases.py): "Toran Ruk" holds "Pel", Russian -> Russia
    reader: bool = True  # intent.py: whose words, answer types, and key content the article lacks

    def __post_init__(self) -> None:
        expect(self.k, int, "Settings.k")
        expect(self.min_confidence, (int, float), "Settings.min_confidence")
        expect(self.citation_margin, (int, float), "Settings.citation_margin")
        if self.k < 1 or not 0 <= self.min_confidence <= 1 or not 0 <= self.citation_margin < math.inf:
            raise ValueError(f"Settings need k >= 1, 0 <= min_confidence <= 1 and a finite citation_margin >= 0, "
                             f"not k={self.k}, min_confidence={self.min_confidence}, "
                             f"citation_margin={self.citation_margin}")


_DEFAULT = Settings()  # frozen: one shared value for every call without settings


@dataclass(frozen=True)
class Citation:
    """A cited sentence: its id (the ``[n]`` marker), passage, text, offsets into
    its document's file, its ranking score, and its document: number, title, and
    path relative to the corpus folder (None for a single-file corpus)."""

    id: int
    passage: int
    text: str
    start: int
    end: int
    score: float
    document: int = 1
    title: str = field(default="", compare=False)  # where it is, not what it is: equality ignores them
    path: str | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        return f"Citation([{self.id}] passage {self.passage}, {self.start}:{self.end}, {_short(self.text)})"


@dataclass(frozen=True)
class Answer:
    """The reply to a question: the text with its ``[n]`` markers, whether the
    article answers it, the confidence in [0, 1], the citations, best first,
    and the short answer taken from the first (phrase.py; None when none)."""

    question: str
    text: str
    found: bool
    confidence: float
    citations: tuple[Citation, ...] = field(default_factory=tuple)
    short_answer: ShortAnswer | None = None  # the phrase of the first citation that answers, or "Yes"/"No"/"Unclear"

    def __str__(self) -> str:
        """The answer as ``askbot ask`` prints it, without colour or wrapping.

        >>> from askbot import Corpus, Retriever
        >>> answer = ask("How much did the bridge cost?", Retriever(Corpus.from_text("The bridge cost $2 billion.")))
        >>> answer  # doctest: +ELLIPSIS
        Answer('How much did the bridge cost?', found=True, confidence=0..., [1], short='$2 billion')
        >>> print(answer)
        $2 billion
        <BLANKLINE>
        [1] The bridge cost **$2 billion**.
        """
        from .render import as_text

        return as_text(self)

    def __repr__(self) -> str:
        cited = " ".join(f"[{c.id}]" for c in self.citations) or "no citations"
        short = f", short={self.short_answer.text!r}" if self.short_answer else ""
        return f"Answer({self.question!r}, found={self.found}, confidence={self.confidence}, {cited}{short})"


class _Scored(NamedTuple):  # internal: a NamedTuple is built ~5x faster than a dataclass at import
    """A candidate sentence with its ranking score, question coverage, held terms and feature row."""

    score: float
    coverage: float
    terms: frozenset[str]
    sentence: Sentence
    row: np.ndarray


# --- Follow-up context -------------------------------------------------------
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
    scores = retriever.index.scores(terms)  # the compiled postings: rank-bm25's scores, bit for bit
    for t, w in extra.items():
        scores = scores + (w / (retriever.idf(t) or 1.0)) * retriever.index.scores([t])
    order = _best_first(scores, k)
    return [Hit(retriever.corpus.passages[i], s) for i, s in zip(order.tolist(), scores[order].tolist())]


def _best_first(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` best positive scores, best first, ties in index order."""
    found = np.flatnonzero(scores > 0)
    return found[np.lexsort((found, -scores[found]))][:k]
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
    terms, absent = place_names(question, terms, retriever.index.vocab.__contains__) if s.reader else (terms, ())
    terms = content_terms(terms, question) if s.reader else terms
    q = Question(question, terms, retriever)
    q.absent_places = absent
    q.add_context(_context_weights(context, q.weights, retriever))  # nothing changes without context
    wide = s.reader and asks_words(question)  # whose words: the speaker's quotes may sit beyond the top passages
    other = search_extra(question, terms, retriever) if s.reader else {}
    hits = _search(retriever, terms, {**other, **q.extra}, max(s.k, WORDS_K) if wide else s.k)
    if not hits:
        return [], q
    cands, rows = candidates(q, hits, retriever, s.aliases)
    # A follow-up's context terms shift the features away from what the ranker
    # was trained on; the linear scorer, monotone in its coverage features, lets
    # them add evidence (bench/followup_eval.py measures both; docs/quality.md).
    weights = WEIGHTS if s.weights is None and q.extra else s.weights
    scores = ranker_scores(rows) if weights is None else rows @ np.array(weights)
    sentences = [c.sentence for c in cands]
    if s.reader and not q.extra:  # intent.py: whose words, answer types, "they"
        scores = scores + rerank(question, q, sentences, retriever, s.aliases)
    ranked = [_Scored(sc, c.coverage, c.held, x, row)  # tolist: the same floats as float(score), at once
              for c, sc, x, row in zip(cands, scores.tolist(), sentences, rows)]
    ranked.sort(key=lambda r: (-r.score, r.sentence.id))
    return ranked, q


def rank_sentences(question: str, terms: list[str], retriever: Retriever, settings: Settings | None = None,
                   context: Mapping[str, float] | None = None) -> tuple[list[_Scored], Question]:
    """The candidate sentences for a question, best first, each with its score, coverage, held terms
    and feature row, and the analysed question: what ``ask`` answers from (and the trainers learn on)."""
    return _rank(question, terms, retriever, settings or _DEFAULT, context)


def confidence(ranked: list[_Scored], q: Question, retriever: Retriever, reader: bool = True) -> float:
    """How sure askbot is that the article answers, in [0, 1]: the learned confidence, capped when the
    question asks about a country the article has under none of its names (places.py), measures a
    thing the article has in no form, asks for the words of someone it never names, or asks how many
    and the best sentence holds no number (intent.py, asks.py)."""
    if not ranked:
        return 0.0
    sure = float(confidence_scores(confidence_features(ranked, q, retriever)[None, :-1])[0])
    if not reader or q.extra or sure <= ABSENT_CAP:  # a cap is ABSENT_CAP or 1.0: it lowers no lower value
        return sure
    return min(sure, absent_cap(q, retriever), ABSENT_CAP if count_missing(q.text, ranked[0].sentence.text) else 1.0)


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
    text = " ".join(text.split())
    return _MARK.sub(r"(\1)", text) if "[" in text else text


def _citation(r: _Scored, retriever: Retriever) -> Citation:
    """The citation of a ranked sentence; offsets are into its document's file as read."""
    sentence = r.sentence
    doc = retriever.corpus.document(sentence.document_id)
    start, end = doc.source_span(sentence.start, sentence.end)
    return Citation(sentence.id, sentence.passage_id, sentence.text, start, end, round(r.score, 4),
                    sentence.document_id, doc.title, doc.name)


def _answer(question: str, picked: list[_Scored], sure: float, retriever: Retriever,
            short: Callable[[tuple[Citation, ...]], ShortAnswer | None] | None = None) -> Answer:
    """The answer citing ``picked``: ranked sentences best first, or a summary's in article order;
    ``short`` gives the short answer of its citations (none without it)."""
    citations = tuple(_citation(r, retriever) for r in picked)
    text = " ".join(f"{_unmarked(c.text)} [{c.id}]" for c in citations)
    return Answer(question, text, True, sure, citations, short(citations) if short else None)


def ask(question: str, retriever: Retriever, settings: Settings | None = None, *,
        context: Mapping[str, float] | None = None, exclude: frozenset[int] = frozenset(),
        **overrides) -> Answer:
    """Answer ``question`` from the retriever's article, citing sentences.

    ``overrides`` replace single settings, e.g. ``ask(q, r, k=3)``.
    ``context`` (follow-ups, see followup.py): extra terms -> share (< 1) of
    their IDF, added to the question's terms; None leaves the answer unchanged.
    ``exclude``: ids of sentences that may not be cited ("what else did he
    say" after those were cited); ``k`` grows by one per excluded sentence. A whole-article question ("summarize the
    article", summary.wants_summary) gets the article's summary.
    """
    if not isinstance(question, str):
        raise QuestionError(f"a question is text, not {type(question).__name__}")
    if not isinstance(retriever, Retriever):
        raise TypeError(f"ask() needs a Retriever, not {type(retriever).__name__}")
    if not question.strip():
        raise QuestionError("the question is empty; ask something about the article")
    if settings is not None and not isinstance(settings, Settings):
        raise TypeError(f"ask() takes settings as a Settings, not {type(settings).__name__}")
    s = settings or _DEFAULT
    if overrides:
        s = Settings(**{**s.__dict__, **overrides})
    if exclude:  # each excluded sentence frees a passage slot for the next candidates
        s = Settings(**{**s.__dict__, "k": s.k + len(exclude)})
    if wants_summary(question):  # the summary's sentences (summary.py), in article order
        picked = [_Scored(score, 0.0, frozenset(), sentence, _NO_ROW)
                  for sentence, score in summarize(retriever.corpus, frozenset(exclude))]
        return _answer(question, picked, 1.0, retriever) if picked else Answer(question, NOT_FOUND, False, 0.0)
    terms = _question_terms(question)
    ranked, q = _rank(question, terms, retriever, s, context) if terms or context else ([], None)
    if exclude:
        ranked = [r for r in ranked if r.sentence.id not in exclude]
    sure = round(confidence(ranked, q, retriever, s.reader), 4) if ranked else 0.0
    if not ranked or sure < s.min_confidence:
        return Answer(question, NOT_FOUND, False, sure)
    return _answer(question, _pick(ranked, s), sure, retriever, _short_of(question, q, retriever, s.aliases))


def _short_of(question: str, q: Question, retriever: Retriever,
              aliases: bool) -> Callable[[tuple[Citation, ...]], ShortAnswer | None]:
    """The short answer of an answer's citations (phrase.py), with offsets into the file."""
    def short(citations: tuple[Citation, ...]) -> ShortAnswer | None:
        first = citations[0]
        names = evidence.of(retriever).names(first.document).extra if aliases else None
        return _into_file(short_answer(question, first, q.weights.keys(), names, citations[1:]), first, retriever)
    return short


def _question_terms(question: str) -> list[str]:
    """``tokenize(question, MAX_TERMS)``: a question's words are analysed without entering the word
    cache, so that a long batch of questions keeps nothing per question (bench/batch_memory.py)."""
    return tokenize(question, MAX_TERMS)


def _into_file(short: ShortAnswer | None, first: Citation, retriever: Retriever) -> ShortAnswer | None:
    """The short answer with offsets into its document's file, as its citation has (a Markdown
    file's characters stand elsewhere than its plain text's)."""
    doc = retriever.corpus.document(first.document)
    if short is None or short.start is None or not doc.offsets:
        return short
    base = retriever.corpus.sentence(first.id).start - first.start  # plain offset minus file offset
    start, end = doc.source_span(short.start + base, short.end + base)
    return replace(short, start=start, end=end)
