"""Old versions of an article's index leave the cache.

Every edit of an article gives it a new content hash, so a new folder in the
cache; the old ones would stay for ever. Each folder's ``meta.json`` names its
``source`` (the article's paths, or its title when it has none), and its
modification time is when it was last used (``touch`` on every load). When a
new version is written, the versions of the same source beyond the newest
``KEEP`` that have not been used for ``IDLE_DAYS`` are removed, as are
half-written folders (``.tmp-*``) a day old.
"""

from __future__ import annotations

import contextlib
import os
import time

from . import cachecheck

KEEP = 3  # newest versions of one article always kept
IDLE_DAYS = 30.0  # an older version is removed once unused this long
_DAY = 86400.0
MAX_META = 64 * 2**20  # bytes of another version's meta.json read to learn its source


def source_of(paths: list[str | None], title: str) -> str:
    """What names an article across its versions: its files' absolute paths, else its title."""
    found = [os.path.abspath(p) for p in paths if p]
    return "\n".join(found) if found else f"title:{title}"


def touch(folder: str) -> None:
    """Mark a cached index as used now (its meta.json's modification time)."""
    with contextlib.suppress(OSError):  # a read-only cache: still used, never pruned
        os.utime(os.path.join(folder, "meta.json"))


def prune(parent: str, source: str, keep: int = KEEP, idle_days: float = IDLE_DAYS,
          now: float | None = None) -> list[str]:
    """Remove the versions of ``source`` under ``parent`` beyond the newest ``keep`` that have
    been idle ``idle_days``, and stale half-written folders; return what was removed."""
    now = time.time() if now is None else now
    versions, removed = [], []
    try:
        names = os.listdir(parent)
    except OSError:
        return removed
    for name in names:
        folder = os.path.join(parent, name)
        meta = os.path.join(folder, "meta.json")
        try:
            if name.startswith(".tmp-"):
                if now - os.stat(folder).st_mtime > _DAY:
                    removed.append(folder)
                continue
            used = os.stat(meta).st_mtime
            found = cachecheck.read_json(meta, MAX_META)  # bounded, never a link or a named pipe
        except (OSError, cachecheck.Corrupt):
            continue
        if isinstance(found, dict) and found.get("source") == source:
            versions.append((used, folder))
    versions.sort(reverse=True)
    removed += [folder for used, folder in versions[keep:] if now - used > idle_days * _DAY]
    if removed:
        import shutil  # not at import: shutil costs a one-shot start ~4 ms

        for folder in removed:
            shutil.rmtree(folder, ignore_errors=True)
    return removed
