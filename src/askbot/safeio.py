"""Reading files and settings that askbot does not control, with bounds.

Every file askbot reads (an article, a question file, a cache file, the
history) goes through ``read_limited``: it is opened without blocking (a
named pipe or a device never hangs the open), refused unless it is a
regular file, and read in chunks up to a limit (nothing is allocated for
the limit up front, so a large limit costs only what the file holds).
``loads_json`` refuses nesting deeper than ``MAX_DEPTH`` before ``json``
recurses into it, and NaN or infinite numbers. ``decode_bom`` reads UTF-16
and UTF-32 text that starts with a byte-order mark. ``env_number`` checks
a numeric setting from the environment.

Every failure is a ``FileProblem`` (an AskbotError, exit 2) or the error
class the caller passes, with one line that names the path and the cause.
"""

from __future__ import annotations

import codecs
import errno
import json
import math
import os
import re
import stat
from collections.abc import Callable
from itertools import accumulate

from .errors import AskbotError

CHUNK = 1 << 20  # bytes read at a time
MAX_DEPTH = 64  # nesting of a JSON value; askbot's own files nest 4 deep
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
_CAUSES = {errno.ENOENT: "no such file", errno.ELOOP: "a symbolic link loop (or a link where none is allowed)",
           errno.EACCES: "permission denied", errno.EPERM: "permission denied",
           errno.ENOTDIR: "a part of the path is not a folder", errno.ENAMETOOLONG: "the path is too long",
           errno.ENXIO: "not a regular file (a socket or a device without a reader)", errno.EISDIR: "a folder"}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class FileProblem(AskbotError):
    """A file askbot was asked to read that it cannot read (exit 2)."""


def cause(error: OSError) -> str:
    """A precise, short cause for an OSError: "permission denied", "a symbolic link loop"..."""
    return _CAUSES.get(error.errno, error.strerror or str(error))


def kind(mode: int) -> str | None:
    """What a non-regular file is ("a named pipe"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: str, error: type[AskbotError] = FileProblem, hint: str = "",
                 follow_links: bool = True) -> int:
    """A descriptor of the regular file ``path``, opened without blocking; else ``error``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise error(f"{path}: cannot read: {cause(e)}{hint}") from None
    try:
        what = kind(os.fstat(fd).st_mode)
    except OSError as e:
        os.close(fd)
        raise error(f"{path}: cannot read: {cause(e)}{hint}") from None
    if what is not None:
        os.close(fd)
        raise error(f"{path}: not a regular file ({what}){hint}")
    return fd


def read_limited(path: str, limit: int, error: type[AskbotError] = FileProblem, hint: str = "",
                 follow_links: bool = True, too_large: Callable[[int | None], Exception] | None = None) -> bytes:
    """The bytes of the regular file ``path``, read in chunks; over ``limit`` bytes, the
    exception ``too_large(size or None)`` (default: ``error``), raised before any read when
    the file's size says so."""
    fd = open_regular(path, error, hint, follow_links)
    over = too_large or (lambda size: error(f"{path}: larger than the {limit:,} bytes askbot reads{hint}"))
    chunks, total = [], 0
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise over(size)
        while total <= limit:
            chunk = os.read(fd, min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as e:
        raise error(f"{path}: cannot read: {cause(e)}{hint}") from None
    finally:
        os.close(fd)
    if total > limit:  # the file grew while it was read
        raise over(None)
    return b"".join(chunks)


def decode_bom(data: bytes) -> str | None:
    """The text of UTF-16 or UTF-32 bytes that begin with a byte-order mark (the
    mark dropped); None for other bytes. UnicodeDecodeError if they do not decode."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec)
    return None


def looks_utf16(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when most odd or even bytes of the start are NUL (text without a BOM)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return "utf-16-le" if odd > 0.6 * half > even else "utf-16-be" if even > 0.6 * half > odd else None


def depth(text: str) -> int:
    """How deeply the JSON ``text`` nests arrays and objects (brackets inside strings do not count)."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    return max(accumulate(1 if c in "[{" else -1 for c in brackets), default=0)


def _no_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def loads_json(text: str | bytes, max_depth: int = MAX_DEPTH):
    """``json.loads`` that refuses nesting deeper than ``max_depth`` (ValueError,
    before it recurses) and NaN or Infinity."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if ("[" in text or "{" in text) and depth(text) > max_depth:
        raise ValueError(f"nested more than {max_depth} deep")
    return json.loads(text, parse_constant=_no_constant)


def env_number(name: str, default: float, high: float, error: type[AskbotError] = FileProblem,
               what: str = "a size", advice: str = "") -> float:
    """The number in ``$name`` (``default`` when unset or blank): finite, above 0 and at most ``high``;
    else ``error``: "$name='x' is not <what>; set it to <advice>"."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (math.isfinite(number) and 0 < number <= high):
        raise error(f"{name}={value!r} is not {what}; set it to {advice or f'a number above 0 and at most {high:g}'}")
    return number
