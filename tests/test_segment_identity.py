"""askbot's pysbd (askbot.sbdfast) gives stock pysbd's sentences, on every text we have.

``_pysbd_segments`` runs askbot's Segmenter (pysbd with the steps of sbdfast, sbdabbr and
sbdrules); ``stock`` runs an unmodified ``pysbd.Segmenter``. Both are given what
``split_sentences`` gives pysbd: each passage, a newline as a space, in pieces.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pysbd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pysbd.exclamation_words import ExclamationWords
from pysbd.lang.english import English
from pysbd.utils import Rule

from askbot.corpus import Corpus
from askbot.data import default_corpus_path
from askbot.sbdfast import _LETTER_PERIOD, _letters_before_periods, segmenter
from askbot.sbdrules import _needs, _period_first, _rule
from askbot.segment import _pysbd_segments, pieces

DATA = Path(__file__).parent / "data"
SHARED_EVAL = next((p for p in (Path(__file__).resolve().parents[2] / "shared" / "eval", Path("/work/shared/eval"))
                    if p.is_dir()), None)
_STOCK = pysbd.Segmenter(language="en", clean=False)


def stock(text: str) -> list[str]:
    return _STOCK.segment(text)


def pysbd_inputs(text: str) -> list[str]:
    """What split_sentences gives pysbd for each passage of ``text``."""
    out = []
    for p in Corpus.from_text(text).passages:
        flat = p.text.replace("\n", " ")
        out += [flat[s:e] for s, e in pieces(flat, 0, len(flat))]
    return out


def assert_same(texts: list[str]) -> None:
    for text in texts:
        assert _pysbd_segments(text) == stock(text), text


def outcome(seg: pysbd.Segmenter, text: str):
    """The processor's sentences, or the exception it raises."""
    try:
        return seg.processor(text).process()
    except Exception as e:  # pysbd fails on some odd text: askbot's must fail alike
        return type(e)


