"""The short answer: the phrase of the first cited sentence that answers the question.

Every span of up to ``MAX_WORDS`` words of the sentence is a candidate, with
its row of numbers (spans.py): what its words are, where it stands against the
question's words (an answer stands next to them but is not one of them), and
how its edges look. The question's kind (``kind``: when, number, where, who,
...) picks one linear scorer of ``phrase_weights.PHRASE`` (learned by
bench/train_phrase.py on the clean tune articles). The best span is the phrase
when the scorer gives it at least ``MIN_PROBABILITY`` of the sentence's mass;
otherwise there is none. A "what did X say" question gets the sentence's
quotation whole. Yes/no questions get "Yes", "No" or "Unclear" (yesno.py), and so does a
question whose cited sentence says its answer is not known ("It's unclear when ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

import numpy as np

from . import actors, clauses, spanscore
from .cues import answer_type, wh_word
from .lazyre import LazyRegex
from .phrase_weights import MIN_PROBABILITY, PHRASE
from .spans import MAX_WORDS, _named, sentence_tokens, split, terms_of
from .yesno import held, is_yes_no, left_open, yes_no

__all__ = ["KINDS", "MAX_WORDS", "ShortAnswer", "best_span", "head_terms", "is_yes_no", "kind", "quotation",
           "short_answer", "yes_no"]
KINDS = ("when", "number", "where", "who", "what", "which", "why", "how", "do", "other")


@dataclass(frozen=True)
class ShortAnswer:
    """The phrase that answers: its text, the citation (sentence id) it is taken
    from, and its offsets into that sentence's document (None for a yes/no word
    or "Unclear")."""

    text: str
    citation: int
    start: int | None = None
    end: int | None = None




_HEAD = LazyRegex(r"\b(?:what|which|how many|how much)\s+(?:kind of\s+|type of\s+|sort of\s+)?([^\W\d_]+)", re.I)


def head_terms(question: str) -> frozenset[str]:
    """The terms of the thing a "what X" / "which X" / "how many X" question names."""
    m = _HEAD.search(question)
    return terms_of(m.group(1)) if m else frozenset()


_DO = LazyRegex(r"\bwhat\b.*\b(?:do|does|did|doing|done|happen|happens|happened)\W*$", re.I)
_SAY = LazyRegex(r"\bwhat\b.*\b(?:say|says|said|tell|tells|told|state|states|stated|declare[sd]?|announce[sd]?|"
                  r"claim(?:s|ed)?|write|writes|wrote|call|calls|called|describe[sd]?)\b", re.I)
_QUOTE = LazyRegex(r"[“\"]([^”\"]{8,})[”\"]")


def kind(question: str) -> str:
    """One of ``KINDS``: what the question asks for ("do": what someone did or what happened)."""
    found = answer_type(question)
    if found:
        return found
    wh = wh_word(question)
    if wh == "what" and _DO.search(question):
        return "do"
    return wh if wh in ("what", "which", "why", "how") else "other"


def quotation(question: str, text: str) -> tuple[int, int] | None:
    """For "what did X say" questions: the offsets of the quotation in ``text`` (its closing comma
    or point left out)."""
    if "“" not in text and '"' not in text:
        return None  # no quotation mark: no quotation (and no need to read the question's long pattern)
    m = _QUOTE.search(text) if _SAY.search(question) else None
    if m is None:
        return None
    inner = m.group(1).rstrip(",.;: ")
    return m.start(1), m.start(1) + len(inner)


_ABBREVIATION = LazyRegex(r"(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Lt|Col|Capt|Prof|Inc|"
                           r"Co|Corp|Ltd|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
_DEGREE = frozenset("very only just".split())
_WEIGHTS = {k: np.array(v, dtype=float) for k, v in PHRASE.items()}
_BLOCK_WEIGHTS = {k: split(w) for k, w in _WEIGHTS.items()}


def rule_span(question: str, text: str, head: Collection[str], asked: Collection[str]) -> tuple[int, int, str] | None:
    """(first, last, rule) of the token range the question's shape points at (clauses.py, actors.py), or None."""
    for name, find in (("definition", clauses.definition), ("object", clauses.object_of_verb), ("who", actors.who),
                       ("which", clauses.which_head), ("why", clauses.reason),
                       ("count", clauses.count_unit)):
        found = find(question, text, head, asked)
        if found:
            return found if len(found) == 3 else (*found, name)
    return None


