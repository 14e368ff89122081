"""Other names for the same person or place, found in the article itself (aliases.py).

tests/data/summit.txt is an invented news article: "Norland's prime minister
Pel Toran Ruk" is later "Toran Ruk", "Ostmark's chancellor Ana Sofia Marin" is
later "Marin" and "Sofia Marin", and "The United Provinces" is later "the U.P."
"""

from __future__ import annotations

from pathlib import Path

import pytest

import askbot
from askbot import features
from askbot.aliases import Names, demonym_bases, demonyms, initials, rewrite
from askbot.analysis import tokenize

SUMMIT = Path(__file__).parent / "data" / "summit.txt"


@pytest.fixture(scope="module")
def summit() -> askbot.Retriever:
    return askbot.Retriever(askbot.Corpus.from_path(SUMMIT))


@pytest.fixture(scope="module")
def names() -> Names:
    return Names.from_text(SUMMIT.read_text(encoding="utf-8"))


def test_full_names_and_what_the_article_calls_them(names):
    people = {frozenset({"pel", "toran", "ruk"}), frozenset({"ana", "sofia", "marin"})}
    assert people <= set(names.full)
    assert names.described[frozenset({"pel", "toran", "ruk"})] == {"norland", "prime", "minist"}
    assert names.described[frozenset({"ana", "sofia", "marin"})] == {"ostmark", "chancellor"}
    assert names.by_initials["UP"] == ["unit", "provinc"]


def test_a_short_mention_stands_for_its_one_full_name(names):
    assert names.extra("Toran Ruk promised to lift the grain tariffs.") == {"pel", "norland", "prime", "minist"}
    assert names.extra("Sofia Marin said the talks had been frank.") == {"ana", "ostmark", "chancellor"}
    assert names.extra("Marin flew in from Lindau.") == {"ana", "sofia", "ostmark", "chancellor"}
    assert names.extra("Critics said the prime minister had given away too much.") == frozenset()


def test_a_mention_that_fits_two_names_stands_for_neither():
    names = Names.from_text("Kim Jong Un arrived. Kim Yo Jong, his sister, came too. Later Jong Un spoke and Kim left.")
    assert names.extra("Jong Un spoke.") == {"kim"}  # only Kim Jong Un has "Un"
    assert names.extra("Kim left.") == frozenset()  # Kim Jong Un or Kim Yo Jong
    assert names.extra("Jong smiled.") == frozenset()


def test_titles_that_are_words_elsewhere_and_demonyms_are_not_name_words():
    text = ("Russian President Vladimir Putin met the press. The president of Russia spoke. "
            "Putin left, and a Russian official stayed.")
    names = Names.from_text(text)
    assert names.full == (frozenset({"vladimir", "putin"}),)
    assert names.described[names.full[0]] == {"russian", "russia", "presid"}  # a demonym holds its place
    assert names.extra("Putin left.") == {"vladimir", "russian", "russia", "presid"}
    assert names.extra("A Russian official stayed.") == frozenset()


def test_demonyms_both_ways():
    assert {"Russia"} <= set(demonym_bases("Russian")) and {"China"} <= set(demonym_bases("Chinese"))
    assert {"Ukraine"} <= set(demonym_bases("Ukrainian")) and {"Israel"} <= set(demonym_bases("Israeli"))
    assert {"Russian"} <= set(demonyms("Russia")) and {"Chinese"} <= set(demonyms("China"))
    assert demonym_bases("Ian") == [] and initials(["The", "United", "States", "of", "America"]) == "USA"


@pytest.mark.parametrize(("question", "vocabulary", "expected"), [
    ("What did the Russian envoy want?", "Russia envoy want", ["russia", "envoy", "want"]),
    ("What does Russia want?", "Russian want", ["russian", "want"]),
    ("What did the United States say?", "U.S.", ["u.s"]),
    ("What did the United Provinces say?", "U.P.", ["u.p"]),
    ("What did the Russian envoy want?", "Russia Russian envoy want", ["russian", "envoy", "want"]),  # known: kept
    ("What did the Martian envoy want?", "envoy want", ["martian", "envoy", "want"]),  # nothing to go to
])
def test_rewrite_puts_the_articles_form_for_a_word_it_never_uses(question, vocabulary, expected):
    known = set(tokenize(vocabulary))
    assert rewrite(question, tokenize(question), known.__contains__, lambda: Names({}, {})) == expected


def test_rewrite_spells_out_an_acronym_the_article_never_uses(summit, names):
    known = summit.index.vocab.__contains__
    assert rewrite("What did the UN say?", ["u.n", "say"], known, lambda: names) == ["u.n", "say"]  # no "UN" name
    assert rewrite("What did the UP say?", ["u.p", "say"], known, lambda: names) == ["u.p", "say"]  # article has U.P.
    spelled = Names.from_text("The United Nations met.")
    assert rewrite("What did the UN say?", ["u.n", "say"], {"unit", "nation"}.__contains__,
                   lambda: spelled) == ["unit", "nation", "say"]


@pytest.mark.parametrize(("question", "first_citation"), [
    ("What did Pel promise?", 7),  # "Toran Ruk promised ..."
    ("How did Pel Toran Ruk arrive?", 4),  # "Toran Ruk arrived by train ..."
    ("How did Pel arrive?", 4),
])
def test_questions_by_another_name_cite_the_sentence_that_answers(summit, question, first_citation):
    got = askbot.ask(question, summit)
    assert got.found and got.citations[0].id == first_citation


@pytest.mark.parametrize("question", ["What did Pel promise?"])
def test_without_aliases_a_short_name_cites_the_lead_instead(summit, question):
    # only the lead writes "Pel"; the sentence that answers says "Toran Ruk"
    assert askbot.ask(question, summit, aliases=False).citations[0].id == 1


def test_a_demonym_the_article_never_uses_is_no_unknown_word(summit):
    asked = askbot.ask("What did the Norlandian prime minister promise?", summit)
    plain = askbot.ask("What did the Norland prime minister promise?", summit)
    # the same best sentence: the prime minister's own words (his title holds "Norland", quotes.py)
    assert [c.id for c in asked.citations] == [c.id for c in plain.citations] == [7]
    assert asked.confidence == pytest.approx(plain.confidence, abs=0.05)


def test_without_the_rewrite_the_demonym_is_an_unknown_word_and_lowers_confidence(summit):
    asked = askbot.ask("What did the Norlandian prime minister promise?", summit).confidence
    plain = askbot.ask("What did the Norlandian prime minister promise?", summit, aliases=False).confidence
    # a word the article never uses counts against the answer: with the rewrite it is no unknown word
    assert plain < asked - 0.03


def test_in_a_folder_an_acronym_is_spelled_out_from_the_documents_the_question_finds(tmp_path):
    (tmp_path / "a.txt").write_text("Delegates of the United Nations met in Geneva to vote on the fishing ban.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("The Union Nursery sold tulips in Geneva.", encoding="utf-8")
    retriever = askbot.Retriever(askbot.Corpus.from_path(tmp_path))
    near = features.names_near(retriever, ["vote", "geneva"])
    assert near.by_initials["UN"] == ["unit", "nation"]  # a.txt comes first, as ids do
    got = askbot.ask("What did the UN vote on?", retriever)
    assert got.citations[0].document == 1 and got.confidence > 0.5


def test_names_survive_json(names):
    import json

    again = Names.from_json(json.loads(json.dumps(names.to_json())))
    assert again.full == names.full and again.described == names.described
    assert again.by_initials == names.by_initials
    with pytest.raises(ValueError, match="names are not"):
        Names.from_json({"names": [["pel"]], "initials": {}})
