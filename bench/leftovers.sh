#!/usr/bin/env bash
# Issue 17, point 4: SIGKILL `quiz history export -o` at random moments and count the
# temporary files left beside the targets. Before, 27 of 30 killed runs left a
# `.NAME.PID.tmp` (one a 17 MB partial log); now a new file is filled nameless (O_TMPFILE)
# on Linux and only linked in once complete.
#
# Usage: bench/leftovers.sh [KILLS] [REVIEWS]   (default 30, 300000); QUIZ=path for a build.
#
# Figures (2026-12-01, 2 cores shared, debug build, 300,000 reviews):
#   export takes 5599 ms; 30 kills, 30 before it finished; 0 complete logs; 0 temporary
#   files left
set -eu
cd "$(dirname "$0")/.."
source bench/lib.sh
quiz=$(quiz_binary)
kills=${1:-30}
reviews=${2:-300000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QUIZ_DATA_DIR="$tmp/data" HOME="$tmp/home"
mkdir -p "$QUIZ_DATA_DIR" "$HOME" "$tmp/out"
"$quiz" start --limit 0 > /dev/null 2>&1 || true
python3 - "$QUIZ_DATA_DIR/quiz.sqlite3" "$reviews" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
with db:
    db.executemany(
        "INSERT INTO reviews (reviewed_at, deck, card, rating, verdict, given_answer, elapsed_ms, session, mode)"
        " VALUES (?, 'big', ?, 3, 'right', 'an answer', 4000, NULL, 'import')",
        ((1_700_000_000_000 + i * 60000, f"c{i % 5000}") for i in range(int(sys.argv[2]))))
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PY
full_ms=$(ms "$quiz" history export)
"$quiz" history export > "$tmp/full.csv"
landed=0 complete=0
for n in $(seq 1 "$kills"); do
  "$quiz" history export -o "$tmp/out/log-$n.csv" &
  pid=$!
  sleep "0.$(printf '%03d' $(( (RANDOM * 7 + n * 131) % full_ms % 1000 )))"
  if kill -9 "$pid" 2> /dev/null; then landed=$((landed + 1)); fi
  wait "$pid" 2> /dev/null || true
  if [ -f "$tmp/out/log-$n.csv" ] && cmp -s "$tmp/out/log-$n.csv" "$tmp/full.csv"; then
    complete=$((complete + 1))
  fi
done
left=$(find "$tmp/out" -name '.*.tmp' | wc -l)
echo "export takes $full_ms ms; $kills kills, $landed before it finished; $complete complete logs; $left temporary files left"
