"""The command line's standard streams: questions split at any line end, and answers and
messages written so that a closed, full or broken stream never gives a traceback.

- stdin: ``split_lines`` cuts a byte stream at LF, CRLF or a lone CR, holding at most one
  unfinished line (bounded) at a time;
- stderr closed (``2>&-``): it becomes /dev/null, the answers still go to stdout; stderr
  full: the message is lost, the exit status still tells (``say``);
- stdout closed (``>&-``): a usage error (exit 2); stdout failing (``>/dev/full``):
  ``OutputFailed``, which the command line reports as exit 1.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from .errors import UsageError

_BREAK = re.compile(rb"\r\n|\r|\n")  # a line ends with LF, CRLF or a lone CR


def split_lines(chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    """The lines of a byte stream given in chunks, each cut to ``limit`` bytes; holds at most one
    unfinished line (up to ``limit`` bytes) at a time."""
    pending, skipping = b"", False
    for chunk in chunks:
        pending += chunk
        pos = 0
        for m in _BREAK.finditer(pending):
            if m.end() == len(pending) and pending.endswith(b"\r"):  # may be the first half of a CRLF
                break
            if not skipping:
                yield pending[pos:min(m.start(), pos + limit)]
            skipping, pos = False, m.end()
        pending = pending[pos:]
        if len(pending) >= limit:
            if not skipping:
                yield pending[:limit]
            skipping, pending = True, pending[-1:] if pending.endswith(b"\r") else b""
    if pending.rstrip(b"\r") and not skipping:
        yield pending.rstrip(b"\r")


def say(line: str) -> None:
    """One line on stderr, if stderr can take it (closed or full: the line is lost, never a traceback)."""
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def stdout_failed() -> bool:
    """Whether stdout cannot take what it holds; if so it is pointed at /dev/null (no error at exit)."""
    try:
        sys.stdout.flush()
        return False
    except (OSError, ValueError, AttributeError):
        silence_stdout()
        return True


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (tests): nothing to flush
        pass


class OutputFailed(OSError):
    """Standard output could not take an answer (full disk, I/O error)."""


class Output:
    """sys.stdout whose write and flush failures are told apart from other OSErrors
    (a broken pipe stays a BrokenPipeError: the reader left, which is no error)."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def __getattr__(self, name: str):
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        return self._call(self._stream.write, text)

    def flush(self) -> None:
        self._call(self._stream.flush)

    @staticmethod
    def _call(fn, *args):
        try:
            return fn(*args)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputFailed(e.errno, e.strerror) from None


def closed_streams() -> None:
    """A closed stderr (``2>&-``) becomes /dev/null, so that answers still reach stdout; a closed
    stdout (``>&-``) is a usage error (exit 2), said on stderr."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 -- for the life of the process
    if sys.stdout is None:
        raise UsageError("standard output is closed; give askbot somewhere to write, e.g. >/dev/null")
