"""Answer-type cues: what kind of thing a question asks for, and whether a
sentence holds such a thing beyond the words the question already has."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from .lazyre import CaselessRegex, LazyRegex
from .regexcache import compiled

_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DAYS = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow"
_WHEN = (rf"\b(?:{_MONTHS})\b\.?|\b(?:{_DAYS})\b|\b(?:1[0-9]|20)\d\d\b|\b\d{{1,2}}(?:st|nd|rd|th)\b|"
         r"\b(?:century|decade|year|week|morning|evening|night|season|era|period)s?\b")
_NUMBER_WORDS = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                 r"fifty|hundred|thousand|million|billion|dozen|half|several|few|many|once|twice")
_HOW_MANY = LazyRegex(rf"\d|\b(?:{_NUMBER_WORDS})\b|%|percent", re.I)
_CAPITAL = LazyRegex(r"(?=[A-Z])(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]+")  # (?=[A-Z]): a faster scan, the same matches
_WHERE = LazyRegex(r"\b(?:in|at|near|from|to|on)\s+(?:the\s+)?[A-Z]")

_KINDS = {  # what a question asks for, tried in this order
    "when": r"\bwhen\b|\bwhat (?:year|date|day|month|time|century|decade)\b|\bhow long ago\b",
    "number": r"\bhow (?:many|much|long|old|far|big|large|tall|often|high)\b|"
              r"\bwhat (?:percentage|number|amount|proportion)\b",
    "where": r"\bwhere\b|\bwhat (?:city|country|place|region|state|location)\b",
    "who": r"\bwho(?:m|se)?\b|\bwhich (?:person|people|group|company|organi[sz]ation)\b",
}


@cache
def _pattern(source: str) -> re.Pattern:
    """Compiled on first use: a one-shot answer needs only some of these (compiling all costs ~3 ms)."""
    return compiled(source, re.I)


@lru_cache(maxsize=256)  # keyed by question: the ranker, the reranker and the short answer each ask it
def answer_type(question: str) -> str | None:
    """'when', 'number', 'where', 'who' or None."""
    for kind, source in _KINDS.items():
        if _pattern(source).search(question):
            return kind
    return None


def type_bonus(kind: str | None, sentence: str, question: str) -> float:
    """1.0 when the sentence holds the kind of thing asked for (and not only
    as words the question already has), else 0.0."""
    return type_found(kind, sentence, question.lower())


def type_found(kind: str | None, sentence: str, lowered_question: str) -> float:
    """``type_bonus`` for a question already lowercased (the ranker lowers it once a question)."""
    if kind is None:
        return 0.0
    return float(any(w not in lowered_question for w in type_words(kind, sentence)))


@lru_cache(maxsize=1 << 16)
def type_words(kind: str, sentence: str) -> tuple[str, ...]:
    """The lowercased things of the kind asked for in a sentence (cached, as ``sentence_finds``):
    ``type_found`` is whether one of them is not in the question."""
    return tuple(w.lower().strip(".") for w in _type_finds(kind, sentence))


def _type_finds(kind: str, sentence: str) -> Sequence[str]:
    """The things of the kind asked for in a sentence; the number and capital matches are
    ``_found``'s (the same searches ``sentence_finds`` runs)."""
    if kind == "when":
        return _WHEN_ANY.written(sentence)
    if kind == "number":
        return _found(sentence)[2]
    if kind == "where":
        return _found(sentence)[3] if _WHERE.search(sentence) else ()
    return _found(sentence)[3]


# --- Question words and sentence classes (ranker features) -----------------
# The ranker learns which kinds of sentence answer which question words (a
# "why" wants a cause, a "what ... called" a name) from these indicators.

