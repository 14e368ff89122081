"""Answers as terminal text or JSON; nothing raw reaches a terminal."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .answer import Answer

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
    """The JSON object of ``askbot ask --json`` (a stable contract). With ``documents``
    (the corpus's), each citation also holds its document's title, author, date and url
    (null when the document has none)."""
    found = {
        "question": answer.question,
        "answer": answer.text,
        "found": answer.found,
        "confidence": answer.confidence,
        "citations": [
            {"id": c.id, "passage": c.passage, "text": c.text, "start": c.start, "end": c.end,
             "score": c.score, "document": c.document}
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


def as_text(answer: Answer, titles: dict[int, str] | None = None) -> str:
    """The answer with its [n] markers, then one "Sources:" line per citation.

    ``titles`` (document id -> title) names each source's article when the
    corpus has more than one.
    """
    lines = [one_line(answer.text)]
    if answer.citations:
        lines += ["", "Sources:"]
        for c in answer.citations:
            where = f"{one_line(titles[c.document])} — " if titles and len(titles) > 1 else ""
            lines.append(f"[{c.id}] {where}{one_line(c.text)}")
    return "\n".join(lines)
