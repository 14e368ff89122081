"""Web pages as articles: saved .html files, and URLs fetched from a server this test starts on 127.0.0.1.

The server serves the pages of tests/data/web and pages written here: redirects
(a chain, a loop, one to file://), a response that never comes (the handler waits
on an Event until the client's timeout has fired), a 404, a PDF, a 50 MB body,
pages in windows-1251 and iso-8859-1. No test reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import base64
import functools
import gzip
import io
import json
import os
import socket
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

import askbot
from askbot import cli, htmltext, pagecache, web
from askbot.screen import banner
from askbot.session import Session

DATA = Path(__file__).parent / "data"
WEB = DATA / "web"
ARTICLE = Path(__file__).parent.parent / "corpus" / "putin-kim-vostochny.txt"
ERR = "askbot: error: "
BIG = 50 * 2**20
TITLE, AUTHOR, DATE = "Putin and Kim meet at Vostochny Cosmodrome", "Dana Whitfield", "2023-09-14"
CYRILLIC = ["Новый мост через реку Казанку открыли в четверг после трёх лет строительства, и уже в первый день "
            "по нему проехали тысячи машин.",
            "Строительство моста стоило двенадцать миллиардов рублей, сообщил мэр города на церемонии открытия.",
            "Мэр назвал мост «подарком для всех жителей» и пообещал, что паром будет работать до конца года."]
FRENCH = ["Le musée de la Romanité a ouvert ses portes à Nîmes, après quatre années de travaux dans le centre "
          "historique de la ville.",
          "Le bâtiment, conçu par l'architecte Élizabeth de Portzamparc, présente plus de cinq mille objets "
          "romains découverts dans la région.",
          "Selon la mairie, le musée espère accueillir deux cent mille visiteurs dès la première année."]


def _page(title: str, paras: list[str], head: str = "") -> str:
    """A small page: one article among a menu, a cookie notice and a footer."""
    body = "".join(f"<p>{p}</p>\n" for p in paras)
    return (f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>"
            f"<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
            f"<div class='cookie-banner'>We use cookies to improve your experience on our site.</div>"
            f"<article><h1>{title}</h1>\n{body}</article>"
            f"<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>")


@functools.cache
def _bomb() -> bytes:
    """50 MB of HTML (mostly zeros) as ~50 KB of gzip."""
    return gzip.compress(b"<p>" + bytes(BIG), compresslevel=1)


class Handler(BaseHTTPRequestHandler):
    """The test site; ``hits`` counts the requests of every path, ``sent`` the bytes of /big-stream.html."""

    hits: ClassVar[Counter] = Counter()
    release = threading.Event()  # set at teardown: the slow page's handler ends
    stream_done = threading.Event()
    sent = 0

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def reply(self, status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, to: str, status: int = 302) -> None:
        self.reply(status, b"", None, {"Location": to})

    def do_GET(self) -> None:
        path = self.path
        Handler.hits[path] += 1
        if path in ("/story.html", "/bridge.html"):
            ctype = "text/html; charset=utf-8" if path == "/story.html" else "text/html"  # bridge: <meta> says 1252
            self.reply(200, (WEB / path[1:]).read_bytes(), ctype)
        elif path == "/auth/story.html":
            if self.headers.get("Authorization") != "Basic " + base64.b64encode(b"reader:s3cret").decode():
                self.reply(401, b"no", "text/plain")
            else:
                self.reply(200, (WEB / "story.html").read_bytes())
        elif path == "/auth/away":  # to the same server under another host name
            self.redirect(f"http://localhost:{self.server.server_address[1]}/no-auth/story.html")
        elif path == "/no-auth/story.html":  # refuses a request that carries credentials
            if self.headers.get("Authorization"):
                self.reply(400, b"credentials sent to another host", "text/plain")
            else:
                self.reply(200, (WEB / "story.html").read_bytes())
        elif path in ("/gzip.html", "/gzip-bomb.html", "/brotli.html"):
            body = gzip.compress((WEB / "story.html").read_bytes()) if path == "/gzip.html" else _bomb()
            encoding = "br" if path == "/brotli.html" else "gzip"
            self.reply(200, body, headers={"Content-Encoding": encoding})
        elif path == "/%D0%BC%D0%BE%D1%81%D1%82.html":  # /мост.html
            self.reply(200, (WEB / "story.html").read_bytes())
        elif path == "/moved":
            self.redirect("/story.html", 301)
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.redirect(f"/hop/{n + 1}") if n < 10 else self.reply(200, (WEB / "story.html").read_bytes())
        elif path == "/loop-a":
            self.redirect("/loop-b")
        elif path == "/loop-b":
            self.redirect(f"http://{self.headers['Host']}/loop-a")
        elif path == "/to-file":
            self.redirect("file:///etc/passwd")
        elif path == "/slow.html":
            Handler.release.wait(10)
        elif path == "/pdf":
            self.reply(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "application/pdf")
        elif path == "/plain":
            self.reply(200, b"just some words, no markup", None)
        elif path == "/big.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(BIG))
            self.end_headers()
        elif path == "/big-stream.html":
            self.stream(BIG)
        elif path == "/cp1251.html":
            page = _page("Мост открыт", CYRILLIC)
            self.reply(200, page.encode("windows-1251"), "text/html; charset=windows-1251")
        elif path == "/latin1.html":
            page = _page("Un musée à Nîmes", FRENCH, "<meta charset='iso-8859-1'>")
            self.reply(200, page.encode("iso-8859-1"), "text/html")
        else:
            self.reply(404, b"<html><body>Not found</body></html>")

    def stream(self, size: int) -> None:
        """``size`` bytes of HTML with no Content-Length (ended by closing), until the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + b"filler words " * 5000 + b"</p>\n"
        Handler.sent = 0
        try:
            while Handler.sent < size:
                self.wfile.write(chunk)
                Handler.sent += len(chunk)
        except OSError:  # the client stopped reading
            pass
        finally:
            Handler.stream_done.set()


