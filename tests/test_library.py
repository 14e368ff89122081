"""The library as people call it: askbot.ask with any article, askbot.load, str(answer), short reprs."""

from __future__ import annotations

import askbot
from askbot import cli

WHEN = "When did the bridge open?"
OLD_ALL = ["Answer", "AskbotError", "Citation", "Corpus", "CorpusError", "CorpusTooLarge", "CorpusWarning",
           "Document", "Hit", "LuceneBM25", "Passage", "QuestionError", "Retriever", "Sentence", "Settings",
           "UsageError", "__version__", "ask", "tokenize"]


def test_nothing_public_was_renamed_or_removed():
    assert set(OLD_ALL) <= set(askbot.__all__)
    assert all(hasattr(askbot, name) for name in askbot.__all__)


def test_ask_without_an_article_uses_the_packaged_one():
    answer = askbot.ask("When did Putin and Kim Jong Un meet?")
    assert answer.found and answer.citations[0].id == 1
    assert answer.citations[0].text.startswith("On Sept. 13, Russian President Vladimir Putin")


def test_ask_takes_a_retriever_a_corpus_or_a_path(bridge_path, bridge, bridge_retriever):
    expected = askbot.ask(WHEN, bridge_retriever)
    assert askbot.ask(WHEN, bridge) == expected
    assert askbot.ask(WHEN, str(bridge_path)) == expected
    assert askbot.ask(WHEN, bridge_path) == expected
    assert [c.id for c in expected.citations] == [1]


def test_the_old_call_with_settings_and_overrides_still_works(bridge_retriever):
    strict = askbot.ask(WHEN, bridge_retriever, askbot.Settings(min_confidence=0.99))
    assert not strict.found
    assert not askbot.ask(WHEN, bridge_retriever, min_confidence=0.99).found
    assert askbot.ask(WHEN, bridge_retriever, k=1).citations[0].id == 1


def test_an_article_of_another_type_is_a_type_error(bridge_retriever):
    import pytest

    with pytest.raises(TypeError, match="expected a Retriever, a Corpus, a path or None, not int"):
        askbot.ask(WHEN, 3)


def test_load_returns_a_ready_retriever(bridge_path):
    packaged = askbot.load()
    assert isinstance(packaged, askbot.Retriever)
    assert (len(packaged.corpus.passages), len(packaged.corpus.sentences)) == (16, 23)
    assert packaged.corpus.documents[0].path.endswith("putin-kim-vostochny.txt")
    bridge = askbot.load(bridge_path)
    assert bridge.search(WHEN, k=1)[0].passage.id == 1


def test_str_of_an_answer_is_what_askbot_ask_prints(bridge_path, bridge_retriever, capsys):
    for question in (WHEN, "What is the capital of France?"):
        assert cli.main(["ask", "--corpus", str(bridge_path), question]) == 0
        assert capsys.readouterr().out == str(askbot.ask(question, bridge_retriever)) + "\n"


def test_values_have_short_reprs(bridge, bridge_retriever):
    answer = askbot.ask(WHEN, bridge_retriever)
    hit = bridge_retriever.search(WHEN, k=1)[0]
    shown = {
        repr(bridge): "Corpus('harbor bridge', 5 passages)",
        repr(bridge.documents[0]): "Document(1, 'harbor bridge', 'harbor-bridge.txt', 641 characters)",
        repr(bridge.passages[0]): "Passage(1, 0:171, 'On Sept. 13, engineers from Norway and…')",
        repr(bridge.sentences[1]): "Sentence([2] passage 1, 108:171, 'The bridge cost $2.4 billion, and it ca…')",
        repr(answer.citations[0]): "Citation([1] passage 1, 0:107, 'On Sept. 13, engineers from Norway and…')",
        repr(hit): f"Hit(passage 1, {hit.score:.4g})",
        repr(bridge_retriever): "Retriever(Corpus('harbor bridge', 5 passages))",
    }
    for got, expected in shown.items():
        assert got == expected
    assert repr(answer) == (f"Answer('When did the bridge open?', found=True, confidence={answer.confidence}, [1], "
                            "short='Sept. 13')")
