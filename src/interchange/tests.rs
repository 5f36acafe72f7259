//! Import and export end to end: real exports from Anki and Quizlet (tests/fixtures/import),
//! detection, ids, and the round trip from a deck with every kind back to the same cards.

use super::deck_file::id_problem;
use super::*;
use crate::deck::parse::{Parsed, parse_deck};
use crate::deck::{Card, Deck, DeckId, Origin};
use crate::judge::Expected;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

fn parse(toml: &str) -> Parsed {
    parse_deck(DeckId("imported".into()), toml, Origin::Bundled)
}

/// The deck an import wrote, which must load without a single error.
#[track_caller]
fn load(imported: &Imported) -> Deck {
    let parsed = parse(&imported.toml);
    let errors: Vec<_> = parsed.findings.iter().filter(|f| f.is_error()).collect();
    assert!(errors.is_empty(), "errors: {errors:#?}\n{}", imported.toml);
    parsed.deck.unwrap()
}

/// `(id, kind, question, answer, tags)` of every card.
fn summary(deck: &Deck) -> Vec<(String, &'static str, String, String, Vec<String>)> {
    deck.cards
        .iter()
        .map(|c| {
            (
                c.id.0.clone(),
                c.kind.name(),
                c.question.to_string(),
                c.answer_text(),
                c.tags.to_vec(),
            )
        })
        .collect()
}

fn card(
    id: &str,
    kind: &'static str,
    question: &str,
    answer: &str,
    tags: &[&str],
) -> (String, &'static str, String, String, Vec<String>) {
    (
        id.to_string(),
        kind,
        question.to_string(),
        answer.to_string(),
        tags.iter().map(|t| t.to_string()).collect(),
    )
}

fn skipped(imported: &Imported) -> Vec<(usize, &str)> {
    imported
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.as_str()))
        .collect()
}

fn import_as(text: &str, source: Option<Source>) -> Imported {
    import(
        text,
        &ImportOptions {
            source,
            ..ImportOptions::default()
        },
    )
}

// -----------------------------------------------------------------------
// Fixtures

/// Anki's guid column is the id (issue 13), its `#`, `~` and `%` escaped.
#[test]
fn anki_export_with_headers() {
    let text = fixture("anki-notes.txt");
    assert_eq!(detect(&text), Source::Anki);
    let imported = import(
        &text,
        &ImportOptions {
            title: "Soviet History".into(),
            source_note: "imported from anki-notes.txt".into(),
            ..ImportOptions::default()
        },
    );
    assert_eq!(imported.source, Source::Anki);
    let deck = load(&imported);
    assert_eq!(deck.title, "Soviet History");
    assert_eq!(deck.source.as_deref(), Some("imported from anki-notes.txt"));
    assert_eq!(
        summary(&deck),
        vec![
            card(
                "Gx1%23aB%7Ec9",
                "text",
                "Who delivered the Secret Speech?",
                "Nikita Khrushchev",
                &["history", "people"],
            ),
            card(
                "Hq2$kL0pQ",
                "text",
                "How is Khrushchev written in Russian?",
                "Хрущёв",
                &["russian"],
            ),
            card(
                "Jr3%25mN1xR",
                "text",
                "Which two things did the speech denounce?",
                "Mass repressions\nand the cult of personality",
                &["history"],
            ),
            card(
                "Ks4^oP2yS#1",
                "cloze",
                "The Secret Speech was delivered in [...].",
                "1956",
                &["history", "cloze"],
            ),
            card(
                "Lt5&qR3zT#1",
                "cloze",
                "[who] spoke to the 20th Congress in Moscow.",
                "Khrushchev",
                &["cloze"],
            ),
            card(
                "Lt5&qR3zT#2",
                "cloze",
                "Khrushchev spoke to the [...] in Moscow.",
                "20th Congress",
                &["cloze"],
            ),
            card(
                "Mu6*sT4aU",
                "text",
                "What is the German word for street?",
                "Straße",
                &[],
            ),
            card(
                "Px9-yZ7dA",
                "text",
                "<Speech> is called \"On the Cult\" & 'its consequences'?",
                "On the Cult of Personality and Its Consequences — A",
                &["history"],
            ),
        ]
    );
    // The cloze note's "Back Extra" is shown after answering; hints stay per gap.
    assert_eq!(
        deck.cards[4].explain.as_deref(),
        Some("It was a closed session.")
    );
    assert_eq!(deck.cards[4].hint.as_deref(), Some("who"));
    assert_eq!(deck.cards[3].explain, None);
    assert_eq!(imported.cards, 7);
    assert_eq!(
        skipped(&imported),
        vec![(14, "missing answer"), (15, "unbalanced cloze braces")]
    );
}

