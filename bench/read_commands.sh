#!/usr/bin/env bash
# Times the commands that only read the decks — `quiz decks`, `quiz stats` and
# `quiz stats --json` — with a 100,000-card deck that has not changed since the call before,
# in a release build. DESIGN's targets: `quiz decks` <= 20 ms and `quiz stats` <= 100 ms at
# 100,000 cards, through the deck index the study session reads.
#
# Each time is the median of RUNS runs (default 5), after one warm-up call (which indexes
# the deck), in two situations:
#   no progress      no card reviewed yet
#   with progress    every card reviewed once, 1% of them due today (as bench/startup.sh),
#                    with 0 to 9 lapses (a fifth are leeches, nine in ten are "hard")
# and, last, `quiz decks` right after one card's answer was edited (the deck is parsed).
# The deck file's mtime is set an hour back, as for a deck not edited in the last seconds.
# The review log stays empty: bench/stats.sh times a big log.
#
# Figures (2026-12-01, 2 cores, medians of 5 runs), before (fa61615, every deck file parsed
# on every call, timed with QUIZ=<its release build>) and after (the deck index read through
# catalog::refresh; an edited deck is parsed once, straight into the index):
#                                before   after
#   decks, no progress           251 ms   14 ms
#   stats, no progress           261 ms   13 ms
#   stats --json, no progress    251 ms   13 ms
#   decks, with progress         410 ms   17 ms
#   stats, with progress         481 ms   61 ms
#   stats --json, with progress  481 ms   62 ms
#   decks, edited deck           421 ms  119 ms
# (A busier machine moved the "before" medians by up to 2x between runs; "after" by ~10%.)
#
# Usage: bench/read_commands.sh [CARDS]
#        QUIZ=/path/to/quiz bench/read_commands.sh   # time that binary instead of building
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
cards=${1:-100000}
runs=${RUNS:-5}
quiz=$(quiz_binary)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/decks"
deck="$work/decks/big.toml"
big_deck "$cards" "$deck"
export QUIZ_DATA_DIR="$work" NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC
now_ms=1772355600000

# median ARGS...: one warm-up call of `quiz ARGS`, then the median of RUNS timed calls, in ms.
median() {
  local times=()
  "$quiz" "$@" > /dev/null
  for _ in $(seq "$runs"); do
    times+=("$(ms "$quiz" "$@")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
report() {
  printf '%-36s %6s ms\n' "decks, $1:" "$(median decks)"
  printf '%-36s %6s ms\n' "stats, $1:" "$(median stats)"
  printf '%-36s %6s ms\n' "stats --json, $1:" "$(median stats --json)"
}

echo "cards: $cards (median of $runs runs after a warm-up call)"
# Readers create nothing (no data directory, no database): a session creates the store
# and indexes the deck, as a learner's first `quiz start` does.
echo :q | "$quiz" start big > /dev/null
report "no progress"
# Progress for every card: reviewed a day or more ago, 1% due today, the rest later.
python3 - "$work/quiz.sqlite3" "$cards" "$now_ms" <<'PY'
import sqlite3, sys
path, n, now = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
day = 86_400_000
db = sqlite3.connect(path)
rows = []
for i in range(n):
    due = now - (i % 7 + 1) * 3_600_000 if i % 100 == 0 else now + (i % 300 + 2) * day
    rows.append(("big", f"c{i}", 5.0 + i % 50, 5.0, due, now - 3 * day, 1, i % 10, now - 3 * day))
db.executemany("INSERT OR REPLACE INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review) VALUES (?,?,?,?,?,?,?,?,?)", rows)
db.commit()
PY
report "with progress"
edit=0
times=()
for _ in $(seq "$runs"); do
  edit=$((edit + 1))
  sed -i "s/^answer = \"answer $((cards / 2))\(-edit[0-9]*\)\?\"$/answer = \"answer $((cards / 2))-edit$edit\"/" "$deck"
  times+=("$(ms "$quiz" decks)")
done
printf '%-36s %6s ms\n' "decks, edited deck:" "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")"
