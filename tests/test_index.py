"""Compiled postings vs rank-bm25's full scan; multi-document corpora; lazy sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

import askbot
from askbot import blockmax, cache, cachecheck, evidence
from askbot import index as index_module
from askbot.cli import main
from askbot.index import PostingsIndex
from askbot.retriever import LuceneBM25

WORDS = st.sampled_from(["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"])
PASSAGES = st.lists(st.lists(WORDS, max_size=12), max_size=25)
QUERIES = st.lists(st.one_of(WORDS, st.just("zz")), max_size=8)  # "zz" is in no passage


def reference(bm25, terms, k):
    """rank-bm25's full scan, ranked as Retriever.search promises."""
    scores = bm25.get_scores(terms)
    order = sorted(np.flatnonzero(scores > 0), key=lambda i: (-scores[i], i))[:k]
    return [int(i) for i in order], [float(scores[i]) for i in order]


def top_k_with_share(index, terms, k, block, first=blockmax.FIRST_BLOCKS):
    """index.top_k with index.BLOCK (0: always dense) and blockmax.FIRST_BLOCKS set for the call, at any size."""
    saved = index_module.BLOCK, index_module.BLOCKED_FROM, blockmax.FIRST_BLOCKS, index_module.LISTS_BELOW
    index_module.BLOCK, index_module.BLOCKED_FROM, blockmax.FIRST_BLOCKS = block, 0, first
    index_module.LISTS_BELOW = 0
    try:
        return index.top_k(terms, k)
    finally:
        index_module.BLOCK, index_module.BLOCKED_FROM, blockmax.FIRST_BLOCKS, index_module.LISTS_BELOW = saved


# k1 = 0, or b = 1 with an empty passage, make rank-bm25 divide 0 by 0 (NaN): not BM25 any more.
@settings(max_examples=400, deadline=None)
@given(PASSAGES, QUERIES, st.integers(1, 30), st.floats(0.01, 3.0), st.floats(0.0, 1.0, exclude_max=True),
       st.sampled_from([0, 1, 2, 4, index_module.BLOCK]))
def test_top_k_equals_full_scan(passages, terms, k, k1, b, sparse_share):
    bm25 = LuceneBM25(passages, k1=k1, b=b)
    index = PostingsIndex.from_bm25(bm25)
    ids, scores = top_k_with_share(index, terms, k, sparse_share)  # dense only ... prune
    want_ids, want_scores = reference(bm25, terms, k)
    assert ids.tolist() == want_ids
    assert np.allclose(scores, want_scores, rtol=0, atol=1e-9)
    if passages:
        assert np.allclose(index.scores(terms), bm25.get_scores(terms), rtol=0, atol=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=12), min_size=1, max_size=25), QUERIES, st.integers(1, 30),
       st.floats(0.01, 3.0))
def test_a_small_index_sums_python_lists_to_the_same_bits(passages, terms, k, k1):
    index = PostingsIndex.from_bm25(LuceneBM25(passages, k1=k1))
    ids, scores = index.top_k(terms, k)  # fewer than LISTS_BELOW passages: Python lists
    want_ids, want_scores = top_k_with_share(index, terms, k, 0)  # np.bincount over every posting
    assert ids.dtype == want_ids.dtype and scores.dtype == want_scores.dtype
    assert ids.tolist() == want_ids.tolist() and scores.tolist() == want_scores.tolist()


SKEWED = st.integers(0, 39).map(lambda i: f"w{i * i // 40}")  # w0 common ... w38 rare


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(SKEWED, max_size=12), min_size=1, max_size=60), st.lists(SKEWED, min_size=2, max_size=6),
       st.integers(1, 8), st.sampled_from([1, 2, 3, 4]), st.sampled_from([1, 2, 4]))