#[test]
fn anki_export_with_semicolons_bom_and_crlf() {
    let text = fixture("anki-semicolon.txt");
    assert!(text.starts_with('\u{feff}') && text.contains("\r\n"));
    assert_eq!(detect(&text), Source::Anki);
    let imported = import(&text, &ImportOptions::default());
    let deck = load(&imported);
    assert_eq!(deck.title, "German Basics");
    assert_eq!(deck.tags, vec!["german"]);
    assert_eq!(
        summary(&deck),
        vec![
            card(
                "der-hund",
                "text",
                "der Hund",
                "the dog",
                &["animals", "german"]
            ),
            card(
                "die-strasse-the-road",
                "text",
                "die Straße; the road",
                "the street \"Straße\"",
                &["german"],
            ),
            card(
                "guten-tag",
                "text",
                "Guten Tag",
                "good day\nhello",
                &["greetings", "phrases", "german"],
            ),
            card("das-haus", "text", "das Haus", "the house", &["german"]),
        ]
    );
    assert_eq!(skipped(&imported), vec![(12, "only one field: no answer")]);
}

#[test]
fn quizlet_export_with_tabs_and_newlines() {
    let text = fixture("quizlet-tab.txt");
    assert_eq!(detect(&text), Source::Quizlet);
    let imported = import(&text, &ImportOptions::default());
    assert_eq!(imported.source, Source::Quizlet);
    let deck = load(&imported);
    assert_eq!(
        summary(&deck),
        vec![
            card(
                "glasnost",
                "text",
                "Glasnost",
                "Openness; a policy of transparency",
                &[],
            ),
            card("perestroika", "text", "Perestroika", "Restructuring", &[]),
            card(
                "gulag",
                "text",
                "Gulag",
                "The Soviet forced-labour camp system",
                &[],
            ),
        ]
    );
    assert_eq!(
        skipped(&imported),
        vec![
            (4, "missing answer"),
            (5, "only one field: no tab between term and definition"),
        ]
    );
}

#[test]
fn quizlet_export_with_custom_separators() {
    let text = fixture("quizlet-custom.txt");
    let imported = import(
        &text,
        &ImportOptions {
            source: Some(Source::Quizlet),
            term_separator: Some(" - ".into()),
            card_separator: Some(";".into()),
            ..ImportOptions::default()
        },
    );
    let deck = load(&imported);
    assert_eq!(
        summary(&deck),
        vec![
            card(
                "khrushchev",
                "text",
                "Khrushchev",
                "First Secretary, 1953-1964",
                &[],
            ),
            card("malenkov", "text", "Malenkov", "Premier after Stalin", &[]),
            card("beria", "text", "Beria", "Head of the secret police", &[]),
            card(
                "zhukov",
                "text",
                "Zhukov",
                "Marshal of the Soviet Union",
                &[]
            ),
        ]
    );
    assert_eq!(
        skipped(&imported),
        vec![
            (2, "only one field: no ` - ` between term and definition"),
            (3, "missing question"),
        ]
    );
    // Detection sees no tab and no header: a comma-separated Quizlet file.
    assert_eq!(detect(&text), Source::Quizlet);
}

