"""The command line: parse, call the stages, print. ``main(argv) -> exit status``.

Exit status: 0 ok, 1 runtime error, 2 usage or input error, 130 interrupted (Ctrl-C),
143 terminated (SIGTERM; temporary files are removed on the way out).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from . import __version__
from .errors import AskbotError, UsageError
from .loading import CorpusWarning
from .streams import Output, OutputFailed, closed_streams, say, silence_stdout, split_lines, stdout_failed

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_TERMINATED = 0, 1, 2, 130, 143


def _columns() -> int:
    """Terminal width as shutil.get_terminal_size gives it ($COLUMNS, else the
    terminal's, else 80), without importing shutil (~4 ms of a one-shot start)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout and width, without its shutil import."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: int | None = None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

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
                   help="article file (.txt/.md/.html), folder of them, or http(s) URL of a web page "
                   "(default: the packaged article)")
    p.add_argument("-k", type=_positive, metavar="N", default=argparse.SUPPRESS if suppress else 5,
                   help="passages to consider for an answer (default: 5)")
    p.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS if suppress else False,
                   help="neither read nor write the cache ($XDG_CACHE_HOME/askbot: the article's index and the "
                   "compiled regular expressions)")
    p.add_argument("--refresh", action="store_true", default=argparse.SUPPRESS if suppress else False,
                   help="fetch a --corpus URL again instead of reading the cached copy")


COMMANDS = ("ask", "eval")
_VALUED = ("--corpus", "-k", "--min-confidence", "--color")  # options that take the next word as their value


def implicit_ask(argv: list[str]) -> list[str]:
    """``askbot "Who did Putin meet?"`` means ``askbot ask "Who did Putin meet?"``.

    Only when the first word that is not an option is no command and reads as a
    question (it holds a space or ends in "?"), so a mistyped command still
    gets argparse's "invalid choice" error.

    >>> implicit_ask(["--corpus", "a.txt", "Who did Putin meet?"])
    ['--corpus', 'a.txt', 'ask', 'Who did Putin meet?']
    >>> implicit_ask(["aks", "x"])
    ['aks', 'x']
    """
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            return argv
        if word.startswith("-") and word != "-":
            i += 2 if word in _VALUED else 1
            continue
        if word not in COMMANDS and (" " in word.strip() or word.rstrip().endswith("?")):
            return [*argv[:i], "ask", *argv[i:]]
        return argv
    return argv


def _color_option(p: argparse.ArgumentParser, suppress: bool = False) -> None:
    p.add_argument("--color", choices=("auto", "always", "never"), default=argparse.SUPPRESS if suppress else "auto",
                   metavar="WHEN", help="colour: auto (the default: on a terminal, unless NO_COLOR is set), "
                   "always or never")


