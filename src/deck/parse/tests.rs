//! The parser's tests, through its entry points: every card kind, the id rules, every
//! finding with its exact place, several findings at once; reading card by card gives what
//! reading whole gives; and the judging examples the deck format guide gives.

use super::*;
use crate::deck::id::implicit_id;
use crate::deck::{CardId, Kind};
use crate::diagnostic::{Severity, line_col};
use crate::judge::{self, Expected, Verdict};

// ---------------------------------------------------------------------------
// Helpers

fn parse(source: &str) -> Parsed {
    parse_deck(DeckId("t".into()), source, Origin::Bundled)
}

/// The cards of a deck that must load without any finding.
#[track_caller]
fn clean_cards(source: &str) -> Vec<Card> {
    let parsed = parse(source);
    assert!(
        parsed.findings.is_empty(),
        "unexpected findings: {:#?}",
        parsed.findings
    );
    parsed.deck.expect("the deck loads").cards
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_string()).collect()
}

/// `line:col` of the start of a span.
fn pos(source: &str, offset: usize) -> String {
    let (line, col) = line_col(source, offset);
    format!("{line}:{col}")
}

/// Every finding as `(code, severity, line:col)`, in the order reported.
fn summary(source: &str, parsed: &Parsed) -> Vec<(&'static str, Severity, String)> {
    parsed
        .findings
        .iter()
        .map(|f| (f.code.name(), f.severity, pos(source, f.span.start)))
        .collect()
}

/// Asserts the file has exactly one finding, an error, with this code, place and message
/// fragment, and that the deck does not load. Returns the finding for further checks.
#[track_caller]
fn only_error(source: &str, code: &str, at: &str, fragment: &str) -> Finding {
    let parsed = parse(source);
    assert_eq!(
        summary(source, &parsed),
        vec![(
            parsed.findings.first().map_or("-", |f| f.code.name()),
            Severity::Error,
            at.to_string()
        )],
        "findings: {:#?}",
        parsed.findings
    );
    let finding = parsed.findings[0].clone();
    assert_eq!(finding.code.name(), code, "{finding:#?}");
    assert!(
        finding.message.contains(fragment),
        "message {:?} lacks {fragment:?}",
        finding.message
    );
    assert!(parsed.deck.is_none(), "a deck with an error must not load");
    finding
}

/// The text a span covers.
fn covered<'a>(source: &'a str, finding: &Finding) -> &'a str {
    &source[finding.span.clone()]
}

// ---------------------------------------------------------------------------
// 1. One test per kind

#[test]
fn text_card_with_accept_reads_every_field() {
    let source = r#"title = "T"
tags = ["history", "dates"]

[[cards]]
id = "speech-date"
question = "On what date was the Secret Speech delivered?"
answer = "February 25, 1956"
accept = ["25 February 1956", "25.2.1956"]
explain = "At the 20th Congress."
hint = "Winter of 1956."
tags = ["dates", "speech"]
"#;
    let cards = clean_cards(source);
    assert_eq!(
        cards,
        vec![Card {
            id: CardId("speech-date".into()),
            kind: Kind::Text,
            question: "On what date was the Secret Speech delivered?".into(),
            expected: Expected::Text {
                answer: "February 25, 1956".into(),
                accept: strings(&["25 February 1956", "25.2.1956"]).into(),
            },
            explain: Some("At the 20th Congress.".into()),
            hint: Some("Winter of 1956.".into()),
            // The card's own tags, then the deck's that it does not already have.
            tags: strings(&["dates", "speech", "history"]).into(),
            line: 4,
            implicit_id: false,
            strictness: Default::default(),
        }]
    );
}

#[test]
fn choice_card_reads_choices_and_the_answer_index() {
    let source = r#"[[cards]]
id = "congress"
question = "Which congress heard the speech?"
answer = "20th Congress"
choices = ["19th Congress", "20th Congress", "21st Congress"]
"#;
    assert_eq!(
        clean_cards(source),
        vec![Card {
            id: CardId("congress".into()),
            kind: Kind::Choice,
            question: "Which congress heard the speech?".into(),
            expected: Expected::Choice {
                choices: strings(&["19th Congress", "20th Congress", "21st Congress"]),
                answer: 1,
            },
            explain: None,
            hint: None,
            tags: Vec::new().into(),
            line: 1,
            implicit_id: false,
            strictness: Default::default(),
        }]
    );
}

#[test]
fn true_false_card_reads_a_boolean_answer() {
    let source = r#"tags = ["soviet"]

[[cards]]
id = "published"
question = "The speech was published in the Soviet Union at the time."
answer = false
explain = "It was published in 1989."
"#;
    assert_eq!(
        clean_cards(source),
        vec![Card {
            id: CardId("published".into()),
            kind: Kind::TrueFalse,
            question: "The speech was published in the Soviet Union at the time.".into(),
            expected: Expected::TrueFalse(false),
            explain: Some("It was published in 1989.".into()),
            hint: None,
            tags: strings(&["soviet"]).into(),
            line: 3,
            implicit_id: false,
            strictness: Default::default(),
        }]
    );
}

#[test]
fn several_card_reads_every_part() {
    let source = r#"[[cards]]
id = "releases"
question = "Name two things de-Stalinization brought."
answer = ["release of political prisoners", "relaxed censorship"]
hint = "People and print."
tags = ["thaw"]
"#;
    assert_eq!(
        clean_cards(source),
        vec![Card {
            id: CardId("releases".into()),
            kind: Kind::Several,
            question: "Name two things de-Stalinization brought.".into(),
            expected: Expected::Several {
                parts: strings(&["release of political prisoners", "relaxed censorship"]),
            },
            explain: None,
            hint: Some("People and print.".into()),
            tags: strings(&["thaw"]).into(),
            line: 1,
            implicit_id: false,
            strictness: Default::default(),
        }]
    );
}

#[test]
fn cloze_card_gives_one_card_per_gap() {
    let source = r#"tags = ["history"]

# A comment between cards.
[[cards]]
id = "thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}."
explain = "De-Stalinization."
hint = "A season's end."
tags = ["thaw"]
"#;
    let card = |n: usize, question: &str, answer: &str, hint: &str| Card {
        id: CardId(format!("thaw#{n}")),
        kind: Kind::Cloze,
        question: question.into(),
        expected: Expected::Text {
            answer: answer.into(),
            accept: vec![].into(),
        },
        explain: Some("De-Stalinization.".into()),
        hint: Some(hint.into()),
        tags: strings(&["thaw", "history"]).into(),
        line: 4,
        implicit_id: false,
        strictness: Default::default(),
    };
    assert_eq!(
        clean_cards(source),
        vec![
            // The gap without its own hint takes the card's `hint`.
            card(
                1,
                "The speech began the [...] in 1956.",
                "Khrushchev Thaw",
                "A season's end."
            ),
            // A `{{answer::hint}}` gap shows its hint in the blank and as the hint.
            card(
                2,
                "The speech began the Khrushchev Thaw in [year].",
                "1956",
                "year"
            ),
        ]
    );
}

