//! The study screen, driven through a pseudo-terminal and read back through a VT100 parser
//! (see `pty_harness.rs`): the exact screen at 40, 80 and 120 columns, the keys that work on
//! each page, the type-ahead guard, resizing, editing a card, leaving by Esc, `:q`, Ctrl-C
//! and signals — and the database rows after each.

use rexpect::reader::Regex;

use crate::common::{answers, fixture, quiz_with};
use crate::pty_harness::{DOWN, ENTER, ESC, Tty, UP};

/// The screen with the time spent (it runs on the real clock) written as `0m00s`.
fn frame(screen: &str) -> String {
    let time = Regex::new(r"\d+m\d\ds").expect("regex");
    time.replace_all(screen, "0m00s").into_owned()
}

/// Waits for `needle`, then returns the whole screen, time masked.
#[track_caller]
fn shown(tty: &mut Tty, needle: &str) -> String {
    frame(&tty.expect(needle))
}

/// Asserts the normal screen left behind ends with the summary and the next-due line.
#[track_caller]
fn assert_summary(screen: &str, counts: &str) {
    let summary = Regex::new(&format!(r"(?m)^session: {counts} in \d+m\d\ds$")).expect("regex");
    assert!(
        summary.is_match(screen),
        "no `session: {counts}` line:\n{screen}"
    );
    let next = Regex::new(r"(?m)^next card due: \d{4}-\d\d-\d\d \d\d:\d\d \(.+\)$").expect("regex");
    assert!(next.is_match(screen), "no `next card due:` line:\n{screen}");
    assert_eq!(
        screen.matches("session: ").count(),
        1,
        "the summary, once:\n{screen}"
    );
}

fn sessions_closed(quiz: &crate::harness::Quiz) -> i64 {
    quiz.count("SELECT count(*) FROM sessions WHERE ended_at IS NOT NULL")
}

#[test]
fn typed_answers_right_then_wrong_at_80_columns() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 80, 16);

    assert_eq!(
        shown(&mut tty, "Enter answer"),
        "\
t · review                                                           1/2 · 0m00s
new 2 · learning 0 · due 0   ───────────────────────────────────────────────────
────────────────────────────────────────────────────────────────────────────────
What is the capital of France?









>

Enter answer · Esc quit"
    );
    tty.type_line("paris");
    // The counts with the verdict already count the answer just given.
    assert_eq!(
        shown(&mut tty, "next: "),
        "\
t · review                                                           1/2 · 0m00s
new 1 · learning 0 · due 0   ━━━━━━━━━━━━━━━━━━━━━━━━━──────────────────────────
────────────────────────────────────────────────────────────────────────────────
What is the capital of France?

right
  you typed paris
  It has been the capital for centuries.
  next: in 2 days






Enter next · w I was wrong · u undo · e edit · s suspend · Esc quit"
    );
    tty.decide(ENTER);
    tty.expect("In what year");
    tty.type_line("1965");
    assert_eq!(
        shown(&mut tty, "next: "),
        "\
t · review                                                           2/3 · 0m00s
new 0 · learning 1 · due 0   ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━─────────────────
────────────────────────────────────────────────────────────────────────────────
In what year was the Secret Speech delivered?

wrong
  you typed 1965
  answer    1956
  letters   19[-6]5[+6]
  At the 20th Party Congress.
  next: again right away, then tomorrow



Enter next · r I was right · a accept mine · u undo · e edit · s suspend
Esc quit"
    );
    // The miss comes back at once (no other card is left): counted as learning.
    tty.decide(ENTER);
    let screen = shown(&mut tty, "Enter answer");
    assert!(
        screen.starts_with(&format!(
            "t · review{}3/3 · 0m00s\nnew 0 · learning 1 · due 0   ━━━━",
            " ".repeat(59)
        )),
        "{screen}"
    );
    tty.decide(ESC);

    let screen = tty.exits_with(0);
    assert_summary(&screen, "2 asked, 1 right, 0 close, 1 wrong");
    assert!(screen.contains("left for today: 1 card\n"), "{screen}");
    assert!(
        screen.contains("missed (1):\n  - In what year was the Secret Speech delivered?"),
        "{screen}"
    );
    assert!(!screen.contains("All done for now."), "{screen}");
    assert_eq!(
        answers(&quiz),
        [
            ["capital", "3", "right", "paris"],
            ["year", "1", "wrong", "1965"]
        ]
    );
    assert_eq!(sessions_closed(&quiz), 1, "the session is closed");
}

