"""tokenize: one analysis for passages and questions, with exact outputs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askbot import tokenize
from askbot.analysis import STOPWORDS, normalise


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        # the docstring example: curly apostrophe, hyphenated word and its parts, stemming
        ("Russia’s five-hour meeting", ["russia", "five-hour", "five", "hour", "meet"]),
        ("Russia's", ["russia"]),
        ("Hours", ["hour"]),
        ("Running runners", ["run", "runner"]),
        ("The engineers opened the bridges", ["engin", "open", "bridg"]),
        # abbreviations with dots stay searchable, with or without dots
        ("The U.S. and the U.N.", ["u.s", "u.n"]),
        ("US and UN and UK", ["u.s", "u.n", "u.k"]),
        ("U.S.-led talks", ["u.s", "lead", "talk"]),
        ("NATO", ["nato"]),
        # numbers: thousands separators dropped, decimals kept
        ("40,000 cars", ["40000", "car"]),
        ("$2.4 billion", ["2.4", "billion"]),
        ("in 2021", ["2021"]),
        ("On Sept. 13", ["septemb", "13"]),
        # unicode compatibility forms and case
        ("ﬁve ＦＵＬＬ", ["five", "full"]),
        ("Résumé CAFÉ", ["résumé", "café"]),
        ("“Quoted” words", ["quot", "word"]),
        # stopwords, question words included, with either apostrophe
        ("What did they say?", []),
        ("Who, when, where, why, how, which?", []),
        ("don’t stop", ["stop"]),
        ("don't stop", ["stop"]),
        ("", []),
        ("  ...  ", []),
    ],
)
def test_tokenize_exact(text, terms):
    assert tokenize(text) == terms


def test_question_words_are_stopwords():
    assert {"who", "what", "when", "where", "why", "how", "which", "whom", "whose"} <= STOPWORDS


def test_hyphenated_word_matches_its_parts():
    assert "hour" in tokenize("a five-hour meeting")
    assert "hour" in tokenize("How many hours?")
    assert set(tokenize("low-carbon concrete")) >= {"low-carbon", "low", "carbon", "concret"}


def test_curly_and_straight_apostrophes_tokenize_alike():
    assert tokenize("Ruiz’s office") == tokenize("Ruiz's office") == tokenize("Ruiz office") == ["ruiz", "offic"]
    assert tokenize("the bridge’s concrete") == tokenize("the bridge concrete")


def test_acronyms_match_with_and_without_dots():
    assert tokenize("U.S.") == tokenize("US") == tokenize("u.s.") == ["u.s"]
    assert tokenize("U.N. resolutions") == tokenize("UN resolutions") == ["u.n", "resolut"]
    assert tokenize("us") == []  # the pronoun stays a stopword


def test_capitalised_short_stopwords_are_not_acronyms():
    # a question in capitals means the same as in lower case
    assert tokenize("WHO IS THE MAYOR?") == tokenize("who is the mayor?") == ["mayor"]
    assert tokenize("IT WAS IN DECEMBER") == ["decemb"]


def test_same_function_serves_passage_and_question():
    passage = tokenize("Work stopped twice: once for a strike in 2021 and once for floods.")
    question = tokenize("Why did work stop?")
    assert question == ["work", "stop"]
    assert set(question) <= set(passage)


def test_normalise_straightens_quotes_and_hyphens_and_keeps_case():
    assert normalise("Kim’s ‘big’ “day” – non‑stop ﬁ") == "Kim's 'big' \"day\" - non-stop fi"


def test_max_terms_bounds_the_words_read():
    assert tokenize("bridge ferry tolls concrete", max_terms=2) == ["bridg", "ferri"]


@pytest.mark.parametrize("value", [None, b"bytes", 3, ["a list"]])
def test_tokenize_takes_only_str(value):
    with pytest.raises(TypeError, match="tokenize\\(\\) takes a str"):
        tokenize(value)


@settings(database=None, max_examples=200)
@given(st.text(max_size=200))
def test_tokenize_is_total_and_gives_lowercase_non_empty_terms(text):
    terms = tokenize(text)
    assert all(isinstance(t, str) and t for t in terms)
    assert all(t == t.lower() for t in terms)


def _slow_terms(word: str) -> tuple[str, ...]:
    from askbot.analysis import _word_terms

    return tuple(t for t in _word_terms(word) if t)


@pytest.mark.parametrize("word", ["US", "UN", "IS", "it", "Running", "ΑΘΗΝΑ", "İstanbul", "a", "Sept", "met",
                                  "ﬁve", "Ab", "AB", "Résumé", "straße"])
def test_a_word_of_letters_takes_the_short_way_to_the_same_terms(word):
    from askbot.analysis import _uncached_terms

    assert _uncached_terms(word) == _slow_terms(word)


@given(st.text(max_size=40))
def test_every_word_has_the_same_terms_on_either_way(text):
    from askbot.analysis import _uncached_terms, text_words

    for word in text_words(text):
        assert _uncached_terms(word) == _slow_terms(word)
