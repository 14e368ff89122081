"""What a question asks about that the article lacks in any form: the thing it measures or dates, the
speaker whose words it wants, a name in capitals, or its key terms (the word, no WordNet relative of it).
Such a question is likely one the article cannot answer: these cap the confidence (``absent_cap``) or
feed it (``key_content``); intent.py re-exports them under their old names.
"""

from __future__ import annotations

from functools import cache, lru_cache

from .analysis import tokenize
from .asks import ENDINGS, LIGHT_VERBS, closing_absent, desire_terms
from .kinds import WORDS, terms_of
from .lazyre import CaselessRegex, LazyRegex
from .quotes import asked_speakers, asks_words
from .related import related

SAYING = "say call claim describe think tell state announce warn promise talk speak comment mean word quote statement"
# "how long", "what kind of": the kind of answer, not a thing asked about; "describe", "quote": the asking
ASKING = "long often far kind kinds type types sort sorts happen happened"
# Of the 4,003 answerable squad11_tune questions, 1 names a country the article lacks, 18 measure or date
# a thing it lacks (mostly misspelt: "intercpetions", or units: "kgs"), 1 asks for the words of a speaker
# it lacks, 1 names in capitals a thing it lacks (misspelt).
ABSENT_CAP = 0.1
_NAME_RUN = LazyRegex(r"(?=[A-Z])(?<![\w'’.-])[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)+")
_MEASURE = CaselessRegex(r"\bhow (?:many|much)\s+([a-z]+)|\bhow (old|tall|far|big|large|heavy|deep|wide|fast)\b")
_COUNTS = frozenset({"times", "time"})
_WHEN_DID = CaselessRegex(r"^\W*when\s+(?:did|does|do|was|were|is|will)\b")
_WHAT_OF = CaselessRegex(r"\bwhat(?:'s|s| is| was| are| were)\s+(?:the\s+)?([a-z]+)\s+of\b")
_KINDS_OF = frozenset("name kind type sort number percentage amount part one".split())
_AUXILIARIES = frozenset("did does do is was were are has have had will would can could".split())


def measured(question: str) -> list[str]:
    """The terms of what a question measures or dates: the noun after "how many" ("soldiers"), the verb
    closing "how much did X cost" or "when did X start", the adjective of "how old", the noun of
    "what is the population of X"."""
    m = _MEASURE.search(question)  # found in the question lowered: its words are read from the question
    if m and m.group(2):
        return tokenize(question[m.start(2):m.end(2)])
    if m and m.group(1).lower() in _COUNTS:  # "how many times": a count of events, nothing measured
        return []
    if (m and m.group(1).lower() in _AUXILIARIES) or _WHEN_DID.search(question):
        words = WORDS.findall(question.split("?", 1)[0])  # the first question's last word
        if words:
            return tokenize(words[-1].strip(".?!"))
    if m:
        return tokenize(question[m.start(1):m.end(1)])
    of = _WHAT_OF.search(question)
    return tokenize(question[of.start(1):of.end(1)]) if of and of.group(1).lower() not in _KINDS_OF else []


def measure_absent(question: str, known) -> bool:
    """Whether the thing a how-many/much/old question measures is in the article in no form (the word
    or a WordNet relative): "How much did the cosmodrome cost?" of an article that gives no price. A light
    verb (make, get, take, give) is no relative here: "make" in an article does not say when X was built."""
    return any(not known(t) and not any(known(r) for r in related(t) - LIGHT_VERBS) for t in measured(question))


def speaker_absent(question: str, known) -> bool:
    """Whether a question about someone's words names a speaker the article never names:
    "What did Biden say about the meeting?" of an article without Biden."""
    wanted = tokenize(asked_speakers(question)) if asks_words(question) else []
    return bool(wanted) and not any(map(known, wanted))



def key_content(q, retriever) -> tuple[float, float]:
    """Confidence features: (share of the question the article has in no form, whether a name or a
    country asked about is absent)."""
    share, name = unsupported(q.weights, retriever.index.vocab.__contains__)
    return share, float(name or bool(getattr(q, "absent_places", ())))


def absent_cap(q, retriever) -> float:
    """The most the confidence may be: ABSENT_CAP (below min_confidence) when the question asks about a
    country the article has under none of its names, measures a thing the article has in no form,
    asks for the words of someone it never names, names in capitals a thing it lacks, or closes on two
    words it lacks (``closing_absent``); else 1.0."""
    known = retriever.index.vocab.__contains__
    absent = (getattr(q, "absent_places", ()) or measure_absent(q.text, known) or speaker_absent(q.text, known)
              or name_absent(q.text, known) or closing_absent(q.text, known, desire_terms()))
    return ABSENT_CAP if absent else 1.0


def name_absent(question: str, known) -> bool:
    """Whether the question names, in capitals, a thing of two or more words none of which the
    article has: "Who won the World Cup?" of an article without a cup (one answerable squad11_tune
    question in 4,003 does so, misspelt)."""
    for m in _NAME_RUN.finditer(question):
        if m.start() > 0 and len(terms := terms_of(m.group())) >= 2 and not any(map(known, terms)):
            return True
    return False



@lru_cache(maxsize=65536)
def _in_dictionary(term: str) -> bool:
    """Whether WordNet knows the stem, or the stem less a comparative ending (English, not a name)."""
    return bool(related(term)) or any(term.endswith(end) and related(term[: -len(end)]) for end in ENDINGS)


@cache
def _asking_terms() -> frozenset[str]:
    """The terms of the asking ("question" and "saying" words): no content of a question."""
    return frozenset(tokenize(f"{ASKING} {SAYING}"))


def unsupported(weights: dict[str, float], known, extra: frozenset[str] = frozenset()) -> tuple[float, bool]:
    """(IDF-weighted share of the question's terms the article has in no form, whether one of them is a
    name: a stem WordNet lacks). ``known(term)``: the article has the term; ``extra``: terms held otherwise."""
    total = sum(weights.values()) or 1.0
    asking = _asking_terms()
    weights = {t: w for t, w in weights.items() if t not in asking}
    wants = any(map(known, desire_terms()))
    missing = [t for t in weights if not known(t) and t not in extra and not (wants and t in desire_terms())
               and not any(known(r) for r in related(t))]
    name = any(not _in_dictionary(t) and not t[:1].isdigit() and len(t) > 2 for t in missing)
    return sum(weights[t] for t in missing) / total, name
