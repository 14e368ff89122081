"""The learned scorer's span scores (``spans.linear_scores``) with the question-free work done once a sentence.

A sentence's candidate spans and every part of their rows that no question
changes (length bucket, place in the sentence, capitals, content words, the
"holds" block's other classes) are kept in a ``Table``, cached by the sentence's
text (the same sentences are cited question after question); which token rows
each span reads depends only on the sentence's length and is kept once a length.
Per question only the question's columns are filled in: the tokens that hold a
question term or the "what X" word, and what follows from where they stand;
every per-token value a span reads is gathered in one lookup. The
floating-point operations are ``spans.linear_scores``'s, on arrays of the same
shapes, layouts and values (the same matrix products), so the scores are the
same bit for bit (tests/test_spanscore.py compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .spans import _ANY, _CLOSERS, _F, _OPENERS, MAX_WORDS, WINDOW, _lengths, sentence_tokens, term_set

_ASKED, _HEAD, _CAP, _CONTENT = _F["asked"], _F["head"], _F["cap"], _F["content"]
_ANY_AT = np.array(_ANY)
_ANY_ASKED, _ANY_HEAD = _ANY.index(_ASKED), _ANY.index(_HEAD)
_PLACE_WIDTH = 18
# Rows of a span's lookups into a question's token values (``_lookups``): share sums after and at the span,
# its four edge rows' scores, the asked running sums at the ends and starts of five ranges (before it within
# WINDOW, after it within WINDOW, one or two before, one or two after, inside it), whether the words just
# outside it are asked, and 1 / the distance to the nearest asked word before and after it.
_AFTER, _AT, _EDGES, _ENDS, _STARTS = 0, 1, range(2, 6), slice(6, 11), slice(11, 16)
_BEFORE_ASKED, _AFTER_ASKED, _LEFT, _RIGHT = 16, 17, 18, 19


@lru_cache(maxsize=32)  # sentence lengths: ~1.9 KB a word (~55 KB for 30 words)
def _grid(words: int) -> tuple[np.ndarray, ...]:
    """Every (first, last) of up to MAX_WORDS words in a sentence of ``words`` words, in ``spans.spans``'s
    order: first, last, last clipped to the sentence (for the closing test), whether last is inside, the
    lookups into a question's token values (``_values``)."""
    first = np.repeat(np.arange(words), MAX_WORDS)
    last = first + np.tile(np.arange(MAX_WORDS), words)
    edge, cum, marks, near = words + 1, 5 * words + 9, 6 * words + 10, 7 * words + 12
    lookups = np.stack([
        last + 1, first,
        edge + (first + 1) * 4, edge + (last + 1) * 4 + 1, edge + first * 4 + 2, edge + (last + 2) * 4 + 3,
        cum + first, cum + np.minimum(last + 1 + WINDOW, words), cum + first, cum + np.minimum(last + 3, words),
        cum + last + 1,
        cum + np.maximum(first - WINDOW, 0), cum + last + 1, cum + np.maximum(first - 2, 0), cum + last + 1,
        cum + first,
        marks + first, marks + last + 2, near + first, near + words + last])
    return first, last, np.minimum(last, words), last < words, lookups


def _values(share: np.ndarray, edge: np.ndarray, cum: np.ndarray, marks: np.ndarray,
            near: np.ndarray) -> np.ndarray:
    """A question's token values in the order ``_grid``'s lookups read them."""
    return np.concatenate([share, edge.ravel(), cum, marks, near])


@dataclass(frozen=True, eq=False)
class Table:
    """A sentence's candidate spans (``first``, ``last``: ``spans.spans``) and the parts of their rows no
    question changes."""

    words: tuple[str, ...]
    rows: np.ndarray  # token rows, padded, the question's columns 0 (spans.sentence_tokens)
    sums: np.ndarray  # their running sums (spans._cumulative)
    first: np.ndarray
    last: np.ndarray
    lookups: np.ndarray  # the spans' lookups into a question's token values (_grid)
    size: np.ndarray  # words a span
    lengths: np.ndarray  # length bucket a span
    holds: np.ndarray  # the "holds" block (bool, spans._ANY), the question's columns False
    place: np.ndarray  # the place block (spans._place) as it is when no token is asked
    content: np.ndarray  # content words a span
    terms: dict[str, tuple[int, ...]]  # index term -> the tokens that hold it


@lru_cache(maxsize=64)  # ~70 KB a SQuAD sentence (~200 spans): ~5 MB; an answer cites the same article's sentences
def table(text: str) -> Table | None:
    """``text``'s Table, or None when it has no candidate span."""
    _, words, rows = sentence_tokens(text)
    first, last, last_in, inside, lookups = _grid(len(words))
    opens = np.array([w[:1].isalnum() or w in _OPENERS for w in words] + [False], dtype=bool)
    closes = np.array([w[:1].isalnum() or w in _CLOSERS for w in words] + [False], dtype=bool)
    keep = inside & opens[first] & closes[last_in]
    if not keep.any():
        return None
    first, last = first[keep], last[keep]
    lookups = np.ascontiguousarray(lookups[:, keep])  # rows of the lookups: C order keeps them contiguous
    sums = np.cumsum(rows[:-1], axis=0)  # spans._cumulative: row t sums the tokens before t
    sums.flags.writeable = False
    content = sums[last + 1, _CONTENT] - sums[first, _CONTENT]
    held = sums[:, _ANY_AT]
    return Table(words, rows, sums, first, last, lookups, last - first + 1, _lengths(first, last),
                 (held[last + 1] - held[first]) > 0, _no_question(rows, sums, first, last), content,
                 _term_tokens(words))


