"""The learned scorer's span scores (``spans.linear_scores``) with the question-free work done once a sentence.

A sentence's candidate spans and every part of their rows that no question
changes (length bucket, place in the sentence, capitals, content words, the
"holds" block's other classes) are kept in a ``Table``, cached by the sentence's
text (the same sentences are cited question after question); the spans and
where each reads the token values come from one grid for all sentences up to a
capacity (``_grid``: a sentence's spans are a gather of its rows).
Per question only the question's columns are filled in: the tokens that hold a
question term or the "what X" word, and what follows from where they stand;
every per-token value a span reads is gathered in one lookup. The
floating-point operations are ``spans.linear_scores``'s, on arrays of the same
shapes, layouts and values (the same matrix products), so the scores are the
same bit for bit (tests/test_spanscore.py compares them).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .spans import _ANY, _CLOSERS, _F, _OPENERS, MAX_WORDS, WINDOW, _lengths, sentence_tokens, term_set

_ASKED, _HEAD, _CAP, _CONTENT, _PUNCT = _F["asked"], _F["head"], _F["cap"], _F["content"], _F["punct"]
_ANY_AT = np.array(_ANY)
_ANY_ASKED, _ANY_HEAD = _ANY.index(_ASKED), _ANY.index(_HEAD)
_PLACE_WIDTH = 18
_EDGE_MARKS = _OPENERS | _CLOSERS
# Rows of a span's lookups into a question's token values (``scores``): share sums after and at the span,
# its four edge rows' scores, the asked running sums at the ends and starts of five ranges (before it within
# WINDOW, after it within WINDOW, one or two before, one or two after, inside it), whether the words just
# outside it are asked, and 1 / the distance to the nearest asked word before and after it.
_AFTER, _AT, _EDGES, _ENDS, _STARTS = 0, 1, range(2, 6), slice(6, 11), slice(11, 16)
_BEFORE_ASKED, _AFTER_ASKED, _LEFT, _RIGHT = 16, 17, 18, 19
# Where each lookup row's block of the token values starts in a sentence of w words: a * w + b (share sums:
# w + 1 values, edge scores 4 (w + 2), marks w + 2, asked running sums WINDOW + w + 1 + WINDOW (_PAD, the
# sums, _totals), left and right w).
_BLOCK_AT = np.array([(0, 0)] * 2 + [(1, 1)] * 4 + [(6, 11)] * 10 + [(5, 9)] * 2 + [(7, 22), (8, 22)])
_SMALLEST = 64  # words: the smallest grid; a longer sentence's grid is the next power of two
_KEPT = 512  # words: grids up to this size are cached (~3.7 KB a word); a longer one is built for its sentence


class _Grid(NamedTuple):
    """Every (first, last) of up to MAX_WORDS words with first below a capacity, in ``spans.spans``'s order (a
    sentence of w words reads the first w * MAX_WORDS), and what follows from first and last alone."""

    first: np.ndarray
    last: np.ndarray
    spans: np.ndarray  # rows: the lookups from the start of each one's block; first, last, size, length, last + 1, 2
    place: np.ndarray  # the place block's columns no sentence changes: first word, log of the size


_LOOKUPS = 20


def _grid(words: int) -> _Grid:
    """The grid that holds a sentence of ``words`` words."""
    capacity = _SMALLEST
    while capacity < words:
        capacity *= 2
    return _cached_grid(capacity) if capacity <= _KEPT else _build_grid(capacity)


def _build_grid(capacity: int) -> _Grid:
    first = np.repeat(np.arange(capacity), MAX_WORDS)
    last = first + np.tile(np.arange(MAX_WORDS), capacity)
    size = last - first + 1
    cum = WINDOW  # the running sums' block opens with WINDOW zeros: a range's start clipped at 0 reads one
    spans = np.stack([
        last + 1, first, (first + 1) * 4, (last + 1) * 4 + 1, first * 4 + 2, (last + 2) * 4 + 3,
        cum + first, cum + last + 1 + WINDOW, cum + first, cum + last + 3, cum + last + 1,
        cum + first - WINDOW, cum + last + 1, cum + first - 2, cum + last + 1, cum + first,
        first, last + 2, first, last,
        first, last, size, _lengths(first, last), last + 1, last + 2])
    place = np.zeros((len(first), _PLACE_WIDTH))
    place[:, 0], place[:, 12] = first == 0, np.log(size.astype(float))  # np.log is the same a value wherever
    for array in (first, last, spans, place):
        array.flags.writeable = False
    return _Grid(first, last, spans, place)


_cached_grid = lru_cache(maxsize=4)(_build_grid)  # 64, 128, 256, 512 words: ~3.6 MB if all are used


class Table(NamedTuple):
    """A sentence's candidate spans (``first``, ``last``: ``spans.spans``) and the parts of their rows no
    question changes."""

    words: tuple[str, ...]
    rows: np.ndarray  # token rows, padded, the question's columns 0 (spans.sentence_tokens)
    sums: np.ndarray  # their running sums (spans._cumulative)
    first: np.ndarray
    last: np.ndarray
    lookups: np.ndarray  # the spans' lookups into a question's token values (scores)
    size: np.ndarray  # words a span
    lengths: np.ndarray  # length bucket a span
    holds: np.ndarray  # the "holds" block (bool, spans._ANY), the question's columns False
    place: np.ndarray  # the place block (spans._place) as it is when no token is asked
    content: np.ndarray  # content words a span
    spread: np.ndarray  # content words a span, at least 1 (the share of them asked divides by it)
    all_caps: np.ndarray  # whether all a span's words are capitalised
    terms: tuple[frozenset[str], ...]  # each token's index terms (spans.term_set)


@lru_cache(maxsize=64)  # ~70 KB a SQuAD sentence (~200 spans): ~5 MB; an answer cites the same article's sentences
def table(text: str) -> Table | None:
    """``text``'s Table, or None when it has no candidate span."""
    _, words, rows = sentence_tokens(text)
    count = len(words)
    grid = _grid(count)
    opens, closes = _edges(words, rows)
    end = count * MAX_WORDS
    kept = (opens.take(grid.first[:end]) & closes.take(grid.last[:end])).nonzero()[0]
    if not len(kept):
        return None
    spans = grid.spans[:, kept]  # (indexing: faster than take along the second axis)
    lookups, (first, last, size, lengths, after, beyond) = spans[:_LOOKUPS], spans[_LOOKUPS:]
    lookups += _block_starts(count)
    sums = np.add.accumulate(rows[:-1], axis=0)  # spans._cumulative: row t sums the tokens before t
    sums.flags.writeable = False
    inside = sums.take(after, axis=0) - sums.take(first, axis=0)  # whole counts: exact in any order
    content, caps = inside[:, _CONTENT], inside[:, _CAP]
    all_caps = caps == size
    place = grid.place.take(kept, axis=0)  # spans._place with no token asked; its other columns are 0
    words_ = max(count, 1)
    # assignments rather than ufuncs with out=: casting to the column's type would go through a buffered iterator
    place[:, 1], place[:, 10], place[:, 11] = last == count - 1, first / words_, size / words_
    uncapped = rows[:, _CAP] == 0
    place[:, 16] = (caps > 0) & uncapped.take(first) & uncapped.take(beyond)  # a whole run of capitals
    place[:, 17] = all_caps
    place.flags.writeable = False
    return Table(words, rows, sums, first, last, lookups, size, lengths, inside[:, _ANY_AT] > 0, place, content,
                 np.maximum(content, 1.0), all_caps, tuple(map(term_set, words)))


