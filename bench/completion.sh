#!/usr/bin/env bash
# Times one Tab of deck-name completion (`quiz start <Tab>` in bash): the shell runs
# `QUIZ_COMPLETE=bash quiz -- quiz start ''`, which lists the bundled deck, every deck file in
# the decks folder and every deck known from the review log, in a release build.
#   DECKS deck files of 10 cards (default 200) and a log of REVIEWS reviews (default
#   100000) over 50 decks without a file, imported with `quiz history import`.
#
# Figures (2026-12-01, 2 cores shared with ~7 busy agents, so +-50%; RUNS=9, medians):
#   200 deck files, 100,000 reviews      251 names    11 ms (runs from 8 to 50 ms)
#   1,000 deck files, 1,000,000 reviews  1051 names   49 ms (runs from 24 to 74 ms)
# The deck files are listed, not read; the log's decks come from one index skip-scan.
#
# Usage: bench/completion.sh [DECKS] [REVIEWS]
#        QUIZ=/path/to/quiz bench/completion.sh   # time that binary instead of building
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
decks=${1:-200}
reviews=${2:-100000}
runs=${RUNS:-5}
quiz=$(quiz_binary)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QUIZ_DATA_DIR="$work/data" NO_COLOR=1 TZ=UTC HOME="$work/home"
unset QUIZ_CONFIG
mkdir -p "$QUIZ_DATA_DIR/decks"
python3 - "$decks" "$reviews" "$QUIZ_DATA_DIR/decks" "$work/log.csv" <<'PY'
import sys
decks, reviews, folder, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
for d in range(decks):
    with open(f"{folder}/deck{d:04}.toml", "w") as f:
        f.write(f'title = "Deck {d}"\n')
        for c in range(10):
            f.write(f'\n[[cards]]\nid = "c{c}"\nquestion = "Q{c}?"\nanswer = "a{c}"\n')
with open(log, "w") as f:
    f.write("card_id,review_time,review_rating,deck,card\n")
    for r in range(reviews):
        day, ms = divmod(r, 1000)
        f.write(f"{r % 997},2025-01-{1 + day % 28:02}T09:00:{ms % 60:02}.{ms:03}Z,3,logged{r % 50:02},c{r % 997}\n")
PY
"$quiz" history import "$work/log.csv" > /dev/null
tab() {
  QUIZ_COMPLETE=bash _CLAP_COMPLETE_INDEX=2 _CLAP_COMPLETE_COMP_TYPE=9 _CLAP_COMPLETE_SPACE=false \
    _CLAP_IFS=$'\n' "$quiz" -- quiz start ''
}
names=$(tab | grep -vc '^-')
times=()
for _ in $(seq "$runs"); do times+=("$(ms tab)"); done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "deck-name completion: $names names ($decks deck files, 50 decks from $reviews reviews, the bundled deck): median ${median} ms of ${times[*]}"
