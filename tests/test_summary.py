"""Whole-article questions: summary.py, routed from answer.ask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import askbot
from askbot.summary import MAX_SENTENCES, MIN_SENTENCES, summarize, summary_size, wants_summary

ARTICLE = Path(__file__).parents[1] / "corpus" / "putin-kim-vostochny.txt"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def article() -> askbot.Retriever:
    return askbot.Retriever(askbot.Corpus.from_path(ARTICLE))


@pytest.mark.parametrize("question", [
    "summarize the article", "Summarise this.", "what is this about", "what's the article about",
    "whats the story about", "tl;dr", "TL;DR", "tldr", "give me the gist", "sum it up", "summary please",
    "What is the article all about?", "main points", "in a nutshell",
])
def test_whole_article_questions(question):
    assert wants_summary(question)


@pytest.mark.parametrize("question", [
    "what is the meeting about", "what does the article say about ukraine", "summarize what kim said",
    "who is kim jong un", "what did the summit decide", "why",
])
def test_questions_about_something_in_the_article(question):
    assert not wants_summary(question)


def test_summarize_the_article_cites_three_sentences_in_article_order(article):
    answer = askbot.ask("summarize the article", article)
    assert answer.found and answer.confidence == 1.0
    assert [c.id for c in answer.citations] == [1, 2, 23]
    assert answer.text.endswith("are strengthening for now. [23]")


@pytest.mark.parametrize("question", ["what is this about", "tl;dr", "give me the gist"])
def test_every_form_gets_the_same_summary(article, question):
    assert [c.id for c in askbot.ask(question, article).citations] == [1, 2, 23]


@pytest.mark.parametrize(("path", "cited"), [
    (DATA / "harbor-bridge.txt", [1, 2]),
    (DATA / "amazon-rainforest.txt", [1, 2, 6, 86]),
])
def test_other_articles_get_two_to_four_sentences_in_order(path, cited):
    answer = askbot.ask("summarize the article", askbot.Retriever(askbot.Corpus.from_path(path)))
    ids = [c.id for c in answer.citations]
    assert ids == cited == sorted(ids)


def test_the_size_is_about_one_sentence_in_seven_within_two_and_four():
    assert [summary_size(n) for n in (1, 10, 23, 28, 94, 1000)] == [2, 2, 3, 4, 4, 4]
    assert (MIN_SENTENCES, MAX_SENTENCES) == (2, 4)


def test_excluded_sentences_are_left_out_and_the_next_best_come_in(article):
    first = summarize(article.corpus)
    again = summarize(article.corpus, exclude=frozenset(s.id for s, _ in first))
    assert [s.id for s, _ in again] == [5, 14, 16]


def test_everything_excluded_is_not_found(article):
    every = frozenset(s.id for s in article.corpus.sentences)
    answer = askbot.ask("tl;dr", article, exclude=every)
    assert (answer.found, answer.citations) == (False, ())


def test_summary_in_ask_json(article, capsys):
    from askbot import cli

    assert cli.main(["ask", "--json", "--corpus", str(ARTICLE), "summarize the article"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in out["citations"]] == [1, 2, 23]
