#!/usr/bin/env bash
# The "planted symlink" attack of issue 10, as another local user would mount it: in a
# folder quiz writes to, symlinks to the victim's file wait at the temporary names quiz
# used to give its files (`.{file}.{pid}.tmp`) for the next few hundred pids. For each
# command that writes a file, prints whether the victim's file was overwritten (or its mode
# changed) and whether quiz's output is a plain file.
#
#   bench/planted_symlink.sh [path/to/quiz]     (default: target/debug/quiz, built first)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
quiz="${1:-}"
if [ -z "$quiz" ]; then
    cargo build --quiet --manifest-path "$root/Cargo.toml"
    quiz="$root/target/debug/quiz"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export QUIZ_DATA_DIR="$work/data" NO_COLOR=1 HOME="$work/home"
unset QUIZ_CONFIG QUIZ_NOW
mkdir -p "$work/victim" "$work/out" "$QUIZ_DATA_DIR/decks"

deck='title = "Unfixed"

[[cards]]
question = "Capital of France?"
answer = "Paris"
'
printf '%s' "$deck" > "$work/capitals.toml"

# plant FOLDER FILE: links for the next 300 pids, as the attacker does (in one process, so
# that planting does not use up the pids it plants for).
plant() {
    python3 - "$work/victim/notes.txt" "$1" "$2" <<'PY'
import os, sys
victim, folder, name = sys.argv[1:]
first = os.getpid()
for pid in range(first, first + 300):
    link = os.path.join(folder, f".{name}.{pid}.tmp")
    if os.path.lexists(link):
        os.unlink(link)
    os.symlink(victim, link)
PY
}

# attack NAME OUTPUT [stdin] -- quiz ARGS…
attack() {
    local name=$1 output=$2 input=$3
    shift 4
    printf 'the victim'"'"'s own notes\n' > "$work/victim/notes.txt"
    chmod 600 "$work/victim/notes.txt"
    plant "$(dirname "$output")" "$(basename "$output")"
    local status=0
    printf '%b' "$input" | "$quiz" --plain "$@" > /dev/null 2>&1 || status=$?
    local victim="untouched"
    if [ "$(cat "$work/victim/notes.txt")" != "the victim's own notes" ]; then
        victim="OVERWRITTEN"
    elif [ "$(stat -c %a "$work/victim/notes.txt")" != 600 ]; then
        victim="MODE CHANGED to $(stat -c %a "$work/victim/notes.txt")"
    fi
    local kind="plain file"
    [ -L "$output" ] && kind="SYMLINK to $(readlink "$output")"
    printf '%-20s exit %d  victim %-12s output %s\n' "$name" "$status" "$victim" "$kind"
    find "$(dirname "$output")" -maxdepth 1 -name '.*.tmp' -type l -delete
}

attack "import -o" "$work/out/imported.toml" "" -- import "$root/tests/fixtures/import/cards.csv" -o "$work/out/imported.toml"
attack "export -o" "$work/out/exported.tsv" "" -- export "$work/capitals.toml" -o "$work/out/exported.tsv"
attack "derive -o" "$work/out/derived.toml" "" -- derive "$root/tests/fixtures/derive/000_36f739adb32d5b01.txt" -o "$work/out/derived.toml"
attack "new --path" "$work/out/fresh.toml" "" -- new fresh --path "$work/out/fresh.toml"
attack "new" "$QUIZ_DATA_DIR/decks/planned.toml" "" -- new planned
attack "history export -o" "$work/out/log.csv" "" -- history export -o "$work/out/log.csv"
printf '%s' "$deck" > "$QUIZ_DATA_DIR/decks/fixme.toml"
attack "check --fix" "$QUIZ_DATA_DIR/decks/fixme.toml" "" -- check --fix "$QUIZ_DATA_DIR/decks/fixme.toml"
printf '%s' "$deck" > "$QUIZ_DATA_DIR/decks/addto.toml"
attack "add" "$QUIZ_DATA_DIR/decks/addto.toml" 'text\nCapital of Spain?\nMadrid\n\n\n\n\ny\nn\n' -- add "$QUIZ_DATA_DIR/decks/addto.toml"
