#!/usr/bin/env python3
"""Tallies a teacher's hand grades of `quiz derive` drafts (tests/derive/wild/GRADES.md).

Usage: bench/derive-grades.py GRADES_BLOCK DRAFT_DIR
GRADES_BLOCK holds `[document]` headers and one `card letters` line a card, one letter a gap
(g good, w weak, b bad; a question card has one letter). DRAFT_DIR holds `document.toml`, the
draft graded; the script checks that every card and gap has its grade, then prints the figures.
"""
import re, sys, tomllib
from pathlib import Path

def gaps(card):
    if "cloze" in card:
        return len(re.findall(r"\{\{", card["cloze"]))
    return 1

grades, doc = {}, None
for line in Path(sys.argv[1]).read_text().splitlines():
    line = line.strip()
    if line.startswith("["):
        doc = line.strip("[]"); grades[doc] = {}
    elif line and not line.startswith("#"):
        n, letters = line.split()[:2]
        grades[doc][int(n)] = letters
total = {"g": 0, "w": 0, "b": 0}
print(f"{'document':34} {'cards':>5} {'good':>6} {'weak':>6} {'bad':>6}")
for doc, cards in grades.items():
    draft = tomllib.loads((Path(sys.argv[2]) / f"{doc}.toml").read_text())["cards"]
    assert len(draft) == len(cards), f"{doc}: {len(draft)} cards drafted, {len(cards)} graded"
    count = {"g": 0, "w": 0, "b": 0}
    for i, card in enumerate(draft):
        assert len(cards[i]) == gaps(card), f"{doc} card {i}: {gaps(card)} gaps, graded {cards[i]}"
        for c in cards[i]:
            count[c] += 1
    n = sum(count.values())
    for k in total: total[k] += count[k]
    print(f"{doc:34} {n:>5} " + " ".join(f"{count[k]*100/n:5.1f}%" for k in "gwb"))
n = sum(total.values())
print(f"{'all':34} {n:>5} " + " ".join(f"{total[k]*100/n:5.1f}%" for k in "gwb"))
