#!/usr/bin/env bash
# Issue 17, point 3: a huge single-line deck under a 4 GiB address-space limit. Before, a
# 600 MB one-line deck made `quiz check` abort (SIGABRT, exit 134) and needed about 7 bytes of
# memory per byte of file; now a deck over 64 MiB is refused before it is read, and one just
# under the limit is read within the cap.
#
# Usage: bench/input_limits.sh [MB...]   (default: 600 63); QUIZ=path times another build.
# Prints, per size: the exit code of `quiz check` on a deck whose title is one line of MB
# MiB, its peak RSS and wall time, and the first line of its error.
#
# Figures (2026-12-01, 2 cores shared, debug build, ulimit -v 4194304):
#   600 MiB  exit 1  peak  11352 KiB   0.01 s  error[E016]: could not read this deck: it is
#            600.0 MiB (629145591 bytes), and a deck may be at most 64 MiB
#    63 MiB  exit 1  peak 148584 KiB  33.44 s  error[E018]: `title` is 66060268 bytes long; a
#            text field holds at most 1048576 (1 MiB)
# (issue 17's figure before: 600 MB, exit 134 (SIGABRT) under the same cap.)
set -u
cd "$(dirname "$0")/.."
source bench/lib.sh
quiz=$(quiz_binary)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QUIZ_DATA_DIR="$tmp/data" HOME="$tmp/home"
mkdir -p "$QUIZ_DATA_DIR" "$HOME"

for mb in "${@:-600 63}"; do
  for size in $mb; do
    deck="$tmp/line.toml"
    {
      printf 'title = "'
      head -c "$((size * 1024 * 1024 - 20))" /dev/zero | tr '\0' a
      printf '"\n'
    } > "$deck"
    (
      ulimit -v 4194304
      /usr/bin/time -f "%M %e" -o "$tmp/time" "$quiz" check "$deck" > "$tmp/out" 2> "$tmp/err"
      echo $? > "$tmp/code"
    )
    read -r rss secs < <(tail -1 "$tmp/time")
    printf '%5s MiB  exit %s  peak %6d KiB  %6s s  %s\n' "$size" "$(cat "$tmp/code")" \
      "$rss" "$secs" "$(cat "$tmp/err" "$tmp/out" | head -1 | cut -c1-150)"
    rm -f "$deck"
  done
done
