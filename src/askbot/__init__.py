"""askbot: answers questions about a news article from its own sentences, cited.

    import askbot
    corpus = askbot.Corpus.from_path("corpus/article.txt")
    retriever = askbot.Retriever(corpus)
    answer = askbot.ask("When did they meet?", retriever)
"""

from .analysis import tokenize
from .answer import Answer, Citation, Settings, ask
from .corpus import Corpus, Document, Passage, Sentence
from .errors import AskbotError, CorpusError, CorpusTooLarge, QuestionError, UsageError
from .loading import CorpusWarning
from .retriever import Hit, LuceneBM25, Retriever

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "AskbotError",
    "Citation",
    "Corpus",
    "CorpusError",
    "CorpusTooLarge",
    "CorpusWarning",
    "Document",
    "Hit",
    "LuceneBM25",
    "Passage",
    "QuestionError",
    "Retriever",
    "Sentence",
    "Settings",
    "UsageError",
    "__version__",
    "ask",
    "tokenize",
]