def use_color(choice: str, stream: TextIO, no_color: bool = False) -> bool:
    """Whether to colour ``stream``: --color always/never, else only a terminal without NO_COLOR."""
    if choice != "auto":
        return choice == "always"
    return not no_color and not os.environ.get("NO_COLOR") and _isatty(stream)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="askbot", description="Answer questions about a news article, citing its sentences. "
                     "askbot \"QUESTION\" answers one question; with no command, askbot starts an interactive session.")
    parser.add_argument("--version", action="version", version=f"askbot {__version__}")
    _corpus_options(parser)
    parser.add_argument("--vi", action="store_true", help="interactive session: vi keys (default: Emacs keys)")
    parser.add_argument("--no-color", action="store_true", help="interactive session: no colour (also: NO_COLOR)")
    _color_option(parser)
    version = {"action": "version", "version": f"askbot {__version__}"}
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    ask = sub.add_parser("ask", help="answer one question (or '-' for one per line on stdin)",
                         description="Answer QUESTION from the article, citing its sentences. "
                         "With '-', read questions one per line from stdin.")
    ask.add_argument("question", metavar="QUESTION", nargs="+",
                     help="the question (quoted or not), or '-' to read them from stdin")
    ask.add_argument("--version", **version)
    _corpus_options(ask, suppress=True)
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    ask.add_argument("--conversation", action="store_true",
                     help="with '-': the lines are one conversation, each question answered in the context "
                     "of the ones before (as in the interactive session)")
    ask.add_argument("--min-confidence", type=_share, metavar="X", default=None,
                     help="decline to answer below this confidence (0 to 1)")
    _color_option(ask, suppress=True)
    ask.add_argument("--no-sources", action="store_true", help="print the answer alone, without its sources")
    ev = sub.add_parser("eval", help="score askbot on a JSON Lines file of questions with their right answers",
                        description="Answer every question of FILE and print how often the right sentence is "
                        "cited first (hit@1), cited at all (hit@cited), citations per answer, unanswerable "
                        "questions declined (abstain_ok), answerable ones declined (false_abstain) and how well "
                        "the confidence separates them (auroc); with gold phrases, how well the short answer matches "
                        "them (short_em, short_f1) and the first cited sentence does (sentence_f1).",
                        epilog="FILE is JSON Lines (one JSON object a line) in either of two formats. "
                        "Questions about the article given with --corpus: {\"id\": \"q1\", \"question\": "
                        "\"...\", \"gold\": [\"...\"], \"short\": [\"...\"]}, where a citation is right when it "
                        "holds one of the gold strings, an empty gold list marks a question the article cannot "
                        "answer, and the optional short list holds the phrases that answer it. Or "
                        "SQuAD articles, one a line, each its own corpus: {\"title\": \"...\", \"context\": "
                        "\"the article's text\", \"qas\": [{\"question\": \"...\", \"answers\": [\"...\"], "
                        "\"answer_starts\": [N], \"is_impossible\": false}]}, where a citation is right when it "
                        "holds an answer at its offset.")
    ev.add_argument("file", metavar="FILE", help="JSON Lines file of questions (format below)")
    ev.add_argument("--version", **version)
    _corpus_options(ev, suppress=True)
    ev.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    ev.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ev.add_argument("--articles", type=_positive, metavar="N", default=0, help="score only the first N SQuAD articles")
    return parser


_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")


def _single_blas_thread() -> None:
    """Import numpy with OpenBLAS limited to one thread, unless the user chose a number.

    askbot multiplies matrices of a few dozen rows, which OpenBLAS computes in the calling thread
    anyway; the pool it starts at load (a thread a core) only costs a one-shot answer CPU time, as
    its threads spin waiting for work, and wall time on a busy machine (docs/performance.md). The
    variable is read when numpy loads OpenBLAS, and removed again: child processes keep the default."""
    if "numpy" in sys.modules or any(os.environ.get(name) for name in _THREAD_VARIABLES):
        return
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        import numpy  # noqa: F401
    finally:
        os.environ.pop("OPENBLAS_NUM_THREADS", None)


@contextmanager
def _kept_regexes(args: argparse.Namespace) -> Iterator[None]:
    """While a command runs, regular expressions are built from the programs kept in the cache home
    (regexcache.py; not with --no-cache), and those it lacked are written when the command ends."""
    from . import regexcache
    from .homes import homes

    cache = None if args.no_cache else homes().cache
    regexcache.use(cache and os.path.join(cache, "regex"))
    try:
        yield
        regexcache.save()
    finally:
        regexcache.use(None)


def _load(args: argparse.Namespace):
    from .cache import load_retriever
    from .data import default_corpus_path

    path = args.corpus or default_corpus_path()
    stream = sys.stderr if sys.stderr.isatty() else None  # a progress bar for a large corpus
    return load_retriever(_corpus(path, args.refresh), use_cache=not args.no_cache, stream=stream)


def _corpus(path: str, refresh: bool = False):
    """The corpus at ``path``; with ``refresh``, a URL is fetched again rather than read from the page cache."""
    from .corpus import Corpus

    if refresh and "://" in path:
        from .web import read_url

        return Corpus.from_documents([read_url(path, refresh=True)])
    return Corpus.from_path(path)