#[test]
fn csv_with_header_and_list_columns() {
    let text = fixture("cards.csv");
    assert_eq!(detect(&text), Source::Csv);
    let imported = import(&text, &ImportOptions::default());
    let deck = load(&imported);
    assert_eq!(
        summary(&deck),
        vec![
            card(
                "speech-date",
                "text",
                "On what date did Khrushchev deliver the Secret Speech?",
                "25 February 1956",
                &["history", "dates"],
            ),
            card(
                "which-congress-heard-the-speech",
                "choice",
                "Which congress heard the speech?",
                "20th Congress",
                &["history"],
            ),
            card(
                "published",
                "truefalse",
                "The speech was published in the Soviet Union at the time.",
                "False",
                &[],
            ),
            card(
                "name-two-things-de-stalinization-brought",
                "several",
                "Name two things de-Stalinization brought.",
                "release of political prisoners, relaxed censorship",
                &[],
            ),
            card(
                "thaw#1",
                "cloze",
                "The speech began the [...] in 1956.",
                "Khrushchev Thaw",
                &["history", "cloze"],
            ),
            card(
                "thaw#2",
                "cloze",
                "The speech began the Khrushchev Thaw in [year].",
                "1956",
                &["history", "cloze"],
            ),
            card(
                "who-succeeded-stalin-as-first-secretary",
                "text",
                "Who succeeded Stalin as First Secretary?",
                "Khrushchev",
                &["people"],
            ),
        ]
    );
    let cards = &deck.cards;
    assert_eq!(
        cards[0].expected,
        Expected::Text {
            answer: "25 February 1956".into(),
            accept: vec!["February 25 1956".into(), "25.02.1956".into()].into(),
        }
    );
    assert_eq!(
        cards[0].explain.as_deref(),
        Some("Delivered to a closed session,\nafter midnight.")
    );
    assert_eq!(
        cards[1].expected,
        Expected::Choice {
            choices: vec![
                "19th Congress".into(),
                "20th Congress".into(),
                "21st Congress".into()
            ],
            answer: 1,
        }
    );
    assert_eq!(cards[2].explain.as_deref(), Some("Not until 1989."));
    assert_eq!(cards[6].hint.as_deref(), Some("Not Malenkov"));
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
}

#[test]
fn csv_bad_rows_are_skipped_with_their_lines() {
    let text = fixture("bad-rows.csv");
    let imported = import(&text, &ImportOptions::default());
    assert_eq!(imported.source, Source::Csv);
    let deck = load(&imported);
    assert_eq!(
        summary(&deck),
        vec![
            card(
                "what-year-did-stalin-die",
                "text",
                "What year did Stalin die?",
                "1953",
                &[],
            ),
            card(
                "capital",
                "text",
                "What is the Soviet capital?",
                "Moscow",
                &[],
            ),
            card(
                "who-wrote-the-speech",
                "text",
                "Who wrote the speech?",
                "Khrushchev and his aides",
                &[],
            ),
        ]
    );
    assert_eq!(
        skipped(&imported),
        vec![
            (3, "missing question"),
            (4, "missing answer"),
            (5, "only one field: no answer"),
            (
                6,
                "a true/false card needs the answer true or false, not `maybe`"
            ),
            (7, "the answer `Kiev` is not one of the choices"),
            (8, "unbalanced cloze braces"),
            (10, "duplicate id `capital` (first used on line 9)"),
            (
                11,
                "id `has space` contains ' '; ids have no spaces, `#` or `~`"
            ),
            (
                12,
                "unknown kind `shape`; kinds are text, choice, truefalse, several, cloze"
            ),
            (13, "a quoted field is never closed"),
        ]
    );
}

// -----------------------------------------------------------------------
// Detection, ids, details

