//! Cloze cards: what a learner sees of them, from the deck file and from the deck index
//! (where a cloze's cards share its text), and the limits on a cloze's gaps and on a
//! field's size (issue 10). Memory and database sizes are measured by bench/cloze.sh.

use crate::common::{NOW, run_in};
use crate::harness::Quiz;

/// Two clozes around a typed card: hints of the gap and of the card, `accept`, `explain`,
/// text outside ASCII.
const DECK: &str = r#"title = "Thaw"

[[cards]]
id = "thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}, «in {{Moscow}}»."
explain = "De-Stalinization, from 1956."
hint = "A season's end."
accept = ["the thaw"]

[[cards]]
id = "plain"
question = "Who gave the speech?"
answer = "Khrushchev"

[[cards]]
id = "congress"
cloze = "It was the {{20th}} Congress."
"#;

const ANSWERS: &str = "the thaw\nKhrushchev\n21st\n?\n1956\nMoscow\n20th\n";

/// The session as quiz printed it before a cloze's cards shared its text (commit cd12a1c),
/// in today's order: a cloze's other gaps after the cards of other notes.
const TRANSCRIPT: &str = "\
[1/5] The speech began the [...] in 1956, «in Moscow».
  (fill the gap)
right
  answer: Khrushchev Thaw
  explain: De-Stalinization, from 1956.

[2/5] Who gave the speech?
right
  answer: Khrushchev

[3/5] It was the [...] Congress.
  (fill the gap)
wrong
  answer: 20th
  next: again after 2 cards, then tomorrow

[4/6] The speech began the Khrushchev Thaw in [year], «in Moscow».
  (fill the gap)
  hint: year
right (with a hint)
  answer: 1956
  explain: De-Stalinization, from 1956.

[5/6] The speech began the Khrushchev Thaw in 1956, «in [...]».
  (fill the gap)
right
  answer: Moscow
  explain: De-Stalinization, from 1956.

[6/6] It was the [...] Congress.
  (fill the gap)
right
  answer: 20th

";

/// A month later every card is due and read from the index as due cards are; the cloze's
/// other gaps come after the card of another note.
const DUE_TRANSCRIPT: &str = "\
[1/5] It was the [...] Congress.
  (fill the gap)
right
  answer: 20th

[2/5] The speech began the Khrushchev Thaw in [year], «in Moscow».
  (fill the gap)
right
  answer: 1956
  explain: De-Stalinization, from 1956.

[3/5] Who gave the speech?
right
  answer: Khrushchev

[4/5] The speech began the [...] in 1956, «in Moscow».
  (fill the gap)
right
  answer: Khrushchev Thaw
  explain: De-Stalinization, from 1956.

[5/5] The speech began the Khrushchev Thaw in 1956, «in [...]».
  (fill the gap)
right
  answer: Moscow
  explain: De-Stalinization, from 1956.

All done for now.
session: 5 asked, 5 right, 0 close, 0 wrong in 0m00s
next card due: 2026-04-07 09:00 (in 6 days)
";

/// The transcripts below are what quiz printed before a cloze's cards shared its text
/// (commit cd12a1c), for the three ways a session reads cards from the deck index: new
/// cards one by one, the missed cards of a deck in file order, and the due cards.
#[test]
fn a_cloze_is_asked_as_before_its_cards_shared_its_text() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/thaw.toml", DECK);
    let first = quiz.run(&["start", "thaw"], ANSWERS);
    first.success();
    assert!(first.stdout.starts_with(TRANSCRIPT), "{}", first.stdout);
    let missed = quiz.run(&["missed", "thaw"], "20th\n");
    missed.success();
    assert!(
        missed.stdout.starts_with(
            "Drilling 1 card missed in the session of 2026-03-01 09:00.\n\
             [1/1] It was the [...] Congress.\n  (fill the gap)\nright\n  answer: 20th\n\n"
        ),
        "{}",
        missed.stdout
    );
    quiz.at("2026-04-01T09:00:00Z");
    let due = quiz.run(
        &["start", "thaw"],
        "20th\n1956\nKhrushchev\nKhrushchev Thaw\nMoscow\n",
    );
    due.success();
    assert_eq!(due.stdout, DUE_TRANSCRIPT);
}

/// `n` gaps in one cloze on one line: `{{w1}} {{w2}} …`.
fn cloze_deck(n: usize) -> String {
    let gaps: Vec<String> = (1..=n).map(|i| format!("{{{{w{i}}}}}")).collect();
    format!(
        "title = \"Gaps\"\n\n[[cards]]\nid = \"words\"\ncloze = \"Words: {}.\"\n",
        gaps.join(" ")
    )
}

#[test]
fn a_cloze_of_200_gaps_loads() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/gaps.toml", &cloze_deck(200));
    let run = run_in(
        &quiz,
        &quiz.data_dir().join("decks"),
        &["check", "gaps.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "gaps.toml: ok (200 cards)\n0 errors, 0 warnings\n"
    );
    let run = quiz.run(&["start", "gaps", "--limit", "2"], "w1\nx\n");
    run.success();
    let filled: Vec<String> = (3..=200).map(|i| format!("w{i}")).collect();
    let second = format!("[2/2] Words: w1 [...] {}.\n", filled.join(" "));
    assert!(run.stdout.contains(&second), "{}", run.stdout);
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM deck_cards WHERE deck = 'gaps'"),
        200
    );
}

