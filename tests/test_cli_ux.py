"""The command line as people type it: bare questions, unquoted words, --version everywhere,
colour and wrapping on a terminal, the answer alone, and eval's help."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest

import askbot
from askbot import cli

BRIDGE_1 = "On Sept. 13, engineers from Norway and Chile opened the Harbor Bridge in Valdoria after a three-year build."


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def run(capsys, monkeypatch, bridge_path):
    """main(argv) on the test article -> (exit status, stdout, stderr); ``tty`` makes stdout a terminal."""
    monkeypatch.setenv("COLUMNS", "60")

    def run(*argv: str, tty: bool = False) -> tuple[int, str, str]:
        if tty:
            screen, real = Terminal(), sys.stdout
            sys.stdout = screen
            try:
                code = cli.main(["--corpus", str(bridge_path), *argv])
            finally:
                sys.stdout = real
            return code, screen.getvalue(), capsys.readouterr().err
        code = cli.main(["--corpus", str(bridge_path), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_a_bare_question_is_asked(run):
    expected = run("ask", "When did the bridge open?")
    assert expected[0] == 0 and "Harbor Bridge in Valdoria after a three-year build." in expected[1]
    assert run("When did the bridge open?") == expected
    assert run("when did the bridge open") == run("ask", "when did the bridge open")


def test_a_word_that_is_neither_command_nor_question_is_still_an_error(run):
    code, out, err = run("aks")
    assert (code, out) == (2, "")
    assert err.startswith("askbot: error: argument COMMAND: invalid choice: 'aks'")


@pytest.mark.parametrize("argv", [["Who", "opened", "the", "bridge?"], ["Who", "opened", "--json", "the", "bridge?"]])
def test_unquoted_words_after_ask_are_one_question(run, argv):
    code, out, err = run("ask", "--json", *argv)
    assert (code, err) == (0, "")
    assert json.loads(out)["question"] == "Who opened the bridge?"


def test_an_unknown_option_among_the_words_is_still_an_error(run):
    code, out, err = run("ask", "Who", "--bogus", "opened")
    assert (code, out) == (2, "")
    assert err == "askbot: error: unrecognized arguments: --bogus (see 'askbot ask --help')\n"


@pytest.mark.parametrize("argv", [["--version"], ["ask", "--version"], ["eval", "--version"]])
def test_version_on_every_command(run, argv):
    assert run(*argv) == (0, f"askbot {askbot.__version__}\n", "")


def test_no_sources_prints_the_answer_alone(run):
    code, out, err = run("ask", "--no-sources", "When did the bridge open?")
    assert (code, err) == (0, "")
    assert out.count("Harbor Bridge in Valdoria after a three-year build.") == 1
    assert "Sources" not in out and "passage" not in out


def test_each_sentence_is_printed_once(run):
    code, out, _ = run("ask", "When did the bridge open?")
    assert code == 0
    assert out.count("Harbor Bridge in Valdoria after a three-year build.") == 1


def visible(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_on_a_terminal_the_answer_is_wrapped_to_its_width_and_coloured(run, monkeypatch):
    _, pipe, _ = run("ask", "When did the bridge open?")
    monkeypatch.delenv("NO_COLOR")
    code, out, _ = run("ask", "When did the bridge open?", tty=True)
    assert code == 0
    assert "\x1b[" in out
    lines = visible(out).splitlines()
    assert len(lines) > len(pipe.splitlines()) and max(map(len, lines)) <= 59  # COLUMNS=60, one column spare
    assert visible(out).split() == pipe.replace("**", "").split()  # the same words, wrapped and styled


def test_no_color_and_color_never_keep_a_terminal_plain(run, monkeypatch):
    _, pipe, _ = run("ask", "When did the bridge open?")
    plain = run("ask", "When did the bridge open?", tty=True)[1]  # NO_COLOR is set by conftest
    assert "\x1b" not in plain and plain.split() == pipe.split() and plain != pipe
    monkeypatch.delenv("NO_COLOR")
    assert run("ask", "--color", "never", "When did the bridge open?", tty=True)[1] == plain


def test_color_always_colours_a_pipe_without_wrapping(run):
    _, pipe, _ = run("ask", "When did the bridge open?")
    code, out, _ = run("ask", "--color", "always", "When did the bridge open?")
    assert code == 0
    assert "\x1b[" in out and visible(out) == pipe.replace("**", "")  # colour marks the phrase instead


def test_a_bad_color_choice_is_a_usage_error(run):
    code, out, err = run("ask", "--color", "pink", "When?")
    assert (code, out) == (2, "")
    assert "argument --color: invalid choice: 'pink'" in err


def test_eval_help_says_what_it_reads_without_repository_paths(run):
    code, out, _ = run("eval", "--help")
    assert code == 0
    for text in ["JSON Lines", '"question"', '"gold"', '"context"', '"qas"', '"answer_starts"', "--corpus"]:
        assert text in out
    assert "shared" not in out and "../" not in out and "score.py" not in out
    assert "shared" not in run("--help")[1]


def test_implicit_ask_reads_past_options_with_values():
    assert cli.implicit_ask(["-k", "3", "--corpus", "x", "who is it?"]) == ["-k", "3", "--corpus", "x", "ask",
                                                                           "who is it?"]
    assert cli.implicit_ask(["eval", "who is it?"]) == ["eval", "who is it?"]
    assert cli.implicit_ask(["--", "who is it?"]) == ["--", "who is it?"]
    assert cli.implicit_ask([]) == []
