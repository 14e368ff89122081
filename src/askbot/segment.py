"""Sentence boundaries with pysbd, as character offsets.

pysbd knows abbreviations ("Sept. 13", "U.S.", "U.N." end no sentence) but
its time grows faster than linearly with the length of what it is given, so
a long paragraph is fed to it in bounded pieces cut at a likely sentence end.
askbot runs pysbd with its own faster steps (``askbot.sbdfast``: the same
sentences as stock pysbd, about 0.4 µs a character); even so a paragraph over
``MAX_PYSBD`` characters (no news paragraph is: a book or dump without blank
lines) is split by a linear rule (``rule_split``: a likely end not after a known
abbreviation or an initial, about 20x faster) instead, as is a piece pysbd fails on.
"""

from __future__ import annotations

import re
import threading

MAX_PIECE = 2000  # characters given to pysbd at once
MAX_PYSBD = 100_000  # a longer paragraph is split by rule_split
_LIKELY_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(\S+)\Z")
_local = threading.local()  # a pysbd Segmenter keeps state while it works: one a thread


def _segmenter():
    """This thread's pysbd Segmenter: stock pysbd's sentences, askbot's faster steps."""
    seg = getattr(_local, "segmenter", None)
    if seg is None:
        from .sbdfast import segmenter

        seg = _local.segmenter = segmenter()
    return seg


def _abbreviations() -> frozenset[str]:
    abbr = getattr(_local, "abbreviations", None)
    if abbr is None:
        from pysbd.lang.english import English

        abbr = _local.abbreviations = frozenset(a.strip().lower() for a in English.Abbreviation.ABBREVIATIONS)
    return abbr


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the word that ends at text[end] (its period) is an abbreviation or initial."""
    m = _WORD_BEFORE.search(text, max(0, end - 30), end)
    word = m.group(1).lstrip("\"'“‘([").lower() if m else ""
    if "." in word:  # U.S., e.g. -- but not 3.5
        return not word.replace(".", "").isdigit()
    return (len(word) == 1 and word.isalpha()) or word in _abbreviations()


def rule_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of text[start:end] by rule, in linear time: cut after a likely
    end unless the word before it is an abbreviation ("Gen.", "U.S.", "J.")."""
    spans, pos = [], start
    for m in _LIKELY_END.finditer(text, start, end):
        stop = m.start()
        if text[stop] == "." and _is_abbreviation(text, stop):
            continue
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, end))
    return [t for s, e in spans if (t := _trim(text, s, e))]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    chunk = text[start:end]
    if not chunk.strip():
        return None
    lead = len(chunk) - len(chunk.lstrip())
    return start + lead, start + len(chunk.rstrip())


def pieces(text: str, start: int, end: int, limit: int = MAX_PIECE) -> list[tuple[int, int]]:
    """Cut text[start:end] into spans of at most ``limit`` characters, at a
    likely sentence end where there is one, else at white space."""
    out = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = max((m.end() for m in _LIKELY_END.finditer(window, limit // 4)), default=0)
        if not cut:
            cut = window.rfind(" ", limit // 4) + 1 or limit
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


def _locate(text: str, seg: str, pos: int, end: int) -> tuple[int, int] | None:
    seg = seg.strip()
    if not seg:
        return None
    i = text.find(seg, pos, end)
    if i >= 0:
        return i, i + len(seg)
    words = seg.split()
    m = re.compile(r"\s+".join(map(re.escape, words))).search(text, pos, end)
    return (m.start(), m.end()) if m else None


def _pysbd_segments(text: str) -> list[str]:
    """``pysbd.Segmenter(language="en", clean=False).segment(text)`` (the tests compare
    the two): its sentences, each with the white space after it.

    pysbd finds where each sentence is with ``re.finditer(re.escape(sentence) + r"\\s*")``
    from the start of the text: a pattern compiled for every sentence, which also pushes
    pysbd's own abbreviation patterns out of ``re``'s cache of 512, so they are compiled
    again and again (most of pysbd's time). The same search, with ``str.find``: the
    first non-overlapping occurrence that ends after the previous sentence's end.
    """
    seg = _segmenter()
    if not text:
        return []
    seg.original_text = text
    out, prior_end = [], 0
    for sent in seg.processor(text).process():
        if not sent:  # an empty pattern matches everywhere: pysbd's own search
            out.extend(s.sent for s in seg.sentences_with_char_spans([sent]))
            continue
        pos = 0
        while (i := text.find(sent, pos)) >= 0:
            stop = i + len(sent)
            while stop < len(text) and text[stop].isspace():  # re's \\s: str.isspace
                stop += 1
            if stop > prior_end:
                out.append(text[i:stop])
                prior_end = stop
                break
            pos = stop
    return out


def _pysbd_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    try:
        segments = _pysbd_segments(text[start:end])
    except Exception:  # pysbd has crashed on odd text: never fail a load for it
        return rule_split(text, start, end)
    spans, pos = [], start
    for seg in segments:
        found = _locate(text, seg, pos, end)
        if found:
            spans.append(found)
            pos = found[1]
    rest = _trim(text, pos, end)  # pysbd dropped or altered text: keep it as a sentence
    return [*spans, rest] if rest else spans


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], white space trimmed.

    A newline inside the span is a soft wrap, not a sentence end: pysbd (and
    the rule) see it as a space (same length, so the offsets hold for ``text``).
    """
    flat = text[start:end].replace("\n", " ")
    if len(flat) > MAX_PYSBD:
        spans = rule_split(flat, 0, len(flat))
    else:
        spans = [span for p_start, p_end in pieces(flat, 0, len(flat))
                 for span in _pysbd_split(flat, p_start, p_end)]
    return [(s + start, e + start) for s, e in spans]
