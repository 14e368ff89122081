"""pysbd's English segmenter: the same results in about a seventh of the time.

pysbd runs some 60 regular expressions over every paragraph and every sentence,
most of them by pattern string through ``re``'s cache, and most of them find
nothing. ``segmenter()`` is a ``pysbd.Segmenter(language="en", clean=False)``
whose language (``English``, a subclass of pysbd's) carries subclasses of pysbd's
steps: each gives the identical text, by

* compiling each pattern once (``apply_rules``; ``str.replace`` for plain text);
* skipping a search when a character every match needs is absent (no ")", no list
  item "(a)"), or using an equivalent pattern the regex engine scans faster;
* the abbreviation step of ``askbot.sbdabbr``.

Nothing of pysbd itself is changed: stock ``pysbd.Segmenter`` objects behave as
before, and the tests compare the two on every text they have.
"""

from __future__ import annotations

import re
from functools import cache, partial

import pysbd
from pysbd.between_punctuation import BetweenPunctuation
from pysbd.exclamation_words import ExclamationWords
from pysbd.lang.english import English as _StockEnglish
from pysbd.lists_item_replacer import ListItemReplacer
from pysbd.processor import Processor
from pysbd.punctuation_replacer import replace_punctuation

from .sbdabbr import FastReplacer
from .sbdrules import apply_rules

# ListItemReplacer.ALPHABETICAL_LIST_WITH_PERIODS: a letter after the start or white
# space ((?<=^), (?<=\A), (?<=\s)), before a period; ``_letters_before_periods`` finds the
# same letters from the periods (a few a paragraph) instead of trying every position
_LETTER_PERIOD = re.compile(r"(?<!\S)[a-z](?=\.)")
# ALPHABETICAL_LIST_WITH_PARENS likewise, after "(", the start or white space
_LETTERS_PAREN = re.compile(r"(?<![^\s(])[a-z]+(?=\))")
# every match of NUMBERED_LIST_REGEX_1 is digits before ". " or ".)"
_NUMBER_PERIOD = re.compile(r"\d\.[\s)]")


def _letters_before_periods(text: str) -> list[str]:
    """``_LETTER_PERIOD.findall(text)``: each letter a-z before a period, at the start or after white
    space (re's ``\\s`` is ``str.isspace``)."""
    out, i = [], text.find(".")
    while i >= 0:
        if i and "a" <= text[i - 1] <= "z" and (i == 1 or text[i - 2].isspace()):
            out.append(text[i - 1])
        i = text.find(".", i + 1)
    return out


class FastListItemReplacer(ListItemReplacer):
    def iterate_alphabet_array(self, regex, parens=False, roman_numeral=False):
        if regex == self.ALPHABETICAL_LIST_WITH_PERIODS:
            found = _letters_before_periods(self.text)
        elif regex == self.ALPHABETICAL_LIST_WITH_PARENS:
            found = _LETTERS_PAREN.findall(self.text) if ")" in self.text else []
        else:
            return super().iterate_alphabet_array(regex, parens, roman_numeral)
        alphabet = self.ROMAN_NUMERALS if roman_numeral else self.LATIN_NUMERALS
        if sum(item in alphabet for item in found) < 2:  # one item alone is no list: pysbd leaves the text
            return self.text
        return super().iterate_alphabet_array(regex, parens, roman_numeral)

    def scan_lists(self, regex1, regex2, replacement, strip=False):
        if regex1 == self.NUMBERED_LIST_REGEX_1 and not _NUMBER_PERIOD.search(self.text):
            return
        if regex1 == self.NUMBERED_LIST_PARENS_REGEX and ")" not in self.text:
            return
        super().scan_lists(regex1, regex2, replacement, strip)


def _replace_punctuation(match, match_type=None):
    """pysbd's ``replace_punctuation``: without a backslash in the match, its escaping of
    "()[]-" and unescaping after give the text back, so only the replacements are left."""
    text = match.group()
    if "\\" in text:
        return replace_punctuation(match, match_type)
    for old, new in _PUNCTUATION:
        text = text.replace(old, new)
    return text if match_type == "single" else text.replace("'", "&⎋&")


_PUNCTUATION = ((".", "∯"), ("。", "&ᓰ&"), ("．", "&ᓱ&"), ("！", "&ᓳ&"), ("!", "&ᓴ&"), ("?", "&ᓷ&"), ("？", "&ᓸ&"))


