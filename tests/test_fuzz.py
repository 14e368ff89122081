"""Property tests: for any article text and any question, ``ask`` gives an
Answer whose citations are sentences of the corpus, whose [n] markers are its
citations, and whose offsets slice back, or raises an AskbotError for the
documented cases; the CLI batch mode survives random bytes."""

from __future__ import annotations

import io
import itertools
import json
import re
import sys
import warnings
from contextlib import redirect_stderr, redirect_stdout

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import askbot
from askbot import loading
from askbot.cli import main
from askbot.errors import CorpusError, QuestionError
from askbot.render import clean
from askbot.segment import rule_split

FUZZ = settings(max_examples=150, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARK = re.compile(r"\[(\d+)\]")

words = st.sampled_from(["The", "bridge", "opened", "in", "1932", "U.S.", "Gen.", "Ruiz", "said", "ferry",
                         "toll", "[3]", "\u2019s", "e.g.", "—", "\x1b[31m", "caf\u00e9", "桥", "🌉", "3.5"])
punct = st.sampled_from([".", "!", "?", ",", ";", "", " ", "\n", "\n\n", "...", "\u201d"])
article_like = st.lists(st.tuples(words, punct), max_size=80).map(lambda ws: " ".join(w + p for w, p in ws))
any_text = st.one_of(article_like, st.text(max_size=400))
questions = st.one_of(st.text(max_size=200), article_like.map(lambda t: t[:200]))


def check_answer(answer: askbot.Answer, question: str, corpus: askbot.Corpus) -> None:
    assert answer.question == question
    assert answer.found == bool(answer.citations)
    assert 0.0 <= answer.confidence <= 1.0
    for c in answer.citations:
        sentence = corpus.sentence(c.id)
        assert (sentence.text, sentence.start, sentence.end, sentence.passage_id) == (c.text, c.start, c.end, c.passage)
        assert corpus.document(c.document).text[c.start:c.end] == c.text
    assert [int(n) for n in MARK.findall(answer.text)] == [c.id for c in answer.citations]


@FUZZ
@given(text=any_text, question=questions)
def test_ask_on_any_article_and_question(text, question):
    corpus = askbot.Corpus.from_text(text)
    doc = corpus.documents[0].text
    assert all(doc[s.start:s.end] == s.text and s.text == s.text.strip() and s.text for s in corpus.sentences)
    assert [s.id for s in corpus.sentences] == list(range(1, len(corpus.sentences) + 1))
    retriever = askbot.Retriever(corpus)
    if not question.strip():
        try:
            askbot.ask(question, retriever)
        except QuestionError:
            return
        raise AssertionError("a blank question must raise QuestionError")
    check_answer(askbot.ask(question, retriever), question, corpus)
    for hit in retriever.search(question, k=3):
        assert hit.score > 0 and corpus.passage(hit.passage.id) == hit.passage


@FUZZ
@given(data=st.binary(max_size=600))
def test_any_file_bytes_load_or_raise_corpus_error(data, tmp_path):
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", loading.CorpusWarning)
            corpus = askbot.Corpus.from_path(path)
    except CorpusError as e:
        assert str(e).startswith(f"{path}: ")
        return
    assert corpus.sentences, "a loaded article has at least one sentence"
    check_answer(askbot.ask("When did the bridge open?", askbot.Retriever(corpus)), "When did the bridge open?",
                 corpus)


@settings(max_examples=60, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=500),
                      st.lists(st.sampled_from([b"Who is the mayor?", b"", b"  ", b"\xff\xfe", b"\x00", b"\x1b[2J",
                                                b"\r", "🌉".encode(), b"bridge"]), max_size=12).map(b"\n".join)))
def test_cli_batch_mode_over_random_bytes(data, bridge_path):
    expected = [line.decode("utf-8", errors="replace").strip() for line in re.split(rb"\r\n|\r|\n", data)]
    expected = [q for q in expected if q]
    out, err = io.StringIO(), io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--corpus", str(bridge_path), "ask", "--json", "-"])
    finally:
        sys.stdin = stdin
    assert (code, err.getvalue()) == (0, "")
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["question"] for line in lines] == expected
    assert all(line.isascii() and line.isprintable() for line in lines)


_RAW = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@settings(max_examples=300)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | st.lists(
    st.sampled_from(["\x1b[", "\x1b]", "\x1bP", "\x1b\\", "\x07", "\x9b", "31m", ";", "2J", "a", " ", "\n", "\u202e"]),
    max_size=30).map("".join))
def test_clean_leaves_no_control_character(text):
    assert not _RAW.search(clean(text))
    kept = clean(text, keep_newlines=True)
    assert not _RAW.search(kept.replace("\n", ""))


@settings(max_examples=150)
@given(text=any_text)
def test_rule_split_spans_are_ordered_trimmed_sentences(text):
    spans = rule_split(text, 0, len(text))
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert all(text[s:e] and text[s:e] == text[s:e].strip() for s, e in spans)
    assert sum(len(text[s:e].split()) for s, e in spans) == len(text.split())
