"""An article file's title (from its name) and size limit (``$ASKBOT_MAX_MB``), and the
warning for a repaired file: what loading.py and the web readers (web.py, htmltext.py,
pagecache.py) share, in a module that imports neither."""

from __future__ import annotations

import os

from .errors import CorpusError, CorpusTooLarge

MAX_BYTES = 32 * 2**20  # default size limit of one article file
MAX_MB_ENV = "ASKBOT_MAX_MB"  # environment variable that overrides it, in MiB
MAX_MB = 65536  # the largest limit it may set (64 GiB)


class CorpusWarning(UserWarning):
    """Something in an article was repaired while loading (e.g. bad bytes)."""


def max_bytes() -> int:
    """The size limit of an article file: ``$ASKBOT_MAX_MB`` MiB if set (a finite number above 0,
    at most ``MAX_MB``: nothing is allocated for it up front), else ``MAX_BYTES``."""
    from .safeio import env_number

    mib = env_number(MAX_MB_ENV, MAX_BYTES / 2**20, MAX_MB, CorpusError,
                     advice=f"a number above 0 and at most {MAX_MB} MiB, such as 64")
    return max(1, int(mib * 2**20))


def _mib(n: int) -> str:
    mib = n / 2**20
    return (f"{mib:.1f}".removesuffix(".0") if mib >= 1 else f"{mib:.2g}") + " MiB"


def too_large(path: str, size: int | None, limit: int) -> CorpusTooLarge:
    """The error for a corpus of ``size`` bytes (None: unknown) over ``limit``."""
    what = f"{_mib(size)}, over" if size else "over"
    return CorpusTooLarge(f"{path}: corpus is {what} the {_mib(limit)} limit; pass a smaller file or folder, "
                          f"or raise the limit with {MAX_MB_ENV}=<MiB>")


def title_from_path(path: str) -> str:
    """An article's title from its file name: "putin-kim_talks.txt" -> "putin kim talks"."""
    name = os.path.basename(os.path.normpath(path))
    return os.path.splitext(name)[0].replace("-", " ").replace("_", " ").strip() or name
