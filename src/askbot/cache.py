"""The on-disk index cache: JSON and ``.npy`` files, never pickle.

Under ``$XDG_CACHE_HOME/askbot/v1/<content hash>/``:

- ``meta.json``: format, askbot version, code fingerprint, content hash, k1, b,
  passages, the vocabulary, avgdl and the article's source (its paths); its
  modification time is when the index was last used;
- ``offsets ids tfs weights idf doc_len .npy``: the compiled postings (also for
  one short article: loading them is ~1 ms, while indexing imports rank-bm25
  and its multiprocessing, ~15 ms of a one-shot start);
- ``sentence_counts.npy`` / ``sentence_spans.npy``: sentence offsets, written
  once the corpus has been segmented (pysbd is the slow part of a first answer);
- ``sentence_index.json`` and ``sentence_index_<array>.npy``: the postings over
  sentences that the answer stage scores with, written once built (tokenizing
  every sentence again cost a one-shot answer ~25 ms on a 15 KB article).

Versions of an article's index (one folder per content) beyond the newest three
that have gone unused for 30 days are removed when a new version is written
(cache_prune.py).

A cache written by another askbot version or code, or for other parameters, is
stale; one that does not load is corrupt: either way it is rebuilt, with a
one-line ``CacheWarning``. A cache that cannot be written is skipped, with one.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from typing import TextIO

import numpy as np

from . import __version__, cache_prune, evidence
from .corpus import Corpus, Segmentation
from .index import PostingsIndex
from .retriever import Retriever

FORMAT = 1
MIN_PASSAGES = 2000  # from this size on, a progress bar while indexing or segmenting
ARRAYS = ("offsets", "ids", "tfs", "weights", "idf", "doc_len")
_CODE = ("aliases.py", "analysis.py", "corpus.py", "evidence.py", "index.py", "irregular.py", "retriever.py",
         "segment.py")


_NPY_HEADER = re.compile(rb"\{'descr': '([<>|=][a-z]\d+)', 'fortran_order': False, 'shape': \((\d*),? ?(\d*),?\), \}")


def load_array(path: str) -> np.ndarray:
    """``np.load(path, allow_pickle=False)`` for the plain arrays askbot writes, read-only and
    ~10x faster (np.load parses each header with ast: ~0.2 ms a file, 14 files a one-shot answer)."""
    with open(path, "rb") as f:
        data = f.read()
    size = int.from_bytes(data[8:10], "little")
    m = _NPY_HEADER.match(data[10:10 + size].rstrip()) if data[:8] == b"\x93NUMPY\x01\x00" else None
    if m is None:  # another .npy version or layout: numpy reads it (or says why not)
        return np.load(path, allow_pickle=False)
    shape = tuple(int(x) for x in m.groups()[1:] if x)
    return np.frombuffer(data, dtype=np.dtype(m.group(1).decode()), offset=10 + size).reshape(shape)


class CacheWarning(UserWarning):
    """The index cache was stale, corrupt or unwritable (and was rebuilt or skipped)."""


class _Stale(Exception):
    pass


def cache_root() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "askbot", f"v{FORMAT}")


def _blake2b():
    """A BLAKE2b hasher; from _blake2 directly, as hashlib loads OpenSSL first (~5 ms of start-up)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # an interpreter without the module: hashlib has it
        from hashlib import blake2b
    return blake2b()


def content_hash(corpus: Corpus) -> str:
    h = _blake2b()
    for doc in corpus.documents:
        for part in (doc.title, doc.text):
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "little") + data)
    return h.hexdigest()


def code_fingerprint() -> str:
    """Hash of the code that decides terms, postings and sentences."""
    h = _blake2b()
    for name in _CODE:
        with open(os.path.join(os.path.dirname(__file__), name), "rb") as f:
            h.update(f.read())
    return h.hexdigest()[:16]