#[test]
fn a_cloze_card_accept_list_applies_to_every_gap() {
    let cards = clean_cards(
        "[[cards]]\nid = \"c\"\ncloze = \"{{Leningrad}} and {{Petrograd}}\"\naccept = [\"St Petersburg\"]\n",
    );
    for card in &cards {
        let Expected::Text { accept, .. } = &card.expected else {
            panic!("{card:?}");
        };
        assert_eq!(accept[..], strings(&["St Petersburg"]));
    }
}

#[test]
fn explicit_kind_gives_the_same_card_as_the_inferred_one() {
    let source = r#"[[cards]]
id = "congress"
kind = "choice"
question = "Which congress heard the speech?"
answer = "20th Congress"
choices = ["19th Congress", "20th Congress"]
"#;
    assert_eq!(
        clean_cards(source),
        vec![Card {
            id: CardId("congress".into()),
            kind: Kind::Choice,
            question: "Which congress heard the speech?".into(),
            expected: Expected::Choice {
                choices: strings(&["19th Congress", "20th Congress"]),
                answer: 1,
            },
            explain: None,
            hint: None,
            tags: Vec::new().into(),
            line: 1,
            implicit_id: false,
            strictness: Default::default(),
        }]
    );

    let bodies = [
        ("text", "question = \"Q?\"\nanswer = \"A\"\n"),
        (
            "choice",
            "question = \"Q?\"\nanswer = \"A\"\nchoices = [\"A\", \"B\"]\n",
        ),
        ("truefalse", "question = \"Q?\"\nanswer = true\n"),
        ("several", "question = \"Q?\"\nanswer = [\"A\", \"B\"]\n"),
        ("cloze", "cloze = \"x {{y}}\"\n"),
    ];
    for (name, body) in bodies {
        let inferred = clean_cards(&format!("[[cards]]\nid = \"a\"\n{body}"));
        let explicit = clean_cards(&format!("[[cards]]\nid = \"a\"\nkind = \"{name}\"\n{body}"));
        assert_eq!(inferred, explicit, "kind {name}");
        assert_eq!(explicit[0].kind, Kind::from_name(name).unwrap());
        assert_eq!(explicit[0].kind.name(), name);
    }
}

#[test]
fn a_card_line_is_the_line_of_its_header() {
    let source = r#"title = "T"

[[cards]]   # first
# a comment before the first key

id = "a"
question = "Q1?"
answer = "A"

[[cards]]
id = "b"
question = "Q2?"
answer = "B"
"#;
    let lines: Vec<usize> = clean_cards(source).iter().map(|c| c.line).collect();
    assert_eq!(lines, vec![3, 10]);

    // An inline array of tables: the line where the card's `{` is.
    let source = "cards = [\n  { id = \"a\", question = \"Q?\", answer = \"A\" },\n]\n";
    assert_eq!(clean_cards(source)[0].line, 2);
}

#[test]
fn deck_level_fields_are_read() {
    let parsed = parse(
        r#"title = "Secret Speech"
description = "Its background."
source = "seed document 000"
tags = ["history"]
"#,
    );
    // Its only finding: it has no cards yet (W003), marked on the first line.
    let codes: Vec<_> = parsed
        .findings
        .iter()
        .map(|f| (f.code, f.span.clone(), f.is_error()))
        .collect();
    assert_eq!(codes, [(Code::NoCards, 0..23, false)]);
    let deck = parsed.deck.unwrap();
    assert_eq!(deck.id, DeckId("t".into()));
    assert_eq!(deck.title, "Secret Speech");
    assert_eq!(deck.description.as_deref(), Some("Its background."));
    assert_eq!(deck.source.as_deref(), Some("seed document 000"));
    assert_eq!(deck.tags, strings(&["history"]));
    assert!(deck.cards.is_empty());
    assert_eq!(deck.origin, Origin::Bundled);

    // Without a title the deck is called by its name; an empty file is an empty deck.
    let deck = parse("").deck.unwrap();
    assert_eq!(deck.title, "t");
    assert!(deck.cards.is_empty());
}

// ---------------------------------------------------------------------------
// 2. Ids

#[test]
fn cloze_ids_are_numbered_from_one() {
    let cards = clean_cards("[[cards]]\nid = \"c\"\ncloze = \"{{a}}, {{b}} and {{c}}\"\n");
    let ids: Vec<&str> = cards.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(ids, vec!["c#1", "c#2", "c#3"]);
}

#[test]
fn anki_numbered_gaps_of_one_number_are_one_card_with_that_number() {
    let cards = clean_cards(
        "[[cards]]\nid = \"c\"\ncloze = \"{{c3::Italy}}: {{c1::Rome}} and {{c1::Milan}}\"\n",
    );
    let ids: Vec<&str> = cards.iter().map(|c| c.id.0.as_str()).collect();
    assert_eq!(ids, vec!["c#1", "c#3"]);
    assert_eq!(cards[0].question.text(), "Italy: [...] and [...]");
    assert_eq!(
        cards[0].expected,
        Expected::Several {
            parts: vec!["Rome".into(), "Milan".into()]
        }
    );
    assert_eq!(cards[1].question.text(), "[...]: Rome and Milan");
    assert!(matches!(&cards[1].expected, Expected::Text { answer, .. } if answer == "Italy"));
}

#[test]
fn a_card_without_id_gets_one_from_its_question() {
    let source = "[[cards]]\nquestion = \"Who gave the Secret Speech?\"\nanswer = \"Khrushchev\"\n";
    let parsed = parse(source);
    assert_eq!(
        summary(source, &parsed),
        vec![("W001", Severity::Warning, "1:1".to_string())]
    );
    let warning = &parsed.findings[0];
    assert_eq!(
        warning.message,
        "card has no `id`; it is known as `q-cee251b47f` until its wording changes"
    );
    assert!(warning.label.contains("reset its progress"), "{warning:?}");

    // A warning does not stop the deck from loading.
    let deck = parsed.deck.expect("the deck loads despite W001");
    let card = &deck.cards[0];
    assert_eq!(card.id, CardId("q-cee251b47f".into()));
    assert!(card.implicit_id);

    // `q-` and ten lower-case hex digits.
    let id = implicit_id("Who gave the Secret Speech?");
    assert_eq!(id, card.id.0);
    assert_eq!(id.len(), 12);
    assert!(id.starts_with("q-"));
    assert!(
        id[2..]
            .chars()
            .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    );
}

