"""Whether a sentence holds the kind of answer a question asks for, beyond the question's own words.

A who-question wants a person or group the question does not name (a capitalised run of the
sentence), where a place ("in Osaka"), when a time, how many/much a number, how long a duration.
What a sentence holds is found once a sentence (the same sentences are candidates question after
question); ``holds_kind`` weighs it against each question's words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import chain

from .aliases import Names
from .analysis import fragment_terms as terms_of
from .lazyre import CaselessRegex, LazyRegex
from .places import country_of

_RUN = LazyRegex(r"(?=[A-Z])(?<![\w'’.-])(?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*")
_PLACE = LazyRegex(r"\b(?:in|at|near|from|outside|inside)\s+(?:the\s+)?[A-Z]")
# case-blind (CaselessRegex): an ASCII sentence is searched lowered, without re.I, twice as fast
_TIME = CaselessRegex(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                   r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?\s*\d|\b(?:1[0-9]|20)\d\d\b|\b(?:monday|tuesday|"
                   r"wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow)\b|\b(?:last|next|this)\s+"
                   r"(?:week|month|year|spring|summer|autumn|fall|winter)\b")
_NUMBER = CaselessRegex(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                     r"fifty|hundred|thousand|million|billion|dozen|half|once|twice)\b")
_DURATION = CaselessRegex(rf"(?:{_NUMBER.source})[\w-]*[\s-]+(?:\w+[\s-]+)?(?:second|minute|hour|day|week|month|year|"
                       r"decade|century|centuries)s?\b|\bfor\s+(?:years|months|decades|weeks|days|hours)\b")
# every match of _TIME holds one of these (a digit, a day's name, a season or a span of time), every match of
# _DURATION one of the units: lowered text holding none is not searched (a search costs ~15 us a sentence)
_TIME_KEYS = (*"0123456789", "day", "tomorrow", "week", "month", "year", "spring", "summer", "autumn", "fall",
              "winter")
_DURATION_KEYS = ("second", "minute", "hour", "day", "week", "month", "year", "decade", "centur")
WORDS = LazyRegex(r"[\w'’.-]+")
SHORT_FORM = 0.8  # a who-answer named by a shorter form of its full name counts this much
NEAR = 8  # words either side of an answer within which the question's words should stand


# A capitalised run of a sentence, whatever the question, kept per sentence (the same sentences are
# candidates question after question) as a plain tuple, which the garbage collector stops tracking
# (a NamedTuple it tracks for good): its distinct terms and those of the full names it stands for, the
# distinct terms of the NEAR words either side of it, and its weight for who (half for a country,
# SHORT_FORM for a short form of a full name).
_Run = tuple[tuple[str, ...], tuple[str, ...], float]


def _runs(sentence: str, names: Names, first: bool = False) -> list[tuple[re.Match, frozenset[str], frozenset[str]]]:
    """Capitalised runs of the text (its first word only with ``first``) that hold terms, with their own
    terms, and those with the terms of the full names they stand for."""
    out = []
    for m in _RUN.finditer(sentence):
        if m.start() == 0 and not first:
            continue
        terms = frozenset(terms_of(m.group()))
        if terms:
            out.append((m, terms, terms | names.extra(m.group())))
    return out


class _Words:
    """A sentence's words (``WORDS``): where each starts and ends, and their terms, found on first need."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in WORDS.finditer(sentence):  # no span tuples: fewer objects for the garbage collector to count
            self.starts.append(m.start())
            self.ends.append(m.end())
        self._terms: list[tuple[str, ...] | None] = [None] * len(self.starts)

    def terms(self, first: int, last: int) -> list[tuple[str, ...]]:
        """The terms of words ``first`` to ``last`` (not included), each a tuple."""
        found = self._terms
        for i in range(first, last):
            if found[i] is None:
                found[i] = terms_of(self.sentence[self.starts[i]:self.ends[i]])
        return found[first:last]


def _near_terms(sentence: str, m: re.Match, words: _Words | None = None) -> frozenset[str]:
    """The terms of the NEAR words either side of the match (within 200 characters): the answer to
    "who did Putin meet" stands next to "Putin ... met", not a clause away. ``words``: the sentence's,
    made once for all its matches; a word the 200 characters cut counts as cut (only a window's first
    or last word can be: words do not overlap)."""
    words = words or _Words(sentence)
    starts, ends = words.starts, words.ends
    parts: list[tuple[str, ...]] = []
    for lo, hi, first, last in _windows(starts, ends, m.start(), m.end()):
        if first < last and starts[first] < lo:
            parts.append(terms_of(sentence[lo:min(ends[first], hi)]))
            first += 1
        if first < last and ends[last - 1] > hi:
            parts.append(terms_of(sentence[max(starts[last - 1], lo):hi]))
            last -= 1
        parts += words.terms(first, last)
    return frozenset(chain.from_iterable(parts))


