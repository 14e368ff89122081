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


class IdOutOfRange(AskbotError, IndexError):
    """A sentence, passage or document id outside 1..N (ids count from 1 and never wrap around)."""


def expect(value, types: type | tuple[type, ...], what: str) -> None:
    """TypeError naming ``what`` unless ``value`` is one of ``types`` (a bool is no int here)."""
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in (types if isinstance(types, tuple)
                                                                                  else (types,))):
        names = " or ".join(t.__name__ for t in (types if isinstance(types, tuple) else (types,)))
        raise TypeError(f"{what} must be {names}, not {type(value).__name__}")


def checked_id(value, count: int, what: str) -> int:
    """``value`` as an index into ``count`` items numbered from 1; TypeError or IdOutOfRange otherwise."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError(f"a {what} id must be a whole number, not {type(value).__name__}")
    value = value.__index__()
    if not 1 <= value <= count:
        raise IdOutOfRange(f"{what} id {value} is outside 1..{count}" if count else f"there is no {what} {value}: "
                           f"the corpus has no {what}s")
    return value - 1