#[test]
fn implicit_ids_follow_the_wording_only() {
    let id_of = |question: &str, answer: &str| {
        let source = format!("[[cards]]\nquestion = {question:?}\nanswer = {answer:?}\n");
        let parsed = parse(&source);
        parsed.deck.expect("loads").cards[0].id.clone()
    };
    let id = id_of("Who gave the Secret Speech?", "Khrushchev");
    // Stable: the same text always gives the same id.
    assert_eq!(id_of("Who gave the Secret Speech?", "Khrushchev"), id);
    // Extra, leading, trailing or different whitespace does not matter.
    assert_eq!(id_of("  Who gave  the\tSecret\nSpeech? ", "Khrushchev"), id);
    // Only the question counts, not the answer.
    assert_eq!(
        id_of("Who gave the Secret Speech?", "Nikita Khrushchev"),
        id
    );
    // Any other change to the wording (even case or punctuation) is another card.
    assert_ne!(id_of("Who gave the secret speech?", "Khrushchev"), id);
    assert_ne!(id_of("Who gave the Secret Speech", "Khrushchev"), id);
    assert_ne!(id_of("Who delivered the Secret Speech?", "Khrushchev"), id);
}

#[test]
fn a_cloze_card_without_id_numbers_its_implicit_id() {
    let text = "The {{Thaw}} began in {{1956}}.";
    let source = format!("[[cards]]\ncloze = {text:?}\n");
    let parsed = parse(&source);
    assert_eq!(
        summary(&source, &parsed),
        vec![("W001", Severity::Warning, "1:1".to_string())]
    );
    let base = implicit_id(text);
    let ids: Vec<String> = parsed
        .deck
        .unwrap()
        .cards
        .iter()
        .map(|c| {
            assert!(c.implicit_id);
            c.id.0.clone()
        })
        .collect();
    assert_eq!(ids, vec![format!("{base}#1"), format!("{base}#2")]);
}

#[test]
fn two_cards_without_id_asking_the_same_have_the_same_id() {
    // The implicit ids collide, so the duplicate question is also a duplicate id: an error.
    let source = "[[cards]]\nquestion = \"Same?\"\nanswer = \"A\"\n\n[[cards]]\nquestion = \"Same?\"\nanswer = \"B\"\n";
    let parsed = parse(source);
    assert_eq!(
        summary(source, &parsed),
        vec![
            ("W001", Severity::Warning, "1:1".to_string()),
            ("E011", Severity::Error, "5:1".to_string()),
            ("W001", Severity::Warning, "5:1".to_string()),
            ("W002", Severity::Warning, "6:12".to_string()),
        ]
    );
    assert!(parsed.deck.is_none());
}

// ---------------------------------------------------------------------------
// 3. One test per error

#[test]
fn e001_missing_closing_quote() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\nanswer = \"A\"\n";
    let finding = only_error(source, "E001", "3:15", "invalid TOML");
    assert_eq!(finding.label, "TOML syntax error");
}

#[test]
fn e001_unclosed_table_header() {
    let source = "title = \"T\"\n\n[[cards\nid = \"a\"\n";
    only_error(
        source,
        "E001",
        "3:8",
        "invalid TOML: unclosed array table, expected `]]`",
    );
}

#[test]
fn e001_duplicate_key() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nquestion = \"R?\"\nanswer = \"A\"\n";
    let finding = only_error(source, "E001", "4:1", "duplicate key");
    assert_eq!(covered(source, &finding), "question");
}

#[test]
fn e002_unknown_card_field() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanwser = \"A\"\n";
    // The misspelt field is the only finding: no extra "card without an `answer`".
    let finding = only_error(source, "E002", "4:1", "unknown card field `anwser`");
    assert_eq!(
        finding.message,
        "unknown card field `anwser`; allowed fields are id, kind, question, answer, accept, \
         choices, cloze, explain, hint, tags, reverse, case_sensitive, exact, transliterate"
    );
    assert_eq!(finding.label, "did you mean `answer`?");
    assert_eq!(covered(source, &finding), "anwser");
}

#[test]
fn e002_unknown_deck_field() {
    let source = "title = \"T\"\nauthor = \"me\"\n";
    let finding = only_error(source, "E002", "2:1", "unknown deck field `author`");
    assert!(
        finding.message.contains(
            "allowed fields are title, description, source, tags, reverse, case_sensitive, \
                 exact, transliterate, cards"
        ),
        "{finding:?}"
    );
    // Nothing close enough to suggest.
    assert_eq!(finding.label, "unknown field");

    let finding = only_error("titel = \"T\"\n", "E002", "1:1", "`titel`");
    assert_eq!(finding.label, "did you mean `title`?");
}

#[test]
fn e003_question_is_a_number() {
    let source = "[[cards]]\nid = \"a\"\nquestion = 3\nanswer = \"A\"\n";
    only_error(
        source,
        "E003",
        "3:12",
        "`question` must be a string, found an integer",
    );
}

#[test]
fn e003_tags_is_a_string() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\ntags = \"x\"\n";
    only_error(
        source,
        "E003",
        "5:8",
        "`tags` must be an array of strings, found a string",
    );
}

#[test]
fn e003_tags_entry_is_a_number() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\ntags = [\"x\", 1]\n";
    only_error(
        source,
        "E003",
        "5:14",
        "every entry of `tags` must be a string, found an integer",
    );
}

#[test]
fn e003_choices_is_a_string() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"a\"\nchoices = \"a\"\n";
    only_error(
        source,
        "E003",
        "5:11",
        "`choices` must be an array of strings, found a string",
    );
}

#[test]
fn e003_answer_is_a_number() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = 3\n";
    only_error(
        source,
        "E003",
        "4:10",
        "`answer` must be a string, found an integer",
    );
}

