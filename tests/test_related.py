"""Words of related and opposite meaning (WordNet 3.0) and the features built on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from askbot import Corpus, Retriever, tokenize
from askbot.answer import _antonym
from askbot.evidence import sentence_terms
from askbot.features import NAMES, Question, candidates
from askbot.related import opposites, related

TABLE = Path(__file__).resolve().parent.parent / "src" / "askbot" / "related.txt"


@pytest.mark.parametrize(("word", "other"), [
    ("lent", "loans"), ("loans", "lent"), ("argued", "contend"), ("fought", "battle"), ("escape", "evasion"),
])
def test_related_joins_words_the_stemmer_cannot(word, other):
    (a,), (b,) = tokenize(word), tokenize(other)
    assert a != b and b in related(a)


@pytest.mark.parametrize("stem", ["", "valdoria", "no such stem", "lend loan"])
def test_unknown_stems_have_no_relations(stem):
    assert related(stem) == frozenset()


def test_the_table_is_sorted_one_stem_a_line_and_never_relates_a_stem_to_itself():
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    keys = [line.split("\t")[0] for line in lines]
    assert keys == sorted(set(keys)) and len(keys) > 30_000
    for line in lines:
        key, rest = line.split("\t")
        stems = rest.split(" ")
        assert key and all(stems) and key not in stems and stems == sorted(set(stems)), line


def test_relations_go_both_ways():
    for line in TABLE.read_text(encoding="utf-8").splitlines()[::53]:
        key, rest = line.split("\t")
        assert all(key in related(other) for other in rest.split(" ")), key


def test_every_stem_of_the_table_is_found_by_the_binary_search():
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    keys = {line.split("\t")[0] for line in lines}
    for line in lines[:3] + lines[::97] + lines[-3:]:
        key, rest = line.split("\t")
        assert related(key) == frozenset(rest.split(" ")), key
        assert related(key[:-1]) == frozenset() or key[:-1] in keys  # a key's prefix is no key by accident


def test_related_coverage_counts_a_related_word_as_held(bridge):
    retriever = Retriever(bridge)
    q = Question("Who lent money to the project?", tokenize("Who lent money to the project?"), retriever)
    cands, rows = candidates(q, retriever.search(q.terms, 5), retriever)
    column = dict(zip(NAMES, rows.T))
    by_id = {c.sentence.id: (cov, rel) for c, cov, rel in zip(cands, column["coverage"], column["related_coverage"])}
    cov, rel = by_id[5]  # "The project relied on loans from the U.S. ...": "loans" for "lent"
    assert cov == pytest.approx(q.share({"project"})) and rel == pytest.approx(q.share({"project", "lend"}))
    assert all(r == c for i, (c, r) in by_id.items() if i != 5)  # nothing else relates to "lend" or "money"


OPPOSITE = TABLE.with_name("opposite.txt")


def test_opposites_are_wordnet_antonyms_both_ways():
    assert opposites(tokenize("increase")[0]) == frozenset(tokenize("decrease"))
    assert tokenize("illegal")[0] in opposites(tokenize("legal")[0])
    assert opposites("valdoria") == frozenset()
    for line in OPPOSITE.read_text(encoding="utf-8").splitlines()[::41]:
        key, rest = line.split("\t")
        assert all(key in opposites(other) for other in rest.split(" ")), key


@pytest.mark.parametrize(("sentence", "edited"), [
    ("The cost decreased in 2020.", True),  # "increase" asked, its antonym written
    ("The cost increased in 2020.", False),
    ("The cost rose in 2020.", False),
])
def test_an_antonym_of_a_question_term_marks_an_edited_question(sentence, edited):
    retriever = Retriever(Corpus.from_text(sentence))
    question = "Why did the cost increase in 2020?"
    q = Question(question, tokenize(question), retriever)
    assert _antonym(q, frozenset(sentence_terms(sentence))) is edited


def test_a_question_with_both_words_is_not_edited():
    retriever = Retriever(Corpus.from_text("The cost decreased in 2020."))
    question = "Did the cost increase or decrease?"
    q = Question(question, tokenize(question), retriever)
    assert not _antonym(q, frozenset(sentence_terms("The cost decreased in 2020.")))
