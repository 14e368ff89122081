"""Reading article files: UTF-8 (a BOM tolerated), UTF-16 or UTF-32 with a BOM; clear errors otherwise.

What counts as bad input, and what askbot does with it:

- a missing path, a folder with no readable ``.txt``/``.md`` file, an empty or
  white-space-only file, a file with NUL bytes (UTF-16 without a BOM is named
  as such), a file that is not UTF-8 (more than ``MAX_BAD_SHARE`` of its
  characters undecodable), something that is not a regular file (a named pipe,
  a device: refused without waiting on it), a symbolic link loop, a file
  without read permission: ``CorpusError`` naming the path and the cause (exit 2);
- inside a folder, a file or subfolder that cannot be read (permissions, a
  link loop, a named pipe): left out, with one ``CorpusWarning`` naming it;
- a file that is UTF-8 but for a few bad bytes (say Latin-1 accents): loaded,
  each bad sequence replaced with U+FFFD, and one ``CorpusWarning`` naming it;
- an article file over the size limit (``max_bytes()``: 32 MiB, or
  ``$ASKBOT_MAX_MB`` MiB; it bounds each file, not a folder's total):
  ``CorpusTooLarge`` naming the file and saying how to raise the limit (exit 2).

A web page (``.html`` file, or an http/https URL) is read by htmltext.py and
web.py: its main text becomes the article.
"""

from __future__ import annotations

import errno
import os
import stat
import warnings

from .articlefile import MAX_BYTES as MAX_BYTES  # re-exported: importable from loading too
from .articlefile import MAX_MB as MAX_MB
from .articlefile import MAX_MB_ENV as MAX_MB_ENV
from .articlefile import CorpusWarning as CorpusWarning
from .articlefile import max_bytes, title_from_path, too_large
from .errors import CorpusError, CorpusTooLarge
from .lazyre import LazyRegex
from .safeio import cause, decode_bom, kind, looks_utf16, read_limited

SUFFIXES = (".txt", ".md", ".html", ".htm", ".xhtml")  # the last three: htmltext.SUFFIXES
HINT = "pass an article (.txt or .md) or a folder of them"
MAX_BAD_SHARE = 0.01  # more undecodable characters than this share and the file is not text
MAX_BAD_COUNT = 3  # ... or than this count, whichever is more
_URL = LazyRegex(r"[A-Za-z][A-Za-z0-9+.-]*://")  # scheme://: a URL, not a path


def article_files(path: str) -> list[str]:
    """The article files at ``path``: itself, or every .txt/.md file below a folder, in path order.

    A file or folder below that cannot be read is left out, with a CorpusWarning naming it."""
    try:
        info = os.stat(path)
    except OSError as e:
        if e.errno == errno.ENOENT:
            raise CorpusError(f"{path}: no such file or folder; {HINT}") from None
        raise CorpusError(f"{path}: cannot read: {cause(e)}; {HINT}") from None
    if not stat.S_ISDIR(info.st_mode):
        return [path]
    found, skipped = _walk(path)
    if not found:
        if skipped:
            raise no_readable(path, skipped)
        raise CorpusError(f"{path}: folder holds no .txt or .md article; pass an article file or another folder")
    return found


def no_readable(path: str, skipped: int) -> CorpusError:
    return CorpusError(f"{path}: folder holds no readable .txt or .md article ({skipped} left out: "
                       "see the warnings); fix their permissions or pass another folder")


def _walk(root: str) -> tuple[list[str], int]:
    """(article files below ``root`` in path order, how many were left out as unreadable)."""
    skipped = 0

    def left_out(where: str, why: str) -> None:
        nonlocal skipped
        skipped += 1
        warnings.warn(f"{where}: {why}; left out", CorpusWarning, stacklevel=4)

    found = []
    for folder, _, names in os.walk(root, onerror=lambda e: left_out(e.filename, f"cannot read: {cause(e)}")):
        for name in names:
            if os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            full = os.path.join(folder, name)
            try:
                what = kind(os.stat(full).st_mode)
            except OSError as e:
                left_out(full, f"cannot read: {cause(e)}")
                continue
            if what is None:
                found.append(full)
            elif what != "a folder":
                left_out(full, f"not a regular file ({what})")
    found.sort(key=lambda f: os.path.relpath(f, root).split(os.sep))
    return found, skipped


def decode(data: bytes, name: str) -> str:
    """Text of an article file (UTF-8, or UTF-16/32 with a byte-order mark), or a CorpusError that names it."""
    try:
        text = decode_bom(data)
    except UnicodeDecodeError as e:
        raise CorpusError(f"{name}: not valid {e.encoding.upper()} text although it starts with a "
                          f"{e.encoding.upper()} byte-order mark; convert it to UTF-8") from None
    if text is not None:
        return _not_empty(text, name)
    if b"\x00" in data:
        if codec := looks_utf16(data):
            raise CorpusError(f"{name}: {codec.upper()} text without a byte-order mark; convert it to UTF-8, "
                              f"e.g. iconv -f {codec} -t utf-8")
        raise CorpusError(f"{name}: binary file (NUL bytes), not a text article; pass a UTF-8 .txt or .md file")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad > max(MAX_BAD_COUNT, MAX_BAD_SHARE * len(text)):
        raise CorpusError(f"{name}: not UTF-8 text ({bad} undecodable bytes); convert it to UTF-8, "
                          f"e.g. iconv -f latin1 -t utf-8")
    _not_empty(text, name)
    if bad:
        warnings.warn(f"{name}: {bad} bytes are not UTF-8 and were replaced with U+FFFD; "
                      f"convert the file to UTF-8 to keep them", CorpusWarning, stacklevel=2)
    return text


def _not_empty(text: str, name: str) -> str:
    if not text.removeprefix("\ufeff").strip():
        raise CorpusError(f"{name}: article is empty; pass a file with the article's text")
    return text


def read_bytes(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of the regular file ``path``, or a CorpusError; never blocks on
    a pipe or reads a device without end (``/dev/zero``)."""
    return read_limited(path, limit, CorpusError, f"; {HINT}", too_large=lambda size: too_large(path, size, limit))


def _size(path: str) -> int:
    """Size of a regular file, else 0 (a pipe's or an unreadable file's read says more)."""
    try:
        info = os.stat(path)
        return info.st_size if stat.S_ISREG(info.st_mode) else 0
    except OSError:
        return 0


def read_articles(path: str) -> list[tuple]:
    """(title, text, path) for each article at ``path`` (a web page's: and its metadata);
    every file within the size limit; in a folder, a file that cannot be read is left out
    with a CorpusWarning."""
    if _URL.match(path) and not os.path.exists(path):  # web.py refuses all but http and https
        from .web import read_url

        return [read_url(path)]
    limit = max_bytes()
    files = article_files(path)
    for f in files:  # refuse before reading anything
        if _size(f) > limit:
            raise too_large(f, _size(f), limit)
    out, skipped = [], 0
    for f in files:
        try:
            data = read_bytes(f, limit)
        except CorpusError as e:
            if f == path or isinstance(e, CorpusTooLarge):
                raise
            skipped += 1
            warnings.warn(f"{str(e).removesuffix('; ' + HINT)}; left out", CorpusWarning, stacklevel=3)
            continue
        if f.lower().endswith(SUFFIXES[2:]):
            from .htmltext import html_article

            out.append(html_article(data, f))
        else:
            out.append((title_from_path(f), decode(data, f), f))
    if not out:
        raise no_readable(path, skipped)
    return out
