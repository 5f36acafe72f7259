#!/usr/bin/env bash
# How cost grows with the collection: one deck of 1,000 / 10,000 / 100,000 / 1,000,000 cards,
# without history and with one (10 reviews a card, imported through `quiz history import`,
# then 81 % of the cards made due: a learner coming back after a month), in a release build.
# Prints one row per size and case:
#   first       the first start (no progress database yet): ms and peak MiB
#   start       `quiz start` with the deck unchanged, to its first question: ms and peak MiB
#   decks       `quiz decks`, ms
#   stats       `quiz stats`, ms
#   leeches     `quiz missed --leeches`, ms
#   read MiB    the largest peak of decks, stats and leeches
#   import      `quiz history import` of the history: s and peak MiB (history rows only)
#   answer      what one more answer costs a session (judge, save, print): the time of a
#               session answering ANSWERS cards, less that of one quitting at the first
#               question, over ANSWERS; ms (a mean: one slow flush to the disk counts)
# and last SQLite's own floor for one answer's transaction at each `synchronous`.
# Times are medians of RUNS runs (default 3); peaks are `/usr/bin/time -f %M`.
#
#   bench/scale.sh                           # every size (the 1,000,000-card history is
#                                            # 10,000,000 reviews: minutes)
#   SIZES="1000 100000" bench/scale.sh       # some sizes
#   QUIZ=/path/to/quiz bench/scale.sh        # time that binary instead of building
#   REVIEWS_PER_CARD=10 DUE_PERCENT=81 ANSWERS=2000 RUNS=3   # the defaults
#   OPTIMIZE=1 bench/scale.sh                # also time `quiz optimize` over each history
#
# Figures (2026-12-01, 2 cores shared with other builds, load average 5 to 14: wall times
# run several times an idle machine's). Before: d88d044, timed with QUIZ=<its release build>
# (its "answer" column, over 200 answers, is noise):
#   cards     history |  first   MiB |  start   MiB |  decks  stats leeches read MiB |  import    MiB
#   1000      none    |     77     9 |     30     8 |     18     19      46        8 |       -      -
#   1000      10/card |              |     59     9 |     13      5      10        8 |     0.1     13
#   10000     none    |    126    11 |     48     8 |     17     22      25        8 |       -      -
#   10000     10/card |              |     41    15 |     17     31      20       10 |     1.7     52
#   100000    none    |    635    27 |     22     8 |     26     15      83       10 |       -      -
#   100000    10/card |              |    991    73 |     83    141     277       20 |    21.2    503
#   1000000   none    |   8244   214 |     35     8 |    190    165     859       10 |       -      -
#   1000000   10/card |              |  30355   508 |    928   8534   21075      111 |   598.2   4574
# After (due cards read a page at a time, leeches through an index, the import streamed,
# saves at synchronous=FULL); the 1,000,000-card rows are of b4759b6's build but for its
# first start (841a46e's, run alone), the others of 841a46e's:
#   cards     history |  first   MiB |  start   MiB |  decks  stats leeches read MiB |  import    MiB | answer
#   1000      none    |     68     8 |     41     8 |     13      5       8        8 |       -      - |   3.93
#   1000      10/card |              |     47     8 |     35      6       4        8 |     0.2     10 |   4.50
#   10000     none    |    260    11 |     68     8 |     22     19       4        8 |       -      - |   4.43
#   10000     10/card |              |     38     9 |     18     27      23       10 |     1.7     25 |   3.70
#   100000    none    |    920    27 |     43     8 |     52     59      28       10 |       -      - |   4.20
#   100000    10/card |              |    147    11 |     31     95      41       10 |    20.5     65 |   3.68
#   1000000   none    |   8090   213 |     84     8 |    283    258      28       10 |       -      - |   7.55
#   1000000   10/card |              |    400    16 |    308    878     188       18 |   722.5     68 |   4.77
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=NORMAL: median 0.04 ms, mean 0.52 ms
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=FULL: median 3.99 ms, mean 4.12 ms
#   (earlier the same evening, with less else writing to the disk: FULL median 0.11 ms)
# Issue 16 point 3, the first start written straight into the index (plain inserts, its
# indexes built at the end, ids compared by sorting): ddb8020's build, QUIZ=<it> nice
# bench/scale.sh, 23:08 to 23:43, load average 5.7 to 11.4, the rows with history run beside
# this helper's own cargo test and an LTO build (so their reads are inflated several times:
# see the CPU figures below and the rerun after):
#   cards     history |  first   MiB |  start   MiB |  decks  stats leeches read MiB |  import    MiB | answer
#   1000      none    |     85    11 |     65    10 |     28     19      18        9 |       -      - |   5.15
#   1000      10/card |              |     71    10 |     31     32      56       10 |     0.5     12 |   3.46
#   10000     none    |    203    12 |     67    10 |     14      7      19       10 |       -      - |   4.29
#   10000     10/card |              |     11    11 |      7     12       7       11 |     9.6     33 |   0.86
#   100000    none    |   1007    24 |     37    10 |     59     39      18       12 |       -      - |   1.26
#   100000    10/card |              |     98    13 |    133    415      67       15 |    56.9     69 |   1.27
#   1000000   none    |  12367   140 |     34    10 |    384    216      39       12 |       -      - |   1.88
#   1000000   10/card |              |   2327    18 |   1063   4439    1349       46 |   655.7     72 |   3.83
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=NORMAL: median 0.04 ms, mean 0.98 ms
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=FULL: median 0.23 ms, mean 1.47 ms
# The 1,000,000-card rows run again with nothing else of this helper's running (SIZES=1000000,
# 23:43 to 00:00, load average 8.3 to 4.5; the SQLite floor lines were lost to an edit of
# this file while it ran):
#   1000000   none    |   7401   140 |     52    10 |    354    215      29       11 |       -      - |   2.64
#   1000000   10/card |              |    607    18 |    354   1324     478       46 |   352.2     72 |   3.32
# The read commands at 1,000,000 cards and 10,000,000 reviews stay above 841a46e's run
# (decks 308, stats 878, leeches 188 ms, 18 MiB), which came from a quieter machine; the
# peak of 46 MiB is `missed --leeches` (20,000 leeches), the same with either build on a
# database of 100,000 cards (14 MiB); neither is code this change touched.
# The first start in CPU time (perf stat -e task-clock, `echo :q | quiz start big` on a fresh
# data directory; f0e5c96's profiling build -> ddb8020's release build): 100,000 cards
# 624-703 -> 429-558 ms, 28 -> 24 MiB; 700,000 cards (the most a deck could be before, 61 MiB)
# 4.3 -> 2.8 s, 137 -> 101 MiB; 1,000,000 cards (refused before: 84 MiB) 3.3-3.6 s, 140 MiB,
# at 0.36-0.45 CPUs utilized (the wall times above are the machine's load). An edit to one
# card of 100,000 re-read in 261-268 -> 206-225 ms CPU. decks and stats at 100,000 cards and
# 1,000,000 reviews are the same with either build on the same database (12-19 and 50-59 ms
# CPU).
# The answer column is the flush of synchronous=FULL, and moves with the disk's other
# writers. In CPU time (perf stat, 100,000 cards, 1,000,000 reviews, 81,000 due), before ->
# after: start 349 -> 19 ms, decks 23 -> 18 ms, stats 55 -> 45 ms, leeches 84 -> 12 ms; the
# import of 1,000,000 reviews 8 s -> 7 s, its peak 503 -> 65 MiB. Per answer over 2,000
# answers at that size, run one after the other: 0.22 ms at NORMAL (before), 1.01 ms at FULL.
# The 1,000,000-card first start again (2026-12-02, bench/first_start.sh, which times only
# that, with QUIZ=<build> RUNS=3, builds in turn at load average ~4): a899406's build 2.50-
# 2.60 s of CPU, 3.2-4.0 s wall, 132 MiB; 64 cards an insert, the new cards' index kept
# while writing, only the index by card rebuilt: 2.05-2.30 s of CPU, 2.9 s wall, 133 MiB.
# On a slower machine (2026-12-02 06:25 to 06:45, 2 cores, load average 1.0, nothing else
# running), `SIZES="1000 10000 100000" RUNS=5 QUIZ=<build> bench/scale.sh`, the build before
# (9372f30) and then migration 8's (2f37bea: due cards counted by day, unplaced cards indexed):
# 9372f30:
#   1000      none    |     25    10 |     12    10 |      7      8       8        9 |       -      - |   0.55
#   1000      10/card |              |     15    10 |     10     12       9       10 |     0.1     12 |   0.69
#   10000     none    |     68    12 |     14    10 |     12     12       9       10 |       -      - |   0.57
#   10000     10/card |              |     16    11 |     13     23      13       11 |     1.1     33 |   0.73
#   100000    none    |    605    23 |     14    10 |     34     28       9       11 |       -      - |   0.56
#   100000    10/card |              |     75    12 |     34    124      31       14 |    11.4     46 |   1.04
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=NORMAL: median 0.08 ms, mean 1.29 ms, 90th percentile 0.11 ms
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=FULL: median 0.31 ms, mean 0.37 ms, 90th percentile 0.41 ms
# 2f37bea:
#   1000      none    |     27    10 |     13    10 |      9     10       8        9 |       -      - |   0.56
#   1000      10/card |              |     13    10 |     10     11       9       10 |     0.1     11 |   0.61
#   10000     none    |     84    12 |     11    10 |      8      8       7        9 |       -      - |   0.55
#   10000     10/card |              |     17    11 |     10     21      14       11 |     1.3     33 |   0.71
#   100000    none    |    471    23 |     13    10 |     18      7       6       10 |       -      - |   0.51
#   100000    10/card |              |     47    12 |     13    105      37       14 |    10.5     46 |   1.21
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=NORMAL: median 0.08 ms, mean 1.57 ms, 90th percentile 0.13 ms
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=FULL: median 0.51 ms, mean 0.66 ms, 90th percentile 0.80 ms
# 2026-12-02 12:42, the same machine running fast (load average 0.9 to 1.3), 5a9fc90,
# `SIZES="1000 10000 100000" RUNS=3 QUIZ=target/release/quiz bench/scale.sh`:
#   1000      none    |     11    10 |      6    10 |      4      4       4        9 |       -      - |   0.22
#   1000      10/card |              |      6    10 |      4      4       4       10 |     0.0     11 |   0.25
#   10000     none    |     28    12 |      6    10 |      4      4       3        9 |       -      - |   0.23
#   10000     10/card |              |      7    10 |      4      8       5       11 |     0.4     32 |   0.27
#   100000    none    |    198    23 |      6    10 |      7      4       4       10 |       -      - |   0.22
#   100000    10/card |              |     17    12 |      4     34      14       14 |     4.2     46 |   0.38
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=NORMAL: median 0.02 ms, mean 0.33 ms, 90th percentile 0.03 ms
#   SQLite floor of one answer at 1,000,000 reviews, synchronous=FULL: median 0.16 ms, mean 0.18 ms, 90th percentile 0.19 ms
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
sizes=${SIZES:-1000 10000 100000 1000000}
runs=${RUNS:-3}
per_card=${REVIEWS_PER_CARD:-10}
due_percent=${DUE_PERCENT:-81}
answers=${ANSWERS:-2000}
quiz=$(quiz_binary)
command -v sqlite3 > /dev/null || { echo "bench/scale.sh needs the sqlite3 CLI" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
export HOME="$work/home" QUIZ_DATA_DIR="$work/data" NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC
now_ms=1772355600000
db="$QUIZ_DATA_DIR/quiz.sqlite3"

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
# timed PREPARE COMMAND...: the median wall time in ms of RUNS runs of COMMAND, each after
# PREPARE.
timed() {
  local prepare=$1
  shift
  for _ in $(seq "$runs"); do
    "$prepare"
    ms "$@"
  done | median
}
# peak COMMAND...: the peak resident memory of COMMAND in MiB.
peak() {
  /usr/bin/time -f "%M" -o "$work/peak" "$@" > /dev/null 2>&1 || true
  echo $(( ($(tail -1 "$work/peak") + 1023) / 1024 ))
}
none() { :; }
fresh() { rm -f "$db" "$db-wal" "$db-shm"; }
start() { echo :q | "$quiz" start big; }
answering() { yes x | head -n "$answers" | "$quiz" start big; }
start_peak() { echo :q | peak "$quiz" start big; }
# Answers change the progress: each timed session runs on a copy of the database as it was.
save_db() { sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null; cp "$db" "$work/saved.sqlite3"; }
restore_db() { rm -f "$db-wal" "$db-shm"; cp "$work/saved.sqlite3" "$db"; }
per_answer() {
  save_db
  local quit all
  quit=$(timed restore_db start)
  all=$(timed restore_db answering)
  restore_db
  awk "BEGIN { printf \"%.2f\", ($all - $quit) / $answers }"
}

# history CARDS PATH: REVIEWS_PER_CARD reviews of every card, a few days apart over the
# year before QUIZ_NOW; one card in fifty is missed at nearly every review (a leech).
history() {
  python3 - "$1" "$2" "$per_card" "$now_ms" <<'PY'
import sys
n, path, per, now = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
day = 86_400_000
start = now - 365 * day
with open(path, "w") as f:
    f.write("card_id,review_time,review_rating,review_duration,deck,card,verdict,mode\n")
    for k in range(per):
        for i in range(n):
            at = start + (k * 30 + i % 7) * day + i % 86_400_000
            leech = i % 50 == 0 and k > 0
            rating = 1 if leech else 3
            verdict = "wrong" if rating == 1 else "right"
            # Milliseconds since 1970, as some FSRS sample logs have it.
            f.write(f"{i},{at},{rating},5000,big,c{i},{verdict},review\n")
PY
}

# Wall times on a shared machine move with its load: say what it was.
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores); median of $runs runs"
printf '%-9s %-7s | %6s %5s | %6s %5s | %6s %6s %7s %8s | %7s %6s | %6s\n' \
  cards history "first" MiB start MiB decks stats leeches "read MiB" import MiB answer
