#!/usr/bin/env bash
# The sync property test over many more random schedules than CI runs (200): devices study
# offline with undos, overrides, suspensions and skewed clocks, copies are cut or replaced,
# and every device must end with the same reviews, card rows and suspensions.
#
#   bench/sync_property.sh            # 5,000 schedules
#   SCHEDULES=20000 SEED=5000 bench/sync_property.sh
set -euo pipefail
cd "$(dirname "$0")/.."
QUIZ_SYNC_SCHEDULES="${SCHEDULES:-5000}" QUIZ_SYNC_SEED="${SEED:-0}" \
    cargo test --release --lib sync::tests -- --nocapture