#[test]
fn e003_deck_level_types() {
    only_error(
        "title = 3\n",
        "E003",
        "1:9",
        "`title` must be a string, found an integer",
    );
    only_error(
        "cards = 3\n",
        "E003",
        "1:9",
        "`cards` must be an array of [[cards]] tables",
    );
    // `[cards]` (single brackets) is one table, not a list of cards.
    only_error("[cards]\nid = \"a\"\n", "E003", "1:1", "found a table");
}

#[test]
fn e004_empty_question() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"  \"\nanswer = \"A\"\n";
    only_error(source, "E004", "3:12", "empty `question`");
}

#[test]
fn e004_empty_answer() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"\"\n";
    only_error(source, "E004", "4:10", "empty `answer`");
}

#[test]
fn e004_empty_choice() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nchoices = [\"A\", \"\", \"C\"]\n";
    let finding = only_error(source, "E004", "5:17", "empty choice");
    assert_eq!(covered(source, &finding), "\"\"");
}

#[test]
fn e004_empty_accept_entry() {
    let source =
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\naccept = [\"B\", \" \"]\n";
    only_error(source, "E004", "5:16", "empty entry in `accept`");
}

#[test]
fn e004_empty_id_and_empty_part() {
    only_error(
        "[[cards]]\nid = \"\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
        "E004",
        "2:6",
        "empty card id",
    );
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = [\"A\", \"\"]\n",
        "E004",
        "4:16",
        "empty answer",
    );
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = []\n",
        "E004",
        "4:10",
        "empty answer list",
    );
}

#[test]
fn e005_answer_not_among_choices() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"D\"\nchoices = [\"A\", \"B\", \"C\"]\n";
    let finding = only_error(
        source,
        "E005",
        "4:10",
        "answer `D` is not one of the choices",
    );
    assert_eq!(covered(source, &finding), "\"D\"");
    assert_eq!(finding.related.len(), 1);
    assert_eq!(pos(source, finding.related[0].0.start), "5:11");

    // The answer must be written exactly as the choice: case counts here.
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"a\"\nchoices = [\"A\", \"B\"]\n",
        "E005",
        "4:10",
        "answer `a` is not one of the choices",
    );
}

#[test]
fn e006_duplicated_choice() {
    // Choices are compared in their judged form, so case and accents do not make them differ.
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nchoices = [\"A\", \"B\", \"a\"]\n";
    let finding = only_error(source, "E006", "5:22", "duplicated choice `a`");
    assert_eq!(finding.related.len(), 1);
    assert_eq!(pos(source, finding.related[0].0.start), "5:12");
}

#[test]
fn e006_a_single_choice() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nchoices = [\"A\"]\n";
    only_error(
        source,
        "E006",
        "5:11",
        "a multiple-choice card needs at least two choices",
    );
}

#[test]
fn e007_true_false_with_choices() {
    let source =
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = true\nchoices = [\"yes\", \"no\"]\n";
    only_error(
        source,
        "E007",
        "5:11",
        "a true/false card takes no `choices`",
    );
}

#[test]
fn e008_cloze_without_gaps() {
    let source = "[[cards]]\nid = \"a\"\ncloze = \"No gaps here.\"\n";
    let finding = only_error(source, "E008", "3:9", "cloze text has no {{gap}}");
    assert_eq!(covered(source, &finding), "\"No gaps here.\"");
}

#[test]
fn e009_empty_gap() {
    let source = "[[cards]]\nid = \"a\"\ncloze = \"A {{x}} and an {{ }} gap.\"\n";
    let finding = only_error(source, "E009", "3:25", "empty cloze gap");
    // The span is the gap itself, inside the string.
    assert_eq!(covered(source, &finding), "{{ }}");

    // A gap with a hint but no answer is empty too.
    let source = "[[cards]]\nid = \"a\"\ncloze = 'A {{::hint}} gap.'\n";
    let finding = only_error(source, "E009", "3:12", "empty cloze gap");
    assert_eq!(covered(source, &finding), "{{::hint}}");

    // With an escape in the string the gap cannot be located: the whole value is shown.
    let source = "[[cards]]\nid = \"a\"\ncloze = \"\\u0041 {{ }}\"\n";
    let finding = only_error(source, "E009", "3:9", "empty cloze gap");
    assert_eq!(covered(source, &finding), "\"\\u0041 {{ }}\"");
}

#[test]
fn e010_unbalanced_braces() {
    let source = "[[cards]]\nid = \"a\"\ncloze = \"An {{open gap.\"\n";
    let finding = only_error(source, "E010", "3:13", "unbalanced cloze braces");
    assert_eq!(covered(source, &finding), "{{");

    let source = "[[cards]]\nid = \"a\"\ncloze = \"A closed}} gap {{x}}.\"\n";
    let finding = only_error(source, "E010", "3:18", "unbalanced cloze braces");
    assert_eq!(covered(source, &finding), "}}");

    let source = "[[cards]]\nid = \"a\"\ncloze = \"A {{nested {{gap}}.\"\n";
    only_error(source, "E010", "3:12", "unbalanced cloze braces");
}

#[test]
fn e011_duplicate_ids() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q1?\"\nanswer = \"A\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Q2?\"\nanswer = \"B\"\n";
    let finding = only_error(source, "E011", "7:6", "duplicate card id `a`");
    assert_eq!(finding.label, "used again here");
    assert_eq!(finding.related.len(), 1);
    assert_eq!(pos(source, finding.related[0].0.start), "2:6");
    assert_eq!(finding.related[0].1, "first used here");

    // A cloze card's id is taken as a whole.
    let source = "[[cards]]\nid = \"a\"\ncloze = \"{{x}}\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"B\"\n";
    only_error(source, "E011", "6:6", "duplicate card id `a`");
}

#[test]
fn e011_every_later_use_of_an_id_points_at_its_first_among_many() {
    // Ids compared once all are read (sorted by hash): every later use is an error that
    // names the first, in file order, and ids that merely look alike are not.
    let ids = ["b", "a", "b", "ab", "c", "b", "a", "ba"];
    let mut source = String::new();
    for i in 0..2000 {
        source.push_str(&format!(
            "[[cards]]\nid = \"n{i}\"\nquestion = \"Q{i}?\"\nanswer = \"A\"\n"
        ));
    }
    let before = source.lines().count();
    for (i, id) in ids.iter().enumerate() {
        source.push_str(&format!(
            "[[cards]]\nid = \"{id}\"\nquestion = \"R{i}?\"\nanswer = \"A\"\n"
        ));
    }
    let parsed = parse(&source);
    let line = |n: usize| format!("{}:6", before + 4 * n + 2);
    let found: Vec<(String, String, String)> = parsed
        .findings
        .iter()
        .map(|f| {
            assert_eq!(f.code.name(), "E011", "{f:#?}");
            (
                pos(&source, f.span.start),
                f.message.clone(),
                pos(&source, f.related[0].0.start),
            )
        })
        .collect();
    let expected = [(2, "b", 0), (5, "b", 0), (6, "a", 1)];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|&(at, id, first)| (line(at), format!("duplicate card id `{id}`"), line(first)))
        .collect();
    assert_eq!(found, expected);
    assert!(parsed.deck.is_none());
}

