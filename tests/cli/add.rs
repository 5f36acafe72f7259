//! `quiz add` in plain mode: the prompts for each kind of card, the cards appended as TOML,
//! a card with a mistake refused, and bundled decks left unedited; on a pty, Ctrl-C at any
//! prompt leaves the terminal as it found it.

use crate::harness::Quiz;
use crate::pty_harness::{ENTER, Tty};

const BEFORE_ADD: &str = "# Soviet history, typed by hand
title = \"Soviet history\"   # the title
tags = [\"history\"]

# Dates first.
[[cards]]
id = \"speech-date\"
question = \"On what date did Khrushchev deliver the Secret Speech?\"
answer = \"February 25, 1956\"   # the day of the speech
";

/// Five cards (text, choice, true/false, several, cloze), then a choice card whose answer is
/// not among its choices, then no more.
const ADD_SCRIPT: &str = "text
Who succeeded Lenin?
Joseph Stalin
Stalin | Josef Stalin
He outmanoeuvred Trotsky.

people, leaders
y
y
choice
Which congress heard the speech?
19th Congress | 20th Congress | 21st Congress
2



y
y
truefalse
The speech was published in the USSR in 1956.
false
It was published there in 1989.


y
y
several
Name two effects of de-Stalinization.
release of political prisoners | relaxed censorship


thaw
y
y
cloze
The speech began the {{Khrushchev Thaw}} in {{1956::year}}.

A season's end.

y
y
choice
Which city hosted the congress?
Moscow | Kyiv
Leningrad



y
n
";

const ADDED: &str = r#"
[[cards]]
id = "who-succeeded-lenin"
question = "Who succeeded Lenin?"
answer = "Joseph Stalin"
accept = ["Stalin", "Josef Stalin"]
explain = "He outmanoeuvred Trotsky."
tags = ["people", "leaders"]

[[cards]]
id = "which-congress-heard-the-speech"
question = "Which congress heard the speech?"
answer = "20th Congress"
choices = ["19th Congress", "20th Congress", "21st Congress"]

[[cards]]
id = "the-speech-was-published-in-the"
question = "The speech was published in the USSR in 1956."
answer = false
explain = "It was published there in 1989."

[[cards]]
id = "name-two-effects-of-de-stalinization"
question = "Name two effects of de-Stalinization."
answer = ["release of political prisoners", "relaxed censorship"]
tags = ["thaw"]

[[cards]]
id = "the-speech-began-the-khrushchev-thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}."
hint = "A season's end."
"#;

const ADD_TRANSCRIPT: &str = r#"kind (text/choice/truefalse/several/cloze):
question:
answer:
other answers that count as right (separated by |, optional):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "who-succeeded-lenin"
question = "Who succeeded Lenin?"
answer = "Joseph Stalin"
accept = ["Stalin", "Josef Stalin"]
explain = "He outmanoeuvred Trotsky."
tags = ["people", "leaders"]
add this card? [Y/n]:
added `who-succeeded-lenin` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
question:
choices (separated by |):
the right choice (its text or number):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "which-congress-heard-the-speech"
question = "Which congress heard the speech?"
answer = "20th Congress"
choices = ["19th Congress", "20th Congress", "21st Congress"]
add this card? [Y/n]:
added `which-congress-heard-the-speech` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
statement (true or false):
answer (true/false):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "the-speech-was-published-in-the"
question = "The speech was published in the USSR in 1956."
answer = false
explain = "It was published there in 1989."
add this card? [Y/n]:
added `the-speech-was-published-in-the` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
question:
answers (separated by |):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "name-two-effects-of-de-stalinization"
question = "Name two effects of de-Stalinization."
answer = ["release of political prisoners", "relaxed censorship"]
tags = ["thaw"]
add this card? [Y/n]:
added `name-two-effects-of-de-stalinization` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
cloze text (mark each gap as {{answer}}):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "the-speech-began-the-khrushchev-thaw"
cloze = "The speech began the {{Khrushchev Thaw}} in {{1956::year}}."
hint = "A season's end."
add this card? [Y/n]:
added `the-speech-began-the-khrushchev-thaw` to <data>/decks/soviet.toml
add another card? [Y/n]:
kind (text/choice/truefalse/several/cloze):
question:
choices (separated by |):
the right choice (its text or number):
explanation shown after answering (optional):
hint (optional):
tags (separated by spaces or commas, optional):

[[cards]]
id = "which-city-hosted-the-congress"
question = "Which city hosted the congress?"
answer = "Leningrad"
choices = ["Moscow", "Kyiv"]
add this card? [Y/n]:
error[E005]: answer `Leningrad` is not one of the choices
  --> <data>/decks/soviet.toml:45:10
   |
45 | answer = "Leningrad"
   |          ^^^^^^^^^^^ not among the choices
46 | choices = ["Moscow", "Kyiv"]
   |           ------------------ the choices
not added: the card has the mistakes shown above
add another card? [Y/n]:
5 cards added
"#;

#[test]
fn add_in_plain_mode_appends_cards_and_refuses_a_broken_one() {
    let quiz = Quiz::new();
    let path = quiz.write("decks/soviet.toml", BEFORE_ADD);
    let run = quiz.run(&["add", "soviet"], ADD_SCRIPT);
    run.success();
    let data = quiz.data_dir().display().to_string();
    assert_eq!(run.stdout.replace(&data, "<data>"), ADD_TRANSCRIPT);

    let text = std::fs::read_to_string(&path).expect("read deck");
    assert!(text.starts_with(BEFORE_ADD), "{text}");
    assert_eq!(&text[BEFORE_ADD.len()..], ADDED);
    assert!(!text.contains("Leningrad"), "the refused card was written");

    let run = quiz.run(&["check", "soviet"], "");
    run.success();
    assert_eq!(
        run.stdout.replace(&data, "<data>"),
        "<data>/decks/soviet.toml: ok (7 cards)\n0 errors, 0 warnings\n"
    );
}

#[test]
fn add_refuses_a_bundled_deck() {
    let quiz = Quiz::new();
    let run = quiz.run(&["add", "secret-speech"], "text\nQ?\nA\n\n\n\n\ny\nn\n");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("`secret-speech` is a bundled deck and cannot be edited"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    assert!(!quiz.data_dir().join("decks/secret-speech.toml").exists());
}

/// What a terminal does with the cursor after `screen`: the last of dialoguer's "hide" and
/// "show" sequences wins.
/// Ctrl-C at each kind of prompt of `quiz add` on a real pty: the cursor a select list
/// hid is shown again, the cards added so far stay in the file, and the exit is 130.
#[test]
fn ctrl_c_in_any_prompt_of_add_restores_the_cursor_and_exits_130() {
    let deck = "title = \"Mine\"\n\n[[cards]]\nid = \"a\"\nquestion = \"Q?\"\nanswer = \"A\"\n";
    // (keys typed before Ctrl-C, the prompt Ctrl-C is pressed at)
    let stops: [(&[&str], &str); 3] = [
        (&[], "cloze"),
        (&[ENTER], "question"),
        (
            &[ENTER, "Who?\r", "Me\r", "\r", "\r", "\r", "\r"],
            "add this card?",
        ),
    ];
    for (typed, at) in stops {
        let quiz = Quiz::new();
        let path = quiz.write("decks/mine.toml", deck);
        let mut tty = Tty::spawn(&quiz, &["add", "mine"]);
        tty.expect("kind");
        for keys in typed {
            tty.keys(keys);
        }
        tty.expect(at);
        // Let the prompt finish drawing (and hide the cursor) before the key arrives.
        std::thread::sleep(std::time::Duration::from_millis(200));
        if at == "cloze" {
            assert!(tty.cursor_hidden(), "{at}: a select list hides the cursor");
        }
        tty.control('c');
        // `exits_with` also asserts that the cursor is shown again.
        let screen = tty.exits_with(130);
        assert!(
            screen
                .lines()
                .any(|l| l.trim_end() == "interrupted: the cards added before this one are saved"),
            "{at}: {screen:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            deck,
            "{at}: nothing half-written"
        );
    }
}