@lru_cache(maxsize=1024)
def _block_starts(words: int) -> np.ndarray:
    """Where each lookup row's block of token values starts in a sentence of ``words`` words (a column)."""
    return _BLOCK_AT[:, :1] * words + _BLOCK_AT[:, 1:]


def any_span(words: tuple[str, ...]) -> bool:
    """Whether a sentence of ``words`` has a candidate span (``table`` is not None), without building its table."""
    return any(w[:1].isalnum() for w in words) or any(
        w in _OPENERS and not _CLOSERS.isdisjoint(words[k:k + MAX_WORDS]) for k, w in enumerate(words))


def _edges(words: tuple[str, ...], rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Whether each word may open a span, and whether it may close one (MAX_WORDS False after the last): a
    word, or a currency sign before a number, a per cent sign after one."""
    opens = rows[1:-1, _PUNCT] == 0  # the word starts with a letter or digit
    closes = np.zeros(len(words) + MAX_WORDS, dtype=bool)
    closes[:len(words)] = opens
    if not _EDGE_MARKS.isdisjoint(words):
        opens |= [w in _OPENERS for w in words]
        closes[:len(words)] |= [w in _CLOSERS for w in words]
    return opens, closes


def marked(t: Table, terms: Iterable[str]) -> list[int]:
    """The tokens (in order) that hold one of ``terms`` (words only: a mark's terms, as "™"'s, are not read)."""
    terms = frozenset(terms)
    if not terms:
        return []
    return [k for k, held in enumerate(t.terms) if not held.isdisjoint(terms) and t.words[k][:1].isalnum()]


def scores(t: Table, asked: list[int], head: list[int],
           blocks: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """(``spans.linear_scores`` of the sentence's spans with the tokens ``asked`` and ``head`` marked "asked"
    and "head", whether each span's content words are all asked: ``spans.only_asked``)."""
    w_len, w_share, w_any, edge_weights, w_place = blocks
    words = len(t.words)
    flags, sums, holds = t.rows.copy(), t.sums.copy(), t.holds
    if head:
        _mark(flags, sums, head, _HEAD)
        holds = holds.copy()
        holds[:, _ANY_HEAD] = sums[t.last + 1, _HEAD] - sums[t.first, _HEAD] > 0
    if asked:
        _mark(flags, sums, asked, _ASKED)
    share = sums @ w_share
    found = np.concatenate([share, (flags @ edge_weights).ravel(), flags[:, _ASKED], _PAD, sums[:, _ASKED],
                            _totals(len(asked)), _distances(asked, words)]).take(t.lookups)
    near = found[_ENDS] - found[_STARTS]  # asked words before, after, one or two before, ... after, inside
    if asked:
        holds = holds.copy() if holds is t.holds else holds
        holds[:, _ANY_ASKED] = near[4] > 0
    out = w_len.take(t.lengths) + (found[_AFTER] - found[_AT]) / t.size + holds @ w_any
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
    only = (held >= t.content) & (t.content > 0)
    # one column an operation, written in place (a two-column view is slower on a few hundred spans)
    place[:, 2], place[:, 3] = found[_LEFT], found[_RIGHT]
    np.maximum(found[_LEFT], found[_RIGHT], out=place[:, 4])
    np.divide(near[0], asked, out=place[:, 5])
    np.divide(near[1], asked, out=place[:, 6])
    place[:, 7] = 1.0
    np.divide(held, t.spread, out=place[:, 8])
    place[:, 9] = only
    np.multiply(found[_BEFORE_ASKED], found[_AFTER_ASKED], out=place[:, 13])
    place[:, 14], place[:, 15] = near[2] > 0, near[3] > 0
    place[:, 17] = t.all_caps & (held == 0)
    return place, only


_INVERSES = [1.0 / d for d in range(1, 1 << 12)]  # 1 / a distance in words (Python's division is numpy's)


def _mark(flags: np.ndarray, sums: np.ndarray, tokens: list[int], column: int) -> None:
    """Marks ``tokens`` in ``column`` of the token rows ``flags`` and of their running sums ``sums``."""
    flags[np.add(tokens, 1), column] = 1.0
    np.add.accumulate(flags[:-1, column], out=sums[:, column])  # whole counts: exact


_PAD = np.zeros(WINDOW)  # the asked running sums before the first token: a range's start clipped at 0 reads them


@lru_cache(maxsize=64)
def _totals(asked: int) -> np.ndarray:
    """The asked running sums after the last token (a range's end clipped at the sentence's end reads them)."""
    return np.full(WINDOW, float(asked))


def _distances(asked: list[int], words: int) -> np.ndarray:
    """For each token as a span's first word, 1 / the distance to the nearest asked token before it (0: none);
    then for each as its last word, 1 / the distance to the nearest one after it (``spans._nearest``)."""
    left, right = [0.0] * words, [0.0] * words
    inverses = _INVERSES if words <= len(_INVERSES) else [1.0 / d for d in range(1, words + 1)]
    for k, at in enumerate(asked):
        end = asked[k + 1] if k + 1 < len(asked) else words - 1  # the tokens after ``at`` up to the next asked one
        left[at + 1:end + 1] = inverses[:end - at]
        start = asked[k - 1] if k else 0  # the tokens from the asked one before ``at`` up to it
        if at > start:
            right[start:at] = inverses[at - start - 1::-1]
    return np.array(left + right)
