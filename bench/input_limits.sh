#!/usr/bin/env bash
# Issue 17, point 3: a huge single-line deck under a 4 GiB address-space limit. Before, a
# 600 MB one-line deck made `quiz check` abort (SIGABRT, exit 134) and needed about 7 bytes of
# memory per byte of file; now a deck over 64 MiB is refused before it is read, and one just
# under the limit is read within the cap. Since issue 16 a deck may be 256 MiB (a million
# cards), but one over 64 MiB that is not [[cards]] tables (this one line) is refused before
# toml's general parser sees it:
#   100 MiB deck     exit 1  peak  224204 KiB   3.38 s  E016: it is 100.0 MiB (...), and a
#                    deck over 64 MiB must be [[cards]] tables, each of them and the text
#                    before the first at most 64 MiB        (release build, bench/input_limits.sh 100;
#                    the peak is the file and the drawing of its one line under the error)
# and the 600 MiB deck's message says "at most 256 MiB".
#
# Usage: bench/input_limits.sh [MB...]   (default: 600 63); QUIZ=path times another build.
# Prints, per size and kind: the exit code of `quiz check` on a deck whose title is one line
# of MB MiB, of `quiz import` on a text export whose back is, and of `quiz history import` on
# a log whose duration is; each one's peak RSS and wall time, and the first line it printed.
#
# Figures (2026-12-01, 2 cores shared, debug build, ulimit -v 4194304):
#   600 MiB deck     exit 1  peak   11512 KiB   0.00 s  E016: it is 600.0 MiB (...), and a
#                                                        deck may be at most 64 MiB
#   600 MiB import   exit 1  peak  625680 KiB  22.14 s  it is 600.0 MiB (...), and a text
#                                                        export to import may be at most 64 MiB
#   600 MiB history  exit 1  peak   11740 KiB   0.03 s  it is 600.0 MiB (...), and a review
#                                                        log may be at most 512 MiB
#    63 MiB deck     exit 1  peak  148980 KiB  59.00 s  E018: `title` is 66060248 bytes long
#    63 MiB import   exit 1  peak  463068 KiB  10.39 s  skipped: `answer` is 66060253 bytes long
#    63 MiB history  exit 1  peak  205312 KiB   2.02 s  review_duration must be a number of
#                                                        milliseconds, not "1111…" (cut at 60)
# Before (issue 17): the 600 MB one-line deck, exit 134 (SIGABRT) under the same cap; the
# 600 MB text export, exit 134 at 3,734,404 KiB; the 600 MB log, exit 1 after 139 s at
# 2,288,188 KiB with the whole 600 MB field echoed in the message.
set -u
cd "$(dirname "$0")/.."
source bench/lib.sh
quiz=$(quiz_binary)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QUIZ_DATA_DIR="$tmp/data" HOME="$tmp/home"
mkdir -p "$QUIZ_DATA_DIR" "$HOME"

# one_line KIND MIB PATH: a file of one line of MIB MiB: a deck's title, a text export's
# back, or a review log's duration.
one_line() {
  local size=$(($2 * 1024 * 1024 - 40))
  case $1 in
    deck) { printf 'title = "'; head -c "$size" /dev/zero | tr '\0' a; printf '"\n'; } > "$3" ;;
    import) { printf 'front\tback '; head -c "$size" /dev/zero | tr '\0' a; printf '\n'; } > "$3" ;;
    history) { printf 'card_id,review_time,review_rating,review_duration\n1,2024-01-01T00:00:00Z,3,'
               head -c "$size" /dev/zero | tr '\0' 1; printf '\n'; } > "$3" ;;
  esac
}

for size in ${@:-600 63}; do
  for kind in deck import history; do
    file="$tmp/line.$kind"
    one_line "$kind" "$size" "$file"
    case $kind in
      deck) args=(check "$file") ;;
      import) args=(import "$file" -o "$tmp/out.toml") ;;
      history) args=(history import "$file") ;;
    esac
    (
      ulimit -v 4194304
      /usr/bin/time -f "%M %e" -o "$tmp/time" "$quiz" "${args[@]}" > "$tmp/out" 2> "$tmp/err"
      echo $? > "$tmp/code"
    )
    read -r rss secs < <(tail -1 "$tmp/time")
    printf '%5s MiB %-8s exit %s  peak %7d KiB  %7s s  %s\n' "$size" "$kind" "$(cat "$tmp/code")" \
      "$rss" "$secs" "$(cat "$tmp/err" "$tmp/out" | head -1 | cut -c1-150)"
    rm -f "$file" "$tmp/out.toml"
  done
done