#[test]
fn detects_the_source() {
    assert_eq!(detect("#separator:tab\na\tb\n"), Source::Anki);
    assert_eq!(detect("#html:true\na\tb\n"), Source::Anki);
    assert_eq!(detect("\u{feff}#separator:comma\r\na,b\r\n"), Source::Anki);
    assert_eq!(detect("A {{c1::cloze}}\textra\n"), Source::Anki);
    assert_eq!(detect("Question,Answer\nq,a\n"), Source::Csv);
    assert_eq!(detect("\"question\";\"answer\"\nq;a\n"), Source::Csv);
    assert_eq!(detect("question,answer\n\"{{c1::x}} y\",\n"), Source::Csv);
    assert_eq!(detect("term\tdefinition\n"), Source::Quizlet);
    assert_eq!(detect("term,definition\n"), Source::Quizlet);
    assert_eq!(detect("#1 hit\tsong\n"), Source::Quizlet);
    assert_eq!(detect(""), Source::Quizlet);
}

#[test]
fn comma_quizlet_and_headerless_anki() {
    let imported = import_as("Glasnost,openness\nThaw,the 1950s relaxation\n", None);
    assert_eq!(imported.source, Source::Quizlet);
    let deck = load(&imported);
    assert_eq!(deck.cards[1].answer_text(), "the 1950s relaxation");

    // An Anki file without headers: tab-separated, cloze by its markers.
    let imported = import_as(
        "In {{c1::1956}} he spoke.\tBack extra\ttag1\nPlain\tcard\n",
        Some(Source::Anki),
    );
    let deck = load(&imported);
    assert_eq!(deck.cards[0].question, "In [...] he spoke.");
    assert_eq!(deck.cards[0].explain.as_deref(), Some("Back extra"));
    assert_eq!(deck.cards[1].answer_text(), "card");
}

#[test]
fn ids_are_slugs_made_unique() {
    let imported = import_as(
        "question,answer,id\nSame?,a,\nSame?,b,\nOther,c,same\nSame?,d,same-2\n\"!!!\",e,\n",
        None,
    );
    let deck = load(&imported);
    let ids: Vec<&str> = deck.cards.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(ids, vec!["same-3", "same-4", "same", "same-2", "card"]);
    for id in ids {
        assert!(id_problem(id).is_none());
    }
}

#[test]
fn own_column_names_win_over_anki_names() {
    let imported = import_as("text,question,answer,back\nt,q,a,b\n", Some(Source::Csv));
    let deck = load(&imported);
    assert_eq!(deck.cards[0].question, "q");
    assert_eq!(deck.cards[0].answer_text(), "a");
    let imported = import_as("Front,Back\nq,a\n", Some(Source::Csv));
    assert_eq!(load(&imported).cards[0].answer_text(), "a");
}

#[test]
fn a_header_without_question_imports_nothing() {
    let imported = import_as("word,meaning\na,b\n", Some(Source::Csv));
    assert_eq!(imported.cards, 0);
    assert_eq!(imported.skipped.len(), 1);
    assert_eq!(imported.skipped[0].line, 1);
    load(&imported);
}

#[test]
fn never_panics_and_always_loads() {
    let nasty = [
        "",
        "\u{feff}",
        "\"",
        "\"\"",
        "\n\n\n",
        "\t\t\t",
        "{{c1::",
        "{{c1::}}\t",
        "{{c1::a}}}}\tb",
        "#separator:",
        "#separator:tab\n#tags column:0\n#guid column:99\na\tb",
        "#columns:\n\"a\tb",
        "question,answer\n\"a\"x\"y,\"b",
        "question,answer,kind\nq,,several\nq,a|a,several\nq,x,choice",
        "question,answer,choices\nq,a,a|A|b\nq,a,a",
        "a\rb\tc\r",
        "<\t&\n&#xFFFFFFFF;\t&#55296;\n<b\tb>",
        "a - b - c;;;;",
        "é\tü\nß",
        "id,question,answer\n#x,a,b\n~,c,d\na\u{0}b,e,f",
        "question,answer,explain\n\"\u{1b}[31m\",\"\u{0}\",\"\"\"\"\"\"\"\"\n",
    ];
    for text in nasty {
        for source in [
            None,
            Some(Source::Anki),
            Some(Source::Quizlet),
            Some(Source::Csv),
        ] {
            for (term, card) in [
                (None, None),
                (Some(" - "), Some(";")),
                (Some("\""), Some("")),
            ] {
                let imported = import(
                    text,
                    &ImportOptions {
                        source,
                        term_separator: term.map(String::from),
                        card_separator: card.map(String::from),
                        title: "T \"x\"\n".into(),
                        source_note: "s".into(),
                    },
                );
                load(&imported);
            }
        }
    }
}

