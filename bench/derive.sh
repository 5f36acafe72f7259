#!/usr/bin/env bash
# Time and peak memory of `quiz derive` (issue 15), in a release build: each document of the
# corpus (tests/derive/), then generated documents of growing size in each format, to show
# the cost stays linear in the input (a hostile text of `[` or quotes included).
#
# Figures (2026-12-01, 2 cores shared by ~7 builds, a release build without LTO; wall s,
# peak RSS KiB): every corpus document 0.00-0.02 s, 6.5-7.1 MiB.
#   generated 110 KB   txt 0.37 s 10820 KiB (744 cards)  md 0.41 s 11524  html 0.42 s 11348
#   generated 1.1 MB   txt 3.17 s 46980 KiB (7397 cards) md 4.19 s 52108  html 3.38 s 47700
#   1 MB of `[`        0.35 s 26056 KiB (nothing to ask: exit 1)
#   790 KB of quotes   0.07 s 21692 KiB (nothing to ask: exit 1)
# Ten times the input costs about ten times the time: linear. Most of it is the deck
# parser's check of every drafted card.
#
# Usage: bench/derive.sh
#        QUIZ=/path/to/quiz bench/derive.sh   # measure that binary instead of building
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
quiz=$(quiz_binary)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # run FILE: wall ms, peak RSS KiB, cards
  local file=$1 out
  out=$( { /usr/bin/time -f '%e %M' "$quiz" derive "$file" >/dev/null 2>"$work/err"; } 2>&1 || true)
  local cards
  cards=$(grep -o 'drafted [0-9]* cards\?' "$work/err" | grep -o '[0-9]*' || echo 0)
  read -r secs rss <<<"$(tail -1 "$work/err" | grep -E '^[0-9.]+ [0-9]+$' || echo "$out")"
  printf '%-28s %9s B %8s s %8s KiB %6s cards\n' "$(basename "$file")" "$(stat -c %s "$file")" "$secs" "$rss" "$cards"
}

echo "corpus"
for file in tests/derive/*.txt tests/derive/*.md tests/derive/*.html; do
  [ -e "${file%.*}.facts" ] && run "$file"
done

echo "generated (words of the shapes derive looks for)"
for words in 20000 200000; do
  for ext in txt md html; do
    python3 - "$words" "$work/gen-$words.$ext" "$ext" <<'PY'
import random, sys
n, path, ext = int(sys.argv[1]), sys.argv[2], sys.argv[3]
random.seed(15)
words = ["The", "wall", "fell", "on", "9", "November", "1989,", "after", "Dr", "Helen", "Okafor",
         "said", "in", "[5]", "£9m", "155", "kilometres", "(96", "mi)", "20:17", "UTC", "four",
         "stations", "recon-\nstruction", "Label:", "x;", "“Term”", "\n", "\n\n", "."]
text = " ".join(random.choice(words) for _ in range(n))
if ext == "md":
    text = "# Notes\n\n" + text.replace("Label:", "**Label**")
if ext == "html":
    text = "<html><body><nav>Home</nav><p>" + text.replace("\n\n", "</p><p>") + "</p><script>x</script></body></html>"
open(path, "w").write(text)
PY
    run "$work/gen-$words.$ext"
  done
done
python3 -c "open('$work/brackets.txt','w').write('['*1000000 + ' The wall fell in 1989.')"
run "$work/brackets.txt"
python3 -c "open('$work/quotes.txt','w').write(('\"'*10000+' ')*79 + 'in 1989.')"
run "$work/quotes.txt"