const LONG_DECK: &str = r#"
title = "Leaders"

[[cards]]
id = "leader"
question = "Who led the Communist Party of the Soviet Union after Stalin died in 1953?"
answer = "Nikita Khrushchev"
explain = "He became First Secretary in September 1953 and denounced Stalin three years later."
"#;

/// A close answer at 40 columns: every word whole, continuation lines under their text,
/// the diff, what was forgiven, the interval, and the key bar on two lines without
/// splitting a key. (At 40×12 the question's first line and the verdict stay, and the
/// explanation scrolls.)
#[test]
fn a_close_answer_at_40_columns_wraps_at_words_and_shows_the_diff() {
    let quiz = quiz_with(LONG_DECK);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 40, 22);
    assert_eq!(
        shown(&mut tty, "Enter answer"),
        "\
t · review                   1/1 · 0m00s
new 1 · learning 0 · due 0   ───────────
────────────────────────────────────────
Who led the Communist Party of the
Soviet Union after Stalin died in 1953?














>

Enter answer · Esc quit"
    );
    tty.type_line("Nikita Krushchov");
    assert_eq!(
        shown(&mut tty, "next: "),
        "\
t · review                   1/1 · 0m00s
new 0 · learning 0 · due 0   ━━━━━━━━━━━
────────────────────────────────────────
Who led the Communist Party of the
Soviet Union after Stalin died in 1953?

close — accepted
  you typed Nikita Krushchov
  answer    Nikita Khrushchev
  letters   Nikita K[+h]rushch[+e][-o]v
  forgiven  typo
  He became First Secretary in September
  1953 and denounced Stalin three years
  later.
  next: tomorrow





Enter next · w I was wrong · u undo
e edit · s suspend · Esc quit"
    );
    tty.decide(ESC);
    tty.exits_with(0);
    assert_eq!(
        answers(&quiz),
        [["leader", "2", "close", "Nikita Krushchov"]]
    );
}

/// The same card at 120 columns: the question on one line, nothing scrolled away.
#[test]
fn a_close_answer_at_120_columns_keeps_the_question_on_one_line() {
    let quiz = quiz_with(LONG_DECK);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 120, 14);
    tty.expect("Enter answer");
    tty.type_line("Nikita Krushchev");
    assert_eq!(
        shown(&mut tty, "next: "),
        "\
t · review                                                                                                   1/1 · 0m00s
new 0 · learning 0 · due 0   ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
────────────────────────────────────────────────────────────────────────────────────────────────────────────────────────
Who led the Communist Party of the Soviet Union after Stalin died in 1953?

close — accepted
  you typed Nikita Krushchev
  answer    Nikita Khrushchev
  letters   Nikita K[+h]rushchev
  forgiven  typo
  He became First Secretary in September 1953 and denounced Stalin three years later.
  next: tomorrow

Enter next · w I was wrong · u undo · e edit · s suspend · Esc quit"
    );
    tty.decide(ENTER);
    let screen = tty.exits_with(0);
    assert!(screen.contains("All done for now."), "{screen}");
    assert_summary(&screen, "1 asked, 0 right, 1 close, 0 wrong");
    assert_eq!(
        answers(&quiz),
        [["leader", "2", "close", "Nikita Krushchev"]]
    );
}

/// `west⏎` typed straight after a right verdict neither overrides it nor answers the next
/// card: the keys arrive within the guard and are dropped.
#[test]
fn keys_typed_ahead_of_a_verdict_do_not_act() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);
    tty.expect("Enter answer");
    tty.type_line("Paris");
    tty.expect("next: in 2 days");
    tty.type_line("west");
    std::thread::sleep(std::time::Duration::from_millis(600));
    let screen = shown(&mut tty, "next: in 2 days");
    assert!(
        screen.contains("What is the capital of France?\n\nright\n"),
        "{screen}"
    );
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
    // A deliberate key still works.
    tty.decide(ENTER);
    tty.expect("In what year");
    tty.decide(ESC);
    tty.exits_with(0);
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
}