MAX_LINE = 1 << 20  # bytes of a stdin question line kept; the rest of a longer line is skipped


def _lines(stream: TextIO) -> Iterator[str]:
    """Questions from a stream, one a line (LF, CRLF or CR ends one); bad bytes replaced,
    blanks skipped, a line over ``MAX_LINE`` bytes cut (memory stays bounded)."""
    raw = getattr(stream, "buffer", None)
    if raw is not None and hasattr(raw, "read1"):  # what has arrived, without waiting for more
        chunks = iter(lambda: raw.read1(1 << 16), b"")
    else:
        chunks = (line.encode("utf-8", "surrogatepass") for line in iter(lambda: stream.readline(MAX_LINE), ""))
    for line in split_lines(chunks, MAX_LINE):
        text = line.decode("utf-8", errors="replace").strip()
        if text:
            yield text


def _conversation_usage(args: argparse.Namespace) -> None:
    """--conversation needs the questions of a conversation on stdin ('-')."""
    question = args.question if isinstance(args.question, str) else " ".join(args.question)
    if args.conversation and question != "-":
        raise UsageError("--conversation reads the conversation's questions from stdin, one a line: "
                         "askbot ask --conversation - (see 'askbot ask --help')")


def _conversation(retriever):
    """The questions of one conversation, answered as the interactive session answers them."""
    from .followup import Conversation

    return Conversation(retriever).ask


def _cmd_ask(args: argparse.Namespace, out: TextIO) -> int:
    _conversation_usage(args)
    from .answer import ask
    from .errors import QuestionError
    from .render import as_json, as_text, label

    if args.question != "-" and not args.question.strip():
        raise QuestionError("the question is empty; ask something about the article")
    retriever = _load(args)
    overrides = {"k": args.k}
    if args.min_confidence is not None:
        overrides["min_confidence"] = args.min_confidence
    answer_of = _conversation(retriever) if args.conversation else (lambda q, **o: ask(q, retriever, **o))
    documents = retriever.corpus.documents
    titles = {d.id: label(d) for d in documents}
    questions = _lines(sys.stdin) if args.question == "-" else [args.question]
    show = _text_options(args, out)
    status = EXIT_OK
    for n, question in enumerate(questions):
        try:
            answer = answer_of(question, **overrides)
        except AskbotError as e:  # one bad line never stops a batch
            status = max(status, _fail(f"question {n + 1}: {e}", e.exit_code))
            continue
        if args.json:
            out.write(as_json(answer, documents) + "\n")
        else:
            out.write(("\n" if n else "") + as_text(answer, titles, **show) + "\n")
        out.flush()
    return status


def _text_options(args: argparse.Namespace, out: TextIO) -> dict:
    """render.as_text's options: colour and wrapping on a terminal, sources unless --no-sources."""
    color = use_color(getattr(args, "color", "auto"), out, args.no_color)
    width = _columns() - 1 if _isatty(out) else None
    return {"color": color, "width": width, "sources": not args.no_sources}


def _cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    import json
    import time

    from .answer import Settings
    from .data import default_corpus_path
    from .evaluate import evaluate, jobs, read_records
    from .progress import progress_bar
    from .render import one_line

    records = read_records(args.file)
    path = args.corpus or default_corpus_path()
    corpus = None if records and "context" in records[0] else _corpus(path, args.refresh)
    work = jobs(records, corpus, args.articles)
    t0 = time.time()
    with progress_bar(sum(len(items) for _, items in work)) as advance:
        figures, misses = evaluate(work, Settings(k=args.k), args.verbose, advance)
    figures["seconds"] = round(time.time() - t0, 2)
    for line in misses:
        out.write(one_line(line) + "\n")
    if args.json:
        out.write(json.dumps(figures) + "\n")
    else:
        out.write("".join(f"{k:>14}  {v}\n" for k, v in figures.items()))
    return EXIT_OK


