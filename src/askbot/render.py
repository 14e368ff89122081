"""Answers as terminal text or JSON; nothing raw reaches a terminal."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .lazyre import LazyRegex

if TYPE_CHECKING:  # types only: answer.Answer.__str__ calls as_text, so render must not import answer
    from .answer import Answer, Citation
    from .corpus import Document

# C0 and C1 controls, DEL, and the escape sequences they begin (CSI, OSC, ...).
_ESCAPES = LazyRegex(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC / DCS / SOS / PM / APC strings
    r"|\x1b[@-Z\\-_]?"  # other ESC sequences
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean(text: str, keep_newlines: bool = False) -> str:
    """``text`` without control characters or escape sequences (tabs become spaces)."""
    text = text.replace("\t", " ")
    if not keep_newlines:
        text = text.replace("\n", " ")
    return _ESCAPES.sub("", text)


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def short_dict(answer: Answer) -> dict[str, Any] | None:
    """The short answer as JSON: text, citation id, offsets into the document (None for a yes/no word)."""
    short = answer.short_answer
    if short is None:
        return None
    return {"text": short.text, "citation": short.citation, "start": short.start, "end": short.end}


def byline(doc: Document) -> str:
    """A web page's author and date, as the page gives them ("" for a text article)."""
    return ", ".join(one_line(x) for x in (doc.author, doc.date) if x)


def label(doc: Document) -> str:
    """The document's title, then its byline in brackets when it has one."""
    line = byline(doc)
    return f"{one_line(doc.title)} ({line})" if line else one_line(doc.title)


def as_dict(answer: Answer, documents: Sequence[Document] = ()) -> dict[str, Any]:
    """The JSON object of ``askbot ask --json`` (a stable contract: fields are added, never renamed).

    Each citation names its document: ``document`` (its number), ``title``, and
    ``path`` (relative to the corpus folder; null for a single-file corpus). With
    ``documents`` (the corpus's), it also holds the document's author, date and
    url (null when the document has none)."""
    found = {
        "question": answer.question,
        "answer": answer.text,
        "found": answer.found,
        "confidence": answer.confidence,
        "citations": [
            {"id": c.id, "passage": c.passage, "text": c.text, "start": c.start, "end": c.end,
             "score": c.score, "document": c.document, "title": c.title, "path": c.path}
            for c in answer.citations
        ],
        "short_answer": short_dict(answer),
    }
    for c in found["citations"] if documents else ():
        doc = documents[c["document"] - 1]
        c.update(title=doc.title, author=doc.author, date=doc.date, url=doc.url)
    return found


def as_json(answer: Answer, documents: Sequence[Document] = ()) -> str:
    """One line of JSON; ensure_ascii escapes every control character."""
    return json.dumps(as_dict(answer, documents), ensure_ascii=True)


def document_of(citation: Citation, titles: dict[int, str] | None = None) -> str:
    """The cited sentence's document, "title (path) — ", when the corpus is a folder or has several
    documents ("" otherwise); ``titles`` (document id -> label) name them, else the citation's title."""
    c = citation
    name = one_line(titles[c.document]) if titles and c.document in titles else one_line(c.title)
    if c.path is not None:
        return f"{name} ({one_line(c.path)}) — "
    return f"{name} — " if titles and len(titles) > 1 else ""


def marked(text: str, start: int | None, end: int | None) -> tuple[str, str, str]:
    """``text`` cut around ``text[start:end]`` into (before, phrase, after), each cleaned and its
    white space folded (one space kept where a cut meets it); no phrase: (text, "", "")."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return one_line(text), "", ""
    cleaned = [clean(part) for part in (text[:start], text[start:end], text[end:])]
    parts = [" ".join(part.split()) for part in cleaned]
    before = parts[0] + (" " if parts[0] and cleaned[0][-1:].isspace() else "")
    after = (" " if parts[2] and cleaned[2][:1].isspace() else "") + parts[2]
    if not parts[1] or " ".join((before + parts[1] + after).split()) != one_line(text):
        return one_line(text), "", ""  # the cut fell inside an escape sequence: no mark
    return before, parts[1], after


def phrase_at(answer: Answer, n: int) -> tuple[int | None, int | None]:
    """Where the short answer's phrase stands in citation ``n``'s text ((None, None): not in it)."""
    c, short = answer.citations[n], answer.short_answer
    if n or short is None or short.start is None or short.end is None or short.citation != c.id:
        return None, None
    start = short.start - c.start
    if c.text[start:start + len(short.text)] != short.text:  # a Markdown file: offsets count the markup too
        start = c.text.find(short.text)
        if start < 0:
            return None, None
    return start, start + len(short.text)


PLAIN_MARK = "**"  # around the phrase in its sentence where there is no colour
BOLD, PHRASE, RESET = "\x1b[1m", "\x1b[1;4m", "\x1b[0m"  # the lead in bold; the phrase bold and underlined
_OPEN, _CLOSE = "\ue000", "\ue001"  # stand-ins for the marks while wrapping


def _wrap(text: str, width: int | None, hang: int, mark_width: int) -> list[str]:
    """``text`` wrapped at spaces to ``width`` cells (None: one line), continuation lines indented by ``hang``."""
    if width is None or width < 8:
        return [text]
    lines, line, used = [], "", 0
    for word in text.split(" "):
        cells = len(word) - (len(word) - len(word.replace(_OPEN, "").replace(_CLOSE, ""))) * (1 - mark_width)
        if line and used + 1 + cells > width:
            lines.append(line)
            line, used = " " * hang + word, hang + cells
        else:
            line, used = (f"{line} {word}", used + 1 + cells) if line else (word, cells)
    return [*lines, line]


def _finish(line: str, color: bool) -> str:
    opened, closed = (PHRASE, RESET) if color else (PLAIN_MARK, PLAIN_MARK)
    return line.replace(_OPEN, opened).replace(_CLOSE, closed)


def as_text(answer: Answer, titles: dict[int, str] | None = None, *, color: bool = False,
            width: int | None = None, sources: bool = True) -> str:
    """The answer for a terminal or a pipe: the short answer (when there is one) on its own line,
    then the cited sentences, each once, the phrase marked inside the first (bold and underlined
    with ``color``, else between ``**``). With ``sources``, one line a citation, "[n] " first
    (and its document, title and path, when the corpus is a folder or has several); without, the sentences as one
    paragraph with their [n] markers. ``width`` wraps the lines (None: no wrapping).
    """
    if not answer.found or not answer.citations:
        return "\n".join(_wrap(one_line(answer.text), width, 0, 0))
    short = answer.short_answer
    out = [(BOLD + one_line(short.text) + RESET) if color else one_line(short.text), ""] if short else []
    mark_width = 0 if color else len(PLAIN_MARK)
    texts = []
    for n, c in enumerate(answer.citations):
        before, phrase, after = marked(c.text, *phrase_at(answer, n))
        texts.append(before + (_OPEN + phrase + _CLOSE if phrase else "") + after)
    if sources:
        for c, text in zip(answer.citations, texts):
            where = document_of(c, titles)
            label = f"[{c.id}] "
            out += _wrap(label + where + text, width, len(label), mark_width)
    else:
        out += _wrap(" ".join(f"{t} [{c.id}]" for c, t in zip(answer.citations, texts)), width, 0, mark_width)
    return "\n".join(_finish(line, color) for line in out)
