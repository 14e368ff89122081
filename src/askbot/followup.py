"""Follow-up questions: answer a question that leans on the previous turn.

"When will it arrive?" after "What did North Korea agree to send?" holds one
content term; alone it finds little. When a question is *weak* on its own --
it leans on a pronoun or a leading "and", has very few content terms, or its
own best sentence covers too little of it -- it is asked again with the
previous turn's content terms carried at a lower weight: the previous
question's at ``QUESTION_SHARE`` of their IDF, its cited sentences' at
``SENTENCE_SHARE``. A self-contained question is answered exactly as
without a previous turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .analysis import tokenize
from .answer import Answer, ask
from .features import term_weights
from .retriever import Retriever

QUESTION_SHARE = 0.6  # previous question's terms, share of their IDF
SENTENCE_SHARE = 0.3  # previous answer's cited sentences' terms
MAX_SENTENCE_TERMS = 8  # the rarest few terms of the cited sentences
CONTEXT_RATIO = 0.5  # all context together weighs at most this share of the question's own terms
FEW_TERMS = 2  # a question with this many content terms or fewer is weak...
WEAK_CONFIDENCE = 0.6  # ...and so is one whose own best sentence covers less than this

# A leading "and ..." or "what about ..." leans on the previous turn; so does a
# pronoun, unless a name stands before it in the question itself ("When did
# BSkyB end their analogue service?": "their" is BSkyB).
_LEADING = re.compile(r"^\s*(?:and|but|so|also|then|what about|how about)\b", re.I)
_PRONOUN = re.compile(r"\b(?:it|its|he|him|his|she|her|hers|they|them|their|theirs)\b", re.I)
_NAME = re.compile(r"(?<!^)\b[A-Z][\w'’-]*")


def leans_back(question: str) -> bool:
    """Whether the question's words point back to an earlier turn."""
    q = question.strip()
    if _LEADING.search(q):
        return True
    pronoun = _PRONOUN.search(q)
    return pronoun is not None and not _NAME.search(q[:pronoun.start()])


@dataclass(frozen=True)
class Turn:
    """What a follow-up may lean on: a question and the sentences it cited."""

    question: str
    cited: tuple[str, ...] = ()
    carried: Mapping[str, float] = field(default_factory=dict)  # the context it was itself asked in


def turn_of(answer: Answer, carried: Mapping[str, float] | None = None) -> Turn:
    return Turn(answer.question, tuple(c.text for c in answer.citations), dict(carried or {}))


def is_weak(question: str, own: Answer) -> bool:
    """Whether ``question`` (answered alone as ``own``) needs the previous turn."""
    terms = set(tokenize(question))
    if not terms:
        return True
    if leans_back(question):
        return True
    return len(terms) <= FEW_TERMS and (not own.found or own.confidence < WEAK_CONFIDENCE)


def context_of(turn: Turn, question: str, retriever: Retriever) -> dict[str, float]:
    """Terms of the previous turn with their share (< 1), minus the question's own."""
    own = set(tokenize(question))
    context: dict[str, float] = {}
    for term, share in turn.carried.items():  # a chain of follow-ups keeps its topic, fading
        context[term] = share * 0.5
    rare = sorted({t for text in turn.cited for t in tokenize(text)} - own,
                  key=lambda t: (-retriever.idf(t), t))[:MAX_SENTENCE_TERMS]
    for term in rare:
        context[term] = max(context.get(term, 0.0), SENTENCE_SHARE)
    for term in tokenize(turn.question):
        if term not in own:
            context[term] = QUESTION_SHARE
    return _scaled(context, own, retriever)


def _scaled(context: dict[str, float], own: set[str], retriever: Retriever) -> dict[str, float]:
    """Shrink the shares so that the context never outweighs the question's own terms."""
    own_weight = sum(term_weights(list(own), retriever).values())
    weight = sum(share * retriever.idf(t) for t, share in context.items())
    if own_weight and weight > CONTEXT_RATIO * own_weight:
        factor = CONTEXT_RATIO * own_weight / weight
        return {t: share * factor for t, share in context.items()}
    return context


def ask_followup(question: str, retriever: Retriever, previous: Turn | None,
                 answer: Callable[..., Answer] = ask, **settings) -> tuple[Answer, Turn]:
    """Answer ``question``, in the previous turn's context when it is weak alone.

    Returns the answer and the turn a next follow-up may lean on.
    """
    own = answer(question, retriever, **settings)
    if previous is None or not is_weak(question, own):
        return own, turn_of(own)
    context = context_of(previous, question, retriever)
    if not context:
        return own, turn_of(own)
    followed = answer(question, retriever, context=context, **settings)
    if own.found and followed.found and own.citations[0].id == followed.citations[0].id:
        return own, turn_of(own)  # the context agrees with the question alone: its answer stands
    return followed, turn_of(followed, context)
