#!/usr/bin/env bash
# Time to report many findings (issue 10, "Findings × file size"), in a release build.
# Each finding used to re-process the whole deck text (annotate-snippets got the whole
# file; `--format json` counted lines from the start for each line:col), so time grew with
# findings × file size: an 8,000-card deck without ids took `quiz check` 52.8 s.
#
# Inputs (CARDS cards each, default 8000), each a deck file in a temporary folder:
#   noids       hand-written cards without ids: one W001 per card
#   misspelt    `anwser` for `answer` on every card: one E002 per card
#   mixed       seven codes in turn (W001, E002, E003, E004, E011 far from the first use,
#               W002, E005), some cards with CRLF line ends and non-ASCII text
#   oneline     the cards as inline tables, all on one line of the file (`cards = [{…}, …]`,
#               about 100 bytes a card), each with a misspelt key: a long line with many
#               findings, as a fuzzer makes them
# and these commands, each timed once (wall clock, ms):
#   quiz check FILE                   (human output)
#   quiz check --format json FILE     (every finding, one JSON line each)
#   echo :q | quiz start FILE          (the session says the deck is skipped, then ends)
#   echo :q | quiz start               (the deck in the decks folder; the bundled deck is
#                                      studied, the broken one skipped at every start)
# Usage: bench/findings.sh [CARDS]; QUIZ=path/to/quiz times another binary (no build then).
#
# Figures (ms, 2 shared cores under load from other jobs, so the slow ones vary by 2x):
#                       check   check json   start FILE   start (folder)
#   8,000 cards, before (cd12a1c):
#     noids            223483         6574          480               45
#     misspelt         279660         6599       336084           136686
#     mixed            140481         3691        76657            63868
#     oneline           76143          676        85122            68141
#   8,000 cards, after:
#     noids                29           52           96               34
#     misspelt             48           44           92               68
#     mixed                47           48           71               63
#     oneline              90           46          152              130
#   50,000 cards, after: at most 206 ms, but oneline (a 3.7 MB line): 656 ms check,
#   628 ms start.
set -euo pipefail
cd "$(dirname "$0")/.."
cards=${1:-8000}
if [[ -z "${QUIZ:-}" ]]; then
  cargo build --release --quiet
  quiz=$PWD/target/release/quiz
else
  quiz=$QUIZ
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$cards" "$work" <<'PY'
import sys
n, work = int(sys.argv[1]), sys.argv[2]

def deck(name, cards, newline="\n"):
    with open(f"{work}/{name}.toml", "w", newline="") as f:
        f.write(f'title = "{name}"{newline}')
        for card in cards:
            f.write(newline + "[[cards]]" + newline + newline.join(card) + newline)

deck("noids", ([f'question = "Question number {i}?"', f'answer = "answer {i}"'] for i in range(n)))
deck("misspelt", ([f'id = "c{i}"', f'question = "Question number {i}?"', f'anwser = "answer {i}"']
                  for i in range(n)))

def mixed(i):
    kind = i % 7
    if kind == 0:
        return [f'question = "Wie heißt Frage {i}?"', f'answer = "Antwort {i}"']
    if kind == 1:
        return [f'id = "c{i}"', f'question = "Question {i}?"', f'anwser = "answer {i}"']
    if kind == 2:
        return [f'id = "c{i}"', f'question = "Question {i}?"', f'answer = {i}']
    if kind == 3:
        return [f'id = "c{i}"', f'question = "Question {i}?"', 'answer = ""']
    if kind == 4:
        return ['id = "c0"', f'question = "Question {i}?"', f'answer = "answer {i}"']
    if kind == 5:
        return [f'id = "c{i}"', 'question = "The same question?"', f'answer = "answer {i}"']
    return [f'id = "c{i}"', f'question = "Question {i}?"', 'answer = "d"',
            'choices = ["a", "b", "c"]']

with open(f"{work}/mixed.toml", "w", newline="") as f:
    f.write('title = "mixed"\n\n[[cards]]\nid = "c0"\nquestion = "First?"\nanswer = "first"\n')
    for i in range(1, n):
        newline = "\r\n" if i % 3 == 0 else "\n"
        f.write(newline + "[[cards]]" + newline + newline.join(mixed(i)) + newline)

with open(f"{work}/oneline.toml", "w") as f:
    f.write('title = "oneline"\ncards = [')
    f.write(", ".join(f'{{ id = "c{i}", question = "Question number {i}?", anwser = "a{i}" }}'
                      for i in range(n)))
    f.write("]\n")
PY
export QUIZ_DATA_DIR="$work/data" NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC

ms() { local start end; start=$(date +%s%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }
start() { echo :q | "$quiz" start "$@"; }
in_folder() {
  rm -rf "$QUIZ_DATA_DIR"
  mkdir -p "$QUIZ_DATA_DIR/decks"
  cp "$work/$1.toml" "$QUIZ_DATA_DIR/decks/"
  start > /dev/null 2>&1 || true
  ms start
}

echo "cards: $cards; $quiz"
for name in noids misspelt mixed oneline; do
  file=$work/$name.toml
  findings=$("$quiz" check --format json "$file" | wc -l || true)
  printf '%-9s %7s KB %6s findings\n' "$name" "$(( $(stat -c %s "$file") / 1000 ))" "$findings"
  printf '  %-34s %7s ms\n' "quiz check:" "$(ms "$quiz" check "$file")"
  printf '  %-34s %7s ms\n' "quiz check --format json:" "$(ms "$quiz" check --format json "$file")"
  rm -rf "$QUIZ_DATA_DIR"
  printf '  %-34s %7s ms\n' "quiz start FILE:" "$(ms start "$file")"
  printf '  %-34s %7s ms\n' "quiz start (deck in decks folder):" "$(in_folder "$name")"
done