@pytest.fixture(scope="module")
def site():
    """The base URL of the test site on 127.0.0.1 (an ephemeral port)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    Handler.release.set()
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """urllib would send requests through a proxy named in the environment."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    Handler.hits.clear()


@pytest.fixture
def run(capsys, monkeypatch):
    """cli.main(argv) -> (exit status, stdout, stderr), stdin from a string."""
    monkeypatch.setenv("COLUMNS", "80")

    def run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def article_paragraphs() -> list[str]:
    return [p.text for p in askbot.Corpus.from_path(ARTICLE).passages]


# --- extraction from saved pages ------------------------------------------------------------------------


def test_news_page_yields_exactly_the_article_paragraphs_and_its_metadata():
    corpus = askbot.Corpus.from_path(WEB / "story.html")
    assert [p.text for p in corpus.passages] == article_paragraphs()  # not one menu, ad, comment or banner line
    (doc,) = corpus.documents
    assert (doc.title, doc.author, doc.date, doc.path, doc.url) == (TITLE, AUTHOR, DATE, str(WEB / "story.html"), None)
    assert doc.text == "\n\n".join(article_paragraphs())
    assert all(doc.text[s.start:s.end] == s.text for s in corpus.sentences)  # offsets into the extracted text
    assert len(corpus.sentences) == 23


def test_no_boilerplate_sentence_of_the_news_page_is_indexed():
    text = askbot.Corpus.from_path(WEB / "story.html").documents[0].text
    for line in ["cookies", "Advertisement", "Photo: Pool", "shake hands", "Vladivostok with Pacific Air",
                 "Read more", "armoured train", "Related stories", "last met in 2019", "three hours", "ivan_k",
                 "Most read", "Heatwave", "LinguaFast", "All rights reserved", "Sign up", "Subscribe", "Share on",
                 "Topics"]:
        assert line not in text


def test_blog_page_in_windows_1252_keeps_its_paragraphs_quotes_and_metadata():
    corpus = askbot.Corpus.from_path(WEB / "bridge.html")
    bridge = askbot.Corpus.from_path(DATA / "harbor-bridge.txt")
    assert [p.text for p in corpus.passages] == [" ".join(p.text.split()) for p in bridge.passages]
    doc = corpus.documents[0]
    assert (doc.title, doc.author, doc.date) == ("Harbor Bridge opens in Valdoria", "Marta Lindqvist", "2024-09-14")
    assert "“a new spine for the city.”" in doc.text
    assert "Council votes" not in doc.text and "$3 billion" not in doc.text and "tram" not in doc.text


def test_encyclopedia_page_leaves_out_contents_references_and_navigation():
    corpus = askbot.Corpus.from_path(WEB / "amazon.html")
    article = askbot.Corpus.from_path(DATA / "amazon-rainforest.txt")
    assert [p.text for p in corpus.passages] == [p.text for p in article.passages]
    assert corpus.documents[0].title == "Amazon rainforest"


