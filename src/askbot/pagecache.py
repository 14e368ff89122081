"""The page cache: fetched web pages, and the text extracted from every page read.

``page_cache_dir()`` holds one file a URL, named by the hash of the URL (its
credentials removed): a JSON line (format, URL, final URL, content type,
charset, size, time), then the page's bytes; htmltext.py keeps each page's
extracted text and metadata in ``page-text/`` beside it. Every file is written
to a temporary file and renamed into place, so a reader never sees half of one.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass

FORMAT = 1  # of a page file
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@")


@dataclass(frozen=True)
class Fetched:
    """A fetched page: the URL it came from (after redirects, shown form), its type and charset, its bytes."""

    url: str
    content_type: str
    charset: str | None
    body: bytes


def shown(url: str) -> str:
    """``url`` without a ``user:password@`` part, safe to print or store."""
    return _USERINFO.sub(r"\1", url)


def page_cache_dir() -> str | None:
    """``$ASKBOT_HOME/cache/pages``, else ``$XDG_CACHE_HOME/askbot/pages`` (~/.cache by default);
    None without a usable home (homes.py, which says so once)."""
    from .homes import homes, tell

    where = homes()
    if where.cache is None:
        tell(where.problem)
        return None
    return os.path.join(where.cache, "pages")


def _page_file(url: str) -> str | None:
    from hashlib import blake2b

    folder = page_cache_dir()
    name = blake2b(shown(url).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return None if folder is None else os.path.join(folder, name)


def read_cached(path: str | None, limit: int) -> bytes | None:
    """The bytes of a cache file (a regular file, not a link, at most ``limit`` bytes), else None."""
    from .errors import AskbotError
    from .safeio import read_limited

    try:
        return None if path is None else read_limited(path, limit, follow_links=False)
    except AskbotError:
        return None


def read_page(url: str) -> Fetched | None:
    """The cached page for ``url``, or None (none cached, or the file does not hold one)."""
    from .articlefile import max_bytes
    from .safeio import loads_json

    data = read_cached(_page_file(url), max_bytes() + (1 << 16))
    try:
        line, _, body = (data or b"").partition(b"\n")
        head = loads_json(line)
        if head.get("format") != FORMAT or head.get("url") != shown(url) or head.get("bytes") != len(body):
            return None
        return Fetched(head["final_url"], head["content_type"], head.get("charset"), body)
    except (ValueError, KeyError, AttributeError, TypeError, RecursionError):
        return None


def write_page(url: str, page: Fetched) -> None:
    """Keep ``page`` for the next run."""
    path = _page_file(url)
    if path is None:
        return
    head = {"format": FORMAT, "url": shown(url), "final_url": page.url, "content_type": page.content_type,
            "charset": page.charset, "bytes": len(page.body), "fetched": int(time.time())}
    atomic_write(path, json.dumps(head).encode("ascii") + b"\n" + page.body)


def atomic_write(path: str, data: bytes) -> None:
    """Write ``data`` to a temporary file renamed into place (a reader never sees half of it);
    a CorpusWarning, not an error, when it cannot be written (the cache is only a speed-up)."""
    import tempfile
    import warnings

    from .articlefile import CorpusWarning

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as e:
        warnings.warn(f"cannot write the page cache in {os.path.dirname(path)} ({e.strerror or e}); "
                      f"the page is read again next time", CorpusWarning, stacklevel=3)
