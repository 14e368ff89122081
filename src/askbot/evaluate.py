"""Answer-quality figures, in process: the same as ../shared/eval/score.py.

Two question formats (JSON Lines):
  article questions  {"id", "question", "gold": [substrings], "short": [phrases]}  -- with a corpus;
                     a citation is right when its text holds a gold string;
                     an empty gold list means the article has no answer.
  SQuAD articles     {"title", "context", "qas": [{"question", "answers",
                     "answer_starts", "is_impossible"}]}  -- one article a line;
                     a citation is right when it holds a gold answer at its offset.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .answer import Answer, Settings, ask
from .corpus import Corpus
from .errors import AskbotError
from .retriever import Retriever


class EvalFileError(AskbotError):
    """A question file that is not one of the two formats."""


@dataclass(frozen=True)
class Item:
    """One question to score: ``right(text)`` says whether a cited sentence holds a gold answer."""

    question: str
    right: Callable[[str], bool]
    answerable: bool
    id: str = ""
    shorts: tuple[str, ...] = ()  # gold answer phrases (SQuAD "answers", article "short")


@dataclass
class Tally:
    """Running counts of a scored run, from which ``figures`` are computed."""

    ans: int = 0
    hit1: int = 0
    hitany: int = 0
    cites: int = 0
    unans: int = 0
    abstain_ok: int = 0
    false_abstain: int = 0
    short_n: int = 0
    short_em: float = 0.0
    short_f1: float = 0.0
    sentence_f1: float = 0.0
    pos: list[float] = field(default_factory=list)
    neg: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def norm(s: str) -> str:
    return " ".join(s.lower().replace("\u2019", "'").replace("\u2018", "'").split())


def _locate(context: str, text: str) -> list[tuple[int, int]]:
    words = text.split()
    if not words:
        return []
    pat = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pat, context)]


def _squad_checker(context: str, qa: dict) -> Callable[[str], bool]:
    golds = list(zip(qa["answers"], qa["answer_starts"]))

    def right(cite: str) -> bool:
        spans = _locate(context, cite)
        if spans:
            return any(s <= a and a + len(t) <= e for t, a in golds for s, e in spans)
        return any(norm(t) in norm(cite) for t, _ in golds)

    return right


def _gold_checker(gold: list[str]) -> Callable[[str], bool]:
    wanted = [norm(g) for g in gold]
    return lambda cite: any(g in norm(cite) for g in wanted)


def read_records(path: str | Path) -> list[dict]:
    """The JSON objects of a JSON Lines file (a regular file within the corpus size limit)."""
    from .articlefile import _mib, max_bytes
    from .safeio import loads_json, read_limited

    limit = max_bytes()
    data = read_limited(str(path), limit, EvalFileError, "; pass a JSON Lines file of questions", too_large=lambda _:
                        EvalFileError(f"{path}: over the {_mib(limit)} limit; pass a smaller file, "
                                      "or raise the limit with ASKBOT_MAX_MB=<MiB>"))
    records = []
    try:
        for n, line in enumerate(data.decode("utf-8-sig").splitlines(), 1):
            if line.strip():
                records.append(loads_json(line))
                if not isinstance(records[-1], dict):
                    raise ValueError(f"line {n} is not a JSON object")
    except UnicodeDecodeError as e:
        raise EvalFileError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    except (ValueError, RecursionError) as e:
        raise EvalFileError(f"{path}: not JSON Lines (line {n}: {e})") from None
    return records


def _text(value, what: str) -> str:
    if not isinstance(value, str):
        raise EvalFileError(f"question file: {what} is {type(value).__name__}, not text")
    return value


def _texts(value, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise EvalFileError(f"question file: {what} is not a list of text")
    return value


def _squad_item(context: str, q: dict) -> Item:
    if not isinstance(q, dict):
        raise EvalFileError("question file: a qas entry is not an object")
    _texts(q["answers"], "answers")
    if not isinstance(q["answer_starts"], list) or not all(type(a) is int for a in q["answer_starts"]):
        raise EvalFileError("question file: answer_starts is not a list of whole numbers")
    return Item(_text(q["question"], "question"), _squad_checker(context, q), not q["is_impossible"],
                str(q.get("id", "")), tuple(q["answers"]))


def jobs(records: list[dict], corpus: Corpus | None, articles: int = 0) -> list[tuple[Corpus, list[Item]]]:
    """(corpus, items) for each article the records speak of."""
    try:
        if records and "context" in records[0]:
            return [
                (Corpus.from_text(_text(r["context"], "context"), title=str(r.get("title", f"article {i}"))),
                 [_squad_item(r["context"], q) for q in r["qas"]])
                for i, r in enumerate(records[: articles or None], 1)
            ]
        if corpus is None:
            raise EvalFileError("article questions need an article: pass --corpus PATH")
        return [(corpus, [Item(_text(r["question"], "question"), _gold_checker(_texts(r["gold"], "gold")),
                               bool(r["gold"]), str(r.get("id", "")), tuple(_texts(r.get("short", []), "short")))
                          for r in records])]
    except KeyError as e:
        raise EvalFileError(f"question file is in neither format (missing {e})") from None
    except TypeError:
        raise EvalFileError("question file is in neither format (a field of the wrong type)") from None


_PUNCTUATION = frozenset(string.punctuation)


def squad_norm(s: str) -> str:
    """SQuAD's official answer normalisation: lower case, no punctuation, no articles."""
    s = "".join(ch for ch in s.lower().replace("\u2019", "'") if ch not in _PUNCTUATION)
    return " ".join(re.sub(r"\b(a|an|the)\b", " ", s).split())


