"""askbot: answers questions about a news article from its own sentences, cited.

>>> import askbot
>>> answer = askbot.ask("When did Putin and Kim Jong Un meet?")  # the packaged article
>>> answer.found, answer.citations[0].id
(True, 1)
>>> retriever = askbot.load("corpus/putin-kim-vostochny.txt")  # or a folder, or a Corpus
>>> retriever.search("space technology", k=2)
[Hit(passage 6, 3.935), Hit(passage 8, 1.446)]

The names below are imported on first use (module ``__getattr__``), so that
``import askbot`` and the command line start without numpy or rank-bm25
until a corpus is indexed.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_HOMES = {
    "tokenize": "analysis",
    "Answer": "answer", "Citation": "answer", "Settings": "answer", "ask": "api", "load": "api",
    "Corpus": "corpus", "Document": "corpus", "Passage": "corpus", "Sentence": "corpus",
    "AskbotError": "errors", "CorpusError": "errors", "CorpusTooLarge": "errors", "QuestionError": "errors",
    "UsageError": "errors", "FetchError": "errors", "IdOutOfRange": "errors", "CorpusWarning": "loading",
    "ShortAnswer": "phrase", "LuceneBM25": "bm25", "Hit": "retriever", "Retriever": "retriever",
    "Conversation": "followup",
}

if TYPE_CHECKING:
    from .analysis import tokenize
    from .answer import Answer, Citation, Settings
    from .api import ask, load
    from .bm25 import LuceneBM25
    from .corpus import Corpus, Document, Passage, Sentence
    from .errors import AskbotError, CorpusError, CorpusTooLarge, FetchError, IdOutOfRange, QuestionError, UsageError
    from .followup import Conversation
    from .loading import CorpusWarning
    from .phrase import ShortAnswer
    from .retriever import Hit, Retriever


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'askbot' has no attribute {name!r}")
    value = getattr(import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Answer",
    "AskbotError",
    "Citation",
    "Conversation",
    "Corpus",
    "CorpusError",
    "CorpusTooLarge",
    "CorpusWarning",
    "Document",
    "FetchError",
    "Hit",
    "IdOutOfRange",
    "LuceneBM25",
    "Passage",
    "QuestionError",
    "Retriever",
    "Sentence",
    "Settings",
    "ShortAnswer",
    "UsageError",
    "__version__",
    "ask",
    "load",
    "tokenize",
]