class Progress:
    """``askbot: indexing [#####     ] 50%`` on one line of a terminal."""

    def __init__(self, label: str, stream: TextIO, width: int = 30):
        self.label, self.stream, self.width, self.shown = label, stream, width, -1

    def __call__(self, done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(share * self.width)
        if filled == self.shown:
            return
        self.shown = filled
        bar = "#" * filled + " " * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\raskbot: {self.label} [{bar}] {share:4.0%}{end}")
        self.stream.flush()


def load_retriever(corpus: Corpus, *, use_cache: bool = True, min_passages: int = MIN_PASSAGES,
                   stream: TextIO | None = None, k1: float = 1.2, b: float = 0.75) -> Retriever:
    """A Retriever for ``corpus``, from the cache when it holds one.

    ``stream`` (e.g. sys.stderr when it is a terminal) gets a progress bar
    while a large corpus is indexed or segmented.
    """
    show = stream is not None and len(corpus.passages) >= min_passages
    seg = corpus.segmentation
    if seg is not None and show:
        seg.progress = Progress("finding sentences", stream)
    indexing = Progress("indexing", stream) if show else None
    if not use_cache:
        return Retriever(corpus, k1, b, progress=indexing)
    digest = content_hash(corpus)
    folder = os.path.join(cache_root(), digest[:32])
    meta = {"format": FORMAT, "askbot": __version__, "code": code_fingerprint(),
            "content": digest, "k1": k1, "b": b, "passages": len(corpus.passages)}
    index, sentence_index, names = _read(folder, meta, corpus)
    retriever = Retriever(corpus, k1, b, index=index, progress=indexing)
    if index is None:
        source = cache_prune.source_of([d.path for d in corpus.documents], corpus.title)
        _write(folder, {**meta, "source": source}, retriever.index)
        cache_prune.prune(os.path.dirname(folder), source)
    else:
        cache_prune.touch(folder)
    if seg is not None and not seg.done:
        seg.on_done = lambda s: _write_sentences(folder, s)
    found = evidence.attach(retriever, evidence.Evidence(corpus, k1, b, retriever.index))
    if sentence_index is not None:
        found.preload_sentence_index(sentence_index)
    else:
        found.on_sentence_index = lambda x: _write_sentence_index(folder, x)
    found.preload_names(names)
    found.on_names = lambda names: _write_names(folder, names)
    return retriever


def _read(folder: str, meta: dict, corpus: Corpus) -> tuple[PostingsIndex | None, PostingsIndex | None, dict]:
    """The cached postings over passages and over sentences (None: not cached) and the
    documents' names found so far; cached sentences preloaded."""
    if not os.path.exists(folder):
        return None, None, {}
    try:
        with open(os.path.join(folder, "meta.json"), encoding="utf-8") as f:
            found = json.load(f)
        if not isinstance(found, dict):
            raise ValueError("meta.json holds no object")
        changed = [k for k in meta if found.get(k) != meta[k]]
        if changed:
            raise _Stale(", ".join(f"{k} {found.get(k)!r} -> {meta[k]!r}" for k in changed)[:200])
        index = _read_postings(folder, found, "", found["passages"])
        _read_sentences(folder, corpus.segmentation)
        return index, _read_sentence_index(folder, corpus), _read_names(folder, len(corpus.documents))
    except _Stale as e:
        warnings.warn(f"index cache {folder} is stale ({e}); rebuilding", CacheWarning, stacklevel=3)
    except (OSError, ValueError, KeyError, TypeError, IndexError) as e:
        warnings.warn(f"index cache {folder} is corrupt ({e}); rebuilding", CacheWarning, stacklevel=3)
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    return None, None, {}


def _read_names(folder: str, documents: int) -> dict:
    """The names (aliases.Names) of documents, by document id."""
    path = os.path.join(folder, "names.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        found = json.load(f)
    if not isinstance(found, dict) or not all(k.isdigit() and 1 <= int(k) <= documents for k in found):
        raise ValueError("names.json does not map document ids to names")
    return {int(k): evidence.names_from_json(v) for k, v in found.items()}


def _read_sentence_index(folder: str, corpus: Corpus) -> PostingsIndex | None:
    path = os.path.join(folder, "sentence_index.json")
    if not os.path.exists(path) or corpus.segmentation is None or not corpus.segmentation.done:
        return None
    with open(path, encoding="utf-8") as f:
        found = json.load(f)
    if not isinstance(found, dict):
        raise ValueError("sentence_index.json holds no object")
    return _read_postings(folder, found, "sentence_index_", len(corpus.sentences))


def _read_postings(folder: str, meta: dict, prefix: str, n: int) -> PostingsIndex:
    """Postings saved by ``_save_postings`` under ``prefix``, checked to fit ``n`` documents."""
    arrays = {name: load_array(os.path.join(folder, f"{prefix}{name}.npy")) for name in ARRAYS}
    terms = meta["terms"]
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
        raise ValueError("vocabulary is not a list of terms")
    offsets, ids = arrays["offsets"], arrays["ids"]
    sizes_ok = (len(offsets) == len(terms) + 1 == len(arrays["idf"]) + 1 and len(arrays["doc_len"]) == n
                and offsets[0] == 0 and offsets[-1] == len(ids) == len(arrays["tfs"]) == len(arrays["weights"]))
    if not sizes_ok or np.any(np.diff(offsets) < 0) or (len(ids) and not 0 <= ids.min() <= ids.max() < n):
        raise ValueError("postings arrays do not fit together")
    return PostingsIndex({t: j for j, t in enumerate(terms)}, offsets, ids, arrays["tfs"], arrays["weights"],
                         arrays["idf"], arrays["doc_len"], float(meta["k1"]), float(meta["b"]), float(meta["avgdl"]))


def _read_sentences(folder: str, seg: Segmentation | None) -> None:
    counts_file = os.path.join(folder, "sentence_counts.npy")
    if seg is None or not os.path.exists(counts_file):
        return
    counts = load_array(counts_file)
    spans = load_array(os.path.join(folder, "sentence_spans.npy"))
    if counts.ndim != 1 or spans.ndim != 2 or spans.shape[1:] != (2,):
        raise ValueError("sentence arrays have the wrong shape")
    if not seg.preload(counts.tolist(), [tuple(s) for s in spans.tolist()]):
        raise ValueError("sentence spans do not fit the corpus")


def _write(folder: str, meta: dict, index: PostingsIndex) -> None:
    """Write meta.json (and the postings) into a fresh folder, atomically."""
    import shutil
    import tempfile

    try:
        parent = os.path.dirname(folder)
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=".tmp-", dir=parent)
        try:
            _save_postings(tmp, "", index)
            with open(os.path.join(tmp, "meta.json"), "w", encoding="utf-8") as f:
                json.dump({**meta, "avgdl": index.avgdl, "terms": list(index.vocab)}, f)
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(tmp, folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError as e:
        warnings.warn(f"cannot write the index cache under {os.path.dirname(folder)} ({e.strerror or e})",
                      CacheWarning, stacklevel=3)


def _write_sentences(folder: str, seg: Segmentation) -> None:
    if not os.path.exists(os.path.join(folder, "meta.json")):
        return
    counts, spans = seg.spans()
    try:
        for name, arr in (("sentence_spans", np.array(spans, dtype=np.int64).reshape(-1, 2)),
                          ("sentence_counts", np.array(counts, dtype=np.int64))):  # counts last: they mark done
            tmp = os.path.join(folder, f".{name}.{os.getpid()}.npy")
            np.save(tmp, arr, allow_pickle=False)
            os.replace(tmp, os.path.join(folder, f"{name}.npy"))
    except OSError as e:
        warnings.warn(f"cannot cache sentences in {folder} ({e.strerror or e})", CacheWarning, stacklevel=2)


def _save_postings(folder: str, prefix: str, index: PostingsIndex) -> None:
    for name in ARRAYS:
        np.save(os.path.join(folder, f"{prefix}{name}.npy"), getattr(index, name), allow_pickle=False)


def _write_sentence_index(folder: str, index: PostingsIndex) -> None:
    """The sentence postings beside the passage ones; the JSON, written last, marks them complete."""
    if not os.path.exists(os.path.join(folder, "meta.json")):
        return
    tmp = os.path.join(folder, f".sentence_index.{os.getpid()}.json")
    try:
        _save_postings(folder, "sentence_index_", index)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"k1": index.k1, "b": index.b, "avgdl": index.avgdl, "terms": list(index.vocab)}, f)
        os.replace(tmp, os.path.join(folder, "sentence_index.json"))
    except OSError as e:
        warnings.warn(f"cannot cache the sentence index in {folder} ({e.strerror or e})", CacheWarning, stacklevel=2)


def _write_names(folder: str, names: dict) -> None:
    """Every document's names found so far (rewritten whole: a few KB an article)."""
    if not os.path.exists(os.path.join(folder, "meta.json")):
        return
    tmp = os.path.join(folder, f".names.{os.getpid()}.json")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({str(d): n.to_json() for d, n in sorted(names.items())}, f)
        os.replace(tmp, os.path.join(folder, "names.json"))
    except OSError as e:
        warnings.warn(f"cannot cache names in {folder} ({e.strerror or e})", CacheWarning, stacklevel=2)