/// An empty Enter asks first; a second Enter hard on its heels is not the answer; only a
/// deliberate one counts as "I don't know".
#[test]
fn an_empty_enter_asks_and_only_a_second_deliberate_enter_is_a_miss() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t", "--limit", "1"], 80, 14);
    tty.expect("Enter answer");
    tty.keys(&format!("{ENTER}{ENTER}"));
    assert_eq!(
        shown(&mut tty, "Show the answer?"),
        "\
t · review                                                           1/1 · 0m00s
new 1 · learning 0 · due 0   ───────────────────────────────────────────────────
────────────────────────────────────────────────────────────────────────────────
What is the capital of France?

Show the answer? (Enter again = I don't know)






>
Enter I don't know · type answer · Esc quit"
    );
    assert_eq!(
        quiz.count("SELECT count(*) FROM reviews"),
        0,
        "no answer yet"
    );
    tty.decide(ENTER);
    let screen = shown(&mut tty, "next: ");
    assert!(
        screen.contains("wrong\n  you typed (nothing)\n  answer    Paris\n"),
        "{screen}"
    );
    tty.decide(ESC);
    tty.exits_with(0);
    assert_eq!(answers(&quiz), [["capital", "1", "wrong", ""]]);
}

/// Choices come shuffled (the seed fixes the order), numbered as shown, nothing picked;
/// a number key answers, and the log keeps the number as shown. True/false takes a letter.
#[test]
fn choices_are_shuffled_and_picked_by_number_and_true_false_by_letter() {
    let quiz = quiz_with(&fixture("decks/choices.toml"));
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t", "--seed", "3"], 80, 14);
    assert_eq!(
        shown(&mut tty, "pick"),
        "\
t · review                                                           1/2 · 0m00s
new 2 · learning 0 · due 0   ───────────────────────────────────────────────────
────────────────────────────────────────────────────────────────────────────────
Which congress heard the speech?
(choose one: 1–4 or a–d)
  1  21st Congress
  2  18th Congress
  3  20th Congress
  4  19th Congress




1–4 pick · ↑↓ move · Esc quit"
    );
    // Down highlights the first choice; Enter is offered only then.
    tty.keys(DOWN);
    let screen = shown(&mut tty, "Enter answer");
    assert!(
        screen.contains("\n> 1  21st Congress\n  2  18th Congress\n"),
        "{screen}"
    );
    tty.keys("3");
    let screen = shown(&mut tty, "next: ");
    assert!(
        screen.contains("right\n  you chose 3. 20th Congress\n  next: in 2 days"),
        "{screen}"
    );
    tty.decide(ENTER);
    let screen = shown(&mut tty, "t/f answer");
    assert!(
        screen.contains("The speech was published in the Soviet Union at the time.\n(true or false)\n  true\n  false\n"),
        "{screen}"
    );
    tty.keys("n");
    tty.expect("you chose false");
    tty.decide(ENTER);
    let screen = tty.exits_with(0);
    assert!(screen.contains("All done for now."), "{screen}");
    assert_summary(&screen, "2 asked, 2 right, 0 close, 0 wrong");
    assert_eq!(
        answers(&quiz),
        [
            ["congress", "3", "right", "20th Congress"],
            ["published", "3", "right", "false"]
        ]
    );
}

const HINT_DECK: &str = r#"
title = "Hints"

[[cards]]
id = "congress"
question = "Which congress heard the speech?"
answer = "20th Congress"
choices = ["18th Congress", "19th Congress", "20th Congress", "21st Congress"]
hint = "Held in February 1956."

[[cards]]
id = "city"
question = "In which city was the speech given?"
answer = "Moscow"
hint = "The capital."
"#;

/// `?` gives the hint on a choice card as on a typed one; a hinted right answer is Hard.
#[test]
fn a_question_mark_shows_the_hint_on_every_kind_and_a_hinted_answer_is_hard() {
    let quiz = quiz_with(HINT_DECK);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t", "--seed", "3"], 80, 16);
    // Offered where the card has a hint (and only there: see the cards of other tests).
    let screen = tty.expect("pick");
    assert!(screen.contains("· ? hint ·"), "{screen}");
    tty.keys("?");
    let screen = shown(&mut tty, "hint: ");
    assert!(
        screen.contains("  hint: Held in February 1956."),
        "{screen}"
    );
    let screen = frame(&tty.screen());
    let pick = screen
        .lines()
        .find(|line| line.ends_with("20th Congress"))
        .expect("the right choice on screen")
        .trim()
        .chars()
        .next()
        .expect("its number");
    tty.keys(&pick.to_string());
    tty.expect("right (with a hint)");
    tty.decide(ENTER);
    tty.expect("In which city");
    tty.keys("?");
    tty.expect("hint: The capital.");
    tty.type_line("Moscow");
    tty.expect("right (with a hint)");
    tty.decide(ENTER);
    tty.exits_with(0);
    assert_eq!(
        quiz.rows("SELECT card, rating, verdict FROM reviews ORDER BY id"),
        [["congress", "2", "right"], ["city", "2", "right"]]
    );
}

