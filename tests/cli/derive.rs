//! `quiz derive` end to end: the seed document becomes a deck that `quiz check` passes and
//! `quiz start` asks, the output file is never overwritten, and a document with nothing to
//! ask, or one that is not UTF-8, is refused with a message naming it.

use std::path::{Path, PathBuf};

use crate::harness::Quiz;

fn seed() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/derive/000_36f739adb32d5b01.txt")
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// `<data dir>/decks/NAME.toml`, its folder created.
fn deck_path(quiz: &Quiz, name: &str) -> PathBuf {
    let path = quiz.data_dir().join("decks").join(format!("{name}.toml"));
    std::fs::create_dir_all(path.parent().expect("decks folder")).expect("create decks folder");
    path
}

#[test]
fn the_seed_document_becomes_a_deck_that_checks_clean_and_can_be_studied() {
    let quiz = Quiz::new();
    let out = deck_path(&quiz, "seed");
    let run = quiz.run(&["derive", arg(&seed()), "-o", arg(&out)], "");
    run.success();
    assert_eq!(run.stdout, "", "the deck goes to the file");
    assert!(
        run.stderr
            .starts_with("quiz: drafted 9 cards (13 gaps) from 23 sentences of "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .ends_with("; review every card before studying\n"),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(&out).expect("the deck was written");
    assert!(
        text.starts_with(
            "# Drafted automatically by `quiz derive` from 000_36f739adb32d5b01.txt.\n"
        )
    );
    assert!(
        text.contains("\nsource = \"000_36f739adb32d5b01.txt\"\n"),
        "{text}"
    );

    let check = quiz.run(&["check", "seed"], "");
    check.success();
    assert!(
        check.stdout.ends_with("0 errors, 0 warnings\n"),
        "{}",
        check.stdout
    );

    let study = quiz.run(
        &["--plain", "start", "seed", "--limit", "1"],
        "March 27, 1958\n",
    );
    study.success();
    assert!(
        study
            .stdout
            .starts_with("[1/1] When did Nikita Khrushchev become Soviet Premier?\n"),
        "{}",
        study.stdout
    );
    assert_eq!(study.verdicts(), ["right"]);
    assert_eq!(
        quiz.rows("SELECT card, verdict FROM reviews"),
        [["nikita-khrushchev-becomes-soviet-premier", "right"]]
    );
}

#[test]
fn without_output_the_deck_goes_to_stdout_and_the_same_document_drafts_the_same_deck() {
    let quiz = Quiz::new();
    let first = quiz.run(&["derive", arg(&seed()), "--title", "The speech"], "");
    first.success();
    assert!(
        first.stdout.contains("\ntitle = \"The speech\"\n"),
        "{}",
        first.stdout
    );
    let again = quiz.run(&["derive", arg(&seed()), "--title", "The speech"], "");
    again.success();
    assert_eq!(again.stdout, first.stdout);

    let limited = quiz.run(&["derive", arg(&seed()), "--limit", "2"], "");
    limited.success();
    assert_eq!(limited.stdout.matches("[[cards]]").count(), 2);
    assert!(
        limited
            .stderr
            .starts_with("quiz: drafted 2 cards (2 gaps) from 23 sentences"),
        "{}",
        limited.stderr
    );
}

#[test]
fn output_is_never_overwritten() {
    let quiz = Quiz::new();
    let out = deck_path(&quiz, "mine");
    std::fs::write(&out, "title = \"Mine\"\n").expect("write deck");
    let run = quiz.run(&["derive", arg(&seed()), "-o", arg(&out)], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("already exists; not overwriting it"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("read deck"),
        "title = \"Mine\"\n"
    );
}

#[test]
fn a_document_with_nothing_to_ask_is_refused() {
    let quiz = Quiz::new();
    let empty = quiz.write("empty.txt", "");
    let run = quiz.run(&["derive", arg(&empty)], "");
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "quiz: error: {}: no sentence with a date, number or name found\n",
            empty.display()
        )
    );

    let out = deck_path(&quiz, "nothing");
    let plain = quiz.write("plain.txt", "nothing here has a capital or a digit.\n");
    let run = quiz.run(&["derive", arg(&plain), "-o", arg(&out)], "");
    assert_eq!(run.code, 1);
    assert!(!out.exists(), "no file is written");
}

#[test]
fn unreadable_documents_are_named() {
    let quiz = Quiz::new();
    let latin1 = quiz.data_dir().join("latin1.txt");
    std::fs::write(&latin1, b"The caf\xe9 opened in 1956 in Moscow.\n").expect("write");
    let run = quiz.run(&["derive", arg(&latin1)], "");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: error: could not read {}: it is not UTF-8 text (invalid byte at offset 7); \
             convert it to UTF-8 first\n",
            latin1.display()
        )
    );

    let missing = quiz.data_dir().join("missing.txt");
    let run = quiz.run(&["derive", arg(&missing)], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&format!(
            "quiz: error: could not read {}: ",
            missing.display()
        )),
        "{}",
        run.stderr
    );

    let run = quiz.run(&["derive", arg(&seed()), "--limit", "0"], "");
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "quiz: error: --limit must be at least 1\n");
}

