"""The interactive session at a terminal: prompt-toolkit in, styled text out.

``loop(handle, read, write)`` knows nothing of terminals: it takes the reply
function (session.Session.handle), the line reader and the reply printer as
arguments, so tests drive it with prompt-toolkit's pipe input and
DummyOutput, or with plain lists. ``run`` uses prompt-toolkit only when both
stdin and stdout are terminals; otherwise it reads lines plainly and prints
plain text (no escape sequences, no "Input is not a terminal" warning).
"""

from __future__ import annotations

import datetime
import os
import pydoc
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.completion import Completer, Completion, PathCompleter
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.history import FileHistory, History, InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.shortcuts import print_formatted_text
from prompt_toolkit.styles import Style

from .render import one_line
from .screen import STYLE, Fragment, Reply, layout, message
from .session import COMMAND_NAMES, Session

PROMPT = "askbot> "
CONTINUE = "   ...> "  # inside a !multi question


MULTI, END = "!multi", "!end"  # begin and end a question of several lines


class Lines:
    """Turns what the reader entered into inputs to handle, one at a time.

    A pasted block of several lines is several inputs, asked in turn. A question
    of several lines needs the explicit mode: ``!multi`` on a line of its own,
    the lines, then ``!end``; they are asked as one question.
    """

    def __init__(self) -> None:
        self.collected: list[str] | None = None  # the lines of a !multi question, while one is open

    @property
    def open(self) -> bool:
        return self.collected is not None

    def feed(self, text: str) -> list[str | Reply]:
        """The inputs in ``text`` (a line, or a pasted block), and notes on the mode as Replies."""
        out: list[str | Reply] = []
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            word = line.strip().lower()
            if self.collected is not None:
                if word == END:
                    out.append(self.close())
                else:
                    self.collected.append(line)
            elif word == MULTI:
                self.collected = []
                out.append(message(f"Several lines, asked as one question: end them with {END} on a line "
                                   "of its own."))
            elif line.strip() or "\n" not in text:
                out.append(line)
        return out

    def close(self) -> str:
        """The open !multi question as one line (empty if none)."""
        question, self.collected = " ".join(" ".join(self.collected or ()).split()), None
        return question


def loop(handle: Callable[[str], Reply], read: Callable[[], str], write: Callable[[Reply], None],
         interactive: bool = True, lines: Lines | None = None) -> int:
    """Read input until its end or /quit; write each reply. Exit status 0.

    Each line of a pasted block is handled in turn (``Lines``). ``interactive``:
    Ctrl-C clears the line and the session goes on; otherwise (piped input)
    KeyboardInterrupt ends it, and the command line exits 130.
    """
    lines = lines or Lines()
    while True:
        try:
            entered = lines.feed(read())
        except EOFError:  # Ctrl-D, or the end of piped input: an open !multi question is still asked
            _answer_all([lines.close()] if lines.open else [], handle, write, interactive)
            return 0
        except KeyboardInterrupt:  # Ctrl-C at the prompt clears the line
            if not interactive:
                raise
            continue
        if _answer_all(entered, handle, write, interactive):
            return 0


def _answer_all(entered: list[str | Reply], handle: Callable[[str], Reply], write: Callable[[Reply], None],
                interactive: bool) -> bool:
    """Handle each input in turn and write its reply; True when one of them quits."""
    for item in entered:
        if isinstance(item, Reply):
            write(item)
            continue
        try:
            reply = handle(item)
        except KeyboardInterrupt:
            if not interactive:
                raise
            reply = message("(interrupted)")
        if reply.quit:
            return True
        if reply.paras:
            write(reply)
    return False


# --- reading -----------------------------------------------------------------

def plain_reader(stream: TextIO) -> Callable[[], str]:
    """Lines from a pipe or file; bad bytes replaced, not fatal."""
    raw = getattr(stream, "buffer", None)

    def read() -> str:
        line = raw.readline() if raw is not None else stream.readline()
        if not line:
            raise EOFError
        return line.decode("utf-8", errors="replace") if isinstance(line, bytes) else line

    return read


