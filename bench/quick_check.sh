#!/usr/bin/env bash
# Issue 17, point 6: what `PRAGMA quick_check` costs on a database of N reviews (default
# 1,000,000 over 20,000 cards), to decide whether it may run at every open. The database
# is made with this quiz's own schema (src/store/*.sql, applied in order) and filled by
# Python's sqlite3; the check is timed through `quiz check --database` (which runs it) and
# a plain `quiz decks` (which does not), each the best of 3.
#
# Usage: bench/quick_check.sh [REVIEWS]   QUIZ=path times another build.
#
# Figures (2026-12-01, 2 cores shared, debug build; KEEP=1 keeps the data dir):
#   reviews: 1000000, database: 131480 KiB
#   quiz decks:              8-15 ms
#   quiz check --database:   538-772 ms (two runs)
#   Python's sqlite3 3.40.1 (an optimised SQLite) on the same file: 527-658 ms
# Far above "a few milliseconds": quick_check runs on `quiz check --database` and once when
# a writer finds a session a killed process left open, never at every open.
set -eu
cd "$(dirname "$0")/.."
source bench/lib.sh
quiz=$(quiz_binary)
reviews=${1:-1000000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "kept $tmp"
export QUIZ_DATA_DIR="$tmp/data" HOME="$tmp/home"
mkdir -p "$QUIZ_DATA_DIR/decks" "$HOME"
# Apply the schema the way quiz does (an empty data dir, opened once), then fill it.
"$quiz" history export > /dev/null
"$quiz" start --limit 0 > /dev/null 2>&1 || true
python3 - "$QUIZ_DATA_DIR/quiz.sqlite3" "$reviews" <<'PY'
import sqlite3, sys, random
path, n = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path)
cards = 20000
random.seed(1)
start = 1_700_000_000_000
with db:
    db.execute("INSERT INTO sessions (id, started_at, ended_at, decks, mode) VALUES (1, ?, ?, 'big', 'review')", (start, start))
    db.executemany(
        "INSERT INTO reviews (reviewed_at, deck, card, rating, verdict, given_answer, elapsed_ms, session, mode)"
        " VALUES (?, 'big', ?, ?, 'right', 'an answer', 4000, 1, 'review')",
        ((start + i * 60000, f"c{i % cards}", random.randint(1, 4)) for i in range(n)))
    db.executemany(
        "INSERT INTO cards VALUES ('big', ?, 10.0, 5.0, ?, ?, 50, 3, ?)",
        ((f"c{i}", start, start, start) for i in range(cards)))
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
PY
size=$(du -k "$QUIZ_DATA_DIR/quiz.sqlite3" | cut -f1)
best() {
  local best=999999 t
  for _ in 1 2 3; do
    t=$(ms "$@")
    [ "$t" -lt "$best" ] && best=$t
  done
  echo "$best"
}
echo "reviews: $reviews, database: $size KiB"
echo "quiz decks:              $(best "$quiz" decks) ms"
echo "quiz check --database:   $(best "$quiz" check --database) ms"
