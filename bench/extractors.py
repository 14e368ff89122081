"""Main-text extractors compared on the web fixtures: article paragraphs kept, boilerplate leaked.

    pip install -e '.[web]' readability-lxml
    python bench/extractors.py

Each fixture in tests/data/web is a page built around a test article whose
paragraphs are known (the .txt beside it). For each extractor the page's text
is split into blocks (paragraphs, headings, list items); a block equal to an
article paragraph (white space normalised) is kept, any other block is
boilerplate that would be indexed. Also: which of title, author and date it
found, and the time per page (median of 5). Run by hand, not in CI.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = {  # page -> its article as text
    "story.html": ROOT / "corpus" / "putin-kim-vostochny.txt",
    "bridge.html": ROOT / "tests" / "data" / "harbor-bridge.txt",
    "amazon.html": ROOT / "tests" / "data" / "amazon-rainforest.txt",
}


def _norm(text: str) -> str:
    return " ".join(text.split())


def paragraphs(path: Path) -> list[str]:
    sys.path.insert(0, str(ROOT / "src"))
    from askbot.corpus import Corpus

    return [_norm(p.text) for p in Corpus.from_path(path).passages]


def askbot_blocks(html: str) -> tuple[list[str], tuple]:
    """askbot's own reading (htmltext.extract: trafilatura, precision settings)."""
    from askbot.htmltext import extract

    page = extract(html, "page")
    return page.text.split("\n\n"), (page.title, page.author, page.date)


def trafilatura_default(html: str) -> tuple[list[str], tuple]:
    import trafilatura

    found = trafilatura.bare_extraction(html, with_metadata=True)
    return [_norm(b) for b in (found.text or "").splitlines() if b.strip()], (found.title, found.author, found.date)


def readability_blocks(html: str) -> tuple[list[str], tuple]:
    import lxml.html
    from readability import Document

    doc = Document(html)
    tree = lxml.html.fromstring(doc.summary(html_partial=True))
    blocks = [_norm(el.text_content()) for el in tree.iter("p", "li", "h1", "h2", "h3", "h4", "pre", "td")]
    return [b for b in blocks if b], (doc.short_title(), None, None)


def justext_blocks(html: str) -> tuple[list[str], tuple]:
    import justext

    found = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return [_norm(p.text) for p in found if not p.is_boilerplate], (None, None, None)


EXTRACTORS = {"askbot (trafilatura, precision)": askbot_blocks, "trafilatura, defaults": trafilatura_default,
              "readability-lxml": readability_blocks, "jusText": justext_blocks}


def score(blocks: list[str], article: list[str]) -> tuple[int, list[str]]:
    """(article paragraphs kept, blocks that are not article text)."""
    blocks = [re.sub(r"^- ", "", b) for b in blocks]  # trafilatura marks list items "- "
    return sum(p in blocks for p in article), [b for b in blocks if b not in article]


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from askbot.htmltext import decode_html

    print("| page | extractor | paragraphs kept | boilerplate blocks (words) indexed | title / author / date | ms |")
    print("|---|---|---|---|---|---|")
    leaks: dict[str, list[str]] = {}
    for name, text_path in FIXTURES.items():
        html = decode_html((ROOT / "tests" / "data" / "web" / name).read_bytes())
        article = paragraphs(text_path)
        for label, fn in EXTRACTORS.items():
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                blocks, meta = fn(html)
                times.append((time.perf_counter() - t0) * 1000)
            kept, leaked = score(blocks, article)
            words = sum(len(b.split()) for b in leaked)
            found = " / ".join("yes" if m else "-" for m in meta)
            print(f"| {name} | {label} | {kept}/{len(article)} | {len(leaked)} ({words}) | {found} "
                  f"| {statistics.median(times):.0f} |")
            leaks[f"{name}, {label}"] = leaked
    print()
    for key, leaked in leaks.items():
        for b in leaked:
            print(f"leaked  {key}: {b[:90]}")


if __name__ == "__main__":
    main()
