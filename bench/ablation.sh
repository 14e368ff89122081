#!/usr/bin/env bash
# The ablation table of docs/quality.md: each answer-stage mechanism added one at a time.
# Run by hand from the repository root (about 7 minutes on one core). Tune sets: the
# articles in no holdout file (bench/splits.py).
set -euo pipefail
sets="squad11_tune squad2_tune squad11_holdout squad2_holdout"
hand() { echo "[1,0,$1,0,0,$2,$3,0,0,0,0,0,0,0,0,0,0,0$(printf ',0%.0s' $(seq 15))]"; }  # 33 features (features.NAMES)
run() { echo "## $1"; shift; python bench/quality.py $sets "$@" | cut -c1-400; }
off="--set aliases=false"   # names across their forms (aliases.py) come last
run "coverage + passage score, no abstention" --set "weights=$(hand 0.25 0 0)" --set min_confidence=0 --set citation_margin=0.1 $off
run "+ answer-type cues" --set "weights=$(hand 0.25 0 0.15)" --set min_confidence=0 --set citation_margin=0.1 $off
run "+ question bigrams" --set "weights=$(hand 0.25 0.2 0.15)" --set min_confidence=0 --set citation_margin=0.1 $off
lin=$(python -c "import json; from askbot.weights import WEIGHTS; print(json.dumps(list(WEIGHTS)))")
run "learned linear weights over all 33 features, no abstention" --set "weights=$lin" --set min_confidence=0 $off
run "learned ranker (5 networks of 8 hidden ReLUs), no abstention" --set min_confidence=0 $off
run "+ learned confidence, abstain below 0.15" $off
run "+ names across their forms (final askbot)"
