"""Bad input never hurts: every case gets its exact exit code and message.

In-process cases call ``main(argv)`` with capsys; the pipe (``| head -1``)
and Ctrl-C cases run askbot in a subprocess.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import askbot
import askbot.answer
from askbot import cli, loading, streams
from askbot.cli import main
from askbot.errors import AskbotError, CorpusError, CorpusTooLarge, QuestionError, UsageError
from askbot.segment import rule_split

MAYOR = "Elena Ruiz\n\n[3] Mayor **Elena Ruiz** called it “a new spine for the city.”"  # "Who is the mayor?"
NOT_FOUND = "The article doesn't say.\n"
OPENED = ("On Sept. 13, engineers from Norway and Chile opened the Harbor Bridge in Valdoria "
          "after a three-year build.")
ERR = "askbot: error: "


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def ask(capsys, corpus: Path | str, *words: str) -> tuple[int, str, str]:
    return run(capsys, "--corpus", str(corpus), "ask", *words)


def feed_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- corpus ------------------------------------------------------------------------------------------


def test_missing_path(capsys, tmp_path):
    path = tmp_path / "nope.txt"
    assert ask(capsys, path, "x") == (
        2, "", f"{ERR}{path}: no such file or folder; pass an article (.txt or .md) or a folder of them\n")


def test_empty_corpus_path(capsys):
    assert run(capsys, "--corpus", "", "ask", "x") == (
        2, "", f"{ERR}argument --corpus: expected an article file or folder, got an empty path (see 'askbot --help')\n")


def test_one_bad_file_in_a_folder_is_named(capsys, tmp_path, bridge_path):
    (tmp_path / "a.txt").write_bytes(bridge_path.read_bytes())
    bad = tmp_path / "b.md"
    bad.write_bytes(b"\x00\x01")
    assert ask(capsys, tmp_path, "x") == (
        2, "", f"{ERR}{bad}: binary file (NUL bytes), not a text article; pass a UTF-8 .txt or .md file\n")


def test_folder_without_articles(capsys, tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert ask(capsys, tmp_path, "x") == (
        2, "", f"{ERR}{tmp_path}: folder holds no .txt or .md article; pass an article file or another folder\n")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n", b"\xef\xbb\xbf\n"])
def test_empty_or_blank_file(capsys, tmp_path, content):
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    assert ask(capsys, path, "x") == (2, "", f"{ERR}{path}: article is empty; pass a file with the article's text\n")


def test_binary_file_with_nul_bytes(capsys, tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert ask(capsys, path, "x") == (
        2, "", f"{ERR}{path}: binary file (NUL bytes), not a text article; pass a UTF-8 .txt or .md file\n")


def test_invalid_utf8_throughout(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    assert ask(capsys, path, "x") == (
        2, "", f"{ERR}{path}: not UTF-8 text (512 undecodable bytes); convert it to UTF-8, "
               "e.g. iconv -f latin1 -t utf-8\n")


def test_a_few_latin1_bytes_load_with_a_warning(capsys, tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("The café opened in 1990. Its owner is José Ramírez.\n".encode("latin-1"))
    code, out, err = ask(capsys, path, "When did it open?")
    assert (code, err) == (0, f"askbot: warning: {path}: 3 bytes are not UTF-8 and were replaced with U+FFFD; "
                              "convert the file to UTF-8 to keep them\n")
    assert out == "1990\n\n[1] The caf\ufffd opened in **1990**.\n"


def test_a_few_latin1_bytes_warn_in_the_library(tmp_path):
    path = tmp_path / "cafe.txt"
    path.write_bytes("Le café est ouvert.\n".encode("latin-1"))
    with pytest.warns(loading.CorpusWarning, match="1 bytes are not UTF-8"):
        corpus = askbot.Corpus.from_path(path)
    assert corpus.sentences[0].text == "Le caf\ufffd est ouvert."


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_device_is_refused_not_read_forever(capsys):
    assert ask(capsys, "/dev/zero", "x") == (
        2, "", f"{ERR}/dev/zero: not a regular file (a character device); "
               "pass an article (.txt or .md) or a folder of them\n")


def test_corpus_over_the_size_limit(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ASKBOT_MAX_MB", "0.5")
    path = tmp_path / "big.txt"
    path.write_bytes(b"The bridge opened. " * 60_000)  # 1.1 MiB
    assert ask(capsys, path, "x") == (
        2, "", f"{ERR}{path}: corpus is 1.1 MiB, over the 0.5 MiB limit; pass a smaller file or folder, "
               "or raise the limit with ASKBOT_MAX_MB=<MiB>\n")


def test_size_limit_bounds_each_file_of_a_folder_not_its_total(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ASKBOT_MAX_MB", "1")
    for name in "ab":
        (tmp_path / f"{name}.txt").write_bytes(b"The bridge opened. " * 30_000)  # 0.54 MiB each, 1.1 MiB in all
    assert len(askbot.Corpus.from_path(tmp_path).documents) == 2
    (tmp_path / "c.txt").write_bytes(b"The bridge opened. " * 60_000)  # 1.1 MiB
    code, out, err = ask(capsys, tmp_path, "x")
    assert (code, out) == (2, "")
    assert err == (f"{ERR}{tmp_path / 'c.txt'}: corpus is 1.1 MiB, over the 1 MiB limit; pass a smaller file or "
                   "folder, or raise the limit with ASKBOT_MAX_MB=<MiB>\n")


def test_default_size_limit_is_32_mib_and_50_mb_is_refused(tmp_path, monkeypatch):
    monkeypatch.delenv("ASKBOT_MAX_MB", raising=False)
    assert loading.max_bytes() == 32 * 2**20
    path = tmp_path / "big.txt"
    with path.open("wb") as f:  # sparse: 50 MB on disk costs nothing, and it is refused before any read
        f.truncate(50_000_000)
    with pytest.raises(CorpusTooLarge, match=r"corpus is 47\.7 MiB, over the 32 MiB limit"):
        askbot.Corpus.from_path(path)


def test_size_limit_setting_that_is_no_number(capsys, tmp_path, monkeypatch, bridge_path):
    monkeypatch.setenv("ASKBOT_MAX_MB", "lots")
    assert ask(capsys, bridge_path, "x") == (
        2, "", f"{ERR}ASKBOT_MAX_MB='lots' is not a size; set it to a number above 0 and at most 65536 MiB, "
               "such as 64\n")


def test_one_paragraph_of_20000_sentences():
    text = " ".join(f"Sentence number {i} is about the harbor bridge." for i in range(20_000))
    corpus = askbot.Corpus.from_text(text)
    assert len(corpus.passages) == 1
    assert len(corpus.sentences) == 20_000
    assert corpus.sentence(12_346).text == "Sentence number 12345 is about the harbor bridge."
    doc = corpus.documents[0].text
    assert all(doc[s.start:s.end] == s.text for s in corpus.sentences)


def test_rule_split_keeps_abbreviations_and_initials():
    text = "Gen. Ruiz met U.S. officials on Sept. 13 with J. Smith. They talked for 3.5 hours. \"Good,\" he said."
    assert [text[s:e] for s, e in rule_split(text, 0, len(text))] == [
        "Gen. Ruiz met U.S. officials on Sept. 13 with J. Smith.",
        "They talked for 3.5 hours.",
        "\"Good,\" he said.",
    ]


# --- questions ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", "   ", "\t\n"])
def test_empty_question_is_a_usage_error(capsys, bridge_path, question):
    assert ask(capsys, bridge_path, question) == (
        2, "", f"{ERR}the question is empty; ask something about the article\n")


def test_empty_questions_are_ignored_in_the_repl(capsys, monkeypatch, bridge_path):
    feed_stdin(monkeypatch, b"\n   \n\t\nWho is the mayor?\n\n")
    code, out, err = run(capsys, "--corpus", str(bridge_path))
    assert (code, err) == (0, "")
    assert out == MAYOR + "\n"  # one answer, no more


def test_invalid_utf8_typed_into_the_repl_is_replaced(capsys, monkeypatch, bridge_path):
    feed_stdin(monkeypatch, b"\xff\xfe Who is the mayor?\n")
    code, out, err = run(capsys, "--corpus", str(bridge_path))
    assert (code, err) == (0, "")
    assert out.startswith("Elena Ruiz\n\n[3] Mayor **Elena Ruiz** called it")


def test_a_terminal_that_cannot_show_the_article_gets_question_marks(bridge_path):
    proc = _askbot("--corpus", str(bridge_path), "ask", "Who is the mayor?", stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE, env_extra={"PYTHONIOENCODING": "ascii"})
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (0, b"")
    assert out == b"Elena Ruiz\n\n[3] Mayor **Elena Ruiz** called it ?a new spine for the city.?\n"


def test_question_of_100000_characters_is_answered(capsys, bridge_path):
    question = ("When did the Harbor Bridge open? " * 3100)[:100_000]
    code, out, err = ask(capsys, bridge_path, question)
    assert (code, err) == (0, "")
    assert out == "Sept. 13\n\n[1] " + OPENED.replace("Sept. 13", "**Sept. 13**") + "\n"


def test_long_question_analyses_at_most_max_terms_words():
    words = [f"w{i}x" for i in range(50_000)]
    assert len(askbot.tokenize(" ".join(words), askbot.analysis.MAX_TERMS)) == askbot.analysis.MAX_TERMS


@pytest.mark.parametrize("question", [
    "What is the and of it?",  # only stopwords
    "🌉🚗😀 🎉",  # only emoji
    "Когда открыли мост?",  # another script
    "桥是什么时候建的",
    "!!! ??? ...",
])
def test_question_with_nothing_to_match_says_the_article_doesnt_say(capsys, bridge_path, question):
    assert ask(capsys, bridge_path, question) == (0, NOT_FOUND, "")


def test_escape_sequences_in_a_question_never_reach_stdout_raw(capsys, bridge_path):
    question = "Who is the mayor?\x1b[2J\x1b]0;pwned\x07\x9b31m\r"
    code, out, err = ask(capsys, bridge_path, "--json", question)
    assert (code, err) == (0, "")
    assert out.endswith("\n") and out.count("\n") == 1
    assert out[:-1].isascii() and out[:-1].isprintable()
    assert json.loads(out)["question"] == question
    assert "\\u001b[2J\\u001b]0;pwned\\u0007\\u009b31m\\r" in out


def test_escape_sequences_in_the_article_never_reach_stdout_raw(capsys, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("The \x1b[31mmayor\x1b[0m opened the bridge.\x1b]0;pwned\x07\n\n"
                    "A \x1bP1;2qdata\x1b\\ferry \u202eruns\u202c at night.\x07\n", encoding="utf-8")
    code, out, err = ask(capsys, path, "Who opened the bridge?")
    assert (code, err) == (0, "")
    assert out == "The mayor\n\n[1] **The mayor** opened the bridge.\n"
    code, out, err = ask(capsys, path, "When does the ferry run?")
    assert out == "night\n\n[2] A ferry runs at **night**.\n"


def test_escape_sequences_in_a_path_never_reach_stderr_raw(capsys, tmp_path):
    path = tmp_path / "x\x1b[31m\x07.txt"
    assert ask(capsys, path, "x")[::2] == (
        2, f"{ERR}{tmp_path}/x.txt: no such file or folder; pass an article (.txt or .md) or a folder of them\n")


def test_reference_marks_in_the_article_are_not_taken_for_citations(tmp_path):
    corpus = askbot.Corpus.from_text("The bridge opened in 1932.[3]\n\nIt was painted red.")
    answer = askbot.ask("When did the bridge open?", askbot.Retriever(corpus))
    assert answer.text == "The bridge opened in 1932.(3) [1]"
    assert answer.citations[0].text == "The bridge opened in 1932.[3]"


# --- usage --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("argv", "message"), [
    (["ask"], "the following arguments are required: QUESTION (see 'askbot ask --help')"),
    (["--bogus"], "unrecognized arguments: --bogus (see 'askbot --help')"),
    (["ask", "-k", "0", "x"], "argument -k: expected a whole number of 1 or more, got '0' (see 'askbot ask --help')"),
    (["ask", "--min-confidence", "2", "x"],
     "argument --min-confidence: expected a number from 0 to 1, got '2' (see 'askbot ask --help')"),
])
def test_usage_errors_are_one_line(capsys, argv, message):
    assert run(capsys, *argv) == (2, "", f"{ERR}{message}\n")


# --- batch mode ---------------------------------------------------------------------------------------


def test_batch_skips_blanks_and_survives_malformed_lines(capsys, monkeypatch, bridge_path):
    feed_stdin(monkeypatch, b"\n  \r\nWho is the mayor?\r\n\xff\xfe\x00\x1b[2J\n\n"
                            + "🌉".encode() * 1000 + b"\nWhen did the Harbor Bridge open?")
    code, out, err = ask(capsys, bridge_path, "--json", "-")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [json.loads(line)["question"] for line in lines] == [
        "Who is the mayor?", "\ufffd\ufffd\x00\x1b[2J", "🌉" * 1000, "When did the Harbor Bridge open?"]
    assert [json.loads(line)["found"] for line in lines] == [True, False, False, True]
    assert all(line.isascii() and line.isprintable() for line in lines)


def test_batch_cuts_an_over_long_line_and_goes_on(capsys, monkeypatch, bridge_path):
    monkeypatch.setattr(cli, "MAX_LINE", 64)
    feed_stdin(monkeypatch, b"ferry " * 1000 + b"\nWho is the mayor?\n")
    code, out, err = ask(capsys, bridge_path, "--json", "-")
    assert (code, err) == (0, "")
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["question"] == ("ferry " * 11)[:64].strip()
    assert second["question"] == "Who is the mayor?"


def test_batch_text_mode_one_answer_block_per_question(capsys, monkeypatch, bridge_path):
    feed_stdin(monkeypatch, b"Who is the mayor?\n\n\nWhat colour is the sky?\n")
    code, out, err = ask(capsys, bridge_path, "-")
    assert (code, err) == (0, "")
    assert out == MAYOR + "\n\n" + NOT_FOUND


def test_batch_reports_a_failing_question_and_goes_on(capsys, monkeypatch, bridge_path):
    real_ask = askbot.answer.ask

    def flaky(question, retriever, **kw):
        if question == "boom":
            raise QuestionError("cannot ask that; ask something else")
        return real_ask(question, retriever, **kw)

    monkeypatch.setattr(askbot.answer, "ask", flaky)
    feed_stdin(monkeypatch, b"boom\nWho is the mayor?\n")
    code, out, err = ask(capsys, bridge_path, "--json", "-")
    assert code == 2
    assert err == f"{ERR}question 1: cannot ask that; ask something else\n"
    assert json.loads(out)["question"] == "Who is the mayor?"


# --- output: pipes and Ctrl-C (subprocesses) ----------------------------------------------------------


def _askbot(*argv: str, env_extra: dict[str, str] | None = None, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(Path(askbot.__file__).parents[1]), **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "askbot", *argv], env=env, **kw)


def test_output_into_head_exits_quietly(bridge_path, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text("When did the Harbor Bridge open?\n" * 3000)  # ~1 MB of answers: more than a pipe holds
    with questions.open("rb") as stdin:
        proc = _askbot("--corpus", str(bridge_path), "ask", "--json", "-",
                       stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after one line
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b""
    assert json.loads(first)["citations"][0]["id"] == 1


@pytest.mark.skipif(shutil.which("bash") is None or shutil.which("head") is None, reason="needs bash and head")
def test_head_in_a_real_shell_pipeline(bridge_path, tmp_path):
    questions = tmp_path / "q.txt"
    questions.write_text("Who is the mayor?\n" * 3000)
    env = {**os.environ, "PYTHONPATH": str(Path(askbot.__file__).parents[1])}
    script = (f'"{sys.executable}" -m askbot --corpus "{bridge_path}" ask - < "{questions}" 2>"{tmp_path}/err" '
              '| head -1; echo "${PIPESTATUS[0]}"')
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, timeout=60)
    assert done.stdout == b"Elena Ruiz\n0\n"
    assert (tmp_path / "err").read_bytes() == b""


def test_ctrl_c_during_a_batch_exits_130_without_traceback(bridge_path):
    proc = _askbot("--corpus", str(bridge_path), "ask", "--json", "-",
                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(b"Who is the mayor?\n")
    proc.stdin.flush()  # the pipe stays open: askbot waits for the next question
    assert json.loads(proc.stdout.readline())["found"] is True
    proc.send_signal(signal.SIGINT)
    # a signal that lands just before askbot blocks in read() waits for that read to return: feed it a blank line
    with contextlib.suppress(BrokenPipeError):
        proc.stdin.write(b"\n")
        proc.stdin.flush()
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (130, b"", b"askbot: interrupted\n")


def test_ctrl_c_during_a_load_exits_130_without_traceback(capsys, monkeypatch, bridge_path):
    def interrupted(path):
        raise KeyboardInterrupt

    monkeypatch.setattr(askbot.Corpus, "from_path", interrupted)
    assert ask(capsys, bridge_path, "x") == (130, "", "askbot: interrupted\n")


# --- library ------------------------------------------------------------------------------------------


def _questions() -> list[str]:
    return ["When did the Harbor Bridge open?", "Who is the mayor?", "How much did the bridge cost?",
            "Why did work stop?", "What will close in December?", "ferry tolls loans strike floods concrete",
            "nothing here at all", "Who praised the bridge's concrete?"] * 25


def test_search_is_safe_from_many_threads(bridge_retriever):
    questions = _questions()
    expected = [bridge_retriever.search(q, k=3) for q in questions]
    with ThreadPoolExecutor(max_workers=16) as pool:
        got = list(pool.map(lambda q: bridge_retriever.search(q, k=3), questions))
    assert got == expected
    assert expected[0][0].passage.id == 1


def test_ask_is_safe_from_many_threads(bridge_retriever):
    questions = _questions()
    expected = [askbot.ask(q, bridge_retriever) for q in questions]
    with ThreadPoolExecutor(max_workers=16) as pool:
        got = list(pool.map(lambda q: askbot.ask(q, bridge_retriever), questions))
    assert got == expected


def test_corpora_can_be_built_from_many_threads(bridge_path):
    text = bridge_path.read_text(encoding="utf-8")
    expected = askbot.Corpus.from_text(text)
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda _: askbot.Corpus.from_text(text), range(16)))
    assert all(c == expected for c in got)


@pytest.mark.parametrize("cls", [CorpusError, CorpusTooLarge, QuestionError, UsageError])
def test_user_errors_are_askbot_errors_with_exit_code_2(cls):
    assert issubclass(cls, AskbotError)
    assert cls("x").exit_code == 2


def test_library_raises_askbot_errors(bridge_retriever, tmp_path):
    with pytest.raises(CorpusError, match="no such file or folder"):
        askbot.Corpus.from_path(tmp_path / "nope.txt")
    with pytest.raises(QuestionError, match="the question is empty; ask something about the article"):
        askbot.ask("  ", bridge_retriever)
    with pytest.raises(QuestionError, match="a question is text, not bytes"):
        askbot.ask(b"bridge", bridge_retriever)


# --- every file is read bounded: named pipes, devices, links, encodings --------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_as_the_article_is_refused_without_waiting(capsys, tmp_path):
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)  # no writer: an open that waited would hang here
    assert ask(capsys, fifo, "x") == (
        2, "", f"{ERR}{fifo}: not a regular file (a named pipe); pass an article (.txt or .md) or a folder of them\n")


def test_a_symlink_loop_is_named(capsys, tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop.name)
    assert ask(capsys, loop, "x") == (
        2, "", f"{ERR}{loop}: cannot read: a symbolic link loop (or a link where none is allowed); "
               "pass an article (.txt or .md) or a folder of them\n")


def _deny(monkeypatch, *names: str) -> None:
    """os.open and os.scandir refuse the paths ending in ``names`` (tests may run as root, whom chmod does not stop)."""
    real_open, real_scandir = os.open, os.scandir

    def check(path):
        if str(path).endswith(names):
            raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "open", lambda path, *a, **k: check(path) or real_open(path, *a, **k))
    monkeypatch.setattr(os, "scandir", lambda path=".": check(path) or real_scandir(path))


def test_an_unreadable_article_is_named(capsys, tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("The bridge opened.\n")
    _deny(monkeypatch, "locked.txt")
    assert ask(capsys, path, "x") == (
        2, "", f"{ERR}{path}: cannot read: permission denied; pass an article (.txt or .md) or a folder of them\n")


def test_a_folder_whose_only_articles_are_unreadable_says_so(capsys, tmp_path, monkeypatch):
    for name in ("a-locked.txt", "b-locked.md"):
        (tmp_path / name).write_text("The bridge opened.\n")
    _deny(monkeypatch, "locked.txt", "locked.md")
    assert ask(capsys, tmp_path, "x") == (2, "", (
        f"askbot: warning: {tmp_path}/a-locked.txt: cannot read: permission denied; left out\n"
        f"askbot: warning: {tmp_path}/b-locked.md: cannot read: permission denied; left out\n"
        f"{ERR}{tmp_path}: folder holds no readable .txt or .md article (2 left out: see the warnings); "
        "fix their permissions or pass another folder\n"))


def test_an_unreadable_file_or_subfolder_is_left_out_with_a_warning(capsys, tmp_path, monkeypatch, bridge_path):
    (tmp_path / "bridge.txt").write_bytes(bridge_path.read_bytes())
    (tmp_path / "sub-locked").mkdir()
    (tmp_path / "sub-locked" / "other.txt").write_text("The ferry runs at night.\n")
    (tmp_path / "c-locked.txt").write_text("The ferry runs at night.\n")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    _deny(monkeypatch, "sub-locked", "c-locked.txt")
    code, out, err = ask(capsys, tmp_path, "Who is the mayor?")
    assert code == 0 and "called it “a new spine for the city.”" in out
    assert sorted(err.splitlines()) == [
        f"askbot: warning: {tmp_path}/c-locked.txt: cannot read: permission denied; left out",
        f"askbot: warning: {tmp_path}/loop.txt: cannot read: a symbolic link loop (or a link where none is allowed); "
        "left out",
        f"askbot: warning: {tmp_path}/sub-locked: cannot read: permission denied; left out"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_read(capsys, tmp_path, bridge_path, codec):
    path = tmp_path / "a.txt"
    text = bridge_path.read_text(encoding="utf-8")
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(codec, b"")
    path.write_bytes(bom + text.encode(codec))
    assert ask(capsys, path, "Who is the mayor?") == ask(capsys, bridge_path, "Who is the mayor?")


def test_utf16_without_a_bom_is_named(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("The bridge opened in 1932.\n".encode("utf-16-le"))
    assert ask(capsys, path, "x") == (
        2, "", f"{ERR}{path}: UTF-16-LE text without a byte-order mark; convert it to UTF-8, "
               "e.g. iconv -f utf-16-le -t utf-8\n")


def test_broken_utf16_after_a_bom_is_named(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfeT\x00h\x00\x00\xd8")  # a lone surrogate
    assert ask(capsys, path, "x") == (
        2, "", f"{ERR}{path}: not valid UTF-16-LE text although it starts with a UTF-16-LE byte-order mark; "
               "convert it to UTF-8\n")


# --- the size limit setting ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "0", "-1", "1e9", "65537", "0x10", "1e400"])
def test_size_limit_settings_that_are_no_size(capsys, monkeypatch, bridge_path, value):
    monkeypatch.setenv("ASKBOT_MAX_MB", value)
    assert ask(capsys, bridge_path, "x") == (
        2, "", f"{ERR}ASKBOT_MAX_MB={value!r} is not a size; set it to a number above 0 and at most 65536 MiB, "
               "such as 64\n")


def test_a_large_size_limit_allocates_nothing_up_front(capsys, monkeypatch, bridge_path):
    monkeypatch.setenv("ASKBOT_MAX_MB", "65536")  # 64 GiB: a read that allocated the limit would fail
    code, out, err = ask(capsys, bridge_path, "Who is the mayor?")
    assert (code, err) == (0, "") and "called it “a new spine for the city.”" in out


# --- askbot eval reads its file bounded -----------------------------------------------------------------


def _eval(capsys, path) -> tuple[int, str, str]:
    return run(capsys, "eval", str(path), "--corpus", str(Path(__file__).parent / "data" / "harbor-bridge.txt"))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_eval_of_a_device_is_refused(capsys):
    assert _eval(capsys, "/dev/zero") == (
        2, "", f"{ERR}/dev/zero: not a regular file (a character device); pass a JSON Lines file of questions\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_eval_of_a_named_pipe_is_refused_without_waiting(capsys, tmp_path):
    fifo = tmp_path / "q.jsonl"
    os.mkfifo(fifo)
    assert _eval(capsys, fifo) == (
        2, "", f"{ERR}{fifo}: not a regular file (a named pipe); pass a JSON Lines file of questions\n")


def test_eval_of_deeply_nested_json(capsys, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "x", "gold": []}\n' + "[" * 100_000 + "]" * 100_000 + "\n")
    assert _eval(capsys, path) == (2, "", f"{ERR}{path}: not JSON Lines (line 2: nested more than 64 deep)\n")


@pytest.mark.parametrize(("line", "message"), [
    ('{"question": null, "gold": []}', "question file: question is NoneType, not text"),
    ('{"question": 3, "gold": []}', "question file: question is int, not text"),
    ('{"question": "x", "gold": "bridge"}', "question file: gold is not a list of text"),
    ('{"question": "x", "gold": [1]}', "question file: gold is not a list of text"),
    ("[1, 2]", "{path}: not JSON Lines (line 1: line 1 is not a JSON object)"),
    ('{"question": "x", "gold": [NaN]}', "{path}: not JSON Lines (line 1: NaN is not a number JSON allows)"),
    ('{"title": "t", "context": null, "qas": []}', "question file: context is NoneType, not text"),
    ('{"title": "t", "context": "A b.", "qas": [{"question": "x", "answers": [null], "answer_starts": [0], '
     '"is_impossible": false}]}', "question file: answers is not a list of text"),
    ('{"title": "t", "context": "A b.", "qas": [7]}', "question file: a qas entry is not an object"),
])
def test_eval_of_records_with_wrong_types(capsys, tmp_path, line, message):
    path = tmp_path / "q.jsonl"
    path.write_text(line + "\n")
    assert _eval(capsys, path) == (2, "", f"{ERR}{message.format(path=path)}\n")


def test_eval_over_the_size_limit(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("ASKBOT_MAX_MB", "0.01")
    path = tmp_path / "q.jsonl"
    path.write_text('{"question": "x", "gold": []}\n' * 400)
    assert _eval(capsys, path) == (2, "", f"{ERR}{path}: over the 0.01 MiB limit; pass a smaller file, "
                                          "or raise the limit with ASKBOT_MAX_MB=<MiB>\n")


# --- batch input ------------------------------------------------------------------------------------------


def test_batch_with_cr_only_line_ends_answers_each_question(capsys, monkeypatch, bridge_path):
    feed_stdin(monkeypatch, b"Who is the mayor?\rWhen did the Harbor Bridge open?\r\rWhy did work stop?\r")
    code, out, err = ask(capsys, bridge_path, "--json", "-")
    assert (code, err) == (0, "")
    assert [json.loads(line)["question"] for line in out.splitlines()] == [
        "Who is the mayor?", "When did the Harbor Bridge open?", "Why did work stop?"]


def test_split_lines_takes_every_line_end_across_chunks():
    chunks = [b"one\r", b"\ntwo\rthr", b"ee\n\r", b"\nfour", b""]
    assert list(streams.split_lines(iter(chunks), 100)) == [b"one", b"two", b"three", b"", b"four"]
    assert list(streams.split_lines(iter([b"x" * 10 + b"\ry"]), 4)) == [b"xxxx", b"y"]


# --- closed or full streams (subprocesses) --------------------------------------------------------------


def _with_fd_closed(fd: int, *argv: str, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(askbot.__file__).parents[1])}
    code = "import os, sys; os.close(int(sys.argv[1])); os.execv(sys.executable, [sys.executable, *sys.argv[2:]])"
    return subprocess.run([sys.executable, "-c", code, str(fd), "-m", "askbot", *argv], env=env,
                          capture_output=True, timeout=60, **kw)


def test_a_closed_stderr_still_gets_the_answer_on_stdout(bridge_path):
    done = _with_fd_closed(2, "--corpus", str(bridge_path), "ask", "Who is the mayor?")
    proc = _askbot("--corpus", str(bridge_path), "ask", "Who is the mayor?", stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE)
    expected, _ = proc.communicate(timeout=60)
    assert (done.returncode, done.stdout) == (0, expected)
    assert "Elena Ruiz" in expected.decode()


def test_a_closed_stderr_with_an_error_exits_2_quietly(tmp_path):
    done = _with_fd_closed(2, "--corpus", str(tmp_path / "nope.txt"), "ask", "x")
    assert (done.returncode, done.stdout) == (2, b"")


def test_a_closed_stdout_is_exit_2_said_on_stderr(bridge_path):
    done = _with_fd_closed(1, "--corpus", str(bridge_path), "ask", "Who is the mayor?")
    assert (done.returncode, done.stderr) == (
        2, b"askbot: error: standard output is closed; give askbot somewhere to write, e.g. >/dev/null\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stdout_is_exit_1_without_traceback(bridge_path):
    with open("/dev/full", "w") as full:
        proc = _askbot("--corpus", str(bridge_path), "ask", "Who is the mayor?", stdout=full, stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (1, b"askbot: error: cannot write to standard output: No space left on device\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_stderr_loses_the_message_but_not_the_exit_code(tmp_path):
    with open("/dev/full", "w") as full:
        proc = _askbot("--corpus", str(tmp_path / "nope.txt"), "ask", "x", stdout=subprocess.PIPE, stderr=full)
        out, _ = proc.communicate(timeout=60)
    assert (proc.returncode, out) == (2, b"")


# --- homes ----------------------------------------------------------------------------------------------


def test_askbot_home_holds_the_cache_too(capsys, tmp_path, bridge_path):
    assert ask(capsys, bridge_path, "Who is the mayor?")[0] == 0
    assert list((tmp_path / "askbot-home" / "cache").iterdir())
    assert not (tmp_path / "cache").exists()  # XDG_CACHE_HOME is left alone


@pytest.mark.parametrize("home", ["", "relative/home", "/nonexistent-askbot-home", "/"])
def test_no_usable_home_runs_without_cache_and_says_so_once(capsys, monkeypatch, bridge_path, home):
    from askbot import homes

    for name in ("ASKBOT_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", home)
    monkeypatch.setattr(homes, "_told", set())
    expected = ask(capsys, bridge_path, "--no-cache", "Who is the mayor?")[1]
    code, out, err = ask(capsys, bridge_path, "Who is the mayor?")
    assert (code, out) == (0, expected)
    assert err == (f"askbot: warning: no usable home folder (HOME={home!r}); running without history and index "
                   "cache; set ASKBOT_HOME to an absolute folder to keep them\n")
    assert not Path("/nonexistent-askbot-home").exists()
    assert homes.homes() == homes.Homes(None, None, err[len("askbot: warning: "):-1])


@pytest.mark.parametrize("value", ["relative", "/"])
def test_an_askbot_home_that_is_not_an_absolute_folder(capsys, monkeypatch, bridge_path, value):
    from askbot import homes

    monkeypatch.setenv("ASKBOT_HOME", value)
    monkeypatch.setattr(homes, "_told", set())
    code, _, err = ask(capsys, bridge_path, "Who is the mayor?")
    assert (code, err) == (0, f"askbot: warning: ASKBOT_HOME={value!r} is not an absolute folder other than /; "
                              "running without history and index cache\n")


# --- library misuse ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda c, r: askbot.Corpus.from_text(None), TypeError, "Corpus.from_text: the text must be str, not NoneType"),
    (lambda c, r: askbot.Corpus.from_text(b"x"), TypeError, "Corpus.from_text: the text must be str, not bytes"),
    (lambda c, r: askbot.Corpus.from_path(None), TypeError, "Corpus.from_path: the path must be str or bytes"),
    (lambda c, r: askbot.Corpus.from_documents([("t", None, None)]), TypeError, "a document text must be str"),
    (lambda c, r: askbot.Corpus.from_documents(["abc"]), TypeError, "takes \\(title, text, path\\) triples"),
    (lambda c, r: c.sentence(0), askbot.IdOutOfRange, "sentence id 0 is outside 1..10"),
    (lambda c, r: c.sentence(-1), askbot.IdOutOfRange, "sentence id -1 is outside 1..10"),
    (lambda c, r: c.sentence(11), askbot.IdOutOfRange, "sentence id 11 is outside 1..10"),
    (lambda c, r: c.sentence("1"), TypeError, "a sentence id must be a whole number, not str"),
    (lambda c, r: c.sentence(True), TypeError, "a sentence id must be a whole number, not bool"),
    (lambda c, r: c.passage(0), IndexError, "passage id 0 is outside 1..5"),
    (lambda c, r: c.document(2), IndexError, "document id 2 is outside 1..1"),
    (lambda c, r: r.search(b"bridge"), TypeError, "search\\(\\) takes a question \\(str\\) or its terms"),
    (lambda c, r: r.search(None), TypeError, "search\\(\\) takes a question"),
    (lambda c, r: r.search([b"bridge"]), TypeError, "search\\(\\) takes terms that are str"),
    (lambda c, r: r.search("bridge", k="3"), TypeError, "k must be int, not str"),
    (lambda c, r: askbot.Retriever(None), TypeError, "Retriever's corpus must be Corpus, not NoneType"),
    (lambda c, r: askbot.Retriever(c, k1=float("nan")), ValueError, "BM25 needs k1 >= 0 and 0 <= b <= 1"),
    (lambda c, r: askbot.Retriever(c, b=2), ValueError, "BM25 needs k1 >= 0 and 0 <= b <= 1"),
    (lambda c, r: askbot.answer.ask("x", None), TypeError, "ask\\(\\) needs a Retriever, not NoneType"),
    (lambda c, r: askbot.ask("x", 42), TypeError, "expected a Retriever, a Corpus, a path or None, not int"),
    (lambda c, r: askbot.ask("x", r, k=0), ValueError, "Settings need k >= 1"),
    (lambda c, r: askbot.ask("x", r, min_confidence=float("nan")), ValueError, "Settings need k >= 1"),
    (lambda c, r: askbot.ask("x", r, k="5"), TypeError, "Settings.k must be int, not str"),
    (lambda c, r: askbot.ask(None, r), askbot.QuestionError, "a question is text, not NoneType"),
    (lambda c, r: askbot.tokenize(None), TypeError, "tokenize\\(\\) takes a str, not NoneType"),
    (lambda c, r: r.scores("bridge"), TypeError, "scores\\(\\) takes terms: a sequence of str"),
    (lambda c, r: askbot.ask("x", r, "k=3"), TypeError, "ask\\(\\) takes settings as a Settings, not str"),
])
def test_library_misuse_raises_clear_errors(bridge, bridge_retriever, call, error, message):
    with pytest.raises(error, match=message):
        call(bridge, bridge_retriever)


def test_ids_never_wrap_around(bridge):
    assert bridge.sentence(1).id == 1 and bridge.sentence(len(bridge.sentences)).id == len(bridge.sentences)
    assert issubclass(askbot.IdOutOfRange, IndexError) and issubclass(askbot.IdOutOfRange, AskbotError)


# --- many documents ---------------------------------------------------------------------------------------


def test_names_are_written_a_logarithmic_number_of_times(tmp_path, monkeypatch):
    from askbot import cache

    for i in range(40):
        (tmp_path / f"doc{i:02}.txt").write_text(f"Mayor Elena Ruiz{i} opened bridge {i} in Valdoria.\n")
    writes = []
    real = cache._write_names
    monkeypatch.setattr(cache, "_write_names", lambda folder, names: writes.append(len(names)) or real(folder, names))
    retriever = cache.load_retriever(askbot.Corpus.from_path(tmp_path))
    askbot.ask("Who opened the bridge?", retriever, k=1_000_000_000)
    assert writes == [1, 2, 4, 8, 16, 32, 40]


def test_eval_of_squad_fields_of_the_wrong_type(capsys, tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"title": "t", "context": "A b.", "qas": 5}\n')
    assert _eval(capsys, path) == (2, "", f"{ERR}question file is in neither format (a field of the wrong type)\n")


def test_no_usable_home_is_said_once_in_the_interactive_session(monkeypatch):
    from askbot import homes

    for name in ("ASKBOT_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", "")
    monkeypatch.setattr(homes, "_told", set())
    from askbot.repl import open_history

    with pytest.warns(homes.HomeWarning, match="no usable home folder"):
        assert type(open_history(None)).__name__ == "InMemoryHistory"
    with warnings_as_errors():
        open_history(None)  # said once a process


@contextlib.contextmanager
def warnings_as_errors():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --- the interactive session in a terminal ----------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_terminal_session_with_a_pasted_escape_and_a_named_pipe_for_history(tmp_path, bridge_path):
    pexpect = pytest.importorskip("pexpect")
    home = tmp_path / "askbot-home"
    home.mkdir()
    os.mkfifo(home / "history")  # no reader: opening it to append must not wait
    env = {**os.environ, "ASKBOT_HOME": str(home), "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1",
           "PYTHONPATH": str(Path(askbot.__file__).parents[1])}
    child = pexpect.spawn(sys.executable, ["-m", "askbot", "--corpus", str(bridge_path)], env=env,
                          encoding="utf-8", timeout=30, dimensions=(40, 120))
    try:
        child.expect_exact(f"askbot: warning: cannot use the history file {home}/history: not a regular file "
                           "(a socket or a device without a reader); going on without history")
        child.expect_exact("askbot>")
        child.send("\x1b[31mWho is the mayor?\x1b[0m\r")  # as pasted from a coloured terminal
        child.expect_exact("called it “a new spine for the city.”")
        child.expect_exact("askbot>")
        child.sendcontrol("d")
        child.expect(pexpect.EOF)
        assert "Unhandled exception" not in (child.before or "")
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


def test_sigterm_during_a_batch_exits_143_without_traceback(bridge_path):
    proc = _askbot("--corpus", str(bridge_path), "ask", "--json", "-",
                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(b"Who is the mayor?\n")
    proc.stdin.flush()
    assert json.loads(proc.stdout.readline())["found"] is True
    proc.send_signal(signal.SIGTERM)
    with contextlib.suppress(BrokenPipeError):  # as for Ctrl-C: a read that was under way returns first
        proc.stdin.write(b"\n")
        proc.stdin.flush()
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (143, b"", b"askbot: terminated\n")


def test_a_terminated_cache_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    from askbot import cachecheck
    from askbot.cli import Terminated

    def stop(*args):
        raise Terminated

    monkeypatch.setattr(os, "replace", stop)
    with pytest.raises(Terminated):
        cachecheck.write(str(tmp_path / "meta.json"), b"data")
    assert list(tmp_path.iterdir()) == []
