#!/usr/bin/env bash
# The study screen through a real pseudo-terminal, in a release build: the time from
# starting `quiz start big` to its first whole frame (the key bar drawn) with a deck of CARDS
# cards (default 100,000) left unchanged since the start before, and the time from the Enter
# of an answer to the verdict on screen. Each figure is the median of RUNS runs (default 9).
# DESIGN's target for the first question is <= 15 ms with unchanged decks; the screen adds
# the alternate screen and one frame to what bench/startup.sh measures in plain mode.
# Usage: bench/screen.sh [CARDS]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
cards=${1:-100000}
runs=${RUNS:-9}
quiz=$(quiz_binary)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/decks"
big_deck "$cards" "$work/decks/big.toml"
export QUIZ_DATA_DIR="$work" NO_COLOR=1 QUIZ_NOW="2026-03-01T09:00:00Z" TZ=UTC
# Index the deck once, so every timed start finds it unchanged.
echo :q | "$quiz" start big > /dev/null

python3 - "$quiz" "$runs" <<'PY'
import os, pty, select, statistics, subprocess, sys, time, fcntl, termios, struct

quiz, runs = sys.argv[1], int(sys.argv[2])

def read_until(fd, needle, seen, deadline):
    while needle not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            raise SystemExit(f"timed out waiting for {needle!r}; got {seen[-400:]!r}")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            seen += os.read(fd, 65536)
    return seen

first, verdict = [], []
for _ in range(runs):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.monotonic()
    proc = subprocess.Popen([quiz, "start", "big"], stdin=slave, stdout=slave, stderr=slave,
                            start_new_session=True)
    os.close(slave)
    # ratatui moves the cursor over blanks, so needles are single words: the key bar
    # ends with "quit", the last cell of the first frame.
    seen = read_until(master, b"quit", b"", start + 10)
    first.append((time.monotonic() - start) * 1000)
    os.write(master, b"answer 0")
    time.sleep(0.2)
    sent = time.monotonic()
    os.write(master, b"\r")
    seen = read_until(master, b"next:", b"", sent + 10)
    verdict.append((time.monotonic() - sent) * 1000)
    time.sleep(0.4)
    os.write(master, b"\x1b")
    proc.wait(timeout=10)
    os.close(master)
print(f"first frame on a pty: median {statistics.median(first):.1f} ms "
      f"(min {min(first):.1f}, max {max(first):.1f}) over {runs} starts")
print(f"Enter to verdict on screen: median {statistics.median(verdict):.1f} ms "
      f"(min {min(verdict):.1f}, max {max(verdict):.1f})")
PY
