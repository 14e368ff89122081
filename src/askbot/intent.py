"""What a reader's question asks for beyond its words, used after the learned ranker.

- Whose words: a question about what someone said (quotes.py) moves the
  sentences that quote or report that person (under any form of the name)
  ahead of those that only mention them.
- Answer type: a who-question wants a person or group the question does not
  name, where a place, when a time, how many/much a number, how long a
  duration. A sentence holding one beats a sentence that only repeats the
  question's words (kinds.py).
- Key content: the question's terms that the article has in no form (not the
  word, no WordNet relative of it, no other name of the place) weigh against
  answering; a name the article lacks (a word English dictionaries lack, or a
  country under none of its names) stops it.
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np

from . import evidence
from .absent import (  # noqa: F401  (what the article lacks: importable from here too)
    ABSENT_CAP,
    SAYING,
    absent_cap,
    key_content,
    measure_absent,
    measured,
    name_absent,
    speaker_absent,
    unsupported,
)
from .aliases import Names
from .analysis import tokenize
from .asks import (
    LIGHT_VERBS,
    SUBJECT_NEAR,
    asks_count,
    asks_why,
    desire_terms,
    gives_reason,
    wanter,
    wanting,
)
from .cues import answer_type, type_bonus
from .evidence import sentence_terms
from .kinds import NEAR, holds_kinds, terms_of
from .lazyre import CaselessRegex, LazyRegex
from .quotes import asked_speakers, asks_words, quoting, speakers

_NO_NAMES = Names({}, {})
_WORDLISTS: dict[str, str] = {}  # name -> words; their terms are made on first use (tokenize at import is slow)


@cache
def _terms(name: str) -> frozenset[str]:
    return frozenset(tokenize(_WORDLISTS[name]))

# a sentence giving the asked-for speaker's words, holding the rest of the question, goes first
WORDS_BONUS = 50.0  # (a direct quotation before reported words); one lacking some of the rest gets TYPE_BONUS
TYPE_BONUS = 1.0  # a sentence holding the asked-for kind of answer
WANTS_BONUS = 10.0  # "what does X want": a sentence saying X wants, seeks or hopes for something goes first
WHY_BONUS = 3.0  # a sentence giving a cause or purpose, for a why-question (asks.py)
COUNT_BONUS = 1.0  # for a how-many question, on top of TYPE_BONUS: a sentence holding a count
NEGATION_COST = 0.5  # a sentence with a negation the question lacks
EXTRA_SHARE = 0.5  # weight of search_extra's terms in the passage search, a share of their IDF
WORDS_K = 10  # passages searched for a question about someone's words
_NEGATED = CaselessRegex(r"\b(?:not|never|no|nor|neither)\b|n't\b")

_BOTH_X = LazyRegex(r"\b(?:both|the two)\s+((?:two\s+)?[a-z]+s)\b(?!\s+(?:of|and)\b)")
_HOW_LONG = CaselessRegex(r"\bhow long\b")
_CAPITALISED = LazyRegex(r"\b[A-Z][\w'-]*")


_WORDLISTS["saying"] = SAYING
_PLURAL = CaselessRegex(r"\b(?:they|them|their|both|the two|each other|one another)\b")


@lru_cache(maxsize=8)  # a few articles' (each keeps its Names): asked question after question about one
def protagonists(lede: str, names: Names) -> tuple[frozenset[str], ...]:
    """The full names the article's first sentence gives: in news, the people or parties it is about."""
    held = set(tokenize(lede)) | names.extra(lede)
    return tuple(n for n in names.full if n <= held)


def _plural_bonus(question: str, sentences: list[str], names: list[Names], lede: str) -> list[float]:
    """For "where did they meet", "what do both sides want": a sentence naming two of the article's
    protagonists, or speaking of them as "they" or "both", stands for the question's "they" (1.0, else 0.0)."""
    if not _PLURAL.search(question) or not lede:
        return [0.0] * len(sentences)
    of_names = {id(nm): protagonists(lede, nm) for nm in names}  # one article's Names: found once
    out = []
    for text, nm in zip(sentences, names):
        held, plural = _plural_facts(text, nm)
        out.append(float(sum(not n.isdisjoint(held) for n in of_names[id(nm)]) >= 2 or plural))
    return out


