#!/usr/bin/env bash
# Time to the first question with a 100,000-card deck, and to check it, in a release build.
# DESIGN's targets: first question <= 15 ms with unchanged decks, <= 400 ms after an edit;
# memory <= 40 MiB at 100,000 cards.
# Usage: bench/startup.sh [CARDS]
set -euo pipefail
cd "$(dirname "$0")/.."
cards=${1:-100000}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/decks"
python3 - "$cards" "$work/decks/big.toml" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write('title = "big"\n')
    for i in range(n):
        f.write(f'\n[[cards]]\nid = "c{i}"\nquestion = "Question number {i}?"\nanswer = "answer {i}"\n')
PY
export QUIZ_DATA_DIR="$work" NO_COLOR=1
run() { local start end; start=$(date +%s%N); "$@" > /dev/null; end=$(date +%s%N); echo "$(( (end - start) / 1000000 )) ms"; }
echo "cards: $cards"
echo -n "quiz check big:                    "; run ./target/release/quiz check "$work/decks/big.toml"
echo -n "quiz start big, first question, q: "; run sh -c 'echo q | ./target/release/quiz start big'
if command -v /usr/bin/time > /dev/null; then
  echo -n "peak memory of quiz start:         "
  /usr/bin/time -f "%M KiB" ./target/release/quiz start big <<< q 2>&1 > /dev/null | tail -1
fi
