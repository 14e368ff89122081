"""Conversations: followup.Conversation, `askbot ask --conversation`, and the session's bare commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import askbot
import test_cli
from askbot.followup import Conversation, bare_more, swapped
from askbot.repl import loop
from askbot.session import Session

ARTICLE = Path(__file__).parents[1] / "corpus" / "putin-kim-vostochny.txt"
run = test_cli.run  # the command line's fixture: main(argv) with stdin -> (status, out, err)


@pytest.fixture(scope="module")
def article() -> askbot.Retriever:
    return askbot.Retriever(askbot.Corpus.from_path(ARTICLE))


def _ids(answer: askbot.Answer) -> list[int]:
    return [c.id for c in answer.citations]


def _talk(retriever: askbot.Retriever, *questions: str) -> list[askbot.Answer]:
    conversation = Conversation(retriever)
    return [conversation.ask(q) for q in questions]


# --- a question that stands on its own ------------------------------------------------------------------

def test_the_capital_of_france_after_kim_is_declined_as_it_is_alone(article):
    kim, france = _talk(article, "Who is Kim Jong Un?", "What is the capital of France?")
    assert _ids(kim)[0] == 1
    assert france == askbot.ask("What is the capital of France?", article)
    assert (france.found, france.citations) == (False, ())


@pytest.mark.parametrize("first", ["Who is Kim Jong Un?", "why", "summarize the article", "what else did he say"])
@pytest.mark.parametrize("question", [
    "What is the capital of France?", "who won the world cup", "when did putin and kim meet",
    "was a deal made", "how much did the cosmodrome cost", "what does north korea want",
])
def test_a_question_that_stands_alone_is_answered_exactly_as_alone(article, first, question):
    assert _talk(article, first, question)[1] == askbot.ask(question, article)


@pytest.mark.parametrize(("first", "question", "cited"), [
    ("when did putin and kim meet", "where", [1]),
    ("when did putin and kim meet", "how long did it last", [1]),
    ("has north korea launched satellites before", "how many times did they fail", [12]),
])
def test_a_question_that_needs_the_previous_turn_gets_it(article, first, question, cited):
    alone = askbot.ask(question, article)
    followed = _talk(article, first, question)[1]
    assert followed != alone
    assert _ids(followed) == cited


@pytest.mark.parametrize("question", ["what did biden say about it", "and zelensky"])
def test_a_name_the_article_lacks_gets_no_help_from_the_previous_turn(article, question):
    answer = _talk(article, "what does north korea want", question)[1]
    assert answer == askbot.ask(question, article)
    assert not answer.found


# --- asking for more ------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", ["what else did he say", "what did he say next", "anything else?",
                                      "tell me more", "What else?"])
def test_requests_for_more_without_content_of_their_own(question):
    assert bare_more(question)


@pytest.mark.parametrize("question", ["who else could help them", "which country has more ammunition", "why"])
def test_questions_that_are_no_bare_request_for_more(question):
    assert not bare_more(question)


def test_what_did_she_say_next_cites_her_next_words(bridge_retriever):
    first, more, rest = _talk(bridge_retriever, "What did Ruiz say?", "What did she say next?", "anything else?")
    assert _ids(first)[0] == 3  # Mayor Elena Ruiz called it "a new spine for the city."
    assert _ids(more) == [4]  # Ruiz's office said the opening drew 12,000 people.
    assert more.question == "What did she say next?"
    assert (rest.found, rest.citations) == (False, ())  # nothing more of hers


def test_what_did_he_say_next_after_what_did_kim_say_cites_the_other_quote(article):
    first, more = _talk(article, "What did Kim say?", "What did he say next?")
    assert _ids(first)[0] == 17  # "Russia has risen to a sacred fight ..."
    assert _ids(more) == [21]  # "The Russian army and people will certainly win ..."


def test_a_request_for_more_asks_the_previous_question_again_without_the_answers_given(article):
    asked = []

    def stand_in(question, retriever, **settings):
        asked.append((question, settings.get("exclude", frozenset())))
        left = [n for n in (5, 6, 7) if n not in settings.get("exclude", ())]
        cites = tuple(askbot.Citation(n, n, f"sentence {n}", 0, 1, 1.0) for n in left[:2])
        return askbot.Answer(question, "...", bool(cites), 0.9 if cites else 0.0, cites)

    conversation = Conversation(article, stand_in)
    answers = [conversation.ask(q) for q in ("What did Ruiz say?", "what else did she say", "anything else?")]
    assert [_ids(a) for a in answers] == [[5, 6], [6, 7], [7]]
    assert asked == [("What did Ruiz say?", frozenset()), ("What did Ruiz say?", frozenset({5})),
                     ("What did Ruiz say?", frozenset({5, 6}))]
    conversation.ask("Who opened the bridge?")  # a question of its own starts a new thread
    assert conversation.given == {5}


def test_anything_else_after_a_summary_gives_the_next_summary(article):
    summary, more = _talk(article, "summarize the article", "anything else")
    assert (_ids(summary), _ids(more)) == ([1, 2, 23], [5, 14, 16])


@pytest.mark.parametrize(("question", "cited", "then"), [
    ("How much did the bridge cost?", 2, [1]),
    ("Who opened the bridge?", 1, [2]),
    ("What did Ruiz say?", 3, [4]),
])
def test_exclude_keeps_sentences_out_and_an_empty_one_changes_nothing(bridge_retriever, question, cited, then):
    plain = askbot.ask(question, bridge_retriever)
    assert askbot.ask(question, bridge_retriever, exclude=frozenset()) == plain
    assert _ids(plain)[0] == cited
    assert _ids(askbot.ask(question, bridge_retriever, exclude=frozenset({cited}))) == then
    every = frozenset(s.id for s in bridge_retriever.corpus.sentences)
    assert not askbot.ask(question, bridge_retriever, exclude=every).found


# --- "and Russia?" --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("previous", "question", "rewritten"), [
    ("What does North Korea want?", "And Russia?", "What does Russia want?"),
    ("what does putin want", "what about kim", "what does kim want"),
    ("who helps ukraine", "and who helps russia", None),  # a question of its own
    ("when did they meet", "and russia", None),  # no name to swap
    ("what does putin want", "and why", None),
])
def test_and_a_name_asks_the_previous_question_of_that_name(article, previous, question, rewritten):
    assert swapped(previous, question, article) == rewritten


def test_and_russia_is_answered_as_the_rewritten_question(article):
    _, answer = _talk(article, "what does putin want", "and north korea")
    expected = askbot.ask("what does north korea want", article)
    assert answer.question == "and north korea"
    assert (_ids(answer), answer.confidence) == (_ids(expected), expected.confidence)


# --- askbot ask --conversation ----------------------------------------------------------------------------

def test_conversation_json_answers_each_line_in_the_context_of_those_before(run):
    stdin = "when did putin and kim meet\n\nwhere\nWhat is the capital of France?\nsummarize the article\n"
    code, out, err = run("ask", "--conversation", "--json", "--corpus", str(ARTICLE), "-", stdin=stdin)
    assert (code, err) == (0, "")
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["question"] for o in objs] == ["when did putin and kim meet", "where",
                                             "What is the capital of France?", "summarize the article"]
    assert [[c["id"] for c in o["citations"]] for o in objs] == [[1], [1], [], [1, 2, 23]]
    assert [o["found"] for o in objs] == [True, True, False, True]


def test_without_conversation_each_line_is_asked_alone(run):
    code, out, _ = run("ask", "--json", "--corpus", str(ARTICLE), "-", stdin="when did putin and kim meet\nwhere\n")
    assert code == 0
    assert [json.loads(line)["found"] for line in out.splitlines()] == [True, False]


def test_conversation_answers_as_the_interactive_session_does(run, article):
    questions = ["What did Jong Un say at the meeting?", "what did he say next", "why", "tl;dr"]
    code, out, _ = run("ask", "--conversation", "--json", "--corpus", str(ARTICLE), "-",
                       stdin="\n".join(questions))
    assert code == 0
    session = Session(article)
    for line, question in zip(out.splitlines(), questions, strict=True):
        session.handle(question)
        assert [c["id"] for c in json.loads(line)["citations"]] == _ids(session.last)


def test_conversation_as_text(run, article):
    from askbot.render import as_text

    code, out, err = run("ask", "--conversation", "--corpus", str(ARTICLE), "-",
                         stdin="when did putin and kim meet\nwhere\n")
    assert (code, err) == (0, "")
    first, second = _talk(article, "when did putin and kim meet", "where")
    assert (_ids(first), _ids(second)) == ([1], [1])
    assert out == f"{as_text(first)}\n\n{as_text(second)}\n"  # answers apart by a blank line


@pytest.mark.parametrize("argv", [("ask", "--conversation", "who is putin"),
                                  ("ask", "--conversation", "--json", "who is putin")])
def test_conversation_without_stdin_questions_is_a_usage_error(run, argv):
    code, out, err = run(*argv, "--corpus", str(ARTICLE))
    assert (code, out) == (2, "")
    assert err == ("askbot: error: --conversation reads the conversation's questions from stdin, one a line: "
                   "askbot ask --conversation - (see 'askbot ask --help')\n")


def test_conversation_with_no_questions_prints_nothing(run):
    assert run("ask", "--conversation", "--json", "--corpus", str(ARTICLE), "-", stdin="\n \n") == (0, "", "")


# --- the session's bare commands ----------------------------------------------------------------------------

def _lines(*lines: str):
    it = iter(lines)

    def read() -> str:
        line = next(it, None)
        if line is None:
            raise EOFError
        return line
    return read, it


@pytest.mark.parametrize("word", ["exit", "quit", "q", "Quit", " EXIT ", "q!"])
def test_exit_quit_and_q_typed_alone_end_the_session(article, word):
    read, rest = _lines("who is putin", word, "never read")
    written: list[str] = []
    assert loop(Session(article).handle, read, lambda r: written.append(r.plain())) == 0
    assert len(written) == 1 and next(rest) == "never read"


def test_help_typed_alone_lists_the_commands(article):
    read, _ = _lines("help", "HELP?")
    written: list[str] = []
    loop(Session(article).handle, read, lambda r: written.append(r.plain()))
    assert written == [Session(article).handle("/help").plain()] * 2
    assert "/sources" in written[0]


@pytest.mark.parametrize("line", ["help me understand the deal", "quit the war", "q and a"])
def test_the_words_inside_a_question_are_a_question(article, line):
    reply = Session(article).handle(line)
    assert not reply.quit
    assert reply.plain() != Session(article).handle("/help").plain()


def test_bare_commands_in_the_session_over_a_pipe(run):
    code, out, err = run("--corpus", str(ARTICLE), stdin="help\nwhen did putin and kim meet\nquit\nwho is putin\n")
    assert (code, err) == (0, "")
    assert "/sources" in out and "[1] On **Sept. 13**" in out
    assert "[2]" not in out and "[5]" not in out  # "who is putin" (cites [1, 2, 5]), after quit, is not answered


def test_help_and_exit_typed_alone_in_a_terminal(tmp_path):
    import os

    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "ASKBOT_HOME": str(tmp_path / "askbot-home"), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(sys.executable, ["-m", "askbot", "--corpus", str(ARTICLE)], env=env,
                          encoding="utf-8", timeout=30, dimensions=(40, 120))
    try:
        child.expect_exact("askbot>")
        child.sendline("help")
        child.expect_exact("/sources")
        child.expect_exact("askbot>")
        child.sendline("exit")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    finally:
        child.close(force=True)


def test_the_library_scripts_a_conversation(article):
    assert "Conversation" in askbot.__all__
    conversation = askbot.Conversation(article)
    assert _ids(conversation.ask("when did putin and kim meet")) == [1]
    assert _ids(conversation.ask("where", k=3)) == [1]
    assert conversation.turn is not None
