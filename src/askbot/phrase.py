"""The short answer: the phrase of the first cited sentence that answers the question.

Every span of up to ``MAX_WORDS`` words of the sentence is a candidate. Its
row of numbers (``span_rows``) says what its words are (capitals, digits,
months, function words), where it stands against the question's words (an
answer stands next to them but is not one of them), and how its edges look.
The question's kind (``kind``: when, number, where, who, ...) picks one
linear scorer of ``phrase_weights.PHRASE`` (learned by bench/train_phrase.py
on the clean tune articles). The best span is the phrase when the scorer
gives it at least ``MIN_PROBABILITY`` of the sentence's mass; otherwise none.

Yes/no questions ("did ...", "is ...") get "Yes", "No" or "Unclear" instead
(``yes_no``), read from the clause of the sentence that holds most of the
question's words.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .analysis import STOPWORDS, tokenize
from .cues import answer_type, wh_word
from .phrase_weights import KINDS, MIN_PROBABILITY, PHRASE

MAX_WORDS = 10  # SQuAD: 97% of answers are at most 10 words


@dataclass(frozen=True)
class ShortAnswer:
    """The phrase that answers: its text, the citation (sentence id) it is taken
    from, and its offsets into that sentence's document (None for a yes/no word)."""

    text: str
    citation: int
    start: int | None = None
    end: int | None = None


# --- the question's kind --------------------------------------------------------------------------

_AUX = frozenset("""am is are was were do does did have has had can could will would shall should may might
must isn't aren't wasn't weren't don't doesn't didn't haven't hasn't hadn't can't couldn't won't wouldn't
shouldn't""".split())


def is_yes_no(question: str) -> bool:
    """Whether the question starts with an auxiliary verb ("did", "is", "could", ...)."""
    first = question.strip().split(maxsplit=1)
    return bool(first) and first[0].lower().replace("’", "'").strip("\"'(") in _AUX


_HEAD = re.compile(r"\b(?:what|which|how many|how much)\s+(?:kind of\s+|type of\s+|sort of\s+)?([^\W\d_]+)", re.I)


def head_terms(question: str) -> frozenset[str]:
    """The terms of the thing a "what X" / "which X" / "how many X" question names."""
    m = _HEAD.search(question)
    return frozenset(tokenize(m.group(1))) if m else frozenset()


def kind(question: str) -> str:
    """One of ``KINDS``: what the question asks for."""
    found = answer_type(question)
    if found:
        return found
    wh = wh_word(question)
    return wh if wh in ("what", "which", "why", "how") else "other"


# --- tokens and their classes ---------------------------------------------------------------------