/// `r` after a wrong answer counts it right, and `a` then adds it to the deck's accept list.
#[test]
fn r_overrides_a_wrong_answer_and_a_accepts_it_from_now_on() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--limit", "1"]);
    tty.expect("Enter answer");
    tty.type_line("Lyon");
    tty.expect("r I was right");
    tty.decide("r");
    let screen = shown(&mut tty, "a accept this answer from now on");
    assert!(screen.contains("\ncounted as right\n"), "{screen}");
    tty.decide("a");
    let screen = tty.exits_with(0);
    assert!(
        screen.contains("added \"Lyon\" to the answers accepted for this card"),
        "{screen}"
    );
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(
        answers(&quiz),
        [["capital", "3", "overridden-right", "Lyon"]]
    );
    assert_eq!(
        quiz.rows("SELECT card, reps, lapses FROM cards"),
        [["capital", "1", "0"]]
    );
    let text = std::fs::read_to_string(quiz.data_dir().join("decks/t.toml")).unwrap();
    assert_eq!(
        text,
        fixture("decks/typed.toml").replacen(
            "answer = \"Paris\"\n",
            "answer = \"Paris\"\naccept = [\"Lyon\"]\n",
            1
        )
    );
}

/// `a` straight from the verdict overrides and accepts in one key.
#[test]
fn a_at_a_wrong_verdict_overrides_and_accepts() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--limit", "1"]);
    tty.expect("Enter answer");
    tty.type_line("Lyon");
    tty.expect("a accept mine");
    tty.decide("a");
    let screen = tty.exits_with(0);
    assert!(screen.contains("added \"Lyon\""), "{screen}");
    assert_eq!(
        answers(&quiz),
        [["capital", "3", "overridden-right", "Lyon"]]
    );
}

/// `u` takes the answer back and asks the card again; Up brings back what was typed.
#[test]
fn u_takes_the_answer_back_and_up_recalls_the_typed_answer() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);
    tty.expect("Enter answer");
    tty.type_line("Pariss");
    tty.expect("next: ");
    tty.decide("u");
    let screen = shown(&mut tty, "↑ last answer");
    assert!(
        screen.contains("undone: asking that card again"),
        "{screen}"
    );
    assert_eq!(quiz.count("SELECT count(*) FROM reviews"), 0);
    tty.keys(UP);
    tty.expect("> Pariss");
    // Backspace, then Ctrl-A and a character at the start, Ctrl-E back to the end.
    tty.keys("\x7f");
    tty.expect("> Paris");
    tty.type_line("");
    tty.expect("right");
    tty.decide(":");
    tty.keys("q");
    let screen = tty.exits_with(0);
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
    assert_eq!(
        quiz.rows("SELECT card, reps, lapses FROM cards"),
        [["capital", "1", "0"]]
    );
}

/// The answer line edits like a shell line.
#[test]
fn the_answer_line_edits_like_a_shell_line() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--limit", "1"]);
    tty.expect("Enter answer");
    tty.keys("big city of Paris");
    tty.expect("> big city of Paris");
    // Ctrl-W deletes the word before the cursor; Alt-B goes back a word; Ctrl-K cuts to
    // the end; Ctrl-A and Ctrl-E go to the start and the end; Ctrl-U clears the line.
    tty.control('w');
    tty.expect("> big city of");
    tty.keys("\x1bb");
    tty.control('k');
    tty.expect("> big city");
    tty.control('a');
    tty.keys("a ");
    tty.expect("> a big city");
    tty.control('u');
    tty.keys("Paris");
    tty.keys("\x1b[D\x1b[D\x1b[3~");
    tty.expect("> Pars");
    tty.control('e');
    tty.keys("\x1b[Di");
    tty.expect("> Paris");
    tty.keys(ENTER);
    tty.expect("right");
    tty.decide(ESC);
    tty.exits_with(0);
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
}