def best_span(question: str, text: str, asked: Collection[str],
              aliases: Callable[[str], frozenset[str]] | None = None) -> tuple[int, int] | None:
    """Character offsets into ``text`` of its phrase that answers ``question``, or None when no span
    is likely enough."""
    quoted = quotation(question, text)
    if quoted:
        return quoted
    places, words, _ = sentence_tokens(text)
    if not spanscore.any_span(words):
        return None
    head = head_terms(question)
    ruled = rule_span(question, text, head, asked)
    if ruled and ruled[2] != "who-clause":  # a clause after "by" runs on past the name: the scorer picks in it
        return _offsets(text, places[ruled[0]][0], places[ruled[1]][1])
    found = spanscore.table(text)
    first, last = found.first, found.last
    marks = spanscore.marked(found, asked)
    if aliases is not None:
        marks = sorted({*marks, *(n for n, named in enumerate(_named(found.words, asked, aliases)) if named)})
    wanted = kind(question)
    scores, only = spanscore.scores(found, marks, spanscore.marked(found, head), _BLOCK_WEIGHTS[wanted])
    scores[only] = -np.inf  # the question's own words answer nothing
    if ruled:
        scores[(first < ruled[0]) | (last > ruled[1])] = -np.inf
    top = np.maximum.reduce(scores)  # ndarray.max and .sum less their Python wrappers (numpy's _methods)
    if top == -np.inf:  # every span masked (the scores are finite otherwise)
        return None
    p = np.exp(scores - top)
    best = int(p.argmax())
    if p[best] / np.add.reduce(p) < MIN_PROBABILITY:
        return None
    start, end, tokens = first[best], last[best], found.words
    if wanted == "number" and start > 0 and tokens[start - 1].lower() in _DEGREE:
        start -= 1  # "very few", "only two": the degree belongs to the number
    if wanted == "when":
        start, end = _whole_date(tokens, start, end)
    return _offsets(text, places[start][0], places[end][1])


_MONTHS = frozenset("""jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june
july august september october november december""".split())


def _whole_date(tokens: list[str], start: int, end: int) -> tuple[int, int]:
    """A date's span with its month and day together: "Sept." grows to "Sept. 13", "13" to "Sept. 13"."""
    def month_before(i: int) -> int | None:  # the month's index just before token i ("Sept" "." or "May")
        j = i - 2 if i >= 2 and tokens[i - 1] == "." else i - 1
        return j if j >= 0 and tokens[j].lower() in _MONTHS else None

    def day_after(i: int) -> int | None:
        j = i + 2 if i + 2 < len(tokens) and tokens[i + 1] == "." else i + 1
        return j if j < len(tokens) and tokens[j].isdigit() and len(tokens[j]) <= 2 else None

    if tokens[end].lower() in _MONTHS:
        end = day_after(end) or end
    if tokens[start].isdigit() and len(tokens[start]) <= 2:
        found = month_before(start)
        start = start if found is None else found
    return start, end


def _offsets(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end), an abbreviation's point kept ("U.S." and "Sept.", not a sentence's last point)."""
    if end + 1 < len(text) and text[end] == "." and _ABBREVIATION.fullmatch(text[start:end].split()[-1]):
        end += 1
    if text[start:end].endswith(("’s", "'s")) and end - start > 2:
        end -= 2  # "Russia’s": the owner answers, not the possessive
    return start, end


def short_answer(question: str, citation, asked: Collection[str],
                 aliases: Callable[[str], frozenset[str]] | None = None, others=()) -> ShortAnswer | None:
    """The short answer from ``citation`` (a sentence with ``id``, ``text``, ``start``): a yes/no
    word, a phrase, or None. A yes/no word is read from the cited sentence (``citation`` or one of
    ``others``) whose clause about the question holds most of its words. ``aliases`` (the terms a name
    stands for, aliases.Names.extra) is not read: the scorer was fitted on the question's own words, and
    names marked through aliases cost it (docs/quality.md)."""
    if is_yes_no(question) and " or " not in question.lower():
        read = max((citation, *others), key=lambda c: held(c.text, asked))  # the first of equals
        return ShortAnswer(yes_no(question, read.text, asked), read.id)
    if left_open(question, citation.text, asked):  # "It's unclear when ...": the answer is that nobody knows
        return ShortAnswer("Unclear", citation.id)
    found = best_span(question, citation.text, asked)
    if found is None:
        return None
    start, end = found
    return ShortAnswer(citation.text[start:end], citation.id, citation.start + start, citation.start + end)
