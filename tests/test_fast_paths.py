"""The answer stage's shortcuts give what the plain computations give (kinds.py, confidence.py, answer.py).

Each test holds a shortcut against the straightforward code it replaces, written out here."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from askbot import Corpus, Retriever
from askbot.aliases import Names
from askbot.analysis import MAX_TERMS, tokenize
from askbot.answer import _best_first, _question_terms, rank_sentences
from askbot.asks import _CAUSE, _INFINITIVE, _NOT_VERBS, _PURPOSE, SUBJECT_NEAR, desire_terms, gives_reason, wanting
from askbot.asks import _WORDS as _ASK_WORDS
from askbot.confidence import _antonyms, _holds_antonym, _inserted, _slipped_in
from askbot.evidence import sentence_terms
from askbot.features import Question
from askbot.intent import _PLURAL, _plural_bonus, protagonists
from askbot.kinds import (
    _DURATION,
    _NUMBER,
    _PLACE,
    _RUN,
    _TIME,
    NEAR,
    WORDS,
    _kind_terms,
    _near_terms,
    _Words,
    terms_of,
)
from askbot.related import opposites

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "corpus" / "putin-kim-vostochny.txt").read_text(encoding="utf-8")
PIECES = st.sampled_from(["Putin", "Kim Jong Un", "met", "in", "at", "the", "Vostochny", "Cosmodrome", "of",
                         "U.S.", "Moscow's", "talks", "two-day", "1981", "a" * 60, "Sept.", "x-in", "’s", "Ōsaka"])
TEXT = st.lists(st.tuples(PIECES, st.sampled_from([" ", ", ", ". ", " (", "-", "  "])), max_size=80).map(
    lambda parts: "".join(w + sep for w, sep in parts))


def _plain_near_terms(sentence: str, m: re.Match) -> frozenset[str]:
    """The NEAR words either side of the match, as a word pattern finds them in 200-character cuts."""
    before = WORDS.findall(sentence[max(0, m.start() - 200):m.start()])[-NEAR:]
    after = WORDS.findall(sentence[m.end():m.end() + 200])[:NEAR]
    return frozenset(t for w in before + after for t in tokenize(w))


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_near_terms_of_a_sentences_words_are_those_of_its_cuts(text):
    words = _Words(text)
    for pattern in (_RUN, _PLACE):  # a run starts and ends at a word's edge; a place phrase ends inside one
        for m in pattern.finditer(text):
            assert _near_terms(text, m, words) == _near_terms(text, m) == _plain_near_terms(text, m)


def test_near_terms_on_the_article_and_its_paragraphs():
    for text in [ARTICLE, *ARTICLE.split("\n\n")]:  # the whole article: windows cut words at 200 characters
        words = _Words(text)
        for pattern in (_RUN, _PLACE):
            for m in pattern.finditer(text):
                assert _near_terms(text, m, words) == _plain_near_terms(text, m)


def _plain_antonym(q: Question, held: frozenset[str]) -> bool:
    return any(t not in held and (opposites(t) & held) - q.weights.keys() for t in q.weights)


def _plain_inserted(q: Question, held: frozenset[str], terms: tuple[str, ...]) -> bool:
    """``_inserted`` without its early way out: the walk over every run of the question's terms."""
    seq: list[str] = []
    for t in q.terms:
        if t in q.weights and (not seq or seq[-1] != t):
            seq.append(t)
    return _slipped_in(seq, held, terms)


QUESTIONS = ["Why did the cost increase in 2020?", "did the old launch site fail", "Who met Kim at the new cosmodrome?",
             "what did putin say about the first visit", "did the talks end early or late", "where did they meet",
             "Was the summit held in the north or the south of Russia?", "how long did the talks last"]


def test_antonyms_skipping_terms_held_everywhere_and_inserted_runs_match_the_plain_checks():
    retriever = Retriever(Corpus.from_path(ROOT / "corpus" / "putin-kim-vostochny.txt"))
    for question in QUESTIONS:
        ranked, q = rank_sentences(question, tokenize(question), retriever)
        for r in ranked:
            held = frozenset(sentence_terms(r.sentence.text))
            passage = frozenset(sentence_terms(retriever.corpus.passage(r.sentence.passage_id).text))
            antonyms = _antonyms(q, held & passage)
            assert _holds_antonym(antonyms, held) == _plain_antonym(q, held), (question, r.sentence.id)
            assert _holds_antonym(antonyms, passage) == _plain_antonym(q, passage), (question, r.sentence.id)
            terms = sentence_terms(r.sentence.text)
            assert _inserted(q, r.terms, terms) == _plain_inserted(q, r.terms, terms), (question, r.sentence.id)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=8), st.sets(st.sampled_from("abcde")),
       st.lists(st.sampled_from(["a", "b", "c", "d", "e", "x"]), max_size=12))
def test_inserted_matches_the_plain_walk(terms, held, sentence):
    retriever = Retriever(Corpus.from_text("a b c d e x."))
    q = Question(" ".join(terms), terms, retriever)
    held = frozenset(held) & q.weights.keys()
    assert _inserted(q, held, tuple(sentence)) == _plain_inserted(q, held, tuple(sentence))


