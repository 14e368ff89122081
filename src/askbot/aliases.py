"""Other names for the same person or place, found in the article itself.

News text gives a full name once and shortens it after: "Kim Jong Un" then
"Kim" or "Jong Un", "Vladimir Putin" then "Putin". A question may also name a
thing in another form than the article: "Russian" where it says "Russia",
"United States" where it says "U.S.". No hand list: everything comes from the
article's own capitalised words.

- ``Names.from_text``: the article's full names are runs of two or more
  capitalised words, less the words it also writes in lower case (titles such
  as "president") and demonyms ("Russian" when "Russia" is a word of it). A
  shorter mention whose words all belong to exactly one full name stands for
  that name: ``Names.extra(sentence)`` gives the name's other terms, which the
  answer stage counts as held by the sentence.
- ``rewrite``: a question word the article never uses is replaced by a form it
  does use: a demonym's country or the reverse, an acronym's name or the
  reverse. (An unknown word would otherwise weigh most and look unanswerable.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from .analysis import MAX_TERMS, STOPWORDS, normalise, tokenize
from .irregular import BASE_FORM
from .lazyre import LazyRegex
from .regexcache import compiled

_CAP = r"(?:(?:[A-Z]\.){2,}|[A-Z][\w'-]*)"
# "(?=[A-Z])" first: every match starts so, and the scan skips other characters ~2x faster
_RUN = LazyRegex(rf"(?=[A-Z])(?<![\w.'-]){_CAP}(?:(?: of| the| for)? {_CAP})*")
_LOWER = r"(?<![\w'-])[a-z][\w'-]*"  # these two compile on first use: cached names need neither
_CONNECTORS = frozenset({"of", "the", "for"})
_TITLE = (r"(?:(?P<cap>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*) |(?:^|[.,;:(\u2013\u2014-]) ?(?:the )?)"
          r"(?P<low>[a-z]+(?: [a-z]+)?) $")
# demonym suffix -> endings of the place name: Russ-ian/Russ-ia, Kor-ean/Kor-ea, Chin-ese/Chin-a, Israel-i
_DEMONYMS = (("ian", ("ia", "", "e", "a", "y")), ("ean", ("ea",)), ("an", ("a", "")), ("ese", ("a", "")),
             ("i", ("",)))


@cache
def _compiled(pattern: str) -> re.Pattern:
    return compiled(pattern)


def demonym_bases(word: str) -> list[str]:
    """Place names ``word`` may be the demonym of: Russian -> Russia, Chinese -> China."""
    return [word[: -len(suffix)] + end for suffix, ends in _DEMONYMS
            if word.endswith(suffix) and len(word) > len(suffix) + 2 for end in ends]


def demonyms(word: str) -> list[str]:
    """Demonyms ``word`` may be the place name of: Russia -> Russian, China -> Chinese."""
    return [word[: len(word) - len(end)] + suffix for suffix, ends in _DEMONYMS
            for end in ends if word.endswith(end) and len(word) > len(end) + 2]


def initials(words: Iterable[str]) -> str:
    """Upper-case initials of a name's words, connectors skipped: United States -> US."""
    return "".join(w[0] for w in words if w.lower() not in _CONNECTORS).upper()


def _acronym_letters(word: str) -> str:
    letters = word.replace(".", "")
    return letters if len(letters) >= 2 and letters.isalpha() and letters.isupper() else ""


class Names:
    """The full names of one text, what the text calls them, and which shorter
    mentions stand for them."""

    def __init__(self, described: dict[frozenset[str], set[str]], by_initials: dict[str, list[str]]):
        holding = _by_term(described)  # term -> names holding it: supersets and subsets without N^2 pairs
        full = [n for n in described if not any(n < m for m in holding[min(n, key=lambda t: len(holding[t]))])]
        self.full = tuple(sorted(full, key=sorted))
        # a name's descriptors: "Norland's prime minister Pel Toran Ruk" -> norland, prime, minist
        self.described = {n: frozenset(t for m in {m for x in n for m in holding[x] if m <= n}
                                       for t in described[m]) - n for n in full}
        self.by_initials = by_initials  # "US" -> terms of "United States"
        self._holding = _by_term(self.full)

    @classmethod
    def from_text(cls, text: str) -> Names:
        text = normalise(text)
        runs = [(m.start(), m.group().split(" "), _opens_sentence(text, m.start())) for m in _RUN.finditer(text)]
        words = _Words({w.lower() for w in _compiled(_LOWER).findall(text)},
                       {w.removesuffix("'s") for _, run, _ in runs for w in run})
        inside = {w for _, run, opens in runs for w in run[opens:]}
        described: dict[frozenset[str], set[str]] = {}
        by_initials: dict[str, list[str]] = {}
        for start, run, opens in runs:
            if opens and run[0] not in inside:  # "Later Jong Un": "Later" is no name word
                run = run[1:]
            core = frozenset(t for w in run if words.is_name(w) for t in words.terms(w))
            if len(core) >= 2:
                titles = [t for w in run if not words.is_name(w) for t in words.terms(w)]
                titles += [t for w in run for t in words.country(w)]  # "Russian President X" holds "Russia"
                described.setdefault(core, set()).update(titles, _title_before(text, start))
            if len(run) >= 2:
                by_initials.setdefault(initials(run), [t for w in run for t in words.terms(w)])
        return cls(described, by_initials)

    def to_json(self) -> dict:
        """Plain lists and dicts (for the index cache); ``from_json`` gives the same Names back."""
        return {"names": [[sorted(n), sorted(self.described[n])] for n in self.full],
                "initials": self.by_initials}

    @classmethod
    def from_json(cls, data: dict) -> Names:
        names, initials = data["names"], data["initials"]
        if not (isinstance(names, list) and isinstance(initials, dict)
                and all(isinstance(n, list) and len(n) == 2 for n in names)):
            raise ValueError("names are not [[terms], [terms]] pairs")
        return cls({frozenset(n): set(d) for n, d in names}, {str(k): list(v) for k, v in initials.items()})

    def owner(self, terms: frozenset[str]) -> frozenset[str] | None:
        """The one full name holding every term of a mention, if exactly one does."""
        found = [n for n in self._holding.get(next(iter(terms)), ()) if terms <= n]
        return found[0] if len(found) == 1 else None

    def extra(self, sentence: str) -> frozenset[str]:
        """Terms of the full names (and what the text calls them) that the sentence's mentions stand for."""
        return _extra(self, sentence)