@lru_cache(maxsize=65536)
def _plural_facts(text: str, names: Names) -> tuple[tuple[str, ...], bool]:
    """A sentence's distinct terms with those of the full names it uses, and whether it says "they" or
    "both" (kept per sentence: the same sentences are candidates question after question; a tuple, which
    the garbage collector stops tracking, not a set)."""
    return tuple(names.extra(text).union(sentence_terms(text))), bool(_PLURAL.search(text))


def bonuses(question: str, terms: set[str], sentences: list[str], names: list[Names], lede: str = "",
            before: list[str] | None = None, subject: set[str] = frozenset()) -> np.ndarray:
    """What is added to each candidate sentence's ranker score (zeros when the question asks nothing special).
    ``lede``: the article's first sentence (its protagonists stand for a "they" the question leaves open);
    ``before``: each sentence's predecessor in the article (a quote's topic is often set just before it);
    ``subject``: who wants, in a question about wanting (``wanter``): a sentence saying so goes first.
    Summed in floats, one bonus after another in a fixed order (the sums numpy arrays would give)."""
    out = [TYPE_BONUS * x for x in _plural_bonus(question, sentences, names, lede)]
    if asks_words(question):
        _words_bonus(out, question, terms, sentences, names, before or [""] * len(sentences))
    if not desire_terms().isdisjoint(terms):
        wanted = terms - desire_terms()
        _add(out, TYPE_BONUS, [wanting(s, wanted, nm, NEAR) for s, nm in zip(sentences, names)])
        if subject:
            who = set(subject)
            _add(out, WANTS_BONUS, [float(wanting(s, who, nm, SUBJECT_NEAR) == 1.0) for s, nm in zip(sentences, names)])
    if not _NEGATED.search(question):  # a sentence denying the question's words answers it less
        out = [x - NEGATION_COST if _negated(s) else x for x, s in zip(out, sentences)]
    purpose = asks_why(question)
    if purpose is not None:
        _add(out, WHY_BONUS, [float(gives_reason(s, terms, purpose)) for s in sentences])
    if asks_count(question):  # a count ("two", "few", "several") beats a sentence holding only "many"
        _add(out, COUNT_BONUS, [type_bonus("number", s, question) for s in sentences])
    kind = answer_type(question)
    if kind is not None:
        how_long = bool(_HOW_LONG.search(question))
        _add(out, TYPE_BONUS, holds_kinds(kind, how_long, sentences, terms, names))
    return np.array(out, dtype=float)


def _add(out: list[float], weight: float, found: list[float]) -> None:
    """``out += weight * found`` in place; a bonus of 0.0 leaves a sum as it is (no sum is -0.0)."""
    for i, x in enumerate(found):
        if x:
            out[i] += weight * x


def _words_bonus(out: list[float], question: str, terms: set[str], sentences: list[str], names: list[Names],
                 before: list[str]) -> None:
    """For a question about someone's words: WORDS_BONUS for a sentence giving the asked-for speaker's
    words and holding the rest of the question, else TYPE_BONUS for one giving their (or anyone's) words."""
    wanted = set(tokenize(asked_speakers(question)))
    for i, (text, nm, prev) in enumerate(zip(sentences, names, before)):
        spoken = {t for who in speakers(text) for t in (*tokenize(who), *nm.extra(who))}
        if spoken and wanted and spoken & wanted:
            # the terms of "{prev} {text}": a space joins no words, so those of each (from the text cache)
            rest = terms - wanted - _terms("saying") - set(tokenize(prev)).union(tokenize(text)) - nm.extra(text)
            out[i] += WORDS_BONUS * (1 + quoting(text)) if not rest else TYPE_BONUS
        elif spoken and not wanted:  # "who said ...", "according to whom ...": the words decide among speakers
            out[i] += TYPE_BONUS


