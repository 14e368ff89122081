"""The index cache read as untrusted input: checked files, written atomically.

Every cache file is read through ``safeio.read_limited`` without following a
symbolic link (a link, a named pipe or a device in the cache is refused, never
waited on or read without end), and proved before use:

- a JSON file is ``{"check": <digest of the body>, "body": ...}``: the body is
  hashed as stored (a flipped bit anywhere is found) and parsed with bounded
  depth, without NaN or infinity;
- an ``.npy`` file has a record in the JSON that commits it: dtype, shape, size
  in bytes and digest. Its header must match the record exactly and its size
  the header, so a header that declares a huge shape allocates nothing;
- the arrays must then fit together (``check_postings``, ``check_spans``,
  ``check_names``): sizes that agree, offsets and ids in order and in range,
  term frequencies that add up to the passage lengths, finite weights.

Any failure raises ``Corrupt`` (the cache is then rebuilt). Writes go to a
temporary name beside the target (``.<name>.<pid>.tmp``) and are renamed
into place; the temporary file is removed on every way out, and
``sweep`` removes those of processes that died before they could.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Sequence

import numpy as np

from .errors import AskbotError
from .safeio import loads_json, read_limited

_PREFIX = b'{"check": "'
_DIGEST = 32  # hex characters
_NPY = re.compile(rb"\{'descr': '([<>|][a-z]\d+)', 'fortran_order': False, 'shape': \(([\d, ]*)\), \} *\n")
_TEMP = re.compile(r"^\.(?:tmp-(\d+)-.*|.*\.(\d+)\.tmp)$")


class Corrupt(Exception):
    """A cache file that is missing, unreadable or does not fit the rest."""


class _Refused(AskbotError):
    pass


def digest(data: bytes | memoryview) -> str:
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the module: hashlib has it
        from hashlib import blake2b
    return blake2b(data, digest_size=_DIGEST // 2).hexdigest()


def read(path: str, limit: int) -> bytes:
    """The bytes of a cache file (a regular file, not a link), at most ``limit``; else Corrupt."""
    name = os.path.basename(path)
    if os.path.islink(path):
        raise Corrupt(f"{name} is a symbolic link")
    try:
        return read_limited(path, limit, _Refused, follow_links=False,
                            too_large=lambda _: Corrupt(f"{name} is larger than {limit:,} bytes"))
    except _Refused as e:
        raise Corrupt(str(e).replace(path, name)) from None


def dumps(body) -> bytes:
    """``body`` as a checked JSON file."""
    import json

    data = json.dumps(body, allow_nan=False).encode("utf-8")
    return _PREFIX + digest(data).encode() + b'", "body": ' + data + b"}"


def read_json(path: str, limit: int = 1 << 26):
    """The body of a checked JSON file; Corrupt if it is not one or its digest differs."""
    data = read(path, limit)
    start = len(_PREFIX) + _DIGEST + len('", "body": ')
    body = memoryview(data)[start:-1]
    if not (data.startswith(_PREFIX) and data.endswith(b"}") and len(data) > start
            and data[len(_PREFIX):start] == digest(body).encode() + b'", "body": '):
        raise Corrupt(f"{os.path.basename(path)} does not match its digest")
    try:
        return loads_json(bytes(body))
    except (ValueError, RecursionError) as e:
        raise Corrupt(f"{os.path.basename(path)}: {e}") from None


def npy_bytes(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, np.ascontiguousarray(array), allow_pickle=False)
    return out.getvalue()


def record(data: bytes, array: np.ndarray) -> dict:
    """What the committing JSON says of one ``.npy`` file."""
    return {"dtype": array.dtype.str, "shape": list(array.shape), "bytes": len(data), "digest": digest(data)}


INTS, FLOATS = ("<i4", "<i8"), ("<f8",)  # the dtypes an array of whole numbers, or of reals, may have


def read_array(path: str, rec: dict, dtypes: tuple[str, ...], ndim: int) -> np.ndarray:
    """The array of ``path`` (read-only), proved against its record ``rec``, one of ``dtypes`` and ``ndim``."""
    name = os.path.basename(path)
    shape = rec.get("shape") if isinstance(rec, dict) else None
    if not (isinstance(shape, list) and len(shape) == ndim and all(type(n) is int and n >= 0 for n in shape)
            and rec.get("dtype") in dtypes and type(rec.get("bytes")) is int and rec["bytes"] > 0):
        raise Corrupt(f"the record of {name} is not a {ndim}-d array of {' or '.join(dtypes)}")
    dtype = rec["dtype"]
    data = read(path, rec["bytes"])
    if len(data) != rec["bytes"] or digest(data) != rec.get("digest"):
        raise Corrupt(f"{name} does not match its record")
    size = int.from_bytes(data[8:10], "little") if len(data) >= 10 else -1
    m = _NPY.fullmatch(data[10:10 + size]) if data[:8] == b"\x93NUMPY\x01\x00" else None
    found = tuple(int(x) for x in m.group(2).split(b",") if x.strip()) if m else None
    count = int(np.prod(shape, dtype=object)) if shape else 1
    if m is None or m.group(1).decode() != rec["dtype"] or found != tuple(shape) \
            or 10 + size + count * np.dtype(dtype).itemsize != len(data):
        raise Corrupt(f"{name}: the header does not match the record or the size")
    return np.frombuffer(data, dtype=np.dtype(dtype), offset=10 + size).reshape(shape)


def check_postings(a: dict[str, np.ndarray], terms: Sequence[str], n: int, avgdl: float) -> None:
    """Postings over ``n`` documents that fit together: Corrupt otherwise."""
    offsets, ids, tfs, weights, idf, doc_len = (a[k] for k in ("offsets", "ids", "tfs", "weights", "idf", "doc_len"))
    if not (isinstance(terms, list) and all(isinstance(t, str) for t in terms) and len(set(terms)) == len(terms)):
        raise Corrupt("the vocabulary is not a list of distinct terms")
    if not (len(offsets) == len(terms) + 1 == len(idf) + 1 and len(doc_len) == n and offsets[0] == 0
            and offsets[-1] == len(ids) == len(tfs) == len(weights)):
        raise Corrupt("the postings arrays have sizes that do not agree")
    if np.any(np.diff(offsets) < 1) or (len(ids) and not 0 <= ids.min() <= ids.max() < n):
        raise Corrupt("postings offsets or ids out of order or range")
    rising = np.diff(ids.astype(np.int64)) > 0
    rising[offsets[1:-1] - 1] = True  # a term's first passage may be below the last term's last
    if not rising.all() or (len(tfs) and tfs.min() < 1):
        raise Corrupt("postings ids unsorted or term frequencies below 1")
    if not np.array_equal(np.bincount(ids, weights=tfs, minlength=n), doc_len):
        raise Corrupt("term frequencies do not add up to the passage lengths")
    if not (np.isfinite(weights).all() and np.isfinite(idf).all() and (weights > 0).all() and (idf > 0).all()):
        raise Corrupt("weights or IDFs that are not finite and positive")
    expected = (int(doc_len.sum()) / n or 1.0) if n else 0.0
    if not (isinstance(avgdl, float) and avgdl == expected):
        raise Corrupt("avgdl does not fit the passage lengths")


def check_spans(counts: np.ndarray, spans: np.ndarray, passages: int) -> None:
    """Sentence counts per passage and (start, end) spans that fit together: Corrupt otherwise."""
    if (spans.shape[1:] != (2,) or len(counts) != passages or (len(counts) and counts.min() < 0)
            or int(counts.sum()) != len(spans)):
        raise Corrupt("sentence counts do not fit the passages")
    if len(spans) and not (spans[:, 0].min() >= 0 and (spans[:, 1] > spans[:, 0]).all()):
        raise Corrupt("sentence spans are empty or negative")
    ordered = spans[1:, 0] >= spans[:-1, 1]
    starts = np.cumsum(counts)[:-1]
    ordered[starts[(starts > 0) & (starts < len(spans))] - 1] = True  # a passage's first sentence
    if not ordered.all():
        raise Corrupt("sentence spans overlap or are out of order")


def check_names(found, documents: int) -> None:
    """names.json's body: document id -> {"names": [[terms], [terms]]..., "initials": {letters: [terms]}}."""
    def texts(x) -> bool:
        return isinstance(x, list) and all(isinstance(t, str) for t in x)

    if not isinstance(found, dict):
        raise Corrupt("names.json holds no object")
    for key, value in found.items():
        if not (key.isdigit() and 1 <= int(key) <= documents and isinstance(value, dict)
                and isinstance(value.get("names"), list) and isinstance(value.get("initials"), dict)
                and all(isinstance(p, list) and len(p) == 2 and texts(p[0]) and texts(p[1]) for p in value["names"])
                and all(texts(v) for v in value["initials"].values())):
            raise Corrupt("names.json does not map document ids to names")


def write(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; the temporary file never stays behind."""
    tmp = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(tmp, "xb") as f:
            f.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def sweep(folder: str) -> None:
    """Remove the temporary files and folders (``.x.<pid>.tmp``, ``.tmp-<pid>-*``) of processes that are gone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = _TEMP.match(name)
        if m is None or _alive(int(m.group(1) or m.group(2))):
            continue
        remove(os.path.join(folder, name))


def remove(path: str) -> None:
    """Remove a file, a link (not what it points to) or a folder with what it holds; quietly."""
    import shutil

    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True
    return True