def _by_term(names: Iterable[frozenset[str]]) -> dict[str, list[frozenset[str]]]:
    out: dict[str, list[frozenset[str]]] = {}
    for n in names:
        for t in n:
            out.setdefault(t, []).append(n)
    return out


_NONE: frozenset[str] = frozenset()  # one empty set for all cached results (each set is a garbage collector's object)


@lru_cache(maxsize=65536)
def _extra(names: Names, sentence: str) -> frozenset[str]:
    out: set[str] = set()
    for m in _RUN.finditer(normalise(sentence)):
        terms = frozenset(tokenize(m.group()))
        name = names.owner(terms) if terms else None
        if name is not None:
            out |= (name | names.described[name]) - terms
    return frozenset(out) if out else _NONE


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3):start].rstrip(" \"'(\u201c\u2018")
    return not before or before[-1] in ".!?:\n"


class _Words:
    """Per word of one text, memoised: its terms, and whether it is a name word
    (not written in lower case elsewhere in the text, not a connector, not the
    demonym of a capitalised word of the text)."""

    def __init__(self, lower: set[str], capitalised: set[str]):
        self.lower, self.capitalised = lower, capitalised
        self._terms: dict[str, list[str]] = {}
        self._name: dict[str, bool] = {}

    def terms(self, word: str) -> list[str]:
        found = self._terms.get(word)
        if found is None:
            found = self._terms[word] = tokenize(word)
        return found

    def country(self, word: str) -> list[str]:
        """Terms of the capitalised word of the text that ``word`` is the demonym of: Russian -> russia."""
        bare = word.removesuffix("'s")
        return next((self.terms(b) for b in demonym_bases(bare) if b in self.capitalised), [])

    def is_name(self, word: str) -> bool:
        found = self._name.get(word)
        if found is None:
            low = word.lower()
            found = self._name[word] = low not in self.lower and low not in _CONNECTORS and not any(
                b in self.capitalised for b in demonym_bases(word.removesuffix("'s")))
        return found


def _title_before(text: str, start: int) -> list[str]:
    """Terms of a title just before the name at ``start``: "Norland's prime minister", "the chancellor"."""
    if start < 2 or text[start - 1] != " " or not text[start - 2].islower():
        return []
    m = _compiled(_TITLE).search(text, max(0, start - 48), start)  # "$" is ``start``; "^" only the text's start
    if m is None or any(_verb_like(w) or w in STOPWORDS for w in m.group("low").split()):
        return []
    place = m.group("cap") or ""
    return tokenize(f"{place} {m.group('low')}") if len(tokenize(place)) < 2 else tokenize(m.group("low"))


def _verb_like(word: str) -> bool:
    return word in BASE_FORM or word.endswith(("ed", "ing")) or (word.endswith("s") and not word.endswith("ss"))


def rewrite(question: str, terms: list[str], known: Callable[[str], bool],
            names: Callable[[], Names]) -> list[str]:
    """``terms`` of ``question`` with each capitalised word or name the article
    never uses replaced by the article's form of it (``known(term)``: the
    article has the term; ``names()``: the article's Names, built on need)."""
    swap: dict[str, list[str]] = {}
    for run in (m.group().split(" ") for m in _RUN.finditer(normalise(question))):
        for word in run:
            own = tokenize(word)
            if own and not all(map(known, own)):
                found = _other_form(word, known, names)
                if found:
                    swap.update((t, found) for t in own if not known(t))
        own = tokenize(" ".join(run), MAX_TERMS)  # the question's words: not into the text cache
        if len(run) >= 2 and not all(map(known, own)):
            acronym = list(dict.fromkeys(t for form in (initials(run), ".".join(initials(run)) + ".")
                                         for t in tokenize(form, MAX_TERMS)))
            if acronym and all(map(known, acronym)):
                unknown = [t for t in own if not known(t)]
                swap.update({unknown[0]: acronym, **{t: [] for t in unknown[1:]}})  # one name, one acronym
    return [new for t in terms for new in swap.get(t, (t,))]


def _other_form(word: str, known: Callable[[str], bool], names: Callable[[], Names]) -> list[str]:
    """The article's terms for ``word``: its demonym or place, or an acronym's name."""
    bare = word.removesuffix("'s")
    for form in (*demonym_bases(bare), *demonyms(bare)):
        found = tokenize(form, MAX_TERMS)  # a question word's forms: not into the text cache
        if found and all(map(known, found)):
            return found
    letters = _acronym_letters(bare)
    if letters:
        found = names().by_initials.get(letters, [])
        if found and all(map(known, found)):
            return found
    return []
