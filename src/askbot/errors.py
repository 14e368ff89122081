"""The one base class for errors a user can fix, and its subclasses."""

from __future__ import annotations


class AskbotError(Exception):
    """An error the user can fix; its message says what to do.

    ``exit_code`` is what the command line exits with (2: usage or input).
    """

    exit_code = 2


class CorpusError(AskbotError):
    """An article file or folder that cannot be read as an article."""


class QuestionError(AskbotError):
    """A question that cannot be asked (empty, or not text)."""


class CorpusTooLarge(CorpusError):
    """A corpus over the size limit (``$ASKBOT_MAX_MB``, default 32 MiB)."""


class FetchError(CorpusError):
    """A web page that cannot be fetched or read (its message names the URL and the cause)."""


class UsageError(AskbotError):
    """Words on the command line that askbot does not take."""