_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W_]+(?:['’.\-][^\W_]+)*|[^\w\s]")
_MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split())
_NUMBERS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty
thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen half
several once twice first second third""".split())
_PREPS = frozenset("""in on at by from to of for with during since after before until between into through
about against among across within without under over near via per than as""".split())
_DETS = frozenset("a an the this that these those its their his her our my your some any each every".split())
_CONJ = frozenset("and or but while although though which who whom whose that where when because if".split())
_VERBS = frozenset("""is are was were be been being has have had do does did will would can could may might
shall should must""".split())
_UNITS = frozenset("% $ £ € percent per cent km miles meters metres feet years days hours minutes".split())
_PAUSES = frozenset(",;:()[]\"“”—–-")
FLAGS = ("cap", "digit", "number", "month", "year", "stop", "punct", "asked", "prep", "det", "conj", "verb",
         "pause", "unit", "content", "head", "ed", "ing", "ly")


@lru_cache(maxsize=65536)
def _flags(word: str, first: bool) -> tuple[float, ...]:
    """The classes of one word, its index terms aside (cached: words recur)."""
    low = word.lower()
    alpha = word[:1].isalpha()
    return (float(alpha and word[:1].isupper() and not first), float(any(c.isdigit() for c in word)),
            float(low in _NUMBERS), float(low.rstrip(".") in _MONTHS),
            float(len(word) == 4 and word.isdigit() and word[:2] in ("15", "16", "17", "18", "19", "20")),
            float(low in STOPWORDS), float(not word[:1].isalnum()), 0.0, float(low in _PREPS),
            float(low in _DETS), float(low in _CONJ), float(low in _VERBS), float(word in _PAUSES),
            float(low in _UNITS), float(alpha and low not in STOPWORDS), 0.0,
            float(alpha and low.endswith("ed")), float(alpha and low.endswith("ing")), float(alpha and low.endswith("ly")))


@lru_cache(maxsize=65536)
def _terms(word: str) -> frozenset[str]:
    return frozenset(tokenize(word))


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word or mark of ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


def token_flags(text: str, spans: list[tuple[int, int]], asked: Collection[str],
                head: Collection[str]) -> np.ndarray:
    """One row of ``FLAGS`` a token; "asked": the token holds a question term, "head": the question's "what X" word."""
    rows = np.zeros((len(spans) + 2, len(FLAGS)))  # a blank row before and after: a span's outside neighbours
    for n, (s, e) in enumerate(spans):
        word = text[s:e]
        rows[n + 1] = _flags(word, n == 0)
        terms = _terms(word) if word[:1].isalnum() else frozenset()
        rows[n + 1, 7] = float(bool(terms & asked))
        rows[n + 1, 15] = float(bool(terms & head))
    return rows


# --- spans and their rows -------------------------------------------------------------------------

_F = {name: n for n, name in enumerate(FLAGS)}
_SHARES = [_F[n] for n in ("cap", "digit", "number", "month", "year", "stop", "asked", "prep", "det", "verb",
                           "content", "head", "ed", "ing", "ly")]
_ANY = [_F[n] for n in ("cap", "digit", "number", "month", "year", "asked", "pause", "verb", "conj", "head", "unit")]
_FIRST = [_F[n] for n in ("cap", "stop", "prep", "det", "conj", "verb", "asked", "digit", "content", "ing", "ed",
                          "number", "month")]
_LAST = [_F[n] for n in ("cap", "stop", "prep", "det", "conj", "verb", "asked", "digit", "content", "unit", "number",
                         "ed", "ing", "ly", "month", "year")]
_OUTSIDE = [_F[n] for n in ("cap", "stop", "prep", "det", "conj", "verb", "asked", "pause", "digit", "content",
                            "punct", "head", "unit", "number", "month")]
_OPENERS, _CLOSERS = frozenset("$£€"), frozenset("%")
WINDOW = 5  # words each side of a span in which question words count


def spans(text: str, places: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ranges (first, last) of the candidate spans: up to MAX_WORDS words, no mark at an edge."""
    opens = [text[s:e][:1].isalnum() or text[s:e] in _OPENERS for s, e in places]
    closes = [text[s:e][:1].isalnum() or text[s:e] in _CLOSERS for s, e in places]
    first, last = [], []
    for i in range(len(places)):
        if opens[i]:
            for j in range(i, min(i + MAX_WORDS, len(places))):
                if closes[j]:
                    first.append(i)
                    last.append(j)
    return np.array(first, dtype=np.intp), np.array(last, dtype=np.intp)


def _nearest(asked_at: np.ndarray, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """1 / the distance (in words) from each span to the nearest question word left of it, and right of it (0: none)."""
    if not len(asked_at):
        return np.zeros(len(first)), np.zeros(len(first))
    left = np.searchsorted(asked_at, first) - 1
    right = np.searchsorted(asked_at, last, side="right")
    inv_left = np.where(left >= 0, 1.0 / np.maximum(first - asked_at[np.maximum(left, 0)], 1), 0.0)
    ahead = np.minimum(right, len(asked_at) - 1)
    inv_right = np.where(right < len(asked_at), 1.0 / np.maximum(asked_at[ahead] - last, 1), 0.0)
    return inv_left, inv_right


def span_rows(flags: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """One row of numbers a span (``flags``: token_flags, padded by a blank row each side)."""
    words = len(flags) - 2
    sums = np.vstack([np.zeros(flags.shape[1]), np.cumsum(flags[1:-1], axis=0)])
    inside = sums[last + 1] - sums[first]
    n = (last - first + 1).astype(float)
    asked = flags[1:-1, _F["asked"]]
    asked_at = np.flatnonzero(asked)
    cum = sums[:, _F["asked"]]
    inv_left, inv_right = _nearest(asked_at, first, last)
    total = max(len(asked_at), 1)
    near_left = (cum[first] - cum[np.maximum(first - WINDOW, 0)]) / total
    near_right = (cum[np.minimum(last + 1 + WINDOW, words)] - cum[last + 1]) / total
    lengths = np.stack([n == 1, n == 2, n == 3, n == 4, (n >= 5) & (n <= 6), n >= 7], axis=1)
    content = inside[:, _F["content"]]
    return np.hstack([
        lengths, inside[:, _SHARES] / n[:, None], inside[:, _ANY] > 0,
        flags[first + 1][:, _FIRST], flags[last + 1][:, _LAST], flags[first][:, _OUTSIDE], flags[last + 2][:, _OUTSIDE],
        np.stack([first == 0, last == words - 1, inv_left, inv_right, np.maximum(inv_left, inv_right),
                  near_left, near_right, np.full(len(n), float(len(asked_at) > 0)),
                  inside[:, _F["asked"]] / np.maximum(content, 1.0), (content > 0) & (inside[:, _F["asked"]] >= content),
                  first / max(words, 1), n / max(words, 1), np.log(n)], axis=1),
    ]).astype(float)


ROW_WIDTH = 6 + len(_SHARES) + len(_ANY) + len(_FIRST) + len(_LAST) + 2 * len(_OUTSIDE) + 13


def candidates(question: str, text: str, asked: Collection[str], head: Collection[str]):
    """(token places, first, last, rows) of the candidate spans of ``text``."""
    places = tokens(text)
    first, last = spans(text, places)
    if not len(first):
        return places, first, last, np.zeros((0, ROW_WIDTH))
    return places, first, last, span_rows(token_flags(text, places, asked, head), first, last)


_ABBREVIATION = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Capt|Prof|Inc|"
                           r"Co|Corp|Ltd|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
_WEIGHTS = {k: np.array(v, dtype=float) for k, v in PHRASE.items()}


def best_span(question: str, text: str, asked: Collection[str]) -> tuple[int, int] | None:
    """Character offsets into ``text`` of its phrase that answers ``question``, or None when no span is likely enough."""
    places, first, last, rows = candidates(question, text, asked, head_terms(question))
    if not len(rows):
        return None
    scores = rows @ _WEIGHTS[kind(question)]
    p = np.exp(scores - scores.max())
    best = int(np.argmax(p))
    if p[best] / p.sum() < MIN_PROBABILITY:
        return None
    start, end = places[first[best]][0], places[last[best]][1]
    if end + 1 < len(text) and text[end] == "." and _ABBREVIATION.fullmatch(text[start:end].split()[-1]):
        end += 1  # "U.S." and "Sept." keep their point (not a sentence's last)
    return start, end


# --- yes or no ------------------------------------------------------------------------------------

_CLAUSE = re.compile(r"\s*(?:[,;:—–]|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bespecially\b)\s*", re.I)
_HEDGE = re.compile(r"\b(?:unclear|uncertain|unknown|unsure|may|might|perhaps|possibly|maybe|whether|undecided|"
                    r"not (?:yet )?(?:clear|known|certain|sure|decided))\b", re.I)
_NEGATE = re.compile(r"\b(?:not|no|never|none|nor|neither|nobody|nothing|without|cannot|fail\w*|refus\w*|"
                     r"den(?:y|ied|ies)|reject\w*|unable|lack\w*|rather than|instead of)\b|n't\b", re.I)


def _clause(sentence: str, asked: Collection[str]) -> str:
    """The clause of ``sentence`` that holds the most question terms (the first of equals)."""
    parts = [p for p in _CLAUSE.split(sentence) if p.strip()]
    return max(parts, key=lambda p: len(frozenset(tokenize(p)) & frozenset(asked)), default=sentence)


def _cues(pattern: re.Pattern, clause: str, question: str) -> list[re.Match]:
    """Matches of ``pattern`` in the clause that the question does not hold itself ("could" asked, "could" read)."""
    asked_words = set(re.findall(r"[a-z']+", question.lower().replace("’", "'")))
    asked_terms = frozenset(tokenize(question))
    return [m for m in pattern.finditer(clause)
            if m.group().lower() not in asked_words and not (frozenset(tokenize(m.group())) & asked_terms)]


def yes_no(question: str, sentence: str, asked: Collection[str]) -> str:
    """"Yes", "No" or "Unclear": whether the clause of ``sentence`` that the question is about affirms,
    negates or hedges (cue words the question itself uses do not count)."""
    clause = _clause(sentence, asked)
    if _cues(_HEDGE, clause, question):
        return "Unclear"
    for m in _cues(_NEGATE, clause, question):
        after = frozenset(tokenize(clause[m.end():])) & frozenset(asked)
        if not m.group().lower().startswith(("rather", "instead")) or after:
            return "No"  # "X rather than Y" denies Y only
    return "Yes"


def short_answer(question: str, citation, asked: Collection[str]) -> ShortAnswer | None:
    """The short answer from ``citation`` (a sentence with ``id``, ``text``, ``start``): a yes/no word, a phrase, or None."""
    if is_yes_no(question) and " or " not in question.lower():
        return ShortAnswer(yes_no(question, citation.text, asked), citation.id)
    found = best_span(question, citation.text, asked)
    if found is None:
        return None
    start, end = found
    return ShortAnswer(citation.text[start:end], citation.id, citation.start + start, citation.start + end)
