"""Sentence boundaries with pysbd, as character offsets.

pysbd knows abbreviations ("Sept. 13", "U.S.", "U.N." end no sentence) but
its time grows faster than linearly with the length of what it is given, so
a long paragraph is fed to it in bounded pieces cut at a likely sentence end.
"""

from __future__ import annotations

import re
from functools import lru_cache

MAX_PIECE = 2000  # characters given to pysbd at once
_LIKELY_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


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


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end], white space trimmed.

    A newline inside the span is a soft wrap, not a sentence end: pysbd sees
    it as a space (same length, so the offsets hold for ``text``).
    """
    flat = text[start:end].replace("\n", " ")
    spans: list[tuple[int, int]] = []
    for p_start, p_end in pieces(flat, 0, len(flat)):
        pos = p_start
        for seg in _segmenter().segment(flat[p_start:p_end]):
            found = _locate(flat, seg, pos, p_end)
            if found:
                spans.append(found)
                pos = found[1]
        rest = flat[pos:p_end]
        if rest.strip():  # pysbd dropped or altered text: keep it as a sentence
            lead = len(rest) - len(rest.lstrip())
            spans.append((pos + lead, pos + len(rest.rstrip())))
    return [(s + start, e + start) for s, e in spans]