#[test]
fn e016_a_deck_over_64_mib_that_is_not_card_tables_is_refused_before_toml_parses_it() {
    let limit = crate::input::WHOLE_TOML as usize;
    let mut source = String::with_capacity(limit + 64);
    source.push_str("title = \"");
    source.extend(std::iter::repeat_n('a', limit));
    source.push_str("\"\n");
    let parsed = parse(&source);
    assert_eq!(
        summary(&source, &parsed),
        [("E016", Severity::Error, "1:1".to_string())]
    );
    assert_eq!(
        parsed.findings[0].message,
        format!(
            "could not read this deck: it is 64.0 MiB ({} bytes), and a deck over 64 MiB must be \
             [[cards]] tables, each of them and the text before the first at most 64 MiB",
            source.len()
        )
    );
    // Split into card tables, as big a deck reads.
    source.truncate(0);
    source.push_str("title = \"T\"\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n#");
    source.extend(std::iter::repeat_n('x', limit));
    source.push_str("\n[[cards]]\nid = \"b\"\nquestion = \"R?\"\nanswer = \"B\"\n");
    let parsed = parse(&source);
    assert!(parsed.findings.is_empty(), "{:#?}", parsed.findings);
    assert_eq!(parsed.deck.map(|deck| deck.cards.len()), Some(2));
}

#[test]
fn e012_card_without_question() {
    let source = "title = \"T\"\n\n[[cards]]\nid = \"a\"\nanswer = \"A\"\n";
    let finding = only_error(source, "E012", "3:1", "card without a `question`");
    assert_eq!(covered(source, &finding), "[[cards]]");
}

#[test]
fn e012_card_without_answer() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\n";
    only_error(source, "E012", "1:1", "card without an `answer`");
}

#[test]
fn e013_kind_choice_without_choices() {
    let source = "[[cards]]\nid = \"a\"\nkind = \"choice\"\nquestion = \"Q?\"\nanswer = \"A\"\n";
    let finding = only_error(source, "E013", "3:8", "kind `choice` without `choices`");
    assert_eq!(covered(source, &finding), "\"choice\"");
}

#[test]
fn e013_unknown_kind() {
    let source = "[[cards]]\nid = \"a\"\nkind = \"essay\"\nquestion = \"Q?\"\nanswer = \"A\"\n";
    only_error(
        source,
        "E013",
        "3:8",
        "unknown kind `essay`; kinds are text, choice, truefalse, several, cloze",
    );
}

#[test]
fn e013_cloze_with_question() {
    let source =
        "[[cards]]\nid = \"a\"\nkind = \"cloze\"\nquestion = \"Q?\"\ncloze = \"x {{y}}\"\n";
    only_error(
        source,
        "E013",
        "4:12",
        "a cloze card takes no `question`: its gaps are the answers",
    );

    // Without `kind`, a question makes it a question card, which takes no `cloze`.
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\ncloze = \"x {{y}}\"\n";
    only_error(
        source,
        "E013",
        "5:9",
        "`cloze` cannot be combined with `question`/`answer`",
    );
}

#[test]
fn e013_other_contradictions() {
    only_error(
        "[[cards]]\nid = \"a\"\nkind = \"text\"\nquestion = \"Q?\"\nanswer = \"A\"\nchoices = [\"A\", \"B\"]\n",
        "E013",
        "3:8",
        "kind `text` with `choices`: use kind `choice`",
    );
    // The contradiction, then the answer that does not fit the kind given.
    let source = "[[cards]]\nid = \"a\"\nkind = \"text\"\nquestion = \"Q?\"\nanswer = true\n";
    let parsed = parse(source);
    assert_eq!(
        summary(source, &parsed),
        vec![
            ("E013", Severity::Error, "3:8".to_string()),
            ("E003", Severity::Error, "5:10".to_string()),
        ]
    );
    assert_eq!(
        parsed.findings[0].message,
        "kind `text` with a boolean answer: use kind `truefalse`"
    );
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nchoices = [\"A\", \"B\"]\naccept = [\"x\"]\n",
        "E013",
        "6:10",
        "`accept` is not used on multiple-choice cards",
    );
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = true\naccept = [\"x\"]\n",
        "E013",
        "5:10",
        "`accept` is not used on true/false cards",
    );
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = [\"A\", \"B\"]\naccept = [\"x\"]\n",
        "E013",
        "5:10",
        "`accept` is not used on several-answer cards",
    );
    only_error(
        "[[cards]]\nid = \"a\"\ncloze = \"x {{y}}\"\nanswer = \"y\"\n",
        "E013",
        "4:10",
        "a cloze card takes no `answer`",
    );
}

#[test]
fn e015_id_with_hash() {
    let source = "[[cards]]\nid = \"thaw#1\"\nquestion = \"Q?\"\nanswer = \"A\"\n";
    only_error(
        source,
        "E015",
        "2:6",
        "card id `thaw#1` contains '#'; `#` and `~` are reserved",
    );
}

#[test]
fn e015_id_with_a_space() {
    let source = "[[cards]]\nid = \"speech date\"\nquestion = \"Q?\"\nanswer = \"A\"\n";
    only_error(source, "E015", "2:6", "card id `speech date` contains ' '");
    only_error(
        "[[cards]]\nid = \"a~b\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
        "E015",
        "2:6",
        "contains '~'",
    );
}

#[test]
fn w002_duplicate_question_is_only_a_warning() {
    // Compared in judged form: case and outer spaces do not make the questions differ.
    let source = "[[cards]]\nid = \"a\"\nquestion = \"Who?\"\nanswer = \"A\"\n\n[[cards]]\nid = \"b\"\nquestion = \" WHO \"\nanswer = \"B\"\n";
    let parsed = parse(source);
    assert_eq!(
        summary(source, &parsed),
        vec![("W002", Severity::Warning, "8:12".to_string())]
    );
    let finding = &parsed.findings[0];
    assert!(
        finding.message.contains("duplicate question"),
        "{finding:?}"
    );
    assert_eq!(pos(source, finding.related[0].0.start), "3:12");
    let deck = parsed.deck.expect("a warning does not stop the deck");
    assert_eq!(deck.cards.len(), 2);
}

