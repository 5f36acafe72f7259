#!/usr/bin/env bash
# Imports an Anki package of NOTES basic notes (one card each) and REVIEWS revlog rows, and
# prints the wall time and peak memory of `quiz import`, without and with its history
# (DESIGN: 1,000,000 reviews in ≤ 5 s and ≤ 100 MiB). The history goes through the path
# `quiz history import` takes (append, then replay every card), which costs the same for
# the same reviews given as CSV. The package is a schema-11 collection.anki2 built here with Python's
# sqlite3, using the note types quiz's own export writes. On a loaded machine compare the CPU
# time (user + system) as well as the wall time.
#   bench/anki_import.sh [NOTES] [REVIEWS]      (defaults 10000 1000000)
# Figures (2026-12-02, 2 cores shared, load average 3.5; c284dc2, release build): with its
# history 5.92 s wall, 4.14 s CPU (3.17 user + 0.97 system), 52 MiB peak; --no-history
# 0.29 s, 34 MiB. The build before (a899406), at load 5: 28.73 s wall, 6.80 s CPU, 78 MiB.
# 2026-12-02 12:35 (idle 2 cores), `QUIZ=target/release/quiz bench/anki_import.sh 100000 1000000`:
# d7afd83 261 MiB peak either way (5.26 s with the history, 1.03 s without), every note held
# as a toml_edit table until the deck was written; 5a9fc90 (cards kept as checked text,
# counted as parsed) 92 MiB, 5.21 s with the history, 0.74 s without; the same deck file.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
notes=${1:-10000}
reviews=${2:-1000000}
quiz=$(quiz_binary)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$notes" "$reviews" "$work/big.apkg" <<'PY'
import json, sqlite3, sys, zipfile, os
notes, reviews, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
models = open("src/interchange/anki_package/notetypes.json").read()
db_path = out + ".db"
db = sqlite3.connect(db_path)
db.executescript("""
CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer,
  dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer,
  tags text, flds text, sfld text, csum integer, flags integer, data text);
CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer,
  usn integer, type integer, queue integer, due integer, ivl integer, factor integer,
  reps integer, lapses integer, left integer, odue integer, odid integer, flags integer, data text);
CREATE TABLE revlog (id integer primary key, cid integer, usn integer, ease integer, ivl integer,
  lastIvl integer, factor integer, time integer, type integer);
""")
decks = {"1": {"id": 1, "name": "Default"}, "2": {"id": 2, "name": "Big::Deck"}}
db.execute("INSERT INTO col VALUES (1,0,0,0,11,0,0,0,'{}',?,?,'{}','{}')", (models, json.dumps(decks)))
db.executemany("INSERT INTO notes VALUES (?,?,1700000000001,0,0,'',?,'',0,0,'')",
    ((i + 1, f"g{i}", f"Question {i}?\x1fanswer {i}") for i in range(notes)))
db.executemany("INSERT INTO cards VALUES (?,?,2,0,0,0,2,2,0,1,2500,0,0,0,0,0,0,'')",
    ((i + 1, i + 1) for i in range(notes)))
start = 1_600_000_000_000
db.executemany("INSERT INTO revlog VALUES (?,?,0,?,1,1,2500,5000,1)",
    ((start + i * 60_000, 1 + i % notes, 1 + i % 4) for i in range(reviews)))
db.commit()
db.close()
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.write(db_path, "collection.anki2")
    z.writestr("media", "{}")
os.remove(db_path)
PY
echo "package: $(du -h "$work/big.apkg" | cut -f1), $notes notes, $reviews reviews"
for flags in --no-history ""; do
/usr/bin/time -f "quiz import $flags: %e s wall, %U s user + %S s system CPU, %M KiB peak" env QUIZ_DATA_DIR="$work/data$flags" HOME="$work" \
  "$quiz" import $flags "$work/big.apkg" > /dev/null
done
