#!/usr/bin/env python3
"""How good each kind of gap `quiz derive` drafts is, from the teacher's hand grades
(tests/derive/wild/graded/*/grades.txt, one letter a gap: g good, w weak, b bad).

Every graded gap (a cloze's `{{…}}`, or a question card's answer) is put in one kind by its
shape alone — a date, a year, an amount of money, a number with a unit, a capitalised run of
one, two or more words … — and each kind's share of good, weak and bad gaps is printed, over
the drafts of documents seen for the first time (the sets drafted once, before any change
made for them) and over every graded draft. A kind whose bad share stays high on unseen
documents is one to leave out or narrow: one rule per finding has not brought the bad share
of unseen documents under 19 % (issue 15), so this asks which kinds the bad gaps come from.

Usage: bench/derive-kinds.py [GRADED_DIR]   (default tests/derive/wild/graded)
       bench/derive-kinds.py --examples KIND [GRADED_DIR]   the bad and weak gaps of a kind
       bench/derive-kinds.py --drop "KIND,KIND" [GRADED_DIR]  each graded draft's bad share,
           and the share of its good gaps kept, were those kinds never drafted
"""
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

# Drafted once by code that had never seen the documents (see each grades.txt's header).
UNSEEN = {"before", "heldout", "fresh", "fourth-before", "sealed"}

MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
NUMBER_WORDS = (r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                r"thirty|forty|fifty|hundred|thousand|million|billion|dozen|half)")
ORDINAL_WORDS = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                 r"last|final)")

KINDS = [
    ("date", rf"(?i)^(?:\d{{1,2}} {MONTHS}(?: \d{{4}})?|{MONTHS} \d{{1,2}}(?:, \d{{4}})?|"
             rf"\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})$"),
    ("month and year", rf"(?i)^{MONTHS} \d{{4}}$"),
    ("year", r"^(?:1[0-9]|20)\d\d$"),
    ("year range or decade", r"^(?:1[0-9]|20)\d\d(?:s|\s*[-–—]\s*(?:\d\d){1,2}| to (?:\d\d){1,2})$"),
    ("clock time", r"(?i)^\d{1,2}[:.]\d\d(?:\s*(?:a\.?m\.?|p\.?m\.?|UTC|GMT|[A-Z]{2,4}))?$"),
    ("money", r"(?i)^(?:[$£€¥]|US\$|A\$|NZ\$)\s?\d|^\d[\d,.]*\s?(?:m|bn|million|billion)?\s?"
              r"(?:dollars|pounds|euros|yen|USD|EUR|GBP)\b"),
    ("percentage", r"(?i)^\d[\d,.]*\s?(?:%|per ?cent|percentage points?)$"),
    ("number with unit", r"^\d[\d,.]*(?:\s?[-–]\s?\d[\d,.]*)?\s?[A-Za-zµ°²³/]+(?:\s*\(.*\))?$"),
    ("bare number", r"^\d[\d,.]*$"),
    ("number range", r"^\d[\d,.]*\s*(?:[-–—]|to)\s*\d[\d,.]*$"),
    ("number word", rf"(?i)^(?:{NUMBER_WORDS}[- ]?)+(?:\s\w+)?$"),
    ("ordinal", rf"(?i)^(?:\d+(?:st|nd|rd|th)|{ORDINAL_WORDS})(?:\s\w+)?$"),
    ("quoted or lower-case term", r"^[a-z][^A-Z]*$"),
    ("acronym", r"^[A-Z][A-Z0-9&.\-]{1,9}s?$"),
    ("capitalised word", r"^[A-Z][\w'’.\-]*$"),
    ("capitalised pair", r"^[A-Z][\w'’.\-]* [A-Z][\w'’.\-]*$"),
    ("name with initial", r"^[A-Z][\w'’\-]* (?:[A-Z]\. ?)+[A-Z][\w'’\-]*$"),
    ("capitalised run (3+ words)", r"^[A-Z][\w'’.\-]*(?: (?:[A-Z][\w'’.\-]*|of|the|and|for|in|on|de|von|van|al|la|&))+$"),
]


