//! The parser's tests: reading card by card gives what reading whole gives.

use super::*;

/// The deck and findings of one way of reading: whole, or card by card (`None` when
/// the file cannot be read card by card).
fn read_one_way(source: &str, checks: Checks, by_card: bool) -> Option<Parsed> {
    let mut cards = Vec::new();
    let mut findings = Vec::new();
    let head = if by_card {
        Some(read_by_card(source, checks, &mut cards, &mut findings)?)
    } else {
        read_whole(source, checks, &mut cards, &mut findings)
    };
    let parsed = finish(DeckId("d".into()), Origin::Bundled, checks, head, findings);
    Some(Parsed {
        deck: parsed.deck.map(|deck| Deck { cards, ..deck }),
        findings: parsed.findings,
    })
}

/// Every deck file of the repository and some written for the splitting.
fn corpus() -> Vec<(String, String)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut files = Vec::new();
    for folder in ["tests/broken", "decks", "src/deck"] {
        let mut paths: Vec<_> = std::fs::read_dir(format!("{root}/{folder}"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path.display().to_string(), text));
        }
    }
    let written = [
        // Every kind, deck tags and reverse, ids missing and repeated, questions repeated.
        "title = \"t\"\ntags = [\"deck\"]\nreverse = true\n\n[[cards]]\nid = \"a\"\nquestion = \"The Q?\"\nanswer = \"A\"\ntags = [\"x\"]\n\n  [[cards]]   # indented, with a comment\nquestion = \"q?\"\nanswer = \"B\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Other?\"\nanswer = [\"x\", \"y\"]\n\n[[cards]]\nid = \"c\"\ncloze = \"In {{1956}} the {{speech}}.\"\n\n[[cards]]\nid = \"t\"\nquestion = \"True?\"\nanswer = true\n\n[[cards]]\nid = \"m\"\nquestion = \"Pick\"\nanswer = \"b\"\nchoices = [\"a\", \"b\"]\nreverse = false\n",
        // A `[[cards]]` line inside a multi-line string: not a header.
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nexplain = \"\"\"\n[[cards]]\nid = \"a\"\n\"\"\"\n\n[[cards]]\nid = \"b\"\nquestion = \"R?\"\nanswer = \"B\"\n",
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nexplain = \'\'\'\n[[cards]]\n\'\'\'\n",
        // CRLF line ends, errors in several cards.
        "title = \"crlf\"\r\n\r\n[[cards]]\r\nid = \"a b\"\r\nquestion = \"Q?\"\r\nanswer = 1\r\n\r\n[[cards]]\r\nid = \"b\"\r\nquestoin = \"Q?\"\r\nanswer = \"A\"\r\n",
        // A card table with a sub-table, a key for `cards` at the top, and other tables.
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n[cards.extra]\nx = 1\n",
        "cards = []\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
        "title = \"t\"\n[meta]\nx = 1\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
        // No cards at all, and an empty file.
        "title = \"empty\"\n",
        "",
        // A TOML error in the last card only.
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n\n[[cards]]\nid = \"b\"\nquestion = \"Q?\nanswer = \"A\"\n",
    ];
    for (index, text) in written.iter().enumerate() {
        files.push((format!("written #{index}"), (*text).to_string()));
    }
    files
}

#[test]
fn reading_card_by_card_gives_what_reading_whole_gives() {
    let mut by_card = 0;
    for (name, text) in corpus() {
        for checks in [Checks::All, Checks::Errors] {
            let whole = read_one_way(&text, checks, false).unwrap();
            if let Some(split) = read_one_way(&text, checks, true) {
                assert_eq!(split.deck, whole.deck, "{name}");
                assert_eq!(split.findings, whole.findings, "{name}");
                by_card += 1;
            }
            let mut cards = Vec::new();
            let parsed = read_deck(
                DeckId("d".into()),
                &text,
                Origin::Bundled,
                checks,
                &mut cards,
            );
            let parsed = Parsed {
                deck: parsed.deck.map(|deck| Deck { cards, ..deck }),
                findings: parsed.findings,
            };
            assert_eq!(parsed.deck, whole.deck, "{name}");
            assert_eq!(parsed.findings, whole.findings, "{name}");
        }
    }
    assert!(by_card > 50, "only {by_card} files were read card by card");
}

#[test]
fn only_plain_card_tables_are_read_card_by_card() {
    let corpus = corpus();
    let split = |name: &str| {
        let (_, text) = corpus.iter().find(|(n, _)| n == name).unwrap();
        read_one_way(text, Checks::All, true).is_some()
    };
    assert!(split("written #0"));
    assert!(split("written #3"));
    assert!(split("written #7"));
    for name in [
        "written #1",
        "written #2",
        "written #4",
        "written #5",
        "written #6",
        "written #9",
    ] {
        assert!(!split(name), "{name}");
    }
}

#[test]
fn checking_errors_only_gives_the_same_deck_and_errors() {
    for (name, text) in corpus() {
        let all = parse_deck_with(DeckId("d".into()), &text, Origin::Bundled, Checks::All);
        let errors = parse_deck_with(DeckId("d".into()), &text, Origin::Bundled, Checks::Errors);
        assert_eq!(errors.deck, all.deck, "{name}");
        let all_errors: Vec<_> = all.findings.into_iter().filter(Finding::is_error).collect();
        assert_eq!(errors.findings, all_errors, "{name}");
    }
}
