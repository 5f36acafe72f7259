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
# Figures (2026-12-02 01:47, 2 cores shared with other builds, load average 2 to 3; c284dc2,
# `OPTIMIZE=0 bench/bulk.sh`, twice):
#   history import (a store with no reviews)      5.73 s wall,  5.05 s CPU,  46 MiB peak
#                                                 8.90 s wall,  5.67 s CPU,  46 MiB peak
#   history import of the same file again         4.47 s wall,  3.94 s CPU,  60 MiB peak
#   history import of 1000000 more (into 1000000) 11.78 s wall, 10.49 s CPU,  65 MiB peak
# The build before (a899406, `QUIZ=<its binary>`), run between those two at the same load:
#   history import (a store with no reviews)      10.41 s wall,  7.99 s CPU,  69 MiB peak
#   history import of the same file again          6.57 s wall,  4.31 s CPU,  61 MiB peak
#   history import of 1000000 more (into 1000000) 18.19 s wall, 11.69 s CPU,  65 MiB peak
# The same card rows, reviews (ids, sequence numbers) and schema from both builds.
# Idle (2026-12-02 02:41, load average 0.9, 06cc193, `OPTIMIZE=0 QUIZ=target/release/quiz bench/bulk.sh`):
#   history import (a store with no reviews)      5.32 s wall,  5.12 s CPU,  46 MiB peak
#   history import of the same file again         3.71 s wall,  3.70 s CPU,  60 MiB peak
#   history import of 1000000 more (into 1000000) 10.73 s wall, 10.45 s CPU,  65 MiB peak
# Into an empty log the reviews go straight into the table with its indexes dropped, the
# indexes are built by sorting at the end, and the cards are replayed from one sorted scan
# (src/store/import.rs). Of the 5 s left (perf record, 1,000,000 reviews): building the five
# indexes 1.6 s, writing 100,000 card rows (their four indexes and two triggers) 1.0 s,
# appending the rows 0.9 s, the sorted scan 0.55 s, FSRS 0.4 s, the commit 0.4 s, CSV 0.3 s.
# Earlier (2026-12-01, load 4 to 10; de6fc1d), the first import took 12.14 s CPU (28 s wall).
#   optimize over 1000000 reviews                 31.03 s wall, 15.20 s CPU, 261 MiB peak
# On a slower machine (2026-12-02 06:37, 2 cores, load average 1.0), the first import only,
# `OPTIMIZE=0 QUIZ=<build> bench/bulk.sh` with the builds taken in turn, twice each:
#   9372f30 (before)   13.66 and 11.15 s CPU (14.79 and 12.15 s wall), 47 MiB
#   2f37bea            9.58 and 11.19 s CPU (10.62 and 12.45 s wall), 47 MiB
# (2f37bea writes each new card row with its place instead of updating it again by trigger,
# and builds no reviews_by_session entry for a review without a session.) The run-to-run
# spread of this machine is as large as the difference.
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
