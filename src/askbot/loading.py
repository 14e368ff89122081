"""Reading article files: UTF-8 with a BOM tolerated, clear errors otherwise."""

from __future__ import annotations

import warnings
from pathlib import Path

from .errors import CorpusError

SUFFIXES = (".txt", ".md")
MAX_BYTES = 64 * 1024 * 1024  # a whole corpus; more is refused with a clear error
MAX_BAD_SHARE = 0.01  # more undecodable bytes than this and the file is not text


class CorpusWarning(UserWarning):
    """Something in an article was repaired while loading (e.g. bad bytes)."""


def article_files(path: Path) -> list[Path]:
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; pass an article (.txt or .md) or a folder of them")
    if path.is_file():
        return [path]
    files = sorted(
        p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
    )
    if not files:
        raise CorpusError(f"{path}: folder holds no .txt or .md article")
    return files


def decode(data: bytes, name: str) -> str:
    """Text of an article file, or a CorpusError that names it."""
    if b"\x00" in data:
        raise CorpusError(f"{name}: binary file (NUL bytes), not a UTF-8 article")
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if bad > max(3, MAX_BAD_SHARE * len(text)):
        raise CorpusError(f"{name}: not UTF-8 text ({bad} undecodable bytes); convert it to UTF-8")
    if bad:
        warnings.warn(f"{name}: {bad} bytes are not UTF-8; replaced with \ufffd", CorpusWarning, stacklevel=2)
    if not text.strip():
        raise CorpusError(f"{name}: article is empty")
    return text


def read_articles(path: Path) -> list[tuple[str, str, str | None]]:
    """(title, text, path) for each article at ``path``."""
    from .corpus import title_from_path

    files = article_files(path)
    total = 0
    out = []
    for f in files:
        try:
            total += f.stat().st_size
            if total > MAX_BYTES:
                raise CorpusError(f"{f}: corpus is over {MAX_BYTES // 2**20} MiB; split it or pass a smaller folder")
            data = f.read_bytes()
        except OSError as e:
            raise CorpusError(f"{f}: cannot read ({e.strerror or e})") from None
        out.append((title_from_path(f), decode(data, str(f)), str(f)))
    return out
