"""BM25 with Lucene's IDF: hand-computed scores, the library's own machinery, edge cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from askbot import Corpus, Hit, LuceneBM25, Retriever, tokenize
from askbot.retriever import lucene_idf

# Three passages, one a line. Their terms (checked below):
#   1: "Bridge bridge ferry."  -> bridg x2, ferri x1   (length 3)
#   2: "Ferry workers."        -> ferri x1, worker x1  (length 2)
#   3: "Tolls rose."           -> toll x1, rose x1     (length 2)
THREE = "Bridge bridge ferry.\nFerry workers.\nTolls rose."


@pytest.fixture(scope="module")
def three() -> Retriever:
    return Retriever(Corpus.from_text(THREE))


def test_three_passage_terms_are_as_stated(three):
    assert [tokenize(p.text) for p in three.corpus.passages] == [
        ["bridg", "bridg", "ferri"],
        ["ferri", "worker"],
        ["toll", "rise"],  # "rose" is a form of "rise" (irregular.py)
    ]


def test_scores_match_a_hand_computation(three):
    k1, b = 1.2, 0.75
    n, avgdl = 3, 7 / 3
    idf_bridge = math.log(1 + (n - 1 + 0.5) / (1 + 0.5))  # "bridge" is in 1 passage
    idf_ferry = math.log(1 + (n - 2 + 0.5) / (2 + 0.5))  # "ferry" is in 2 of 3: more than half, still > 0
    assert idf_bridge == pytest.approx(math.log(1 + 2.5 / 1.5))
    assert idf_ferry == pytest.approx(math.log(1.6)) and idf_ferry > 0

    def part(tf: int, dl: int) -> float:
        return tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl))

    p1 = idf_bridge * part(2, 3) + idf_ferry * part(1, 3)
    p2 = idf_ferry * part(1, 2)
    assert three.idf("bridg") == pytest.approx(idf_bridge)
    assert three.idf("ferri") == pytest.approx(idf_ferry)
    assert three.idf("absent") == 0.0
    assert three.scores(["bridg", "ferri"]) == pytest.approx([p1, p2, 0.0])

    hits = three.search("bridges and a ferry", k=5)
    assert [h.passage.id for h in hits] == [1, 2]  # passage 3 shares no term: not a hit
    assert [h.score for h in hits] == pytest.approx([p1, p2])
    assert all(isinstance(h, Hit) and isinstance(h.score, float) for h in hits)


def test_k1_and_b_are_used(three):
    corpus = three.corpus
    flat = Retriever(corpus, k1=2.0, b=0.0)  # b = 0: no length normalisation
    idf_bridge = math.log(1 + 2.5 / 1.5)
    assert flat.scores(["bridg"])[0] == pytest.approx(idf_bridge * 2 * 3.0 / (2 + 2.0))


def test_term_in_exactly_half_the_passages_scores_above_zero():
    r = Retriever(Corpus.from_text("Ferry one.\nFerry two.\nTolls rose.\nWorkers left."))
    assert r.idf("ferri") == pytest.approx(math.log(2))  # ln(1 + 2.5/2.5)
    assert [h.passage.id for h in r.search("ferry")] == [1, 2]
    assert all(h.score > 0 for h in r.search("ferry"))
    # rank-bm25's own IDF is 0 here: the reason askbot replaces it
    plain = BM25Okapi([tokenize(p.text) for p in r.corpus.passages], epsilon=0.0)
    assert plain.idf["ferri"] == 0.0


def test_term_in_every_passage_still_scores_above_zero():
    r = Retriever(Corpus.from_text("Bridge one.\nBridge two.\nBridge three."))
    hits = r.search("bridge", k=3)
    assert [h.passage.id for h in hits] == [1, 2, 3]
    assert all(h.score > 0 for h in hits)


def test_rarer_term_outweighs_common_term():
    r = Retriever(Corpus.from_text("Bridge ferry.\nBridge tolls.\nBridge concrete.\nBridge strike."))
    assert r.idf("ferri") > r.idf("bridg") > 0
    assert r.search("bridge ferry", k=1)[0].passage.id == 1


def test_search_orders_best_first_ties_by_passage_order_and_honours_k(bridge_retriever):
    hits = bridge_retriever.search("bridge", k=10)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert [h.passage.id for h in hits] == [1, 5, 4]  # passages 2 and 3 never say "bridge"
    assert [h.passage.id for h in bridge_retriever.search("bridge", k=2)] == [1, 5]
    tie = Retriever(Corpus.from_text("Ferry one.\nFerry two."))
    assert [h.passage.id for h in tie.search("ferry")] == [1, 2]


def test_search_takes_a_question_or_terms(bridge_retriever):
    assert bridge_retriever.search("What did the U.N. praise?") == bridge_retriever.search(["u.n", "prais"])
    assert bridge_retriever.search("What did the U.N. praise?", k=1)[0].passage.id == 4


@pytest.mark.parametrize("query", ["", "What did they say?", "zebra", []])
def test_search_without_shared_terms_finds_nothing(bridge_retriever, query):
    assert bridge_retriever.search(query) == []


@pytest.mark.parametrize("k", [0, -1])
def test_search_with_k_below_one_finds_nothing(bridge_retriever, k):
    assert bridge_retriever.search("bridge", k=k) == []


def test_empty_corpus_does_not_divide_by_zero():
    r = Retriever(Corpus.from_text(""))
    assert r.search("bridge") == []
    assert r.scores(["bridg"]).shape == (0,)
    assert r.idf("bridg") == 0.0
    bm25 = LuceneBM25([])
    assert bm25.corpus_size == 0 and bm25.get_scores(["x"]).shape == (0,)


def test_passages_of_only_stopwords_do_not_divide_by_zero():
    r = Retriever(Corpus.from_text("What is it?\nWho was there?"))
    assert list(r.scores(["bridg"])) == [0.0, 0.0]
    assert r.search("bridge") == []


@pytest.mark.parametrize("b", [0.75, 1.0])
def test_empty_passage_scores_zero_not_nan(b):
    # with b = 1 an empty passage's length part is 0: a term it lacks must not give 0/0 = nan
    r = Retriever(Corpus.from_text("What is it?\nBridge tolls.\nFerry."), b=b)
    assert r.scores(["bridg", "ferri"])[0] == 0.0
    assert not np.isnan(r.scores(["bridg"])).any()
    assert r.bm25.get_batch_scores(["bridg"], [0, 1])[0] == 0.0
    assert {h.passage.id for h in r.search("bridge ferry", k=5)} == {2, 3}


@pytest.mark.parametrize("query", ["bridge", ""])
def test_get_scores_on_a_str_raises_type_error(query):
    bm25 = LuceneBM25([["bridg"], ["ferri"]])
    with pytest.raises(TypeError, match="takes a list of terms, not a str"):
        bm25.get_scores(query)
    with pytest.raises(TypeError):
        LuceneBM25([]).get_scores(query)


def test_lucene_idf():
    assert lucene_idf(10, 1) == pytest.approx(math.log(1 + 9.5 / 1.5))
    assert lucene_idf(0, 0) == pytest.approx(math.log(2))
    assert all(lucene_idf(10, df) > lucene_idf(10, df + 1) > 0 for df in range(10))


def plain_bm25(corpus: list[list[str]], query: list[str], k1: float, b: float) -> list[float]:
    """BM25 with Lucene's IDF, written out from the formula."""
    n = len(corpus)
    avgdl = sum(map(len, corpus)) / n or 1.0
    scores = []
    for doc in corpus:
        total = 0.0
        for q in query:
            df = sum(q in d for d in corpus)
            tf = doc.count(q)
            if tf:
                idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
                total += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / avgdl))
        scores.append(total)
    return scores


WORDS = st.sampled_from(["a", "b", "c", "d", "e"])


@settings(database=None, max_examples=150)
@given(
    corpus=st.lists(st.lists(WORDS, max_size=8), min_size=1, max_size=8),
    query=st.lists(st.sampled_from(["a", "b", "c", "d", "e", "z"]), max_size=5),
    k1=st.sampled_from([0.5, 1.2, 2.0]),
    b=st.sampled_from([0.0, 0.75, 1.0]),
)
def test_lucene_bm25_equals_the_plain_formula(corpus, query, k1, b):
    bm25 = LuceneBM25(corpus, k1=k1, b=b)
    expected = plain_bm25(corpus, query, k1, b)
    assert np.allclose(bm25.get_scores(query), expected)
    assert np.allclose(bm25.get_batch_scores(query, list(range(len(corpus)))), expected)
    assert all(v > 0 for v in bm25.idf.values())
