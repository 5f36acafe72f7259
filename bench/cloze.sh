#!/usr/bin/env bash
# Memory and database size of cloze decks, in a release build: issue 10's "cloze gaps
# squared" (one cloze of N gaps made N cards, each holding the whole text).
#
# Decks (generated, each gap ~16 bytes of text):
#   one N         one cloze of N gaps                        (default N = 10000)
#   many C G      C clozes of G gaps each                    (default 50 x 200)
#   long G KB     one cloze of G gaps padded to about KB KiB (default 200 gaps, 900 KiB)
#   fat G KB      one cloze of G gaps whose explain, hint and one accept entry are KB KiB
#                 each, with 4,000 bytes of tags: what each gap's card repeats (200, 900)
# For each: the deck's size, `quiz check`'s peak RSS and exit code, `echo :q | quiz start`'s
# peak RSS (it indexes the deck, then stops at the first question) and the database's size
# after it (quiz.sqlite3 plus its -wal).
#
# Figures (2026-12-01, 2 cores shared; peak RSS in KiB; db = quiz.sqlite3 + -wal in KiB).
# Before: cd12a1c (every gap's card held the whole prompt and its own copy of explain,
# hint, accept and tags, in memory and in its row of the deck index). After: a cloze's
# cards share one text and one copy of those fields (Arc), its later gaps' rows name the
# first; E017 refuses more than 200 gaps, E018 a field over 1 MiB or tags over 4 KiB.
#                      file     check before/after      start before/after       db before/after
#   one 10000           154      1172664 /  8652 E017   1174184 /  8816 E017   1166152 /  64
#   one 22000           365      3041944 / 12216 E017   3043304*/ 10384 E017   6.3 GB* /  64
#   many 50 200         154        39008 /  9628          12596 /  9636          46132 / 1240
#   many 2000 200      6840      1476720 /154632          23488 / 18616        1844700 / 50300
#   long 200 900        900       205284 / 26268         194244 / 13960         180176 /  976
#   fat 200 900        2706       554460 / 12128         563672 / 24540         541776 / 3684
#   one 200               2         6312 /  6012           8864 /  7632            976 /  76
# (*) under the 4 GB cap the old quiz could not index that deck and studied nothing; run
# without the cap it took 3 min and left a 6.3 GB database.
# With E017's limit lifted (a build with MAX_GAPS raised, to see the sharing alone): one
# 10000 took 12252 KiB to check, 30924 KiB to start and a 1128 KiB database; one 22000
# 19680, 59744 and 2484 KiB: linear in the gaps, where the old quiz was quadratic.
# `quiz check` holds every card of a deck (about 400 bytes a card here); a session streams
# the file into the index, so its memory stays flat.
#
# Usage: bench/cloze.sh [one N | many C G | long G KB]...
#        QUIZ=/path/to/quiz bench/cloze.sh ...   # measure that binary instead of building
#        LIMIT_KB=4000000 caps each run's memory (ulimit -v, default ~4 GB): a run over it
#        fails, shown as its exit code.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z ${QUIZ:-} ]]; then
  cargo build --release --quiet
  QUIZ=$PWD/target/release/quiz
fi
limit_kb=${LIMIT_KB:-4000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC
[[ $# -gt 0 ]] || set -- one 10000

# generate KIND ARGS... > deck
generate() {
  python3 - "$@" <<'PY'
import sys
kind, args = sys.argv[1], [int(a) for a in sys.argv[2:]]
def cloze(gaps, pad=0, tag=""):
    words = [f"w{i} {{{{a{tag}{i}}}}}" for i in range(gaps)]
    text = " ".join(words)
    if pad > len(text):
        filler = "lorem ipsum dolor sit amet "
        text += " " + filler * ((pad - len(text)) // len(filler))
    return text
print('title = "cloze bench"')
if kind == "one":
    clozes = [cloze(args[0] if args else 10000)]
elif kind == "many":
    c = args[0] if len(args) > 0 else 50
    g = args[1] if len(args) > 1 else 200
    clozes = [cloze(g, tag=f"{j}x") for j in range(c)]
elif kind == "long":
    g = args[0] if len(args) > 0 else 200
    kb = args[1] if len(args) > 1 else 900
    clozes = [cloze(g, pad=kb * 1024)]
elif kind == "fat":
    g = args[0] if len(args) > 0 else 200
    kb = args[1] if len(args) > 1 else 900
    pad = "lorem ipsum dolor sit amet " * (kb * 1024 // 27)
    print(f'\n[[cards]]\nid = "fat"\ncloze = "{cloze(g)}"\nexplain = "{pad}"\n'
          f'hint = "{pad}"\naccept = ["{pad}"]\ntags = ["{"t" * 4000}"]')
    clozes = []
else:
    sys.exit(f"unknown deck kind {kind}")
for j, text in enumerate(clozes):
    print(f'\n[[cards]]\nid = "c{j}"\ncloze = "{text}"')
PY
}

printf '%-14s %10s %12s %5s %12s %5s %12s\n' deck "file KiB" "check KiB" exit "start KiB" exit "db KiB"
while [[ $# -gt 0 ]]; do
  kind=$1; shift
  args=()
  while [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; do args+=("$1"); shift; done
  data="$work/data-$kind"
  rm -rf "$data"; mkdir -p "$data/decks"
  deck="$data/decks/bench.toml"
  generate "$kind" "${args[@]}" > "$deck"
  touch -d '1 hour ago' "$deck"
  file_kb=$(( $(stat -c %s "$deck") / 1024 ))
  set +e
  check=$( (ulimit -v "$limit_kb"; /usr/bin/time -f "%M %x" "$QUIZ" --data-dir "$data" check "$deck" 2>&1 >/dev/null) | tail -1)
  start=$( (ulimit -v "$limit_kb"; echo :q | /usr/bin/time -f "%M %x" "$QUIZ" --data-dir "$data" --plain start bench 2>&1 >/dev/null) | tail -1)
  set -e
  db_kb=$(( $(cat "$data"/quiz.sqlite3* 2>/dev/null | wc -c) / 1024 ))
  printf '%-14s %10s %12s %5s %12s %5s %12s\n' "$kind ${args[*]}" "$file_kb" ${check% *} ${check#* } ${start% *} ${start#* } "$db_kb"
done
