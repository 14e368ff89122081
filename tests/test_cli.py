"""The command line through askbot.cli.main(argv): output, exit codes, error lines, JSON."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

import askbot
from askbot import cli, data

BRIDGE_1 = "On Sept. 13, engineers from Norway and Chile opened the Harbor Bridge in Valdoria after a three-year build."
BRIDGE_2 = "The bridge cost $2.4 billion, and it carries 40,000 cars a day."
BRIDGE_9 = "A ferry service that ran for 80 years will close in December."
BRIDGE_1_SHOWN = "Sept. 13\n\n[1] " + BRIDGE_1.replace("Sept. 13", "**Sept. 13**")  # the phrase, then its sentence
BRIDGE_2_SHOWN = "$2.4 billion\n\n[2] " + BRIDGE_2.replace("$2.4 billion", "**$2.4 billion**")
BRIDGE_9_SHOWN = "December\n\n[9] " + BRIDGE_9.replace("December", "**December**")
FERRY = "December\n\n[{}] {}The ferry closes in **December**.\n"  # (citation, article title)


@pytest.fixture
def run(capsys, monkeypatch):
    """main(argv) with optional stdin text -> (exit status, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "80")

    def run(*argv: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            stream = (io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8") if isinstance(stdin, bytes)
                      else io.StringIO(stdin))
            monkeypatch.setattr(sys, "stdin", stream)
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def no_default_article(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "_PACKAGED", tmp_path / "no-packaged")
    monkeypatch.setattr(data, "_REPOSITORY", tmp_path / "no-repository")


# --- askbot ask ---------------------------------------------------------------------------------------


def test_ask_prints_the_phrase_then_its_cited_sentence_once(run, bridge_path):
    code, out, err = run("ask", "--corpus", str(bridge_path), "When did the bridge open?")
    assert (code, err) == (0, "")
    assert out == f"{BRIDGE_1_SHOWN}\n"


def test_corpus_and_k_may_come_before_the_command(run, bridge_path):
    code, out, _ = run("--corpus", str(bridge_path), "-k", "2", "ask", "How much did the bridge cost?")
    assert code == 0
    assert out == f"{BRIDGE_2_SHOWN}\n"
    assert run("ask", "-k", "1", "--corpus", str(bridge_path), "How much did the bridge cost?")[1] == out


def test_ask_when_the_article_does_not_say(run, bridge_path):
    code, out, err = run("ask", "--corpus", str(bridge_path), "What is the capital of France?")
    assert (code, out, err) == (0, "The article doesn't say.\n", "")


def test_ask_json_has_exactly_the_contracted_fields(run, bridge_path):
    code, out, err = run("ask", "--json", "--corpus", str(bridge_path), "How much did the bridge cost?")
    assert (code, err) == (0, "")
    assert out.endswith("\n") and out.count("\n") == 1
    obj = json.loads(out)
    assert list(obj) == ["question", "answer", "found", "confidence", "citations", "short_answer"]
    assert obj["question"] == "How much did the bridge cost?"
    assert obj["answer"] == f"{BRIDGE_2} [2]"
    assert obj["found"] is True
    assert 0.1 <= obj["confidence"] <= 1.0
    (citation,) = obj["citations"]
    assert list(citation) == ["id", "passage", "text", "start", "end", "score", "document",
                              "title", "path", "author", "date", "url"]  # after document: where it is
    assert {k: v for k, v in citation.items() if k != "score"} == {
        "id": 2, "passage": 1, "text": BRIDGE_2, "start": 108, "end": 171, "document": 1,
        "title": "harbor bridge", "path": None, "author": None, "date": None, "url": None,
    }
    assert isinstance(citation["score"], float) and citation["score"] > 0
    assert all(type(citation[k]) is int for k in ["id", "passage", "start", "end", "document"])
    assert type(obj["confidence"]) is float and type(citation["text"]) is str
    text = bridge_path.read_text(encoding="utf-8")
    assert text[citation["start"] : citation["end"]] == citation["text"]


def test_ask_json_not_found(run, bridge_path):
    code, out, _ = run("ask", "--json", "--corpus", str(bridge_path), "Who won the 2022 World Cup?")
    obj = json.loads(out)
    assert code == 0
    assert (obj["answer"], obj["found"], obj["citations"]) == ("The article doesn't say.", False, [])
    assert isinstance(obj["confidence"], float)


def test_min_confidence_option(run, bridge_path):
    question = "How many people came to the opening?"
    assert json.loads(run("ask", "--json", "--corpus", str(bridge_path), question)[1])["found"] is True
    code, out, _ = run("ask", "--json", "--min-confidence", "0.99", "--corpus", str(bridge_path), question)
    assert code == 0 and json.loads(out)["found"] is False and json.loads(out)["citations"] == []


def test_batch_json_answers_every_line_in_order_skipping_blank_lines(run, bridge_path):
    questions = ["When will the ferry close?", "What is the capital of France?", "How much did the bridge cost?"]
    stdin = f"\n{questions[0]}\n   \n\n{questions[1]}\r\n\t\n{questions[2]}"  # no final newline
    code, out, err = run("ask", "--json", "--corpus", str(bridge_path), "-", stdin=stdin)
    assert (code, err) == (0, "")
    objs = [json.loads(line) for line in out.splitlines()]
    assert [o["question"] for o in objs] == questions
    assert [[c["id"] for c in o["citations"]] for o in objs] == [[9], [], [2]]
    assert [o["found"] for o in objs] == [True, False, True]


def test_batch_reads_bytes_and_replaces_bad_ones(run, bridge_path):
    code, out, _ = run("ask", "--json", "--corpus", str(bridge_path), "-",
                       stdin=b"When will the ferry close?\n\xff\xfe bridge cost?\n")
    objs = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [o["question"] for o in objs] == ["When will the ferry close?", "\ufffd\ufffd bridge cost?"]


def test_batch_text_separates_answers_with_a_blank_line(run, bridge_path):
    code, out, _ = run("ask", "--corpus", str(bridge_path), "-",
                       stdin="When will the ferry close?\nWhat is the capital of France?\n")
    assert code == 0
    assert out == f"{BRIDGE_9_SHOWN}\n\nThe article doesn't say.\n"


def test_batch_of_only_blank_lines_prints_nothing(run, bridge_path):
    assert run("ask", "--json", "--corpus", str(bridge_path), "-", stdin="\n \n\n") == (0, "", "")


def test_sources_name_the_article_when_there_are_several(run, tmp_path):
    (tmp_path / "bridge-news.txt").write_text("The bridge opened in May.", encoding="utf-8")
    (tmp_path / "ferry_news.txt").write_text("The ferry closes in December.", encoding="utf-8")
    code, out, _ = run("ask", "--corpus", str(tmp_path), "When does the ferry close?")
    assert code == 0
    assert out == FERRY.format(2, "ferry news (ferry_news.txt) — ")


def test_article_text_never_reaches_the_terminal_raw(run, tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text("The ferry closes \x1b[2J in December.\x07\x1b]0;title\x07", encoding="utf-8")
    code, out, _ = run("ask", "--corpus", str(article), "When does the ferry close?")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert out == FERRY.format(1, "")
    code, out, _ = run("ask", "--json", "--corpus", str(article), "When does the ferry close?")
    assert "\x1b" not in out and "\\u001b" in out  # JSON escapes it; the data stays exact


# --- errors and exit codes ------------------------------------------------------------------------------


def test_missing_corpus_path(run, tmp_path):
    missing = tmp_path / "nope.txt"
    code, out, err = run("ask", "--corpus", str(missing), "When?")
    assert (code, out) == (2, "")
    assert err == (f"askbot: error: {missing}: no such file or folder; "
                   "pass an article (.txt or .md) or a folder of them\n")


def test_no_default_article(run, no_default_article):
    message = "askbot: error: no default article is installed; pass one with --corpus PATH\n"
    assert run("ask", "When did the bridge open?") == (2, "", message)
    assert run(stdin="When did the bridge open?\n") == (2, "", message)  # the interactive session too


def test_default_article_is_the_first_article_of_the_corpus_folder(run, tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "b.txt").write_text("The bridge opened in May.", encoding="utf-8")
    (folder / "a.md").write_text("The ferry closes in December.", encoding="utf-8")
    monkeypatch.setattr(data, "_PACKAGED", tmp_path / "none")
    monkeypatch.setattr(data, "_REPOSITORY", folder)
    assert data.default_corpus_path() == str(folder / "a.md")
    assert run("ask", "When does the ferry close?")[:2] == (0, FERRY.format(1, ""))


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question(run, bridge_path, question):
    assert run("ask", "--corpus", str(bridge_path), question) == (
        2, "", "askbot: error: the question is empty; ask something about the article\n")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--bogus"], "unrecognized arguments: --bogus (see 'askbot --help')"),
        (["ask", "q", "--bogus"], "unrecognized arguments: --bogus (see 'askbot ask --help')"),
        (["eval", "f.jsonl", "--bogus", "x"], "unrecognized arguments: --bogus x (see 'askbot eval --help')"),
        (["ask"], "the following arguments are required: QUESTION (see 'askbot ask --help')"),
        (["ask", "-k", "0", "q"],
         "argument -k: expected a whole number of 1 or more, got '0' (see 'askbot ask --help')"),
        (["-k", "x", "ask", "q"],
         "argument -k: expected a whole number of 1 or more, got 'x' (see 'askbot --help')"),
        (["ask", "--min-confidence", "2", "q"],
         "argument --min-confidence: expected a number from 0 to 1, got '2' (see 'askbot ask --help')"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(run, argv, message):
    assert run(*argv) == (2, "", f"askbot: error: {message}\n")


def test_unknown_command_is_a_usage_error(run):
    code, out, err = run("answer", "q")
    assert (code, out) == (2, "")
    # argparse's quoting of the choices differs between Python versions
    assert err.startswith("askbot: error: argument COMMAND: invalid choice: 'answer' (choose from ")
    assert err.endswith(") (see 'askbot --help')\n") and "ask" in err[err.index("choose from") :]
    assert err.count("\n") == 1


def test_unreadable_article_is_exit_2(run, tmp_path):
    article = tmp_path / "binary.txt"
    article.write_bytes(b"\x00\x01\x02")
    assert run("ask", "--corpus", str(article), "q") == (
        2, "", f"askbot: error: {article}: binary file (NUL bytes), not a text article; "
               "pass a UTF-8 .txt or .md file\n")


def test_repaired_article_warns_on_one_line(run, tmp_path):
    article = tmp_path / "latin.txt"
    article.write_bytes(b"The ferry closes in December. " * 20 + b"Caf\xe9.")
    code, out, err = run("ask", "--corpus", str(article), "When does the ferry close?")
    assert code == 0 and out.startswith("December\n\n[1] The ferry closes in **December**.")
    assert err == (f"askbot: warning: {article}: 1 bytes are not UTF-8 and were replaced with U+FFFD; "
                   "convert the file to UTF-8 to keep them\n")


@pytest.mark.parametrize("argv", [["ask", "-"], []])
def test_closed_stdin_is_a_usage_error_not_a_traceback(run, bridge_path, monkeypatch, argv):
    monkeypatch.setattr(sys, "stdin", None)  # what Python gives for `askbot <&-`
    assert run("--corpus", str(bridge_path), *argv) == (
        2, "", "askbot: error: standard input is closed; ask one question with: askbot ask QUESTION\n")
    code, out, _ = run("ask", "--corpus", str(bridge_path), "When did the bridge open?")
    assert (code, out) == (0, f"{BRIDGE_1_SHOWN}\n")  # one question needs no stdin


def test_characters_the_terminal_cannot_encode_print_as_question_marks(run, bridge_path, monkeypatch):
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")  # e.g. PYTHONIOENCODING=ascii
    monkeypatch.setattr(sys, "stdout", ascii_out)
    code, _, err = run("ask", "--corpus", str(bridge_path), "What did Mayor Elena Ruiz call the bridge?")
    ascii_out.flush()
    assert (code, err) == (0, "")
    assert ascii_out.buffer.getvalue().decode("ascii") == (
        "a new spine for the city\n\n[3] Mayor Elena Ruiz called it ?**a new spine for the city**.?\n")


def test_interrupt_exits_130(run, bridge_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(askbot.answer, "ask", interrupted)
    assert run("ask", "--corpus", str(bridge_path), "When?") == (130, "", "askbot: interrupted\n")


def test_runtime_error_exits_1(run, bridge_path, monkeypatch):
    class BrokenDisk(io.StringIO):
        def write(self, text):
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(sys, "stdout", BrokenDisk())
    code, _, err = run("ask", "--corpus", str(bridge_path), "When did the bridge open?")
    assert (code, err) == (1, "askbot: error: cannot write to standard output: Input/output error\n")


# --- help and version -----------------------------------------------------------------------------------


def test_version(run):
    assert run("--version") == (0, f"askbot {askbot.__version__}\n", "")
    assert askbot.__version__ == "0.1.0"


def test_help(run):
    code, out, err = run("--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: askbot [-h] [--version] [--corpus PATH] [-k N] [--no-cache]")
    for text in ["with no command,", "ask ", "eval ", "--corpus PATH", "-k N", "--version", "--no-color", "--refresh"]:
        assert text in out


def test_ask_help(run):
    code, out, err = run("ask", "--help")
    assert (code, err) == (0, "")
    assert out.startswith("usage: askbot ask [-h] [--version] [--corpus PATH] [-k N] [--no-cache]")
    for text in ["QUESTION", "'-'", "--json", "--min-confidence X", "--corpus PATH"]:
        assert text in out


# --- the interactive session when stdin is not a terminal -------------------------------------------------


def test_no_command_reads_questions_plainly_from_a_pipe(run, bridge_path):
    code, out, err = run("--corpus", str(bridge_path), stdin="\nWhen will the ferry close?\n/quit\nHow much?\n")
    assert (code, err) == (0, "")
    assert BRIDGE_9_SHOWN in out
    assert BRIDGE_2 not in out  # nothing after /quit
    assert "\x1b" not in out


# --- python -m askbot ----------------------------------------------------------------------------------


def test_python_dash_m_askbot(bridge_path, tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    ok = subprocess.run([sys.executable, "-m", "askbot", "ask", "--json", "--corpus", str(bridge_path), "-"],
                        input="When did the bridge open?\n\nWhat is the capital of France?\n",
                        capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False)
    assert (ok.returncode, ok.stderr) == (0, "")
    assert [[c["id"] for c in json.loads(line)["citations"]] for line in ok.stdout.splitlines()] == [[1], []]
    missing = tmp_path / "missing"
    bad = subprocess.run([sys.executable, "-m", "askbot", "ask", "--corpus", str(missing), "q"],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=60, check=False)
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr == (f"askbot: error: {missing}: no such file or folder; "
                          "pass an article (.txt or .md) or a folder of them\n")