/// Ctrl-C anywhere ends the session like the signal it stands for: the terminal handed
/// back (no alternate screen, cursor shown — `exits_with` checks), the summary once, exit
/// 130, the session row closed, every answer kept.
#[test]
fn ctrl_c_at_a_question_a_choice_list_and_a_verdict_exits_130_with_the_summary() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);
    tty.expect("Enter answer");
    tty.type_line("Paris");
    tty.expect("next: ");
    tty.decide(ENTER);
    tty.expect("In what year");
    tty.control('c');
    let screen = tty.exits_with(130);
    assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
    assert!(screen.contains("left for today: 1 card"), "{screen}");
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
    assert_eq!(sessions_closed(&quiz), 1);

    let quiz = quiz_with(&fixture("decks/choices.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);
    tty.expect("pick");
    tty.control('c');
    let screen = tty.exits_with(130);
    assert!(
        frame(&screen).contains("session: 0 asked, 0 right, 0 close, 0 wrong in 0m00s\nleft for today: 2 cards\nnext card due: none scheduled yet"),
        "{screen}"
    );
    assert_eq!(sessions_closed(&quiz), 1);

    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);
    tty.expect("Enter answer");
    tty.type_line("Lyon");
    tty.expect("next: ");
    tty.control('c');
    let screen = tty.exits_with(130);
    assert_summary(&screen, "1 asked, 0 right, 0 close, 1 wrong");
    assert!(
        screen.contains("missed (1):\n  - What is the capital of France?"),
        "{screen}"
    );
    assert_eq!(answers(&quiz), [["capital", "1", "wrong", "Lyon"]]);
}

/// SIGTERM and SIGHUP stop a session as Ctrl-C does, with their own exit codes.
#[test]
fn sigterm_and_sighup_close_the_session_and_exit_143_and_129() {
    for (signal, code) in [
        (rexpect::process::Signal::SIGTERM, 143),
        (rexpect::process::Signal::SIGHUP, 129),
    ] {
        let quiz = quiz_with(&fixture("decks/typed.toml"));
        let mut tty = Tty::spawn(&quiz, &["start", "t"]);
        tty.expect("Enter answer");
        tty.type_line("Paris");
        tty.expect("next: ");
        tty.signal(signal);
        let screen = tty.exits_with(code);
        assert_summary(&screen, "1 asked, 1 right, 0 close, 0 wrong");
        assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
        assert_eq!(sessions_closed(&quiz), 1, "{signal:?}");
    }
}

/// The screen redraws at each new size, says so below 40×12, and comes back after.
#[test]
fn the_screen_follows_a_resize_and_says_when_it_is_too_small() {
    let quiz = quiz_with(LONG_DECK);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 120, 12);
    tty.expect("Who led the Communist Party of the Soviet Union after Stalin died in 1953?");
    tty.keys("Nikita");
    tty.expect("> Nikita");
    tty.resize(40, 12);
    assert_eq!(
        shown(&mut tty, "Soviet Union after"),
        "\
t · review                   1/1 · 0m00s
new 1 · learning 0 · due 0   ───────────
────────────────────────────────────────
Who led the Communist Party of the
Soviet Union after Stalin died in 1953?





> Nikita
Enter answer · ↑ last answer · Esc quit"
            .replace(" · ↑ last answer", "")
    );
    tty.resize(39, 11);
    assert_eq!(
        shown(&mut tty, "too small"),
        "The terminal is too small: quiz needs\n40×12, this one is 39×11."
    );
    tty.resize(80, 12);
    tty.expect("Who led the Communist Party of the Soviet Union after Stalin died in");
    tty.type_line(" Khrushchev");
    tty.expect("right");
    tty.decide(ESC);
    tty.exits_with(0);
    assert_eq!(
        answers(&quiz),
        [["leader", "3", "right", "Nikita Khrushchev"]]
    );
}