def test_block_max_pruning_is_exact(passages, terms, k, block, first):
    bm25 = LuceneBM25(passages)
    index = PostingsIndex.from_bm25(bm25)
    ids, scores = top_k_with_share(index, terms, k, block, first)
    want_ids, want_scores = reference(bm25, terms, k)
    assert ids.tolist() == want_ids
    assert scores.tolist() == want_scores  # bit for bit


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=12), min_size=1, max_size=25), QUERIES)
def test_plain_okapi_idf_compiles_too(passages, terms):
    bm25 = BM25Okapi(passages)  # negative IDF and epsilon floor: still the same scores
    index = PostingsIndex.from_bm25(bm25)
    assert np.allclose(index.scores(terms), bm25.get_scores(terms), rtol=0, atol=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=12), max_size=25), QUERIES, st.floats(0.01, 3.0),
       st.floats(0.0, 1.0), st.data())
def test_from_tokens_is_rank_bm25s_index_without_rank_bm25(passages, terms, k1, b, data):
    built = PostingsIndex.from_tokens(passages, k1=k1, b=b)
    bm25 = LuceneBM25(passages, k1=k1, b=b)
    want = PostingsIndex.from_bm25(bm25)
    assert built.vocab == want.vocab and built.avgdl == want.avgdl
    for name in ("offsets", "ids", "tfs", "weights", "idf", "doc_len"):
        assert getattr(built, name).tolist() == getattr(want, name).tolist()
    if passages:
        ids = data.draw(st.lists(st.integers(0, len(passages) - 1), max_size=30))
        assert built.batch_scores(terms, ids) == bm25.get_batch_scores(terms, ids)  # bit for bit


def test_duplicate_query_terms_count_twice():
    bm25 = LuceneBM25([["ab", "cd"], ["cd"], ["ef"]])
    index = PostingsIndex.from_bm25(bm25)
    once, twice = index.top_k(["ab"], 3)[1], index.top_k(["ab", "ab"], 3)[1]
    assert twice[0] == 2 * once[0] == bm25.get_scores(["ab", "ab"])[0]


def test_ties_keep_passage_order_across_the_k_boundary():
    bm25 = LuceneBM25([["ab"], ["cd"], ["ab"], ["ab"], ["ab"]])
    ids, scores = PostingsIndex.from_bm25(bm25).top_k(["ab"], 2)
    assert ids.tolist() == [0, 2] and scores[0] == scores[1]


def test_empty_corpus_and_empty_query():
    index = PostingsIndex.from_bm25(LuceneBM25([]))
    assert index.top_k(["ab"], 3)[0].tolist() == []
    index = PostingsIndex.from_bm25(LuceneBM25([["ab"]]))
    assert index.top_k([], 3)[0].tolist() == [] and index.top_k(["ab"], 0)[0].tolist() == []


def test_retriever_search_matches_scores(bridge_retriever):
    terms = askbot.tokenize("bridge ferry workers opened Norway bridge")
    scores = bridge_retriever.scores(terms)
    hits = bridge_retriever.search(terms, 4)
    want = sorted(np.flatnonzero(scores > 0), key=lambda i: (-scores[i], i))[:4]
    assert [h.passage.id for h in hits] == [int(i) + 1 for i in want]
    assert [h.score for h in hits] == [float(scores[i]) for i in want]


def test_bm25_rebuilt_from_postings_scores_alike(bridge_retriever):
    rebuilt = LuceneBM25.from_postings(bridge_retriever.index)
    terms = askbot.tokenize("bridge cost billion concrete")
    assert rebuilt.get_scores(terms).tolist() == bridge_retriever.bm25.get_scores(terms).tolist()
    assert rebuilt.idf == bridge_retriever.bm25.idf and rebuilt.corpus_size == bridge_retriever.corpus_size


# -- corpora of several documents ---------------------------------------------------------------


def _folder(tmp_path):
    (tmp_path / "b-sub").mkdir()
    (tmp_path / "a-first.txt").write_text("Alpha opens. Alpha closes.\n\nBeta follows here.\n")
    (tmp_path / "b-sub" / "second_doc.md").write_text("Gamma river floods. Delta dries.\n")
    (tmp_path / "notes.csv").write_text("Ignored, not an article.\n")
    return tmp_path


