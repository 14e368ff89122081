"""Short answers read from the shape of the question, before the learned scorer (phrase.py).

The scorer is learned on SQuAD, whose answers are mostly names, dates and
numbers; reader questions about news ask as often for a common-noun phrase or
a clause. These question shapes point at the answer through the sentence's
own word order, and are read here from light cues (closed word lists,
capitals, punctuation), with no tagger (who-questions: actors.py):

- **the object of the asked verb** ("what did X want / come to discuss / want
  to stop", "what may X allow Y to do"): the words after the verb the
  question shares with the sentence, up to the end of that clause;
- **who is X / what is X's title**: the title words of the run of capitals
  that names X ("Russian President Vladimir Putin" -> "Russian President"),
  or the phrase set beside X by a dash or comma ("X — a new site ..."), or
  for "what is Y's X" what the sentence says "is the X";
- **which X / what kind of X**: the phrase set beside the sentence's X by a
  dash or comma ("ammunition — specifically artillery shells"), or X with
  the words that qualify it ("ballistic and nuclear weapons programs");
- **why**: the clause after "because" ("since", "due to"), else the purpose
  clause "to <verb> ..." after the asked verb.

Each gives token ranges (first, last) into ``spans.sentence_tokens``; None when
the shape or the sentence does not fit, and the learned scorer decides.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from .analysis import STOPWORDS
from .lazyre import LazyRegex
from .spans import sentence_tokens, term_set, terms_of

MAX_CLAUSE = 15  # words: a longer clause is not a short answer
_OBJECT = LazyRegex(r"^(?:and |so |then )?what (?:do|does|did|will|would|can|could|may|might|should|must) (.+)$")
_DEFINE = LazyRegex(r"^(?:who|what)(?: is| was| are| were|[’']s|s) (.+)$")
_ROLE = frozenset("title job position role rank office post".split())
_TITLES = frozenset("""president leader minister chancellor king queen prince princess emperor chairman chairwoman
chair secretary general governor senator mayor ambassador director chief ceo founder head commander premier
spokesman spokeswoman spokesperson envoy official judge justice pope bishop captain admiral colonel marshal
dictator ruler monarch sultan emir sheikh chairperson""".split())
_HAVE = frozenset("have has had having".split())
_PREPS = frozenset("from for with about at in on into of by to against over toward towards".split())
_BOUNDARY_WORDS = frozenset("which who whom whose while whereas because although though where when if".split())
_LEADS = frozenset("specifically especially including particularly namely mainly mostly notably like".split())
_PAUSE = frozenset(",;:—–()“”\"‘’.!?[]")
_DASHES = frozenset(",—–:(")
_WANT = terms_of("want wants wanted seek seeking sought hope hoped wish desire aim aimed intend plan need")


_WORD = LazyRegex(r"[a-z0-9]+(?:['’.][a-z0-9]+)*")


@lru_cache(maxsize=16)  # the rules read the same question one after another
def _words(question: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(question.lower()))


def _terms_of(word: str) -> frozenset[str]:
    terms = terms_of(word)
    return terms | _WANT if terms & _WANT else terms


def clause_after(words: tuple[str, ...], at: int, stop_terms: frozenset[str],
                 stop_prep: str = "") -> tuple[int, int] | None:
    """The words after token ``at`` up to the end of their clause (a mark, a relative or linking word, a
    preposition followed by the question's own words ``stop_terms``, or the question's own preposition
    ``stop_prep``: "seek X from Y"); a leading "to" is left out."""
    first = at + 1
    if first < len(words) and words[first].lower() == "to" and first + 1 < len(words):
        first += 1
    last = first
    while last < len(words) and words[last] not in _PAUSE and words[last].lower() not in _BOUNDARY_WORDS:
        low = words[last].lower()
        after = last + 1 + (last + 2 < len(words) and words[last + 1].lower() in ("the", "a", "an"))
        if last > first and (low == stop_prep or (low in _PREPS and stop_terms and after < len(words)
                                                  and term_set(words[after]) & stop_terms)):
            break  # "sought a new budget from the council", the council asked about
        last += 1
    last -= 1
    while last >= first and words[last].lower() in STOPWORDS:
        last -= 1
    what = [n for n in range(first + 1, min(first + 5, last)) if words[n].lower() == "as"]
    if words[first].lower() == "what" and what:  # "what they see as X": X
        first = what[0] + 1
    if last < first or last - first + 1 > MAX_CLAUSE or not words[first][:1].isalnum() \
            or words[first].lower() in ("and", "or", "but", "nor"):
        return None
    return first, last


def object_of_verb(question: str, text: str, *_) -> tuple[int, int] | None:
    """For "what did X <verb> [prep Y]" questions: the clause after the sentence's last word that shares
    the question's last content word (its verb, or X when the verb is "do")."""
    m = _OBJECT.match(" ".join(_words(question)))
    if m is None:
        return None
    rest = m.group(1).split()
    stop_terms, stop_prep = frozenset(), ""
    for n in range(max(len(rest) - 4, 1), len(rest)):  # "... want from north korea": the verb is "want"
        if rest[n] in _PREPS and rest[n] != "to":
            stop_terms, stop_prep = terms_of(" ".join(rest[n + 1:])), rest[n]
            rest = rest[:n]
            break
    while rest and (rest[-1] in ("do", "doing", "to", "happen") or rest[-1] in _PREPS):
        rest.pop()
    _, words, _ = sentence_tokens(text)
    if len(rest) > 1 and rest[-1] in _HAVE:  # "what do many countries have": a verb with no index term
        at = next((n for n in range(len(words) - 1, -1, -1) if words[n].lower() in _HAVE), None)
    else:
        anchor = next((_terms_of(w) for w in reversed(rest) if terms_of(w)), None)
        at = next((n for n in range(len(words) - 1, -1, -1) if term_set(words[n]) & anchor), None) if anchor else None
    return None if at is None else clause_after(words, at, stop_terms, stop_prep)