/// `e` opens the card in `$EDITOR` at its line; a broken save is shown with its line:col
/// and reopened; the saved card is asked again with its new wording, its answer taken back.
#[test]
fn e_edits_the_card_in_the_editor_and_asks_it_again() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let deck = quiz.data_dir().join("decks/t.toml");
    let calls = quiz.data_dir().join("editor-calls");
    // The first save leaves a stray quote (an error); the second rewords the question.
    let editor = quiz.write(
        "editor.sh",
        &format!(
            "#!/bin/sh\necho \"$@\" >> '{calls}'\n\
             if [ ! -e '{calls}.1' ]; then touch '{calls}.1'; \
             sed -i 's/^answer = \"Paris\"/answer = \"Paris/' \"$2\"; \
             else sed -i -e 's/^answer = \"Paris$/answer = \"Paris\"/' \
             -e 's/What is the capital of France?/Which city is the capital of France?/' \"$2\"; fi\n",
            calls = calls.display()
        ),
    );
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut tty = Tty::spawn_with_env(
        &quiz,
        &["start", "t"],
        &[("EDITOR", editor.to_str().unwrap()), ("VISUAL", "")],
    );
    tty.expect("Enter answer");
    tty.type_line("Lyon");
    tty.expect("e edit");
    tty.decide("e");
    let screen = shown(&mut tty, "edit again");
    let deck_name = deck.display().to_string();
    assert!(
        screen.contains(&format!("{deck_name}:7:16: invalid TOML")),
        "the error at its line:col:\n{screen}"
    );
    tty.decide("e");
    let screen = shown(&mut tty, "Which city is the capital of France?");
    assert!(
        screen.contains("saved: the edited card is asked again"),
        "{screen}"
    );
    assert_eq!(
        std::fs::read_to_string(&calls).unwrap(),
        format!("+4 {deck_name}\n+7 {deck_name}\n"),
        "the editor opened at the card's line, then at the error's"
    );
    assert_eq!(
        quiz.count("SELECT count(*) FROM reviews"),
        0,
        "the answer is taken back"
    );
    tty.type_line("Paris");
    tty.expect("right");
    tty.decide(ESC);
    tty.exits_with(0);
    assert_eq!(answers(&quiz), [["capital", "3", "right", "Paris"]]);
}

/// A bundled deck cannot be edited: the screen says so and how to make a copy.
#[test]
fn e_on_a_bundled_card_says_it_cannot_be_edited() {
    let mut quiz = crate::harness::Quiz::new();
    quiz.at(crate::common::NOW);
    let mut tty = Tty::spawn_with_env(
        &quiz,
        &["start", "secret-speech", "--limit", "1"],
        &[("EDITOR", "false")],
    );
    tty.expect("Enter answer");
    tty.type_line("no idea");
    tty.expect("e edit");
    tty.decide("e");
    let screen = shown(&mut tty, "cannot be edited");
    assert!(
        frame(&screen).replace('\n', " ").contains(
            "secret-speech is bundled with quiz and cannot be edited: copy its TOML file into"
        ),
        "{screen}"
    );
    // The verdict stays, with its keys: the `s` a learner presses next still suspends.
    assert!(
        screen.contains("wrong\n  you typed no idea\n") && screen.contains("Enter next"),
        "{screen}"
    );
    tty.decide("s");
    let screen = tty.exits_with(0);
    assert!(screen.contains("suspended: not asked again"), "{screen}");
}

/// `s` after a verdict suspends the card: its answer stays saved, its retry is dropped, the
/// session goes on without it, and the database keeps the suspension.
#[test]
fn s_after_a_verdict_suspends_the_card() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);
    tty.expect("What is the capital of France?");
    tty.type_line("Lyon");
    tty.expect("s suspend");
    tty.decide("s");
    let screen = shown(&mut tty, "In what year");
    assert!(
        screen.contains("suspended: not asked again until `quiz suspended t --restore capital`"),
        "{screen}"
    );
    tty.type_line("1956");
    tty.expect("right");
    tty.decide(ENTER);
    let screen = tty.exits_with(0);
    assert!(
        screen.contains("All done for now."),
        "the miss did not come back:\n{screen}"
    );
    assert_summary(&screen, "2 asked, 1 right, 0 close, 1 wrong");
    assert_eq!(
        answers(&quiz),
        [
            ["capital", "1", "wrong", "Lyon"],
            ["year", "3", "right", "1956"]
        ]
    );
    assert_eq!(
        quiz.rows("SELECT deck, card FROM suspended"),
        [["t", "capital"]]
    );
}