def test_folder_corpus_numbers_passages_and_sentences_across_documents(tmp_path):
    corpus = askbot.Corpus.from_path(_folder(tmp_path))
    assert [d.title for d in corpus.documents] == ["a first", "second doc"]
    assert [(p.id, p.document_id) for p in corpus.passages] == [(1, 1), (2, 1), (3, 2)]
    assert [(s.id, s.passage_id, s.document_id, s.text) for s in corpus.sentences] == [
        (1, 1, 1, "Alpha opens."), (2, 1, 1, "Alpha closes."), (3, 2, 1, "Beta follows here."),
        (4, 3, 2, "Gamma river floods."), (5, 3, 2, "Delta dries."),
    ]
    for s in corpus.sentences:
        assert corpus.document(s.document_id).text[s.start:s.end] == s.text
        assert s in corpus.passage(s.passage_id).sentences


def test_citation_names_its_document_when_several(tmp_path):
    corpus = askbot.Corpus.from_path(_folder(tmp_path))
    answer = askbot.ask("Which river floods?", askbot.Retriever(corpus))
    assert [(c.id, c.document) for c in answer.citations] == [(4, 2)]
    from askbot.render import as_text

    text = as_text(answer, {d.id: d.title for d in corpus.documents})
    assert text.splitlines()[-1] == "[4] second doc (b-sub/second_doc.md) — **Gamma** river floods."
    assert (answer.citations[0].title, answer.citations[0].path) == ("second doc", "b-sub/second_doc.md")


def test_cli_corpus_folder_names_documents(tmp_path, capsys):
    assert main(["ask", "--corpus", str(_folder(tmp_path)), "Which river floods?"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "[4] second doc (b-sub/second_doc.md) — **Gamma** river floods."


# -- lazy sentence segmentation -----------------------------------------------------------------


def test_sentences_are_segmented_lazily_with_eager_ids(bridge_path):
    lazy = askbot.Corpus.from_path(bridge_path)
    assert not lazy.segmentation.done
    eager = askbot.Corpus.from_path(bridge_path)
    everything = eager.sentences  # the whole corpus at once
    assert eager.segmentation.done
    last = lazy.passages[-1].sentences  # a late passage first
    assert last == tuple(s for s in everything if s.passage_id == lazy.passages[-1].id)
    assert lazy.sentences == everything
    assert [s.id for s in everything] == list(range(1, len(everything) + 1))


# -- the index cache ----------------------------------------------------------------------------

def _big_corpus():
    paras = [f"Para{i} word{i % 7} shared term{i % 3}. Second line {i % 5} here." for i in range(40)]
    return askbot.Corpus.from_text("\n\n".join(paras))


def _cache_dirs():
    root = Path(cache.cache_root())
    return sorted(p for p in root.iterdir() if not p.name.startswith(".")) if root.exists() else []


def test_cache_round_trip_gives_the_same_index_and_sentences():
    built = cache.load_retriever(_big_corpus(), min_passages=10)
    [folder] = _cache_dirs()
    assert {p.name for p in folder.iterdir()} >= {"meta.json", "ids.npy", "weights.npy", "offsets.npy"}
    sentences = built.corpus.sentences  # segmenting writes the spans too
    assert (folder / "sentence_spans.npy").exists()
    corpus = _big_corpus()
    loaded = cache.load_retriever(corpus, min_passages=10)
    assert corpus.segmentation.done  # from the cache, no pysbd
    assert loaded.index.vocab == built.index.vocab
    for name in cache.ARRAYS:
        assert np.array_equal(getattr(loaded.index, name), getattr(built.index, name))
    assert corpus.sentences == sentences
    terms = askbot.tokenize("word3 shared term1 para7")
    assert loaded.search(terms, 5) == built.search(terms, 5)
    assert loaded.scores(terms).tolist() == built.scores(terms).tolist()  # rank-bm25 rebuilt from postings
    assert loaded.idf("term1") == built.idf("term1") and loaded.corpus_size == 40


def test_one_short_article_is_cached_whole_and_answers_without_rank_bm25(bridge_path, tmp_path):
    import subprocess
    import sys

    assert cache.load_retriever(askbot.Corpus.from_path(bridge_path)).corpus.sentences
    [folder] = _cache_dirs()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{name}.npy" for name in cache.ARRAYS]
        + ["meta.json", "sentence_counts.npy", "sentence_spans.npy", "sentences.json"])
    argv = ["ask", "--corpus", str(bridge_path), "When did it open?"]
    code = (f"import sys, askbot.cli; assert askbot.cli.main({argv!r}) == 0; "
            "print(sorted({'rank_bm25', 'pysbd', 'multiprocessing', 'pathlib', 'hashlib'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Sept. 13\n\n[1] On **Sept. 13**,") and done.stdout.endswith("\n[]\n")


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["<i4", "<i8", "<f8"]), st.integers(0, 40), st.integers(0, 3))
def test_read_array_reads_what_np_save_writes(tmp_path_factory, dtype, rows, cols):
    shape = (rows, cols) if cols else (rows,)
    want = (np.arange(rows * max(cols, 1)) * 7 - 3).astype(dtype).reshape(shape)
    path = tmp_path_factory.mktemp("npy") / "a.npy"
    data = cachecheck.npy_bytes(want)
    path.write_bytes(data)
    got = cachecheck.read_array(str(path), cachecheck.record(data, want), (dtype,), len(shape))
    assert got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)