printf '%-9s %-7s | %6s %5s | %6s %5s | %6s %6s %7s %8s | %7s %6s | %6s\n' \
  "" "" ms "" ms "" ms ms ms "" s "" ms
for cards in $sizes; do
  rm -rf "$QUIZ_DATA_DIR"
  mkdir -p "$QUIZ_DATA_DIR/decks"
  big_deck "$cards" "$QUIZ_DATA_DIR/decks/big.toml"
  first=$(timed fresh start)
  fresh
  first_mib=$(start_peak)
  for case in none "$per_card/card"; do
    import_s="-" import_mib="-"
    if [ "$case" != none ]; then
      csv="$work/history.csv"
      history "$cards" "$csv"
      fresh
      start > /dev/null
      started=$(date +%s%N)
      "$quiz" history import "$csv" > /dev/null
      ended=$(date +%s%N)
      import_s=$(awk "BEGIN { printf \"%.1f\", ($ended - $started) / 1e9 }")
      save_db
      restore_db
      fresh
      start > /dev/null
      import_mib=$(peak "$quiz" history import "$csv")
      restore_db
      rm -f "$csv"
      # Back after a month: DUE_PERCENT of the cards are due, spread over the month.
      sqlite3 "$db" > /dev/null <<SQL
UPDATE cards SET due = CASE
    WHEN CAST(substr(card, 2) AS INTEGER) % 100 < $due_percent
    THEN $now_ms - (1 + CAST(substr(card, 2) AS INTEGER) % 30) * 86400000
    ELSE $now_ms + (1 + CAST(substr(card, 2) AS INTEGER) % 60) * 86400000 END;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
    fi
    start > /dev/null
    start_ms=$(timed none start)
    start_mib=$(start_peak)
    decks_ms=$(timed none "$quiz" decks)
    stats_ms=$(timed none "$quiz" stats)
    leeches_ms=$(timed none "$quiz" missed --leeches big)
    read_mib=0
    for command in decks stats "missed --leeches big"; do
      # shellcheck disable=SC2086
      mib=$(peak "$quiz" $command)
      [ "$mib" -gt "$read_mib" ] && read_mib=$mib
    done
    answer_ms=$(per_answer)
    printf '%-9s %-7s | %6s %5s | %6s %5s | %6s %6s %7s %8s | %7s %6s | %6s\n' \
      "$cards" "$case" "$first" "$first_mib" "$start_ms" "$start_mib" "$decks_ms" "$stats_ms" \
      "$leeches_ms" "$read_mib" "$import_s" "$import_mib" "$answer_ms"
    if [ "$case" != none ] && [ -n "${OPTIMIZE:-}" ]; then
      # Once, on a copy: a fit replaces the parameters and rebuilds every card's row.
      save_db
      started=$(date +%s%N)
      optimize_mib=$(peak "$quiz" optimize)
      ended=$(date +%s%N)
      restore_db
      printf '%-17s   quiz optimize over the history: %.1f s, %s MiB\n' "" \
        "$(awk "BEGIN { print ($ended - $started) / 1e9 }")" "$optimize_mib"
    fi
    first="" first_mib=""
  done
