"""The intent and confidence stage's shortcuts give what the plain computations give (lazyre.CaselessRegex,
intent.bonuses, quotes.speakers, confidence.confidence_scores, intent.measured and name_terms).

Each test holds a shortcut against the straightforward code it replaces, written out here."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from askbot import Corpus, Retriever, absent, asks, confidence, intent, kinds, quotes
from askbot.aliases import Names
from askbot.analysis import normalise, tokenize
from askbot.asks import asks_count, asks_why, desire_terms, gives_reason, wanting
from askbot.cues import answer_type, type_bonus
from askbot.kinds import NEAR, holds_kind
from askbot.lazyre import CaselessRegex
from askbot.quotes import asked_speakers, asks_words, quoting, speakers

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "corpus" / "putin-kim-vostochny.txt").read_text(encoding="utf-8")
CASELESS = [p for module in (absent, asks, confidence, intent, quotes) for p in vars(module).values()
            if isinstance(p, CaselessRegex)]
WORDS = st.sampled_from(["Why", "WHY", "how", "How Many", "many", "not", "NOT", "don't", "DIDN'T", "never", "they",
                         "Both", "the two", "because", "Due To", "aim", "Kim", "said", "SAYS", "according to", "whom",
                         "quote", "words", "first", "Only", "Unable", "failed", "what", "is", "the", "purpose", "of",
                         "how long", "when did", "old", "US", "Ōsaka", "ſ", "K", "İ", "’s", "\u212a", "\n", "?"])
TEXT = st.lists(st.tuples(WORDS, st.sampled_from([" ", ", ", "-", "", "  "])), max_size=20).map(
    lambda parts: "".join(w + sep for w, sep in parts))


def test_caseless_patterns_have_no_capitals_but_escapes():
    assert len(CASELESS) >= 15
    for p in CASELESS:  # lowering the text matches these as re.I does only when their letters are lower case
        assert not any(c.isupper() for c in re.sub(r"\\[A-Za-z]", "", p.source)), p.source


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_caseless_patterns_find_what_the_case_blind_ones_find(text):
    for p in CASELESS:
        plain = re.compile(p.source, re.I)
        assert bool(p.search(text)) == bool(plain.search(text)), (p.source, text)
        assert [m.span() for m in p.finditer(text)] == [m.span() for m in plain.finditer(text)], (p.source, text)
        assert [str(w).lower() for w in p.findall(text)] == [str(w).lower() for w in plain.findall(text)], text


def _plain_measured(question: str) -> list[str]:
    m = re.search(absent._MEASURE.source, question, re.I)
    if m and m.group(2):
        return tokenize(m.group(2))
    if m and m.group(1).lower() in absent._COUNTS:
        return []
    words = absent.WORDS.findall(question.split("?", 1)[0])
    if ((m and m.group(1).lower() in absent._AUXILIARIES) or re.search(absent._WHEN_DID.source, question, re.I)) \
            and words:
        return tokenize(words[-1].strip(".?!"))
    if m:
        return tokenize(m.group(1))
    of = re.search(absent._WHAT_OF.source, question, re.I)
    return tokenize(of.group(1)) if of and of.group(1).lower() not in absent._KINDS_OF else []


MEASURED = ["How many US soldiers died?", "how much did it cost", "How old is Kim?", "When did the talks start?",
            "What is the population of Osaka?", "what's the NAME of it", "How many times did they meet?",
            "HOW MUCH DID THE US PAY", "how long did it last", "What did Kim say about the US?",
            "What did the Ōsaka mayor SAY?", "what does kim want from russia"]


def test_measured_and_asked_speakers_read_words_from_the_question_as_written():
    for question in MEASURED:
        assert intent.measured(question) == _plain_measured(question), question
        m = re.search(quotes._ASKED_NAMES.source, normalise(question), re.I)
        assert asked_speakers(question) == (m.group(1) if m else ""), question


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["Kim", "Putin", "said", "says", "told", "according to", "the", "Ministry",
                                 "of", "Defence", "called", "it", '"', "vows", "stated", "Sa", "id", ",", "."]),
                max_size=25).map(" ".join))
def test_speakers_only_skip_the_patterns_where_they_cannot_match(text):
    plain_text = normalise(text)
    found = [m.group(1) for p in (quotes._SPEAKER_BEFORE, quotes._SPEAKER_AFTER, quotes._ACCORDING)
             for m in p.finditer(plain_text)]
    bare = (n.rstrip(".").removesuffix("'s").removesuffix("'") for n in found)
    assert speakers.__wrapped__(text) == tuple(dict.fromkeys(n for n in bare if n.lower() not in quotes._NOT_NAMES))


def test_confidence_scores_match_the_clipped_network():
    c = confidence.CONFIDENCE_ARRAYS
    rng = np.random.default_rng(7)
    rows = np.vstack([rng.normal(0.0, 3.0, (40, c["mean"].size)), rng.normal(0.0, 300.0, (4, c["mean"].size)),
                      np.full((1, c["mean"].size), np.nan)])

    def plain(rows):
        hidden = np.maximum((rows - c["mean"]) / c["scale"] @ c["hidden"] + c["bias"], 0.0)
        return 1.0 / (1.0 + np.exp(-np.clip(hidden @ c["out"] + c["out_bias"], -50.0, 50.0)))

    assert confidence.confidence_scores(rows).tobytes() == plain(rows).tobytes()
    for i in range(len(rows)):  # one row, as answering asks (a matrix product of one row may round otherwise)
        assert confidence.confidence_scores(rows[i:i + 1]).tobytes() == plain(rows[i:i + 1]).tobytes()


def _plain_bonuses(question, terms, sentences, names, lede="", before=None, subject=frozenset()) -> np.ndarray:
    """intent.bonuses as numpy arrays, one a bonus kind."""
    out = intent.TYPE_BONUS * np.array(intent._plural_bonus(question, sentences, names, lede), dtype=float)
    if asks_words(question):
        wanted = set(tokenize(asked_speakers(question)))
        for i, (text, nm, prev) in enumerate(zip(sentences, names, before or [""] * len(sentences))):
            spoken = {t for who in speakers(text) for t in (*tokenize(who), *nm.extra(who))}
            if spoken and wanted and spoken & wanted:
                rest = terms - wanted - intent._terms("saying") - set(tokenize(f"{prev} {text}")) - nm.extra(text)
                out[i] += intent.WORDS_BONUS * (1 + quoting(text)) if not rest else intent.TYPE_BONUS
            elif spoken and not wanted:
                out[i] += intent.TYPE_BONUS
    if desire_terms() & terms:
        out += intent.TYPE_BONUS * np.array([wanting(s, terms - desire_terms(), nm, NEAR)
                                             for s, nm in zip(sentences, names)])
        if subject:
            out += intent.WANTS_BONUS * np.array([wanting(s, set(subject), nm, asks.SUBJECT_NEAR) == 1.0
                                                  for s, nm in zip(sentences, names)], dtype=float)
    if not re.search(intent._NEGATED.source, question, re.I):
        out -= intent.NEGATION_COST * np.array([intent._negated(x) for x in sentences])
    purpose = asks_why(question)
    if purpose is not None:
        out += intent.WHY_BONUS * np.array([gives_reason(s, terms, purpose) for s in sentences], dtype=float)
    if asks_count(question):
        out += intent.COUNT_BONUS * np.array([type_bonus("number", s, question) for s in sentences])
    kind = answer_type(question)
    if kind is not None:
        how_long = bool(re.search(r"\bhow long\b", question, re.I))
        out += intent.TYPE_BONUS * np.array([holds_kind(kind, how_long, s, terms, nm)
                                             for s, nm in zip(sentences, names)])
    return out


BONUS_QUESTIONS = ["What did Putin say about the visit?", "who said the talks were useful", "Why did Kim come?",
                   "what does kim want from russia", "How many days did the visit last?", "where did they meet",
                   "When did the two leaders meet?", "Who did Putin not meet?", "how long did the talks last",
                   "what caused the meeting", "according to whom was it useful", "What do both sides want?"]


def test_bonuses_in_floats_are_the_array_sums():
    corpus = Corpus.from_text(ARTICLE)
    names = Names.from_text(ARTICLE)
    texts = [x.text for x in corpus.sentences]
    before = ["", *texts[:-1]]
    for question in BONUS_QUESTIONS:
        terms = set(tokenize(question))
        subject = asks.wanter(question, tokenize(question))
        args = (question, terms, texts, [names] * len(texts), texts[0], before, subject)
        assert intent.bonuses(*args).tobytes() == _plain_bonuses(*args).tobytes(), question


@given(st.text(max_size=40), st.text(max_size=40))
def test_two_texts_joined_by_a_space_have_the_terms_of_each(a, b):
    assert tokenize(f"{a} {b}") == tokenize(a) + tokenize(b)


def test_name_terms_and_content_terms_on_cased_and_uncased_questions():
    retriever = Retriever(Corpus.from_text(ARTICLE))
    for question in ["Where did Kim meet Putin?", "where did kim meet putin", "What did Jong Un say?",
                     "Ōsaka: did Kim go there?", "what do both leaders want", "Did the two sides agree?"]:
        terms = tokenize(question)
        own = set(terms)
        if any(c.isupper() for c in question[1:]):
            own = {t for w in re.findall(r"\b[A-Z][\w'-]*", question[1:]) for t in tokenize(w)} & own
        names = intent.evidence.of(retriever).names(1)
        found = {t for term in own for t in (names.owner(frozenset({term})) or ()) if t not in own}
        assert intent.name_terms(question, terms, retriever) == sorted(found - set(terms)), question
        drop = set(asks.LIGHT_VERBS) | {t for m in intent._BOTH_X.finditer(question) for t in tokenize(m.group(1))}
        assert intent.content_terms(terms, question) == ([t for t in terms if t not in drop] or terms), question


def _plain_holds_kind(kind, how_long, sentence, asked, names) -> float:
    """kinds.holds_kind as it tested one sentence with sets of terms."""
    if kind == "who":
        return max(((0.5 if frozenset(near).isdisjoint(asked) else 1.0) * weight
                    for terms, near, weight in kinds._who_runs(sentence, names)
                    if frozenset(terms).isdisjoint(asked)), default=0.0)
    if kind == "where":
        return max((0.5 if frozenset(near).isdisjoint(asked) else 1.0
                    for runs, near in kinds._where_places(sentence, names)
                    if any(frozenset(terms).isdisjoint(asked) for terms in runs)), default=0.0)
    if kind in ("when", "number"):
        return float(any(not frozenset(terms) <= asked for terms in kinds._kind_terms(kind, how_long, sentence)))
    return 0.0


def test_kinds_of_a_question_all_at_once_are_each_sentences():
    names = Names.from_text(ARTICLE)
    texts = [x.text for x in Corpus.from_text(ARTICLE).sentences] + ARTICLE.split("\n\n")
    for asked in ({"meet"}, {"kim", "putin"}, {"vostochni", "cosmodrom"}, {"russia", "visit", "day"}, set()):
        for kind, how_long in (("who", False), ("where", False), ("when", False), ("number", False),
                               ("number", True), (None, False)):
            plain = [_plain_holds_kind(kind, how_long, t, asked, names) for t in texts]
            assert kinds.holds_kinds(kind, how_long, texts, asked, [names] * len(texts)) == plain, (kind, asked)
