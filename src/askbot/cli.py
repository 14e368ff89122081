"""The command line: parse, call the stages, print. ``main(argv) -> exit status``.

Exit status: 0 ok, 1 runtime error, 2 usage or input error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Iterator
from typing import TextIO

from . import __version__
from .errors import AskbotError, UsageError
from .loading import CorpusWarning

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not argparse's usage dump
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return value


def _path(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("expected an article file or folder, got an empty path")
    return text


def _corpus_options(p: argparse.ArgumentParser, suppress: bool = False) -> None:
    default = argparse.SUPPRESS if suppress else None
    p.add_argument("--corpus", metavar="PATH", default=default, type=_path,
                   help="article file (.txt/.md) or folder of them (default: the packaged article)")
    p.add_argument("-k", type=_positive, metavar="N", default=argparse.SUPPRESS if suppress else 5,
                   help="passages to consider for an answer (default: 5)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="askbot", description="Answer questions about a news article, citing its sentences. "
                     "With no command, starts an interactive session.")
    parser.add_argument("--version", action="version", version=f"askbot {__version__}")
    _corpus_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    ask = sub.add_parser("ask", help="answer one question (or '-' for one per line on stdin)",
                         description="Answer QUESTION from the article, citing its sentences. "
                         "With '-', read questions one per line from stdin.")
    ask.add_argument("question", metavar="QUESTION", help="the question, or '-' to read them from stdin")
    _corpus_options(ask, suppress=True)
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--min-confidence", type=_share, metavar="X", default=None,
                     help="decline to answer below this confidence (0 to 1)")
    return parser


def _load(args: argparse.Namespace):
    from .corpus import Corpus
    from .data import default_corpus_path
    from .retriever import Retriever

    path = args.corpus or default_corpus_path()
    return Retriever(Corpus.from_path(path))


MAX_LINE = 1 << 20  # bytes of a stdin question line kept; the rest of a longer line is skipped


def _lines(stream: TextIO) -> Iterator[str]:
    """Questions from a stream, one a line; bad bytes replaced, blanks skipped,
    a line over ``MAX_LINE`` bytes cut (memory stays bounded)."""
    raw = getattr(stream, "buffer", None)
    read = raw.readline if raw is not None else stream.readline
    while line := read(MAX_LINE):
        rest = line
        while len(rest) == MAX_LINE and not rest.endswith(b"\n" if isinstance(rest, bytes) else "\n"):
            rest = read(MAX_LINE)  # skip the rest of an over-long line
        text = line.decode("utf-8", errors="replace") if isinstance(line, bytes) else line
        if text.strip():
            yield text.strip()


def _cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    from .answer import ask
    from .errors import QuestionError
    from .render import as_json, as_text

    if args.question != "-" and not args.question.strip():
        raise QuestionError("the question is empty; ask something about the article")
    retriever = _load(args)
    overrides = {"k": args.k}
    if args.min_confidence is not None:
        overrides["min_confidence"] = args.min_confidence
    titles = {d.id: d.title for d in retriever.corpus.documents}
    questions = _lines(sys.stdin) if args.question == "-" else [args.question]
    status = EXIT_OK
    for n, question in enumerate(questions):
        try:
            answer = ask(question, retriever, **overrides)
        except AskbotError as e:  # one bad line never stops a batch
            status = max(status, _fail(f"question {n + 1}: {e}", e.exit_code))
            continue
        if args.json:
            out.write(as_json(answer) + "\n")
        else:
            out.write(("\n" if n else "") + as_text(answer, titles) + "\n")
        out.flush()
    return status


def _cmd_repl(args: argparse.Namespace, out: TextIO) -> int:
    from .answer import ask
    from .render import as_text, one_line
    from .repl import run

    retriever = _load(args)
    corpus = retriever.corpus
    titles = {d.id: d.title for d in corpus.documents}
    banner = (f"askbot {__version__} — {one_line(corpus.title)} "
              f"({len(corpus.passages)} passages, {len(corpus.sentences)} sentences)\n"
              "Ask a question about the article. Ctrl-D or /quit to leave.")
    return run(lambda q: as_text(ask(q, retriever, k=args.k), titles), banner, stdout=out)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    from .render import one_line

    print(f"askbot: warning: {one_line(str(message))}", file=sys.stderr)


def _fail(message: str, code: int) -> int:
    from .render import one_line

    print(f"askbot: error: {one_line(message)}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (tests): nothing to flush
        pass


def _tolerant_streams() -> None:
    """Bad bytes on stdin become U+FFFD, and characters that stdout cannot
    encode (a non-UTF-8 locale) become "?": never a UnicodeError."""
    for stream in (sys.stdin, sys.stdout):
        if hasattr(stream, "reconfigure") and stream.errors == "strict":
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Run askbot with ``argv`` (default: sys.argv[1:]); return the exit status."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", CorpusWarning)
        warnings.showwarning = _show_warning
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    _tolerant_streams()
    out = sys.stdout
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as e:  # --help and --version
            return int(e.code or 0)
        return (_cmd_ask if args.command == "ask" else _cmd_repl)(args, out)
    except AskbotError as e:
        return _fail(str(e), e.exit_code)
    except KeyboardInterrupt:
        print("askbot: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `askbot ask ... | head -1`: stop quietly
        _silence_stdout()
        return EXIT_OK
    except OSError as e:
        return _fail(str(e), EXIT_ERROR)