WH_WORDS = ("what", "which", "who", "when", "where", "why", "how", "how_many")
SENTENCE_CLASSES = ("new_year", "new_number", "new_capital", "cause", "naming", "aside")
_WH = LazyRegex(r"\b(how (?:many|much)|what|which|who(?:m|se)?|when|where|why|how)\b", re.I)
_YEAR = LazyRegex(r"\b(?:1[0-9]|20)\d\d(?:s)?\b")
_DIGITS = LazyRegex(r"\d[\d,.]*%?")
_CAUSE = LazyRegex(r"\b(?:because|due to|since|as a result|result(?:ed|s)? (?:in|from)|in order to|so that|"
                    r"caus\w*|led to|lead to|owing to|thanks to|therefore|thus|reason)\b", re.I)
_NAMING = LazyRegex(r"\b(?:called|named|known as|referred to|termed|dubbed|nicknamed|title[ds]?|"
                     r"stands? for|means|defined as)\b", re.I)
_ASIDE = LazyRegex(r"[\"“(]")
_COUNT_KEYS = (*_NUMBER_WORDS.split("|"), "%", "percent")  # what a _HOW_MANY match holds, less a digit
_CAUSE_KEYS = ("because", "due to", "since", "result", "in order to", "so that", "caus", "led to", "lead to",
               "owing to", "thanks to", "therefore", "thus", "reason")  # one is in every _CAUSE match
_NAMING_KEYS = ("called", "named", "known as", "referred to", "termed", "dubbed", "title", "stand", "means",
                "defined as")  # one is in every _NAMING match
# The case-blind patterns above as CaselessRegex (their letters are lower case): an ASCII sentence is
# searched lowered, without re.I, which finds the same spans 2-3x faster.
_HOW_MANY_ANY, _CAUSE_ANY, _NAMING_ANY, _WHEN_ANY = (
    CaselessRegex(source) for source in (_HOW_MANY.source, _CAUSE.source, _NAMING.source, _WHEN))


def wh_word(question: str) -> str | None:
    """The question's first question word (WH_WORDS), "how many/much" as "how_many"."""
    m = _WH.search(question)
    if not m:
        return None
    word = m.group(1).lower()
    return "how_many" if word.startswith("how ") else "who" if word.startswith("who") else word


def any_new(found: tuple[str, ...], lowered_question: str) -> float:
    return float(any(w not in lowered_question for w in found)) if found else 0.0


@lru_cache(maxsize=1 << 16)
def _found(sentence: str) -> tuple:
    """Each search of ``sentence_finds`` apart: years, digits, ``_HOW_MANY`` and ``_CAPITAL`` matches,
    cause, naming and aside flags (cached: the answer-type finds reuse the last two). Matches are kept
    as tuples, not lists: a tuple of strings leaves the garbage collector's watch, a list never does."""
    digits = tuple(_DIGITS.findall(sentence))
    low = sentence.lower() if sentence.isascii() else None
    return (tuple(_YEAR.findall(sentence)) if digits else (),  # a year is digits: none without a digit
            digits, _HOW_MANY_ANY.written(sentence) if digits or _may_match(low, _COUNT_KEYS) else (),
            tuple(_CAPITAL.findall(sentence)),
            float(_may_match(low, _CAUSE_KEYS) and bool(_CAUSE_ANY.search(sentence))),
            float(_may_match(low, _NAMING_KEYS) and bool(_NAMING_ANY.search(sentence))),
            float(bool(_ASIDE.search(sentence))))


def _may_match(low: str | None, keys: tuple[str, ...]) -> bool:
    """False when a case-blind pattern cannot match: the sentence is ASCII (``low``: it lowercased; None
    when it is not), where re.I is plain ASCII case, and holds none of ``keys``, one of which every match
    holds (the search costs ~20 us a sentence, the test ~1 us)."""
    return low is None or any(k in low for k in keys)


def sentence_finds(sentence: str) -> tuple:
    """What ``sentence_classes`` looks for in a sentence, whatever the question."""
    years, digits, how_many, capitals, *flags = _found(sentence)
    return (years, digits + how_many, capitals, *flags)