done
# SQLite's own floor for one answer here: the insert of a review and the upsert of a card
# row into a WAL database of REVIEWS_FLOOR reviews, committed, at each `synchronous` (quiz
# uses FULL; see README, "Where progress is stored").
python3 - "$work/floor.sqlite3" "${REVIEWS_FLOOR:-1000000}" <<'PY'
import sqlite3, sys, time
path, n = sys.argv[1], int(sys.argv[2])
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode = WAL")
db.executescript("""
CREATE TABLE reviews (id INTEGER PRIMARY KEY, reviewed_at INTEGER, deck TEXT, card TEXT,
    rating INTEGER, verdict TEXT, given_answer TEXT, elapsed_ms INTEGER, session INTEGER, mode TEXT);
CREATE INDEX reviews_by_card ON reviews (deck, card, reviewed_at);
CREATE INDEX reviews_by_time ON reviews (reviewed_at);
CREATE INDEX reviews_by_session ON reviews (session);
CREATE INDEX reviews_by_deck_time ON reviews (deck, reviewed_at);
CREATE TABLE cards (deck TEXT, card TEXT, stability REAL, due INTEGER, PRIMARY KEY (deck, card)) WITHOUT ROWID;
""")
db.execute("PRAGMA synchronous = OFF")
db.execute("BEGIN")
db.executemany("INSERT INTO reviews VALUES (NULL, ?, 'big', ?, 3, 'right', 'x', 5000, 1, 'review')",
               ((i, f"c{i % 100000}") for i in range(n)))
db.execute("COMMIT")
for sync in ["NORMAL", "FULL"]:
    db.execute(f"PRAGMA synchronous = {sync}")
    times = []
    for i in range(500):
        started = time.perf_counter()
        db.execute("BEGIN")
        db.execute("INSERT INTO reviews VALUES (NULL, ?, 'big', ?, 3, 'right', 'x', 5000, 1, 'review')",
                   (n + i, f"c{i}"))
        db.execute("INSERT INTO cards VALUES ('big', ?, 3.5, ?) ON CONFLICT (deck, card) DO UPDATE "
                   "SET stability = excluded.stability, due = excluded.due", (f"c{i % 50}", i))
        db.execute("COMMIT")
        times.append(time.perf_counter() - started)
    times.sort()
    mean = sum(times) / len(times)
    print(f"SQLite floor of one answer at {n:,} reviews, synchronous={sync}: median "
          f"{times[250] * 1000:.2f} ms, mean {mean * 1000:.2f} ms, 90th percentile {times[450] * 1000:.2f} ms")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
