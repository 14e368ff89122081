"""Whole-article questions: a short extractive summary.

"summarize the article", "what is this about", "tl;dr", "give me the gist"
ask for the article as a whole, not for a fact in it. Such a question gets the
few sentences that cover the article best, in article order:

1. Each sentence becomes a TF-IDF vector over its terms (analysis.tokenize;
   IDF over the article's sentences, smoothed: ``log((1 + N) / (1 + df)) + 1``),
   normalised to length 1.
2. Its *centrality* is its cosine similarity to its document's centroid (the
   sum of the document's sentence vectors): how much of what the whole article
   talks about the sentence holds.
3. A *lead prior* adds ``LEAD / (1 + position)`` (the sentence's place in its
   document, from 0): news is written top-down, and the first sentences are
   the strongest single baseline of news summarisation ("lead-3").
4. Maximal Marginal Relevance picks the sentences one at a time: the next is
   the one with the most ``MMR * relevance - (1 - MMR) * (its highest cosine
   with a sentence already picked)``, so a second sentence adds what the first
   lacks instead of repeating it.
5. ``summary_size``: about one sentence in seven, at least 2 and at most 4.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from .analysis import tokenize
from .corpus import Corpus, Sentence
from .lazyre import LazyRegex

LEAD = 0.3  # weight of the lead prior: the first sentence gets +0.3, the second +0.15, ...
MMR = 0.7  # relevance against redundancy in the selection
PER_SENTENCES = 7  # one summary sentence per this many article sentences...
MIN_SENTENCES, MAX_SENTENCES = 2, 4  # ...within these bounds

# The question asks for the whole article: a summary word or "what is X about"
# where X is the article itself, and no content of its own besides such words
# ("what does the article say about Ukraine" is a question about Ukraine).
_CUE = LazyRegex(
    r"\b(?:summar\w*|sum\s+(?:it|this|that|\w+\s+)?up|recap\w*|tl\s*;?\s*dr|gist|overview|synopsis|nutshell|"
    r"main\s+(?:points?|ideas?|takeaways?)|key\s+(?:points?|takeaways?)|highlights|in\s+(?:short|brief)|"
    r"what\s*(?:'|’)?\s*s?\s*(?:is\s+|was\s+)?(?:this|it|that|the\s+\w+)\s+(?:all\s+)?about)", re.I)
_GENERIC_WORDS = (
    "summary summarize summarise summarising summarizing summarization summarisation summarized summarised "
    "sum recap tl dr tldr gist overview synopsis nutshell main key point points idea ideas takeaway takeaways "
    "highlights short brief article story piece text report news page document whole entire give quick "
    "please can could you me briefly basically")


@cache
def _generic() -> frozenset[str]:
    """The terms of _GENERIC_WORDS, lower and upper case ("TL;DR"); worked out on first use, not at import."""
    return frozenset(tokenize(_GENERIC_WORDS)) | frozenset(tokenize(_GENERIC_WORDS.upper()))


def wants_summary(question: str) -> bool:
    """Whether ``question`` asks for the whole article rather than something in it."""
    if not _CUE.search(question):
        return False
    return not set(tokenize(question)) - _generic()


def summary_size(sentences: int) -> int:
    return max(MIN_SENTENCES, min(MAX_SENTENCES, round(sentences / PER_SENTENCES)))


def _vectors(sentences: Sequence[Sentence]) -> list[dict[str, float]]:
    """Unit TF-IDF vectors of the sentences, IDF over the sentences themselves."""
    counts = [Counter(tokenize(s.text)) for s in sentences]
    df = Counter(t for c in counts for t in c)
    n = len(sentences)
    vectors = []
    for c in counts:
        v = {t: tf * (math.log((1 + n) / (1 + df[t])) + 1) for t, tf in c.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        vectors.append({t: w / norm for t, w in v.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def _relevance(sentences: Sequence[Sentence], vectors: list[dict[str, float]]) -> list[float]:
    """Centrality in its document plus the lead prior, one a sentence."""
    centroids: dict[int, Counter] = {}
    for s, v in zip(sentences, vectors, strict=True):
        centroids.setdefault(s.document_id, Counter()).update(v)
    for doc, c in centroids.items():
        norm = math.sqrt(sum(w * w for w in c.values())) or 1.0
        centroids[doc] = Counter({t: w / norm for t, w in c.items()})
    position: Counter = Counter()
    relevance = []
    for s, v in zip(sentences, vectors, strict=True):
        relevance.append(_cosine(v, centroids[s.document_id]) + LEAD / (1 + position[s.document_id]))
        position[s.document_id] += 1
    return relevance


def summarize(corpus: Corpus, exclude: frozenset[int] = frozenset(),
              size: int | None = None) -> list[tuple[Sentence, float]]:
    """The summary's sentences with their relevance, in article order; ``exclude``: sentence ids left out."""
    sentences = list(corpus.sentences)
    vectors = _vectors(sentences)
    relevance = _relevance(sentences, vectors)
    left = [i for i, s in enumerate(sentences) if s.id not in exclude and vectors[i]]
    picked: list[int] = []
    for _ in range(min(size or summary_size(len(sentences)), len(left))):
        def gain(i: int) -> float:
            redundancy = max((_cosine(vectors[i], vectors[j]) for j in picked), default=0.0)
            return MMR * relevance[i] - (1 - MMR) * redundancy
        best = max(left, key=lambda i: (gain(i), -i))
        picked.append(best)
        left.remove(best)
    return [(sentences[i], relevance[i]) for i in sorted(picked)]