@lru_cache(maxsize=65536)
def _negated(text: str) -> bool:
    """Whether ``text`` holds a negation (cached: the same sentences are candidates question after question)."""
    return bool(_NEGATED.search(text))


def name_terms(question: str, terms: list[str], retriever) -> list[str]:
    """The other terms of the one full name of the article that a question's name word belongs to
    ("jong", "un" for "kim"), so that the passage search finds the passages using only the other form.
    In a question written in case, a name word is a capitalised one."""
    if len(retriever.corpus.documents) != 1 or not terms:
        return []
    names, own, rest = evidence.of(retriever).names(1), set(terms), question[1:]
    if (rest.lower() != rest) if rest.isascii() else any(c.isupper() for c in rest):  # ASCII: a capital lowers
        own = {t for w in _CAPITALISED.findall(rest) for t in terms_of(w)} & own
    found = {t for term in own for t in (names.owner(frozenset({term})) or ()) if t not in own}
    return sorted(found - set(terms))


def search_extra(question: str, terms: list[str], retriever) -> dict[str, float]:
    """Terms the passage search adds at EXTRA_SHARE of their IDF: the other words of a name the question
    uses ("jong", "un" for "kim"), and for a question about wanting, the article's words for it."""
    extra = name_terms(question, terms, retriever)
    if desire_terms().intersection(terms):
        extra += [t for t in desire_terms() if t not in terms and retriever.idf(t) > 0]
    return {t: EXTRA_SHARE * retriever.idf(t) for t in extra}


def content_terms(terms: list[str], question: str = "") -> list[str]:
    """The question's terms less light verbs (make, get, take, give), which say little: "did they make
    a deal" is about the deal, and "make" would draw it to "make it to Russia"; and less the words of a
    plural reference to the article's protagonists ("both sides", "the two leaders": the "they" that
    ``_plural_bonus`` resolves), which would draw it to a sentence about some other sides. Kept when alone."""
    drop = set(LIGHT_VERBS)
    if "both" in question or "the two" in question:  # in every match of the (case-sensitive) pattern
        for m in _BOTH_X.finditer(question):
            drop.update(tokenize(m.group(1)))
    return [t for t in terms if t not in drop] or terms


def rerank(question: str, q, sentences: list, retriever, aliases: bool = True) -> np.ndarray:
    """``bonuses`` for the candidate sentences of ``q`` (a features.Question) from ``retriever``'s article."""
    corpus = retriever.corpus
    lede = corpus.passages[0].sentences[0].text if len(corpus.documents) == 1 else ""
    found = evidence.of(retriever)
    of_document = {d: found.names(d) if aliases else _NO_NAMES for d in {x.document_id for x in sentences}}
    names = [of_document[x.document_id] for x in sentences]
    before = [previous_text(corpus, x) for x in sentences] if asks_words(question) else None  # read only then
    return bonuses(question, set(q.weights), [x.text for x in sentences], names, lede, before,
                   wanter(question, list(q.weights)))


def previous_text(corpus, sentence) -> str:
    """The text of the sentence before ``sentence`` in its document ('' for a document's first)."""
    own = corpus.passage(sentence.passage_id).sentences
    place = sentence.id - own[0].id  # ids run on within a passage; else looked for
    if not (0 <= place < len(own) and own[place].id == sentence.id):
        place = next(i for i, x in enumerate(own) if x.id == sentence.id)
    if place > 0:
        return own[place - 1].text
    if sentence.passage_id <= 1:
        return ""
    passage = corpus.passage(sentence.passage_id - 1)  # ids skip across passages in a large corpus
    return passage.sentences[-1].text if passage.document_id == sentence.document_id and passage.sentences else ""


