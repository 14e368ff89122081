"""Candidate spans of a sentence and their rows of numbers (the short answer's evidence).

A sentence is cut into words and marks (``tokens``); each word gets a row of
classes (``FLAGS``: capital, digit, month, function word, question word, ...).
The candidates are the spans of up to ``MAX_WORDS`` words with no mark at an
edge (``spans``); a span's row (``span_rows``) is built from running sums of
the word rows: its length bucket, the share of its words of each class, which
classes it holds, the classes of its edge words and of the words just outside
it, and where it stands against the question's words. ``linear_scores`` gives
``span_rows(...) @ w`` a token block at a time, without building the rows.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Collection
from functools import lru_cache

import numpy as np

from .analysis import STOPWORDS, fragment_terms
from .lazyre import LazyRegex

MAX_WORDS = 10  # SQuAD: 97% of answers are at most 10 words




# --- words and their classes ---------------------------------------------------------------------

_TOKEN = LazyRegex(r"\d+(?:[.,:]\d+)*|[^\W_]+(?:['’.\-][^\W_]+)*|[^\w\s]")
_MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday""".split())
_NUMBERS = frozenset("""one two three four five six seven eight nine ten eleven twelve thirteen fifteen twenty
thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen half
several once twice first second third""".split())
_PREPS = frozenset("""in on at by from to of for with during since after before until between into through
about against among across within without under over near via per than as""".split())
_DETS = frozenset("a an the this that these those its their his her our my your some any each every".split())
_CONJ = frozenset("and or but while although though which who whom whose that where when because if".split())
_VERBS = frozenset("""is are was were be been being has have had do does did will would can could may might
shall should must""".split())
_UNITS = frozenset("""% $ £ € percent cent km mile miles meter meters metre metres feet foot year years month months
week weeks day days hour hours minute minutes second seconds dollars euros pounds tons tonnes""".split())
_PAUSES = frozenset(",;:()[]\"“”—–-")
FLAGS = ("cap", "digit", "number", "month", "year", "stop", "punct", "asked", "prep", "det", "conj", "verb",
         "pause", "unit", "content", "head", "ed", "ing", "ly")


_ROWS: dict[str, bytes] = {}  # word -> _flag_row: a plain dict, read by map(dict.get) (no call a word)
_MAX_ROWS = 65536  # words; the dict is emptied when full (a long batch's vocabulary does not pile up)


def _flag_row(word: str) -> bytes:
    """``_flags`` of a word after the first as the bytes of a float64 row (cached: words recur; a sentence's
    rows are joined bytes)."""
    row = _ROWS.get(word)
    if row is None:
        if len(_ROWS) >= _MAX_ROWS:
            _ROWS.clear()
        row = _ROWS[word] = array("d", _flags(word, False)).tobytes()
    return row


def _word_rows(words: tuple[str, ...]) -> list[bytes]:
    """``_flag_row`` of each word: the cached ones found in C, the others made."""
    rows = list(map(_ROWS.get, words))
    if None in rows:
        rows = [row or _flag_row(word) for row, word in zip(rows, words)]
    return rows


@lru_cache(maxsize=4096)
def _first_row(word: str) -> bytes:
    """``_flag_row`` of a sentence's first word (no capital counted)."""
    return array("d", _flags(word, True)).tobytes()


def _flags(word: str, first: bool) -> tuple[bool, ...]:
    """The classes of one word, its index terms aside (bools: the row's array turns them into 1.0 and 0.0)."""
    low = word.lower()
    alpha = word[:1].isalpha()
    parts = low.split("-")  # "five-hour": a number and a unit
    return (alpha and word[:1].isupper() and not first,
            not word.isalpha() and any(c.isdigit() for c in word),  # a letter is never a digit
            not _NUMBERS.isdisjoint(parts), low.rstrip(".") in _MONTHS,
            len(word) == 4 and word.isdigit() and word[:2] in ("15", "16", "17", "18", "19", "20"),
            low in STOPWORDS, not word[:1].isalnum(), False, low in _PREPS,
            low in _DETS, low in _CONJ, low in _VERBS, word in _PAUSES,
            not _UNITS.isdisjoint(parts), alpha and low not in STOPWORDS, False,
            alpha and low.endswith("ed"), alpha and low.endswith("ing"), alpha and low.endswith("ly"))


