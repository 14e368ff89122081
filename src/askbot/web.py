"""Fetching a web page for ``--corpus URL`` and ``/open URL``, and the page cache.

- Only http and https, also at every redirect (never file:// or another scheme).
- At most ``MAX_REDIRECTS`` redirects; a loop is named as one.
- A timeout (``TIMEOUT`` seconds, or ``$ASKBOT_TIMEOUT``) on connecting and on
  every read, and on the whole download.
- The body is streamed and the download stops past the corpus size limit
  (loading.max_bytes(): 32 MiB, or ``$ASKBOT_MAX_MB``); a declared
  Content-Length over it is refused before reading.
- Only HTML (text/html, application/xhtml+xml) is read; a PDF or an image is
  refused before its body is downloaded.
- A ``user:password@`` in the URL is sent as HTTP Basic authorisation to that
  host only, and never shown: every URL in a message or a Document is ``shown(url)``.

A failure is a ``FetchError`` (exit 2): one line naming the URL and the cause.
A fetched page is kept in the page cache (pagecache.py), so a second run reads
it offline; ``refresh=True`` fetches it again.
"""

from __future__ import annotations

import re
import time

from .errors import CorpusTooLarge, FetchError
from .pagecache import Fetched as Fetched  # a fetched page and a URL's printable form live with the cache
from .pagecache import shown

SCHEMES = ("http", "https")
TIMEOUT = 15.0  # seconds
TIMEOUT_ENV = "ASKBOT_TIMEOUT"
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHUNK = 1 << 16
_REDIRECTS = (301, 302, 303, 307, 308)


def timeout() -> float:
    import math

    from .safeio import env_number

    return env_number(TIMEOUT_ENV, TIMEOUT, math.nextafter(1e6, 0), FetchError, "a time",
                      "a number of seconds such as 30")


def read_url(url: str, refresh: bool = False) -> tuple[str, str, str | None, dict[str, str]]:
    """(title, text, path, metadata) of the article at ``url``, from the page cache unless ``refresh``."""
    from .htmltext import html_article
    from .pagecache import read_page, write_page

    _check_scheme(url, url)
    page = None if refresh else read_page(url)
    if page is None:
        page = fetch(url)
        write_page(url, page)
    title, text, _, meta = html_article(page.body, shown(url), page.charset, shown(url))
    return title, text, None, meta


def _check_scheme(url: str, original: str, via: str = "") -> None:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is no number from 0 to 65535
    except ValueError as e:
        raise FetchError(f"{shown(url)}: not a valid URL ({e}); check the address") from None
    if parts.scheme.lower() not in SCHEMES:
        if via:
            raise FetchError(f"{shown(original)}: redirected to {shown(url)}; only http and https URLs are fetched")
        raise FetchError(f"{shown(url)}: only http and https URLs are fetched; pass a local file by its path")
    if not parts.hostname:
        raise FetchError(f"{shown(url)}: no host in the URL; pass a URL such as https://example.com/story.html")
    if any(c.isspace() or ord(c) < 32 for c in parts.netloc):
        raise FetchError(f"{shown(url)}: not a valid URL (a space in the host); check the address")


def fetch(url: str, max_bytes: int | None = None, seconds: float | None = None) -> Fetched:
    """The page at ``url``, redirects followed; a FetchError naming the URL and the cause otherwise."""
    from .articlefile import max_bytes as corpus_limit

    limit = corpus_limit() if max_bytes is None else max_bytes
    seconds = timeout() if seconds is None else seconds
    deadline = time.monotonic() + seconds
    _check_scheme(url, url)
    seen, current = {shown(url)}, url
    for _ in range(MAX_REDIRECTS + 1):
        response, location = _open(current, url, seconds, deadline)
        if location is None:
            with response:
                return _body(response, url, shown(current), limit, seconds, deadline)
        from urllib.parse import urljoin

        current = urljoin(current, location)
        _check_scheme(current, url, via="redirect")
        if shown(current) in seen:
            raise FetchError(f"{shown(url)}: redirect loop (back to {shown(current)})")
        seen.add(shown(current))
    raise FetchError(f"{shown(url)}: more than {MAX_REDIRECTS} redirects")


