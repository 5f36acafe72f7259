#!/usr/bin/env bash
# Times `quiz decks` and `quiz stats` with a 100,000-card deck (as bench/read_commands.sh)
# where the reader cannot or must not write, in a release build:
#   writable            the data directory as a session leaves it (the reader may write)
#   read-only           the folder at 555 and its files at 444; the deck unchanged since it
#                       was indexed, so the database's index is read as it is
#   read-only, edited   the same after one card's answer was edited: the index is copied
#                       into TEMP tables and the deck parsed into them, for this run only
#   no data dir         `stats DECK` with `--data-dir` a path that does not exist: the deck (named by its
#                       path) is parsed into an empty store in memory; nothing is created
# Run as root, quiz runs as `nobody` (root is not bound by permissions).
#
# Figures (2026-12-01, 2 cores shared with ~8 busy agents, so +-50%; medians of 5 runs).
# Before (cd12a1c) every read-only row was `quiz: error: could not open the progress
# database …: attempt to write a readonly database … SQLITE_READONLY_DIRECTORY`, exit 1,
# and the no-data-dir run created the folder and a database. After:
#                              decks     stats   decks peak
#   writable                   59 ms     51 ms     9 MiB
#   read-only                  88 ms     48 ms     9 MiB   (18 ms / 48 ms in a quieter run)
#   read-only, edited         675 ms    661 ms    28 MiB   (the copy of 100,000 index rows
#                                                           is ~300 ms of it, the parse ~120)
#   no data dir (stats DECK)            1100 ms    35 MiB   (a first index, in memory)
#
# Usage: bench/readers.sh [CARDS]
#        QUIZ=/path/to/quiz bench/readers.sh   # time that binary instead of building
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
cards=${1:-100000}
runs=${RUNS:-5}
quiz=$(quiz_binary)
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
chmod 755 "$work"
data="$work/data"
mkdir -p "$data/decks"
deck="$data/decks/big.toml"
big_deck "$cards" "$deck"
export NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC HOME="$work/home"
unset QUIZ_CONFIG QUIZ_DATA_DIR
as_user=()
if [ "$(id -u)" = 0 ]; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi

# median ARGS...: the median of RUNS timed calls of ARGS, in ms.
median() {
  local times=()
  for _ in $(seq "$runs"); do
    times+=("$(ms "$@")")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}
# rss ARGS...: the peak memory of one call of ARGS, in MiB.
rss() { /usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -1 | awk '{ printf "%.0f", $1 / 1024 }'; }
row() {
  printf '%-24s %6s ms %6s ms %6s MiB\n' "$1" "$(median "${@:2}" decks)" "$(median "${@:2}" stats)" \
    "$(rss "${@:2}" decks)"
}

echo "cards: $cards (median of $runs runs)    decks     stats  decks peak"
# A session indexes the deck and leaves the database as readers find it.
"$quiz" --data-dir "$data" start < /dev/null > /dev/null
"$quiz" --data-dir "$data" decks > /dev/null
row "writable" "$quiz" --data-dir "$data"
chmod 555 "$data" "$data/decks"
chmod 444 "$data"/quiz.* "$deck"
row "read-only" "${as_user[@]}" "$quiz" --data-dir "$data"
chmod 644 "$deck"
sed -i "s/^answer = \"answer $((cards / 2))\"$/answer = \"answer $((cards / 2)) edited\"/" "$deck"
touch -d '1 hour ago' "$deck"
chmod 444 "$deck"
row "read-only, edited" "${as_user[@]}" "$quiz" --data-dir "$data"
missing="$work/missing"
printf '%-24s %9s %6s ms %6s MiB\n' "no data dir (stats DECK)" "" \
  "$(median "${as_user[@]}" "$quiz" --data-dir "$missing" stats "$deck")" \
  "$(rss "${as_user[@]}" "$quiz" --data-dir "$missing" stats "$deck")"
test ! -e "$missing" || { echo "quiz created $missing" >&2; exit 1; }
