"""Text to index terms: normalise, split, drop stopwords, stem.

One function, ``tokenize``, serves passages, sentences and questions alike,
so that a word in a question meets the same word in the article.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

import Stemmer

from .irregular import BASE_FORM
from .regexcache import compiled

# Question words are stopwords too: "when" in a question is no evidence.
STOPWORDS = frozenset("""
a about above after again against ago all also am an and any are aren't as at be because been
before being below between both but by can can't cannot could couldn't did didn't do does doesn't
doing don't down during each either else ever few for from further had hadn't has hasn't have
haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i
i'd i'll i'm i've if in into is isn't it it's its itself just let's may me might more most much
must mustn't my myself no nor not now of off on once only or other ought our ours ourselves out
over own per quite rather same says said shan't she she'd she'll she's should shouldn't since so
some such than that that's the their theirs them themselves then there there's these they they'd
they'll they're they've this those though through thus to too under until up upon us very was
wasn't we we'd we'll we're we've were weren't what what's whatever when when's whenever where
where's whereas wherever whether which while who who's whoever whom whose why why's will with
within without won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves
""".split()) | {"according", "etc", "say", "tell", "told"}
STOPWORDS = STOPWORDS | {w.replace("'", "") for w in STOPWORDS}

_QUOTES = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'),
           ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u00ad", ""))
# Compiled at import (regexcache.py): every question tokenizes, so a Pattern, not a LazyRegex.
_WORD = compiled(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|[^\W_]+(?:['.\-][^\W_]+)*\.?")
_ACRONYM = compiled(r"(?:[^\W\d_]\.){2,}|(?:[^\W\d_]\.)+[^\W\d_]")
_NUMBER = compiled(r"\d+(?:[.,]\d+)*")
_PARTS = compiled(r"[-.]")
MAX_TERMS = 2000  # a question longer than this many words is cut: bounded work per question


_local = threading.local()


def _stemmer():
    """This thread's stemmer: a Stemmer has state while it works, so threads
    (``Retriever.search`` from a thread pool) must not share one."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        # no cache of its own (size 0): PyStemmer's word cache is slower than stemming a word
        # anew (0.13 s against 0.17 s for 377,000 words), and it would grow with a batch's words
        stemmer = _local.stemmer = Stemmer.Stemmer("english", 0)
    return stemmer


def normalise(text: str) -> str:
    """NFKC, straight quotes and hyphens (the case is kept)."""
    if text.isascii():  # already NFKC, and no curly quote or dash to straighten
        return text
    text = unicodedata.normalize("NFKC", text)
    for curly, straight in _QUOTES:  # str.replace: ~20x faster than str.translate on an article
        if curly in text:
            text = text.replace(curly, straight)
    return text


def _word_terms(word: str) -> tuple[str, ...]:
    """Terms of one word as it stands in the text (case kept)."""
    if _ACRONYM.fullmatch(word) or _ACRONYM.fullmatch(word + "."):
        return (".".join(word.replace(".", "").lower()),)  # U.S. -> u.s (an acronym, no stopword)
    word = word.rstrip(".")
    if len(word) == 2 and word.isupper() and word.isalpha() and (word == "US" or word.lower() not in STOPWORDS):
        return (".".join(word.lower()),)  # US, UN, UK: acronyms; but IS, IT, OF in capitals are stopwords
    if _NUMBER.fullmatch(word):
        return (word.replace(",", ""),)
    low = word.lower()
    if low.endswith("'s"):
        low = low[:-2]
    low = low.rstrip("'")
    parts = [p for p in _PARTS.split(low) if p]
    if len(parts) > 1:  # five-hour: the whole word and its parts
        return (_one(low.replace("'", "")), *(_one(p) for p in parts))
    return (_one(low),)


def _one(word: str) -> str:
    word = word.replace("'", "")
    return "" if word in STOPWORDS else _stem(word)


def _stem(word: str) -> str:
    """Snowball stem of the word's base form: irregular.py knows the forms the
    stemmer cannot join (met -> meet, ran -> run, sought -> seek, Sept -> September)."""
    return _stemmer().stemWord(BASE_FORM.get(word, word))


def tokenize(text: str, max_terms: int | None = None) -> list[str]:
    """Index terms of ``text``: normalised, lowercased, stopwords dropped, stemmed.

    ``max_terms`` bounds text from outside (a question): at most that many words,
    analysed without adding them to the word cache (a long batch keeps nothing per word).

    >>> tokenize("Russia’s five-hour meeting")
    ['russia', 'five-hour', 'five', 'hour', 'meet']
    """
    if not isinstance(text, str):
        raise TypeError(f"tokenize() takes a str, not {type(text).__name__}")
    if max_terms is None:
        return list(_text_terms(text))
    out: list[str] = []
    for word in text_words(text)[:max_terms]:
        out.extend(_uncached_terms(word))
    return out


@lru_cache(maxsize=1 << 12)  # an article's sentences: a long batch's texts do not pile up
def _text_terms(text: str) -> tuple[str, ...]:
    """``tokenize(text)``, cached: the answer stage tokenizes the same sentences question after question."""
    return fragment_terms(text)


def fragment_terms(text: str) -> tuple[str, ...]:
    """``tuple(tokenize(text))`` through the per-word cache alone: a run, a span or a word of a sentence
    takes no entry of the text cache, whose entries the sentences need. ASCII letters and digits alone are
    one word as they stand."""
    if text.isascii() and text.isalnum():
        return _terms(text)
    return tuple(t for word in text_words(text) for t in _terms(word))


def text_words(text: str) -> list[str]:
    """The words of ``text`` in order; ``tokenize`` gives the ``word_terms`` of each."""
    return _WORD.findall(normalise(text))


@lru_cache(maxsize=1 << 13)  # ~1.2 MB at most: frequent words hit; a long batch's vocabulary does not pile up
def _terms(word: str) -> tuple[str, ...]:
    """Non-empty terms of one word, cached: corpora repeat their words."""
    return _uncached_terms(word)


def _uncached_terms(word: str) -> tuple[str, ...]:
    if word.isalpha() and not (len(word) == 2 and word.isupper()):  # most words: ``_word_terms``'s last line
        low = word.lower()  # letters alone: no acronym, number, possessive or parts to look for
        return () if low in STOPWORDS else (_stem(low),)
    return tuple(t for t in _word_terms(word) if t)


word_terms = _terms  # the terms of one word of ``text_words`` (cached)
