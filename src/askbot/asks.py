"""What a reader's question asks for, read from its wording, and whether a sentence or the article has it.

- A reason: "why ..." and "what caused ..." want a sentence giving a cause ("forced", "because") or,
  for "why", a purpose ("to combat", "seeking", "came to this meeting to discuss").
- A count: "how many ..." wants a number beyond the question's own "many".
- A want: "what does X want" is answered where X wants, seeks or hopes for something.
- A thing: the two words a question closes on are mostly the thing it asks about; when the article
  has neither, it does not say.
"""

from __future__ import annotations

from functools import cache, lru_cache

from .aliases import Names
from .analysis import tokenize
from .cues import type_bonus
from .kinds import terms_of
from .lazyre import CaselessRegex, LazyRegex
from .related import related

LIGHT_VERBS = frozenset({"make", "get", "take", "give"})  # their stems (tokenize("made") == ["make"])
ENDINGS = ("er", "est", "ier", "iest", "r", "st")
_LETTERS = LazyRegex(r"[^\W\d_][\w'’-]*")
_HOW_MANY_Q = CaselessRegex(r"\bhow many\b")
# Why and what-caused questions: the answer gives a cause ("forced", "because") or, for "why", a purpose
# ("to combat", "seeking", "so that"), or a purpose infinitive right after the question's own words
# ("came to this meeting to discuss"). A sentence only repeating the question's words gives neither.
_WHY = CaselessRegex(r"^\W*(?:why|how come)\b|\bwhat\s+(?:caused|causes|cause|led to|leads to|made|makes|drove|forced|"
                   r"prompted|triggered)\b|\bwhat\s+(?:is|was|are|were)\s+the\s+(?:reason|cause|purpose)s?\b")
_PURPOSE_ASKED = CaselessRegex(r"^\W*(?:why|how come)\b|\bpurpose\b")
_CAUSE = CaselessRegex(r"\b(?:because|due to|owing to|thanks to|as a result|result(?:s|ed)? (?:in|from)|caus\w*|led to|"
                    r"leads? to|forc(?:ed|ing)|creat(?:e|es|ed|ing)|trigger\w*|prompt\w*|spark\w*|drove|driven|"
                    r"therefore|reasons?)\b")
_PURPOSE = CaselessRegex(r"\b(?:in order to|so that|so as to|in an effort to|to combat|to counter|aim\w*|goals?|"
                         r"purpose|seek\w*|sought|intend\w*)\b")
_INFINITIVE = LazyRegex(r"^\W*(?:[\w-]+\W+){0,5}?to\s+([a-z][\w'’-]*)")
_NOT_VERBS = frozenset("the a an this that these those its their his her our your my them it".split())


def asks_why(question: str) -> bool | None:
    """None for a question asking no reason; else whether a purpose answers it too (a "why", not a
    "what caused")."""
    return bool(_PURPOSE_ASKED.search(question)) if _WHY.search(question) else None


def asks_count(question: str) -> bool:
    """Whether the question asks how many."""
    return bool(_HOW_MANY_Q.search(question))


_WORDS = LazyRegex(r"[\w'’.-]+")

# Wanting in everyday English: "what does X want" is answered by what X seeks, hopes for or aims at.
_DESIRE = ("want wants wanted need needs needed seek seeks sought hope hopes hoped goal goals "
           "aim aims desire desires wish wishes intend intends")
_WHAT_WANTS = CaselessRegex(r"^\W*what\s+(?:does|do|did|will|would)\s+[\w'’ .-]+?\s+(?:really\s+)?(?:want|need|"
                            r"seek|hope|wish|desire|intend|aim)(?:s|ed)?\b(?!\s+to\b)")
SUBJECT_NEAR = 4  # words before the verb of wanting within which X must stand for that


@cache
def desire_terms() -> frozenset[str]:
    """The terms of the words of wanting (stemmed on first use: tokenizing at import is slow)."""
    return frozenset(tokenize(_DESIRE))


def wanting(sentence: str, who: set[str], names: Names, near: int) -> float:
    """1.0 when the sentence says that someone the question names (under any form of the name) wants,
    seeks or hopes for something (the name within ``near`` words before the verb), 0.5 for someone else."""
    return max((0.5 if who.isdisjoint(held) else 1.0 for held in _wanters(sentence, names, near)), default=0.0)


