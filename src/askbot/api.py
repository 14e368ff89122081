"""The library's front door: ``askbot.ask`` and ``askbot.load``.

``ask`` takes the article in whichever form the caller has -- nothing (the
packaged article), a path, a Corpus or a Retriever -- and hands a Retriever
to the answer stage (``answer.ask``), which it leaves as it is.

>>> import askbot
>>> retriever = askbot.load()
>>> retriever.corpus
Corpus('putin kim vostochny', 16 passages)
>>> answer = askbot.ask("Where did Putin and Kim meet?", retriever)
>>> answer.found, [c.id for c in answer.citations][:1]
(True, [1])
"""

from __future__ import annotations

import os
from functools import lru_cache

from .answer import Answer, Settings
from .answer import ask as _answer
from .corpus import Corpus
from .retriever import Retriever

Article = Retriever | Corpus | str | os.PathLike | None


def load(path: str | os.PathLike | None = None) -> Retriever:
    """A ready Retriever over the article file or folder at ``path``; the packaged article by default.

    >>> load()
    Retriever(Corpus('putin kim vostochny', 16 passages))
    >>> load("no/such/file.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    askbot.errors.CorpusError: no/such/file.txt: no such file or folder; pass an article ...
    """
    if path is None:
        return _packaged()
    return Retriever(Corpus.from_path(path))


@lru_cache(maxsize=1)
def _packaged() -> Retriever:
    """The packaged article's Retriever, built once a process (it is read-only once built)."""
    from .data import default_corpus_path

    return Retriever(Corpus.from_path(default_corpus_path()))


def retriever_for(article: Article) -> Retriever:
    """A Retriever for ``article``: itself, one over a Corpus, one over a path, or the packaged article's."""
    if isinstance(article, Retriever):
        return article
    if isinstance(article, Corpus):
        return Retriever(article)
    if article is None or isinstance(article, (str, os.PathLike)):
        return load(article)
    raise TypeError(f"expected a Retriever, a Corpus, a path or None, not {type(article).__name__}")


def ask(question: str, article: Article = None, settings: Settings | None = None, **overrides) -> Answer:
    """Answer ``question`` from ``article``: a Retriever, a Corpus, a file or folder path, or
    None for the packaged article. ``settings`` and ``overrides`` (e.g. ``k=3``) are the
    answer stage's (``answer.ask``).

    >>> answer = ask("When did Putin and Kim Jong Un meet?")
    >>> print(answer.citations[0].text[:45])
    On Sept. 13, Russian President Vladimir Putin
    >>> ask("What is the capital of France?").text
    "The article doesn't say."
    >>> ask("Who opened the bridge?", Corpus.from_text("The mayor opened the bridge in May.")).citations
    (Citation([1] passage 1, 0:35, 'The mayor opened the bridge in May.'),)
    """
    return _answer(question, retriever_for(article), settings, **overrides)
