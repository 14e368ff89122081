"""Reading article files: UTF-8 with a BOM tolerated, clear errors otherwise.

What counts as bad input, and what askbot does with it:

- a missing path, a folder with no ``.txt``/``.md`` file, an empty or
  white-space-only file, a file with NUL bytes, a file that is not UTF-8
  (more than ``MAX_BAD_SHARE`` of its characters undecodable), something that
  is not a regular file: ``CorpusError`` naming the path (exit 2);
- a file that is UTF-8 but for a few bad bytes (say Latin-1 accents): loaded,
  each bad sequence replaced with U+FFFD, and one ``CorpusWarning`` naming it;
- an article file over the size limit (``max_bytes()``: 32 MiB, or
  ``$ASKBOT_MAX_MB`` MiB; it bounds each file, not a folder's total):
  ``CorpusTooLarge`` naming the file and saying how to raise the limit (exit 2).

A web page (``.html`` file, or an http/https URL) is read by htmltext.py and
web.py: its main text becomes the article.
"""

from __future__ import annotations

import os
import re
import stat
import warnings

from .articlefile import MAX_BYTES as MAX_BYTES  # re-exported: importable from loading too
from .articlefile import MAX_MB_ENV as MAX_MB_ENV
from .articlefile import CorpusWarning as CorpusWarning
from .articlefile import max_bytes, title_from_path, too_large
from .errors import CorpusError

SUFFIXES = (".txt", ".md", ".html", ".htm", ".xhtml")  # the last three: htmltext.SUFFIXES
MAX_BAD_SHARE = 0.01  # more undecodable characters than this share and the file is not text
MAX_BAD_COUNT = 3  # ... or than this count, whichever is more
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")  # scheme://: a URL, not a path


def article_files(path: str) -> list[str]:
    """The article files at ``path``: itself, or every .txt/.md file below a folder, in path order.

    (pathlib only for a folder: importing it costs a one-shot start ~8 ms.)"""
    if not os.path.exists(path):
        raise CorpusError(f"{path}: no such file or folder; pass an article (.txt or .md) or a folder of them")
    if not os.path.isdir(path):
        return [path]
    from pathlib import Path

    found = sorted(p for p in Path(path).rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    files = [os.path.join(path, *p.relative_to(path).parts) for p in found]
    if not files:
        raise CorpusError(f"{path}: folder holds no .txt or .md article; pass an article file or another folder")
    return files


def decode(data: bytes, name: str) -> str:
    """Text of an article file, or a CorpusError that names it."""
    if b"\x00" in data:
        raise CorpusError(f"{name}: binary file (NUL bytes), not a text article; pass a UTF-8 .txt or .md file")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad > max(MAX_BAD_COUNT, MAX_BAD_SHARE * len(text)):
        raise CorpusError(f"{name}: not UTF-8 text ({bad} undecodable bytes); convert it to UTF-8, "
                          f"e.g. iconv -f latin1 -t utf-8")
    if not text.removeprefix("\ufeff").strip():
        raise CorpusError(f"{name}: article is empty; pass a file with the article's text")
    if bad:
        warnings.warn(f"{name}: {bad} bytes are not UTF-8 and were replaced with U+FFFD; "
                      f"convert the file to UTF-8 to keep them", CorpusWarning, stacklevel=2)
    return text


def read_bytes(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of ``path``, or a CorpusError; never blocks on
    a device or reads without end (``/dev/zero``)."""
    try:
        with open(path, "rb") as f:
            mode = os.fstat(f.fileno()).st_mode
            if stat.S_ISDIR(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
                raise CorpusError(f"{path}: not a regular file; pass an article (.txt or .md) or a folder of them")
            data = f.read(limit + 1)
    except OSError as e:
        raise CorpusError(f"{path}: cannot read ({e.strerror or e}); check the path and its permissions") from None
    if len(data) > limit:
        raise too_large(path, None, limit)
    return data


def _size(path: str) -> int:
    """Size of a regular file, else 0 (a pipe's or an unreadable file's read says more)."""
    try:
        info = os.stat(path)
        return info.st_size if stat.S_ISREG(info.st_mode) else 0
    except OSError:
        return 0


def read_articles(path: str) -> list[tuple]:
    """(title, text, path) for each article at ``path`` (a web page's: and its metadata);
    every file within the size limit."""
    if _URL.match(path) and not os.path.exists(path):  # web.py refuses all but http and https
        from .web import read_url

        return [read_url(path)]
    limit = max_bytes()
    files = article_files(path)
    for f in files:  # refuse before reading anything
        if _size(f) > limit:
            raise too_large(f, _size(f), limit)
    out = []
    for f in files:
        data = read_bytes(f, limit)
        if f.lower().endswith(SUFFIXES[2:]):
            from .htmltext import html_article

            out.append(html_article(data, f))
        else:
            out.append((title_from_path(f), decode(data, f), f))
    return out
