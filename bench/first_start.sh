#!/usr/bin/env bash
# The first start on a big deck (issue 16 point 3: 1,000,000 cards in <= 2 s and <= 150 MiB):
# `echo :q | quiz start big` with no progress database yet, so the deck is parsed and its
# whole index written before the first question, in a release build. Prints each run's wall
# time, CPU time (user + system) and peak memory (`/usr/bin/time -v`), then their medians;
# the load average says how busy the machine was (wall times move with it, CPU much less).
#
#   bench/first_start.sh                  # 1,000,000 cards, 5 runs
#   CARDS=100000 RUNS=3 bench/first_start.sh
#   QUIZ=/path/to/quiz bench/first_start.sh   # time that binary instead of building
#
# Figures (2026-12-02 02:06, 2 cores shared with other agents' builds, load average ~4),
# `QUIZ=<build> RUNS=3 bench/first_start.sh`, the builds taken in turn, twice each:
#   a899406 (before)   CPU 2.60 and 2.50 s, wall 3.16 and 4.01 s, 132 MiB
#   this build         CPU 2.30 and 2.05 s, wall 2.85 and 2.87 s, 133 MiB
# The same code on a database made beforehand with 16 KiB pages (sqlite3's PRAGMA
# page_size, then journal_mode=WAL; quiz keeps a database's pages) took a median 2.0 s of
# CPU against 2.3 s with 4 KiB (4 runs each in turn, load 6: 1.87-2.52 against 2.13-3.24 s),
# but such pages write 5.4 times the bytes of each saved answer (276 KB against 51 KB,
# strace over 200 answers at 100,000 cards), so quiz keeps SQLite's 4 KiB.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
cards=${CARDS:-1000000}
runs=${RUNS:-5}
quiz=$(quiz_binary)
command -v /usr/bin/time > /dev/null || { echo "bench/first_start.sh needs /usr/bin/time" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QUIZ_DATA_DIR="$work/data" HOME="$work" NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC
mkdir -p "$QUIZ_DATA_DIR/decks"
big_deck "$cards" "$QUIZ_DATA_DIR/decks/big.toml"

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
echo "$cards cards, $runs runs, load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
printf '%8s %8s %8s\n' "wall s" "CPU s" "MiB"
for _ in $(seq "$runs"); do
  rm -f "$QUIZ_DATA_DIR"/quiz.sqlite3*
  echo :q | /usr/bin/time -v -o "$work/time" "$quiz" start big > /dev/null 2> "$work/stderr" \
    || { cat "$work/stderr" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2]) }
    /User time/ { cpu += $2 } /System time/ { cpu += $2 }
    /Maximum resident/ { mib = ($2 + 1023) / 1024 }
    END { printf "%8.2f %8.2f %8d\n", wall, cpu, mib }' "$work/time"
done | tee "$work/runs"
printf 'median: wall %s s, CPU %s s, %s MiB\n' \
  "$(awk '{ print $1 }' "$work/runs" | median)" \
  "$(awk '{ print $2 }' "$work/runs" | median)" \
  "$(awk '{ print $3 }' "$work/runs" | median)"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
