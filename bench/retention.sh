#!/usr/bin/env bash
# Times `quiz stats` when cards have many reviews at one millisecond (issue 10, "Same-instant
# reviews"): retention needs each review's previous one, and a look-up that walks past every
# tie made it quadratic. Three data dirs, all made by the binary itself:
#
#   ties     TIES reviews (default 20,000) of one card at one instant, from a review-log CSV
#            through `quiz history import` (a history file with duplicates);
#   crams    the same after TIES cram reviews at that instant and before TIES more on the
#            next day, then one review today: a look-up that walked past crams for each
#            review would be quadratic here;
#   piped    ANSWERS answers (default 200,000) piped into `quiz start --plain` under a fixed
#            QUIZ_NOW, every one wrong, so the bundled deck's cards come back again and again
#            at the same instant (a session under a fixed clock).
#
#   bench/retention.sh                        # builds the release binary and times it
#   QUIZ=/tmp/quiz-old bench/retention.sh     # times another binary (say, one built before the fix)
#   TIES=2000 ANSWERS=20000 bench/retention.sh
#
# Figures on the 2-core machine of issue 10, shared by other jobs (wall time of one
# `quiz stats`; before = cd12a1c, after = this script's commit):
#
#                                          before          after
#   ties,  20,000 reviews                  15.7-18.6 s     0.06 s
#   crams, 20,000 + 20,000 + 20,000        22.5 s          0.05 s
#   piped, 20,000 answers                  3.8-4.1 s       0.03-0.09 s
#   piped, 200,000 answers                 175 s of CPU    0.38 s (0.16 s of CPU)
#                                          (1,010 s wall, niced, on a loaded machine)
#
# bench/stats.sh's 1,000,000-review store (no ties) is unchanged: 0.15-0.20 s both ways.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
ties="${TIES:-20000}"
answers="${ANSWERS:-200000}"

if [ -z "${QUIZ:-}" ]; then
    cargo build --release --quiet --manifest-path "$root/Cargo.toml"
    QUIZ="${CARGO_TARGET_DIR:-$root/target}/release/quiz"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC NO_COLOR=1

# One run's wall time in milliseconds, from bash's clock (no hyperfine: a run can be minutes).
wall_ms() {
    local started ended
    started=$(date +%s%N)
    "$@" >/dev/null
    ended=$(date +%s%N)
    echo $(((ended - started) / 1000000))
}

echo "== ties: $ties reviews of one card at one instant"
{
    echo "card_id,review_time,review_rating"
    awk -v n="$ties" 'BEGIN { for (i = 0; i < n; i++) print "a,2026-02-27T18:30:00.000Z,3" }'
} >"$work/ties.csv"
export QUIZ_DATA_DIR="$work/ties"
"$QUIZ" history import "$work/ties.csv"
echo "   quiz stats: $(wall_ms "$QUIZ" stats) ms"
echo "   quiz stats --json: $(wall_ms "$QUIZ" stats --json) ms"

echo "== crams: $ties cram reviews, $ties reviews at the same instant, $ties crams the next day"
{
    echo "card_id,review_time,review_rating,mode"
    awk -v n="$ties" 'BEGIN {
        for (i = 0; i < n; i++) print "a,2026-02-27T18:30:00.000Z,3,cram"
        for (i = 0; i < n; i++) print "a,2026-02-27T18:30:00.000Z,3,"
        for (i = 0; i < n; i++) print "a,2026-02-28T18:30:00.000Z,3,cram"
        print "a,2026-03-01T08:00:00.000Z,3,"
    }'
} >"$work/crams.csv"
export QUIZ_DATA_DIR="$work/crams"
"$QUIZ" history import "$work/crams.csv"
echo "   quiz stats: $(wall_ms "$QUIZ" stats) ms"
echo "   quiz stats --json: $(wall_ms "$QUIZ" stats --json) ms"

echo "== piped: $answers wrong answers to quiz start --plain at a fixed QUIZ_NOW"
export QUIZ_DATA_DIR="$work/piped"
awk -v n="$answers" 'BEGIN { for (i = 0; i < n; i++) print "not the answer" }' |
    "$QUIZ" start --plain | tail -n 2
echo "   quiz stats: $(wall_ms "$QUIZ" stats) ms"
echo "   quiz stats --json: $(wall_ms "$QUIZ" stats --json) ms"
