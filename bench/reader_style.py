"""Questions as readers type them, made from clean SQuAD tune questions (for the trainers).

``reader_style`` rewrites a well-formed question: lower case, no question mark,
"what is" as "whats", and a name of several capitalised words shortened to one
of them ("Kim Jong Un" -> "Kim" or "Un"; a country keeps its name). ``borrowed`` gives an article
questions of other articles: questions it almost surely cannot answer, as a
reader's off-topic question is.
"""

from __future__ import annotations

import random
import re

from askbot.places import country_of

_RUN = re.compile(r"(?<![\w'-])[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+")
_CONTRACT = ((r"\bwhat is\b", "whats"), (r"\bwho is\b", "whos"), (r"\bwhere is\b", "wheres"),
             (r"\bwhat's\b", "whats"), (r"\bwho's\b", "whos"), (r"'s\b", "s"))


def reader_style(question: str, rng: random.Random) -> str:
    """The question as a reader might type it (deterministic for a given ``rng`` state)."""
    text = " ".join(question.split()).rstrip("?. ")

    def shorten(m: re.Match) -> str:
        words = m.group().split()
        if rng.random() < 0.5 or country_of(m.group()) or any(c.isdigit() for c in m.group()):
            return m.group()
        return words[-1] if rng.random() < 0.6 else words[0]

    text = _RUN.sub(shorten, text[:1] + text[1:]).lower()
    for pattern, short in _CONTRACT:
        if rng.random() < 0.5:
            text = re.sub(pattern, short, text)
    return text


def borrowed(questions_by_article: list[list[str]], rng: random.Random, per_article: int) -> list[list[str]]:
    """For each article, ``per_article`` questions drawn from the other articles."""
    out = []
    for i in range(len(questions_by_article)):
        pool = [q for j, qs in enumerate(questions_by_article) if j != i for q in qs]
        out.append(rng.sample(pool, min(per_article, len(pool))))
    return out