def test_the_packaged_article_segments_as_stock_pysbd():
    assert_same(pysbd_inputs(Path(default_corpus_path()).read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", sorted(DATA.glob("*.txt")) + sorted(DATA.glob("*.md")), ids=lambda p: p.name)
def test_the_test_articles_segment_as_stock_pysbd(path):
    assert_same(pysbd_inputs(path.read_text(encoding="utf-8")))


@pytest.mark.skipif(SHARED_EVAL is None, reason="the shared SQuAD sets are not beside the checkout")
def test_every_squad_context_segments_as_stock_pysbd():
    contexts = set()
    for path in sorted(SHARED_EVAL.glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            contexts.update(c for line in f if (c := json.loads(line).get("context")))
    assert len(contexts) >= 10
    fast = segmenter()
    for context in sorted(contexts):
        for text in pysbd_inputs(context):  # pysbd's sentences (where they are: the tests above)
            assert outcome(fast, text) == outcome(_STOCK, text), text


TRICKY = [
    "St ſt. x and st. y", "ken \u212aen. is here. KEN.", "id İd. is", "I met e g. the man", "the u s. army",
    "Choose a. red b. blue. Then c. green", "Pick (a) one (b) two. Or (c) three.", "i. first ii. second. iii. last",
    "(i) x (ii) y (iii) z. Done.", "Steps: 1. one 2. two 3. three. End.", "1) one 2) two. Fine.", "a. alone. Fine.",
    "He said {e.g} Nothing. {dr} Who. Dr. Who? No.", "At 5 P.M. He left. At 6 p.m. The end. A.M. Then",
    "U.S. The end. U∯S The. It was I. The end.", "Co. KG. The firm. Mr. Smith. No. 5 is here. Art. 3 (b) says.",
    "see pp. 5 and p. 6. Fig. 2 shows. etc. And so on.", "\"Stop.\" (He said.) [It is.] «Yes.» ‘Fine.’ “Go.”",
    "Wait... Really? Yes!!! No?! Maybe. . . . Done.", "Read x .pdf files. 10°. 5 The end.", "ph.d. Ph.D. The",
]


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_segments_as_stock_pysbd(text):
    assert outcome(segmenter(), text) == outcome(_STOCK, text)
    assert _pysbd_segments(text) == stock(text)


WORDS = st.sampled_from([
    "Sept.", "13", "U.S.", "U.S", "Dr.", "dr.", "DR.", "e.g.", "E.g.", "i.e.", "No.", "no.", "5", "3.5", "a.m.", "p.m.",
    "A.M.", "P.M.", "Jr.", "J.", "A.", "R.", "St.", "Mr.", "Mrs.", "Ph.D.", "Co.", "KG", "Inc.", "Fig.", "fig.",
    "pp.", "Art.", "v.", "vs.", "Gen.", "Col.", "Mt.", "Calif.", "Wash.", "etc.", "al.", "et", "d.phil.", "dr.philos.",
    "ſt.", "\u212aen.", "İd.", "The", "He", "I", "I'm", "it", "city", "However", "Who", "Millions", "the", "also",
    "could", "a", "b", "c.", "a.", "b.", "(a)", "(b)", "(iii)", "(iv)", "1.", "2.", "3.", "1)", "2)", "10.", "[1]",
    "[2,3]", "1990.", "'s", "'", "\"", "“", "”", "‘", "’", "«", "»", "(", ")", "[", "]", "--", "-", "!", "?", "!!",
    "?!", "!?", "??", "!!!", "...", "....", ". . .", ". . . .", ".", ",", ":", ";", "°", "10°.", "x.pdf", ".pdf",
    "Yahoo!", "!Kung", "\\(", "\\", "∯", "&⎋&", "ƪ", "☏", "ȸ", "。", "！", "？", "．", "{e.g} x", "{u.s} Z",
]) | st.from_regex(r"[A-Za-z]{1,4}\.?", fullmatch=True)
SPACES = st.sampled_from([" ", " ", " ", "", "  ", "\t", "\u00a0", "\r", "\n", "\u2003"])
TEXTS = st.lists(st.tuples(WORDS, SPACES), max_size=30).map(lambda ws: "".join(w + s for w, s in ws))


@settings(max_examples=400, deadline=None, database=None)
@given(TEXTS)
def test_generated_text_full_of_abbreviations_segments_as_stock_pysbd(text):
    expected = outcome(_STOCK, text)
    assert outcome(segmenter(), text) == expected
    if not isinstance(expected, type):
        assert _pysbd_segments(text) == stock(text)


@settings(max_examples=300, deadline=None, database=None)
@given(TEXTS)
def test_letters_before_periods_are_the_patterns_matches(text):
    for t in (text, "a." + text, text + " b.", "." + text):
        assert _letters_before_periods(t) == _LETTER_PERIOD.findall(t)


def _rules(cls) -> list[Rule]:
    """Every Rule of pysbd's English, nested classes included."""
    found = []
    for name in dir(cls):
        value = getattr(cls, name)
        if isinstance(value, Rule):
            found.append(value)
        elif isinstance(value, type) and value.__module__.startswith("pysbd") and name[0].isupper():
            found += _rules(value)
    return found


RULES = {(r.pattern, r.replacement): r for r in _rules(English)}


@settings(max_examples=300, deadline=None, database=None)
@given(TEXTS)
def test_every_rule_gives_re_subs_text(text):
    for pattern, replacement in RULES:
        assert _rule(pattern, replacement)(text) == re.sub(pattern, replacement, text), pattern


def test_what_a_rule_needs_and_the_period_first_rewrite():
    assert len(RULES) > 40
    assert _needs(r"(?<=Co)\.(?=\sKG)") == ("Co", ".", "KG")
    assert _needs(r"(?<=\S)\.{3}(?=\.\s[A-Z])") == ("...", ".")
    assert _needs(r"(?i)abc") == () and _needs(r"(?i:ab)c") == ("c",) and _needs(r"a(?!bc)d") == ("a", "d")
    assert _needs(r"(ab)*c") == ("c",) and _needs(r"\.(?='s\s)|\.(?='s$)") == (".",)
    assert _period_first(r"(?<=\d)\.(?=\S)") == r"\.(?<=\d\.)(?=\S)"
    assert _period_first(r"(?<=\S)\.{3}(?=\.\s[A-Z])") == r"(?<=\S)\.{3}(?=\.\s[A-Z])"  # a repeated period stays


def test_every_exclamation_word_has_the_mark_the_fast_path_looks_for():
    assert all("!" in w or "ǃ" in w for w in ExclamationWords.EXCLAMATION_WORDS)


def test_stock_pysbd_is_left_alone():
    segmenter().segment("Dr. Who met Mr. Smith. Then they left.")
    seg = pysbd.Segmenter(language="en", clean=False)
    assert seg.language_module is English and not hasattr(English, "Processor")
    assert English.AbbreviationReplacer.search_for_abbreviations_in_string.__module__ == "pysbd.abbreviation_replacer"
