"""askbot eval: the figures of ../shared/eval/score.py, computed in process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from askbot.cli import main

SHARED_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
SCORE = SHARED_EVAL / "score.py"
QUESTIONS = Path(__file__).parent / "data" / "bridge_questions.jsonl"
needs_scorer = pytest.mark.skipif(not SCORE.exists(), reason="../shared/eval/score.py is not beside the checkout")


def score_py(*args: str) -> dict:
    cmd = f"{sys.executable} -m askbot ask --json --corpus {{corpus}} -"
    p = subprocess.run([sys.executable, str(SCORE), *args, "--cmd", cmd], capture_output=True, text=True, check=True)
    figures = json.loads(p.stdout.splitlines()[-1])
    figures.pop("seconds")
    return figures


def eval_json(capsys, *args: str) -> dict:
    assert main(["eval", "--json", *args]) == 0
    figures = json.loads(capsys.readouterr().out.splitlines()[-1])
    figures.pop("seconds")
    return figures


def test_article_questions_figures(capsys, bridge_path):
    figures = eval_json(capsys, str(QUESTIONS), "--corpus", str(bridge_path))
    assert figures["answerable"] == 5 and figures["unanswerable"] == 2
    assert figures["abstain_ok"] == 1.0  # both questions the article cannot answer are declined
    assert figures["hit@1"] == 1.0


@needs_scorer
def test_agrees_with_score_py_on_article_questions(capsys, bridge_path):
    assert eval_json(capsys, str(QUESTIONS), "--corpus", str(bridge_path)) == score_py(
        str(QUESTIONS), "--corpus", str(bridge_path))


@needs_scorer
def test_agrees_with_score_py_on_a_squad2_article(capsys):
    path = SHARED_EVAL / "squad2_tune.jsonl"
    assert eval_json(capsys, str(path), "--articles", "1") == score_py(str(path), "--articles", "1")


def test_verbose_lists_misses_one_line_each(capsys, bridge_path, tmp_path):
    qfile = tmp_path / "q.jsonl"
    qfile.write_text('{"id": "x1", "question": "When did the bridge open?", "gold": ["ferry"]}\n', encoding="utf-8")
    assert main(["eval", "-v", str(qfile), "--corpus", str(bridge_path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("MISS x1 When did the bridge open? -> On Sept. 13, engineers")
    assert "         hit@1  0.0" in out


def test_bad_question_file_is_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    assert main(["eval", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"askbot: error: {bad}: not JSON Lines (") and err.count("\n") == 1


def test_missing_question_file_is_exit_2(capsys, tmp_path):
    missing = tmp_path / "nope.jsonl"
    assert main(["eval", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"askbot: error: {missing}: cannot read: no such file; pass a JSON Lines file of questions\n")


def test_wrong_format_is_exit_2(capsys, tmp_path):
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"question": "x"}\n', encoding="utf-8")
    assert main(["eval", str(bad), "--corpus", str(Path(__file__).parent / "data" / "harbor-bridge.txt")]) == 2
    assert capsys.readouterr().err == "askbot: error: question file is in neither format (missing 'gold')\n"


@needs_scorer
def test_agrees_with_score_py_on_article_dev_with_its_short_answers(capsys):
    path = SHARED_EVAL / "article_dev.jsonl"
    article = Path(__file__).resolve().parents[1] / "corpus" / "putin-kim-vostochny.txt"
    figures = eval_json(capsys, str(path), "--corpus", str(article))
    assert {"short_em", "short_f1", "sentence_f1"} <= set(figures)
    assert figures == score_py(str(path), "--corpus", str(article))


def test_short_answers_are_scored_as_squad_scores_them(capsys, bridge_path, tmp_path):
    qfile = tmp_path / "q.jsonl"
    qfile.write_text('{"id": "s1", "question": "When did the bridge open?", "gold": ["Sept. 13"], '
                     '"short": ["on Sept. 13", "Sept. 13"]}\n'
                     '{"id": "s2", "question": "What is the capital of Peru?", "gold": [], "short": []}\n',
                     encoding="utf-8")
    figures = eval_json(capsys, str(qfile), "--corpus", str(bridge_path))
    # the phrase "Sept. 13" is one gold exactly; the whole sentence (16 words after SQuAD's normalisation)
    # holds the 3 words of "on Sept. 13": F1 = 2 * (3/16) * 1 / (3/16 + 1)
    assert (figures["short_em"], figures["short_f1"], figures["sentence_f1"]) == (1.0, 1.0, 0.3158)
    assert list(figures)[6:9] == ["short_em", "short_f1", "sentence_f1"]


def test_questions_without_gold_phrases_give_no_short_figures(capsys, bridge_path):
    assert "short_f1" not in eval_json(capsys, str(QUESTIONS), "--corpus", str(bridge_path))
