"""What the interactive session shows, as styled fragments, and how it wraps.

A ``Reply`` is paragraphs of ``(style, text)`` fragments -- the shape of
prompt-toolkit's formatted text, so repl.py prints them in colour as they are,
or joins the text when colour is off. Every piece of article or user text is
cleaned (render.clean) before it becomes a fragment. This module imports no
prompt_toolkit: it is plain data and plain functions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .analysis import tokenize
from .answer import Answer
from .corpus import Corpus, Passage
from .render import PLAIN_MARK, byline, marked, one_line, phrase_at

Fragment = tuple[str, str]  # (prompt-toolkit style, text)

STYLE = {  # class -> prompt-toolkit style; repl.py turns this into a Style
    "title": "bold",
    "marker": "ansicyan bold",
    "term": "bold ansiyellow",
    "cited": "ansigreen",
    "dim": "ansibrightblack",
    "notfound": "italic",
    "error": "ansired",
    "command": "ansicyan",
    "lead": "bold",
    "phrase": "bold underline",
}
PLAIN = "class:plain-mark"  # text shown only without colour (the ** around the phrase)

COMMANDS = (
    ("/help", "", "this list"),
    ("/sources", "", "the whole passages behind the last answer, cited sentences marked *"),
    ("/show", "N", "sentence N in its paragraph"),
    ("/article", "", "the whole article with sentence numbers"),
    ("/open", "PATH", "switch to another article (.txt/.md/.html file, folder, or http(s) URL)"),
    ("/k", "N", "how many passages a question considers (/k alone: how many now)"),
    ("/quit", "", "leave (or Ctrl-D)"),
    ("!multi", "", "a question of several lines, ended by !end"),
)

_WORDS = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


@dataclass(frozen=True)
class Para:
    """A paragraph: fragments wrapped as one block; continuation lines indented by ``hang``."""

    fragments: tuple[Fragment, ...]
    hang: int = 0


@dataclass(frozen=True)
class Reply:
    """What a REPL turn shows: paragraphs of styled text, and whether the session ends."""

    paras: tuple[Para, ...] = ()
    quit: bool = False
    long: bool = False  # worth a pager when taller than the terminal

    def shown(self, color: bool) -> Reply:
        """The reply as shown: with colour, without the marks meant for plain text."""
        if not color:
            return self
        paras = tuple(Para(tuple(f for f in p.fragments if f[0] != PLAIN), p.hang) for p in self.paras)
        return Reply(paras, self.quit, self.long)

    def plain(self) -> str:
        """The text without styles or wrapping, one paragraph a line."""
        return "\n".join("".join(t for _, t in p.fragments) for p in self.paras)


def say(text: str, style: str = "") -> Para:
    return Para(((f"class:{style}" if style else "", one_line(text)),))


def message(text: str, style: str = "") -> Reply:
    return Reply((say(text, style),))


BLANK = Para(())


def highlight(text: str, terms: Iterable[str], style: str = "") -> tuple[Fragment, ...]:
    """``text`` (cleaned) with the words whose index terms are in ``terms`` styled."""
    text, terms = one_line(text), frozenset(terms)
    base = f"class:{style}" if style else ""
    out: list[Fragment] = []
    pos = 0
    for m in _WORDS.finditer(text):
        if terms and terms & set(tokenize(m.group())):
            out += [(base, text[pos:m.start()]), (f"{base} class:term".strip(), m.group())]
            pos = m.end()
    out.append((base, text[pos:]))
    return tuple(f for f in out if f[1])


def _spaced(text: str, terms: frozenset[str]) -> tuple[Fragment, ...]:
    """``highlight`` keeping one space at either end where ``text`` has one."""
    lead = (("", " "),) if text[:1] == " " else ()
    trail = (("", " "),) if text[-1:] == " " and text.strip() else ()
    return (*lead, *highlight(text, terms), *trail)


def _cited(answer: Answer, n: int, terms: frozenset[str]) -> tuple[Fragment, ...]:
    """Citation ``n``'s sentence, question terms highlighted, the short answer's phrase marked in the first."""
    before, phrase, after = marked(answer.citations[n].text, *phrase_at(answer, n))
    if not phrase:
        return highlight(before, terms)
    mark = ((PLAIN, PLAIN_MARK),)
    return (*_spaced(before, terms), *mark, ("class:phrase", phrase), *mark, *_spaced(after, terms))


def answer_reply(answer: Answer, terms: Iterable[str], titles: dict[int, str] | None = None) -> Reply:
    """The short answer (when there is one), then each cited sentence once, numbered, question terms
    highlighted and the phrase marked in the first."""
    if not answer.found:
        return message(answer.text, "notfound")
    terms = frozenset(terms)
    paras = [Para((("class:lead", one_line(answer.short_answer.text)),)), BLANK] if answer.short_answer else []
    for n, c in enumerate(answer.citations):
        label = f"[{c.id}] "
        where = f"{one_line(titles[c.document])} — " if titles and len(titles) > 1 else ""
        paras.append(Para((("class:marker", label), ("class:dim", where), *_cited(answer, n, terms)), len(label)))
    return Reply(tuple(paras))


def passage_paras(passage: Passage, marked: frozenset[int] = frozenset(),
                  terms: Iterable[str] = ()) -> list[Para]:
    """A passage one sentence a line, numbered; ``marked`` sentences get a * and a style."""
    width = len(str(passage.sentences[-1].id)) if passage.sentences else 1
    paras = []
    for s in passage.sentences:
        mark = "*" if s.id in marked else " "
        label = f"{mark}[{s.id}]".ljust(width + 3) + " "
        style = "cited" if s.id in marked else ""
        paras.append(Para((("class:marker", label), *highlight(s.text, terms, style)), len(label)))
    return paras


def passages_reply(corpus: Corpus, passage_ids: Sequence[int], marked: frozenset[int],
                   terms: Iterable[str] = ()) -> Reply:
    paras: list[Para] = []
    for n, pid in enumerate(dict.fromkeys(passage_ids)):
        p = corpus.passage(pid)
        first, last = p.sentences[0].id, p.sentences[-1].id
        head = f"Passage {pid} (sentences {first}–{last})" if last > first else f"Passage {pid} (sentence {first})"
        paras += [*([BLANK] if n else []), say(head, "dim"), *passage_paras(p, marked, terms)]
    return Reply(tuple(paras))


def article_reply(corpus: Corpus) -> Reply:
    paras: list[Para] = []
    for doc in corpus.documents:
        paras += [*([BLANK] if paras else []), say(doc.title, "title")]
        for p in corpus.passages:
            if p.document_id == doc.id:
                paras += [BLANK, *passage_paras(p)]
    return Reply(tuple(paras), long=True)


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def describe(corpus: Corpus) -> str:
    size = f"{count(len(corpus.passages), 'passage')}, {count(len(corpus.sentences), 'sentence')}"
    line = byline(corpus.documents[0]) if len(corpus.documents) == 1 else ""
    return f"{one_line(corpus.title)} ({line}; {size})" if line else f"{one_line(corpus.title)} ({size})"


def help_reply() -> Reply:
    paras = [say("Ask a question about the article in plain words; follow-ups like "
                 "\"And when?\" lean on the previous question.")]
    for name, arg, what in COMMANDS:
        label = f"  {name} {arg}".ljust(16)
        paras.append(Para((("class:command", label), ("", what)), len(label)))
    paras.append(say("Ctrl-C clears the line; Ctrl-D or /quit leaves."))
    return Reply(tuple(paras))


def banner(version: str, corpus: Corpus) -> Reply:
    return Reply((
        Para((("class:title", f"askbot {version}"), ("", " — "), ("class:title", describe(corpus)))),
        Para((("", "Ask a question about the article. Commands: " + " ".join(
            f"{n}\u00a0{a}".strip() for n, a, _ in COMMANDS) + "."),)),  # no-break space: "/k N" stays whole
        say("Ctrl-D or /quit to leave."),
    ))


# --- wrapping --------------------------------------------------------------

def cell_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _chunks(fragments: Iterable[Fragment]) -> list[Fragment]:
    return [(style, part) for style, text in fragments for part in re.split(r"([ \t\n]+)", text) if part]


def wrap(para: Para, width: int | None) -> list[list[Fragment]]:
    """Lines of fragments no wider than ``width`` (None: one line); breaks at spaces, not no-break spaces."""
    if width is None or width < 8:
        return [list(para.fragments)]
    hang = para.hang if width - para.hang >= 8 else 0
    lines: list[list[Fragment]] = [[]]
    used = start = 0  # cells used on the line; where its text starts
    broken = False  # on a line begun by a break (its leading spaces are dropped)

    def new_line() -> None:
        nonlocal used, start, broken
        while lines[-1] and lines[-1][-1][1].isspace():
            lines[-1].pop()
        lines.append([("", " " * hang)] if hang else [])
        used, start, broken = hang, hang, True

    for style, part in _chunks(para.fragments):
        if part.isspace():
            if used > start or not broken:
                lines[-1].append((style, part))
                used += cell_width(part)
            continue
        if used + cell_width(part) > width and used > start:
            new_line()
        while used + cell_width(part) > width:  # a word wider than the line: cut it
            cut = max(1, width - used)
            lines[-1].append((style, part[:cut]))
            part = part[cut:]
            new_line()
        lines[-1].append((style, part))
        used += cell_width(part)
    return lines


def layout(reply: Reply, width: int | None) -> list[list[Fragment]]:
    return [line for para in reply.paras for line in wrap(para, width)]