#[test]
fn a_cloze_of_more_than_200_gaps_is_an_error_and_its_deck_is_skipped() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write("decks/gaps.toml", &cloze_deck(250));
    quiz.write(
        "decks/plain.toml",
        "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
    );
    let run = run_in(
        &quiz,
        &quiz.data_dir().join("decks"),
        &["check", "gaps.toml"],
    );
    assert_eq!(run.code, 1);
    // The caret is under the 201st gap, on a line of 2,000 characters cut to fit.
    assert_eq!(
        run.stdout,
        "error[E017]: cloze text has 250 gaps; a cloze has at most 200\n \
         --> gaps.toml:5:1709\n  |\n5 | ...{{w197}} {{w198}} {{w199}} {{w200}} {{w201}} \
         {{w202}} {{w203}} {{w204}} {{w205}} {{w206}} {{w207}} {{w208}} {{w209}} {{w210}} \
         {{w2...\n  |                                        ^^^^^^^^ gap 201 (split the text \
         into several cloze cards)\n1 error, 0 warnings\n"
    );
    let run = quiz.run(&["start", "gaps", "plain"], "A\n");
    run.success();
    assert!(run.stderr.contains("error[E017]"), "{}", run.stderr);
    assert!(run.stderr.contains("skipped deck `gaps`"), "{}", run.stderr);
    assert!(run.stdout.starts_with("[1/1] Q?\n"), "{}", run.stdout);
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM deck_cards WHERE deck = 'gaps'"),
        0
    );
}

#[test]
fn a_field_over_a_mebibyte_is_an_error_and_its_deck_is_skipped() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let long = "word ".repeat(210_000);
    quiz.write(
        "decks/long.toml",
        &format!(
            "[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\naccept = [\"B\", \"{long}\"]\n"
        ),
    );
    quiz.write(
        "decks/plain.toml",
        "[[cards]]\nid = \"a\"\nquestion = \"P?\"\nanswer = \"A\"\n",
    );
    let run = run_in(
        &quiz,
        &quiz.data_dir().join("decks"),
        &["check", "long.toml"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "error[E018]: an entry of `accept` is 1050000 bytes long; a text field holds at most \
         1048576 (1 MiB)\n --> long.toml:5:16\n  |\n5 | accept = [\"B\", \"word word word word \
         word word word word word word word word word word word word word word word word word \
         word word wo...\n  |                ^ this text is too long\n1 error, 0 warnings\n"
    );
    let run = quiz.run(&["start", "long", "plain"], "A\n");
    run.success();
    assert!(run.stderr.contains("error[E018]"), "{}", run.stderr);
    assert!(run.stderr.contains("skipped deck `long`"), "{}", run.stderr);
    assert!(run.stdout.starts_with("[1/1] P?\n"), "{}", run.stdout);
}

/// A deck's tags are kept with each of its cards, and a cloze's with each gap: 4 KiB of
/// tags in all is the most a deck or a card may have.
#[test]
fn tags_over_4_kib_in_all_are_an_error() {
    let quiz = Quiz::new();
    let tags: Vec<String> = (0..41)
        .map(|i| format!("\"t{i:02}{}\"", "x".repeat(97)))
        .collect();
    quiz.write(
        "decks/tags.toml",
        &format!(
            "title = \"Tags\"\ntags = [{}]\n\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n",
            tags.join(", ")
        ),
    );
    let run = run_in(
        &quiz,
        &quiz.data_dir().join("decks"),
        &["check", "tags.toml"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        format!(
            "error[E018]: `tags` hold 4100 bytes in all; tags hold at most 4096\n \
             --> tags.toml:2:8\n  |\n2 | tags = [\"t00{}\", \"t01xxxxxxxxxxxxxxxxx...\n  \
             |        ^ too many or too long tags\n1 error, 0 warnings\n",
            "x".repeat(97)
        )
    );
}

/// A gap answered with the words its card shows beside the blank (`four children` for
/// `She had [...] children`) is the fact named: right, saved as right. A wrong fact with
/// the same words, or the shown words alone, stay wrong.
#[test]
fn a_gap_answered_with_the_words_beside_it_is_right() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.write(
        "decks/family.toml",
        "title = \"Family\"\n\n[[cards]]\nid = \"kids\"\ncloze = \"She had {{four}} children, the first born in {{1950}}.\"\n\n[[cards]]\nid = \"move\"\ncloze = \"The firm moved to {{Redmond}}, Washington, in 1986.\"\n",
    );
    let run = quiz.run(
        &["start", "family"],
        "four children\nWashington\nborn in 1950\n",
    );
    run.success();
    let verdicts: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| ["right", "wrong"].contains(&l.trim()))
        .collect();
    assert_eq!(verdicts, ["right", "wrong", "right"], "{}", run.stdout);
    assert_eq!(
        quiz.count("SELECT COUNT(*) FROM reviews WHERE verdict = 'right' AND given_answer IN ('four children', 'born in 1950')"),
        2
    );
}
