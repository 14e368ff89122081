"""What a reader's question asks for beyond its words, used after the learned ranker.

- Whose words: a question about what someone said (quotes.py) moves the
  sentences that quote or report that person (under any form of the name)
  ahead of those that only mention them.
- Answer type: a who-question wants a person or group the question does not
  name, where a place, when a time, how many/much a number, how long a
  duration. A sentence holding one beats a sentence that only repeats the
  question's words.
- Key content: the question's terms that the article has in no form (not the
  word, no WordNet relative of it, no other name of the place) weigh against
  answering; a name the article lacks (a word English dictionaries lack, or a
  country under none of its names) stops it.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .aliases import Names
from .analysis import tokenize
from .cues import answer_type
from .places import country_of
from .quotes import asked_speakers, asks_words, quoting, speakers
from .related import related

WORDS_BONUS = 50.0  # a sentence giving the asked-for speaker's words goes first (a direct quotation before reported words)
TYPE_BONUS = 1.0  # a sentence holding the asked-for kind of answer
WORDS_K = 10  # passages searched for a question about someone's words
# Wanting in everyday English: "what does X want" is answered by what X seeks, hopes for or aims at.
_DESIRE = frozenset(tokenize("want wants wanted seek seeks sought hope hopes hoped goal goals aim aims desire "
                             "desires wish wishes intend intends intention plan plans ambition ambitions"))
_RUN = re.compile(r"(?<![\w'’.-])(?:[A-Z][\w'’.-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*")
_PLACE = re.compile(r"\b(?:in|at|near|from|outside|inside)\s+(?:the\s+)?[A-Z]")
_TIME = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
                   r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?\s*\d|\b(?:1[0-9]|20)\d\d\b|\b(?:monday|tuesday|"
                   r"wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow)\b|\b(?:last|next|this)\s+"
                   r"(?:week|month|year|spring|summer|autumn|fall|winter)\b", re.I)
_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                     r"fifty|hundred|thousand|million|billion|dozen|half|once|twice)\b", re.I)
_DURATION = re.compile(rf"(?:{_NUMBER.pattern})[\w-]*[\s-]+(?:\w+[\s-]+)?(?:second|minute|hour|day|week|month|year|"
                       r"decade|century|centuries)s?\b|\bfor\s+(?:years|months|decades|weeks|days|hours)\b", re.I)
_HOW_LONG = re.compile(r"\bhow long\b", re.I)


def _new_runs(sentence: str, asked: set[str], names: Names, first: bool = False) -> list[str]:
    """Capitalised runs of the text (its first word only with ``first``) none of whose terms the question holds."""
    out = []
    for m in _RUN.finditer(sentence):
        if m.start() == 0 and not first:
            continue
        terms = set(tokenize(m.group()))
        if terms and not (terms | names.extra(m.group())) & asked:
            out.append(m.group())
    return out


def holds_kind(kind: str | None, how_long: bool, sentence: str, asked: set[str], names: Names) -> float:
    """1.0 when the sentence holds the kind of answer asked for, beyond the question's own words
    (for who: 1.0 for a person or group, 0.5 for a country only); 0.0 otherwise."""
    if kind == "who":
        runs = _new_runs(sentence, asked, names)
        return max((0.5 if country_of(r.removesuffix("'s").removesuffix("’s")) else 1.0 for r in runs), default=0.0)
    if kind == "where":
        return float(any(_new_runs(sentence[m.end() - 1:], asked, names, True)[:1] for m in _PLACE.finditer(sentence)))
    if kind == "when":
        return float(any(not set(tokenize(m.group())) <= asked for m in _TIME.finditer(sentence)))
    if kind == "number":
        pattern = _DURATION if how_long else _NUMBER
        return float(any(not set(tokenize(m.group())) <= asked for m in pattern.finditer(sentence)))
    return 0.0


def bonuses(question: str, terms: set[str], sentences: list[str], names: list[Names]) -> np.ndarray:
    """What is added to each candidate sentence's ranker score (zeros when the question asks nothing special)."""
    out = np.zeros(len(sentences))
    if asks_words(question):
        wanted = set(tokenize(asked_speakers(question)))
        for i, (text, nm) in enumerate(zip(sentences, names)):
            spoken = {t for who in speakers(text) for t in (*tokenize(who), *nm.extra(who))}
            if spoken and (spoken & (wanted or terms) or not wanted):
                out[i] += WORDS_BONUS * (1 + quoting(text))
    if _DESIRE & terms:
        out += TYPE_BONUS * np.array([bool(_DESIRE.intersection(tokenize(s))) for s in sentences])
    kind = answer_type(question)
    if kind is not None:
        how_long = bool(_HOW_LONG.search(question))
        out += TYPE_BONUS * np.array([holds_kind(kind, how_long, s, terms, nm) for s, nm in zip(sentences, names)])
    return out


def name_terms(terms: list[str], retriever) -> list[str]:
    """The other terms of the article's full names that hold a question term ("jong", "un" for "kim"),
    so that the passage search finds the passages that use only the name's other form."""
    if len(retriever.corpus.documents) != 1 or not terms:
        return []
    own = set(terms)
    return sorted({t for name in retriever.names(1).full if name & own for t in name - own})


@lru_cache(maxsize=65536)
def _in_dictionary(term: str) -> bool:
    """Whether WordNet knows the stem, or the stem less a comparative ending (English, not a name)."""
    return bool(related(term)) or any(term.endswith(end) and related(term[: -len(end)]) for end in _ENDINGS)


_QUESTION_WORDS = frozenset(tokenize("long often far"))  # "how long": the kind of answer, not a thing asked about
_ENDINGS = ("er", "est", "ier", "iest", "r", "st")


def unsupported(weights: dict[str, float], known, extra: frozenset[str] = frozenset()) -> tuple[float, bool]:
    """(IDF-weighted share of the question's terms the article has in no form, whether one of them is a
    name: a stem WordNet lacks). ``known(term)``: the article has the term; ``extra``: terms held otherwise."""
    total = sum(weights.values()) or 1.0
    weights = {t: w for t, w in weights.items() if t not in _QUESTION_WORDS}
    wants = any(map(known, _DESIRE))
    missing = [t for t in weights if not known(t) and t not in extra and not (wants and t in _DESIRE)
               and not any(known(r) for r in related(t))]
    name = any(not _in_dictionary(t) and not t[:1].isdigit() and len(t) > 2 for t in missing)
    return sum(weights[t] for t in missing) / total, name