def lowered_finds(sentence: str) -> tuple:
    """``sentence_finds`` with the found words lowercased and stripped of '.' and ','
    (uncached: the sentence facts of evidence.py keep them, with the passage's Retriever)."""
    years, numbers, capitals, *flags = sentence_finds(sentence)
    return (*(tuple(w.lower().strip(".,") for w in found) for found in (years, numbers, capitals)), *flags)


def sentence_classes(sentence: str, question: str) -> tuple[float, ...]:
    """Indicators (SENTENCE_CLASSES) of what a sentence holds beyond the question's words."""
    return classes_in(sentence, question.lower())


def classes_in(sentence: str, lowered_question: str) -> tuple[float, ...]:
    """``sentence_classes`` for a question already lowercased."""
    years, numbers, capitals, cause, naming, aside = lowered_finds(sentence)
    return (any_new(years, lowered_question), any_new(numbers, lowered_question),
            any_new(capitals, lowered_question), cause, naming, aside)


# Opposites of everyday English (no topic words): a question that holds one
# where its best sentence holds the other is likely an edited, unanswerable one.
_OPPOSITES = """more less|more fewer|most least|before after|first last|past future|best worst|increase decrease|
increased decreased|increases decreases|major minor|high low|higher lower|highest lowest|large small|larger smaller|
largest smallest|early late|earlier later|earliest latest|north south|east west|northern southern|eastern western|
positive negative|win lose|won lost|accept reject|accepted rejected|include exclude|included excluded|public private|
internal external|maximum minimum|rise fall|rose fell|strong weak|stronger weaker|old new|old young|older younger|
oldest youngest|start end|began ended|begin end|open closed|import export|imports exports|legal illegal|same different|
true false|success failure|successful unsuccessful|succeeded failed|support oppose|supported opposed|top bottom|
inner outer|upper lower|long short|longer shorter|longest shortest|fast slow|hot cold|wet dry|heavy light|
ancient modern|
rich poor|easy difficult|easy hard|common rare|direct indirect|natural artificial|male female|men women|allow forbid|
allowed forbidden|allowed prohibited|gain loss|buy sell|bought sold|give take|gave took|given taken|above below|
inside outside|over under|always never|many few|simple complex|cheap expensive|temporary permanent|entered left|
enter leave|arrive depart|arrived departed|birth death|born died|war peace|victory defeat|won defeated|attack defend|
ally enemy|allies enemies|friend enemy|love hate|same opposite|agree disagree|agreed disagreed|possible impossible|
able unable|likely unlikely|known unknown|official unofficial|important unimportant|significant insignificant|
dependent independent|formal informal|domestic foreign|national international|local global|urban rural|land sea|
day night|summer winter|spring autumn|spring fall|morning evening|left right|raise lower|raised lowered|add remove|
added removed|create destroy|created destroyed|build destroy|built destroyed|found lost|increase reduce|
increased reduced|expand shrink|expanded contracted|minority majority|primary secondary|input output|sum difference|
odd even|upward downward|inbound outbound|previous next|former latter|beginning end|conservative liberal"""
OPPOSITES: dict[str, frozenset[str]] = {}
for _pair in _OPPOSITES.split("|"):
    _a, _b = _pair.split()
    OPPOSITES[_a] = OPPOSITES.get(_a, frozenset()) | {_b}
    OPPOSITES[_b] = OPPOSITES.get(_b, frozenset()) | {_a}
_PLAIN_WORD = LazyRegex(r"[a-z]+")


@lru_cache(maxsize=65536)
def plain_words(text: str) -> frozenset[str]:
    """Lowercased letter runs, as written (cached: passages recur across questions)."""
    return frozenset(_PLAIN_WORD.findall(text.lower()))


def opposed(question: frozenset[str], text: frozenset[str]) -> bool:
    """Whether ``text`` lacks a word of the question but holds its opposite (one the question lacks)."""
    return any(w not in text and (OPPOSITES[w] & text) - question for w in question if w in OPPOSITES)
