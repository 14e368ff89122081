"""Whose words a sentence gives, and whether a question asks for someone's words.

News text reports speech in a few fixed shapes: a quotation followed or
preceded by "X said" (or "said X"), reported words with "X said that", and a
source with "according to X". ``speakers`` finds the capitalised names in those
places; ``quoting`` tells a direct quotation from reported words. A question
such as "what did Kim say", "how did X describe Y", "what did X call Y" or
"according to whom ..." asks for words (``asks_words``); ``asked_speakers``
gives the names whose words it wants.
"""

from __future__ import annotations

from functools import lru_cache

from .analysis import normalise
from .lazyre import CaselessRegex, LazyRegex

_VERBS = (r"said|says|say|told|tells|added|adds|stated|states|claimed|claims|declared|declares|announced|"
          r"announces|warned|warns|insisted|insists|argued|argues|noted|notes|wrote|writes|replied|explained|"
          r"explains|described|describes|called|calls|urged|urges|vowed|vows|promised|promises|praised|praises|"
          r"asserted|asserts|remarked|remarks|commented|comments")
# every verb of speech starts with one of these: a text holding none of them holds no such verb
_VERB_CORES = tuple(dict.fromkeys(v[:4] for v in _VERBS.split("|")))
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’.-]*)*"
_SPEAKER_BEFORE = LazyRegex(rf"({_NAME})(?:'s?)?\s+(?:(?:has|had|also|then|later)\s+)*(?:{_VERBS})\b")
_SPEAKER_AFTER = LazyRegex(rf"\b(?:{_VERBS})\s+(?:the\s+)?({_NAME})")
_ACCORDING = LazyRegex(rf"\baccording to\s+(?:the\s+)?({_NAME})")
_QUOTED = LazyRegex(r"[\"“”][^\"“”]{12,}[\"“”]")
_ASKS = CaselessRegex(rf"\b(?:what|how|why)\b.*\b(?:{_VERBS}|say|call|claim|describe|think|tell|state|announce|"
                      rf"warn|promise|talk|speak|comment)\w*\b|\baccording to (?:whom|who)\b|\bwho\s+(?:{_VERBS}|"
                      r"quoted|reported)\b|\bquote[sd]?\b|\bwords\b|\bstatement\b")
_ASKED_NAMES = CaselessRegex(r"\b(?:what|how|why|when|where)\s+(?:did|does|do|has|had|will|would|is|was)\s+(.+?)\s+"
                             r"(?:say|said|call|claim|describe|think|tell|state|announce|warn|promise|talk|speak|"
                             r"comment|mean)\w*\b")


@lru_cache(maxsize=65536)
def speakers(sentence: str) -> tuple[str, ...]:
    """Capitalised names the sentence gives words of: "X said", "said X", "according to X"."""
    text = normalise(sentence)
    said = any(v in text for v in _VERB_CORES)  # most sentences have none: their patterns cannot match
    patterns = ((_SPEAKER_BEFORE, _SPEAKER_AFTER) if said else ()) + ((_ACCORDING,) if "according to" in text else ())
    found = [m.group(1) for p in patterns for m in p.finditer(text)]
    bare = (n.rstrip(".").removesuffix("'s").removesuffix("'") for n in found)
    return tuple(dict.fromkeys(n for n in bare if n.lower() not in _NOT_NAMES))


_NOT_NAMES = frozenset({"it", "he", "she", "they", "this", "that", "the", "a", "an", "we", "i", "officials"})


@lru_cache(maxsize=65536)
def quoting(sentence: str) -> bool:
    """Whether the sentence quotes someone's words directly."""
    return bool(_QUOTED.search(normalise(sentence)))


@lru_cache(maxsize=256)  # keyed by question: the answer stage asks it a few times a question
def asks_words(question: str) -> bool:
    """Whether the question asks what someone said, called, claimed, described or thought."""
    return bool(_ASKS.search(normalise(question)))


def asked_speakers(question: str) -> str:
    """The words naming whose speech is asked for: "kim" in "what did kim say about it" ('' if none)."""
    text = normalise(question)
    m = _ASKED_NAMES.search(text)  # found in the text lowered: the names are read from the text
    return text[m.start(1):m.end(1)] if m else ""
