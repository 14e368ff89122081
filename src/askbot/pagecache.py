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


def page_cache_dir() -> str:
    """``$ASKBOT_HOME/cache/pages``, else ``$XDG_CACHE_HOME/askbot/pages`` (~/.cache by default)."""
    if os.environ.get("ASKBOT_HOME"):
        return os.path.join(os.environ["ASKBOT_HOME"], "cache", "pages")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "askbot", "pages")


def _page_file(url: str) -> str:
    from hashlib import blake2b

    return os.path.join(page_cache_dir(), blake2b(shown(url).encode("utf-8", "surrogatepass")).hexdigest()[:32])


def read_page(url: str) -> Fetched | None:
    """The cached page for ``url``, or None (none cached, or the file does not hold one)."""
    try:
        with open(_page_file(url), "rb") as f:
            head = json.loads(f.readline())
            body = f.read()
        if head.get("format") != FORMAT or head.get("url") != shown(url) or head.get("bytes") != len(body):
            return None
        return Fetched(head["final_url"], head["content_type"], head.get("charset"), body)
    except (OSError, ValueError, KeyError, AttributeError, TypeError):
        return None


def write_page(url: str, page: Fetched) -> None:
    """Keep ``page`` for the next run."""
    path = _page_file(url)
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
