//! Times of day are judged as times in a real session: the natural answers to a derived
//! clock-time gap count, a close one says which rule forgave it, and a ratio stays a ratio.

use crate::common::quiz_with;

const QUAKE: &str = r#"
title = "The quake"

[[cards]]
id = "struck"
cloze = "The earthquake struck at {{20:17 UTC}}."

[[cards]]
id = "sirens"
cloze = "The sirens sounded at {{04:00}}."

[[cards]]
id = "aftershock"
cloze = "The aftershock came at {{21:05}}."

[[cards]]
id = "score"
question = "The final score?"
answer = "3:2"
"#;

#[test]
fn natural_answers_to_clock_time_gaps_count() {
    let quiz = quiz_with(QUAKE);
    let run = quiz.run(&["start", "t"], "8:17 pm\n4 a.m.\n9:05\n3.2\n3:2\n");
    run.success();
    assert_eq!(
        run.verdicts(),
        [
            "right",
            "right",
            "close — forgiven: am/pm left out",
            "wrong",
            "right"
        ],
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  answer: 21:05\n"), "{}", run.stdout);
}

#[test]
fn a_wrong_zone_or_half_of_the_day_is_wrong() {
    let quiz = quiz_with(QUAKE);
    let run = quiz.run(
        &["start", "t"],
        "20:17 CET\n4pm\n08:05\n3:2\n21:17 CET\n04:00\n21:05\n",
    );
    run.success();
    assert_eq!(
        run.verdicts(),
        [
            "wrong", "wrong", "wrong", "right", "right", "right", "right"
        ],
        "{}",
        run.stdout
    );
}
