"""Edited questions: unanswerable examples made from answerable ones, the way
SQuAD 2.0's writers made theirs (a swapped name or number, an added negation,
a word turned into its opposite). bench/train_confidence.py learns from them
beside squad2_tune's own, because only 9 squad2_tune articles are clean.

Each answerable question of the clean squad11_tune articles gives up to two
edits, of the first two kinds (in a seeded random order) that apply; one edit a
question gave leave-one-article-out auroc 0.683, two 0.688 (0.670 without).
The labels are not checked: an edited question may still be answerable.
"""

from __future__ import annotations

import random
import re

from askbot.cues import OPPOSITES

_AUX = re.compile(r"\b(?:is|are|was|were|did|does|do|can|could|has|have|had|will|would|should)\b", re.I)
_CAPITAL = re.compile(r"(?<!^)\b[A-Z][a-z]+\b")
_NUMBER = re.compile(r"\b\d[\d,]*\b")


def _name(question: str, context: str, rng: random.Random) -> str | None:
    names = sorted(set(_CAPITAL.findall(context)))
    mine = [w for w in _CAPITAL.findall(question) if w in names]
    others = [n for n in names if n not in question]
    if not mine or len(names) <= 5 or not others:
        return None
    return question.replace(rng.choice(mine), rng.choice(others), 1)


def _number(question: str, context: str, rng: random.Random) -> str | None:
    mine = _NUMBER.findall(question)
    if not mine:
        return None
    w = rng.choice(mine)
    others = [n for n in sorted(set(_NUMBER.findall(context))) if n != w]
    return question.replace(w, rng.choice(others) if others else str(int(w.replace(",", "")) + 1), 1)


def _negate(question: str, context: str, rng: random.Random) -> str | None:
    m = _AUX.search(question)
    return question[:m.end()] + " not" + question[m.end():] if m else None


def _opposite(question: str, context: str, rng: random.Random) -> str | None:
    words = [w for w in re.findall(r"[a-z]+", question) if w in OPPOSITES]
    if not words:
        return None
    w = rng.choice(words)
    return re.sub(rf"\b{w}\b", rng.choice(sorted(OPPOSITES[w])), question, count=1)


EDITS = (_name, _number, _negate, _opposite)


def edits(question: str, context: str, rng: random.Random, most: int = 2) -> list[str]:
    """Up to ``most`` edits of ``question``, each of another kind (kinds in a seeded random order)."""
    out: list[str] = []
    for change in rng.sample(EDITS, len(EDITS)):
        edited = change(question, context, rng)
        if edited is not None and edited != question and edited not in out:
            out.append(edited)
        if len(out) == most:
            break
    return out
