"""Where askbot writes: its history and its index cache, and nowhere else.

- ``$ASKBOT_HOME`` set (an absolute path): the history is ``$ASKBOT_HOME/history``
  and the cache ``$ASKBOT_HOME/cache/``; askbot writes nothing anywhere else.
- Otherwise the XDG folders: the history is ``$XDG_STATE_HOME/askbot/history``
  (default ``~/.local/state/askbot/history``), the cache is under
  ``$XDG_CACHE_HOME/askbot/`` (default ``~/.cache/askbot/``). A relative XDG
  path is ignored, as the XDG specification says.
- No usable home (``$HOME`` empty, relative, missing, not a folder, or ``/``),
  or an ``$ASKBOT_HOME`` that is not an absolute path or is ``/``: askbot runs
  without history and cache and says so once, on stderr. It never writes into ``/``.
"""

from __future__ import annotations

import os
import warnings
from typing import NamedTuple


class HomeWarning(UserWarning):
    """askbot has nowhere to keep its history and cache."""


class Homes(NamedTuple):
    """The folder of the index cache and the history file (None: not kept), and why not. (A NamedTuple:
    built ~5x faster than a dataclass, and every start of the command line builds the class.)"""

    cache: str | None
    history: str | None
    problem: str = ""


def _usable(path: str) -> bool:
    return os.path.isabs(path) and os.path.realpath(path) != os.path.realpath(os.sep)


def homes(env: dict[str, str] | None = None) -> Homes:
    env = os.environ if env is None else env
    own = env.get("ASKBOT_HOME", "")
    if own:
        if not _usable(own):
            return Homes(None, None, f"ASKBOT_HOME={own!r} is not an absolute folder other than /; "
                                     "running without history and index cache")
        return Homes(os.path.join(own, "cache"), os.path.join(own, "history"))
    home = env["HOME"] if "HOME" in env else os.path.expanduser("~")
    home_ok = _usable(home) and os.path.isdir(home)
    cache, state = env.get("XDG_CACHE_HOME", ""), env.get("XDG_STATE_HOME", "")
    cache = cache if _usable(cache) else os.path.join(home, ".cache") if home_ok else None
    state = state if _usable(state) else os.path.join(home, ".local", "state") if home_ok else None
    problem = "" if cache and state else (
        f"no usable home folder (HOME={home!r}); running without "
        f"{' and '.join(w for w, p in (('history', state), ('index cache', cache)) if not p)}; "
        "set ASKBOT_HOME to an absolute folder to keep them")
    return Homes(cache and os.path.join(cache, "askbot"), state and os.path.join(state, "askbot", "history"), problem)


_told: set[str] = set()


def tell(problem: str) -> None:
    """Say ``problem`` once a process (a HomeWarning)."""
    if problem and problem not in _told:
        _told.add(problem)
        warnings.warn(problem, HomeWarning, stacklevel=3)
