"""The interactive session without a terminal: Session commands, the loop, the prompt, printing."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from prompt_toolkit.completion import CompleteEvent
from prompt_toolkit.data_structures import Size
from prompt_toolkit.document import Document
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import ColorDepth, DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

import askbot
from askbot.repl import (
    CommandCompleter,
    Printer,
    SafeFileHistory,
    history_path,
    loop,
    open_history,
    prompt_session,
    run,
    toolbar,
)
from askbot.screen import Para, Reply, answer_reply, banner, layout, wrap
from askbot.session import Session

DATA = Path(__file__).parent / "data"
WHEN = "On Sept. 13, engineers from Norway and Chile opened the Harbor Bridge in Valdoria after a three-year build."
COST = "The bridge cost $2.4 billion, and it carries 40,000 cars a day."
WHEN_SHOWN = "Sept. 13\n\n[1] " + WHEN.replace("Sept. 13", "**Sept. 13**")  # the phrase, then its sentence once
COST_SHOWN = "$2.4 billion\n\n[2] " + COST.replace("$2.4 billion", "**$2.4 billion**")


@pytest.fixture
def session(bridge_retriever) -> Session:
    return Session(bridge_retriever)


def text(reply: Reply) -> str:
    return reply.plain()


# --- answers -------------------------------------------------------------------

def test_an_answer_shows_its_phrase_then_the_cited_sentences_numbered(session):
    assert text(session.handle("When did the bridge open?")) == WHEN_SHOWN


def test_the_questions_terms_are_highlighted_in_the_cited_sentences(session):
    reply = session.handle("When did the bridge open?")
    cited = reply.paras[-1].fragments
    assert [t for style, t in cited if "class:term" in style] == ["opened", "Bridge"]
    assert ("class:marker", "[1] ") in cited


def test_a_question_the_article_does_not_answer(session):
    assert text(session.handle("What is the capital of Peru?")) == "The article doesn't say."


def test_escape_sequences_from_the_article_and_the_user_never_reach_the_screen():
    article = "The \x1b[31mred\x1b[0m bridge opened in May.\x07\n\x1b]0;owned\x07Then it rained."
    corpus = askbot.Corpus.from_text(article)
    session = Session(askbot.Retriever(corpus))
    out = io.StringIO()
    lines = io.StringIO("Which \x1b[2Jbridge opened in May?\n/sources\n/show 3\n/article\n/open \x1b[1mx\n")
    assert loop(session.handle, _reader(lines), Printer(out)) == 0
    shown = out.getvalue()
    assert "[1] **The red bridge** opened in May." in shown
    assert not any(ch in shown for ch in "\x1b\x07\x00")


def _reader(stream: io.StringIO):
    def read() -> str:
        line = stream.readline()
        if not line:
            raise EOFError
        return line
    return read


def test_the_answer_function_is_a_parameter(bridge_retriever):
    asked = []

    def fake(question, retriever, **settings):
        asked.append((question, settings))
        return askbot.Answer(question, "Forty. [2]", True, 1.0,
                             (askbot.Citation(2, 1, COST, 0, len(COST), 1.0),))

    session = Session(bridge_retriever, k=3, answer=fake)
    assert text(session.handle("How many cars?")) == f"[2] {COST}"  # no short answer: the sentence alone
    assert asked == [("How many cars?", {"k": 3})]


# --- commands ------------------------------------------------------------------

def test_sources_shows_the_whole_passages_with_the_cited_sentences_marked(session):
    assert text(session.handle("/sources")) == "No answer with sources yet; ask a question first."
    session.handle("When did the bridge open?")
    assert text(session.handle("/sources")) == f"Passage 1 (sentences 1–2)\n*[1] {WHEN}\n [2] {COST}"


def test_show_puts_a_sentence_in_its_paragraph(session):
    assert text(session.handle("/show 4")) == (
        " [3] Mayor Elena Ruiz called it “a new spine for the city.”\n"
        "*[4] Ruiz’s office said the opening drew 12,000 people.")
    for bad in ("/show", "/show 0", "/show 11", "/show four"):
        assert text(session.handle(bad)) == "Usage: /show N, a sentence number from 1 to 10."


def test_article_shows_every_sentence_numbered_and_asks_for_a_pager(session):
    reply = session.handle("/article")
    assert reply.long
    shown = text(reply)
    assert shown.startswith("harbor bridge\n\n [1] On Sept. 13")
    assert all(f"[{n}] " in shown for n in range(1, 11))


def test_open_switches_article_and_forgets_the_last_turn(session, tmp_path):
    session.handle("When did the bridge open?")
    reply = session.handle(f"/open {DATA / 'amazon-rainforest.txt'}")
    assert text(reply) == "Now reading amazon rainforest (21 passages, 94 sentences)."
    assert session.status().title == "amazon rainforest"
    assert session.turn is None and session.last is None


def test_open_a_missing_file_keeps_the_article(session, tmp_path):
    reply = session.handle(f"/open {tmp_path / 'nowhere.txt'}")
    assert text(reply).endswith("no such file or folder; pass an article (.txt or .md) or a folder of them")
    assert session.status().title == "harbor bridge"
    assert text(session.handle("/open")).startswith("Usage: /open PATH")


def test_open_takes_a_quoted_path_and_a_tilde(session, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "my article.txt").write_text("The dam opened in 1990.", encoding="utf-8")
    assert text(session.handle('/open "~/my article.txt"')) == "Now reading my article (1 passage, 1 sentence)."


def test_k_sets_the_passages_a_question_considers(session):
    assert text(session.handle("/k")) == "Each question considers 5 passages."
    assert text(session.handle("/k 2")) == "Each question now considers 2 passages."
    assert session.k == 2
    assert text(session.handle("/k 0")) == "Usage: /k N, a whole number from 1 to 5 (the article's passages)."
    assert session.k == 2


def test_help_lists_every_command(session):
    shown = text(session.handle("/help"))
    for name in ("/help", "/sources", "/show N", "/article", "/open PATH", "/k N", "/quit"):
        assert name in shown


def test_unknown_commands_get_a_one_line_hint(session):
    assert text(session.handle("/frobnicate now")) == "Unknown command /frobnicate; type /help for the commands."


@pytest.mark.parametrize("line", ["/quit", "/exit", "/q", " /QUIT "])
def test_quit(session, line):
    assert session.handle(line).quit


def test_banner_names_the_article_its_size_the_commands_and_how_to_quit(bridge):
    shown = banner("9.9", bridge).plain()
    assert shown.startswith("askbot 9.9 — harbor bridge (5 passages, 10 sentences)\n")
    assert "/sources" in shown and "/open\u00a0PATH" in shown
    assert shown.endswith("Ctrl-D or /quit to leave.")


# --- the loop ------------------------------------------------------------------

def test_loop_ends_at_end_of_input_and_survives_ctrl_c():
    events = iter(["a", KeyboardInterrupt(), "b", EOFError()])

    def read() -> str:
        e = next(events)
        if isinstance(e, BaseException):
            raise e
        return e

    written = []
    assert loop(lambda line: Reply((Para((("", line),)),)), read, lambda r: written.append(r.plain())) == 0
    assert written == ["a", "b"]


def test_without_a_terminal_ctrl_c_ends_the_loop():
    def read() -> str:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        loop(lambda line: Reply(), read, lambda r: None, interactive=False)


def test_loop_stops_at_quit_without_reading_further(session):
    lines = iter(["/quit", "never read"])
    assert loop(session.handle, lambda: next(lines), lambda r: None) == 0
    assert next(lines) == "never read"


def test_the_prompt_with_pipe_input(session, tmp_path):
    history = SafeFileHistory(tmp_path / "history")
    written = []
    with create_pipe_input() as pipe:
        prompt = prompt_session(session, history=history, input=pipe, output=DummyOutput())
        pipe.send_text("When did the bridge open?\r/sources\rhalf a que\x03How much did it cost?\r\x04")
        assert loop(session.handle, lambda: prompt.prompt("askbot> "), lambda r: written.append(r.plain())) == 0
    assert written == [WHEN_SHOWN, f"Passage 1 (sentences 1–2)\n*[1] {WHEN}\n [2] {COST}", COST_SHOWN]
    saved = (tmp_path / "history").read_text(encoding="utf-8")
    assert "+When did the bridge open?\n" in saved and "+/sources\n" in saved
    assert "half a que" not in saved


def test_vi_mode(session):
    with create_pipe_input() as pipe:
        prompt = prompt_session(session, vi=True, input=pipe, output=DummyOutput())
        pipe.send_text("Whe did\x1b0iWhen? \x1bdd")  # typed, escaped, edited, then deleted in normal mode
        pipe.send_text("iWhy did work stop?\r")
        assert prompt.prompt("> ") == "Why did work stop?"


def test_completion_of_commands_and_paths():
    c = CommandCompleter()

    def complete(line: str) -> list[str]:
        return [x.text for x in c.get_completions(Document(line), CompleteEvent(completion_requested=True))]

    assert complete("/so") == ["/sources"]
    assert complete("/") == ["/help", "/sources", "/show", "/article", "/open", "/k", "/quit", "/exit"]
    assert complete("what about") == []
    assert complete(f"/open {DATA}/harb") == ["or-bridge-wrapped.md", "or-bridge.txt"]  # the rest of the names


def test_toolbar_names_the_article_and_its_size(session):
    shown = "".join(t for _, t in toolbar(session))
    assert "harbor bridge · 5 passages, 10 sentences · k=5 · /help" in shown


# --- history -------------------------------------------------------------------

def test_history_lives_under_askbot_home_or_the_xdg_state_home():
    assert history_path({"ASKBOT_HOME": "/h", "XDG_STATE_HOME": "/s"}) == Path("/h/history")
    assert history_path({"XDG_STATE_HOME": "/s"}) == Path("/s/askbot/history")
    assert history_path({}) == Path.home() / ".local" / "state" / "askbot" / "history"


def test_an_unwritable_history_warns_once_and_the_session_goes_on(tmp_path):
    blocker = tmp_path / "home"
    blocker.write_text("a file where a folder should be")
    warnings = []
    history = open_history(blocker / "history", warnings.append)
    assert isinstance(history, InMemoryHistory)
    assert len(warnings) == 1 and "going on without history" in warnings[0]


def test_a_history_that_fails_later_warns_once(tmp_path):
    folder = tmp_path / "history"
    folder.mkdir()  # a folder: opening it for writing fails
    warnings = []
    history = SafeFileHistory(folder, warnings.append)
    history.store_string("one")
    history.store_string("two")
    assert len(warnings) == 1


# --- printing ------------------------------------------------------------------

def test_replies_wrap_to_the_width_with_a_hanging_indent(session):
    lines = ["".join(t for _, t in line) for line in layout(session.handle("When did the bridge open?"), 40)]
    assert all(len(line) <= 40 for line in lines)
    assert lines == ["Sept. 13", "", "[1] On **Sept. 13**, engineers from", "    Norway and Chile opened the Harbor",
                     "    Bridge in Valdoria after a", "    three-year build."]


def test_a_word_longer_than_the_line_is_cut():
    lines = wrap(Para((("", "x" * 25 + " y"),)), 10)
    assert ["".join(t for _, t in line) for line in lines] == ["x" * 10, "x" * 10, "x" * 5 + " y"]


def test_colour_goes_through_prompt_toolkit_and_plain_text_has_no_escapes(session):
    reply = session.handle("When did the bridge open?")
    buf = io.StringIO()
    vt = Vt100_Output(buf, lambda: Size(rows=24, columns=80), default_color_depth=ColorDepth.DEPTH_8_BIT)
    Printer(buf, color=True, output=vt)(reply)
    assert "\x1b[" in buf.getvalue() and "Valdoria" in buf.getvalue()
    plain = io.StringIO()
    Printer(plain)(reply)
    assert plain.getvalue() == reply.plain() + "\n"


def test_a_long_reply_goes_through_the_pager_when_taller_than_the_terminal(session):
    paged, out = [], io.StringIO()
    printer = Printer(out, width=lambda: 60, height=lambda: 10, pager=paged.append)
    printer(session.handle("/article"))
    printer(session.handle("/show 1"))
    assert len(paged) == 1 and "[10] Ferry workers" in paged[0]
    assert out.getvalue().startswith("*[1] On Sept. 13")


def test_run_without_a_terminal_reads_lines_plainly(session):
    out = io.StringIO()
    assert run(session, io.StringIO("When did the bridge open?\n\nHow much did it cost?\n"), out) == 0
    assert out.getvalue() == f"{WHEN_SHOWN}\n\n{COST_SHOWN}\n"


def test_piped_stdin_two_questions_two_answers_exit_0(bridge_path, tmp_path):
    p = subprocess.run([sys.executable, "-m", "askbot", "--corpus", str(bridge_path)],
                       input=b"When did the bridge open?\nHow much did it cost?\n", capture_output=True, timeout=60)
    assert p.returncode == 0
    assert p.stderr == b""
    assert p.stdout.decode() == f"{WHEN_SHOWN}\n\n{COST_SHOWN}\n"


def test_answer_reply_names_the_article_when_there_are_several(bridge_retriever):
    answer = askbot.ask("When did the bridge open?", bridge_retriever)
    shown = answer_reply(answer, [], {1: "harbor bridge", 2: "other"}).plain()
    assert shown.endswith("[1] harbor bridge — " + WHEN.replace("Sept. 13", "**Sept. 13**"))
