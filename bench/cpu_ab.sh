#!/usr/bin/env bash
# CPU time (user + sys) of `quiz start big` (to its first question) and of `quiz decks`,
# with 100,000 cards of which 1% are due today (the progress of bench/startup.sh), for two
# builds side by side: on a shared, loaded machine CPU time moves far less than wall time.
# Each figure is the mean over N runs (default 40), three rounds per build.
#
# Figures (2026-12-01, 2 cores shared, load average ~13; the three rounds' means), before
# (e28ca08) and after issue 12's suspension, siblings, per-deck limits and fitted tables
# (queue12, 6158ace):
#                           before            after
#   start, first question   13.0-13.8 ms      13.8-14.2 ms
#   decks                   19.2-20.8 ms      18.8-21.0 ms
# (Before 6158ace, decks took 27 ms: SQLite walked the due cards to count suspended ones.)
#
# Usage: QUIZ_A=/path/to/old/quiz QUIZ_B=/path/to/new/quiz [N=40] bench/cpu_ab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
n=${N:-40}
for q in "${QUIZ_A:?set QUIZ_A}" "${QUIZ_B:?set QUIZ_B}"; do
  work=$(mktemp -d)
  mkdir -p "$work/decks"
  big_deck 100000 "$work/decks/big.toml"
  export QUIZ_DATA_DIR="$work" NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC
  echo :q | "$q" start big > /dev/null
  python3 - "$work/quiz.sqlite3" <<'PY'
import sqlite3, sys
now = 1772355600000
day = 86_400_000
db = sqlite3.connect(sys.argv[1])
rows = []
for i in range(100000):
    due = now - (i % 7 + 1) * 3_600_000 if i % 100 == 0 else now + (i % 300 + 2) * day
    rows.append(("big", f"c{i}", 5.0 + i % 50, 5.0, due, now - 3 * day, 1, 0, now - 3 * day))
db.executemany("INSERT OR REPLACE INTO cards VALUES (?,?,?,?,?,?,?,?,?)", rows)
db.commit()
PY
  echo :q | "$q" start big > /dev/null
  for what in "start big" "decks"; do
    for round in 1 2 3; do
      cpu=$( { /usr/bin/time -f '%U %S' bash -c "for i in \$(seq $n); do echo :q | '$q' $what > /dev/null; done"; } 2>&1 \
        | tail -1 | awk -v n="$n" '{printf "%.1f", ($1 + $2) * 1000 / n}')
      printf '%-40s %-12s round %s: %6s ms CPU\n' "$q" "$what" "$round" "$cpu"
    done
  done
  rm -rf "$work"
done