class CommandCompleter(Completer):
    """Completes /commands, and file paths after /open."""

    def __init__(self) -> None:
        self._paths = PathCompleter(expanduser=True)

    def get_completions(self, document: Document, complete_event) -> Iterable[Completion]:
        text = document.text_before_cursor
        if not text.startswith("/"):
            return
        if " " not in text:
            for name in COMMAND_NAMES:
                if name.startswith(text.lower()):
                    yield Completion(name, start_position=-len(text))
        elif text.lower().startswith("/open "):
            path = text[len("/open "):].lstrip()
            yield from self._paths.get_completions(Document(path, len(path)), complete_event)


def history_path(env: dict[str, str] | None = None) -> Path | None:
    """$ASKBOT_HOME/history, else $XDG_STATE_HOME/askbot/history (~/.local/state by default);
    None without a usable home (homes.py)."""
    from .homes import homes

    found = homes(env).history
    return None if found is None else Path(found)


def warn(text: str) -> None:
    print(f"askbot: warning: {one_line(text)}", file=sys.stderr)


MAX_HISTORY = 16 * 2**20  # bytes of history read at start


class SafeFileHistory(FileHistory):
    """FileHistory that only touches a regular file, never waits on one (a named pipe) and
    reads at most ``MAX_HISTORY`` bytes; when the file cannot be used it warns once and
    goes on without it."""

    def __init__(self, path: Path, warn: Callable[[str], None] = warn):
        super().__init__(str(path))
        self._warn, self.broken = warn, False

    def fail(self, error: Exception) -> None:
        if not self.broken:
            self.broken = True
            from .safeio import cause

            why = cause(error) if isinstance(error, OSError) and error.errno else getattr(error, "strerror", "")
            why = why or str(error)
            self._warn(f"cannot use the history file {self.filename}: {why}; going on without history")

    def load_history_strings(self) -> Iterable[str]:
        from .safeio import FileProblem, read_limited

        if not os.path.lexists(self.filename):
            return []
        try:
            data = read_limited(self.filename, MAX_HISTORY, too_large=lambda _: FileProblem(
                f"{self.filename}: over {MAX_HISTORY >> 20} MiB; move it away"))
        except FileProblem as e:
            self.fail(OSError(0, str(e).partition(": ")[2]))
            return []
        return _history_strings(data)

    def store_string(self, string: str) -> None:
        if self.broken:
            return
        try:
            fd = append_regular(self.filename)
            with os.fdopen(fd, "ab") as f:
                f.write("".join([f"\n# {datetime.datetime.now()}\n", *(f"+{line}\n" for line in string.split("\n"))])
                        .encode("utf-8", errors="replace"))
        except OSError as e:
            self.fail(e)


def _history_strings(data: bytes) -> list[str]:
    """The entries of a history file, newest first (prompt-toolkit's FileHistory format)."""
    strings: list[str] = []
    lines: list[str] = []
    for raw in data.splitlines(keepends=True):
        line = raw.decode("utf-8", errors="replace")
        if line.startswith("+"):
            lines.append(line[1:])
        elif lines:
            strings.append("".join(lines)[:-1])
            lines = []
    if lines:
        strings.append("".join(lines)[:-1])
    return strings[::-1]


def append_regular(path: str) -> int:
    """A descriptor to append to ``path`` (created if missing, mode 600), only if it is a regular
    file: a named pipe never blocks (ENXIO without a reader, refused with one)."""
    from .safeio import kind

    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC, 0o600)
    what = kind(os.fstat(fd).st_mode)
    if what is not None:
        os.close(fd)
        raise OSError(0, f"not a regular file ({what})")
    return fd


def open_history(path: Path | None, warn: Callable[[str], None] = warn) -> History:
    """The history file at ``path``, or (warned once) a history kept in memory."""
    if path is None:  # no usable home: said once a process, with the index cache's notice
        from .homes import homes, tell

        tell(homes().problem)
        return InMemoryHistory()
    history = SafeFileHistory(path, warn)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.close(append_regular(str(path)))
    except OSError as e:
        history.fail(e)
        return InMemoryHistory()
    return history