def test_a_folder_reads_html_beside_txt_and_cites_with_each_page_byline(run, tmp_path):
    for name in ("story.html", "bridge.html"):
        (tmp_path / name).write_bytes((WEB / name).read_bytes())
    (tmp_path / "summit.txt").write_bytes((DATA / "summit.txt").read_bytes())
    corpus = askbot.Corpus.from_path(tmp_path)
    assert [d.title for d in corpus.documents] == ["Harbor Bridge opens in Valdoria", TITLE, "summit"]
    code, out, err = run("ask", "--corpus", str(tmp_path), "How much did the bridge cost?")
    assert (code, err) == (0, "")
    assert out.splitlines()[2] == ("[2] Harbor Bridge opens in Valdoria (Marta Lindqvist, 2024-09-14) (bridge.html) — "
                                   "The bridge cost **$2.4 billion**, and it carries 40,000 cars a day.")


def test_page_without_article_text_is_an_input_error(run, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Empty</title></head><body><script>var a = 1;</script></body></html>")
    assert run("ask", "--corpus", str(page), "who") == (
        2, "", f"{ERR}{page}: no article text found in the page; pass the page of one article\n")


def test_without_the_web_extra_askbot_names_it(run, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # `import trafilatura` raises ImportError
    page = WEB / "story.html"
    assert run("ask", "--corpus", str(page), "who") == (
        2, "", f"{ERR}{page}: reading web pages needs the web extra; install it with: pip install 'askbot[web]'\n")


def test_asking_about_a_text_article_imports_neither_the_extractor_nor_urllib():
    code = ("import sys; from askbot import cli; cli.main(['ask', '--no-cache', '--corpus', sys.argv[1], 'who']); "
            "print(sorted(m for m in ('trafilatura', 'lxml', 'urllib.request', 'askbot.web') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(DATA / "harbor-bridge.txt")], capture_output=True,
                          text=True, check=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize(("data", "charset", "text"), [
    ("<p>é</p>".encode(), None, "<p>é</p>"),
    ("<p>é</p>".encode("cp1252"), None, "<p>é</p>"),  # not UTF-8: windows-1252
    ("<meta charset=koi8-r><p>Ы</p>".encode("koi8-r"), None, "<meta charset=koi8-r><p>Ы</p>"),
    ("<p>Ы</p>".encode("windows-1251"), "windows-1251", "<p>Ы</p>"),
    ("<meta charset=utf-8><p>Ы</p>".encode("windows-1251"), "cp1251", "<meta charset=utf-8><p>Ы</p>"),  # header wins
    ("\ufeff<p>é</p>".encode("utf-8"), "iso-8859-1", "<p>é</p>"),  # a byte-order mark wins
    ("<p>’</p>".encode("cp1252"), "iso-8859-1", "<p>’</p>"),  # iso-8859-1 is read as windows-1252
    ("<p>é</p>".encode(), "no-such-charset", "<p>é</p>"),
])
def test_decode_html_follows_bom_header_meta_then_utf8(data, charset, text):
    assert htmltext.decode_html(data, charset) == text


# --- URLs ---------------------------------------------------------------------------------------------


def test_asking_about_a_url_cites_the_article_as_its_text_file_does(run, site):
    url = f"{site}/story.html"
    for question, ids in [("where did putin and kim meet", [1]), ("how many failed satellite launches", [12])]:
        code, out, err = run("ask", "--json", "--corpus", url, question)
        assert (code, err) == (0, "")
        answer = json.loads(out)
        assert [c["id"] for c in answer["citations"]] == ids
        assert {(c["title"], c["author"], c["date"], c["url"]) for c in answer["citations"]} == {
            (TITLE, AUTHOR, DATE, url)}
        _, from_text, _ = run("ask", "--json", "--corpus", str(ARTICLE), question)
        assert [c["id"] for c in json.loads(from_text)["citations"]] == ids
    assert Handler.hits["/story.html"] == 1  # fetched once, then read from the page cache


def test_session_on_a_url_answers_with_citations(run, site):
    code, out, err = run("--corpus", f"{site}/story.html", stdin="where did putin and kim meet\n")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "[1] On Sept. 13, Russian President Vladimir Putin and North Korean Supreme Leader Kim Jong Un met " \
           "for a five-hour meeting at **Russia’s Vostochny Cosmodrome** — a new site that may allow Russia to " \
           "domestically launch its own probes." in lines


def test_open_url_in_the_session_and_article_shows_what_was_indexed(site):
    session = Session(askbot.Retriever(askbot.Corpus.from_path(DATA / "harbor-bridge.txt")))
    reply = session.handle(f"/open {site}/story.html")
    assert reply.plain() == f"Now reading {TITLE} ({AUTHOR}, {DATE}; 16 passages, 23 sentences)."
    shown = session.handle("/article").plain()
    assert shown.splitlines()[0] == TITLE
    assert "cookies" not in shown and "[23]" in shown
    assert banner("1", session.corpus).plain().startswith(f"askbot 1 — {TITLE} ({AUTHOR}, {DATE}; ")
    bad = session.handle(f"/open {site}/missing.html").plain()
    assert bad == f"{site}/missing.html: HTTP 404 Not Found"


def test_library_reads_a_url_and_a_second_run_works_offline(site, monkeypatch):
    url = f"{site}/moved"  # a 301 to /story.html
    first = askbot.Corpus.from_path(url)
    assert [p.text for p in first.passages] == article_paragraphs()
    assert first.documents[0].url == url and first.documents[0].path is None
    assert (Handler.hits["/moved"], Handler.hits["/story.html"]) == (1, 1)

    def no_network(*args, **kwargs):
        raise AssertionError("fetched again")

    monkeypatch.setattr(web, "fetch", no_network)
    assert askbot.Corpus.from_path(url).documents == first.documents


def test_refresh_fetches_again_and_rewrites_the_cache(run, site):
    url = f"{site}/story.html"
    assert run("ask", "--corpus", url, "where did they meet")[0] == 0
    assert run("ask", "--corpus", url, "where did they meet")[0] == 0
    assert Handler.hits["/story.html"] == 1
    assert run("ask", "--refresh", "--corpus", url, "where did they meet")[0] == 0
    assert Handler.hits["/story.html"] == 2
    (cached,) = os.listdir(pagecache.page_cache_dir())
    assert cached.isalnum()  # no temporary file left behind
    assert pagecache.page_cache_dir() == os.path.join(os.environ["ASKBOT_HOME"], "cache", "pages")


def test_a_corrupt_cache_file_is_fetched_again(site):
    url = f"{site}/story.html"
    askbot.Corpus.from_path(url)
    (name,) = os.listdir(pagecache.page_cache_dir())
    path = os.path.join(pagecache.page_cache_dir(), name)
    with open(path, "r+b") as f:
        f.truncate(100)
    assert len(askbot.Corpus.from_path(url).passages) == 16
    assert Handler.hits["/story.html"] == 2


def test_a_page_read_before_is_not_extracted_again(monkeypatch):
    first = askbot.Corpus.from_path(WEB / "story.html")
    assert len(os.listdir(os.path.join(os.environ["ASKBOT_HOME"], "cache", "page-text"))) == 1

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted again")

    monkeypatch.setattr(htmltext, "extract", no_extraction)
    assert askbot.Corpus.from_path(WEB / "story.html").documents == first.documents


def test_a_url_with_non_ascii_characters_is_escaped(site):
    corpus = askbot.Corpus.from_path(f"{site}/мост.html")
    assert len(corpus.passages) == 16 and corpus.documents[0].url == f"{site}/мост.html"


def test_non_utf8_pages_by_header_and_by_meta(site):
    cyrillic = askbot.Corpus.from_path(f"{site}/cp1251.html")
    assert [p.text for p in cyrillic.passages] == CYRILLIC
    assert cyrillic.documents[0].title == "Мост открыт"
    french = askbot.Corpus.from_path(f"{site}/latin1.html")
    assert [p.text for p in french.passages] == FRENCH
    bridge = askbot.Corpus.from_path(f"{site}/bridge.html")
    assert "“a new spine for the city.”" in bridge.documents[0].text


def test_credentials_are_sent_to_their_host_and_never_shown(run, site):
    port = site.rsplit(":", 1)[1]
    url = f"http://reader:s3cret@127.0.0.1:{port}/auth/story.html"
    code, out, err = run("ask", "--json", "--corpus", url, "where did putin and kim meet")
    assert (code, err) == (0, "")
    assert "s3cret" not in out and json.loads(out)["citations"][0]["url"] == f"{site}/auth/story.html"
    for folder, _, names in os.walk(os.environ["ASKBOT_HOME"]):
        for name in names:
            assert b"s3cret" not in Path(folder, name).read_bytes()
    away = f"http://reader:s3cret@127.0.0.1:{port}/auth/away"  # redirected to localhost: no credentials sent
    assert len(askbot.Corpus.from_path(away).passages) == 16
    assert Handler.hits["/no-auth/story.html"] == 1
    bad = f"http://reader:s3cret@127.0.0.1:{port}/missing.html"
    assert run("ask", "--corpus", bad, "who") == (2, "", f"{ERR}{site}/missing.html: HTTP 404 Not Found\n")


# --- URL failures: exit 2, one line naming the URL and the cause ------------------------------------------


@pytest.mark.parametrize(("path", "cause"), [
    ("/missing.html", "HTTP 404 Not Found"),
    ("/pdf", "not an HTML page (application/pdf); pass a web page, or a .txt/.md/.html file"),
    ("/plain", "not an HTML page (no Content-Type); pass a web page"),
    ("/big.html", "page is 50 MiB, over the 32 MiB limit; raise the limit with ASKBOT_MAX_MB=<MiB>"),
    ("/hop/1", "more than 5 redirects"),
    ("/loop-a", "redirect loop (back to {site}/loop-a)"),
    ("/to-file", "redirected to file:///etc/passwd; only http and https URLs are fetched"),
])
def test_url_failures(run, site, path, cause):
    url = f"{site}{path}"
    assert run("ask", "--corpus", url, "who") == (2, "", f"{ERR}{url}: {cause.format(site=site)}\n")


def test_a_page_that_does_not_come_times_out(run, site, monkeypatch):
    monkeypatch.setenv("ASKBOT_TIMEOUT", "0.2")
    url = f"{site}/slow.html"
    assert run("ask", "--corpus", url, "who") == (
        2, "", f"{ERR}{url}: timed out after 0.2 s; try again later, or raise ASKBOT_TIMEOUT=<seconds>\n")


def test_a_50_mb_body_without_length_is_cut_at_the_limit(run, site, monkeypatch):
    monkeypatch.setenv("ASKBOT_MAX_MB", "1")
    Handler.stream_done.clear()
    url = f"{site}/big-stream.html"
    assert run("ask", "--corpus", url, "who") == (
        2, "", f"{ERR}{url}: page is over the 1 MiB limit; raise the limit with ASKBOT_MAX_MB=<MiB>\n")
    assert Handler.stream_done.wait(10)
    assert Handler.sent < 16 * 2**20  # the client hung up: the server did not get to send 50 MB


def test_a_gzip_body_is_read_and_a_gzip_bomb_stops_at_the_limit(run, site, monkeypatch):
    assert [p.text for p in askbot.Corpus.from_path(f"{site}/gzip.html").passages] == article_paragraphs()
    monkeypatch.setenv("ASKBOT_MAX_MB", "1")
    url = f"{site}/gzip-bomb.html"  # 50 MB of zeros in 50 KB
    assert run("ask", "--corpus", url, "who") == (
        2, "", f"{ERR}{url}: page is over the 1 MiB limit; raise the limit with ASKBOT_MAX_MB=<MiB>\n")
    url = f"{site}/brotli.html"
    assert run("ask", "--corpus", url, "who") == (
        2, "", f"{ERR}{url}: the page is compressed with br, which askbot cannot read\n")


def test_connection_refused(run):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story.html"
    assert run("ask", "--corpus", url, "who") == (
        2, "", f"{ERR}{url}: connection refused; check the address, or whether the site is up\n")


def test_unknown_host(run, monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no DNS query leaves the machine
    url = "https://news.invalid/story.html"
    assert run("ask", "--corpus", url, "who") == (
        2, "", f"{ERR}{url}: host not found (DNS lookup failed); check the address and the network\n")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/story.html", "gopher://x/1"])
def test_only_http_and_https_are_fetched(run, url):
    assert run("ask", "--corpus", url, "who") == (
        2, "", f"{ERR}{url}: only http and https URLs are fetched; pass a local file by its path\n")


@pytest.mark.parametrize(("url", "cause"), [
    ("https://", "no host in the URL; pass a URL such as https://example.com/story.html"),
    ("http://[::1/x", "not a valid URL (Invalid IPv6 URL); check the address"),
    ("http://127.0.0.1:99999/x", "not a valid URL (Port out of range 0-65535); check the address"),
    ("http://127.0.0.1:abc/x", "not a valid URL (Port could not be cast to integer value as 'abc'); check the address"),
    ("http://a b/x", "not a valid URL (a space in the host); check the address"),
])
def test_malformed_urls(run, url, cause):
    assert run("ask", "--corpus", url, "who") == (2, "", f"{ERR}{url}: {cause}\n")


def test_bad_timeout_setting(run, site, monkeypatch):
    monkeypatch.setenv("ASKBOT_TIMEOUT", "soon")
    assert run("ask", "--corpus", f"{site}/story.html", "who") == (
        2, "", f"{ERR}ASKBOT_TIMEOUT='soon' is not a time; set it to a number of seconds such as 30\n")
