"""Corpus: files -> documents -> passages -> sentences, with exact ids and offsets."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from askbot import Corpus, CorpusError
from askbot.corpus import normalise_newlines, paragraph_spans
from askbot.loading import CorpusWarning
from askbot.segment import pieces, split_sentences

# (sentence id, passage id, text) of every sentence of tests/data/harbor-bridge.txt
BRIDGE_SENTENCES = [
    (
        1,
        1,
        "On Sept. 13, engineers from Norway and Chile opened the Harbor Bridge in Valdoria after a three-year build.",
    ),
    (2, 1, "The bridge cost $2.4 billion, and it carries 40,000 cars a day."),
    (3, 2, "Mayor Elena Ruiz called it “a new spine for the city.”"),
    (4, 2, "Ruiz’s office said the opening drew 12,000 people."),
    (5, 3, "The project relied on loans from the U.S. and the World Bank, which critics said added debt."),
    (6, 3, "Some residents worried about tolls."),
    (7, 4, "Work stopped twice: once for a strike in 2021 and once for floods."),
    (8, 4, "The U.N. praised the bridge’s low-carbon concrete."),
    (9, 5, "A ferry service that ran for 80 years will close in December."),
    (10, 5, "Ferry workers will be offered jobs on the bridge."),
]


def sentence_texts(corpus: Corpus) -> list[str]:
    return [s.text for s in corpus.sentences]


def passage_texts(corpus: Corpus) -> list[str]:
    return [p.text for p in corpus.passages]


def assert_offsets_hold(corpus: Corpus) -> None:
    for p in corpus.passages:
        text = corpus.document(p.document_id).text
        assert text[p.start : p.end] == p.text
        for s in p.sentences:
            assert text[s.start : s.end] == s.text
            assert p.start <= s.start < s.end <= p.end
            assert s.passage_id == p.id and s.document_id == p.document_id


# --- the fixture article -------------------------------------------------------------------------------


def test_fixture_has_five_passages_and_ten_sentences(bridge):
    assert len(bridge.documents) == 1
    assert [p.id for p in bridge.passages] == [1, 2, 3, 4, 5]
    assert len(bridge.sentences) == 10


def test_fixture_every_sentence_id_passage_and_text(bridge):
    assert [(s.id, s.passage_id, s.text) for s in bridge.sentences] == BRIDGE_SENTENCES


def test_fixture_passages_hold_their_sentences_in_order(bridge):
    for p in bridge.passages:
        assert [s.passage_id for s in p.sentences] == [p.id] * len(p.sentences)
    assert [s for p in bridge.passages for s in p.sentences] == list(bridge.sentences)
    assert bridge.passage(2).text == (
        "Mayor Elena Ruiz called it “a new spine for the city.”\nRuiz’s office said the opening drew 12,000 people."
    )


def test_fixture_offsets_slice_back(bridge):
    assert_offsets_hold(bridge)
    text = bridge.documents[0].text
    assert [(s.start, s.end) for s in bridge.sentences][:3] == [(0, 107), (108, 171), (173, 227)]
    assert bridge.sentences[-1].end == len(text.rstrip())


def test_fixture_lookup_by_id_and_title(bridge, bridge_path):
    assert bridge.sentence(8).text == "The U.N. praised the bridge’s low-carbon concrete."
    assert bridge.passage(4).sentences[1] is bridge.sentence(8)
    assert bridge.document(1).path == str(bridge_path)
    assert bridge.title == "harbor bridge"


def test_hard_wrapped_copy_of_the_fixture_has_the_same_sentences(bridge_path):
    # tests/data/harbor-bridge-wrapped.md: the same article wrapped at 44 columns, so lines end
    # mid-sentence and right after "U.S."; single newlines are soft wraps, never sentence ends
    wrapped = Corpus.from_path(bridge_path.with_name("harbor-bridge-wrapped.md"))
    assert len(wrapped.passages) == 5
    assert [(s.id, s.passage_id, " ".join(s.text.split())) for s in wrapped.sentences] == BRIDGE_SENTENCES
    fifth = wrapped.sentence(5)  # Markdown: the offsets point into the file, where the line breaks are
    start, end = wrapped.documents[0].source_span(fifth.start, fifth.end)
    assert "U.S.\nand the World Bank" in bridge_path.with_name("harbor-bridge-wrapped.md").read_text()[start:end]
    assert_offsets_hold(wrapped)


def test_abbreviations_end_no_sentence(bridge):
    texts = sentence_texts(bridge)
    assert texts[0].startswith("On Sept. 13, engineers")
    assert "loans from the U.S. and the World Bank" in texts[4]
    assert texts[7].startswith("The U.N. praised")


@pytest.mark.parametrize(
    "text",
    [
        "On Sept. 13, the two leaders met in Vladivostok.",
        "Washington said the U.S. and NATO, which it leads, would respond.",
        "The country has defied multiple U.N. resolutions.",
    ],
)
def test_issue_examples_are_one_sentence_each(text):
    corpus = Corpus.from_text(f"{text} The next sentence follows.")
    assert sentence_texts(corpus) == [text, "The next sentence follows."]


def test_sentence_ids_run_across_passages_in_reading_order():
    corpus = Corpus.from_text("A one. A two.\n\nB one.\n\nC one. C two. C three.")
    assert [(s.id, s.passage_id) for s in corpus.sentences] == [(1, 1), (2, 1), (3, 2), (4, 3), (5, 3), (6, 3)]
    assert sentence_texts(corpus) == ["A one.", "A two.", "B one.", "C one.", "C two.", "C three."]


# --- newlines, BOM ---------------------------------------------------------------------------------------


def test_normalise_newlines():
    assert normalise_newlines("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"
    assert normalise_newlines("a\ufeffb") == "a\ufeffb"  # only a leading BOM is dropped


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_bom_and_any_newline_style_load_alike(tmp_path, bridge, newline, bom):
    raw = bridge.documents[0].text.replace("\n", newline)
    path = tmp_path / "article.txt"
    path.write_bytes((bom + raw).encode("utf-8"))
    corpus = Corpus.from_path(path)
    assert corpus.documents[0].text == bridge.documents[0].text
    assert [(s.id, s.passage_id, s.text, s.start, s.end) for s in corpus.sentences] == [
        (s.id, s.passage_id, s.text, s.start, s.end) for s in bridge.sentences
    ]


def test_from_text_normalises_too():
    corpus = Corpus.from_text("\ufeffFirst line.\r\nSecond line.\rThird line.")
    assert passage_texts(corpus) == ["First line.", "Second line.", "Third line."]
    assert_offsets_hold(corpus)


# --- paragraphs --------------------------------------------------------------------------------------------


def test_blank_lines_separate_paragraphs_and_single_newlines_are_soft_wraps():
    text = "The bridge opened\non Monday. It cost\na lot.\n\nThe ferry\ncloses."
    corpus = Corpus.from_text(text)
    assert passage_texts(corpus) == ["The bridge opened\non Monday. It cost\na lot.", "The ferry\ncloses."]
    # a soft wrap ends no sentence: the sentence keeps its newline, offsets still slice back
    assert sentence_texts(corpus) == ["The bridge opened\non Monday.", "It cost\na lot.", "The ferry\ncloses."]
    assert [s.passage_id for s in corpus.sentences] == [1, 1, 2]
    assert_offsets_hold(corpus)


def test_without_blank_lines_every_non_empty_line_is_a_paragraph():
    corpus = Corpus.from_text("First line here.\nSecond line here\nThird. Two sentences.")
    assert passage_texts(corpus) == ["First line here.", "Second line here", "Third. Two sentences."]
    assert [(s.id, s.passage_id) for s in corpus.sentences] == [(1, 1), (2, 2), (3, 3), (4, 3)]


def test_lines_of_white_space_count_as_blank_lines():
    corpus = Corpus.from_text("One\ntwo.\n \t \nThree\nfour.")
    assert passage_texts(corpus) == ["One\ntwo.", "Three\nfour."]


def test_several_blank_lines_are_one_separator():
    corpus = Corpus.from_text("One.\n\n\n\n\nTwo.")
    assert passage_texts(corpus) == ["One.", "Two."]


def test_leading_and_trailing_blank_lines_separate_nothing():
    # a line-per-paragraph file that ends (or starts) with a blank line stays line-per-paragraph
    corpus = Corpus.from_text("\n\nFirst line.\nSecond line.\n\n\n")
    assert passage_texts(corpus) == ["First line.", "Second line."]


def test_passages_exclude_surrounding_white_space():
    text = "   Indented start.  \n\n\t Tabbed.\t\n"
    corpus = Corpus.from_text(text)
    assert passage_texts(corpus) == ["Indented start.", "Tabbed."]
    assert paragraph_spans(text) == [(3, 18), (24, 31)]


def test_whitespace_only_text_has_no_passages():
    corpus = Corpus.from_text(" \n\n \n")
    assert corpus.passages == () and corpus.sentences == ()


# --- long paragraphs ------------------------------------------------------------------------------------


def test_long_paragraph_is_cut_into_pieces_at_sentence_ends():
    expected = [f"Ship {i} crossed the harbor under the new bridge at dawn." for i in range(150)]
    text = " ".join(expected)  # about 8,700 characters
    cuts = pieces(text, 0, len(text))
    assert len(cuts) > 1
    assert all(e - s <= 2000 for s, e in cuts)
    assert all(text[s:e].rstrip().endswith("dawn.") for s, e in cuts)  # every cut follows a sentence end
    spans = split_sentences(text, 0, len(text))
    assert [text[s:e] for s, e in spans] == expected


def test_pieces_without_sentence_ends_cut_at_white_space():
    text = "word " * 1000
    cuts = pieces(text, 0, len(text.rstrip()), limit=100)
    assert all(e - s <= 100 for s, e in cuts)
    assert "".join(text[s:e] for s, e in cuts) == text.rstrip()
    assert all(text[e - 1] == " " for _, e in cuts[:-1])


# --- files and folders --------------------------------------------------------------------------------


def test_folder_ids_continue_across_documents(tmp_path):
    (tmp_path / "a-first.txt").write_text("Alpha one. Alpha two.\n\nAlpha three.", encoding="utf-8")
    (tmp_path / "b_second.md").write_text("Beta one.\n\nBeta two.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.TXT").write_text("Gamma one.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_text("Not an article.", encoding="utf-8")
    corpus = Corpus.from_path(tmp_path)
    assert [d.title for d in corpus.documents] == ["a first", "b second", "c"]
    assert [d.id for d in corpus.documents] == [1, 2, 3]
    assert corpus.title == "3 articles"
    assert [(p.id, p.document_id, p.text) for p in corpus.passages] == [
        (1, 1, "Alpha one. Alpha two."),
        (2, 1, "Alpha three."),
        (3, 2, "Beta one."),
        (4, 2, "Beta two."),
        (5, 3, "Gamma one."),
    ]
    assert [(s.id, s.passage_id, s.document_id, s.text) for s in corpus.sentences] == [
        (1, 1, 1, "Alpha one."),
        (2, 1, 1, "Alpha two."),
        (3, 2, 1, "Alpha three."),
        (4, 3, 2, "Beta one."),
        (5, 4, 2, "Beta two."),
        (6, 5, 3, "Gamma one."),
    ]
    # offsets are into each sentence's own document
    assert corpus.sentence(4).start == 0
    assert_offsets_hold(corpus)


def test_missing_path_is_a_corpus_error(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(CorpusError) as e:
        Corpus.from_path(missing)
    assert str(e.value) == f"{missing}: no such file or folder; pass an article (.txt or .md) or a folder of them"
    assert e.value.exit_code == 2


def test_folder_without_articles_is_a_corpus_error(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(CorpusError, match=r"folder holds no \.txt or \.md article; pass an article file or another "):
        Corpus.from_path(tmp_path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "article is empty; pass a file with the article's text"),
        (b" \n\r\n\t", "article is empty; pass a file with the article's text"),
        (b"abc\x00def", "binary file (NUL bytes), not a text article; pass a UTF-8 .txt or .md file"),
        (bytes(range(0x80, 0x100)) * 4,
         "not UTF-8 text (512 undecodable bytes); convert it to UTF-8, e.g. iconv -f latin1 -t utf-8"),
    ],
)
def test_unreadable_articles_are_corpus_errors(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(CorpusError) as e:
        Corpus.from_path(path)
    assert str(e.value) == f"{path}: {message}"


def test_a_few_bad_bytes_are_replaced_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("The café opened. ".encode() * 20 + b"Caf\xe9 closed.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = Corpus.from_path(path)
    assert [str(w.message) for w in caught] == [
        f"{path}: 1 bytes are not UTF-8 and were replaced with U+FFFD; convert the file to UTF-8 to keep them"]
    assert caught[0].category is CorpusWarning
    assert corpus.sentences[-1].text == "Caf\ufffd closed."


# --- properties over arbitrary text --------------------------------------------------------------------

PIECES = st.sampled_from(
    ["Bridge", "ferry", "U.S.", "Sept.", "13,", "Mr.", "é", "...", ".", "!", "?", "“", "”", "(", ")",
     " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n", " \n \n", "\ufeff", "\u2028", "\x0c"]
)


@settings(database=None, max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_splits_into_exact_covering_sentences(text):
    corpus = Corpus.from_text(text)
    assert_offsets_hold(corpus)
    doc = corpus.documents[0].text
    assert doc == text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert [p.id for p in corpus.passages] == list(range(1, len(corpus.passages) + 1))
    assert [s.id for s in corpus.sentences] == list(range(1, len(corpus.sentences) + 1))
    previous_end = 0
    for p in corpus.passages:
        assert p.text and p.text == p.text.strip()
        covered = set()
        for s in p.sentences:
            assert s.text and s.text == s.text.strip()
            assert s.start >= previous_end  # in reading order, no overlap
            previous_end = s.end
            covered.update(range(s.start, s.end))
        # no character of a passage is lost: what no sentence covers is white space
        assert all(doc[i].isspace() or i in covered for i in range(p.start, p.end))


SEGMENT_TEXTS = [
    "It rained. It rained. It rained.",  # the same sentence again: each found after the one before
    "Dr. Smith met Gen. Lee at 5 p.m. on Sept. 13 in the U.S. They talked.",
    "Yes.  No!   Maybe?\tWho knows...  The end",
    "“Quoted.” Then (a parenthesis.) And 3.5 percent. i.e. this. A. B. Cole spoke.",
    "One line\u00a0with a no-break space. Another one.\u2003Em space after.",
    "",
    "   ",
]


@pytest.mark.parametrize("text", SEGMENT_TEXTS)
def test_segments_are_pysbds_own(text):
    import pysbd

    from askbot.segment import _pysbd_segments

    assert _pysbd_segments(text) == pysbd.Segmenter(language="en", clean=False).segment(text)


def test_segments_of_the_default_article_are_pysbds_own():
    import pysbd

    from askbot.data import default_corpus_path
    from askbot.segment import _pysbd_segments

    corpus = Corpus.from_path(default_corpus_path())
    for p in corpus.passages:
        flat = p.text.replace("\n", " ")
        assert _pysbd_segments(flat) == pysbd.Segmenter(language="en", clean=False).segment(flat)


def test_a_large_corpus_segments_a_passage_on_demand_with_block_ids(monkeypatch):
    from askbot import corpus as corpus_module

    monkeypatch.setattr(corpus_module, "EAGER_PASSAGES", 3)
    paragraphs = ["One. Two.", "Three here. Four there. Five.", "Six.", "Seven. Eight."]
    big = Corpus.from_text("\n\n".join(paragraphs))
    seg = big.segmentation
    assert seg.block == 100  # the longest passage has 29 characters: fewer sentences than that
    third = big.passages[2].sentences  # only this passage is segmented
    assert [(s.id, s.text) for s in third] == [(201, "Six.")] and not seg.done
    assert big.sentence(302).text == "Eight." and big.sentence(1).text == "One."
    for bad in (0, 3, 104, 401):
        with pytest.raises(IndexError):
            big.sentence(bad)
    everything = big.sentences  # all at once: the same values, ids by block
    assert [s.id for s in everything] == [1, 2, 101, 102, 103, 201, 301, 302]
    assert everything[5] == third[0]
    small = Corpus.from_text("\n\n".join(paragraphs))
    monkeypatch.setattr(corpus_module, "EAGER_PASSAGES", 4)
    small = Corpus.from_text("\n\n".join(paragraphs))
    assert [s.id for s in small.sentences] == list(range(1, 9))  # up to EAGER_PASSAGES: 1, 2, 3 ...
    assert [(s.text, s.start, s.end) for s in small.sentences] == [(s.text, s.start, s.end) for s in everything]