def terms_of(text: str) -> frozenset[str]:
    """``frozenset(tokenize(text))``, not through tokenize's cache of whole texts: the short answer's words
    and question fragments would push the sentences other stages look up out of it."""
    return frozenset(fragment_terms(text))


@lru_cache(maxsize=65536)
def term_set(word: str) -> frozenset[str]:
    """The index terms of one word (cached: words recur)."""
    return terms_of(word)


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word or mark of ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


_BLANK_ROW = bytes(8 * len(FLAGS))
_BLANK = np.frombuffer(_BLANK_ROW * 2)


_CONTROLS = LazyRegex(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?|[\x00-\x1f\x7f-\x9f]")


@lru_cache(maxsize=4096)
def sentence_tokens(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[str, ...], np.ndarray]:
    """A sentence's token places, words and ``FLAGS`` rows (the question's columns left 0), padded by
    a blank row each side (a span's outside neighbours); cached: sentences recur across questions."""
    if not text.isprintable():  # a control character or sequence: blanked, offsets kept
        places = tuple(tokens(_CONTROLS.sub(lambda m: " " * len(m.group()), text)))
        words = tuple(text[s:e] for s, e in places)
    else:
        found = list(_TOKEN.finditer(text))
        places, words = tuple(map(re.Match.span, found)), tuple(map(re.Match.group, found))
    rows = _BLANK
    if words:
        rows = np.frombuffer(b"".join([_BLANK_ROW, _first_row(words[0]), *_word_rows(words[1:]), _BLANK_ROW]))
    return places, words, rows.reshape(len(places) + 2, len(FLAGS))  # read-only: a view of the joined bytes


def _named(words: tuple[str, ...], asked: Collection[str], aliases: Callable[[str], frozenset[str]]) -> list[bool]:
    """Whether each word is in a run of capitalised words that names someone the question names
    in another form ("Jong Un" when "Kim" is asked): ``aliases(run)`` gives the terms it stands for."""
    out = [False] * len(words)
    n = 0
    while n < len(words):
        end = n
        while end < len(words) and words[end][:1].isupper():
            end += 1
        if end > n and aliases(" ".join(words[n:end])) & frozenset(asked):
            out[n:end] = [True] * (end - n)
        n = max(end, n + 1)
    return out


def token_flags(text: str, asked: Collection[str], head: Collection[str],
                aliases: Callable[[str], frozenset[str]] | None = None) -> np.ndarray:
    """One row of ``FLAGS`` a token, padded; "asked": the token holds a question term (or names,
    by ``aliases``, someone the question names), "head": the question's "what X" word."""
    _, words, base = sentence_tokens(text)
    rows = base.copy()
    terms = [term_set(w) if w[:1].isalnum() else frozenset() for w in words]
    rows[1:-1, 7] = [bool(t & asked) for t in terms]
    if aliases is not None:
        rows[1:-1, 7] = np.maximum(rows[1:-1, 7], _named(words, asked, aliases))
    if head:
        rows[1:-1, 15] = [bool(t & head) for t in terms]
    return rows


# --- spans and their rows -------------------------------------------------------------------------

_F = {name: n for n, name in enumerate(FLAGS)}
_SHARES = [_F[n] for n in ("cap", "digit", "number", "month", "year", "stop", "asked", "prep", "det", "verb",
                           "content", "head", "ed", "ing", "ly")]
_ANY = [_F[n] for n in ("cap", "digit", "number", "month", "year", "asked", "pause", "verb", "conj", "head", "unit")]
_FIRST = [_F[n] for n in ("cap", "stop", "prep", "det", "conj", "verb", "asked", "digit", "content", "ing", "ed",
                          "number", "month")]
_LAST = [_F[n] for n in ("cap", "stop", "prep", "det", "conj", "verb", "asked", "digit", "content", "unit", "number",
                         "ed", "ing", "ly", "month", "year")]
_OUTSIDE = [_F[n] for n in ("cap", "stop", "prep", "det", "conj", "verb", "asked", "pause", "digit", "content",
                            "punct", "head", "unit", "number", "month")]
_OPENERS, _CLOSERS = frozenset("$£€"), frozenset("%")
WINDOW = 5  # words each side of a span in which question words count


@lru_cache(maxsize=4096)
def spans(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Token ranges (first, last) of the candidate spans: up to MAX_WORDS words, no mark at an edge."""
    _, words, _ = sentence_tokens(text)
    opens = np.array([w[:1].isalnum() or w in _OPENERS for w in words] + [False], dtype=bool)
    closes = np.array([w[:1].isalnum() or w in _CLOSERS for w in words] + [False], dtype=bool)
    first = np.repeat(np.arange(len(words)), MAX_WORDS)
    last = first + np.tile(np.arange(MAX_WORDS), len(words))
    last_ok = np.minimum(last, len(words))
    keep = (last < len(words)) & opens[first] & closes[last_ok]
    return first[keep], last[keep]


def _nearest(asked_at: np.ndarray, first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """1 / the distance (in words) from each span to the nearest question word left of it, and right of it (0: none)."""
    if not len(asked_at):
        return np.zeros(len(first)), np.zeros(len(first))
    left = np.searchsorted(asked_at, first) - 1
    right = np.searchsorted(asked_at, last, side="right")
    inv_left = np.where(left >= 0, 1.0 / np.maximum(first - asked_at[np.maximum(left, 0)], 1), 0.0)
    ahead = np.minimum(right, len(asked_at) - 1)
    inv_right = np.where(right < len(asked_at), 1.0 / np.maximum(asked_at[ahead] - last, 1), 0.0)
    return inv_left, inv_right


def _cumulative(flags: np.ndarray) -> np.ndarray:
    """Running sums of the token rows: a span's sums are two lookups."""
    return np.vstack([np.zeros(flags.shape[1]), np.cumsum(flags[1:-1], axis=0)])


def _place(flags: np.ndarray, sums: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """The columns of a span's row about where it stands (the last block of span_rows)."""
    words = len(flags) - 2
    n = (last - first + 1).astype(float)
    asked_at = np.flatnonzero(flags[1:-1, _F["asked"]])
    cum = sums[:, _F["asked"]]
    inv_left, inv_right = _nearest(asked_at, first, last)
    total = max(len(asked_at), 1)
    near_left = (cum[first] - cum[np.maximum(first - WINDOW, 0)]) / total
    near_right = (cum[np.minimum(last + 1 + WINDOW, words)] - cum[last + 1]) / total
    content = sums[last + 1, _F["content"]] - sums[first, _F["content"]]
    held = cum[last + 1] - cum[first]
    asked, cap = flags[:, _F["asked"]], flags[:, _F["cap"]]
    caps = sums[last + 1, _F["cap"]] - sums[first, _F["cap"]]
    return np.stack([first == 0, last == words - 1, inv_left, inv_right, np.maximum(inv_left, inv_right),
                     near_left, near_right, np.full(len(n), float(len(asked_at) > 0)),
                     held / np.maximum(content, 1.0), (content > 0) & (held >= content),
                     first / max(words, 1), n / max(words, 1), np.log(n),
                     asked[first] * asked[last + 2],  # a gap between two question words
                     (cum[first] - cum[np.maximum(first - 2, 0)]) > 0,  # a question word one or two words before
                     (cum[np.minimum(last + 3, words)] - cum[last + 1]) > 0,  # ... or after
                     (caps > 0) & (cap[first] == 0) & (cap[last + 2] == 0),  # a whole run of capitals
                     (caps == n) & (held == 0)], axis=1)  # all capitals, none asked


def only_asked(flags: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Whether each span's content words are all question words."""
    sums = np.cumsum(flags[:-1, [_F["asked"], _F["content"]]], axis=0)  # row t: tokens before t
    held, content = (sums[last + 1] - sums[first]).T
    return (content > 0) & (held >= content)


def _lengths(first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """Which of the length buckets 1, 2, 3, 4, 5-6, 7+ words a span falls in."""
    return np.minimum(np.array([0, 0, 1, 2, 3, 4, 4, 5])[np.minimum(last - first + 1, 7)], 5)


_BLOCKS = (6, len(_SHARES), len(_ANY), len(_FIRST), len(_LAST), len(_OUTSIDE), len(_OUTSIDE), 18)
ROW_WIDTH = sum(_BLOCKS)


def span_rows(flags: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """One row of numbers a span (``flags``: token_flags, padded by a blank row each side): its length
    bucket, the share of its words of each class, which classes it holds, the classes of its first and
    last word and of the words just outside it, and where it stands (``_place``)."""
    sums = _cumulative(flags)
    inside = sums[last + 1] - sums[first]
    n = (last - first + 1).astype(float)
    return np.hstack([
        np.eye(6)[_lengths(first, last)], inside[:, _SHARES] / n[:, None], inside[:, _ANY] > 0,
        flags[:, _FIRST][first + 1], flags[:, _LAST][last + 1], flags[:, _OUTSIDE][first], flags[:, _OUTSIDE][last + 2],
        _place(flags, sums, first, last),
    ]).astype(float)


def split(w: np.ndarray) -> tuple[np.ndarray, ...]:
    """Weights over span_rows as ``linear_scores`` uses them: the length weights, the share weights
    over all token columns, the "holds" weights, the four edge blocks as one (columns x 4) matrix
    (first word, last word, word before, word after), and the place weights."""
    w_len, w_share, w_any, w_first, w_last, w_prev, w_next, w_place = np.split(w, np.cumsum(_BLOCKS)[:-1])
    share, edges = np.zeros(len(FLAGS)), np.zeros((len(FLAGS), 4))
    share[_SHARES] = w_share
    for n, (columns, weights) in enumerate(((_FIRST, w_first), (_LAST, w_last), (_OUTSIDE, w_prev),
                                             (_OUTSIDE, w_next))):
        edges[columns, n] = weights
    return w_len, share, w_any, edges, w_place


def linear_scores(flags: np.ndarray, first: np.ndarray, last: np.ndarray, blocks: tuple[np.ndarray, ...]) -> np.ndarray:
    """``span_rows(flags, first, last) @ w`` (``blocks``: split(w)) without building the rows: the
    token blocks are scored once a token and looked up a span (~3x faster a sentence)."""
    w_len, w_share, w_any, edges, w_place = blocks
    sums = _cumulative(flags)
    share = sums @ w_share
    held = (sums[:, _ANY][last + 1] - sums[:, _ANY][first]) > 0
    edge = flags @ edges
    return (w_len[_lengths(first, last)] + (share[last + 1] - share[first]) / (last - first + 1) + held @ w_any
            + edge[first + 1, 0] + edge[last + 1, 1] + edge[first, 2] + edge[last + 2, 3]
            + _place(flags, sums, first, last) @ w_place)


def candidates(text: str, asked: Collection[str], head: Collection[str]):
    """(token places, first, last, rows) of the candidate spans of ``text``."""
    places = sentence_tokens(text)[0]
    first, last = spans(text)
    if not len(first):
        return places, first, last, np.zeros((0, ROW_WIDTH))
    return places, first, last, span_rows(token_flags(text, asked, head), first, last)

