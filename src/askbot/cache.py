"""The on-disk index cache: JSON and ``.npy`` files, never pickle.

Under ``<cache>/v2/<content hash>/``, where ``<cache>`` is ``$ASKBOT_HOME/cache``
or ``$XDG_CACHE_HOME/askbot`` (homes.py; no cache without a usable home):

- ``meta.json``: format, askbot version, code fingerprint, content hash, k1, b,
  passages, the vocabulary, avgdl and the records of the postings arrays;
- ``offsets ids tfs weights idf doc_len .npy``: the compiled postings (also for
  one short article: loading them is ~1 ms, while indexing imports rank-bm25
  and its multiprocessing, ~15 ms of a one-shot start);
- ``sentence_counts.npy`` / ``sentence_spans.npy``: sentence offsets, written
  once the corpus has been segmented (pysbd is the slow part of a first answer),
  committed by ``sentences.json``;
- ``sentence_index.json`` and ``sentence_index_<array>.npy``: the postings over
  sentences that the answer stage scores with, written once built (tokenizing
  every sentence again cost a one-shot answer ~25 ms on a 15 KB article).

- ``names.json``: the documents' names found so far (aliases.py).

``meta.json`` also names the article's source (its paths); its modification
time is when the index was last used. Versions of an article's index (one
folder per content) beyond the newest three that have gone unused for 30 days
are removed when a new version is written (cache_prune.py).

Every file is read as untrusted input and proved before use (cachecheck.py). A
cache written by another askbot version or code, or for other parameters, is
stale; one that fails any check is corrupt: either way it is rebuilt, with a
one-line ``CacheWarning``. A cache that cannot be written is skipped, with one.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from typing import TextIO

import numpy as np

from . import __version__, cache_prune, cachecheck, evidence
from .corpus import Corpus, Segmentation
from .index import PostingsIndex
from .retriever import Retriever

FORMAT = 2
MIN_PASSAGES = 2000  # from this size on, a progress bar while indexing or segmenting
ARRAYS = {"offsets": cachecheck.INTS, "ids": cachecheck.INTS, "tfs": cachecheck.INTS,
          "weights": cachecheck.FLOATS, "idf": cachecheck.FLOATS, "doc_len": cachecheck.INTS}
_CODE = ("aliases.py", "analysis.py", "corpus.py", "evidence.py", "index.py", "irregular.py", "retriever.py",
         "segment.py", "sbdfast.py", "sbdabbr.py", "sbdrules.py")


class CacheWarning(UserWarning):
    """The index cache was stale, corrupt or unwritable (and was rebuilt or skipped)."""


class _Stale(Exception):
    pass


def cache_root() -> str | None:
    """The folder of this cache format (homes.py says where), or None when there is no usable home."""
    from .homes import homes, tell

    where = homes()
    if where.cache is None:
        tell(where.problem)
        return None
    return os.path.join(where.cache, f"v{FORMAT}")


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
    root = cache_root() if use_cache else None
    if root is None:
        return Retriever(corpus, k1, b, progress=indexing)
    digest = content_hash(corpus)
    folder = os.path.join(root, digest[:32])
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
    found.on_names = _names_writer(folder, len(names), len(corpus.documents))
    return retriever


def _read(folder: str, meta: dict, corpus: Corpus) -> tuple[PostingsIndex | None, PostingsIndex | None, dict]:
    """The cached postings over passages and over sentences (None: not cached) and the
    documents' names found so far; cached sentences preloaded. A cache that fails any
    check (cachecheck.py) is removed, with one CacheWarning."""
    cachecheck.sweep(os.path.dirname(folder))
    if not os.path.lexists(folder):
        return None, None, {}
    try:
        if not os.path.isdir(folder) or os.path.islink(folder):
            raise cachecheck.Corrupt("not a folder")
        cachecheck.sweep(folder)
        found = cachecheck.read_json(os.path.join(folder, "meta.json"), json_limit(corpus))
        if not isinstance(found, dict):
            raise cachecheck.Corrupt("meta.json holds no object")
        changed = [k for k in meta if found.get(k) != meta[k]]
        if changed:
            raise _Stale(", ".join(f"{k} {found.get(k)!r} -> {meta[k]!r}" for k in changed)[:200])
        index = _read_postings(folder, found, "", len(corpus.passages))
        _read_sentences(folder, corpus)
        return index, _read_sentence_index(folder, corpus), _read_names(folder, corpus)
    except _Stale as e:
        warnings.warn(f"index cache {folder} is stale ({e}); rebuilding", CacheWarning, stacklevel=3)
    except Exception as e:  # the cache is untrusted input: whatever is wrong (MemoryError too), rebuild it
        why = str(e)[:200] or type(e).__name__
        warnings.warn(f"index cache {folder} is corrupt ({why}); rebuilding", CacheWarning, stacklevel=3)
    cachecheck.remove(folder)
    return None, None, {}


def json_limit(corpus: Corpus) -> int:
    """The most bytes a cached JSON file of this corpus can hold: its terms and names come from
    the text, each character at most 12 bytes of JSON (an escaped surrogate pair), plus structure."""
    return 16 * sum(len(d.text) + len(d.title) for d in corpus.documents) + (1 << 20)


def _read_names(folder: str, corpus: Corpus) -> dict:
    path = os.path.join(folder, "names.json")
    if not os.path.lexists(path):
        return {}
    found = cachecheck.read_json(path, json_limit(corpus))
    cachecheck.check_names(found, len(corpus.documents))
    return {int(k): evidence.names_from_json(v) for k, v in found.items()}


def _read_sentence_index(folder: str, corpus: Corpus) -> PostingsIndex | None:
    path = os.path.join(folder, "sentence_index.json")
    if not os.path.lexists(path) or corpus.segmentation is None or not corpus.segmentation.done:
        return None
    found = cachecheck.read_json(path, json_limit(corpus))
    if not isinstance(found, dict):
        raise cachecheck.Corrupt("sentence_index.json holds no object")
    return _read_postings(folder, found, "sentence_index_", len(corpus.sentences))


def _read_postings(folder: str, meta: dict, prefix: str, n: int) -> PostingsIndex:
    """Postings saved by ``_save_postings`` under ``prefix``, proved to fit ``n`` documents."""
    records = meta.get("arrays")
    if not isinstance(records, dict):
        raise cachecheck.Corrupt("no records of the postings arrays")
    arrays = {name: cachecheck.read_array(os.path.join(folder, f"{prefix}{name}.npy"), records.get(name),
                                          dtype, 1) for name, dtype in ARRAYS.items()}
    terms, avgdl, k1, b = meta.get("terms"), meta.get("avgdl"), meta.get("k1"), meta.get("b")
    cachecheck.check_postings(arrays, terms, n, avgdl)
    if not (isinstance(k1, float) and isinstance(b, float)):
        raise cachecheck.Corrupt("k1 or b is not a number")
    return PostingsIndex({t: j for j, t in enumerate(terms)}, arrays["offsets"], arrays["ids"], arrays["tfs"],
                         arrays["weights"], arrays["idf"], arrays["doc_len"], k1, b, avgdl)


def _read_sentences(folder: str, corpus: Corpus) -> None:
    seg, path = corpus.segmentation, os.path.join(folder, "sentences.json")
    if seg is None or not os.path.lexists(path):
        return
    records = cachecheck.read_json(path, json_limit(corpus))
    if not isinstance(records, dict):
        raise cachecheck.Corrupt("sentences.json holds no records")
    counts, spans = (cachecheck.read_array(os.path.join(folder, f"sentence_{name}.npy"), records.get(name),
                                           cachecheck.INTS, ndim) for name, ndim in (("counts", 1), ("spans", 2)))
    cachecheck.check_spans(counts, spans, len(corpus.passages))
    if not seg.preload(counts.tolist(), [tuple(s) for s in spans.tolist()]):
        raise cachecheck.Corrupt("sentence spans do not fit the corpus")


def _write(folder: str, meta: dict, index: PostingsIndex) -> None:
    """Write meta.json and the postings into a fresh folder, renamed into place whole."""
    import shutil
    import tempfile

    tmp = None
    try:
        parent = os.path.dirname(folder)
        os.makedirs(parent, exist_ok=True)
        tmp = tempfile.mkdtemp(prefix=f".tmp-{os.getpid()}-", dir=parent)
        body = {**meta, **_save_postings(tmp, "", index)}
        cachecheck.write(os.path.join(tmp, "meta.json"), cachecheck.dumps(body))
        cachecheck.remove(folder)
        os.replace(tmp, folder)
    except (OSError, ValueError) as e:
        _cannot(f"write the index cache under {os.path.dirname(folder)}", e)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _cannot(what: str, e: Exception) -> None:
    why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
    warnings.warn(f"cannot {what} ({why})", CacheWarning, stacklevel=3)


def _write_sentences(folder: str, seg: Segmentation) -> None:
    """The sentence spans; sentences.json, written last, holds their records and marks them complete."""
    if not os.path.isfile(os.path.join(folder, "meta.json")):
        return
    counts, spans = seg.spans()
    records = {}
    try:
        for name, arr in (("spans", np.array(spans, dtype=np.int64).reshape(-1, 2)),
                          ("counts", np.array(counts, dtype=np.int64))):
            data = cachecheck.npy_bytes(arr)
            cachecheck.write(os.path.join(folder, f"sentence_{name}.npy"), data)
            records[name] = cachecheck.record(data, arr)
        cachecheck.write(os.path.join(folder, "sentences.json"), cachecheck.dumps(records))
    except (OSError, ValueError) as e:
        _cannot(f"cache sentences in {folder}", e)


def _save_postings(folder: str, prefix: str, index: PostingsIndex) -> dict:
    """Write the postings arrays; what the committing JSON holds of them (avgdl, terms, records)."""
    records = {}
    for name in ARRAYS:
        array = getattr(index, name)
        data = cachecheck.npy_bytes(array)
        cachecheck.write(os.path.join(folder, f"{prefix}{name}.npy"), data)
        records[name] = cachecheck.record(data, array)
    return {"k1": float(index.k1), "b": float(index.b), "avgdl": float(index.avgdl), "terms": list(index.vocab),
            "arrays": records}


def _write_sentence_index(folder: str, index: PostingsIndex) -> None:
    """The sentence postings beside the passage ones; the JSON, written last, commits them."""
    if not os.path.isfile(os.path.join(folder, "meta.json")):
        return
    try:
        body = _save_postings(folder, "sentence_index_", index)
        cachecheck.write(os.path.join(folder, "sentence_index.json"), cachecheck.dumps(body))
    except (OSError, ValueError) as e:
        _cannot(f"cache the sentence index in {folder}", e)


def _names_writer(folder: str, cached: int, documents: int) -> Callable[[dict], None]:
    """``on_names`` for a retriever: writes names.json when the names found have doubled since the
    last write, or cover every document (a 5,000-article folder is written ~13 times, not 5,000)."""
    written = cached

    def on_names(names: dict) -> None:
        nonlocal written
        if len(names) >= 2 * written or len(names) == documents:
            written = len(names)
            _write_names(folder, names)

    return on_names


def _write_names(folder: str, names: dict) -> None:
    """Every document's names found so far (rewritten whole)."""
    if not os.path.isfile(os.path.join(folder, "meta.json")):
        return
    try:
        body = {str(d): n.to_json() for d, n in sorted(names.items())}
        cachecheck.write(os.path.join(folder, "names.json"), cachecheck.dumps(body))
    except (OSError, ValueError) as e:
        _cannot(f"cache names in {folder}", e)