def _cmd_repl(args: argparse.Namespace, out: TextIO) -> int:
    from .repl import run
    from .screen import banner
    from .session import Session

    retriever = _load(args)
    color = {"always": True, "never": False}.get(args.color)
    return run(Session(retriever, k=args.k), stdout=out, vi=args.vi, color=False if args.no_color else color,
               banner=banner(__version__, retriever.corpus))


def _question_words(args: argparse.Namespace, unknown: list[str]) -> list[str]:
    """The words of ``askbot ask`` become one question (``ask What --json did Kim say``:
    argparse leaves the words after an option over); what is left over (unknown
    options) is returned."""
    if args.command != "ask":
        return unknown
    words = [w for w in unknown if not w.startswith("-") or w == "-"]
    args.question = " ".join([*args.question, *words])
    return [w for w in unknown if w not in words]


def _show_warning(message, category, filename, lineno, file=None, line=None):
    from .render import one_line

    say(f"askbot: warning: {one_line(str(message))}")


def _fail(message: str, code: int) -> int:
    from .render import one_line

    say(f"askbot: error: {one_line(message)}")
    return code


def _tolerant_streams() -> None:
    """Bad bytes on stdin become U+FFFD, and characters that stdout cannot
    encode (a non-UTF-8 locale) become "?": never a UnicodeError."""
    for stream in (sys.stdin, sys.stdout):
        if hasattr(stream, "reconfigure") and getattr(stream, "errors", "") == "strict":
            stream.reconfigure(errors="replace")


class Terminated(BaseException):
    """SIGTERM arrived: unwinds like Ctrl-C, so that every ``finally`` (temporary files) runs."""


def _terminate(signum, frame):
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    """Run askbot with ``argv`` (default: sys.argv[1:]); return the exit status."""
    import _signal  # the C core of signal, whose import builds enums (~0.5 ms of a one-shot start)

    try:
        before = _signal.signal(_signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: leave signals alone
        before = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", CorpusWarning)
            warnings.showwarning = _show_warning
            return _main(argv)
    except Terminated:
        say("askbot: terminated")
        if "asyncio" in sys.modules:  # the session's prompt stopped mid-task: no "Task was destroyed" at exit
            import logging

            logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        return EXIT_TERMINATED
    finally:
        if before is not None:
            _signal.signal(_signal.SIGTERM, before)


def _main(argv: list[str] | None) -> int:
    _tolerant_streams()
    out = Output(sys.stdout)
    try:
        closed_streams()
        try:
            parser = build_parser()
            args, unknown = parser.parse_known_args(implicit_ask(sys.argv[1:] if argv is None else argv))
            unknown = _question_words(args, unknown)
        except SystemExit as e:  # --help and --version
            return int(e.code or 0)
        if unknown:  # name the command's own help: "askbot ask --bogus" -> see 'askbot ask --help'
            prog = f"askbot {args.command}" if args.command else "askbot"
            raise UsageError(f"unrecognized arguments: {' '.join(unknown)} (see '{prog} --help')")
        if sys.stdin is None and (args.command != "ask" or args.question == "-"):  # e.g. `askbot <&-`
            raise UsageError("standard input is closed; ask one question with: askbot ask QUESTION")
        command = {"ask": _cmd_ask, "eval": _cmd_eval}.get(args.command, _cmd_repl)
        _single_blas_thread()
        with _kept_regexes(args):
            return command(args, out)
    except AskbotError as e:
        return _fail(str(e), e.exit_code)
    except KeyboardInterrupt:
        say("askbot: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `askbot ask ... | head -1`: stop quietly
        silence_stdout()
        return EXIT_OK
    except OSError as e:
        from .safeio import cause

        if stdout_failed() or isinstance(e, OutputFailed):
            silence_stdout()
            return _fail(f"cannot write to standard output: {cause(e)}", EXIT_ERROR)
        return _fail(str(e), EXIT_ERROR)