def _request(current: str, original: str):
    """A GET request for ``current``; credentials from ``original`` go to its own host only."""
    import urllib.request
    from urllib.parse import unquote, urlsplit

    from . import __version__

    here, first = urlsplit(current), urlsplit(original)
    headers = {"User-Agent": f"askbot/{__version__}", "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
    if first.username is not None and (here.scheme, here.hostname, here.port) == (first.scheme, first.hostname,
                                                                                    first.port):
        import base64

        pair = f"{unquote(first.username)}:{unquote(first.password or '')}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode("ascii")
    return urllib.request.Request(_ascii(shown(current)), headers=headers)


def _ascii(url: str) -> str:
    """``url`` as HTTP sends it: a non-ASCII host in IDNA, other non-ASCII characters %-escaped."""
    if url.isascii():
        return url
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url)
    try:
        host = parts.hostname.encode("idna").decode("ascii") if parts.hostname else ""
    except UnicodeError:
        raise FetchError(f"{url}: the host name is not valid; check the address") from None
    netloc = host + (f":{parts.port}" if parts.port else "")
    keep = "/?#[]@!$&'()*+,;=%~:"
    return urlunsplit((parts.scheme, netloc, quote(parts.path, keep), quote(parts.query, keep), ""))


def _open(current: str, original: str, seconds: float, deadline: float):
    """(response, None), or (None, Location) for a redirect; a FetchError for any failure."""
    import http.client
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # fetch() follows redirects itself, checking each
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(_request(current, original), timeout=max(0.01, deadline - time.monotonic())), None
    except urllib.error.HTTPError as e:
        with e:
            location = e.headers.get("Location") if e.code in _REDIRECTS else None
        if location:
            return None, location.strip()
        raise FetchError(f"{shown(original)}: HTTP {e.code} {e.reason or ''}".rstrip()) from None
    except (OSError, ValueError) as e:
        raise FetchError(f"{shown(original)}: {_cause(e, seconds)}") from None
    except http.client.HTTPException as e:  # a reply that is not HTTP
        raise FetchError(f"{shown(original)}: bad HTTP reply ({type(e).__name__})") from None


def _cause(e: BaseException, seconds: float) -> str:
    """What went wrong, in words, for a network error (urllib wraps most in URLError.reason)."""
    import socket
    import ssl

    reason = getattr(e, "reason", e)
    if isinstance(reason, socket.gaierror):
        return "host not found (DNS lookup failed); check the address and the network"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused; check the address, or whether the site is up"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"timed out after {seconds:g} s; try again later, or raise {TIMEOUT_ENV}=<seconds>"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({getattr(reason, 'reason', None) or reason})"
    if isinstance(reason, OSError):
        return f"network error ({reason.strerror or reason})"
    return f"cannot fetch ({reason})"


def _too_large(url: str, size: int | None, limit: int) -> CorpusTooLarge:
    from .articlefile import MAX_MB_ENV, _mib

    what = f"{_mib(size)}, over" if size else "over"
    return CorpusTooLarge(f"{shown(url)}: page is {what} the {_mib(limit)} limit; "
                          f"raise the limit with {MAX_MB_ENV}=<MiB>")


def _decompressor(response, url: str):
    """A decompressor for a gzip or deflate body (servers may send one unasked), else None."""
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding == "identity":
        return None
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"{shown(url)}: the page is compressed with {encoding}, which askbot cannot read")
    import zlib

    return zlib.decompressobj(47)  # a gzip or zlib header, told apart by zlib


def _body(response, url: str, final: str, limit: int, seconds: float, deadline: float) -> Fetched:
    """The response's body, streamed (and decompressed), after checking its type and declared size."""
    import http.client
    import zlib

    ctype = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
    if ctype and ctype not in HTML_TYPES:
        raise FetchError(f"{shown(url)}: not an HTML page ({ctype}); pass a web page, or a .txt/.md/.html file")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(url, int(declared), limit)
    unzip = _decompressor(response, url)
    chunks, size = [], 0
    try:
        while chunk := response.read(CHUNK):
            if unzip is not None:  # at most one byte past the limit: a small gzip of zeros cannot fill memory
                chunk = unzip.decompress(chunk, limit + 1 - size)
            size += len(chunk)
            if size > limit:
                raise _too_large(url, None, limit)
            if time.monotonic() > deadline:
                raise TimeoutError
            chunks.append(chunk)
    except (OSError, ValueError) as e:
        raise FetchError(f"{shown(url)}: {_cause(e, seconds)}") from None
    except http.client.HTTPException as e:  # e.g. IncompleteRead: the server closed early
        raise FetchError(f"{shown(url)}: bad HTTP reply ({type(e).__name__})") from None
    except zlib.error:
        raise FetchError(f"{shown(url)}: bad HTTP reply (the compressed body does not decompress)") from None
    body = b"".join(chunks)
    if not ctype and not re.search(rb"<(?:!doctype\s+html|html|head|body|p)\b", body[:4096], re.I):
        raise FetchError(f"{shown(url)}: not an HTML page (no Content-Type); pass a web page")
    return Fetched(final, ctype or "text/html", response.headers.get_content_charset(), body)