def kind_of(gap):
    gap = gap.strip()
    for name, pattern in KINDS:
        if re.search(pattern, gap):
            return name
    if re.search(r"\d", gap):
        return "other with digits"
    return "other words"


def graded_gaps(directory):
    """(document, gap text, letter) of every graded gap in one graded directory."""
    grades, doc = {}, None
    for line in (directory / "grades.txt").read_text().splitlines():
        line = line.strip()
        if line.startswith("["):
            doc = line.strip("[]")
            grades[doc] = {}
        elif line and not line.startswith("#"):
            number, letters = line.split()[:2]
            grades[doc][int(number)] = letters
    for doc, cards in grades.items():
        draft = tomllib.loads((directory / f"{doc}.toml").read_text())["cards"]
        for index, card in enumerate(draft):
            if "cloze" in card:
                texts = re.findall(r"\{\{(.*?)\}\}", card["cloze"])
            else:
                texts = [card["answer"]]
            letters = cards[index]
            assert len(texts) == len(letters), f"{directory.name}/{doc} card {index}"
            for text, letter in zip(texts, letters):
                yield doc, text, letter


def simulate_drop(root, dropped):
    print(f"{'graded draft':16} {'gaps':>5} {'bad':>6}   {'kept':>5} {'bad':>6} {'good kept':>9}")
    for directory in sorted(p for p in root.iterdir() if (p / "grades.txt").exists()):
        letters = [(kind_of(text), letter) for _, text, letter in graded_gaps(directory)]
        kept = [letter for kind, letter in letters if kind not in dropped]
        good = sum(1 for _, letter in letters if letter == "g")
        bad = sum(1 for _, letter in letters if letter == "b")
        mark = " (unseen)" if directory.name in UNSEEN else ""
        print(f"{directory.name:16} {len(letters):>5} {bad * 100 / len(letters):5.1f}%   "
              f"{len(kept):>5} {kept.count('b') * 100 / max(len(kept), 1):5.1f}% "
              f"{kept.count('g') * 100 / max(good, 1):8.1f}%{mark}")


def main(argv):
    examples = None
    if argv[:1] == ["--examples"]:
        examples, argv = argv[1], argv[2:]
    if argv[:1] == ["--drop"]:
        dropped = {kind.strip() for kind in argv[1].split(",")}
        unknown = dropped - {name for name, _ in KINDS} - {"other with digits", "other words"}
        if unknown:
            sys.exit(f"derive-kinds: no kind {', '.join(sorted(unknown))}")
        simulate_drop(Path(argv[2] if len(argv) > 2 else "tests/derive/wild/graded"), dropped)
        return
    root = Path(argv[0] if argv else "tests/derive/wild/graded")
    tallies = {"unseen": defaultdict(lambda: {"g": 0, "w": 0, "b": 0}),
               "all": defaultdict(lambda: {"g": 0, "w": 0, "b": 0})}
    for directory in sorted(p for p in root.iterdir() if (p / "grades.txt").exists()):
        for doc, text, letter in graded_gaps(directory):
            kind = kind_of(text)
            if examples == kind and letter in "bw" and directory.name in UNSEEN:
                print(f"{letter} {directory.name}/{doc}: {text}")
            tallies["all"][kind][letter] += 1
            if directory.name in UNSEEN:
                tallies["unseen"][kind][letter] += 1
    if examples:
        return
    for scope in ("unseen", "all"):
        rows = tallies[scope]
        total = {k: sum(r[k] for r in rows.values()) for k in "gwb"}
        n = sum(total.values())
        print(f"{scope} drafts: {n} gaps, {total['b'] * 100 / n:.1f} % bad")
        print(f"  {'kind':28} {'gaps':>5} {'good':>6} {'weak':>6} {'bad':>6} {'of all bad':>10}")
        for kind, count in sorted(rows.items(), key=lambda kv: -kv[1]["b"]):
            m = sum(count.values())
            print(f"  {kind:28} {m:>5} " + " ".join(f"{count[k] * 100 / m:5.1f}%" for k in "gwb")
                  + f" {count['b'] * 100 / max(total['b'], 1):9.1f}%")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
