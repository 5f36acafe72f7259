#!/usr/bin/env bash
# Time to the first question with a 100,000-card deck, and to check it, in a release build.
# DESIGN's targets: first question <= 15 ms with unchanged decks, <= 400 ms after an edit;
# memory <= 40 MiB at 100,000 cards.
#
# Each time is the median of RUNS runs (default 3) of `echo :q | quiz start big` (the
# process ends at the first question), in these situations:
#   first start          no progress database yet
#   unchanged deck       the same deck file as the start before
#   touched deck         the deck file's mtime changed, its text did not (it is read and
#                        hashed, not parsed)
#   edited deck          one card's answer changed (the deck is parsed again)
#   with progress        every card reviewed once, 1% of them due today (deck unchanged)
# The deck file's mtime is set an hour back (but for the edits), as for a deck not edited
# in the last seconds: quiz reads a file changed less than 2 s before it last looked at it
# again, as a file system may keep times to the second.
# Usage: bench/startup.sh [CARDS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
cards=${1:-100000}
runs=${RUNS:-3}
quiz=$(quiz_binary)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/decks"
deck="$work/decks/big.toml"
big_deck "$cards" "$deck"
export QUIZ_DATA_DIR="$work" NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC
now_ms=1772355600000

start() { echo :q | "$quiz" start big; }
fresh() { rm -f "$work"/quiz.sqlite3*; }
touch_deck() { touch -d "@$(( $(date +%s) - 3600 - RANDOM ))" "$deck"; }
edit=0
edit_deck() {
  edit=$((edit + 1))
  # Same length is not needed; change the answer of a card in the middle of the file.
  sed -i "s/^answer = \"answer $((cards / 2))\(-edit[0-9]*\)\?\"$/answer = \"answer $((cards / 2))-edit$edit\"/" "$deck"
}
none() { :; }
# median PREPARE: runs PREPARE then times a start, RUNS times; prints the median in ms.
median() {
  local prepare=$1 times=()
  for _ in $(seq "$runs"); do
    "$prepare"
    times+=("$(ms start)")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
peak() { /usr/bin/time -f "%M" "$quiz" start big <<< :q 2>&1 > /dev/null | tail -1; }

echo "cards: $cards (median of $runs runs)"
printf '%-36s %6s ms\n' "quiz check big:" "$(ms "$quiz" check "$deck")"
printf '%-36s %6s ms\n' "start, first start (no database):" "$(median fresh)"
start > /dev/null
printf '%-36s %6s ms\n' "start, unchanged deck:" "$(median none)"
printf '%-36s %6s ms\n' "start, touched deck:" "$(median touch_deck)"
printf '%-36s %6s ms\n' "start, edited deck:" "$(median edit_deck)"
touch -d '1 hour ago' "$deck"
if command -v /usr/bin/time > /dev/null; then
  fresh
  printf '%-36s %6s KiB\n' "peak memory, first start:" "$(peak)"
  printf '%-36s %6s KiB\n' "peak memory, unchanged deck:" "$(peak)"
  edit_deck
  printf '%-36s %6s KiB\n' "peak memory, edited deck:" "$(peak)"
fi
touch -d '1 hour ago' "$deck"
# Progress for every card: reviewed a day or more ago, 1% due today, the rest later.
python3 - "$work/quiz.sqlite3" "$cards" "$now_ms" <<'PY'
import sqlite3, sys
path, n, now = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
day = 86_400_000
db = sqlite3.connect(path)
rows = []
for i in range(n):
    due = now - (i % 7 + 1) * 3_600_000 if i % 100 == 0 else now + (i % 300 + 2) * day
    rows.append(("big", f"c{i}", 5.0 + i % 50, 5.0, due, now - 3 * day, 1, 0, now - 3 * day))
db.executemany("INSERT OR REPLACE INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review) VALUES (?,?,?,?,?,?,?,?,?)", rows)
db.commit()
PY
start > /dev/null
printf '%-36s %6s ms\n' "start, with progress, unchanged:" "$(median none)"
if command -v /usr/bin/time > /dev/null; then
  printf '%-36s %6s KiB\n' "peak memory, with progress:" "$(peak)"
fi
