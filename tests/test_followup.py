"""Follow-up questions answered in the previous turn's context (followup.py, answer.ask(context=))."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import askbot
from askbot.followup import QUESTION_SHARE, Turn, ask_followup, context_of, leans_back, needs_context, turn_of

DATA = Path(__file__).parent / "data"

PAIRS = [json.loads(line) for line in (DATA / "amazon-followups.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def amazon() -> askbot.Retriever:
    return askbot.Retriever(askbot.Corpus.from_path(DATA / "amazon-rainforest.txt"))


def _ids(answer: askbot.Answer) -> list[int]:
    return [c.id for c in answer.citations]


def _after(first: str, question: str, retriever: askbot.Retriever) -> askbot.Answer:
    _, turn = ask_followup(first, retriever, None)
    answer, _ = ask_followup(question, retriever, turn)
    return answer


@pytest.mark.parametrize(("first", "question", "cited"), [
    ("What will happen to the ferry service?", "When?", 9),
    ("Who opened the Harbor Bridge?", "And when?", 1),
])
def test_a_bare_follow_up_is_answered_from_the_previous_turn(bridge_retriever, first, question, cited):
    assert not askbot.ask(question, bridge_retriever).found
    assert _ids(_after(first, question, bridge_retriever))[0] == cited


@pytest.mark.parametrize(("first", "question"), [
    ("Who opened the Harbor Bridge?", "How much did it cost?"),
    ("What did the U.N. praise?", "Why did work stop?"),
    ("Why did work stop?", "When was the strike?"),
    ("Where did the loans come from?", "What did critics say about them?"),
])
def test_a_question_that_stands_alone_gets_the_same_answer(bridge_retriever, first, question):
    assert _after(first, question, bridge_retriever) == askbot.ask(question, bridge_retriever)


def test_no_context_and_empty_context_change_nothing(bridge_retriever):
    for s in bridge_retriever.corpus.sentences:
        q = f"What about {s.text.split()[-2]}?"
        plain = askbot.ask(q, bridge_retriever)
        assert askbot.ask(q, bridge_retriever, context=None) == plain
        assert askbot.ask(q, bridge_retriever, context={}) == plain


def test_the_first_question_of_a_session_is_asked_alone(bridge_retriever):
    answer, turn = ask_followup("When?", bridge_retriever, None)
    assert answer == askbot.ask("When?", bridge_retriever)
    assert turn == Turn("When?", (), {})


@pytest.mark.parametrize(("question", "needs"), [
    ("When will it arrive?", True),  # leans on "it"
    ("And what did Putin want?", True),  # leading "and"
    ("By when?", True),  # no content terms
    ("why", True),
    ("when was that", True),
    ("What else did he say?", True),
    ("Who opened the Harbor Bridge in Valdoria?", False),
    ("What is the capital of France?", False),  # declined alone, and it stands alone all the same
    ("summarise this", False),  # the whole article, whatever came before
])
def test_questions_that_need_the_previous_turn(question, needs):
    assert needs_context(question) is needs


@pytest.mark.parametrize(("question", "leans"), [
    ("When will it arrive?", True),
    ("What book did she write?", True),
    ("what about the floods?", True),
    ("When did BSkyB end their analogue service?", False),  # "their" is BSkyB
    ("What did Luther say about his father?", False),
    ("How much did the bridge cost?", False),
])
def test_leans_back(question, leans):
    assert leans_back(question) is leans


def test_context_carries_the_previous_turn_below_full_weight_without_the_questions_own_terms(bridge_retriever):
    turn = turn_of(askbot.ask("What will happen to the ferry service?", bridge_retriever))
    context = context_of(turn, "How long did the ferry run?", bridge_retriever)
    assert "ferri" not in context  # the question's own term keeps its full weight
    assert context["servic"] <= QUESTION_SHARE
    assert "decemb" in context  # from the cited sentence [9]
    assert all(0 < share < 1 for share in context.values())


def test_at_least_fifteen_follow_up_pairs_each_naming_a_sentence_of_the_article():
    text = (DATA / "amazon-rainforest.txt").read_text(encoding="utf-8")
    assert len(PAIRS) >= 15
    assert all(text.count(p["cite"]) == 1 for p in PAIRS)


def test_follow_ups_are_answered_better_in_context(amazon):
    """bench/followup_eval.py asks the same pairs: the first citation is right more often in context than alone."""
    def right(answer: askbot.Answer, cite: str) -> bool:
        return bool(answer.citations) and cite in answer.citations[0].text

    alone = sum(right(askbot.ask(p["followup"], amazon), p["cite"]) for p in PAIRS)
    in_context = sum(right(_after(p["first"], p["followup"], amazon), p["cite"]) for p in PAIRS)
    assert (alone, in_context) == (12, 18)


@pytest.mark.parametrize("pair", [p for p in PAIRS if p["followup"] in ("When did he do it?", "By when?")])
def test_a_follow_up_with_no_terms_of_its_own_is_not_declined(amazon, pair):
    # its head-free coverage once divided by the question's own (empty) weight and
    # went out of [0, 1]; the confidence then declined it (0.04 and 0.02)
    answer = _after(pair["first"], pair["followup"], amazon)
    assert answer.found and pair["cite"] in answer.citations[0].text


def test_coverage_features_of_follow_ups_stay_shares(amazon, monkeypatch):
    import askbot.answer as answer_module

    seen = []
    real = answer_module.confidence_features

    def spy(ranked, q, retriever):
        row = real(ranked, q, retriever)
        seen.extend(v for n, v in zip(answer_module.CONFIDENCE_NAMES, row, strict=True) if n.endswith("coverage"))
        return row

    monkeypatch.setattr(answer_module, "confidence_features", spy)
    for p in PAIRS:
        _after(p["first"], p["followup"], amazon)
    assert seen and all(0.0 <= v <= 1.0 + 1e-9 for v in seen)