def _term_tokens(words: tuple[str, ...]) -> dict[str, tuple[int, ...]]:
    """Each index term of the sentence's words -> the tokens that hold it (``spans.token_flags``'s "asked")."""
    found: dict[str, list[int]] = {}
    for k, word in enumerate(words):
        if word[:1].isalnum():
            for term in term_set(word):
                found.setdefault(term, []).append(k)
    return {t: tuple(ks) for t, ks in found.items()}


def _no_question(rows: np.ndarray, sums: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """``spans._place`` of the spans when no token is asked: its question-free columns are these for any question."""
    words = len(rows) - 2
    n = (last - first + 1).astype(float)
    cap = rows[:, _CAP]
    caps = sums[last + 1, _CAP] - sums[first, _CAP]
    place = np.zeros((len(first), _PLACE_WIDTH))
    place[:, 0], place[:, 1] = first == 0, last == words - 1
    place[:, 10], place[:, 11], place[:, 12] = first / max(words, 1), n / max(words, 1), np.log(n)
    place[:, 16] = (caps > 0) & (cap[first] == 0) & (cap[last + 2] == 0)
    place[:, 17] = caps == n
    place.flags.writeable = False
    return place


def marked(t: Table, terms: Iterable[str]) -> list[int]:
    """The tokens (in order) that hold one of ``terms``."""
    found: set[int] = set()
    for term in terms:
        found.update(t.terms.get(term, ()))
    return sorted(found)


def scores(t: Table, asked: list[int], head: list[int],
           blocks: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(``spans.linear_scores`` of the sentence's spans with the tokens ``asked`` and ``head`` marked "asked"
    and "head", whether each span's content words are all asked: ``spans.only_asked``)."""
    w_len, w_share, w_any, edge_weights, w_place = blocks
    flags, sums, holds = t.rows.copy(), t.sums.copy(), t.holds
    if head:
        flags[np.add(head, 1), _HEAD] = 1.0
        sums[:, _HEAD] = _running(head, len(t.words))
        holds = holds.copy()
        holds[:, _ANY_HEAD] = sums[t.last + 1, _HEAD] - sums[t.first, _HEAD] > 0
    if asked:
        flags[np.add(asked, 1), _ASKED] = 1.0
        sums[:, _ASKED] = _running(asked, len(t.words))
    share = sums @ w_share
    found = _values(share, flags @ edge_weights, sums[:, _ASKED], flags[:, _ASKED],
                    _distances(asked, len(t.words)))[t.lookups]
    near = found[_ENDS] - found[_STARTS]  # asked words before, after, one or two before, ... after, inside
    if asked:
        holds = holds.copy() if holds is t.holds else holds
        holds[:, _ANY_ASKED] = near[4] > 0
    out = w_len[t.lengths] + (found[_AFTER] - found[_AT]) / t.size + holds @ w_any
    for row in _EDGES:  # first word, last word, the word before, the word after: added in that order
        out += found[row]
    if not asked:
        out += t.place @ w_place
        return out, np.zeros(len(out), dtype=bool)
    place, only = _place(t, found, near, len(asked))
    out += place @ w_place
    return out, only


def _place(t: Table, found: np.ndarray, near: np.ndarray, asked: int) -> tuple[np.ndarray, np.ndarray]:
    """The place block of the spans' rows (``spans._place``) and ``spans.only_asked``, from the spans' lookups
    ``found``, their ``near`` differences and the number of asked tokens."""
    place = t.place.copy()
    held = near[4]
    only = (t.content > 0) & (held >= t.content)
    place[:, 2], place[:, 3] = found[_LEFT], found[_RIGHT]
    place[:, 4] = np.maximum(found[_LEFT], found[_RIGHT])
    place[:, 5], place[:, 6], place[:, 7] = near[0] / asked, near[1] / asked, 1.0
    place[:, 8], place[:, 9] = held / np.maximum(t.content, 1.0), only
    place[:, 13] = found[_BEFORE_ASKED] * found[_AFTER_ASKED]
    place[:, 14], place[:, 15] = near[2] > 0, near[3] > 0
    place[:, 17] = (t.place[:, 17] > 0) & (held == 0)
    return place, only


_INVERSES = [1.0 / d for d in range(1, 1 << 12)]  # 1 / a distance in words (Python's division is numpy's)


def _running(marks: list[int], words: int) -> list[int]:
    """How many of the tokens ``marks`` come before each token and after the last (spans._cumulative's column)."""
    out = [0] * (words + 1)
    for k, at in enumerate(marks, 1):
        out[at + 1:] = [k] * (words - at)
    return out


def _distances(asked: list[int], words: int) -> np.ndarray:
    """For each token as a span's first word, 1 / the distance to the nearest asked token before it (0: none);
    then for each as its last word, 1 / the distance to the nearest one after it (``spans._nearest``)."""
    left, right = [0.0] * words, [0.0] * words
    for k, at in enumerate(asked):
        end = asked[k + 1] if k + 1 < len(asked) else words - 1  # the tokens after ``at`` up to the next asked one
        left[at + 1:end + 1] = _INVERSES[:end - at]
        start = asked[k - 1] if k else 0  # the tokens from the asked one before ``at`` up to it
        if at > start:
            right[start:at] = _INVERSES[at - start - 1::-1]
    return np.array(left + right)
