"""Answers as terminal text or JSON; nothing raw reaches a terminal."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .answer import Answer, Citation

if TYPE_CHECKING:
    from .corpus import Document

# C0 and C1 controls, DEL, and the escape sequences they begin (CSI, OSC, ...).
_ESCAPES = re.compile(
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
    }
    for c in found["citations"] if documents else ():
        doc = documents[c["document"] - 1]
        c.update(title=doc.title, author=doc.author, date=doc.date, url=doc.url)
    return found


def as_json(answer: Answer, documents: Sequence[Document] = ()) -> str:
    """One line of JSON; ensure_ascii escapes every control character."""
    return json.dumps(as_dict(answer, documents), ensure_ascii=True)


_MARKS = re.compile(r" ?\[\d+\]")


def where(citation: Citation, titles: dict[int, str] | None = None) -> str:
    """Where a cited sentence is: its passage, and its document when the corpus is a folder
    or has several documents; ``titles`` (document id -> label) name them, else the citation's title."""
    c = citation
    name = one_line(titles[c.document]) if titles and c.document in titles else one_line(c.title)
    if c.path is not None:
        return f"{name} ({one_line(c.path)}), passage {c.passage}"
    if titles and len(titles) > 1:  # several documents without paths (web pages, texts built in Python)
        return f"{name}, passage {c.passage}"
    return f"passage {c.passage}"


def as_text(answer: Answer, titles: dict[int, str] | None = None, *, color: bool = False,
            width: int | None = None, sources: bool = True) -> str:
    """The answer with its [n] markers, then "Sources:", one line a citation saying where it is.

    Each sentence is printed once. ``sources=False``: the answer alone, without
    markers. ``width`` wraps lines to that many columns; ``color`` styles the
    markers and sources with ANSI colours (the interactive session's).
    ``titles`` (document id -> title) names the document of each source when
    the corpus has several and no paths.
    """
    if not sources:
        return _styled([[("", _MARKS.sub("", one_line(answer.text)))]], color, width)
    paras: list[list[tuple[str, str]]] = [_marked(answer.text)]
    if answer.citations:
        paras += [[], [("class:dim", "Sources:")]]
        paras += [[("class:marker", f"[{c.id}] "), ("class:dim", where(c, titles))] for c in answer.citations]
    return _styled(paras, color, width)


def _marked(text: str) -> list[tuple[str, str]]:
    parts = re.split(r"(\[\d+\])", one_line(text))
    return [("class:marker" if re.fullmatch(r"\[\d+\]", p) else "", p) for p in parts if p]


# prompt-toolkit style words (screen.STYLE) -> ANSI SGR codes
_SGR = {"bold": "1", "italic": "3", "ansired": "31", "ansigreen": "32", "ansiyellow": "33",
        "ansicyan": "36", "ansibrightblack": "90"}


def _sgr(style: str) -> str:
    from .screen import STYLE

    words = [w for cls in style.split() if cls.startswith("class:") for w in STYLE.get(cls[6:], "").split()]
    codes = [_SGR[w] for w in words if w in _SGR]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def _styled(paras: list[list[tuple[str, str]]], color: bool, width: int | None) -> str:
    """Paragraphs of (style, text) fragments, wrapped to ``width`` and coloured if ``color``."""
    if width is None and not color:
        return "\n".join("".join(t for _, t in p) for p in paras)
    from .screen import Para, wrap

    lines = []
    for frags in paras:
        hang = len(frags[0][1]) if len(frags) > 1 and frags[0][0] == "class:marker" else 0
        for line in wrap(Para(tuple(frags), hang), width):
            runs: list[list[str]] = []  # [style, text] with neighbours of one style joined
            for style, text in line:
                if runs and runs[-1][0] == style:
                    runs[-1][1] += text
                else:
                    runs.append([style, text])
            lines.append("".join((f"{_sgr(s)}{t}\x1b[0m" if color and _sgr(s) else t) for s, t in runs))
    return "\n".join(lines)