#[test]
fn odd_text_drafts_a_deck_that_checks_clean() {
    let quiz = Quiz::new();
    let document = quiz.data_dir().join("odd.txt");
    std::fs::write(
        &document,
        "\u{feff}Notes on \"Quotes\"\r\n\
         The \"Iron Curtain\" speech\twas given at Fulton in 1946.\r\n\
         A bell\u{7} rang and {{braces}} appeared in 1947 in Moscow.\r\n\
         Backslashes \\ and \\u0041 appeared in 1949 near Kiev.\r\n",
    )
    .expect("write");
    let out = deck_path(&quiz, "odd");
    quiz.run(&["derive", arg(&document), "-o", arg(&out)], "")
        .success();
    let check = quiz.run(&["check", "odd"], "");
    check.success();
    assert!(
        check.stdout.ends_with("0 errors, 0 warnings\n"),
        "{}",
        check.stdout
    );
    let text = std::fs::read_to_string(&out).expect("read deck");
    assert!(text.contains("\ntitle = 'Notes on \"Quotes\"'\n"), "{text}");
    assert!(
        text.contains(
            "\ncloze = \"A bell rang and ((braces)) appeared in {{1947}} in {{Moscow}}.\"\n"
        ),
        "{text}"
    );
}

/// Issue 15: Markdown and HTML are read as what they are (by extension, or `--from`), and
/// `--explain` says for each sentence what was asked and why the rest was not.
#[test]
fn issue_15_markdown_html_and_explain() {
    let quiz = Quiz::new();
    let notes = quiz.write(
        "notes.txt",
        "# Photosynthesis\n\nIt happens in the **chloroplasts** of plant cells, as Jan Ingenhousz showed in 1779.\n\n```\nx = 1956\n```\n",
    );
    let run = quiz.run(
        &["derive", "--from", "markdown", "--explain", arg(&notes)],
        "",
    );
    run.success();
    assert!(
        run.stdout.contains("\ntitle = \"Photosynthesis\"\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "cloze = \"It happens in the {{chloroplasts}} of plant cells, as {{Jan Ingenhousz}} showed in {{1779}}.\"\n"
        ),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("1956"), "code blocks are skipped");
    let summary = format!(
        "quiz: drafted 1 card (3 gaps) from 1 sentence of {}; review every card before studying",
        notes.display()
    );
    assert_eq!(
        run.stderr.lines().collect::<Vec<_>>(),
        [
            "sentence 1: It happens in the chloroplasts of plant cells, as Jan Ingenhousz showed in 1779.",
            "  + 1779 (year): asked",
            "  + chloroplasts (emphasised term): asked",
            "  + Jan Ingenhousz (name): asked",
            summary.as_str(),
        ]
    );

    let page = quiz.write(
        "page.html",
        "<html><head><script>var year = 1999;</script></head><body><nav>Home 2004</nav>\
         <p>The eruption on 27&nbsp;August 1883 was heard on Rodrigues.[1]</p><footer>&copy; 2024</footer></body></html>",
    );
    let run = quiz.run(&["derive", arg(&page)], "");
    run.success();
    assert!(
        run.stdout.contains(
            "cloze = \"The eruption on {{27 August 1883}} was heard on {{Rodrigues}}.\"\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        !run.stdout.contains("1999")
            && !run.stdout.contains("2004")
            && !run.stdout.contains("2024")
    );

    let bad = quiz.run(&["derive", "--from", "pdf", arg(&page)], "");
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("invalid value 'pdf' for '--from <FORMAT>'"),
        "{}",
        bad.stderr
    );
}
