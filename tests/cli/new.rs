//! `quiz new`: a commented template deck that passes `quiz check`, written where asked and
//! never over an existing file.

use crate::common::{capitals_deck, fixture, path_arg, run_in};
use crate::harness::Quiz;

#[test]
fn new_creates_a_deck_that_passes_check() {
    let quiz = Quiz::new();
    let run = quiz.run(&["new", "capitals"], "");
    run.success();
    let path = quiz.data_dir().join("decks/capitals.toml");
    assert!(
        run.stdout
            .starts_with(&format!("created {}\n", path.display())),
        "{}",
        run.stdout
    );
    let text = std::fs::read_to_string(&path).expect("the new deck");
    assert!(text.starts_with("# "), "a commented template:\n{text}");
    assert!(text.contains("title = \"capitals\"\n"), "{text}");

    let run = quiz.run(&["check", "capitals"], "");
    run.success();
    assert!(
        run.stdout.ends_with("\n0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
    let run = quiz.run(&["check", "--format", "json"], "");
    run.success();
    assert_eq!(run.stdout, "");
}

#[test]
fn new_never_overwrites() {
    let quiz = Quiz::new();
    let good = capitals_deck(2);
    let path = quiz.write("decks/mine.toml", &good);
    let run = quiz.run(&["new", "mine"], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!(
            "{} already exists; not overwriting it",
            path.display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), good);

    let warned = fixture("decks/one-warning.toml");
    let elsewhere = quiz.write("elsewhere.toml", &warned);
    let run = quiz.run(&["new", "other", "--path", path_arg(&elsewhere)], "");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&elsewhere).expect("read"), warned);
}

#[test]
fn new_with_path_writes_there() {
    let quiz = Quiz::new();
    let target = quiz.data_dir().join("shared/history.toml");
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    let run = quiz.run(&["new", "history", "--path", path_arg(&target)], "");
    run.success();
    assert!(target.is_file());
    assert!(!quiz.data_dir().join("decks/history.toml").exists());
    let run = run_in(&quiz, quiz.data_dir(), &["check", "shared/history.toml"]);
    run.success();
    assert!(
        run.stdout.ends_with("\n0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn new_refuses_a_name_that_is_a_path() {
    let quiz = Quiz::new();
    for name in ["../x", "a/b", ".hidden", ""] {
        let run = quiz.run(&["new", name], "");
        assert_eq!(run.code, 1, "{name:?}: {}", run.stdout);
        assert!(
            run.stderr.contains("is not a deck name"),
            "{name:?}: {}",
            run.stderr
        );
    }
    assert!(!quiz.data_dir().join("x.toml").exists());
    let made: Vec<_> = std::fs::read_dir(quiz.data_dir().join("decks"))
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(made.is_empty(), "{made:?}");
}
