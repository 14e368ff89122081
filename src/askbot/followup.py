"""Conversations: answer a question that leans on the previous turn.

A question that stands on its own is answered exactly as if asked alone; only
one whose *words* point back gets the previous turn's help (``needs_context``):
- it has no content terms of its own ("Why?", "When?", "By when?");
- it begins with a connective ("And Russia?", "What about the floods?");
- it holds a pronoun with no name before it in the question ("When will it
  arrive?", "What did he say?"; not "When did BSkyB end their service?"), or a
  demonstrative pointing back ("When was that?", "What devastated that
  civilization?", "What happened there?");
- it asks for more ("What else?", "What did he say next?", "Anything else?").
Whether the article answers the question alone plays no part: "What is the
capital of France?" is declined after "Who is Kim Jong Un?" as it is alone.

Such a question is asked again with the previous turn's content terms carried
at a lower weight: the previous question's at ``QUESTION_SHARE`` of their IDF,
its cited sentences' at ``SENTENCE_SHARE``. A question that asks for more
(``asks_more``) may not cite what the conversation has cited already; when it
has no content of its own ("what else did he say") it is the previous question
asked again without those sentences, so it goes to the next quote, the next fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from .aliases import rewrite
from .analysis import tokenize
from .answer import Answer, ask
from .features import names_near, term_weights
from .related import related
from .retriever import Retriever
from .summary import wants_summary

QUESTION_SHARE = 0.6  # previous question's terms, share of their IDF
SENTENCE_SHARE = 0.3  # previous answer's cited sentences' terms
MAX_SENTENCE_TERMS = 8  # the rarest few terms of the cited sentences
CONTEXT_RATIO = 0.5  # all context together weighs at most this share of the question's own terms

# A leading "and ..." or "what about ..." leans on the previous turn; so does a
# pronoun, unless a name stands before it in the question itself ("When did
# BSkyB end their analogue service?": "their" is BSkyB).
_LEADING = re.compile(r"^\s*(?:and|but|so|or|also|then|what about|how about)\b", re.I)
_PRONOUN = re.compile(r"\b(?:it|its|he|him|his|she|her|hers|they|them|their|theirs|these|those)\b", re.I)
_NAME = re.compile(r"(?<!^)\b[A-Z][\w'’-]*")
# "that"/"this" pointing back: last word ("when was that"), or after a verb of
# happening or a preposition ("after that", "why did that happen"); "there" and
# "then" as places and times ("what happened there"), not "is there".
_DEMONSTRATIVE = re.compile(
    r"\b(?:that|this)\s*[?.!]*\s*$"
    r"|\b(?:about|after|before|by|during|for|from|in|of|on|since|to|with|did|does|do|was|is|were|are|"
    r"devastated|caused|ended|started|happened)\s+(?:that|this)\b(?!\s+(?:the|a|an)\b)"
    r"|(?<!\bis\s)(?<!\bare\s)(?<!\bwas\s)(?<!\bwere\s)\b(?:there|then)\s*[?.!]*\s*$", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?][\"”’']?\s+|[\"“]\s*)$")
MAX_NAME_PASSAGES = 20  # a name shows itself in the first few passages that hold the term
_MORE = re.compile(r"\b(?:else|next|another|again)\b|\bmore\s*(?:about\b|[?.!]*\s*$)"
                   r"|\b(?:any|some)thing\s+(?:more|further)\b|\b(?:what|which|any|the)\s+other\b", re.I)
# Words a request for more may hold without asking about anything new.
_MORE_WORDS = frozenset(tokenize("next anything another thing something happen mention add quote statement "
                                 "further continue detail details"))


def leans_back(question: str) -> bool:
    """Whether the question's words point back to an earlier turn."""
    q = question.strip()
    if _LEADING.search(q) or _DEMONSTRATIVE.search(q) or _MORE.search(q):
        return True
    pronoun = _PRONOUN.search(q)
    return pronoun is not None and not _NAME.search(q[:pronoun.start()])


def needs_context(question: str) -> bool:
    """Whether ``question`` needs the previous turn: it points back, or holds no content."""
    if wants_summary(question):  # "summarise this": the whole article, whatever came before
        return False
    return not tokenize(question) or leans_back(question)


def asks_more(question: str) -> bool:
    """Whether the question asks for something not yet said ("what else", "next", "anything more")."""
    return bool(_MORE.search(question))


def bare_more(question: str) -> bool:
    """A request for more with no content of its own: "what else did he say", "anything else?"."""
    return asks_more(question) and not set(tokenize(question)) - _MORE_WORDS


@dataclass(frozen=True)
class Turn:
    """What a follow-up may lean on: a question and the sentences it cited."""

    question: str
    cited: tuple[str, ...] = ()
    carried: Mapping[str, float] = field(default_factory=dict)  # the context it was itself asked in


def turn_of(answer: Answer, carried: Mapping[str, float] | None = None) -> Turn:
    return Turn(answer.question, tuple(c.text for c in answer.citations), dict(carried or {}))


def is_name(term: str, retriever: Retriever) -> bool:
    """Whether the article writes ``term`` with a capital inside a sentence (a name: "Korea", "Putin")."""
    passages = retriever.corpus.passages
    for i in retriever.index.postings(term)[0][:MAX_NAME_PASSAGES].tolist():
        text = passages[i].text
        for m in _CAPITALISED.finditer(text):
            if not _SENTENCE_START.search(text, 0, m.start()) and term in tokenize(m.group()):
                return True
    return False


