"""Yes/no questions ("did ...", "is ...") and the word that answers them: "Yes", "No" or "Unclear",
read from the clause of the cited sentence that holds most of the question's words."""

from __future__ import annotations

import re
from collections.abc import Collection

from .lazyre import LazyRegex
from .spans import terms_of

_AUX = frozenset("""am is are was were do does did have has had can could will would shall should may might
must isn't aren't wasn't weren't don't doesn't didn't haven't hasn't hadn't can't couldn't won't wouldn't
shouldn't""".split())


def is_yes_no(question: str) -> bool:
    """Whether the question starts with an auxiliary verb ("did", "is", "could", ...)."""
    first = question.strip().split(maxsplit=1)
    return bool(first) and first[0].lower().replace("’", "'").strip("\"'(") in _AUX


_CLAUSE = LazyRegex(r"\s*(?:[,;:—–]|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bespecially\b)\s*", re.I)
_HEDGE = LazyRegex(r"\b(?:unclear|uncertain|unknown|unsure|may|might|perhaps|possibly|maybe|whether|undecided|"
                    r"not (?:yet )?(?:clear|known|certain|sure|decided))\b", re.I)
_NEGATE = LazyRegex(r"\b(?:not|no|never|none|nor|neither|nobody|nothing|without|cannot|fail\w*|refus\w*|"
                     r"den(?:y|ied|ies)|reject\w*|unable|lack\w*|rather than|instead of)\b|n't\b", re.I)


def _clause(sentence: str, asked: Collection[str]) -> str:
    """The clause of ``sentence`` that holds the most question terms (the first of equals)."""
    parts = [p for p in _CLAUSE.split(sentence) if p.strip()]
    return max(parts, key=lambda p: len(terms_of(p) & frozenset(asked)), default=sentence)


def held(sentence: str, asked: Collection[str]) -> int:
    """How many question terms the sentence's clause about the question holds (to pick the sentence a
    yes/no answer is read from among the cited ones). "Is it known / clear / certain ..." asks about what
    follows: those words do not count."""
    asked = frozenset(asked) - _KNOWN
    return len(terms_of(_clause(sentence, asked)) & asked)


_KNOWN = terms_of("known clear certain sure confirmed")


_LETTERS = LazyRegex(r"[a-z']+")


def _cues(pattern: LazyRegex, clause: str, question: str) -> list[re.Match]:
    """Matches of ``pattern`` in the clause that the question does not hold itself ("could" asked, "could" read)."""
    asked_words = set(_LETTERS.findall(question.lower().replace("’", "'")))
    asked_terms = terms_of(question)
    return [m for m in pattern.finditer(clause)
            if m.group().lower() not in asked_words and not (terms_of(m.group()) & asked_terms)]


_ALL = LazyRegex(r"\b(?:both|all|every|each|always)\b", re.I)
_ONLY = LazyRegex(r"\bonly\b", re.I)


def yes_no(question: str, sentence: str, asked: Collection[str]) -> str:
    """"Yes", "No" or "Unclear": whether the clause of ``sentence`` that the question is about affirms,
    negates or hedges (cue words the question itself uses do not count). A hedge counts when a question
    word follows it in the clause ("possibly people" hedges people, not the satellites before it); "only"
    denies a question about "both" or "all"."""
    clause = _clause(sentence, asked)
    terms = frozenset(asked)
    if any(terms_of(clause[m.end():]) & terms for m in _cues(_HEDGE, clause, question)):
        return "Unclear"
    if _ALL.search(question) and _ONLY.search(clause) and not _ONLY.search(question):
        return "No"
    for m in _cues(_NEGATE, clause, question):
        after = terms_of(clause[m.end():]) & frozenset(asked)
        if not m.group().lower().startswith(("rather", "instead")) or after:
            return "No"  # "X rather than Y" denies Y only
    return "Yes"



_OPEN = LazyRegex(r"\b(?:unclear|uncertain|unknown|unsure|not (?:yet )?(?:clear|known|certain|sure))\s+"
                  r"((?:when|where|who|why|what|which|how much|how many|how long|how)\b.*)", re.I)
_OPEN_WH = LazyRegex(r"(?:^|\b(?:or|and)\s+)(when|where|who|why|what|which|how much|how many|how long|how)\b", re.I)
_ASKED_WH = LazyRegex(r"\b(when|where|who|why|what|which|how much|how many|how long|how)\b", re.I)


def left_open(question: str, sentence: str, asked: Collection[str]) -> bool:
    """Whether ``sentence`` says that what ``question`` asks is not known: "It's unclear when the
    shells will arrive or how much North Korea has" leaves open "when will the shells arrive" and "how
    much can North Korea give". The hedge must be followed by the question's own wh-word (alone or
    joined by "or"/"and") and the hedged clause must hold one of the question's terms."""
    found, wh = _OPEN.search(sentence), _ASKED_WH.search(question)
    if found is None or wh is None:
        return False
    rest = found.group(1)
    words = {w.lower() for w in _OPEN_WH.findall(rest)}
    return wh.group(1).lower() in words and bool(terms_of(rest) & frozenset(asked))