#[test]
fn e011_is_reported_even_when_the_first_card_has_another_error() {
    let source = "[[cards]]\nid = \"a\"\nquestion = \"\"\nanswer = \"A\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n";
    let parsed = parse(source);
    assert_eq!(
        summary(source, &parsed),
        vec![
            ("E004", Severity::Error, "3:12".to_string()),
            ("E011", Severity::Error, "7:6".to_string()),
        ]
    );
}

#[test]
fn a_wrongly_typed_id_is_not_a_missing_id() {
    let source = "[[cards]]\nid = 5\nquestion = \"Q?\"\nanswer = \"A\"\n";
    let parsed = parse(source);
    assert_eq!(
        summary(source, &parsed),
        vec![("E003", Severity::Error, "2:6".to_string())]
    );
}

// ---------------------------------------------------------------------------
// 4. Several errors

#[test]
fn every_error_is_reported_in_file_order() {
    let source = r#"title = "T"
colour = "red"

[[cards]]
id = "a"
question = ""
answer = 3

[[cards]]
id = "b b"
question = "Q?"
answer = "A"

[[cards]]
id = "c"
cloze = "no gaps"

[[cards]]
id = "ok"
question = "Fine?"
answer = true
"#;
    let parsed = parse(source);
    assert_eq!(
        summary(source, &parsed),
        vec![
            ("E002", Severity::Error, "2:1".to_string()),
            ("E004", Severity::Error, "6:12".to_string()),
            ("E003", Severity::Error, "7:10".to_string()),
            ("E015", Severity::Error, "10:6".to_string()),
            ("E008", Severity::Error, "16:9".to_string()),
        ]
    );
    let starts: Vec<usize> = parsed.findings.iter().map(|f| f.span.start).collect();
    assert!(starts.is_sorted());
    assert!(parsed.deck.is_none(), "any error means no deck");
}

// ---------------------------------------------------------------------------
// 5. Reading card by card and reading whole agree

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

// ---------------------------------------------------------------------------
// The judging rules as docs/deck-format.md states them

