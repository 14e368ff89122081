"""The article inside a web page: its paragraphs and metadata, the page's boilerplate left out.

trafilatura (the ``web`` extra) finds the main text and drops navigation,
ads, "related stories", comments and cookie banners; it also reads the
title, author and publication date from the page's meta tags, JSON-LD or
byline. It is imported only when a page is extracted (~130 ms of imports),
never for a .txt article, nor for a page extracted before (its text is
cached). docs/web.md compares it
with readability-lxml on the fixtures in tests/data/web.

Each block of the main text (paragraph, heading, list item) becomes one
paragraph of the document text, separated by a blank line, so each becomes
one passage and offsets point into this extracted text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import CorpusError

EXTRA = "pip install 'askbot[web]'"
SUFFIXES = (".html", ".htm", ".xhtml")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_SNIFF = 4096  # bytes of the page searched for a <meta charset>, as browsers pre-scan 1024+ bytes
# Pruned before extraction: a table of contents and a list of references are lists inside the
# article's own container, which trafilatura keeps (an encyclopedia page in bench/extractors.py).
_PRUNE = ["//*[@id='toc' or contains(concat(' ', normalize-space(@class), ' '), ' toc ')"
          " or contains(@class, 'table-of-contents')]",
          "//*[contains(concat(' ', normalize-space(@class), ' '), ' references ') or contains(@class, 'reflist')]"]
_QUIET = ("trafilatura", "htmldate", "courlan", "readability", "justext")


@dataclass(frozen=True)
class Page:
    """A page's main text (paragraphs separated by blank lines) and what the page says about itself."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # publication date, YYYY-MM-DD


def _codec(name: str | None) -> str | None:
    """Python's name of an encoding label, or None when it names none we know.

    As browsers do, a page labelled iso-8859-1 or ascii is read as windows-1252."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return "cp1252" if codec in ("iso8859-1", "ascii") else codec


def decode_html(data: bytes, charset: str | None = None) -> str:
    """The text of a page: its byte-order mark, else ``charset`` (from the HTTP header),
    else its ``<meta charset>``, else UTF-8 when it decodes, else windows-1252."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    m = _META_CHARSET.search(data[:_SNIFF])
    declared = _codec(charset) or _codec(m.group(1).decode("ascii") if m else None)
    if declared and not declared.startswith("utf-16"):  # a <meta> saying utf-16 on bytes we could read lies
        return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _trafilatura(name: str):
    """trafilatura, or a CorpusError saying which extra to install; its loggers silenced (one line, not a log)."""
    try:
        import trafilatura
    except ImportError:
        raise CorpusError(f"{name}: reading web pages needs the web extra; install it with: {EXTRA}") from None
    import logging

    for name in _QUIET:
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
    return trafilatura


def extract(html: str, name: str, url: str | None = None) -> Page:
    """The main text and metadata of a page, or a CorpusError naming ``name`` when it holds no article."""
    trafilatura = _trafilatura(name)
    html = html.replace("\x00", "")  # lxml refuses NUL characters
    try:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                            include_tables=False, include_images=False, favor_precision=True,
                                            deduplicate=False, prune_xpath=_PRUNE)
    except (ValueError, TypeError, RecursionError, AttributeError) as e:  # markup its parser gives up on
        raise CorpusError(f"{name}: cannot read the page ({type(e).__name__}); pass another page") from None
    lines = [" ".join(line.split()) for line in ((found.text or "") if found else "").splitlines()]
    lines = [line for line in lines if line]
    title = _field(found.title) if found else None
    if len(lines) > 1 and lines[0] == title:  # the headline: the document's title already
        lines = lines[1:]
    text = "\n\n".join(lines)
    if not text:
        raise CorpusError(f"{name}: no article text found in the page; pass the page of one article")
    return Page(text, title, _field(found.author), _field(found.date))


def _field(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def html_article(data: bytes, name: str, charset: str | None = None,
                 url: str | None = None) -> tuple[str, str, str | None, dict[str, str]]:
    """(title, text, path, metadata) of a saved or fetched page, as loading.read_articles gives them."""
    from .articlefile import title_from_path

    page = _extracted(data, name, charset, url)
    meta = {k: v for k, v in (("author", page.author), ("date", page.date), ("url", url)) if v}
    return page.title or title_from_path(name), page.text, None if url else name, meta


def _extracted(data: bytes, name: str, charset: str | None, url: str | None) -> Page:
    """``extract`` of the page, kept beside the page cache (``page-text/``): a second run on the same
    page neither imports trafilatura (~130 ms) nor extracts again."""
    import json

    from .pagecache import atomic_write, read_cached
    from .safeio import loads_json

    path = _text_cache_file(data, charset, url)
    try:
        found = loads_json(read_cached(path, 4 * len(data) + (1 << 16)) or b"null")
        if isinstance(found, dict) and isinstance(found.get("text"), str) and found["text"]:
            return Page(found["text"], *(found.get(k) if isinstance(found.get(k), str) else None
                                         for k in ("title", "author", "date")))
    except (OSError, ValueError, RecursionError):  # not cached yet, or not readable: extract
        pass
    page = extract(decode_html(data, charset), name, url)
    if path:
        atomic_write(path, json.dumps(page.__dict__).encode("utf-8"))
    return page


def _text_cache_file(data: bytes, charset: str | None, url: str | None) -> str | None:
    """Where the extraction of this page is cached: the name hashes the page's bytes, charset and URL,
    this module's code and the installed trafilatura's (None: trafilatura is not installed)."""
    import os
    from hashlib import blake2b
    from importlib.util import find_spec

    from .pagecache import page_cache_dir

    folder = page_cache_dir()
    if folder is None:
        return None
    try:
        spec = find_spec("trafilatura")
        stat = os.stat(spec.origin) if spec and spec.origin else None
    except (ValueError, OSError):  # not installed, or hidden
        return None
    if stat is None:
        return None
    with open(__file__, "rb") as f:
        code = f.read()
    h = blake2b()
    installed = f"{stat.st_mtime_ns} {stat.st_size}".encode()
    for part in (data, (charset or "").encode(), (url or "").encode(), code, installed):
        h.update(len(part).to_bytes(8, "little") + part)
    return os.path.join(os.path.dirname(folder), "page-text", h.hexdigest()[:32] + ".json")
