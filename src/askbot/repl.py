"""The interactive session: a loop that knows nothing of how answers are made.

``loop`` takes the answer function and the line reader as arguments, so tests
drive it without a terminal; ``run`` picks prompt-toolkit at a terminal and
plain line reading otherwise (prompt-toolkit warns and can spin on a pipe).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

QUIT = ("/quit", "/exit", "/q")


def loop(answer: Callable[[str], str], read: Callable[[], str], write: Callable[[str], None]) -> int:
    """Read questions until end of input or /quit; write each answer. Exit status."""
    while True:
        try:
            line = read()
        except EOFError:
            return 0
        except KeyboardInterrupt:  # Ctrl-C at the prompt clears the line
            continue
        line = line.strip()
        if not line:
            continue
        if line.lower() in QUIT:
            return 0
        write(answer(line))


def plain_reader(stream: TextIO) -> Callable[[], str]:
    def read() -> str:
        line = stream.readline()
        if not line:
            raise EOFError
        return line

    return read


def terminal_reader(message: str = "askbot> ") -> Callable[[], str]:
    from prompt_toolkit import PromptSession

    session: PromptSession = PromptSession()
    return lambda: session.prompt(message)


def run(answer: Callable[[str], str], banner: str, stdin: TextIO | None = None,
        stdout: TextIO | None = None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    tty = stdin.isatty() and stdout.isatty()

    def write(text: str) -> None:
        stdout.write(text + "\n\n")
        stdout.flush()

    if tty:
        write(banner)
    return loop(answer, terminal_reader() if tty else plain_reader(stdin), write)