/// Colours are the terminal's own palette (indexed, never RGB), and NO_COLOR turns them off.
#[test]
fn colours_come_from_the_terminal_palette_and_no_color_turns_them_off() {
    for (no_color, expected) in [
        ("", Some((vt100::Color::Idx(1), true))),
        ("1", Some((vt100::Color::Default, false))),
    ] {
        let quiz = quiz_with(&fixture("decks/typed.toml"));
        let mut tty = Tty::spawn_with_env(&quiz, &["start", "t"], &[("NO_COLOR", no_color)]);
        tty.expect("Enter answer");
        tty.type_line("Lyon");
        tty.expect("next: ");
        assert_eq!(tty.style_of("wrong"), expected, "NO_COLOR={no_color:?}");
        tty.decide(ESC);
        tty.exits_with(0);
    }
}

/// `quiz cram` on the screen: the header names the mode, the command's own line is shown
/// under the first card, and no interval is promised since cram schedules nothing.
#[test]
fn cram_runs_on_the_screen_without_an_interval() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn_sized(&quiz, &["cram", "t", "--limit", "1"], 80, 14);
    let screen = shown(&mut tty, "Enter answer");
    assert!(screen.starts_with("t · cram "), "{screen}");
    assert!(screen.contains("\nCramming 1 card:"), "{screen}");
    tty.type_line("Paris");
    let screen = shown(&mut tty, "Enter next");
    assert!(
        screen.contains("right\n  you typed Paris\n  It has been the capital for centuries.\n"),
        "{screen}"
    );
    assert!(!screen.contains("next: "), "{screen}");
    tty.decide(ENTER);
    tty.exits_with(0);
    assert_eq!(
        quiz.rows("SELECT card, verdict, mode FROM reviews"),
        [["capital", "right", "cram"]]
    );
}

/// At 40×12 a long verdict does not fit: the question scrolls away first, the key bar
/// offers ↓↑, and ↓ brings the rest into view.
#[test]
fn a_verdict_too_tall_for_40_by_12_scrolls_with_the_arrows() {
    let quiz = quiz_with(LONG_DECK);
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 40, 12);
    tty.expect("Enter answer");
    tty.type_line("Nikita Krushchov");
    // The question's first line and the verdict stay in view; what has no room scrolls
    // under them: the interval, then the explanation.
    assert_eq!(
        shown(&mut tty, "more"),
        "\
t · review                   1/1 · 0m00s
new 0 · learning 0 · due 0   ━━━━━━━━━━━
────────────────────────────────────────
Who led the Communist Party of the…
close — accepted
  you typed Nikita Krushchov
  answer    Nikita Khrushchev
  letters   Nikita K[+h]rushch[+e][-o]v
  forgiven  typo
  next: tomorrow
↓↑ more · Enter next · w I was wrong
u undo · e edit · s suspend · Esc quit"
    );
    for _ in 0..6 {
        tty.keys(DOWN);
    }
    let screen = shown(&mut tty, "  later.");
    assert!(
        screen.contains("Who led the Communist Party of the…\nclose — accepted\n  you typed Nikita Krushchov\n  answer    Nikita Khrushchev\n  letters   Nikita K[+h]rushch[+e][-o]v\n  forgiven  typo\n  later.\n↓↑ more"),
        "{screen}"
    );
    tty.decide(ENTER);
    tty.exits_with(0);
    assert_eq!(
        answers(&quiz),
        [["leader", "2", "close", "Nikita Krushchov"]]
    );
}

/// A bare `q` typed as an answer is judged like any other; `:q` at the answer line quits.
#[test]
fn a_typed_q_is_an_answer_and_colon_q_quits() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t"]);
    tty.expect("What is the capital of France?");
    tty.type_line("q");
    let screen = shown(&mut tty, "next: ");
    assert!(
        screen.contains("wrong\n  you typed q\n  answer    Paris\n"),
        "{screen}"
    );
    tty.decide(ENTER);
    tty.expect("In what year");
    tty.type_line(":q");
    let screen = tty.exits_with(0);
    assert_summary(&screen, "1 asked, 0 right, 0 close, 1 wrong");
    assert_eq!(answers(&quiz), [["capital", "1", "wrong", "q"]]);
}