def swaps_subject(question: str, retriever: Retriever) -> bool:
    """"And Russia?", "what about north korea": the previous question asked again of a new name."""
    own = tokenize(question)
    return (bool(_LEADING.search(question)) and not _PRONOUN.search(question)
            and any(is_name(t, retriever) for t in own))


def swapped(previous: str, question: str, retriever: Retriever) -> str | None:
    """The previous question with its name put in place of the question's ("What does North Korea
    want?", "and Russia?" -> "What does Russia want?"); None unless the question is a name alone."""
    rest = _LEADING.sub("", question.strip(), count=1).strip(" ?.!")
    if not rest or not swaps_subject(question, retriever) or not all(is_name(t, retriever) for t in tokenize(rest)):
        return None
    words = previous.split()
    named = [i for i, w in enumerate(words) if (terms := tokenize(w)) and all(is_name(t, retriever) for t in terms)]
    if not named:
        return None
    first = last = named[0]
    while last + 1 in named:  # the first run of name words: "North Korea"
        last += 1
    return " ".join([*words[:first], rest, *words[last + 1:]])


def context_of(turn: Turn, question: str, retriever: Retriever) -> dict[str, float]:
    """Terms of the previous turn with their share (< 1), minus the question's own.

    A question that swaps the subject ("and Russia?" after "What does North Korea
    want?") keeps only the previous question's terms that are not names ("want"):
    the old subject and the sentences cited about it would pull the answer back to it.
    """
    own = set(tokenize(question))
    if swaps_subject(question, retriever):
        kept = {t: QUESTION_SHARE for t in tokenize(turn.question) if t not in own and not is_name(t, retriever)}
        return _scaled(kept, own, retriever)
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


def absent_name(question: str, retriever: Retriever) -> bool:
    """Whether ``question`` holds a name the article lacks in every form ("biden"): a term the
    article has neither as it is nor under another name (aliases.rewrite), and that WordNet does
    not know (a dictionary word such as "last" may be only the question's phrasing)."""
    known = retriever.index.vocab.__contains__
    terms = rewrite(question, tokenize(question), known, lambda: names_near(retriever, tokenize(question)))
    return any(not known(t) and len(t) > 2 and not t[:1].isdigit() and not related(t) for t in terms)


def ask_followup(question: str, retriever: Retriever, previous: Turn | None,
                 answer: Callable[..., Answer] = ask, **settings) -> tuple[Answer, Turn]:
    """Answer ``question``, in the previous turn's context when it needs it (``needs_context``).

    Returns the answer and the turn a next follow-up may lean on.
    """
    own = answer(question, retriever, **settings)
    if previous is None or not needs_context(question) or absent_name(question, retriever):
        return own, turn_of(own)  # a name the article lacks: no previous turn can answer for it
    rewritten = swapped(previous.question, question, retriever)
    if rewritten is not None:  # "and Russia?": the previous question, of Russia
        again = answer(rewritten, retriever, **settings)
        return replace(again, question=question), turn_of(again)
    context = context_of(previous, question, retriever)
    if not context:
        return own, turn_of(own)
    followed = answer(question, retriever, context=context, **settings)
    if own.found and followed.found and own.citations[0].id == followed.citations[0].id:
        return own, turn_of(own)  # the context agrees with the question alone: its answer stands
    return followed, turn_of(followed, context)


class Conversation:
    """The turns of one conversation: each question answered in the context of those before.

    The interactive session and ``askbot ask --conversation`` both ask through
    ``Conversation.ask``; ``answer`` is the answer function (a stand-in in tests).
    ``given`` holds the sentences given as answers since the thread began (at
    the last question that stood on its own): an answer's first citation (the
    others support it and may be the next answer), or every sentence of a
    summary. A question that asks for more may not cite them.
    """

    def __init__(self, retriever: Retriever, answer: Callable[..., Answer] = ask):
        self.retriever, self._answer = retriever, answer
        self.turn: Turn | None = None  # what a follow-up leans on
        self.given: frozenset[int] = frozenset()

    def ask(self, question: str, **settings) -> Answer:
        """The answer to the conversation's next question."""
        more = self.turn is not None and asks_more(question)
        if more and self.given:
            settings = {**settings, "exclude": self.given}
        if more and bare_more(question):
            answer, turn = self._again(question, self.turn, settings)
        else:
            answer, turn = ask_followup(question, self.retriever, self.turn, self._answer, **settings)
        self.turn = turn
        if not needs_context(question):  # a new thread
            self.given = frozenset()
        cited = [c.id for c in answer.citations]
        self.given |= set(cited if wants_summary(turn.question) else cited[:1])
        return answer

    def _again(self, question: str, turn: Turn, settings: dict) -> tuple[Answer, Turn]:
        """The previous question asked again (in its own context), without the sentences given."""
        if turn.carried:
            settings = {**settings, "context": dict(turn.carried)}
        again = self._answer(turn.question, self.retriever, **settings)
        return replace(again, question=question), Turn(turn.question, tuple(c.text for c in again.citations),
                                                       dict(turn.carried))
