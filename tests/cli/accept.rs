//! `:accept`: after an override to right, the typed answer joins the card's accepted
//! answers — written into a deck file of the learner's own, kept in the store for a bundled
//! deck — and the next session judges it right.

use crate::common::{NOW, quiz_with};
use crate::harness::{Quiz, converse};

const DECK: &str = r#"# Capitals — comments and spacing are kept
title = "Capitals"

[[cards]]
id = "fr"
question  =  "Capital of France?"   # asked first
answer = "Paris"

[[cards]]
id = "de"
question = "Capital of Germany?"
answer = "Berlin"
accept = ["Berlin, Germany"]  # a longer form

[[cards]]
id = "it"
question = "Capital of Italy?"
answer = "Rome"
"#;

#[test]
fn an_accepted_answer_is_written_into_the_deck_file_and_is_right_next_time() {
    let quiz = quiz_with(DECK);
    let run = quiz.run(
        &["start", "t"],
        "Lutetia\n:right\n:accept\nBerolina\n:right\n:accept\nRome\n",
    );
    run.success();
    assert!(
        run.stdout
            .contains("\nadded \"Lutetia\" to the answers accepted for this card, in "),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(quiz.data_dir().join("decks/t.toml")).unwrap();
    assert_eq!(
        text,
        DECK.replace(
            "answer = \"Paris\"\n",
            "answer = \"Paris\"\naccept = [\"Lutetia\"]\n"
        )
        .replace(
            "[\"Berlin, Germany\"]",
            "[\"Berlin, Germany\", \"Berolina\"]"
        )
    );
    // Cramming shuffles; each card gets the answer that is now accepted for it.
    let again = converse(&quiz, &["cram", "t"], |question| {
        Some(
            match question {
                "Capital of France?" => "Lutetia",
                "Capital of Germany?" => "Berolina",
                _ => "Rome",
            }
            .to_string(),
        )
    });
    again.success();
    assert_eq!(
        again.verdicts(),
        ["right", "right", "right"],
        "{}",
        again.stdout
    );
}

#[test]
fn accept_without_an_override_to_right_adds_nothing_and_says_why() {
    let quiz = quiz_with(DECK);
    let run = quiz.run(&["start", "t"], "Paris\n:accept\nBerlin\n");
    run.success();
    assert!(
        run.stdout.contains(
            "nothing to accept: :accept adds the answer you just overrode to right (:right)\n"
        ),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(quiz.data_dir().join("decks/t.toml")).unwrap();
    assert_eq!(text, DECK);
}

#[test]
fn an_accepted_answer_to_a_bundled_card_is_kept_in_the_store() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let run = quiz.run(
        &["start", "--limit", "2"],
        "the day Stalin fell\nno idea\n:right\n:accept\n",
    );
    run.success();
    assert!(
        run.stdout
            .contains("\nadded \"no idea\" to the answers accepted for this card\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        quiz.rows("SELECT deck, card, answer FROM learner_accepts"),
        [["secret-speech", "premier-date", "no idea"]]
    );
    let premier = "On what date did Nikita Khrushchev become Soviet Premier?";
    let mut asked = false;
    let again = converse(&quiz, &["cram"], |question| {
        if asked {
            return None;
        }
        asked = question == premier;
        Some(if asked { "no idea" } else { "x" }.to_string())
    });
    assert!(
        again.stdout.contains(&format!("{premier}\nright\n")),
        "{}",
        again.stdout
    );
}

#[test]
fn a_cloze_gap_of_a_deck_file_is_not_given_an_accept_of_its_own() {
    let deck = "title = \"T\"\n\n[[cards]]\nid = \"thaw\"\ncloze = \"The {{Thaw}} followed the {{speech}}.\"\n";
    let quiz = quiz_with(deck);
    let run = quiz.run(&["start", "t"], "frost\n:right\n:accept\nspeech\n");
    run.success();
    assert!(
        run.stdout.contains(
            "not added: a cloze card's accept list is shared by all its gaps; edit the deck file to add it\n"
        ),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(quiz.data_dir().join("decks/t.toml")).unwrap();
    assert_eq!(text, deck);
}

#[test]
fn an_accepted_answer_is_shown_escaped_and_written_as_typed() {
    let quiz = quiz_with(DECK);
    let run = quiz.run(
        &["start", "t"],
        "Lu\u{1b}[31mtetia\n:right\n:accept\nBerlin\nRome\n",
    );
    run.success();
    let added = run
        .stdout
        .lines()
        .find(|line| line.starts_with("added "))
        .unwrap_or_else(|| panic!("nothing added:\n{}", run.stdout));
    assert!(!added.contains('\u{1b}'), "{added:?}");
    let text = std::fs::read_to_string(quiz.data_dir().join("decks/t.toml")).unwrap();
    let deck: toml::Table = toml::from_str(&text).expect("the deck still parses");
    let accept = &deck["cards"].as_array().unwrap()[0]["accept"];
    assert_eq!(
        accept.as_array().unwrap()[0].as_str(),
        Some("Lu\u{1b}[31mtetia")
    );
}
