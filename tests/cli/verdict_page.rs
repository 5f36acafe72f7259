//! The verdict page as a new learner meets it, through a real pty at 40×16, 40×12 and
//! 120×20, and the plain transcript beside it: a miss says it comes back in this session
//! (and does, after the cards it names), the counts with a verdict already count it, a long
//! explanation scrolls under the verdict instead of pushing it away, and a choice is saved
//! by its text.

use rexpect::reader::Regex;

use crate::common::{answers, capitals_deck, questions, quiz_with, without_time};
use crate::pty_harness::{DOWN, ENTER, ESC, Tty};

/// The screen with the time spent (it runs on the real clock) written as `0m00s`.
fn frame(screen: &str) -> String {
    let time = Regex::new(r"\d+m\d\ds").expect("regex");
    time.replace_all(screen, "0m00s").into_owned()
}

#[track_caller]
fn shown(tty: &mut Tty, needle: &str) -> String {
    frame(&tty.expect(needle))
}

/// The question on the screen now (the line under the rule).
fn question_on(screen: &str) -> &str {
    screen.lines().nth(3).unwrap_or("")
}

#[test]
fn a_miss_says_after_how_many_cards_it_comes_back_and_counts_as_learning_at_once() {
    let quiz = quiz_with(&capitals_deck(6));
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 40, 16);
    tty.expect("Capital of France?");
    tty.type_line("Lyon");
    assert_eq!(
        shown(&mut tty, "next: "),
        "\
t · review                   1/7 · 0m00s
new 5 · learning 1 · due 0   ━──────────
────────────────────────────────────────
Capital of France?

wrong
  you typed Lyon
  answer    Paris
  next: again after 3 cards, then
  tomorrow



Enter next · r I was right
a accept mine · u undo · e edit
s suspend · Esc quit"
    );
    // It is true: three other cards, then France again, counted as learning on its way.
    for (country, capital) in [
        ("Germany", "Berlin"),
        ("Italy", "Rome"),
        ("Spain", "Madrid"),
    ] {
        tty.decide(ENTER);
        let screen = shown(&mut tty, "Enter answer");
        assert_eq!(question_on(&screen), format!("Capital of {country}?"));
        assert!(
            screen.contains("· learning 1 ·"),
            "the miss is still to come:\n{screen}"
        );
        tty.type_line(capital);
        tty.expect("next: in ");
    }
    tty.decide(ENTER);
    let screen = shown(&mut tty, "Enter answer");
    assert_eq!(question_on(&screen), "Capital of France?", "{screen}");
    assert!(
        screen.starts_with("t · review                   5/7"),
        "{screen}"
    );
    tty.type_line("Paris");
    let screen = shown(&mut tty, "next: ");
    // Answered right at its retry: no longer learning, and nothing more this session.
    assert!(screen.contains("new 2 · learning 0 · due 0"), "{screen}");
    assert!(
        screen.contains("right\n  you typed Paris\n  next: tomorrow\n"),
        "{screen}"
    );
    tty.decide(ESC);
    tty.exits_with(0);
}

#[test]
fn the_plain_transcript_says_the_same_and_a_cram_has_no_schedule_to_name() {
    let quiz = quiz_with(&capitals_deck(6));
    let run = quiz.run(
        &["start", "t"],
        "Lyon\nBerlin\nRome\nMadrid\nParis\nLisbon\nVienna\n",
    );
    run.success();
    let out = without_time(&run.stdout);
    assert!(
        out.starts_with(
            "[1/6] Capital of France?\nwrong\n  answer: Paris\n  \
             next: again after 3 cards, then tomorrow\n\n[2/7] Capital of Germany?\nright\n  \
             answer: Berlin\n\n"
        ),
        "{out}"
    );
    let asked: Vec<String> = questions(&run.stdout).into_iter().map(|q| q.2).collect();
    assert_eq!(
        asked[4], "Capital of France?",
        "after three cards: {asked:?}"
    );
    assert_eq!(asked.len(), 7);

    let quiz = quiz_with(&capitals_deck(2));
    let run = quiz.run(&["cram", "t", "--seed", "1"], "Lyon\nBonn\n");
    run.success();
    let out = without_time(&run.stdout);
    assert!(
        out.contains("wrong\n  answer: Paris\n  next: again after 1 card\n\n")
            || out.contains("wrong\n  answer: Berlin\n  next: again after 1 card\n\n"),
        "{out}"
    );
    assert!(!out.contains(", then"), "a cram schedules nothing:\n{out}");
}