/// The arrows move a highlight through the choices and Enter takes it; true/false too.
#[test]
fn a_choice_picked_with_the_arrows_and_enter() {
    let quiz = quiz_with(&fixture("decks/choices.toml"));
    let mut tty = Tty::spawn(&quiz, &["start", "t", "--seed", "3"]);
    tty.expect("1–4 pick");
    // Up from nothing highlights the last choice; Up again the one above it.
    tty.keys(UP);
    tty.expect("> 4  19th Congress");
    tty.keys(UP);
    tty.expect("> 3  20th Congress");
    tty.keys(UP);
    tty.expect("> 2  18th Congress");
    tty.keys(ENTER);
    let screen = shown(&mut tty, "next: ");
    assert!(
        screen.contains("wrong\n  you chose 2. 18th Congress\n  answer    20th Congress\n"),
        "{screen}"
    );
    tty.decide(ENTER);
    tty.expect("t/f answer");
    tty.keys(DOWN);
    tty.expect("> true");
    tty.keys(DOWN);
    tty.expect("> false");
    tty.keys(ENTER);
    tty.expect("you chose false");
    tty.decide(ESC);
    tty.exits_with(0);
    assert_eq!(
        answers(&quiz),
        [
            ["congress", "1", "wrong", "18th Congress"],
            ["published", "3", "right", "false"]
        ]
    );
}

/// Issue 13, point 5: `o` after a verdict hands the card's media to the system's opener
/// (here a fake one named by `QUIZ_OPENER`) and shows the verdict again; the key is only
/// offered on a card with media.
#[test]
fn o_after_a_verdict_opens_the_cards_media_and_comes_back() {
    let quiz = quiz_with(
        "title = \"Flags\"\n\n[[cards]]\nid = \"fr\"\nquestion = \"Whose flag? [image: flag.png]\"\nanswer = \"France\"\n\n\
         [[cards]]\nid = \"de\"\nquestion = \"Capital of Germany?\"\nanswer = \"Berlin\"\n",
    );
    quiz.write("media/t/flag.png", "not really a png");
    let opened = quiz.data_dir().join("opened.txt");
    let opener = quiz.write(
        "fake-opener.sh",
        &format!("#!/bin/sh\necho \"$1\" >> '{}'\n", opened.display()),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let opener = opener.display().to_string();
    let mut tty = Tty::spawn_with_env(&quiz, &["start", "t"], &[("QUIZ_OPENER", &opener)]);
    tty.expect("Whose flag? [image: flag.png]");
    tty.type_line("France");
    tty.expect("o open media");
    tty.decide("o");
    let screen = shown(&mut tty, "opened flag.png");
    assert!(screen.contains("right"), "the verdict stays: {screen}");
    tty.until(|_| opened.exists(), "the opener to run");
    let media = quiz.data_dir().join("media/t/flag.png");
    assert_eq!(
        std::fs::read_to_string(&opened).expect("opened"),
        format!("{}\n", media.display())
    );
    tty.decide(ENTER);
    tty.expect("Capital of Germany?");
    tty.type_line("Berlin");
    let verdict = shown(&mut tty, "next:");
    assert!(
        !verdict.contains("open media"),
        "no media, no key: {verdict}"
    );
    tty.decide(ENTER);
    tty.exits_with(0);
}

/// The summary left on the normal screen is wrapped at word boundaries too: at 40 columns the
/// terminal itself once broke `wrong` and `tomorrow` in two.
#[test]
fn the_summary_after_ctrl_c_wraps_at_word_boundaries_at_40_columns() {
    let quiz = quiz_with(&fixture("decks/typed.toml"));
    let mut tty = Tty::spawn_sized(&quiz, &["start", "t"], 40, 16);
    tty.expect("What is the capital of France?");
    tty.type_line("Lyon");
    tty.expect("next:");
    tty.decide(ENTER);
    tty.expect("In what year");
    tty.control('c');
    let screen = tty.exits_with(130);
    let words: Vec<&str> = screen.split_whitespace().collect();
    for word in ["wrong", "asked,", "(tomorrow)", "capital", "France?"] {
        assert!(words.contains(&word), "{word:?} not whole:\n{screen}");
    }
    assert!(
        screen.lines().all(|line| line.chars().count() <= 40),
        "{screen}"
    );
}