def _find(words: tuple[str, ...], terms: frozenset[str]) -> list[int]:
    return [n for n, held in enumerate(map(term_set, words)) if not held.isdisjoint(terms)]


def _beside(words: tuple[str, ...], at: int, comma: bool = True) -> tuple[int, int] | None:
    """The phrase set after token ``at`` by a dash, colon or bracket (or a comma, when ``comma``, or a comma and
    "specifically", "including", ...), up to the next mark ("X — a new site ...")."""
    if at + 2 >= len(words) or words[at + 1] not in _DASHES:
        return None
    lead = words[at + 2].lower() in _LEADS
    if words[at + 1] == "," and not (comma or lead):
        return None
    first = at + 2 + lead
    last = first
    while last < len(words) and words[last] not in _PAUSE:
        last += 1
    if last == first or last - first > MAX_CLAUSE or not words[first][:1].isalnum():
        return None
    return first, last - 1


def definition(question: str, text: str, *_) -> tuple[int, int] | None:
    """For "who is X" (and "what is X's title"): the title words before X in its run of capitals, else the
    phrase set beside X; for "what is X": the phrase set beside X (X's words standing together in the
    sentence); for "what is Y's X": what the sentence says "is the X" ("acquiring enough ammunition ... is
    the primary goal for Putin")."""
    m = _DEFINE.match(" ".join(_words(question)))
    if m is None:
        return None
    subject = m.group(1).split()
    role = subject[-1] in _ROLE and len(subject) > 1
    person = question.lower().lstrip().startswith("who") or role
    subject = subject[:-1] if role else subject
    _, words, _ = sentence_tokens(text)
    if any(w.endswith(("'s", "’s")) for w in subject) and not role:
        cut = next((n for n, w in enumerate(subject) if n and w in _PREPS and w != "of"), len(subject))
        return None if person else _inverted(words, subject[:cut])  # "who was X's wife": a relation
    terms = terms_of(" ".join(subject))
    found = _find(words, terms) if terms and len(subject) <= 4 else []
    if not found or found[-1] - found[0] > len(subject) + 1 or frozenset().union(*map(term_set, (
            words[n] for n in found))) < terms:
        return None
    if person:
        title = _title(words, found[0])
        if title:
            return title
    return _beside(words, found[-1]) or (None if person else _inverted(words, subject))


_COPULA = frozenset("is was are were".split())


def _inverted(words: tuple[str, ...], said: list[str]) -> tuple[int, int] | None:
    """The phrase before "is the <noun>" in the sentence, a dash-set aside left out, up to the clause's start
    (a leading preposition left out)."""
    noun = said[-1]
    if noun.endswith(("ed", "ing")):
        return None
    terms = terms_of(noun)
    for at in _find(words, terms) if terms else []:
        cop = next((n for n in range(at - 1, max(at - 4, -1), -1) if words[n].lower() in _COPULA), None)
        after = words[at + 1].lower() if at + 1 < len(words) else "."
        if cop is None or not all(w[:1].islower() and w.isalpha() for w in words[cop + 1:at]) \
                or (after.isalpha() and after not in _PREPS):
            continue  # "is the primary goal," / "is the primary goal for"
        end = cop - 1
        if end > 0 and words[end] in "—–":
            end = next((n - 1 for n in range(end - 1, -1, -1) if words[n] == words[cop - 1]), -1)
        first = end
        while first > 0 and words[first - 1][:1].isalnum():
            first -= 1
        while first <= end and words[first].lower() in STOPWORDS:
            first += 1
        if 0 <= first <= end and end - first < MAX_CLAUSE:
            return first, end
    return None