def _windows(starts: list[int], ends: list[int], start: int, end: int) -> tuple[tuple[int, int, int, int], ...]:
    """(lo, hi, first, last): the last NEAR words overlapping the 200 characters before ``start``,
    and the first NEAR overlapping the 200 after ``end`` (as a word pattern finds them in those cuts)."""
    lo, hi = max(0, start - 200), end + 200
    before = bisect_left(starts, start)  # words starting before ``start``; those ending after ``lo`` overlap
    after = bisect_right(ends, end)  # words ending after ``end``; those starting before ``hi`` overlap
    return ((lo, start, max(bisect_right(ends, lo), before - NEAR), before),
            (end, hi, after, min(bisect_left(starts, hi), after + NEAR)))


def _short_form(terms: frozenset[str], names: Names) -> float:
    """SHORT_FORM for a mention (its ``terms``, not empty) that is a shorter form of one of the article's
    full names ("Jong Un" of "Kim Jong Un"), else 1.0: a who-question is answered best where the person
    is named in full."""
    name = names.owner(terms)
    return SHORT_FORM if name is not None and not name <= terms else 1.0


@lru_cache(maxsize=65536)
def _who_runs(sentence: str, names: Names) -> tuple[_Run, ...]:
    runs = _runs(sentence, names)
    words = _Words(sentence) if runs else None
    return tuple((tuple(terms), tuple(_near_terms(sentence, m, words)),
                  0.5 if country_of(m.group().removesuffix("'s").removesuffix("’s")) else
                  _short_form(own, names)) for m, own, terms in runs)


@lru_cache(maxsize=65536)
def _where_places(sentence: str, names: Names) -> tuple[tuple[tuple[tuple[str, ...], ...], tuple[str, ...]], ...]:
    """Each place phrase ("in Osaka"): the distinct terms of the runs from its capital on, and its near
    terms (tuples, as a run's)."""
    places = list(_PLACE.finditer(sentence))
    words = _Words(sentence) if places else None
    return tuple((tuple(tuple(terms) for _, _, terms in _runs(sentence[p.end() - 1:], names, True)),
                  tuple(_near_terms(sentence, p, words))) for p in places)


@lru_cache(maxsize=65536)
def _kind_terms(kind: str, how_long: bool, sentence: str) -> tuple[tuple[str, ...], ...]:
    """The terms of each time (``when``), duration (``how_long``) or number of the sentence, a tuple each."""
    pattern, keys = ((_TIME, _TIME_KEYS) if kind == "when" else (_DURATION, _DURATION_KEYS) if how_long
                     else (_NUMBER, ()))
    if keys and sentence.isascii() and not any(k in sentence.lower() for k in keys):
        return ()
    return tuple(terms_of(sentence[m.start():m.end()]) for m in pattern.finditer(sentence))


def holds_kind(kind: str | None, how_long: bool, sentence: str, asked: set[str], names: Names) -> float:
    """How well the sentence holds the kind of answer asked for, beyond the question's own words: 1.0 for
    one next to the question's words, 0.5 for one further away (for who, a country only counts half, a
    short form of a full name SHORT_FORM)."""
    return holds_kinds(kind, how_long, [sentence], asked, [names])[0]


def holds_kinds(kind: str | None, how_long: bool, sentences: list[str], asked: set[str],
                names: list[Names]) -> list[float]:
    """``holds_kind`` of each sentence (with its article's names), the kind's test picked once for all."""
    if kind == "who":
        return [max(((0.5 if asked.isdisjoint(near) else 1.0) * weight for terms, near, weight in runs
                     if asked.isdisjoint(terms)), default=0.0) if (runs := _who_runs(s, nm)) else 0.0
                for s, nm in zip(sentences, names)]
    if kind == "where":
        return [max((0.5 if asked.isdisjoint(near) else 1.0 for runs, near in places
                     if any(asked.isdisjoint(terms) for terms in runs)), default=0.0)
                if (places := _where_places(s, nm)) else 0.0 for s, nm in zip(sentences, names)]
    if kind in ("when", "number"):  # no distance: news gives the date first ("On March 4, ...")
        return [float(any(not asked.issuperset(terms) for terms in found))
                if (found := _kind_terms(kind, how_long, s)) else 0.0 for s in sentences]
    return [0.0] * len(sentences)