const LONG_EXPLAIN: &str = r#"
title = "Thaw"

[[cards]]
id = "speech"
question = "Which speech of February 1956 denounced Stalin's cult of personality?"
answer = "the Secret Speech"
explain = "Khrushchev gave it on 25 February 1956 to a closed session of the 20th Party Congress. It was read out at party meetings across the Soviet Union, and published in the West that June. It began the Thaw."
"#;

#[test]
fn at_40_by_16_a_long_explanation_scrolls_under_the_verdict_and_the_question_stays() {
    let quiz = quiz_with(LONG_EXPLAIN);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 40, 16);
    tty.expect("Enter answer");
    tty.type_line("On the Cult");
    assert_eq!(
        shown(&mut tty, "more"),
        "\
t · review                   1/2 · 0m00s
new 0 · learning 1 · due 0   ━━━━━──────
────────────────────────────────────────
Which speech of February 1956 denounced…

wrong
  you typed On the Cult
  answer    the Secret Speech
  next: again right away, then tomorrow
  Khrushchev gave it on 25 February 1956
  to a closed session of the 20th Party
  Congress. It was read out at party

↓↑ more · Enter next · r I was right
a accept mine · u undo · e edit
s suspend · Esc quit"
    );
    for _ in 0..8 {
        tty.keys(DOWN);
    }
    let screen = shown(&mut tty, "began the Thaw.");
    assert!(
        screen.contains(
            "Which speech of February 1956 denounced…\n\nwrong\n  you typed On the Cult\n  \
             answer    the Secret Speech\n"
        ),
        "the verdict stays while the explanation scrolls:\n{screen}"
    );
    tty.decide(ESC);
    tty.exits_with(0);
    assert_eq!(answers(&quiz), [["speech", "1", "wrong", "On the Cult"]]);
}

#[test]
fn at_40_by_12_the_verdict_keeps_its_answers_and_the_rest_scrolls() {
    let quiz = quiz_with(LONG_EXPLAIN);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 40, 12);
    tty.expect("Enter answer");
    tty.type_line("On the Cult");
    assert_eq!(
        shown(&mut tty, "more"),
        "\
t · review                   1/2 · 0m00s
new 0 · learning 1 · due 0   ━━━━━──────
────────────────────────────────────────
Which speech of February 1956 denounced…
wrong
  you typed On the Cult
  answer    the Secret Speech
  next: again right away, then tomorrow
  Khrushchev gave it on 25 February 1956
↓↑ more · Enter next · r I was right
a accept mine · u undo · e edit
s suspend · Esc quit"
    );
    for _ in 0..9 {
        tty.keys(DOWN);
    }
    let screen = shown(&mut tty, "began the Thaw.");
    assert!(
        screen.contains(
            "Which speech of February 1956 denounced…\nwrong\n  you typed On the Cult\n  \
             answer    the Secret Speech\n"
        ),
        "{screen}"
    );
    tty.decide(ESC);
    tty.exits_with(0);
}

#[test]
fn at_120_by_20_the_whole_verdict_fits_and_nothing_is_cut() {
    let quiz = quiz_with(LONG_EXPLAIN);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 120, 20);
    tty.expect("Enter answer");
    tty.type_line("On the Cult");
    let screen = shown(&mut tty, "next: ");
    assert!(
        screen.contains(
            "Which speech of February 1956 denounced Stalin's cult of personality?\n\nwrong\n"
        ),
        "{screen}"
    );
    assert!(
        !screen.contains('…') && !screen.contains("more"),
        "{screen}"
    );
    assert!(screen.contains("It began the Thaw.\n  next: again right away, then tomorrow\n"));
    tty.decide(ESC);
    tty.exits_with(0);
}

