"""The feature rows of candidate sentences equal a plain computation of them, bit for bit.

``features.candidates`` keeps facts per sentence and shares per question for
speed; ``_reference`` below computes every row the direct way (one sentence,
one question term at a time). The ranker and the trainers read these rows, so
they must be the same floats, not nearly the same.
"""

from __future__ import annotations

import json
import math
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

import askbot.answer
from askbot import Corpus, Retriever, ask, evidence
from askbot.answer import Settings
from askbot.cues import any_new, lowered_finds, type_found
from askbot.data import default_corpus_path
from askbot.evidence import term_set
from askbot.features import _NO_NAMES, NAMES, surface_words
from askbot.followup import Conversation
from askbot.related import _lookup, _map, related

DATA = Path(__file__).resolve().parent / "data"


def _proximity(terms, held):
    places = [i for i, t in enumerate(terms) if t in held]
    if len(places) < 2:
        return float(bool(places))
    return len(held) / (places[-1] - places[0] + 1)


def _order(q, terms, held):
    seq = [q.order[t] for t in dict.fromkeys(terms) if t in held and t in q.order]
    pairs = len(seq) * (len(seq) - 1) / 2
    return sum(a < b for n, a in enumerate(seq) for b in seq[n + 1:]) / pairs if pairs else 0.0


def _terms(sentence):
    return evidence.sentence_terms(sentence.text)


def _row(q, hit, i, top, rank, sbm, p_cov, names, related_of):
    sentences, keys = hit.passage.sentences, q.weights.keys()
    sent, terms = sentences[i], _terms(sentences[i])
    words = frozenset(terms)
    near = {t for j in (i - 1, i + 1) if 0 <= j < len(sentences) for t in _terms(sentences[j])}
    prev = set(_terms(sentences[i - 1])) if i else set()
    held = (words | names.extra(sent.text)) & keys
    missing = keys - held
    starts = {t[:5] for t in terms if len(t) >= 5}
    years, numbers, capitals, cause, naming, aside = lowered_finds(sent.text)
    lent = {t for t, r in related_of.items() if t in missing and not r.isdisjoint(words)}
    cov = q.share(held)
    return held, (
        cov, q.share((near & keys) - held), hit.score / top, float(rank == 0), sbm,
        len(q.bigrams & set(pairwise(terms))) / len(q.bigrams) if q.bigrams else 0.0,
        type_found(q.kind, sent.text, q.lowered), math.log1p(len(terms)),
        math.fsum(q.weights[t] for t in missing if len(t) >= 5 and t[:5] in starts) / q.total,
        len(q.surface & surface_words(sent.text)) / len(q.surface) if q.surface else 0.0,
        float(i == 0), _proximity(terms, held), float(len(held)), p_cov,
        q.free_share(held) if q.head else cov, q.share((prev & keys) - held),
        len(q.capitals & held) / len(q.capitals) if q.capitals else 0.0, _order(q, terms, held), *q.wh,
        any_new(years, q.lowered), any_new(numbers, q.lowered), any_new(capitals, q.lowered), cause, naming, aside,
        q.share(held | lent) if lent else cov,
    )


def _reference(q, hits, retriever, aliases=True):
    """The rows of ``features.candidates``, computed directly."""
    spots = [(rank, h, i) for rank, h in enumerate(hits) for i in range(len(h.passage.sentences))]
    found = evidence.of(retriever)
    sbm = found.sentence_index.batch_scores(q.terms, [h.passage.sentences[i].id - 1 for _, h, i in spots])
    best = max(sbm, default=0.0) or 1.0
    related_of = {t: r for t in q.weights if (r := related(t))}
    out = []
    for (rank, h, i), s in zip(spots, sbm):
        p_cov = q.share(term_set(h.passage.text) & q.weights.keys())
        names = found.names(h.passage.document_id) if aliases else _NO_NAMES
        out.append(_row(q, h, i, hits[0].score, rank, s / best, p_cov, names, related_of))
    return out


def _questions(name):
    """The questions of a test file, a follow-up after its first question."""
    records = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
    return [q for r in records for q in ([r["question"]] if "question" in r else [r["first"], r["followup"]])]


def _checked(monkeypatch) -> list[str]:
    """From now on each call of ``candidates`` is checked against ``_reference``; the questions checked."""
    fast, checked = askbot.answer.candidates, []

    def compare(q, hits, retriever, aliases=True):
        cands, rows = fast(q, hits, retriever, aliases)
        expected = _reference(q, hits, retriever, aliases)
        assert rows.shape == (len(expected), len(NAMES))
        assert rows.tobytes() == np.array([r for _, r in expected], dtype=float).reshape(rows.shape).tobytes(), q.text
        assert [set(c.held) for c in cands] == [set(h) for h, _ in expected]
        assert [c.coverage for c in cands] == [r[0] for _, r in expected]
        assert [c.sentence for c in cands] == [s for h in hits for s in h.passage.sentences]
        checked.append(q.text)
        return cands, rows

    monkeypatch.setattr(askbot.answer, "candidates", compare)
    return checked


@pytest.mark.parametrize("aliases", [True, False])
def test_rows_on_the_article_equal_the_plain_computation(monkeypatch, aliases):
    retriever, checked = Retriever(Corpus.from_path(default_corpus_path())), _checked(monkeypatch)
    for question in _questions("reader_questions.jsonl") + _questions("reader_heldout.jsonl"):
        ask(question, retriever, Settings(aliases=aliases))
    assert len(checked) >= 100


