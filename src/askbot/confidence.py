"""What the confidence is made of: one row of numbers a question (``confidence_features``), read by
a small learned network (``confidence_scores``, weights.CONFIDENCE).

The row looks at the best sentence and its passage: how much of the question they hold, what the
question has that they lack, negations, opposites and WordNet antonyms (signs of an edited,
unanswerable question), and what the article lacks in any form (intent.key_content).
"""

from __future__ import annotations

import math
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from .cues import OPPOSITES, opposed, plain_words
from .evidence import sentence_terms
from .features import NAMES, Question, article_bigram_share
from .intent import key_content
from .lazyre import CaselessRegex
from .related import opposites
from .retriever import Retriever
from .weights import CONFIDENCE

if TYPE_CHECKING:  # types only: answer imports this module
    from .answer import _Scored

CONFIDENCE_NAMES = ("coverage", "head_free_coverage", "best_probability", "best_score", "unseen_share",
                    "log_terms", "passage_coverage", "answer_type", "missing_max", "missing_capital",
                    "missing_number", "negation", "missing_count", "unseen_count", "sentence_missing",
                    "coverage_squared", "antonym_cue", *(f"best_{name}" for name in NAMES), "article_bigrams",
                    "max_coverage", "negated_prefix", "negation_wide", "negation_unmatched", "top3_coverage",
                    "has_number", "numbers_held", "score_entropy", "coverage_gap", "missing_min", "inserted",
                    "sentence_bigrams", "sentence_missing_max", "opposite_sentence", "opposite_passage",
                    "antonym_sentence", "antonym_passage", "unsupported", "absent_name", "intercept")
_CUES = CaselessRegex(r"\b(?:first|last|least|most|only|before|after|earliest|latest|largest|smallest|"
                       r"highest|lowest|longest|shortest|fewest|minimum|maximum|cannot|unable|fail\w*|lack\w*)\b")
_NEGATION = CaselessRegex(r"\b(?:not|never|no|none|nor|without|n't)\b|n't\b")
_NEGATION_WIDE = CaselessRegex(r"\b(?:not|never|no|none|nor|without|non|cannot)\b|n't\b")
_PREFIXES = ("non-", "non", "un", "in", "im", "ir", "il", "dis")
_HEAD_FREE, _PASSAGE_COVERAGE, _ANSWER_TYPE = (NAMES.index(n) for n in ("head_free_coverage", "passage_coverage",
                                                                         "answer_type"))


def _negated_prefix(missing: list[str], held: frozenset[str]) -> bool:
    """A question term the sentence lacks is one of its terms with a negating prefix, or the other way
    round: "unimportant" for "important", "non-official" for "official"."""
    return any((t.startswith(p) and len(t) - len(p) >= 3 and t[len(p):] in held) or p + t in held
               for t in missing for p in _PREFIXES)


def _antonym(q: Question, held: frozenset[str]) -> bool:
    """The text lacks a question term but holds a WordNet antonym of it that the question lacks
    ("decrease" for "increase"): SQuAD 2.0's writers made a fifth of their unanswerable questions so."""
    return _holds_antonym(_antonyms(q), held)


def _antonyms(q: Question, held: frozenset[str] = frozenset()) -> dict[str, frozenset[str]]:
    """Each question term not in ``held`` with WordNet antonyms that the question lacks, and those
    antonyms (a term every text looked at holds can mark none of them: no look-up)."""
    keys = q.weights.keys()
    return {t: found for t in keys if t not in held and (found := opposites(t)) and (found := found - keys)}


def _holds_antonym(antonyms: dict[str, frozenset[str]], held: frozenset[str]) -> bool:
    return any(t not in held and not found.isdisjoint(held) for t, found in antonyms.items())


def _inserted(q: Question, held: frozenset[str], terms: tuple[str, ...]) -> bool:
    """A run of question terms the sentence lacks sits between two held question
    terms that are side by side in the sentence (a word slipped into its phrase)."""
    seq: list[str] = []
    for t in q.terms:
        if t in q.weights and (not seq or seq[-1] != t):
            seq.append(t)
    if len(seq) < 3 or all(t in held for t in seq):  # no run lacking between two held terms
        return False
    return _slipped_in(seq, held, terms)


def _slipped_in(seq: list[str], held: frozenset[str], terms: tuple[str, ...]) -> bool:
    """``_inserted`` for the question's distinct terms in order (``seq``)."""
    places: dict[str, list[int]] = {}
    for i, t in enumerate(terms):
        places.setdefault(t, []).append(i)
    i = 0
    while i < len(seq):
        if seq[i] in held:
            i += 1
            continue
        j = i
        while j + 1 < len(seq) and seq[j + 1] not in held:
            j += 1
        if i > 0 and j + 1 < len(seq) and seq[i - 1] in places and seq[j + 1] in places:
            gaps = [b - a - 1 for a in places[seq[i - 1]] for b in places[seq[j + 1]] if b > a]
            if gaps and min(gaps) == 0:
                return True
        i = j + 1
    return False


