"""Markdown articles: parsed with markdown-it-py; headings give the title and are no sentences;
emphasis and links become their text; offsets point into the original file."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

import askbot
import askbot.corpus
from askbot import cli

ARTICLE = """\ufeff# Putin meets **Kim** at Vostochny\r
\r
Putin met *Kim Jong Un* at [the Vostochny Cosmodrome](https://example.com/v) on Sept. 13.
They talked for five hours &amp; more.

## Weapons

- Kim sought **space technology**.
- Russia wants `artillery` shells.

```
print("code is not prose.")
```
"""


def write(tmp_path, text=ARTICLE, name="news.md"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_the_first_heading_is_the_title_and_headings_are_no_sentences(tmp_path):
    corpus = askbot.Corpus.from_path(write(tmp_path))
    assert corpus.documents[0].title == "Putin meets Kim at Vostochny"
    assert [s.text for s in corpus.sentences] == [
        "Putin met Kim Jong Un at the Vostochny Cosmodrome on Sept. 13.",
        "They talked for five hours & more.",
        "Kim sought space technology.",
        "Russia wants artillery shells.",
    ]
    assert [p.text for p in corpus.passages][1:] == ["Kim sought space technology.", "Russia wants artillery shells."]


def test_citations_point_into_the_original_file(tmp_path):
    path = write(tmp_path)
    original = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")  # offsets are after BOM and CRLF
    corpus = askbot.Corpus.from_path(path)
    doc = corpus.documents[0]
    assert doc.source == original
    spans = [original[slice(*doc.source_span(s.start, s.end))] for s in corpus.sentences]
    assert spans == [
        "Putin met *Kim Jong Un* at [the Vostochny Cosmodrome](https://example.com/v) on Sept. 13.",
        "They talked for five hours &amp; more.",
        "Kim sought **space technology**.",
        "Russia wants `artillery` shells.",
    ]
    for s in corpus.sentences:  # the indexed text keeps its own offsets
        assert doc.text[s.start:s.end] == s.text


def test_json_offsets_and_document_of_a_markdown_citation(tmp_path, capsys):
    path = write(tmp_path)
    assert cli.main(["ask", "--json", "--corpus", str(path), "What did Kim seek?"]) == 0
    (c,) = json.loads(capsys.readouterr().out)["citations"][:1]
    original = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    assert c["text"] == "Kim sought space technology."
    assert original[c["start"]:c["end"]] == "Kim sought **space technology**."
    assert (c["title"], c["path"]) == ("Putin meets Kim at Vostochny", None)


def test_a_folder_names_each_document_by_title_and_relative_path(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub")
    (tmp_path / "bridge.txt").write_text("The bridge opened in May.", encoding="utf-8")
    assert cli.main(["ask", "--corpus", str(tmp_path), "What did Kim seek?"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n[4] Putin meets Kim at Vostochny (sub/news.md) — Kim sought **space technology**.\n")
    assert cli.main(["ask", "--json", "--corpus", str(tmp_path), "What did Kim seek?"]) == 0
    c = json.loads(capsys.readouterr().out)["citations"][0]
    assert (c["document"], c["title"], c["path"]) == (2, "Putin meets Kim at Vostochny", "sub/news.md")


def test_without_a_heading_the_title_is_the_file_name(tmp_path):
    corpus = askbot.Corpus.from_path(write(tmp_path, "Just **one** line.\n", "plain-notes.md"))
    assert (corpus.documents[0].title, corpus.sentences[0].text) == ("plain notes", "Just one line.")


def test_a_file_of_only_headings_keeps_its_text(tmp_path):
    corpus = askbot.Corpus.from_path(write(tmp_path, "# Only a title\n"))
    assert corpus.documents[0].title == "Only a title"
    assert [s.text for s in corpus.sentences] == ["# Only a title"]


def test_markdown_it_is_imported_only_for_a_markdown_file(bridge_path):
    code = ("import sys, askbot; askbot.Corpus.from_path(sys.argv[1]); "
            "print('markdown_it' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(bridge_path)], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    assert out == "False\n"


@given(st.lists(st.sampled_from(["# Title", "## Part", "Plain words here.", "*Emph* and **bold** text.",
                                 "[a link](http://x.org/p?q=1) ends.", "- item `code`", "&amp; &lt;x&gt;", "",
                                 "> quoted line.", "    indented code", "```", "| a | b |", "|---|---|",
                                 "Line one\\", "trailing_under_score", "😀 wide ✓"]), min_size=1, max_size=12))
@settings(max_examples=60, deadline=None)
def test_any_markdown_maps_every_sentence_into_the_file(lines):
    source = "\n".join(lines)
    doc = askbot.Corpus.from_documents([("t", source, "x.md")]).documents[0]
    if doc.source is None:  # nothing but markup: the file's text is indexed as it is
        return
    last = 0
    for start, end in askbot.corpus.paragraph_spans(doc.text):
        a, b = doc.source_span(start, end)
        assert last <= a < b <= len(source)
        last = a
    assert len(doc.offsets) == len(doc.text)


def test_a_point_after_a_link_maps_past_the_links_address(tmp_path):
    text = "# Bridge\n\nThe **Harbor Bridge** opened on *Sept. 13* in [Valdoria](http://x.y).\n\nIt cost $2 billion.\n"
    path = write(tmp_path, text)
    answer = askbot.ask("when did the harbor bridge open", askbot.Corpus.from_path(path))
    first = answer.citations[0]
    assert text[first.start:first.end] == "The **Harbor Bridge** opened on *Sept. 13* in [Valdoria](http://x.y)."


def test_the_short_answer_points_into_the_file_as_its_citation_does(tmp_path):
    text = "# Bridge\n\nThe **Harbor Bridge** opened on *Sept. 13* in [Valdoria](http://x.y).\n"
    path = write(tmp_path, text)
    short = askbot.ask("when did the harbor bridge open", askbot.Corpus.from_path(path)).short_answer
    assert short is not None and short.start is not None
    assert text[short.start:short.end] == short.text
