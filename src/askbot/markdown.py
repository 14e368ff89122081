"""Markdown articles: the text a reader sees, with offsets back into the file.

markdown-it-py (CommonMark) parses the file. The first heading is the
document's title; headings are neither passages nor sentences. Every other
paragraph (list items and quotes included) becomes one passage of plain text:
emphasis and links become their text, code spans their code, entities their
character. Code blocks, tables and raw HTML are left out: they are not prose.

The plain text is what is indexed and cited (``Document.text``); the file's
text is kept as ``Document.source``, and ``Document.offsets`` maps every
character of the plain text to its place in the file, so citations point
into the original file. The parser reports only the lines of a block, so each
piece of inline text is found again in those lines, in order.

This module is imported only when a ``.md`` file is opened.
"""

from __future__ import annotations

from typing import NamedTuple

from markdown_it import MarkdownIt

_SKIPPED_INSIDE = {"table_open": "table_close"}  # prose-free blocks whose inline text is left out
_WINDOW = 16  # how far ahead a character that markup rewrote (an entity, an escape) is looked for


class Plain(NamedTuple):
    """A Markdown file read: its first heading ("" if none), its plain text, and for every
    character of the text its index in the file (empty when the text is the file's own)."""

    title: str
    text: str
    offsets: tuple[int, ...]


def plain_text(source: str) -> Plain:
    """The article in the Markdown ``source``, as plain text with offsets into ``source``."""
    lines = _line_starts(source)
    heading, blocks = _blocks(source)
    parts: list[str] = []
    offsets: list[int] = []
    for text, where in blocks:
        if parts:
            parts.append("\n\n")
            offsets += [offsets[-1]] * 2
        mapped = _align(text, source, lines[where[0]], lines[where[1]])
        parts.append(text)
        offsets += mapped
    plain = "".join(parts)
    if not plain.strip():  # only headings: the headings are the text
        return Plain(heading, source, ())
    return Plain(heading, plain, tuple(offsets))


def _line_starts(source: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(source):
        if ch == "\n":
            starts.append(i + 1)
    return [*starts, len(source)]


def _blocks(source: str) -> tuple[str, list[tuple[str, tuple[int, int]]]]:
    """(first heading's text, [(plain text of a paragraph, its (first, last) lines)])."""
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    heading, blocks, skip_until, in_heading = "", [], None, False
    for token in tokens:
        if skip_until:
            skip_until = None if token.type == skip_until else skip_until
            continue
        if token.type in _SKIPPED_INSIDE:
            skip_until = _SKIPPED_INSIDE[token.type]
        elif token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline" and token.map:
            text = " ".join(_plain(token).split())
            if in_heading:
                heading = heading or text
            elif text:
                blocks.append((text, (token.map[0], token.map[1])))
    return heading, blocks


def _plain(inline) -> str:
    """The text of an inline token: markup dropped, links and emphasis as their text."""
    out = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(" ".join(_plain(child).split()) if child.children else child.content)
    return "".join(out)


def _align(text: str, source: str, start: int, end: int) -> list[int]:
    """For each character of ``text``, its index in ``source[start:end]``, found in order.

    Runs of white space match any white space; a character the markup rewrote
    (``&amp;`` -> ``&``) maps to where the search stands."""
    out, pos = [], start
    for ch in text:
        if ch.isspace():
            while pos < end and not source[pos].isspace():
                pos += 1  # markup between words, e.g. a link's "](url)"
            out.append(min(pos, max(start, end - 1)))
            while pos < end and source[pos].isspace():
                pos += 1
            continue
        found = _find(source, ch, pos, end)
        if found < 0:
            out.append(min(pos, max(start, end - 1)))
            continue
        out.append(found)
        pos = found + 1
    return out


def _find(source: str, ch: str, pos: int, end: int) -> int:
    """Where ``ch`` stands next in ``source[pos:end]`` (within ``_WINDOW``), past any link
    destination on the way: the "." after "[Valdoria](http://x.y)" is not the one in the URL."""
    limit = min(end, pos + _WINDOW)
    found = source.find(ch, pos, limit)
    link = source.find("](", pos, found if found >= 0 else limit)
    if link >= 0:
        close = source.find(")", link + 2, end)
        if close >= 0:
            return _find(source, ch, close + 1, end)
    return found