// -----------------------------------------------------------------------
// Export and the round trip

const EVERY_KIND: &str = r##"
title = "Round trip"
tags = ["deck-tag"]

[[cards]]
id = "speech-date"
question = "On what date did Khrushchev deliver the Secret Speech?"
answer = "February 25, 1956"
accept = ["25 February 1956", "a|b \\ c"]
explain = "Shown after answering.\nSecond line, with a\ttab and \"quotes\"; semicolons."
hint = "late February"
tags = ["history", "dates"]

[[cards]]
id = "congress"
question = "#1 Which congress heard the speech?"
answer = "21st | Congress"
choices = ["19th Congress", "20th Congress", "21st | Congress"]

[[cards]]
id = "published"
question = "  The speech was published, in the USSR, at the time.  "
answer = false
explain = "Not until 1989."

[[cards]]
id = "releases"
question = "Name two things de-Stalinization brought."
answer = ["release of political prisoners", "relaxed censorship"]
hint = "think of prisons and books"
tags = ["deck-tag", "first"]

[[cards]]
id = "thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}, said [...] Хрущёв."
accept = ["the Thaw"]
explain = "Ehrenburg's novel named it."
hint = "a season"
tags = ["cloze"]

[[cards]]
id = "single"
cloze = "{{Straße}} is German."

[[cards]]
id = "hinted"
cloze = "{{a::first}} and {{b::second}} and {{a::first}}"
hint = "never shown"

[[cards]]
id = "Straße-ü"
question = "Text with {{braces}} and {{c1::fake}} and <b>no html</b> &amp;"
answer = "literal"
accept = ["true"]

[[cards]]
id = "tf-true"
question = "Is it true?"
answer = true

[[cards]]
id = "capital"
question = "Capital of France?"
answer = "Paris"
reverse = true
"##;

fn every_kind() -> Deck {
    let parsed = parse(EVERY_KIND);
    assert!(
        parsed.findings.iter().all(|f| !f.is_error()),
        "{:#?}",
        parsed.findings
    );
    parsed.deck.unwrap()
}

/// A card as the round trip must keep it (the line it sits on may change).
fn comparable(card: &Card) -> Card {
    Card {
        line: 0,
        ..card.clone()
    }
}

#[track_caller]
fn round_trip(format: ExportFormat) -> (Deck, Deck, String) {
    let deck = every_kind();
    let text = export(&deck, format);
    let imported = import(&text, &ImportOptions::default());
    assert!(
        imported.skipped.is_empty(),
        "{:?}\n{text}",
        imported.skipped
    );
    assert_eq!(imported.cards, 10);
    let back = load(&imported);
    let before: Vec<Card> = deck.cards.iter().map(comparable).collect();
    let after: Vec<Card> = back.cards.iter().map(comparable).collect();
    assert_eq!(before.len(), after.len(), "{text}");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b, a, "\n{text}\n{}", imported.toml);
    }
    (deck, back, text)
}

