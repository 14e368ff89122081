"""Answer-type cues, question words and sentence classes (ranker features)."""

from __future__ import annotations

import pytest

from askbot import Corpus, Retriever, tokenize
from askbot.cues import SENTENCE_CLASSES, WH_WORDS, answer_type, sentence_classes, wh_word
from askbot.features import NAMES, Question, article_bigram_share


@pytest.mark.parametrize(("question", "word"), [
    ("How many cars cross it?", "how_many"), ("How much did it cost?", "how_many"), ("Whom did she meet?", "who"),
    ("Why did work stop?", "why"), ("In which year?", "which"), ("Tell me about the tolls.", None),
])
def test_wh_word(question, word):
    assert wh_word(question) == word
    assert word is None or word in WH_WORDS


def test_sentence_classes_count_only_what_the_question_lacks():
    classes = dict(zip(SENTENCE_CLASSES, sentence_classes(
        'It opened in 1998 because the "old" ferry, known as Maria, was slow.', "When did the bridge open?")))
    assert classes == {"new_year": 1.0, "new_number": 1.0, "new_capital": 1.0, "cause": 1.0, "naming": 1.0,
                       "aside": 1.0}
    assert sentence_classes("It opened in 1998.", "Did it open in 1998?")[:2] == (0.0, 0.0)
    assert answer_type("When did it open?") == "when"


def test_feature_names_cover_the_new_columns():
    assert NAMES[-len(SENTENCE_CLASSES) - 1:-1] == SENTENCE_CLASSES and NAMES[-1] == "related_coverage"
    assert len(set(NAMES)) == len(NAMES) == 19 + len(WH_WORDS) + len(SENTENCE_CLASSES)


def test_article_bigram_share(bridge):
    retriever = Retriever(bridge)

    def share(question: str) -> float:
        return article_bigram_share(Question(question, tokenize(question), retriever), retriever)

    assert share("Who opened the Harbor Bridge?") == 1.0
    assert share("Who closed the purple lighthouse?") == 0.0
    assert share("Bridge?") == 1.0  # no pairs
    empty = Retriever(Corpus.from_text("Nothing here."))
    assert article_bigram_share(Question("Harbor Bridge", tokenize("Harbor Bridge"), empty), empty) == 0.0
