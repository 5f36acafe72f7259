#!/usr/bin/env bash
# Bulk writes at 1,000,000 reviews (issue 16 point 3): `quiz history import` of N reviews
# (default 1,000,000: 10 each of 100,000 cards, a deck the store has indexed), the same file
# imported again (every review skipped), `quiz optimize` over them, and a second history of
# N into that store. Each line gives wall time, CPU time (user + system: the
# figure to compare on a loaded machine) and peak resident memory (/usr/bin/time -v).
# The Anki package and sync figures come from bench/anki_import.sh and bench/sync.sh.
#
#   bench/bulk.sh                 # 1,000,000 reviews
#   N=100000 bench/bulk.sh        # smaller
#   QUIZ=/path/to/quiz bench/bulk.sh   # time that binary instead of building
#   OPTIMIZE=0 bench/bulk.sh      # leave out `quiz optimize` (it fits for minutes)
#
# Figures (2026-12-01, 2 cores shared with other builds, load average 4 to 10; de6fc1d):
#   history import (a store with no reviews)     27.99 s wall, 12.14 s CPU,  69 MiB peak
#   history import of the same file again         9.59 s wall,  6.01 s CPU,  61 MiB peak
#   history import of 1000000 more (into 1000000) 41.61 s wall, 18.15 s CPU,  66 MiB peak
# Back to back with the build before (f0e5c96) on the same files, the first import:
#   before 33.6 s wall, 16.8 s CPU; 16.3 s wall, 14.2 s CPU (69 MiB)
#   after  16.6 s wall, 12.3 s CPU; 13.3 s wall, 11.0 s CPU (70 MiB), the same card rows
#   optimize over 1000000 reviews                 31.03 s wall, 15.20 s CPU, 261 MiB peak
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

n=${N:-1000000}
cards=$(( n / 10 ))
quiz=$(quiz_binary)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export QUIZ_DATA_DIR="$work/data" HOME="$work/home" NO_COLOR=1 TZ=UTC \
  QUIZ_NOW="2026-03-01T09:00:00Z"
mkdir -p "$QUIZ_DATA_DIR/decks" "$HOME"
big_deck "$cards" "$QUIZ_DATA_DIR/decks/big.toml"

# history CARDS PATH SHIFT: 10 reviews of every card a month apart over the year before
# QUIZ_NOW (one card in fifty a leech), every instant moved SHIFT ms later.
history() {
  python3 - "$1" "$2" "$3" <<'PY'
import sys
n, path, shift = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
day, now = 86_400_000, 1_772_355_600_000
start = now - 365 * day + shift
with open(path, "w") as f:
    f.write("card_id,review_time,review_rating,review_duration,deck,card,verdict,mode\n")
    for k in range(10):
        for i in range(n):
            at = start + (k * 30 + i % 7) * day + i % 86_400_000
            rating = 1 if i % 50 == 0 and k > 0 else 3
            verdict = "wrong" if rating == 1 else "right"
            f.write(f"{i},{at},{rating},5000,big,c{i},{verdict},review\n")
PY
}

# measure LABEL COMMAND...: one line of wall, CPU and peak memory for COMMAND.
measure() {
  local label=$1
  shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out"
  awk -v label="$label" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { kib = $2 }
    END { printf "%-44s %6.2f s wall, %5.2f s CPU (%.2f user + %.2f system), %4d MiB peak\n",
                 label, wall, user + sys, user, sys, (kib + 1023) / 1024 }' "$work/time"
  sed 's/^/    /' "$work/out"
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores); $n reviews over $cards cards"
echo :q | "$quiz" start big > /dev/null
history "$cards" "$work/one.csv" 0
history "$cards" "$work/two.csv" 3600000
measure "history import (a store with no reviews)" "$quiz" history import "$work/one.csv"
measure "history import of the same file again" "$quiz" history import "$work/one.csv"
if [ "${OPTIMIZE:-1}" != 0 ]; then
  measure "optimize over $n reviews" "$quiz" optimize
fi
measure "history import of $n more (into $n)" "$quiz" history import "$work/two.csv"
