"""The short answer's fast span scores (spanscore.py) against the straightforward rows (spans.py), bit for bit."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from askbot import spans, spanscore
from askbot.analysis import tokenize
from askbot.corpus import Corpus
from askbot.phrase import _BLOCK_WEIGHTS, best_span, head_terms, kind

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "corpus" / "putin-kim-vostochny.txt"
QUESTIONS = ROOT / "tests" / "data" / "reader_questions.jsonl"


def _reference(text: str, asked, head, blocks) -> tuple[np.ndarray, np.ndarray]:
    flags, (first, last) = spans.token_flags(text, asked, head), spans.spans(text)
    return spans.linear_scores(flags, first, last, blocks), spans.only_asked(flags, first, last)


def _fast(text: str, asked, head, blocks) -> tuple[np.ndarray, np.ndarray]:
    table = spanscore.table(text)
    return spanscore.scores(table, spanscore.marked(table, asked), spanscore.marked(table, head), blocks)


def _same(text: str, question: str) -> None:
    asked, head = dict.fromkeys(tokenize(question)).keys(), head_terms(question)
    table = spanscore.table(text)
    first, last = spans.spans(text)
    assert spanscore.any_span(spans.sentence_tokens(text)[1]) == (table is not None)
    if table is None:
        assert not len(first)
        return
    assert table.first.tobytes() == first.tobytes() and table.last.tobytes() == last.tobytes()
    for name in {kind(question), "what", "when", "number"}:
        want, want_only = _reference(text, asked, head, _BLOCK_WEIGHTS[name])
        got, got_only = _fast(text, asked, head, _BLOCK_WEIGHTS[name])
        assert got.tobytes() == want.tobytes() and got_only.tobytes() == want_only.tobytes()


def _sentences() -> list[str]:
    return [s.text for s in Corpus.from_path(ARTICLE).sentences]


def _questions() -> list[str]:
    return [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]


def test_the_article_scores_equal_the_rows_bit_for_bit():
    for text in _sentences():
        for question in _questions()[:40]:
            _same(text, question)


def test_squad_style_sentences_score_the_same():
    text = ("The Normans (Norman: Nourmands; French: Normands; Latin: Normanni) were the people who in the 10th and "
            "11th centuries gave their name to Normandy, a region in France, costing $4.5 million (about 30%).")
    for question in ("In what country is Normandy located?", "When were the Normans in Normandy?",
                     "How much did it cost?", "What percentage was it?", "Which region gave its name?"):
        _same(text, question)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Putin", "met", "Kim", "on", "Sept.", "13", ",", "the", "five-hour", "$", "4", "€",
                                 "£", "%", "rocket", "launch", "(", ")", "—", "North", "Korea", "’s", "1998", "said",
                                 "x" * 3, "very", "few"]), min_size=0, max_size=40),
       st.sampled_from(["when did putin meet kim", "what rocket did north korea launch", "how many launches",
                        "who said the rocket", "where is korea", "what kind of rocket", "which launch was it"]))
def test_any_sentence_scores_the_same(words, question):
    _same(" ".join(words), question)


def test_warm_caches_answer_as_cold_ones():
    """Short answers with every cache cleared before each question equal those with warm caches."""
    texts, questions = _sentences(), _questions()
    pairs = [(q, texts[n % len(texts)]) for n, q in enumerate(questions)]
    for q, text in pairs:
        asked = frozenset(tokenize(q))
        warm = best_span(q, text, asked)
        spans._ROWS.clear()
        for cached in (spans.sentence_tokens, spans.term_set, spans._first_row, spanscore.table,
                       spanscore._cached_grid):
            cached.cache_clear()
        assert best_span(q, text, asked) == warm


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcUS.-'’ 19,\u2019\u00adé", max_size=30))
def test_terms_of_is_tokenize_as_a_set(text):
    assert spans.terms_of(text) == frozenset(tokenize(text))


def test_long_sentences_and_control_characters():
    text = "word " * 300 + "\x1b[31mred\x1b[0m end."
    _same(text, "what word is red")
    assert spans.sentence_tokens(text)[2].flags.aligned


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["$", "%", "€", ",", "—", "(", "£", "“"]), max_size=25))
def test_marks_alone_have_a_span_only_from_a_currency_sign_to_a_per_cent_sign(marks):
    text = " ".join(marks)
    assert spanscore.any_span(spans.sentence_tokens(text)[1]) == (spanscore.table(text) is not None)
    assert (spanscore.table(text) is None) == (not len(spans.spans(text)[0]))


def test_a_sentence_longer_than_the_kept_grids_and_distances():
    text = " ".join(f"w{n % 7}" for n in range(4500)) + " red end."
    _same(text, "what w3 is red")


def test_word_rows_are_made_when_missing_and_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(spans, "_MAX_ROWS", 3)
    spans._ROWS.clear()
    words = ("Putin", "met", "13", "the", "Kim", "met")
    want = [np.array(spans._flags(w, False), dtype=float).tobytes() for w in words]
    assert spans._word_rows(words) == want
    assert len(spans._ROWS) <= 3
    assert spans._word_rows(words) == want
    spans._ROWS.clear()