def test_sentence_index_is_cached_once_built_and_preloaded_after(bridge_path):
    built = cache.load_retriever(askbot.Corpus.from_path(bridge_path))
    assert askbot.ask("When did the bridge open?", built).found  # builds the sentence index, which is written
    [folder] = _cache_dirs()
    assert (folder / "sentence_index.json").exists() and (folder / "sentence_index_weights.npy").exists()
    loaded = evidence.of(cache.load_retriever(askbot.Corpus.from_path(bridge_path)))
    assert loaded._sentence_index is not None  # preloaded: no sentence is tokenized again
    fresh = evidence.of(askbot.Retriever(askbot.Corpus.from_path(bridge_path))).sentence_index
    assert loaded.sentence_index.vocab == fresh.vocab and loaded.sentence_index.avgdl == fresh.avgdl
    for name in cache.ARRAYS:
        assert np.array_equal(getattr(loaded.sentence_index, name), getattr(fresh, name))
    assert loaded._names.keys() == {1}  # the article's names, preloaded too
    assert loaded.names(1).to_json() == evidence.of(built).names(1).to_json()
    np.save(folder / "sentence_index_ids.npy", np.zeros(2, dtype=np.int32))
    with pytest.warns(cache.CacheWarning, match=r"is corrupt \(sentence_index_ids.npy does not match its record\); "
                      "rebuilding"):
        again = cache.load_retriever(askbot.Corpus.from_path(bridge_path))
    assert evidence.of(again)._sentence_index is None and askbot.ask("When did the bridge open?", again).found


@pytest.mark.parametrize("damage", ["garbage-meta", "truncated-array", "wrong-sizes", "bad-spans", "bad-names"])
def test_corrupt_cache_is_rebuilt_with_a_notice(damage):
    built = cache.load_retriever(_big_corpus(), min_passages=10)
    assert built.corpus.sentences
    [folder] = _cache_dirs()
    if damage == "garbage-meta":
        (folder / "meta.json").write_text("{not json")
    elif damage == "truncated-array":
        (folder / "weights.npy").write_bytes((folder / "weights.npy").read_bytes()[:90])
    elif damage == "wrong-sizes":
        np.save(folder / "ids.npy", np.zeros(3, dtype=np.int32))
    elif damage == "bad-names":
        (folder / "names.json").write_text('{"7": {"names": [], "initials": {}}}')
    else:
        np.save(folder / "sentence_spans.npy", np.array([[5, 1]] * 80))
    with pytest.warns(cache.CacheWarning, match=r"index cache .* is corrupt \(.*\); rebuilding"):
        again = cache.load_retriever(_big_corpus(), min_passages=10)
    terms = askbot.tokenize("word3 shared")
    assert again.search(terms, 5) == built.search(terms, 5)
    assert again.corpus.sentences == built.corpus.sentences
    assert cachecheck.read_json(str(folder / "meta.json"))["format"] == cache.FORMAT and (folder / "ids.npy").exists()


