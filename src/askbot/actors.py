"""Who-questions read from the sentence's word order (clauses.py's rules for "who" and "which group"):
the name after "by" / "from" next to the asked verb ("support from the U.S. and NATO"), the source after
"according to", the speaker of a quotation ("..., Jong Un said"), the one named with the asked person
("A and B met"), and the name a relative clause describes ("the U.S. and NATO, who have had ...")."""

from __future__ import annotations

from collections.abc import Collection

from .analysis import STOPWORDS
from .clauses import clause_after
from .lazyre import LazyRegex
from .spans import sentence_tokens, term_set, terms_of

_WHO = LazyRegex(r"^\s*(?:who|whom|which (?:\w+ )?(?:country|countries|group|groups|people|person|agency|outlet|"
                 r"newspaper|network|organi[sz]ations?|company|companies))\b(.*)$")
_SOURCE = LazyRegex(r"\b(?:report\w*|agency|agencies|outlet|newspaper|network|source|according)\b")
_QUESTION_WORD = LazyRegex(r"[a-z0-9’']+")
_PARTNER = LazyRegex(r"^\s*who(?:m)? (?:did|does|do|will|would|has|had|have) (\w+)")
_SAY = frozenset("said says say told tells stated added wrote declared announced".split())
_JOIN = frozenset("and & of de".split())


def name_run(words: tuple[str, ...], first: int) -> tuple[int, int] | None:
    """The run of capitalised words from token ``first`` ("the" may open it; "and", "of" and an initial's
    point may join it): "the U.S. and NATO", "Kurt H. Debus"."""
    n = first + (first < len(words) and words[first].lower() == "the")
    last = n - 1
    while n < len(words):
        w = words[n]
        if w[:1].isupper():
            last = n
        elif w == "." and (len(words[n - 1]) == 1 or "." in words[n - 1]) and n + 1 < len(words) \
                and (words[n + 1][:1].isupper() or words[n + 1].lower() in _JOIN):
            pass  # an abbreviation's point: "U.S. and NATO", "Kurt H. Debus"
        elif not (w.lower() in _JOIN and n + 1 < len(words) and words[n + 1][:1].isupper()):
            break
        n += 1
    return (first, last) if last >= first and words[last][:1].isupper() else None


def _capital(words: tuple[str, ...], n: int) -> bool:
    """Whether token ``n`` is a capitalised word, or the point of an abbreviation ("U.S.")."""
    return words[n][:1].isupper() or (words[n] == "." and n > 0 and "." in words[n - 1])


def _run_before(words: tuple[str, ...], end: int) -> tuple[int, int] | None:
    """The run of capitalised words (joined by "and", "of", "the") that ends at token ``end``."""
    if end < 0 or not words[end][:1].isupper():
        return None
    first = end
    while first > 0 and (_capital(words, first - 1) or (words[first - 1].lower() in _JOIN | {"the"}
                                                         and first > 1 and _capital(words, first - 2))):
        first -= 1
    if first > 0 and words[first - 1].lower() == "the":
        first -= 1
    return first, end


def who(question: str, text: str, head: Collection[str] = (), asked: Collection[str] = ()):
    """(first, last, rule) of the name that answers a who-question, or None (see the module's docstring);
    rule "who-clause": a clause the learned scorer picks in."""
    lowered = question.lower()
    m = _WHO.match(lowered)
    if m is None:
        return None
    _, words, _ = sentence_tokens(text)
    low = [w.lower() for w in words]
    q = _QUESTION_WORD.findall(m.group(1))
    verbs = [terms_of(w) for w in q if w not in STOPWORDS][:1]
    if _SOURCE.search(lowered):
        at = next((n + 2 for n in range(len(low) - 2) if low[n] == "according" and low[n + 1] == "to"), None)
        if at is not None and name_run(words, at):
            return (*name_run(words, at), "who")
    if q and q[0] in _SAY:
        for n in range(len(words)):
            if low[n] in _SAY:
                found = _run_before(words, n - 1) or name_run(words, n + 1)
                if found:
                    return (*found, "who")
    if verbs and verbs[0]:
        terms = terms_of(m.group(1))
        found = _after_verb(words, low, verbs[0]) or _relative(words, low, terms) or _subject(words, low, q)
        if found:
            return found
    return _partner(words, question, asked)


