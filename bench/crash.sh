#!/usr/bin/env bash
# Kills `quiz start` with SIGKILL at random points, thousands of times, and checks after each
# kill that the database passes `PRAGMA integrity_check`, that every answer whose verdict was
# printed is in `reviews`, and (every REPLAY_EVERY kills) that the card rows equal a replay of
# the exported log. It is tests/cli/crash.rs with more kills; CI runs the same test with 150.
#
#   bench/crash.sh                 # 3,000 kills, a random seed, the test profile's binary
#   KILLS=10000 SEED=7 bench/crash.sh
#   RELEASE=1 bench/crash.sh       # the release binary (other timings, so other kill points)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
export QUIZ_CRASH_KILLS="${KILLS:-3000}"
export QUIZ_CRASH_SEED="${SEED:-$RANDOM$RANDOM}"
export QUIZ_CRASH_REPLAY_EVERY="${REPLAY_EVERY:-20}"
echo "crash: $QUIZ_CRASH_KILLS kills, seed $QUIZ_CRASH_SEED (SEED=$QUIZ_CRASH_SEED reruns these kills)"
start=$(date +%s)
cargo test ${RELEASE:+--release} --quiet --manifest-path "$root/Cargo.toml" --test cli \
    crash::sigkill_at_random_points_loses_no_acknowledged_answer -- --exact --nocapture 2>&1 | grep -v '^$'
echo "crash: done in $(($(date +%s) - start)) s"
