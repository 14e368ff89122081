#!/bin/bash
# Dump every answer of every eval set with the code of checkout DIR (its .venv) into OUT/, and compare
# with the dumps in REF/ (made the same way from the code before a change):
#   bash bench/same_answers.sh DIR OUT [REF]
# Prints "SAME <set>" for each set whose answers are byte-identical, "DIFF <set>" otherwise.
set -u
D=$1; O=$2; REF=${3:-}
mkdir -p "$O"
cd "$D" && . .venv/bin/activate
EVAL=${ASKBOT_EVAL:-../shared/eval}
for s in squad11_holdout squad2_holdout squad11_tune squad2_tune article_dev; do
  python bench/throughput.py "$EVAL/$s.jsonl" "$O/$s.jsonl"
done
for s in reader_questions reader_heldout reader_short; do
  python bench/throughput.py tests/data/$s.jsonl "$O/$s.jsonl"
done
python -c "import json; [print(json.loads(l)['question']) for l in open('tests/data/reader_conversations.jsonl')]" \
  | askbot ask --json --conversation - > "$O/conv.jsonl"
[ -n "$REF" ] || exit 0
for f in "$REF"/*.jsonl; do
  b=$(basename "$f")
  if cmp -s "$f" "$O/$b"; then echo "SAME $b"; else echo "DIFF $b"; fi
done