def _after_verb(words, low, verb: frozenset[str]):
    """The name after "by" / "from" that follows the word sharing the question's verb."""
    for n, w in enumerate(words[:-2]):
        if term_set(w) & verb and low[n + 1] in ("by", "from"):
            found = name_run(words, n + 2)
            after = words[found[1] + 1].lower() if found and found[1] + 1 < len(words) else "."
            if found and (not after[:1].isalpha() or after in STOPWORDS):
                return (*found, "who")  # else "Spanish architect Enric Miralles": the scorer picks in the clause
            found = clause_after(words, n + 1, frozenset())
            return (*found, "who-clause") if found else None
    return None


def _relative(words, low, terms: frozenset[str]):
    """The name before ", who <verb>" when the relative clause holds two of the question's terms."""
    for n in range(1, len(words) - 1):
        if low[n] != "who" or words[n - 1] != ",":
            continue
        end = next((k for k in range(n + 1, len(words)) if not words[k][:1].isalnum()), len(words))
        if len(terms & frozenset().union(
                *map(term_set, words[n + 1:end]))) >= min(2, len(terms)):
            found = _run_before(words, n - 2)
            if found:
                return (*found, "who")
    return None


_AUX = frozenset("""have has had having is are was were be been being will would can could may might shall should
must do does did also often still already""".split())
_OPENERS = frozenset("while whereas although though because since if when as and but".split())
_RELATIVES = frozenset("that which who whom whose".split())


def _subject(words, low, q: list[str]):
    """The subject of the sentence's clause that holds the question's predicate ("who has sanctions on
    russia": "Many countries" of "Many countries that would have the means to help have sanctions on Russia")."""
    if not q or q[0] not in ("has", "have", "had"):
        return None  # "who has ...": a subject; "who did X beat" asks the object, "who is" a definition
    content = [t for t in map(terms_of, q) if t]
    at = next((n for n, w in enumerate(words) if content and term_set(w) & content[0]), None)
    if at is None or len(content) < 2 or sum(bool(term_set(w) & frozenset().union(*content[1:]))
                                             for w in words[at + 1:at + 5]) < 1:
        return None  # the predicate stands in the sentence: its first two content words within five words
    while at > 0 and low[at - 1] in _AUX:
        at -= 1
    first = at
    while first > 0 and words[first - 1][:1].isalnum() and low[first - 1] not in _OPENERS:
        first -= 1
    last = next((n - 1 for n in range(first, at) if low[n] in _RELATIVES), at - 1)
    if last < first or last - first >= 8 or low[first] in _RELATIVES or not any(
            w[:1].islower() and w.isalpha() and w not in STOPWORDS for w in words[first:last + 1]):
        return None  # a name alone is the learned scorer's to find
    return first, last, "who"


def _partner(words, question: str, asked: Collection[str]):
    """For "who did X meet (with)": the run of capitals joined by "and" to the one naming X."""
    m = _PARTNER.match(question.lower())
    if m is None or " and " in question.lower():
        return None
    mine = terms_of(m.group(1))
    for n in range(1, len(words) - 1):
        if words[n] != "and":
            continue
        left, right = _run_before(words, n - 1), name_run(words, n + 1)
        if not (left and right):
            continue
        left_terms = frozenset().union(*map(term_set, words[left[0]:left[1] + 1]))
        right_terms = frozenset().union(*map(term_set, words[right[0]:right[1] + 1]))
        if mine & right_terms and not mine & left_terms:
            return (*left, "who")
        if mine & left_terms and not mine & right_terms:
            return (*right, "who")
    return None