def _title(words: tuple[str, ...], at: int) -> tuple[int, int] | None:
    """The words of the capitals run before token ``at`` up to its last title word ("North Korean Supreme
    Leader" of "North Korean Supreme Leader Kim Jong Un")."""
    first = at
    while first > 0 and words[first - 1][:1].isupper():
        first -= 1
    titles = [n for n in range(first, at) if words[n].lower() in _TITLES]
    return (first, titles[-1]) if titles else None


_WHICH = LazyRegex(r"^\s*(?:which|what (?:kind|type|sort)s? of)\s+(.*)$")


def which_head(question: str, text: str, head: Collection[str], asked: Collection[str]) -> tuple[int, int] | None:
    """For "which X" / "what kind of X": the phrase set beside the sentence's X, else X with the lower-case
    words before it that qualify it, when one of them is not the question's own."""
    m = _WHICH.match(question.lower())
    if not head or m is None:
        return None
    _, words, _ = sentence_tokens(text)
    named = [terms_of(w) for w in _words(m.group(1))[:3]]
    lower = [t for t in named if t and any(w[:1].islower() and term_set(w) & t for w in words)]
    head = lower[0] if lower else head  # "which north korean programs": the first word the sentence has in lower case
    for at in _find(words, frozenset(head)):
        beside = _beside(words, at, comma=False)
        if beside:
            return beside
        if not words[at][:1].islower() or (at + 1 < len(words) and words[at + 1][:1].isupper()):
            continue  # "the rock group Coldplay": the name after the head answers
        first = at
        while first > 0 and (_modifier(words[first - 1]) or (words[first - 1].lower() in ("and", "or")
                                                            and first > 1 and _modifier(words[first - 2]))):
            first -= 1
        if any(_modifier(w) and not term_set(w) & frozenset(asked) for w in words[first:at]):
            return first - (first > 0 and words[first - 1].lower() in ("the", "a", "an")), at
    return None


def _modifier(word: str) -> bool:
    return word[:1].islower() and word.isalpha() and word.lower() not in STOPWORDS and not word.endswith("ing")


_BECAUSE = LazyRegex(r"^(?:because|since|due|owing|thanks|so)$")


def reason(question: str, text: str, *_) -> tuple[int, int] | None:
    """For "why" questions: the clause after "because" ("since", "due to", "so that"), else the purpose
    clause ("to <verb> ...") after the sentence's word sharing the question's verb."""
    words_q = _words(question)
    if not words_q or words_q[0] != "why":
        return None
    _, words, _ = sentence_tokens(text)
    low = [w.lower() for w in words]
    for n, w in enumerate(low[:-1]):
        if _BECAUSE.match(w) and (w not in ("due", "owing", "thanks", "so") or low[n + 1] in ("to", "that")):
            found = clause_after(words, n + (low[n + 1] in ("to", "that", "of") and w != "since"), frozenset())
            if found:
                return found
    verbs = [_terms_of(w) for w in words_q[2:] if terms_of(w)]
    for n, w in enumerate(words[:-2]):
        if any(term_set(w) & v for v in verbs[1:2] or verbs[:1]):
            to = next((k for k in range(n + 1, min(n + 6, len(words) - 1)) if low[k] == "to"), None)
            if to is not None and words[to + 1][:1].islower() and low[to + 1] not in STOPWORDS:
                end = clause_after(words, to, frozenset())
                return (to, end[1]) if end else None
    return None


_NUMBER_PART = LazyRegex(r"^(?:\d[\d.,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                         r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|half|several)$")


_HOW_MANY = LazyRegex(r"^\s*how (?:many|long)\b")
_TIME_UNITS = terms_of("hour hours day days minute minutes year years week weeks month")


def count_unit(question: str, text: str, head: Collection[str], *_) -> tuple[int, int] | None:
    """For "how many <unit>" / "how long": a number joined to the unit in one word ("a five-hour meeting")."""
    if not _HOW_MANY.match(question.lower()):
        return None
    units = frozenset(head) or _TIME_UNITS
    _, words, _ = sentence_tokens(text)
    for n, w in enumerate(words):
        parts = w.lower().split("-")
        if len(parts) == 2 and _NUMBER_PART.match(parts[0]) and not parts[1].endswith("ly") \
                and terms_of(parts[1]) & units:  # not "half-hourly"
            return n, n
    return None
