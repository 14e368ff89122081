"""pysbd's English abbreviation step: the same text transformations with less work.

pysbd's ``AbbreviationReplacer.search_for_abbreviations_in_string`` loops, for every
line, over its ~190 abbreviations and, for each one whose letters occur anywhere in
the line ("co" in "could"), builds regular-expression strings and runs them through
``re``'s cache of 512 patterns, which hundreds of patterns a line keep flushing: most
of pysbd's time. ``FastReplacer`` gives the identical text:

* an abbreviation's step only ever turns a "." into "∯", and only a "." right after
  the abbreviation at a word start (``(?:^|\\s)abbr\\.``, matched ignoring case). A
  "." turned into "∯" can only stop later matches, never start one, so the steps
  of the abbreviations with no such "." in the line as given change nothing and are
  skipped (``_candidates`` finds the others, a superset, from the line's periods);
* the remaining steps run pysbd's own code, with each pattern compiled once
  (pysbd's pattern strings, unchanged, including the unescaped abbreviation in one
  of them and the escaped one in another).

``askbot.sbdfast`` installs it on askbot's own Segmenter, never on pysbd itself.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pysbd.lang.english import English as _StockEnglish

from .sbdrules import apply_rules

_ABBREVIATIONS = tuple(_StockEnglish.Abbreviation.ABBREVIATIONS)
_PREPOSITIVE = _StockEnglish.Abbreviation.PREPOSITIVE_ABBREVIATIONS
_NUMBER = _StockEnglish.Abbreviation.NUMBER_ABBREVIATIONS
_LONGEST = max(len(a.strip()) for a in _ABBREVIATIONS)


def _index() -> tuple[dict[str, tuple[int, ...]], dict[int, tuple[int, ...]], tuple[tuple[int, str], ...]]:
    """Abbreviations (by their place in pysbd's list): by their lower-case letters, all of
    each length, and those with a "." in them (a regex wildcard in pysbd's search)."""
    by_key: dict[str, list[int]] = {}
    by_length: dict[int, list[int]] = {}
    wild = []
    for i, abbr in enumerate(_ABBREVIATIONS):
        stripped = abbr.strip()
        by_length.setdefault(len(stripped), []).append(i)
        if "." in stripped:
            wild.append((i, stripped))
        else:
            by_key.setdefault(stripped, []).append(i)
    return ({k: tuple(v) for k, v in by_key.items()}, {k: tuple(v) for k, v in by_length.items()}, tuple(wild))


_BY_KEY, _BY_LENGTH, _WILD = _index()


@cache  # one entry an abbreviation: compiled on first use, as few lines need most
def _searches(i: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """pysbd's two searches for abbreviation ``i``: where it starts a word, and the
    character after it (pysbd's pattern, braces and all)."""
    stripped = _ABBREVIATIONS[i].strip()
    return (re.compile(rf"(?:^|\s|\r|\n){stripped}", re.IGNORECASE),
            re.compile(r"(?<={" + str(re.escape(stripped)) + "} ).{1}"))


def _candidates(line: str) -> list[int]:
    """The abbreviations (their places, in pysbd's order) that may match at a word start
    right before a "." of ``line``; a superset of those whose step can change it."""
    found: set[int] = set()
    p = line.find(".")
    while p >= 0:
        for length in range(1, min(_LONGEST, p) + 1):
            s = p - length
            if s and not line[s - 1].isspace():  # re's \s is str.isspace
                continue
            word = line[s:p]
            if not word.isascii():  # ignoring case, re matches e.g. "ſ" to "s": keep all
                found.update(_BY_LENGTH.get(length, ()))
                continue
            lowered = word.lower()
            found.update(_BY_KEY.get(lowered, ()))
            found.update(i for i, w in _WILD if len(w) == length and all(a in (".", b) for a, b in zip(w, lowered)))
        p = line.find(".", p + 1)
    return sorted(found)


@lru_cache(maxsize=4096)
def _pattern(template: str, abbr: str) -> re.Pattern[str]:
    return re.compile(template.format(abbr=abbr))


_PRE_NUMBER = r"(?<=\s{abbr})\.(?=(\s\d|\s+\())"
_PREPOSITIVE_RE = r"(?<=\s{abbr})\.(?=(\s|:\d+))"
_PERIOD_OF = r"(?<=\s{abbr})\.(?=((\.|\:|-|\?|,)|(\s([a-z]|I\s|I'm|I'll|\d|\())))"


def _sub(template: str, abbr: str, txt: str) -> str:
    """pysbd's replace_* helpers: a space before the text stands for its start."""
    return _pattern(template, abbr).sub("∯", " " + txt)[1:]


_MULTI_PERIOD = re.compile(_StockEnglish.MULTI_PERIOD_ABBREVIATION_REGEX, re.IGNORECASE)


@cache
def _boundary_after(starters: tuple[str, ...]) -> re.Pattern[str]:
    """pysbd's replace_abbreviation_as_sentence_boundary pattern."""
    sent_starters = "|".join(rf"(?=\s{word}\s)" for word in starters)
    return re.compile(rf"(U∯S|U\.S|U∯K|E∯U|E\.U|U∯S∯A|U\.S\.A|I|i.v|I.V)∯({sent_starters})")


class FastReplacer(_StockEnglish.AbbreviationReplacer):
    """pysbd's English AbbreviationReplacer, skipping steps that change nothing."""

    def replace(self):
        lang = self.lang
        self.text = apply_rules(self.text, (lang.PossessiveAbbreviationRule, lang.KommanditgesellschaftRule,
                                            *lang.SingleLetterAbbreviationRules.All))
        self.text = "".join(self.search_for_abbreviations_in_string(line) for line in self.text.splitlines(True))
        self.text = _MULTI_PERIOD.sub(lambda m: m.group().replace(".", "∯"), self.text)
        self.text = apply_rules(self.text, lang.AmPmRules.All)
        self.text = _boundary_after(tuple(self.SENTENCE_STARTERS)).sub("\\1.", self.text)
        return self.text

    def search_for_abbreviations_in_string(self, text):
        lowered = text.lower()
        for i in _candidates(text):
            if _ABBREVIATIONS[i].strip() not in lowered:
                continue
            find, next_char = _searches(i)
            abbrev_match = find.findall(text)
            if not abbrev_match:
                continue
            char_array = next_char.findall(text)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text

    def scan_for_replacements(self, txt, am, ind, char_array):
        char = char_array[ind] if ind < len(char_array) else ""
        key = am.strip().lower()
        if not str(char).isupper() or key in _PREPOSITIVE:
            if key in _PREPOSITIVE:
                txt = _sub(_PREPOSITIVE_RE, am.strip(), txt)
            elif key in _NUMBER:
                txt = _sub(_PRE_NUMBER, am.strip(), txt)
            else:
                txt = _sub(_PERIOD_OF, re.escape(am.strip()), txt)
        return txt