#[test]
fn judging_examples_in_the_deck_format_guide() {
    let text = |answer: &str, accept: &[&str]| Expected::Text {
        answer: answer.into(),
        accept: strings(accept).into(),
    };
    let choice = |choices: &[&str], answer: usize| Expected::Choice {
        choices: strings(choices),
        answer,
    };
    let several = |parts: &[&str]| Expected::Several {
        parts: strings(parts),
    };
    let right = Verdict::Right;
    let close = |s: &str| Verdict::Close {
        correct: s.into(),
        missing: vec![],
        reason: crate::judge::Reason::Typo,
    };
    let wrong = |missing: &[&str]| Verdict::Wrong {
        missing: strings(missing),
    };
    // Words of 99, 100 and 101 letters, around the longest word that may carry a typo.
    let (a99, a100) = ("a".repeat(99), "a".repeat(100));
    let cases: Vec<(Expected, &str, Verdict)> = vec![
        // Normalisation.
        (text("Khrushchëv", &[]), "KHRUSHCHEV", right.clone()),
        (text("Straße", &[]), "strasse", right.clone()),
        (
            text("Stalin's purges", &[]),
            "stalins purges",
            right.clone(),
        ),
        (
            text("Marxist-Leninist", &[]),
            "marxist leninist",
            right.clone(),
        ),
        (
            text("Marxist-Leninist", &[]),
            "marxistleninist",
            right.clone(),
        ),
        (
            text("Washington, D.C.", &[]),
            "washington dc",
            right.clone(),
        ),
        (text("Marx & Engels", &[]), "marx and engels", right.clone()),
        (text("Red Army", &[]), "  red   army. ", right.clone()),
        // Articles.
        (
            text("The 20th Congress", &[]),
            "20th congress",
            right.clone(),
        ),
        (text("20th Congress", &[]), "a 20th congress", right.clone()),
        (text("A", &[]), "the", wrong(&[])),
        (text("Anarchy", &[]), "archy", wrong(&[])),
        // Number words.
        (
            text("20th Congress", &[]),
            "Twentieth Congress",
            right.clone(),
        ),
        (text("21st", &[]), "twenty-first", right.clone()),
        (text("Seven Years' War", &[]), "7 years war", right.clone()),
        (text("20th", &[]), "20", wrong(&[])),
        (text("99", &[]), "ninety-nine", right.clone()),
        (text("100th", &[]), "hundredth", right.clone()),
        (text("St. Petersburg", &[]), "st petersburg", right.clone()),
        (text("U.S.A.", &[]), "usa", right.clone()),
        // Typos.
        (text("Tito", &[]), "Tita", wrong(&[])),
        (text("Stalin", &[]), "Stailn", close("Stalin")),
        (text("Stalin", &[]), "Stlani", wrong(&[])),
        (text("Khrushchev", &[]), "Krushchv", close("Khrushchev")),
        (text("collectivisation", &[]), "colectvisaton", wrong(&[])),
        (
            text("Stalin purges", &[]),
            "Stailn prges",
            close("Stalin purges"),
        ),
        (text(&"a".repeat(101), &[]), a100.as_str(), wrong(&[])),
        (
            text(&"a".repeat(100), &[]),
            a99.as_str(),
            close(&"a".repeat(100)),
        ),
        (text("Red Army", &[]), "Red", wrong(&[])),
        // Digits.
        (text("1956", &[]), "1965", wrong(&[])),
        (text("20th Congress", &[]), "21st Congress", wrong(&[])),
        (text("Apollo11Mission", &[]), "Apollo12Mission", wrong(&[])),
        // Dates.
        (text("February 25, 1956", &[]), "1956-02-25", right.clone()),
        (text("February 25, 1956", &[]), "25.02.1956", right.clone()),
        (text("February 25, 1956", &[]), "02/25/1956", right.clone()),
        (
            text("February 25, 1956", &[]),
            "Saturday, the 25th of Feb 1956",
            right.clone(),
        ),
        (
            text("February 25, 1956", &[]),
            "twenty-fifth of February 1956",
            right.clone(),
        ),
        (
            text("February 25, 1956", &[]),
            "Monday, 25 February 1956",
            right.clone(),
        ),
        (text("February 25, 1956", &[]), "25/2/56", wrong(&[])),
        (text("February 29, 1956", &[]), "1956-02-29", right.clone()),
        (text("February 29, 1955", &[]), "1955-02-29", wrong(&[])),
        (text("March 1958", &[]), "03/1958", right.clone()),
        (
            text("February 25, 1956", &[]),
            "25 Febuary 1956",
            wrong(&[]),
        ),
        (text("1956-04-03", &[]), "03/04/1956", wrong(&[])),
        (text("1956-04-04", &[]), "04/04/1956", right.clone()),
        (text("25 Feb 1956", &[]), "26 Feb 1956", wrong(&[])),
        (text("March 1958", &[]), "1958-03", right.clone()),
        (text("March 1958", &[]), "1 March 1958", wrong(&[])),
        (text("1956", &[]), "25 February 1956", wrong(&[])),
        (
            text("February 25, 1956", &[]),
            "Febuary 25, 1956",
            close("February 25, 1956"),
        ),
        // Accept.
        (text("Joseph Stalin", &["Stalin"]), "stalin", right.clone()),
        (
            text("Joseph Stalin", &["Stalin"]),
            "Stailn",
            close("Stalin"),
        ),
        // Symbols only.
        (text("?", &[]), "?", right.clone()),
        (text("?", &[]), "!", wrong(&[])),
        // Several answers.
        (
            several(&["Lenin", "Stalin", "Trotsky"]),
            "Trotsky; Stalin\nLenin",
            right.clone(),
        ),
        (
            several(&["Lenin", "Stalin", "Trotsky"]),
            "trotsky, stalin, and lenin",
            right.clone(),
        ),
        (
            several(&["Lenin", "Stalin", "Trotsky"]),
            "Trotsky",
            wrong(&["Lenin", "Stalin"]),
        ),
        (
            several(&["Lenin", "Stalin"]),
            "Lenin, Stalin, Kerensky",
            wrong(&[]),
        ),
        (
            several(&["Lenin", "Stalin"]),
            "Lenin, Lenin",
            Verdict::Close {
                correct: "Lenin, Stalin".into(),
                missing: strings(&["Stalin"]),
                reason: crate::judge::Reason::SomeParts,
            },
        ),
        (
            several(&["Lenin", "Marx and Engels"]),
            "Marx & Engels, Lenin",
            right.clone(),
        ),
        (
            several(&["Lenin", "Stalin"]),
            "Lenni, Stalin",
            close("Lenin, Stalin"),
        ),
        (
            several(&["Khrushchev", "February 25, 1956"]),
            "Khrushchev, February 25, 1956",
            right.clone(),
        ),
        // Multiple choice.
        (choice(&["1905", "1917", "Lenin"], 2), "3", right.clone()),
        (choice(&["1905", "1917", "Lenin"], 2), "(3)", right.clone()),
        (choice(&["1905", "1917", "Lenin"], 2), "C)", right.clone()),
        (
            choice(&["1905", "1917", "Lenin"], 2),
            "lenin",
            right.clone(),
        ),
        (
            choice(&["1905", "1917", "Lenin"], 2),
            "Lenni",
            close("Lenin"),
        ),
        (choice(&["1905", "1917", "Lenin"], 1), "1917", right.clone()),
        (choice(&["1905", "1917", "Lenin"], 2), "2", wrong(&[])),
        (choice(&["1905", "1917", "Lenin"], 2), "d", wrong(&[])),
        (choice(&["1905", "1917", "Lenin"], 2), "4", wrong(&[])),
        // A letter in range picks by position, even when a choice is that letter.
        (choice(&["B", "A"], 1), "a", wrong(&[])),
        (choice(&["B", "A"], 1), "b", right.clone()),
        // A typo closer to another choice is that choice.
        (
            choice(&["Khrushchev", "Khruschev"], 0),
            "Khruschov",
            wrong(&[]),
        ),
        (
            choice(&["Khrushchev", "Brezhnev"], 0),
            "Khruschov",
            close("Khrushchev"),
        ),
        // True/false.
        (Expected::TrueFalse(true), " Yes ", right.clone()),
        (Expected::TrueFalse(false), "F", right.clone()),
        (Expected::TrueFalse(false), "n", right.clone()),
        (Expected::TrueFalse(true), "correct", right.clone()),
        (Expected::TrueFalse(true), "not true", wrong(&[])),
        // Blank.
        (text("Lenin", &[]), "   ", wrong(&[])),
    ];
    for (expected, given, want) in cases {
        assert_eq!(
            judge::judge(&expected, given),
            want,
            "{given:?} against {expected:?}"
        );
    }
}

// ---------------------------------------------------------------------------
// Strictness: `case_sensitive` and `exact`, on the deck and on a card

fn strictness_of(cards: &[Card]) -> Vec<(String, bool, bool)> {
    cards
        .iter()
        .map(|c| {
            (
                c.id.0.clone(),
                c.strictness.case_sensitive,
                c.strictness.exact,
            )
        })
        .collect()
}

#[test]
fn strictness_is_off_unless_asked_for() {
    let cards = clean_cards("[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n");
    assert_eq!(strictness_of(&cards), vec![("a".into(), false, false)]);
}

#[test]
fn strictness_on_a_card() {
    let cards = clean_cards(
        "[[cards]]\nid = \"a\"\nquestion = \"Carbon monoxide?\"\nanswer = \"CO\"\ncase_sensitive = true\n\n\
         [[cards]]\nid = \"b\"\nquestion = \"Q?\"\nanswer = \"x += 1\"\nexact = true\n\n\
         [[cards]]\nid = \"c\"\nquestion = \"Q?2\"\nanswer = \"A\"\n",
    );
    assert_eq!(
        strictness_of(&cards),
        vec![
            ("a".into(), true, false),
            ("b".into(), false, true),
            ("c".into(), false, false),
        ]
    );
}

