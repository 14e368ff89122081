"""Compiled regular expressions kept between runs of the command line.

CPython compiles a pattern in two steps: ``re._parser`` and ``re._compiler`` (Python code: the
slow part, ~0.1-2 ms a pattern) turn it into a list of ints, its program, and
``_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`` builds the Pattern from
that list (microseconds). A one-shot ``askbot ask`` compiles 40-90 patterns; this module keeps
their programs in one file of the cache home and builds the Patterns straight from them
(docs/performance.md has the figures).

The file is ``<cache>/regex/<interpreter tag>.bin``: a first line naming the format, a line of
the interpreter key (``sys.version``, ``_sre.MAGIC``, ``_sre.CODESIZE``, byte order), the
BLAKE2b digest of the rest, then one line of JSON (per pattern: source, flags as asked, the
flags, groups and groupindex that ``_sre.compile`` takes, the length of its program) and the
programs' words, unsigned 32-bit in native order. It is read once, on the first pattern asked
for, and written whole (atomically) by ``save`` when this process compiled patterns it lacks.

This leans on CPython internals (the private ``re._parser``, ``re._compiler`` and
``_sre.compile``), so every step falls back to ``re.compile``: no file, a file that is
truncated, corrupt or from another interpreter, a program that ``_sre.compile`` rejects (it
validates every program), a pattern not in the file. A program is only written after the
Pattern built from it compares equal to ``re.compile``'s (Patterns compare by pattern, flags
and program). Off unless ``use`` names a folder: the library compiles as ``re`` does and
writes nothing; the command line turns it on (not with ``--no-cache`` or without a home).
"""

from __future__ import annotations

import os
import re
import sys
from array import array

try:
    import _sre
except ImportError:  # another implementation: re.compile alone
    _sre = None

_FORMAT = b"askbot-regex 1\n"
MAX_PATTERNS = 4000  # the file holds at most this many (askbot's own are ~200): bounded on disk and in memory
MAX_BYTES = 16 << 20

_folder: str | None = None  # None: off
_entries: dict[tuple[str, int], tuple[list, memoryview]] | None = None  # read from the file (None: not yet)
_missing: dict[tuple[str, int], None] = {}  # compiled here, not in the file (in order)


def use(folder: str | None) -> None:
    """Keep programs in ``folder`` from now on (None: off, nothing read or written)."""
    global _folder, _entries
    if folder != _folder:
        _folder, _entries = folder, None
        _missing.clear()


def compiled(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, built from the kept program when there is one."""
    if _folder is None or type(source) is not str:
        return re.compile(source, flags)
    key = (source, int(flags))
    entry = _table().get(key)
    if entry is not None:
        (_, _, final, groups, groupindex, _), words = entry
        try:
            return _sre.compile(source, final, words.tolist(), groups, groupindex,
                                _indexgroup(groupindex, groups))
        except Exception:  # a program this interpreter rejects: compile it, and write it again
            _entries.pop(key, None)
    if len(_missing) < MAX_PATTERNS:
        _missing[key] = None
    return re.compile(source, flags)


def _indexgroup(groupindex: dict, groups: int) -> tuple:
    names = [None] * (groups + 1)
    for name, i in groupindex.items():
        names[i] = name
    return tuple(names)


def interpreter_key() -> bytes:
    """What a program is valid for: this exact interpreter and its regular expression engine."""
    magic = getattr(_sre, "MAGIC", None)
    return repr((sys.version, magic, getattr(_sre, "CODESIZE", None), sys.byteorder)).encode("ascii", "replace")


def path() -> str | None:
    """The file of this interpreter's programs (None: off)."""
    if _folder is None:
        return None
    from .cachecheck import digest

    return os.path.join(_folder, f"{sys.implementation.cache_tag}-{digest(interpreter_key())[:16]}.bin")


def _table() -> dict:
    global _entries
    if _entries is None:
        try:
            _entries = _read(path())
        except Exception:  # missing, truncated, corrupt, from another interpreter: compile, then rewrite it
            _entries = {}
    return _entries


def _read(file: str) -> dict:
    """The entries of the file, proved to fit together; {} when it is not this interpreter's."""
    import json

    from .cachecheck import digest, read

    data = read(file, MAX_BYTES)
    head, key, check, rest = data.split(b"\n", 3)
    if head + b"\n" != _FORMAT or key != interpreter_key() or check != digest(rest).encode() or _sre is None:
        return {}
    header, blob = rest.split(b"\n", 1)
    code = array("I")
    if code.itemsize != 4:
        return {}
    code.frombytes(blob)
    words, entries, at = memoryview(code), {}, 0
    for item in json.loads(header):
        source, flags, final, groups, groupindex, n = item
        if not (isinstance(source, str) and all(type(x) is int for x in (flags, final, groups, n))
                and 0 < n <= len(words) - at and isinstance(groupindex, dict)):
            return {}
        entries[(source, flags)] = (item, words[at:at + n])
        at += n
    return entries if at == len(words) else {}


def save() -> None:
    """Write the file again when this process compiled patterns it lacks; quietly skipped on any failure."""
    global _entries
    if _folder is None or not _missing or _sre is None:
        return
    items, code = [], []
    try:
        for item, words in _table().values():
            items.append(item)
            code.extend(words.tolist())
        for source, flags in _missing:
            if len(items) >= MAX_PATTERNS:
                break
            program = _program(source, flags)
            if program is not None:
                items.append([source, flags, program[0], program[2], program[3], len(program[1])])
                code.extend(program[1])
        _write(items, code)
    except Exception:  # a cache: never worth a failed answer
        return
    _entries = None  # read again when asked: the file now holds them all
    _missing.clear()


def _program(source: str, flags: int) -> tuple | None:
    """What ``re._compiler.compile`` hands ``_sre.compile`` for this pattern, once the Pattern built
    from it is proved equal to ``re.compile``'s; None otherwise."""
    from re import _compiler, _parser

    parsed = _parser.parse(source, flags)
    code = [int(word) for word in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    program = (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex)
    built = _sre.compile(source, program[0], code, program[2], groupindex, _indexgroup(groupindex, program[2]))
    want = re.compile(source, flags)
    if built != want or built.groupindex != want.groupindex or built.groups != want.groups:
        return None
    return program


def _write(items: list, code: list[int]) -> None:
    import json

    from .cachecheck import digest, sweep, write

    blob = array("I", code).tobytes()
    rest = json.dumps(items, ensure_ascii=True, separators=(",", ":")).encode("ascii") + b"\n" + blob
    if array("I").itemsize != 4 or len(rest) > MAX_BYTES:
        return
    os.makedirs(_folder, exist_ok=True)
    sweep(_folder)  # the temporary files of writers that died
    write(path(), _FORMAT + interpreter_key() + b"\n" + digest(rest).encode() + b"\n" + rest)