def test_stale_cache_is_rebuilt_with_a_notice(monkeypatch):
    cache.load_retriever(_big_corpus(), min_passages=10)
    monkeypatch.setattr(cache, "__version__", "9.9.9")
    with pytest.warns(cache.CacheWarning, match=r"is stale \(askbot '0\.1\.0' -> '9\.9\.9'\); rebuilding"):
        cache.load_retriever(_big_corpus(), min_passages=10)
    [folder] = _cache_dirs()
    assert cachecheck.read_json(str(folder / "meta.json"))["askbot"] == "9.9.9"


def test_no_cache_neither_reads_nor_writes(tmp_path, bridge_path, capsys):
    question = "When did the bridge open?"
    outs = []
    for argv in (["ask", "--no-cache", "--corpus", str(bridge_path), question],
                 ["--no-cache", "--corpus", str(bridge_path), "ask", question]):
        assert main(argv) == 0
        outs.append(capsys.readouterr().out)
    assert _cache_dirs() == []
    for _ in range(2):  # writes the cache, then reads it
        assert main(["ask", "--corpus", str(bridge_path), question]) == 0
        outs.append(capsys.readouterr().out)
    assert len(_cache_dirs()) == 1
    assert outs[0].startswith("Sept. 13\n\n[1] On **Sept. 13**,") and len(set(outs)) == 1