@lru_cache(maxsize=1024)  # an article's best passages; a long batch of articles keeps few
def _passage_terms(text: str) -> frozenset[str]:
    """The distinct terms of a passage (cached: the best passages recur across questions)."""
    return frozenset(sentence_terms(text))


def confidence_features(ranked: list[_Scored], q: Question, retriever: Retriever) -> np.ndarray:
    """What the confidence is made of (columns: CONFIDENCE_NAMES; best_*: the best sentence's ranker features)."""
    best, weights = ranked[0], q.weights
    scores = np.array([r.score for r in ranked])
    p = np.exp(scores - scores.max())
    row = best.row.tolist()
    passage_text = retriever.corpus.passage(best.sentence.passage_id).text
    passage = _passage_terms(passage_text)
    unheld = [t for t in weights if t not in best.terms]
    missing = [t for t in unheld if t not in passage]
    top_weight = max(weights.values())
    held = frozenset(terms := sentence_terms(best.sentence.text))
    numbers = [t for t in weights if t[:1].isdigit()]
    coverages = sorted([r.coverage for r in ranked], reverse=True)
    share = p / (total := p.sum())
    negated = bool(_NEGATION_WIDE.search(q.text))
    asked = plain_words.__wrapped__(q.text)  # uncached: a batch of questions keeps nothing per question
    # a question without a word that has an opposite has no opposite in any text (no words of them looked up)
    opposite = (0.0, 0.0) if asked.isdisjoint(OPPOSITES) else (
        float(opposed(asked, plain_words(best.sentence.text))), float(opposed(asked, plain_words(passage_text))))
    antonyms = _antonyms(q, held & passage)
    idf, cues = retriever.idf, _CUES.findall(q.text)
    return np.array([
        best.coverage, row[_HEAD_FREE], 1.0 / total, best.score, q.unseen,
        math.log(len(weights)), row[_PASSAGE_COVERAGE], row[_ANSWER_TYPE],
        max((weights[t] for t in missing), default=0.0) / top_weight,
        float(any(t in q.capitals for t in missing)), float(any(t[:1].isdigit() for t in missing)),
        float(bool(_NEGATION.search(q.text))), len(missing) / len(weights),
        sum(idf(t) == 0.0 for t in weights) / len(weights),
        len(unheld) / len(weights), best.coverage**2,
        float(bool(cues) and _cue_missing(cues, best.sentence.text)),
        *row, article_bigram_share(q, retriever), coverages[0],
        float(_negated_prefix(unheld, held)), float(negated),
        float(negated and not _NEGATION_WIDE.search(best.sentence.text)),
        sum(r.coverage for r in ranked[:3]) / min(3, len(ranked)),
        float(bool(numbers)), float(all(t in best.terms for t in numbers)),
        float(-(share * np.log(share + 1e-12)).sum()), coverages[0] - (coverages[1] if len(coverages) > 1 else 0.0),
        min((weights[t] for t in unheld), default=0.0) / top_weight, float(_inserted(q, best.terms, terms)),
        len(q.bigrams & set(pairwise(terms))) / len(q.bigrams) if q.bigrams else 1.0,
        max((weights[t] for t in unheld), default=0.0) / top_weight,
        *opposite,
        float(_holds_antonym(antonyms, held)), float(_holds_antonym(antonyms, passage)),
        *key_content(q, retriever), 1.0,
    ])


def _cue_missing(cues: list[str], text: str) -> bool:
    """Whether the text lacks one of the question's cue words ("first", "only", "unable": _CUES)."""
    lowered = text.lower()
    return any(w.lower() not in lowered for w in cues)


def confidence_scores(rows: np.ndarray) -> np.ndarray:
    """The learned confidence: the mean logit of a few one-hidden-layer ReLU
    networks over standardised features (weights.CONFIDENCE), squashed to (0, 1)."""
    c = CONFIDENCE_ARRAYS
    hidden = np.maximum((rows - c["mean"]) / c["scale"] @ c["hidden"] + c["bias"], 0.0)
    z = np.minimum(np.maximum(hidden @ c["out"] + c["out_bias"], -50.0), 50.0)  # np.clip, without its dispatch
    return 1.0 / (1.0 + np.exp(-z))


CONFIDENCE_ARRAYS = {key: np.array(value, dtype=float) for key, value in CONFIDENCE.items()}
