"""What the reader types into the session: pasted blocks, the !multi mode, /k's bound."""

from __future__ import annotations

import io

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from askbot.repl import Lines, Printer, loop, plain_reader, prompt_session
from askbot.screen import Reply
from askbot.session import Session

WHEN, COST, FERRY = "When did the bridge open?", "How much did the bridge cost?", "When will the ferry service close?"


def alone(retriever, question: str) -> str:
    """The reply to ``question`` asked first in a new session, as plain text."""
    return Session(retriever).handle(question).plain()


def chat(session: Session, *entries: str) -> list[str]:
    """Run the chat loop over ``entries`` (each what one prompt returned); the replies as plain text."""
    feed, written = iter(entries), []

    def read() -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    assert loop(session.handle, read, lambda r: written.append(r.plain())) == 0
    return written


def test_a_pasted_block_asks_each_line_in_turn(bridge_retriever):
    replies = chat(Session(bridge_retriever), "When did the bridge open?\n\nHow much did the bridge cost?\r\n")
    assert len(replies) == 2 and replies[0] == alone(bridge_retriever, WHEN)
    assert "$2.4 billion" in replies[1] and "Sept. 13" not in replies[1]


def test_a_pasted_block_stops_at_quit(bridge_retriever):
    assert chat(Session(bridge_retriever), "/quit\nWhen did the bridge open?") == []


def test_multi_mode_asks_several_lines_as_one_question(bridge_retriever):
    session = Session(bridge_retriever)
    replies = chat(session, "!multi", "When will the", "ferry service", "close?", "!end")
    assert replies[0].startswith("Several lines, asked as one question: end them with !end")
    assert replies[1:] == [alone(bridge_retriever, FERRY)]
    assert session.last.question == "When will the ferry service close?"


def test_multi_mode_in_one_paste_and_at_end_of_input(bridge_retriever):
    replies = chat(Session(bridge_retriever), "!MULTI\nWhen will the\nferry service close?\n!end")
    assert replies[1:] == [alone(bridge_retriever, FERRY)]
    replies = chat(Session(bridge_retriever), "!multi\nHow much did\nthe bridge cost?")
    assert replies[1:] == [alone(bridge_retriever, COST)]  # the input ended inside !multi: still asked


def test_lines_keeps_a_single_blank_line_and_drops_blank_lines_of_a_block():
    lines = Lines()
    assert lines.feed("") == [""]
    assert lines.feed("a\n\n  \nb\n") == ["a", "b"]
    assert [type(x) for x in lines.feed("!multi\nx")] == [Reply]
    assert lines.open and lines.close() == "x" and not lines.open


def test_a_bracketed_paste_at_the_prompt_asks_each_line(bridge_retriever):
    session, written = Session(bridge_retriever), []
    with create_pipe_input() as pipe:
        prompt = prompt_session(session, input=pipe, output=DummyOutput())
        pipe.send_text("\x1b[200~When did the bridge open?\nHow much did the bridge cost?\x1b[201~\r\x04")
        assert loop(session.handle, lambda: prompt.prompt("askbot> "), lambda r: written.append(r.plain())) == 0
    assert len(written) == 2 and written[0] == alone(bridge_retriever, WHEN)
    assert "$2.4 billion" in written[1]


def test_piped_lines_with_multi(bridge_retriever):
    out = io.StringIO()
    stream = io.StringIO("!multi\nWhen will the ferry\nclose?\n!end\n")
    assert loop(Session(bridge_retriever).handle, plain_reader(stream), Printer(out), interactive=False) == 0
    assert out.getvalue().endswith(alone(bridge_retriever, FERRY) + "\n")


def test_k_is_bounded_by_the_articles_passages(bridge_retriever):
    session = Session(bridge_retriever)
    assert chat(session, "/k 100") == ["The article has 5 passages; /k takes 1 to 5."]
    assert session.k == 5
    assert chat(session, "/k 5") == ["Each question now considers 5 passages."]
    assert chat(session, "/k x") == ["Usage: /k N, a whole number from 1 to 5 (the article's passages)."]