def test_cli_prints_a_one_line_notice_for_a_corrupt_cache(bridge_path, capsys):
    assert main(["ask", "--corpus", str(bridge_path), "When did the bridge open?"]) == 0
    [folder] = _cache_dirs()
    (folder / "meta.json").write_bytes(cachecheck.dumps([]))
    capsys.readouterr()
    assert main(["ask", "--corpus", str(bridge_path), "When did the bridge open?"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("askbot: warning: index cache ")
    assert err.endswith(" is corrupt (meta.json holds no object); rebuilding\n")


def test_unwritable_cache_is_skipped_with_a_notice(tmp_path, monkeypatch):
    (tmp_path / "blocked").write_text("a file where the cache folder would go")
    monkeypatch.setenv("ASKBOT_HOME", str(tmp_path / "blocked"))
    with pytest.warns(cache.CacheWarning, match="cannot write the index cache"):
        r = cache.load_retriever(_big_corpus(), min_passages=10)
    assert r.search(["share"], 1)


def test_progress_bar_for_a_large_corpus():
    import io

    stream = io.StringIO()
    r = cache.load_retriever(_big_corpus(), use_cache=False, min_passages=10, stream=stream)
    assert r.corpus.sentences
    shown = stream.getvalue()
    assert "\raskbot: indexing [" in shown and "] 100%\n" in shown
    assert "\raskbot: finding sentences [" in shown
    quiet = io.StringIO()
    cache.load_retriever(_big_corpus(), use_cache=False, min_passages=1000, stream=quiet)
    assert quiet.getvalue() == ""


# -- start-up -----------------------------------------------------------------------------------


def test_public_names_resolve_lazily_and_ask_imports_no_prompt_toolkit(bridge_path):
    import subprocess
    import sys

    for name in askbot.__all__:
        assert getattr(askbot, name) is not None
    argv = ["ask", "--no-cache", "--corpus", str(bridge_path), "When did it open?"]
    code = ("import sys, askbot, askbot.cli; assert 'numpy' not in sys.modules; "
            f"assert askbot.cli.main({argv!r}) == 0; "
            "assert 'prompt_toolkit' not in sys.modules and 'bm25s' not in sys.modules")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Sept. 13\n\n[1] On **Sept. 13**,")


def test_old_versions_of_an_article_leave_the_cache(tmp_path):
    import os
    import time

    from askbot import cache_prune

    article = tmp_path / "article.txt"
    folders = []
    for n in range(5):  # five edits of one article: five versions
        article.write_text(f"Version {n} of the bridge story.\n\nIt opened in 19{n}0.\n", encoding="utf-8")
        cache.load_retriever(askbot.Corpus.from_path(article))
        [new] = set(_cache_dirs()) - set(folders)
        folders.append(new)
    assert len(_cache_dirs()) == 5  # all recently used: none removed
    day = 86400
    for age, folder in zip([90, 80, 70, 60, 0], folders, strict=True):  # days since each was last used
        os.utime(folder / "meta.json", (time.time() - age * day,) * 2)
    other = tmp_path / "other.txt"
    other.write_text("Another article.\n", encoding="utf-8")
    cache.load_retriever(askbot.Corpus.from_path(other))  # another source: prunes nothing of the first
    assert len(_cache_dirs()) == 6
    removed = cache_prune.prune(str(folders[0].parent), cache_prune.source_of([str(article)], ""))
    assert sorted(removed) == sorted(str(f) for f in folders[:2])  # beyond the newest 3 and idle 30 days
    assert set(_cache_dirs()) == {*folders[2:], *(set(_cache_dirs()) - set(folders))}
    cache.load_retriever(askbot.Corpus.from_path(article))  # a used version is touched: now the newest
    assert cache_prune.prune(str(folders[0].parent), cache_prune.source_of([str(article)], ""), idle_days=0) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab cd.ef-GH'", max_size=40), max_size=20), st.floats(0.01, 3.0),
       st.floats(0.0, 1.0))
def test_index_built_from_term_ids_is_rank_bm25s(texts, k1, b):
    from askbot.retriever import _term_ids

    corpus = askbot.Corpus(tuple(), tuple(askbot.Passage(i, t, 0, len(t)) for i, t in enumerate(texts, 1)))
    built = PostingsIndex.from_term_ids(*_term_ids(corpus, None), k1=k1, b=b)
    reference = PostingsIndex.from_bm25(LuceneBM25([askbot.tokenize(t) for t in texts], k1=k1, b=b))
    assert list(built.vocab) == list(reference.vocab) and built.avgdl == reference.avgdl
    for name in cache.ARRAYS:
        got, want = getattr(built, name), getattr(reference, name)
        assert got.dtype == want.dtype and got.tolist() == want.tolist(), name


def test_a_large_corpus_answers_with_only_the_candidate_passages_segmented(bridge_path, monkeypatch):
    from askbot import corpus as corpus_module

    monkeypatch.setattr(corpus_module, "EAGER_PASSAGES", 2)
    corpus = askbot.Corpus.from_path(bridge_path)
    answer = askbot.ask("When did the bridge open?", askbot.Retriever(corpus), k=2)
    assert answer.found and not corpus.segmentation.done
    block = corpus.segmentation.block
    for c in answer.citations:  # block ids: (passage - 1) * block + place in the passage
        assert corpus.sentence(c.id).text == c.text and (c.id - 1) // block + 1 == c.passage


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(SKEWED, min_size=1, max_size=12), min_size=1, max_size=60),
       st.lists(st.lists(SKEWED, min_size=2, max_size=6), min_size=1, max_size=4), st.sampled_from([1, 2, 4]))
def test_block_bounds_bound_every_weight_and_survive_eviction(passages, queries, block):
    bm25 = LuceneBM25(passages)
    index = PostingsIndex.from_bm25(bm25)
    for term in {t for q in queries for t in q}:
        kind, bound, *_ = blockmax.bounds(index, term, block)
        ids, w = index.postings(term)
        blocks = ids // block
        if kind == "dense":
            assert np.all(bound[blocks] >= w)
    index.block_cache.clear()
    saved, blockmax.KEPT_TERMS = blockmax.KEPT_TERMS, 1
    try:
        for terms in queries:
            ids, scores = top_k_with_share(index, terms, 3, block, 1)
            assert (ids.tolist(), scores.tolist()) == reference(bm25, terms, 3)
    finally:
        blockmax.KEPT_TERMS = saved
    assert len(index.block_cache) <= 1