@given(st.text(max_size=60) | st.text("abcXYZ019", min_size=1, max_size=12))  # the second: one plain word
def test_question_and_word_terms_are_tokenize(text):
    assert _question_terms(text) == tokenize(text, MAX_TERMS) == list(terms_of(text)) == tokenize(text)


@given(st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.0000000000000002, 2.5, -1.0, 3.0]), max_size=30), st.integers(1, 12))
def test_best_first_is_the_sort_by_score_then_index(scores, k):
    array = np.array(scores, dtype=float)
    plain = sorted(np.flatnonzero(array > 0), key=lambda i: (-array[i], i))[:k]
    assert _best_first(array, k).tolist() == [int(i) for i in plain]


def _plain_wanting(sentence: str, who: set[str], names, near: int) -> float:
    found = 0.0
    for m in _ASK_WORDS.finditer(sentence):
        if set(tokenize(m.group())) & desire_terms():
            span = " ".join(_ASK_WORDS.findall(sentence[:m.start()])[-near:])
            found = max(found, 1.0 if (set(tokenize(span)) | names.extra(span)) & who else 0.5)
    return found


def _plain_gives_reason(sentence: str, asked: set[str], purpose: bool) -> bool:
    if re.search(_CAUSE.source, sentence, re.I) or (purpose and re.search(_PURPOSE.source, sentence, re.I)):
        return True
    if not purpose:
        return False
    for m in _ASK_WORDS.finditer(sentence):
        if set(tokenize(m.group())) & asked:
            to = _INFINITIVE.match(sentence[m.end():])
            if to and to.group(1) not in _NOT_VERBS:
                return True
    return False


WANT_TEXT = st.lists(st.sampled_from(["Kim", "Putin", "wants", "seeks", "hoped", "to", "meet", "discuss", "because",
                                      "the", "aims", "so", "that", "came", "talks", ",", "Russia", "weapons"]),
                     max_size=30).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(WANT_TEXT, st.sets(st.sampled_from(["kim", "putin", "meet", "talk", "come", "russia", "discuss"])),
       st.booleans())
def test_kept_wanting_and_reasons_match_the_plain_word_walks(text, asked, purpose):
    names = Names.from_text(ARTICLE)
    for near in (NEAR, SUBJECT_NEAR):
        assert wanting(text, asked, names, near) == _plain_wanting(text, asked, names, near)
    assert gives_reason(text, asked, purpose) == _plain_gives_reason(text, asked, purpose)


def test_kept_wanting_reasons_and_plural_facts_on_the_article():
    names = Names.from_text(ARTICLE)
    sentences = [x.text for x in Corpus.from_text(ARTICLE).sentences]
    lede = sentences[0]
    for asked in ({"kim", "want"}, {"putin"}, {"meet", "cosmodrome"}, {"come", "russia"}, set()):
        for text in sentences:
            assert wanting(text, asked, names, NEAR) == _plain_wanting(text, asked, names, NEAR)
            for purpose in (True, False):
                assert gives_reason(text, asked, purpose) == _plain_gives_reason(text, asked, purpose)
    plain = [sum(bool(n & (set(sentence_terms(t)) | names.extra(t))) for n in protagonists(lede, names)) >= 2
             or bool(_PLURAL.search(t)) for t in sentences]
    assert _plural_bonus("where did they meet", sentences, [names] * len(sentences), lede) == plain


def _plain_kind_terms(kind: str, how_long: bool, sentence: str) -> tuple[frozenset[str], ...]:
    pattern = _TIME if kind == "when" else _DURATION if how_long else _NUMBER
    return tuple(frozenset(tokenize(m.group())) for m in pattern.finditer(sentence))


def _kind_sets(kind: str, how_long: bool, sentence: str) -> tuple[frozenset[str], ...]:
    return tuple(map(frozenset, _kind_terms.__wrapped__(kind, how_long, sentence)))


KIND_TEXT = st.lists(st.sampled_from(["On", "March", "MARCH", "4", "Sept.", "1999", "2023", "Twenty", "ONE", "once",
                                      "three-day", "Hours", "for", "YEARS", "last", "Week", "Monday", "the", "Ōsaka",
                                      "in", ",", "-", "  ", "may", "Decade"]), max_size=30).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(KIND_TEXT)
def test_kind_finds_on_lowered_ascii_text_are_the_case_blind_finds(text):
    for kind, how_long in (("when", False), ("number", False), ("number", True)):
        assert _kind_sets(kind, how_long, text) == _plain_kind_terms(kind, how_long, text)


def test_kind_finds_on_the_article_and_the_patterns_have_no_capitals():
    assert not any(c.isupper() for p in (_TIME, _NUMBER, _DURATION) for c in p.source)
    for text in [x.text for x in Corpus.from_text(ARTICLE).sentences] + ARTICLE.split("\n\n"):
        for kind, how_long in (("when", False), ("number", False), ("number", True)):
            assert _kind_sets(kind, how_long, text) == _plain_kind_terms(kind, how_long, text)
