#!/usr/bin/env python3
"""Follow-up questions: hit@1 with and without the previous turn's context.

    python bench/followup_eval.py                      # tests/data follow-up pairs
    python bench/followup_eval.py --squad /work/shared/eval/squad11_tune.jsonl --articles 6
    python bench/followup_eval.py --conversations tests/data/reader_conversations.jsonl \
        --article corpus/putin-kim-vostochny.txt

The first form asks each pair's follow-up alone and after its first question
(followup.ask_followup) and counts how often the first citation holds the
pair's ``cite`` phrase. The second checks that self-contained questions do not
get worse: it asks each SQuAD article's questions in order (or shuffled), each
one after the previous as in a session, and compares hit@1 with asking each alone.
The third asks a score.py article file ({id, question, gold}) as one
conversation (followup.Conversation, as `askbot ask --conversation` does) and
alone; it counts hit@1 and declines both ways, and how many questions that
stand on their own (followup.needs_context false) got another answer in the
conversation than alone: that must be 0.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from askbot import Corpus, Retriever, ask
from askbot.followup import Conversation, ask_followup, needs_context

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def first_cites(answer, phrase: str) -> bool:
    return bool(answer.citations) and phrase in answer.citations[0].text


def pairs(article: Path, pairs_file: Path, verbose: bool) -> dict:
    retriever = Retriever(Corpus.from_path(article))
    rows = [json.loads(line) for line in pairs_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    alone = with_context = 0
    for row in rows:
        a = first_cites(ask(row["followup"], retriever), row["cite"])
        _, turn = ask_followup(row["first"], retriever, None)
        answer, _ = ask_followup(row["followup"], retriever, turn)
        c = first_cites(answer, row["cite"])
        alone, with_context = alone + a, with_context + c
        if verbose and not c:
            got = answer.citations[0].text[:90] if answer.citations else "(no answer)"
            print(f"miss: {row['followup']!r} after {row['first']!r}: {got}", file=sys.stderr)
    n = len(rows)
    return {"pairs": n, "hit@1_alone": round(alone / n, 3), "hit@1_in_context": round(with_context / n, 3)}


def _squad_right(context: str, qa: dict, answer) -> bool:
    if not answer.citations:
        return False
    c = answer.citations[0]
    return any(c.start <= s and s + len(t) <= c.end for t, s in zip(qa["answers"], qa["answer_starts"], strict=True))


def squad(path: Path, articles: int, shuffle: bool) -> dict:
    alone = session = total = changed = 0
    for line in path.read_text(encoding="utf-8").splitlines()[:articles]:
        article = json.loads(line)
        retriever = Retriever(Corpus.from_text(article["context"], article["title"]))
        turn, qas = None, list(article["qas"])
        if shuffle:  # the previous turn is then mostly about another part of the article
            random.Random(4).shuffle(qas)
        for qa in qas:
            plain = ask(qa["question"], retriever)
            followed, turn = ask_followup(qa["question"], retriever, turn)
            alone += _squad_right(article["context"], qa, plain)
            session += _squad_right(article["context"], qa, followed)
            changed += plain != followed
            total += 1
    return {"questions": total, "hit@1_alone": round(alone / total, 4),
            "hit@1_in_session": round(session / total, 4), "answers_changed": changed}


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


def _right(row: dict, answer) -> bool:
    if not row["gold"]:
        return not answer.found
    return answer.found and bool(answer.citations) and any(
        _norm(g) in _norm(answer.citations[0].text) for g in row["gold"])


def conversations(article: Path, path: Path, verbose: bool) -> dict:
    retriever = Retriever(Corpus.from_path(article))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    conversation = Conversation(retriever)
    alone = talked = changed_standalone = 0
    for row in rows:
        plain, said = ask(row["question"], retriever), conversation.ask(row["question"])
        alone, talked = alone + _right(row, plain), talked + _right(row, said)
        changed_standalone += not needs_context(row["question"]) and plain != said
        if verbose and not _right(row, said):
            print(f"miss: {row['id']} {row['question']!r}: {[c.id for c in said.citations]}", file=sys.stderr)
    n = len(rows)
    return {"questions": n, "right_alone": round(alone / n, 4), "right_in_conversation": round(talked / n, 4),
            "standalone_changed": changed_standalone}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--article", type=Path, default=DATA / "amazon-rainforest.txt")
    p.add_argument("--pairs", type=Path, default=DATA / "amazon-followups.jsonl")
    p.add_argument("--squad", type=Path, help="SQuAD articles file: check self-contained questions instead")
    p.add_argument("--articles", type=int, default=6)
    p.add_argument("--conversations", type=Path, help="score.py article file asked as one conversation")
    p.add_argument("--shuffle", action="store_true", help="with --squad: ask the questions in random order")
    p.add_argument("-v", action="store_true", help="print the follow-ups missed in context")
    args = p.parse_args()
    if args.conversations:
        result = conversations(args.article, args.conversations, args.v)
    elif args.squad:
        result = squad(args.squad, args.articles, args.shuffle)
    else:
        result = pairs(args.article, args.pairs, args.v)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
