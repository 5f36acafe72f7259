#!/usr/bin/env bash
# Times `quiz stats` and `quiz stats --json` on a progress database holding 1,000,000
# reviews (DESIGN.md's target: under a second). The database is made by the release
# binary (so the schema is the real one) and filled by the sqlite3 CLI: 20 decks of
# 1,000 cards, 50 reviews a card, spread over three years up to QUIZ_NOW, about 2% of
# them cram; the `cards` rows are derived from each card's last review.
#
#   bench/stats.sh              # 1,000,000 reviews
#   REVIEWS=200000 bench/stats.sh
#   KEEP=/tmp/quiz-1m bench/stats.sh   # keep the data dir (and reuse it on the next run)
#
# Uses hyperfine when it is installed, else bash's `time` over a few runs.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
reviews="${REVIEWS:-1000000}"
cards=20000
now="2026-03-01T09:00:00Z"
now_ms=1772355600000
span_ms=$((3 * 365 * 24 * 3600 * 1000))

command -v sqlite3 >/dev/null || { echo "bench/stats.sh needs the sqlite3 CLI" >&2; exit 1; }

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
quiz="${CARGO_TARGET_DIR:-$root/target}/release/quiz"

if [ -n "${KEEP:-}" ]; then
    data="$KEEP"
    mkdir -p "$data"
else
    data="$(mktemp -d)"
    trap 'rm -rf "$data"' EXIT
fi
export QUIZ_DATA_DIR="$data" QUIZ_NOW="$now" TZ="${TZ:-Europe/Berlin}" NO_COLOR=1
reuse=""
[ -f "$data/quiz.sqlite3" ] && reuse=1
"$quiz" stats --json >/dev/null # creates the database (or migrates a kept one)

if [ -n "$reuse" ]; then
    echo "== reusing $data"
else
echo "== building $reviews reviews in $data"
build_started=$(date +%s.%N)
sqlite3 "$data/quiz.sqlite3" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $reviews)
INSERT INTO reviews (reviewed_at, deck, card, rating, verdict, given_answer, elapsed_ms, session, mode)
SELECT $now_ms - $span_ms + i * ($span_ms / $reviews) + abs(random()) % 60000,
       'deck-' || ((i % $cards) % 20),
       'card-' || (i % $cards),
       CASE WHEN abs(random()) % 10 < 1 THEN 1 WHEN abs(random()) % 10 < 1 THEN 2
            WHEN abs(random()) % 10 < 1 THEN 4 ELSE 3 END,
       'right', 'x', 4000 + abs(random()) % 8000, NULL,
       CASE WHEN abs(random()) % 50 = 0 THEN 'cram' ELSE 'review' END
FROM n;
INSERT INTO cards (deck, card, stability, difficulty, due, last_review, reps, lapses, first_review)
SELECT deck, card,
       1 + abs(random()) % 200, 1 + abs(random()) % 9,
       MAX(reviewed_at) + (1 + abs(random()) % 60) * 86400000,
       MAX(reviewed_at), COUNT(*), SUM(rating = 1), MIN(reviewed_at)
FROM reviews WHERE mode <> 'cram' GROUP BY deck, card;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
build_ended=$(date +%s.%N)
printf '   built in %.1f s: %s reviews, %s cards, %s MB\n' \
    "$(awk "BEGIN { print $build_ended - $build_started }")" \
    "$(sqlite3 "$data/quiz.sqlite3" 'SELECT COUNT(*) FROM reviews')" \
    "$(sqlite3 "$data/quiz.sqlite3" 'SELECT COUNT(*) FROM cards')" \
    "$(( $(stat -c %s "$data/quiz.sqlite3") / 1000000 ))"
fi

"$quiz" stats >/dev/null # warm the page cache, as a learner's second look would be

if command -v hyperfine >/dev/null; then
    hyperfine --warmup 2 --runs 10 "$quiz stats" "$quiz stats --json"
else
    for args in "stats" "stats --json"; do
        echo "== quiz $args (5 runs, wall time each)"
        for _ in 1 2 3 4 5; do
            started=$(date +%s%N)
            # shellcheck disable=SC2086
            "$quiz" $args >/dev/null
            ended=$(date +%s%N)
            printf '   %d ms\n' $(((ended - started) / 1000000))
        done
    done
fi