@lru_cache(maxsize=65536)
def _wanters(sentence: str, names: Names, near: int) -> tuple[tuple[str, ...], ...]:
    """For each word of wanting in the sentence, the distinct terms of the ``near`` words before it and of
    the full names they stand for (kept per sentence: the same sentences are candidates question after
    question; tuples, which the garbage collector stops tracking, not sets)."""
    out, desire = [], desire_terms()
    for m in _WORDS.finditer(sentence):
        if not desire.isdisjoint(terms_of(m.group())):
            span = " ".join(_WORDS.findall(sentence[:m.start()])[-near:])
            out.append(tuple(names.extra(span).union(terms_of(span))))
    return tuple(out)


def wanter(question: str, terms: list[str]) -> set[str]:
    """The one who wants, in a question "what does X want (from Y)": the terms before the verb of wanting
    ("kim" of "what does kim want from russia"); empty for any other question, "what kind of X does Y
    need" and "what does X want to do" among them (a thing or an act asked for, not X's wants)."""
    if not _WHAT_WANTS.search(question):
        return set()
    at = next((i for i, t in enumerate(terms) if t in desire_terms()), 0)
    return set(terms[:at])


def gives_reason(sentence: str, asked: set[str], purpose: bool) -> bool:
    """Whether the sentence gives a cause ("forced", "because", "led to") or, with ``purpose``, an aim
    ("to combat", "seeking", "so that", or "<a question word> to <verb>": "came to this meeting to discuss")."""
    cause, aim = _reasons(sentence)
    if cause or (purpose and aim):
        return True
    if not purpose:
        return False
    for terms, end in _word_ends(sentence):
        if not asked.isdisjoint(terms):
            to = _INFINITIVE.match(sentence[end:])
            if to and to.group(1) not in _NOT_VERBS:
                return True
    return False


@lru_cache(maxsize=65536)
def _reasons(sentence: str) -> tuple[bool, bool]:
    """Whether the sentence holds a cause, and whether it holds an aim (kept per sentence: ``gives_reason``
    is asked of the same sentences question after question)."""
    return bool(_CAUSE.search(sentence)), bool(_PURPOSE.search(sentence))


@lru_cache(maxsize=65536)
def _word_ends(sentence: str) -> tuple[tuple[tuple[str, ...], int], ...]:
    """Each word of the sentence that has terms, with the terms and where the word ends (found only for a
    sentence giving neither cause nor aim; tuples, which the garbage collector stops tracking, not sets)."""
    words = ((terms_of(m.group()), m.end()) for m in _WORDS.finditer(sentence))
    return tuple(w for w in words if w[0])


def closing_absent(question: str, known, desire: frozenset[str] = frozenset()) -> bool:
    """Whether the question closes on two words (of letters, three or more each) the article has not,
    one of them not even as a WordNet relative: "who won the world cup" of an article without a cup (a
    light verb, a comparative of a word it has or a word of wanting where it has one does not count). A
    question's last words are mostly the thing it asks about (7 of 5,397 answerable squad11_tune
    questions close so, some misspelt: "Mnafeld")."""
    words = [w.strip("?.,!;:\"'“”’") for w in question.rsplit(None, 2)[-2:]]  # split()'s last two, less work
    if len(words) < 2 or not all(_LETTERS.fullmatch(w) and len(w) >= 3 for w in words):
        return False
    terms = [t for w in words for t in terms_of(w)]
    if len(terms) < 2 or any(t in LIGHT_VERBS or _held(t, known, desire) for t in terms):
        return False
    return any(not any(known(r) for r in related(t)) for t in terms)


def _held(term: str, known, desire: frozenset[str]) -> bool:
    """The article has the term, or it less a comparative ending ("stronger"), or, for a word of
    wanting (``desire``), any word of wanting ("need" where the article says "seek")."""
    return (known(term) or any(term.endswith(end) and known(term[: -len(end)]) for end in ENDINGS)
            or (term in desire and any(map(known, desire))))


def count_missing(question: str, sentence: str) -> bool:
    """Whether a how-many question's answer sentence holds no number (a digit, a number word, "few",
    "several") beyond the question's own: "how many people live in X" answered by "Many countries ..."."""
    return bool(_HOW_MANY_Q.search(question)) and not type_bonus("number", sentence, question)
