"""The interactive loop, driven by a fake reader: no terminal, no prompt-toolkit."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from askbot import Corpus, Retriever, ask
from askbot.render import as_text
from askbot.repl import loop


def fake_reader(lines: Iterable[str | BaseException]) -> tuple[Callable[[], str], list[int]]:
    """A reader that returns ``lines`` (raising any exception among them), then EOFError."""
    pending = list(lines)
    calls = [0]

    def read() -> str:
        calls[0] += 1
        if not pending:
            raise EOFError
        item = pending.pop(0)
        if isinstance(item, BaseException):
            raise item
        return item

    return read, calls


def drive(lines: Iterable[str | BaseException]) -> tuple[int, list[str], list[str], int]:
    asked: list[str] = []
    written: list[str] = []

    def answer(question: str) -> str:
        asked.append(question)
        return f"answer to {question}"

    read, calls = fake_reader(lines)
    code = loop(answer, read, written.append)
    return code, asked, written, calls[0]


def test_answers_each_question_in_order_until_end_of_input():
    code, asked, written, _ = drive(["When did the bridge open?\n", "How much did it cost?"])
    assert code == 0
    assert asked == ["When did the bridge open?", "How much did it cost?"]
    assert len(written) == 2
    assert "answer to When did the bridge open?" in written[0]
    assert "answer to How much did it cost?" in written[1]


def test_blank_lines_are_skipped_and_questions_stripped():
    code, asked, written, _ = drive(["", "   ", "\n", "  Who opened it?  \n"])
    assert (code, asked) == (0, ["Who opened it?"])
    assert len(written) == 1


def test_quit_commands_end_the_session_without_reading_further():
    for quit_command in ["/quit", "/exit", "/q", "/QUIT", "  /quit  "]:
        code, asked, _, calls = drive(["First?", quit_command, "Never asked?"])
        assert (code, asked, calls) == (0, ["First?"], 2)


def test_empty_input_ends_at_once():
    assert drive([]) == (0, [], [], 1)


def test_ctrl_c_at_the_prompt_clears_the_line_and_goes_on():
    code, asked, _, _ = drive(["First?", KeyboardInterrupt(), "Second?"])
    assert (code, asked) == (0, ["First?", "Second?"])


def test_loop_with_the_real_answer_function(bridge_path):
    retriever = Retriever(Corpus.from_path(bridge_path))
    written: list[str] = []
    read, _ = fake_reader(["When will the ferry close?", "What is the capital of France?", "/quit"])
    code = loop(lambda q: as_text(ask(q, retriever)), read, written.append)
    assert code == 0
    text = "\n".join(written)
    assert "A ferry service that ran for 80 years will close in December. [9]" in text
    assert "[9] A ferry service that ran for 80 years will close in December." in text
    assert "The article doesn't say." in text
    assert text.index("[9]") < text.index("The article doesn't say.")