class FastBetweenPunctuation(BetweenPunctuation):
    # pysbd's steps in its order: the pattern, what each match starts with (for single
    # quotes: contains), and replace_punctuation's match_type
    _STEPS = (("BETWEEN_SINGLE_QUOTES_REGEX", "'", "single"), ("BETWEEN_SINGLE_QUOTE_SLANTED_REGEX", "‘", None),
              ("BETWEEN_DOUBLE_QUOTES_REGEX_2", '"', None), ("BETWEEN_SQUARE_BRACKETS_REGEX_2", "[", None),
              ("BETWEEN_PARENS_REGEX_2", "(", None), ("BETWEEN_QUOTE_ARROW_REGEX_2", "«", None),
              ("BETWEEN_EM_DASHES_REGEX_2", "--", None), ("BETWEEN_QUOTE_SLANTED_REGEX_2", "“", None))

    def sub_punctuation_between_quotes_and_parens(self, txt):
        for name, opener, match_type in self._STEPS:
            if opener not in txt:
                continue
            if match_type == "single" and _compiled(self.WORD_WITH_LEADING_APOSTROPHE).search(txt) \
                    and not _QUOTE_SPACE.search(txt):
                continue  # pysbd's exception for a word with a leading apostrophe
            txt = _compiled(getattr(self, name)).sub(partial(_replace_punctuation, match_type=match_type), txt)
        return txt


@cache  # pysbd's patterns: a fixed set
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_QUOTE_SPACE = re.compile(r"'\s")
# every match of NUMBERED_REFERENCE_REGEX has "." or "∯" before "[" or a digit
_PERIOD_REFERENCE = re.compile(r"[.∯][\[\d]")
_ALPHA_ONLY = re.compile(r"\A[a-zA-Z]*\Z")


class FastProcessor(Processor):
    def process(self):
        if not self.text:
            return self.text
        self.text = self.text.replace("\n", "\r")
        self.text = FastListItemReplacer(self.text).add_line_break()
        self.replace_abbreviations()
        self.replace_numbers()
        self.replace_continuous_punctuation()
        self.replace_periods_before_numeric_references()
        lang = self.lang
        rules = (lang.Abbreviation.WithMultiplePeriodsAndEmailRule, lang.GeoLocationRule, lang.FileFormatRule)
        self.text = apply_rules(self.text, rules)
        return self.split_into_segments()

    def replace_continuous_punctuation(self):
        if "!" in self.text or "?" in self.text:
            super().replace_continuous_punctuation()

    def replace_periods_before_numeric_references(self):
        if _PERIOD_REFERENCE.search(self.text):
            super().replace_periods_before_numeric_references()

    def replace_numbers(self):
        self.text = apply_rules(self.text, self.lang.Numbers.All)

    def split_into_segments(self):
        lang = self.lang
        self.check_for_parens_between_quotes()
        sents = self.rm_none_flatten(self.text.split("\r"))
        sents = [apply_rules(s, (lang.SingleNewLineRule, *lang.EllipsisRules.All)) for s in sents]
        sents = self.rm_none_flatten([self.check_for_punctuation(s) for s in sents])
        out = []
        for sent in sents:
            post = self.post_process_segments(apply_rules(sent, lang.SubSymbolsRules.All))
            if post and isinstance(post, str):
                out.append(post)
            elif isinstance(post, list):
                out.extend(post)
        return [apply_rules(s, (lang.SubSingleQuoteRule,)) for s in out]

    def post_process_segments(self, txt):
        if len(txt) > 2 and _ALPHA_ONLY.search(txt):
            return txt
        txt = apply_rules(txt, self.lang.ReinsertEllipsisRules.All)
        if re.search(self.lang.QUOTATION_AT_END_OF_SENTENCE_REGEX, txt):
            return re.split(self.lang.SPLIT_SPACE_QUOTATION_AT_END_OF_SENTENCE_REGEX, txt)
        return txt.replace("\n", "").strip()

    def process_text(self, txt):
        lang = self.lang
        if txt[-1] not in lang.Punctuations:
            txt += "ȸ"
        txt = ExclamationWords.apply_rules(txt) if "!" in txt or "ǃ" in txt else txt
        txt = self.between_punctuation(txt)
        if not re.match(lang.DoublePunctuationRules.DoublePunctuation, txt):
            txt = apply_rules(txt, lang.DoublePunctuationRules.All)
        txt = apply_rules(txt, (lang.QuestionMarkInQuotationRule, *lang.ExclamationPointRules.All))
        txt = ListItemReplacer(txt).replace_parens() if ")" in txt else txt
        return self.sentence_boundary_punctuation(txt)


class English(_StockEnglish):
    """pysbd's English with the steps above."""

    Processor = FastProcessor
    AbbreviationReplacer = FastReplacer
    BetweenPunctuation = FastBetweenPunctuation


def segmenter() -> pysbd.Segmenter:
    """``pysbd.Segmenter(language="en", clean=False)`` running the steps above."""
    seg = pysbd.Segmenter(language="en", clean=False)
    seg.language_module = English
    return seg