def f1(pred: str, gold: str) -> float:
    """SQuAD's token F1 of an answer phrase against a gold one."""
    p, g = squad_norm(pred).split(), squad_norm(gold).split()
    same = sum((Counter(p) & Counter(g)).values())
    if not p or not g:
        return float(p == g)
    if same == 0:
        return 0.0
    prec, rec = same / len(p), same / len(g)
    return 2 * prec * rec / (prec + rec)


def _count_short(t: Tally, item: Item, a: Answer, cites: list[str]) -> None:
    """The short answer and the first cited sentence against the gold phrases (a decline scores 0)."""
    pred = a.short_answer.text if a.found and a.short_answer else ""
    t.short_n += 1
    t.short_em += max(float(squad_norm(pred) == squad_norm(g)) for g in item.shorts)
    t.short_f1 += max(f1(pred, g) for g in item.shorts)
    t.sentence_f1 += max(f1(cites[0], g) for g in item.shorts) if a.found and cites else 0.0


def _count(t: Tally, item: Item, a: Answer, verbose: bool) -> None:
    cites = [c.text for c in a.citations]
    (t.pos if item.answerable else t.neg).append(a.confidence)
    if item.answerable and item.shorts:
        _count_short(t, item, a, cites)
    if item.answerable:
        ok1 = a.found and bool(cites) and item.right(cites[0])
        t.ans += 1
        t.hit1 += ok1
        t.hitany += a.found and any(item.right(c) for c in cites)
        t.cites += len(cites) if a.found else 0
        t.false_abstain += not a.found
        if verbose and not ok1:
            got = "(declined)" if not a.found else cites[0][:160]
            t.misses.append(f"MISS {item.id} {item.question} -> {got}")
    else:
        t.unans += 1
        t.abstain_ok += not a.found
        if verbose and a.found:
            t.misses.append(f"ANSWERED {item.id} {item.question} -> {cites[0][:160]}")


def auroc(pos: list[float], neg: list[float]) -> float | None:
    if not pos or not neg:
        return None
    allv = sorted([(v, 1) for v in pos] + [(v, 0) for v in neg])
    i, rs = 0, 0.0
    while i < len(allv):
        j = i
        while j < len(allv) and allv[j][0] == allv[i][0]:
            j += 1
        rs += (i + j + 1) / 2 * sum(1 for k in range(i, j) if allv[k][1])
        i = j
    return (rs - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def figures(t: Tally) -> dict:
    """The figures of score.py (short_em, short_f1, sentence_f1 only when questions have gold phrases)."""
    n, u, k = max(t.ans, 1), max(t.unans, 1), max(t.short_n, 1)
    au = auroc(t.pos, t.neg)
    short = {"short_em": round(t.short_em / k, 4), "short_f1": round(t.short_f1 / k, 4),
             "sentence_f1": round(t.sentence_f1 / k, 4)} if t.short_n else {}
    return {"hit@1": round(t.hit1 / n, 4), "hit@cited": round(t.hitany / n, 4),
            "cites/answer": round(t.cites / n, 2), "abstain_ok": round(t.abstain_ok / u, 4),
            "false_abstain": round(t.false_abstain / n, 4), "auroc": None if au is None else round(au, 4),
            **short, "answerable": t.ans, "unanswerable": t.unans}


def evaluate(work: Iterable[tuple[Corpus, list[Item]]], settings: Settings | None = None,
             verbose: bool = False, progress: Callable[[int], None] | None = None) -> tuple[dict, list[str]]:
    """Figures (as score.py prints them, less seconds) and, if verbose, the misses."""
    t = Tally()
    for corpus, items in work:
        retriever = Retriever(corpus)
        for item in items:
            _count(t, item, ask(" ".join(item.question.split()) or "?", retriever, settings), verbose)
        if progress:
            progress(len(items))
    return figures(t), t.misses