/// Flip mode at 40×12: the grades stay in view under a long explanation, and a card graded
/// Again says when it comes back, on the screen and in the transcript.
#[test]
fn a_flip_card_keeps_its_grades_in_view_and_again_says_when_it_comes_back() {
    let deck = format!(
        "{LONG_EXPLAIN}\n[[cards]]\nid = \"city\"\nquestion = \"In which city?\"\nanswer = \"Moscow\"\n"
    );
    let quiz = quiz_with(&deck);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t", "--mode", "flip"], 40, 12);
    tty.expect("show the answer");
    tty.keys(ENTER);
    assert_eq!(
        shown(&mut tty, "1–4 grade"),
        "\
t · review                   1/2 · 0m00s
new 2 · learning 0 · due 0   ───────────
────────────────────────────────────────
Which speech of February 1956 denounced…

  answer  the Secret Speech
  Khrushchev gave it on 25 February 1956
  to a closed session of the 20th Party
How well did you know it?
1 again 1d · 2 hard 1d · 3 good 2d
4 easy 8d
↓↑ more · 1–4 grade · Esc quit"
    );
    tty.decide("1");
    let screen = shown(&mut tty, "graded again");
    assert!(
        screen.contains("graded again · next: again after 1 card,\nthen tomorrow"),
        "{screen}"
    );
    tty.decide(ESC);
    tty.exits_with(0);

    let quiz = quiz_with(&deck);
    let run = quiz.run(&["start", "t", "--mode", "flip"], "\n1\n\n3\n\n3\n");
    run.success();
    assert!(
        run.stdout.contains(
            "graded again\n  next: again after 1 card, then tomorrow\n\n[2/3] In which city?"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("graded good\n\n"), "{}", run.stdout);
}

/// A several-answer card answered with none of its parts: the verdict line does not list
/// every part as missing above the answer line that lists them (three rows at 40 columns).
#[test]
fn nothing_of_a_several_answer_card_is_not_listed_twice() {
    let quiz = quiz_with(
        r#"
title = "Thaw"

[[cards]]
id = "results"
question = "Name the three results of de-Stalinization."
answer = ["release of prisoners", "rehabilitation", "less censorship"]
"#,
    );
    let run = quiz.run(&["cram", "t"], "no idea\nrehabilitation\n:q\n");
    run.success();
    let out = without_time(&run.stdout);
    assert!(
        out.starts_with(
            "Cramming 1 card: answers are logged, schedules are left alone.\n\
             [1/1] Name the three results of de-Stalinization.\n  (3 answers, separated by \
             commas)\nwrong\n  answer: release of prisoners, rehabilitation, less censorship\n  \
             next: again right away\n\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("wrong — missing: release of prisoners, less censorship\n"),
        "a part given: the rest is listed\n{out}"
    );

    let mut tty = Tty::spawn_sized(&quiz, &["cram", "t"], 40, 16);
    tty.expect("Enter answer");
    tty.type_line("no idea");
    let screen = shown(&mut tty, "next: ");
    assert!(
        screen.contains("\nwrong\n  you typed no idea\n  answer    release of prisoners,\n"),
        "{screen}"
    );
    tty.decide(ESC);
    tty.exits_with(0);
}

/// `r` on a miss: the verdict stays for `a`, and what it said of the rest is redone — the
/// card no longer comes back in this session, and is not counted as learning.
#[test]
fn r_on_a_miss_redoes_when_the_card_comes_back_and_the_counts() {
    let quiz = quiz_with(&crate::common::fixture("decks/typed.toml"));
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 40, 16);
    tty.expect("Enter answer");
    tty.type_line("Lutetia");
    let screen = shown(&mut tty, "next: again after 1 card");
    assert!(
        screen.starts_with("t · review                   1/3 · 0m00s\nnew 1 · learning 1 · due 0"),
        "{screen}"
    );
    tty.decide("r");
    let screen = shown(&mut tty, "accept this answer");
    assert!(
        screen.starts_with("t · review                   1/2 · 0m00s\nnew 1 · learning 0 · due 0"),
        "{screen}"
    );
    assert!(
        screen.contains(
            "  It has been the capital for centuries.\n  next: in 2 days\n\ncounted as right\n"
        ),
        "{screen}"
    );
    tty.decide(ENTER);
    tty.expect("In what year");
    tty.decide(ESC);
    tty.exits_with(0);
}