@pytest.mark.parametrize("article", ["harbor-bridge.txt", "summit.txt", "trade-talks.txt"])
def test_rows_on_other_articles_equal_the_plain_computation(monkeypatch, article):
    retriever, checked = Retriever(Corpus.from_path(DATA / article)), _checked(monkeypatch)
    questions = _questions("bridge_questions.jsonl") + _questions("reader_short.jsonl")
    for question in questions + [q.lower().rstrip("?") for q in questions]:
        ask(question, retriever)
    assert len(checked) >= 10


def test_rows_of_follow_ups_with_context_equal_the_plain_computation(monkeypatch):
    checked = _checked(monkeypatch)
    conversation = Conversation(Retriever(Corpus.from_path(default_corpus_path())))
    for question in _questions("reader_conversations.jsonl"):
        conversation.ask(question)
    amazon = Retriever(Corpus.from_path(DATA / "amazon-rainforest.txt"))
    questions = _questions("amazon-followups.jsonl")
    for first, followup in zip(questions[::2], questions[1::2]):
        conversation = Conversation(amazon)
        conversation.ask(first)
        conversation.ask(followup)
    assert len(checked) >= 50


def test_sentence_scores_equal_the_sentence_index_batch_scores():
    retriever = Retriever(Corpus.from_path(default_corpus_path()))
    found = evidence.of(retriever)
    sentences = retriever.corpus.sentences
    ids = [s.id - 1 for s in sentences]
    for question in _questions("reader_questions.jsonl"):
        terms = askbot.tokenize(question)
        for query in (terms, [*terms, *terms[:1]], [*terms, "nosuchterm"], []):
            assert found.sentence_scores(query, sentences) == found.sentence_index.batch_scores(query, ids)


@pytest.mark.parametrize("name", ["related.txt", "opposite.txt"])
def test_lines_of_the_tables_are_found_and_nothing_else(name):
    lines = _map(name)[:].decode().splitlines()
    for line in lines[::5]:
        key, rest = line.split("\t")
        assert _lookup(name, key) == frozenset(rest.split(" ")), key
    keys = [line.split("\t")[0] for line in lines]
    known = set(keys)
    for probe in ["", "\t", "zzzzzz", "0", "aa", *(k + "x" for k in keys[::50]), *(k[:-1] for k in keys[::50])]:
        if probe not in known:
            assert _lookup(name, probe) == frozenset(), probe


def _articles():
    return [Retriever(Corpus.from_path(p)) for p in
            (default_corpus_path(), DATA / "harbor-bridge.txt", DATA / "summit.txt", DATA / "trade-talks.txt")]


def test_article_bigram_share_from_kept_pairs_equals_the_postings():
    from askbot.evidence import adjacent_pairs
    from askbot.features import Question, article_bigram_share

    def direct(q, retriever):
        passages, index, found = retriever.corpus.passages, retriever.index, 0
        for a, b in q.bigrams:
            both = np.intersect1d(index.postings(a)[0], index.postings(b)[0], assume_unique=True)
            found += any((a, b) in adjacent_pairs(passages[i].text) for i in both.tolist())
        return found / len(q.bigrams) if q.bigrams else 1.0

    questions = _questions("reader_questions.jsonl") + _questions("bridge_questions.jsonl")
    for retriever in _articles():
        assert evidence.of(retriever).term_pairs(adjacent_pairs) is not None
        for text in [*questions, "the bridge opened in may", "kim jong un met putin"]:
            q = Question(text, askbot.tokenize(text), retriever)
            assert article_bigram_share(q, retriever) == direct(q, retriever), text


def test_answer_type_finds_equal_their_own_searches():
    import re

    from askbot import cues

    def own(kind, s):
        if kind == "when":
            found = cues._pattern(cues._WHEN).findall(s)
        elif kind == "number":
            found = cues._HOW_MANY.findall(s)
        elif kind == "where":
            found = [m.group() for m in cues._WHERE.finditer(s)] and cues._CAPITAL.findall(s)
        else:
            found = cues._CAPITAL.findall(s)
        return tuple(w.lower().strip(".") for w in found)

    extra = ["In 1999 he won 3 of 10.", "They met in Paris in May 2019, 40% up.", "No digits Here at All.", "٣ ١٩٩٩",
             "ſince the ſtorm, Caused by ONE King", "It stood, Thus, as ſo-Called", "titles of SEVERAL",
             "BECAUSE it was Named so; it STANDS FOR peace", "due  to", "Reason: FORTY Percent", "naMed, known as",
             "On MONDAY the 3RD of JAN. 1999, Decades later", "SEPT. 11th, Tomorrow; Twenty Percent",
             "In the ſeason of DECEMBER, KNOWN AS ten", "Caused By ONE thing, Dubbed Twice"]
    sentences = [s.text for r in _articles() for s in r.corpus.sentences] + extra
    for s in sentences:
        assert cues.sentence_finds(s) == (
            tuple(re.findall(r"\b(?:1[0-9]|20)\d\d(?:s)?\b", s)),
            tuple(cues._DIGITS.findall(s) + cues._HOW_MANY.findall(s)), tuple(cues._CAPITAL.findall(s)),
            float(bool(cues._CAUSE.search(s))), float(bool(cues._NAMING.search(s))),
            float(bool(cues._ASIDE.search(s))))
        for kind in ("when", "number", "where", "who"):
            assert cues.type_words(kind, s) == own(kind, s), (kind, s)