#[test]
fn strictness_on_the_deck_is_its_cards_default() {
    let source = "case_sensitive = true\nexact = true\nreverse = true\n\n\
                  [[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"CO\"\n\n\
                  [[cards]]\nid = \"b\"\nquestion = \"Q2?\"\nanswer = \"Co\"\nexact = false\n\n\
                  [[cards]]\nid = \"c\"\nquestion = \"Q3?\"\nanswer = \"NaCl\"\nexact = false\ncase_sensitive = false\n\n\
                  [[cards]]\nid = \"d\"\ncloze = \"{{CO}} and {{NaCl}}\"\n\n\
                  [[cards]]\nid = \"t\"\nquestion = \"True?\"\nanswer = true\n";
    let cards = clean_cards(source);
    assert_eq!(
        strictness_of(&cards),
        vec![
            ("a".into(), true, true),
            ("a~r".into(), true, true),
            ("b".into(), true, false),
            ("b~r".into(), true, false),
            ("c".into(), false, false),
            ("c~r".into(), false, false),
            ("d#1".into(), true, true),
            ("d#2".into(), true, true),
            // A deck's strictness is only a default: its true/false cards are no error.
            ("t".into(), true, true),
        ]
    );
}

#[test]
fn strictness_read_card_by_card_is_strictness_read_whole() {
    // A deck head keeps the file from being read one card at a time only if it is not
    // plain; either way the same strictness must come out.
    let by_card = "exact = true\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\ncase_sensitive = true\n";
    let whole = "exact = true\ncards = [{ id = \"a\", question = \"Q?\", answer = \"A\", case_sensitive = true }]\n";
    assert_eq!(
        strictness_of(&clean_cards(by_card)),
        strictness_of(&clean_cards(whole))
    );
}

#[test]
fn strictness_of_the_wrong_type() {
    let finding = only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\ncase_sensitive = \"yes\"\n",
        "E003",
        "5:18",
        "`case_sensitive`",
    );
    assert!(finding.message.contains("a boolean"), "{finding:?}");
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nexact = 1\n",
        "E003",
        "5:9",
        "`exact`",
    );
    only_error(
        "case_sensitive = 1\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
        "E003",
        "1:18",
        "`case_sensitive`",
    );
    only_error(
        "exact = \"true\"\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
        "E003",
        "1:9",
        "`exact`",
    );
}

#[test]
fn strictness_misspelt_is_an_unknown_field() {
    let finding = only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\ncase_sensitve = true\n",
        "E002",
        "5:1",
        "unknown card field `case_sensitve`",
    );
    assert_eq!(finding.label, "did you mean `case_sensitive`?");
    let finding = only_error(
        "exakt = true\n",
        "E002",
        "1:1",
        "unknown deck field `exakt`",
    );
    assert_eq!(finding.label, "did you mean `exact`?");
}

#[test]
fn strictness_on_a_picked_answer_is_an_error() {
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"True?\"\nanswer = true\nexact = true\n",
        "E013",
        "5:9",
        "`exact` works only on typed-answer cards; a truefalse card's answer is picked",
    );
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"CO\"\nchoices = [\"CO\", \"CO2\"]\ncase_sensitive = true\n",
        "E013",
        "6:18",
        "`case_sensitive` works only on typed-answer cards; a choice card's",
    );
    // Turning it off is no error.
    clean_cards("[[cards]]\nid = \"a\"\nquestion = \"True?\"\nanswer = true\nexact = false\n");
}

#[test]
fn exact_with_case_insensitive_is_a_contradiction() {
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\nexact = true\ncase_sensitive = false\n",
        "E013",
        "6:18",
        "contradicts the card's `exact = true`",
    );
    only_error(
        "exact = true\ncase_sensitive = false\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
        "E013",
        "2:18",
        "contradicts the deck's `exact = true`",
    );
    only_error(
        "exact = true\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\ncase_sensitive = false\n",
        "E013",
        "6:18",
        "contradicts the deck's `exact = true`",
    );
}

#[test]
fn a_strict_deck_judges_strictly() {
    let cards = clean_cards(
        "case_sensitive = true\n[[cards]]\nid = \"a\"\nquestion = \"Carbon monoxide?\"\nanswer = \"CO\"\n",
    );
    let card = &cards[0];
    let judge = |given| judge::judge_with(&card.expected, card.strictness, given);
    assert_eq!(judge("CO"), Verdict::Right);
    assert!(!judge("Co").is_accepted());
}

// `transliterate`: a romanisation of an answer in another script is close

#[test]
fn transliterate_on_the_deck_and_on_a_card() {
    let source = "transliterate = true\n\n\
                  [[cards]]\nid = \"a\"\nquestion = \"Thank you?\"\nanswer = \"спасибо\"\n\n\
                  [[cards]]\nid = \"b\"\nquestion = \"Yes?\"\nanswer = \"да\"\ntransliterate = false\n\n\
                  [[cards]]\nid = \"c\"\nquestion = \"Carbon monoxide?\"\nanswer = \"CO\"\ncase_sensitive = true\n";
    let cards = clean_cards(source);
    let flags: Vec<(&str, bool)> = cards
        .iter()
        .map(|c| (c.id.0.as_str(), c.strictness.transliterate))
        .collect();
    assert_eq!(flags, vec![("a", true), ("b", false), ("c", true)]);
    let judge = |card: &Card, given| judge::judge_with(&card.expected, card.strictness, given);
    assert!(matches!(
        judge(&cards[0], "spasibo"),
        Verdict::Close { ref correct, .. } if correct == "спасибо"
    ));
    assert!(!judge(&cards[1], "da").is_accepted());
    // The card's own `case_sensitive` wins over the deck's `transliterate`.
    assert_eq!(judge(&cards[2], "CO"), Verdict::Right);
    assert!(!judge(&cards[2], "Co").is_accepted());

    let single = clean_cards(
        "[[cards]]\nid = \"a\"\nquestion = \"Hello?\"\nanswer = \"你好\"\ntransliterate = true\n",
    );
    assert!(judge(&single[0], "ni hao").is_accepted());
    assert!(!judge(&single[0], "hello").is_accepted());
}

#[test]
fn transliterate_beside_exact_or_case_sensitive_is_a_contradiction() {
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"да\"\nexact = true\ntransliterate = true\n",
        "E013",
        "6:17",
        "`transliterate = true` contradicts the card's `exact = true`",
    );
    only_error(
        "case_sensitive = true\ntransliterate = true\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"да\"\n",
        "E013",
        "2:17",
        "`transliterate = true` contradicts the deck's `case_sensitive = true`",
    );
    only_error(
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"да\"\nchoices = [\"да\", \"нет\"]\ntransliterate = true\n",
        "E013",
        "6:17",
        "`transliterate` works only on typed-answer cards",
    );
    only_error(
        "transliterate = \"yes\"\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"да\"\n",
        "E003",
        "1:17",
        "`transliterate`",
    );
}