#[test]
fn tsv_round_trip_keeps_every_card() {
    let (deck, back, text) = round_trip(ExportFormat::Tsv);
    assert_eq!(detect(&text), Source::Anki);
    assert_eq!(back.title, deck.title);
    assert!(text.starts_with(
        "#separator:tab\n#html:false\n#deck:Round trip\n\
         #columns:question\tanswer\taccept\tchoices\texplain\thint\ttags\tid\tkind\treverse\n\
         #tags column:7\n"
    ));
    // Cloze notes go out in Anki's form, one row each, with explain as "Back Extra".
    assert!(text.contains(
        "The speech began the {{c1::Khrushchev Thaw}} in {{c2::1956::year}}, \
         said [...] Хрущёв.\tEhrenburg's novel named it.\tthe Thaw\t\t\
         Ehrenburg's novel named it.\ta season\tcloze deck-tag\tthaw\tcloze\t\n"
    ));
    assert!(text.contains("\"#1 Which congress heard the speech?\"\t"));
}

#[test]
fn csv_round_trip_keeps_every_card() {
    let (_, _, text) = round_trip(ExportFormat::Csv);
    assert_eq!(detect(&text), Source::Csv);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "question,answer,accept,choices,explain,hint,tags,id,kind,reverse"
    );
    assert!(text.contains(
        "\"The speech began the {{Khrushchev Thaw}} in {{1956::year}}, said [...] Хрущёв.\",,\
         the Thaw,,Ehrenburg's novel named it.,a season,cloze|deck-tag,thaw,cloze,\n"
    ));
    assert!(text.contains(
        "Name two things de-Stalinization brought.,release of political prisoners|relaxed censorship,,,,\
         think of prisons and books,deck-tag|first,releases,several,\n"
    ));
}

#[test]
fn export_small_deck_exactly() {
    let deck = parse(
        "title = \"Tiny\"\n[[cards]]\nid = \"a\"\nquestion = \"Q\"\nanswer = \"A\"\ntags = [\"two words\"]\n",
    )
    .deck
    .unwrap();
    assert_eq!(
        export(&deck, ExportFormat::Tsv),
        "#separator:tab\n#html:false\n#deck:Tiny\n\
         #columns:question\tanswer\taccept\tchoices\texplain\thint\ttags\tid\tkind\treverse\n\
         #tags column:7\nQ\tA\t\t\t\t\ttwo_words\ta\ttext\t\n"
    );
    assert_eq!(
        export(&deck, ExportFormat::Csv),
        "question,answer,accept,choices,explain,hint,tags,id,kind,reverse\nQ,A,,,,,two words,a,text,\n"
    );
}

#[test]
fn cloze_that_cannot_be_rebuilt_goes_out_as_typed_cards() {
    let mut deck = every_kind();
    deck.cards.retain(|c| c.id.0.starts_with("thaw#"));
    deck.cards[1].question = "Something else entirely [year]".into();
    let text = export(&deck, ExportFormat::Csv);
    let back = load(&import(&text, &ImportOptions::default()));
    let ids: Vec<&str> = back.cards.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(ids, vec!["thaw-1", "thaw-2"]);
    assert_eq!(back.cards[1].question, "Something else entirely [year]");
    assert_eq!(back.cards[1].answer_text(), "1956");
}

/// A written id with a control character never reaches the deck (the printed deck could
/// carry it to a terminal): its row is skipped with the reason, the others are kept.
#[test]
fn a_written_id_with_a_control_character_is_skipped() {
    let imported = import(
        "id,question,answer\na\u{1b}b,q,r\nplain,s,t\n",
        &ImportOptions {
            source: Some(Source::Csv),
            ..ImportOptions::default()
        },
    );
    assert!(!imported.toml.contains('\u{1b}'), "{}", imported.toml);
    assert_eq!(imported.skipped.len(), 1, "{:?}", imported.skipped);
    assert_eq!(imported.skipped[0].line, 2);
    let deck = load(&imported);
    let ids: Vec<&str> = deck.cards.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(ids, ["plain"]);
}