def ignore_mouse() -> KeyBindings:
    """A binding that drops mouse reports: a pasted "ESC [ 31 m" looks like one, and
    prompt-toolkit's own handler fails on it (no mouse support is asked for)."""
    bindings = KeyBindings()
    bindings.add(Keys.Vt100MouseEvent)(lambda event: None)
    return bindings


def toolbar(session: Session) -> FormattedText:
    s = session.status()
    return FormattedText([("", f" {s.title} · {s.passages} passages, {s.sentences} sentences · "
                               f"k={s.k} · /help for commands · Ctrl-D to quit ")])


def prompt_session(session: Session, *, vi: bool = False, color: bool = True, history: History | None = None,
                   input=None, output: Output | None = None) -> PromptSession:
    """The prompt: history, suggestions from it, command completion, toolbar; Emacs keys or vi."""
    return PromptSession(
        history=history if history is not None else InMemoryHistory(),
        auto_suggest=AutoSuggestFromHistory(),
        completer=CommandCompleter(),
        bottom_toolbar=lambda: toolbar(session),
        vi_mode=vi,
        style=Style.from_dict(STYLE),
        color_depth=None if color else ColorDepth.DEPTH_1_BIT,
        input=input,
        output=output,
        key_bindings=ignore_mouse(),
    )


# --- writing -----------------------------------------------------------------

class Printer:
    """Prints replies: styled through prompt-toolkit, or plain text; wrapped to ``width()``."""

    def __init__(self, stream: TextIO, *, color: bool = False, output: Output | None = None,
                 width: Callable[[], int | None] = lambda: None, height: Callable[[], int | None] = lambda: None,
                 pager: Callable[[str], None] | None = None, gap_after: bool = False):
        self.stream, self.color, self.output, self.gap_after = stream, color, output, gap_after
        self.width, self.height, self.pager = width, height, pager
        self.count = 0

    def __call__(self, reply: Reply) -> None:
        lines = layout(reply.shown(self.color and self.output is not None), self.width())
        height = self.height()
        if reply.long and self.pager and height and len(lines) > height - 2:
            self.pager(_plain(lines))
            return
        before = "\n" if self.count and not self.gap_after else ""  # a blank line between replies,
        after = "\n" if self.gap_after else ""  # or after each (before the next prompt)
        if self.color and self.output is not None:
            frags: list[Fragment] = [("", before), *(f for line in lines for f in [*line, ("", "\n")]), ("", after)]
            print_formatted_text(FormattedText(frags), style=Style.from_dict(STYLE), output=self.output, end="")
        else:
            self.stream.write(before + _plain(lines) + "\n" + after)
            self.stream.flush()
        self.count += 1


def _plain(lines: list[list[Fragment]]) -> str:
    return "\n".join("".join(text for _, text in line) for line in lines)


def run(session: Session, stdin: TextIO | None = None, stdout: TextIO | None = None, *, vi: bool = False,
        color: bool | None = None, banner: Reply | None = None) -> int:
    """The session at a terminal, or over plain lines when stdin or stdout is not one. Exit status."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    if not (stdin.isatty() and stdout.isatty()):
        return loop(session.handle, plain_reader(stdin), Printer(stdout), interactive=False)
    color = not os.environ.get("NO_COLOR") if color is None else color
    prompt = prompt_session(session, vi=vi, color=color, history=open_history(history_path()))
    printer = Printer(stdout, color=color, output=prompt.output, pager=pydoc.pager, gap_after=True,
                      width=lambda: shutil.get_terminal_size().columns - 1,
                      height=lambda: shutil.get_terminal_size().lines)
    if banner is not None:
        printer(banner)
    lines = Lines()
    return loop(session.handle, lambda: prompt.prompt(CONTINUE if lines.open else PROMPT), printer, lines=lines)
