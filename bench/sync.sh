#!/usr/bin/env bash
# quiz sync at scale (issue 14): a peer's log of N reviews (default 1,000,000) over 100,000
# cards, read the first time; then a sync with nothing new, which must cost a few stat
# calls (<= 20 ms with 1,000,000 reviews across devices). Prints one line per figure.
#
#   bench/sync.sh            # 1,000,000 reviews
#   N=100000 bench/sync.sh   # smaller
#
# Figures (2026-12-02 01:55, 2 cores shared, load average 3; c284dc2, release build): first
# read 17.08 s wall, 12.14 s CPU (9.54 user + 2.60 system), 85 MiB; nothing new 7 ms. The
# build before (a899406, QUIZ=<its binary>) right after: 21.22 s wall, 14.38 s CPU, 86 MiB;
# 7 ms. Sync's path did not change between them (the empty-log import is history import's).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

n="${N:-1000000}"
quiz="$(quiz_binary)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export QUIZ_DATA_DIR="$work/data" HOME="$work/home" TZ=UTC QUIZ_NOW=2026-03-01T09:00:00Z
mkdir -p "$work/share/quiz/devices" "$HOME"

# The peer's log: reviews a minute apart, of 100,000 cards, as quiz writes them.
python3 - "$n" "$work/share/quiz/devices/1111111111111111.jsonl" <<'PY'
import sys, datetime
n, path = int(sys.argv[1]), sys.argv[2]
start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
with open(path, "w") as f:
    for i in range(n):
        at = (start + datetime.timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        rating = 1 + (i * 7919) % 4
        f.write('{"v":1,"id":"1111111111111111-%d","at":"%s","type":"review","deck":"big","card":"c%d","rating":%d,"verdict":"right","mode":"review","duration_ms":1500,"answer":"answer"}\n'
                % (i + 1, at, (i * 7919) % 100000, rating))
PY
echo "peer log: $n reviews, $(du -m "$work/share/quiz/devices/1111111111111111.jsonl" | cut -f1) MiB"

first=$( { /usr/bin/time -f '%e s wall (%U s user + %S s system CPU), %M KiB max RSS' "$quiz" sync "$work/share" --no-git --name bench > "$work/out"; } 2>&1 )
echo "first read of the peer log: $first ($(cat "$work/out"))"
echo "reviews in the store: $(sqlite3 "$QUIZ_DATA_DIR/quiz.sqlite3" 'SELECT COUNT(*) FROM reviews' 2>/dev/null || echo '?')"

best=999999
for _ in 1 2 3 4 5 6 7 8 9 10; do
    t=$(ms "$quiz" sync "$work/share" --no-git)
    [ "$t" -lt "$best" ] && best=$t
done
echo "sync with nothing new: ${best} ms (best of 10, the whole process; load average $(cut -d" " -f1 /proc/loadavg))"
