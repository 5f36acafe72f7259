//! What a new learner meets around the commands (issue 18, point 2): `quiz` alone, the
//! version, the short flags, shell completion of deck names through a real bash, and the
//! manual pages.

use std::process::Command;

use crate::common::{capitals_deck, path_arg, quiz_with, repo_path, with_config};
use crate::harness::{Quiz, run_command};

#[test]
fn quiz_alone_shows_the_first_commands_and_where_things_live() {
    let quiz = Quiz::new();
    let config = quiz.data_dir().join("config.toml");
    let run = run_command(with_config(&quiz, &config, &[]), "");
    run.success();
    let dir = path_arg(quiz.data_dir());
    assert_eq!(
        run.stdout,
        format!(
            "\
quiz {version}: a quiz and flashcard trainer with spaced repetition

Start here:
  quiz start           study: the cards due, then new ones (the bundled deck to begin with)
  quiz decks           the decks quiz knows and what is due in each
  quiz stats           your progress: retention, a heatmap, what comes due
  quiz missed          drill the cards you missed last time
  quiz new NAME        write a deck of your own; quiz add NAME adds cards to it
  quiz check           find mistakes in your decks

Where things are:
  progress   {dir}/quiz.sqlite3 (created by your first session)
  decks      {dir}/decks
  settings   {dir}/config.toml (not created; every setting has a default)

Every command: quiz --help; one command: quiz help start.
",
            version = env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(run.stderr, "");
    assert!(!quiz.db_path().exists(), "the overview creates nothing");

    // Once they exist, the same lines just name them.
    quiz.run(&["start"], ":q\n").success();
    std::fs::write(&config, "leech_threshold = 5\n").unwrap();
    let again = run_command(with_config(&quiz, &config, &[]), "");
    again.success();
    assert!(
        again
            .stdout
            .contains(&format!("  progress   {dir}/quiz.sqlite3\n")),
        "{}",
        again.stdout
    );
    assert!(
        again
            .stdout
            .contains(&format!("  settings   {dir}/config.toml\n")),
        "{}",
        again.stdout
    );
}

#[test]
fn quiz_alone_names_the_sync_folders_decks_escaped_when_a_sync_folder_is_set() {
    let quiz = Quiz::new();
    let dir = path_arg(quiz.data_dir());
    let config = quiz.write(
        "config.toml",
        &format!("sync_dir = \"{dir}/sh\\u001bared\"\n"),
    );
    let run = run_command(with_config(&quiz, &config, &[]), "");
    run.success();
    assert!(
        run.stdout.contains(&format!(
            "\
Where things are:
  progress   {dir}/quiz.sqlite3 (created by your first session)
  decks      {dir}/decks
             {dir}/sh\\eared/decks (from the sync folder)
  settings   {dir}/config.toml
"
        )),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");

    // A config file that cannot be read shows the data directory's folder alone, and says why.
    std::fs::write(&config, "sync_dir = 5\n").unwrap();
    let broken = run_command(with_config(&quiz, &config, &[]), "");
    broken.success();
    assert!(
        broken.stdout.contains(&format!(
            "  decks      {dir}/decks\n  settings   {dir}/config.toml\n"
        )),
        "{}",
        broken.stdout
    );
    assert!(
        broken.stderr.starts_with(
            "quiz: warning: the decks of the sync folder are left out: bad config file\n"
        ),
        "{}",
        broken.stderr
    );
}

#[test]
fn a_config_file_that_cannot_be_read_is_named_escaped_in_the_warning() {
    let quiz = Quiz::new();
    let dir = path_arg(quiz.data_dir());
    // A folder where the config file should be, its path holding an escape.
    let config = quiz.data_dir().join("con\u{1b}fig");
    std::fs::create_dir_all(config.join("config.toml")).unwrap();
    for args in [&[][..], &["check"][..]] {
        let run = run_command(with_config(&quiz, &config.join("config.toml"), args), "");
        run.success();
        assert!(
            run.stderr.starts_with(&format!(
                "quiz: warning: the decks of the sync folder are left out: could not read the \
                 config file {dir}/con\\efig/config.toml: it is a folder, not a regular file\n"
            )),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn version_prints_the_crate_version() {
    let quiz = Quiz::new();
    // clap's default completion variable, exported for some other program, changes nothing.
    let mut command = quiz.command(&["--version"]);
    command.env("COMPLETE", "bash");
    let run = run_command(command, "");
    run.success();
    assert_eq!(run.stdout, format!("quiz {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn short_flags_do_what_the_long_ones_do() {
    let deck = capitals_deck(4).replace("id = \"de\"", "id = \"de\"\ntags = [\"north\"]");
    let long = quiz_with(&deck);
    let short = quiz_with(&deck);
    let long_run = long.run(
        &[
            "start", "t", "--new", "3", "--limit", "2", "--mode", "flip", "--seed", "1",
        ],
        "\ngood\n\ngood\n",
    );
    let short_run = short.run(
        &[
            "start", "t", "-n", "3", "-l", "2", "-m", "flip", "--seed", "1",
        ],
        "\ngood\n\ngood\n",
    );
    long_run.success();
    short_run.success();
    assert_eq!(short_run.stdout, long_run.stdout);
    assert_eq!(short_run.stdout.matches("graded good").count(), 2);

    let tagged = quiz_with(&deck).run(&["cram", "t", "-t", "north"], "Berlin\n");
    tagged.success();
    assert!(
        tagged.stdout.contains("Capital of Germany?") && !tagged.stdout.contains("France"),
        "{}",
        tagged.stdout
    );
}

/// Completes the words of `line` (the last one being completed) the way bash does on Tab,
/// through the script `quiz completions bash` prints.
fn bash_complete(quiz: &Quiz, line: &[&str]) -> Vec<String> {
    let quiz_bin = assert_cmd::cargo::cargo_bin("quiz");
    let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(\"$QUIZ_BIN\" completions bash)\n\
         COMP_WORDS=({words})\nCOMP_CWORD={cword}\nCOMP_TYPE=9\n\
         _clap_complete_quiz quiz '{current}' '{previous}'\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        words = words.join(" "),
        cword = line.len() - 1,
        current = line[line.len() - 1],
        previous = line[line.len() - 2],
    );
    let mut bash = Command::new("bash");
    bash.arg("-c")
        .arg(script)
        .env("QUIZ_BIN", &quiz_bin)
        .env("QUIZ_DATA_DIR", quiz.data_dir())
        .env("HOME", quiz.data_dir().join("home"))
        .env_remove("QUIZ_COMPLETE");
    let run = run_command(bash, "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut names: Vec<String> = run.stdout.lines().map(str::to_string).collect();
    names.sort();
    names
}

#[test]
fn deck_names_complete_in_bash_from_files_and_history() {
    let quiz = quiz_with(&capitals_deck(2));
    quiz.write("decks/spanish.toml", &capitals_deck(1));
    // A deck known only from its history (an imported log) completes too.
    quiz.write(
        "scratch/review_logs_josh.csv",
        "card_id,review_time,review_rating\n1,2026-02-01T09:00:00Z,3\n",
    );
    let log = quiz.data_dir().join("scratch/review_logs_josh.csv");
    quiz.run(&["history", "import", path_arg(&log)], "")
        .success();

    let decks = ["review_logs_josh", "secret-speech", "spanish", "t"];
    for command in ["start", "missed", "cram", "stats"] {
        let names = bash_complete(&quiz, &["quiz", command, ""]);
        assert_eq!(
            names
                .iter()
                .filter(|n| !n.starts_with('-'))
                .collect::<Vec<_>>(),
            decks,
            "{command}"
        );
    }
    assert_eq!(
        bash_complete(&quiz, &["quiz", "export", "s"]),
        ["secret-speech", "spanish"]
    );
    assert_eq!(
        bash_complete(&quiz, &["quiz", "stats", "t", "re"]),
        ["review_logs_josh"]
    );
    // Subcommands and flags complete as well.
    assert_eq!(bash_complete(&quiz, &["quiz", "ma"]), ["manpage"]);
    assert_eq!(
        bash_complete(&quiz, &["quiz", "start", "--sh"]),
        ["--shuffle"]
    );
}

#[test]
fn the_manual_page_is_roff_and_a_folder_gets_one_page_per_command() {
    let quiz = Quiz::new();
    let run = quiz.run(&["manpage"], "");
    run.success();
    assert!(run.stdout.contains(".TH quiz 1"), "{}", run.stdout);
    assert!(run.stdout.contains(".SH SUBCOMMANDS"), "{}", run.stdout);
    assert!(run.stdout.contains("quiz\\-start(1)"), "{}", run.stdout);
    // What --help has no room for: the variables and files, before the version.
    let section = |name: &str| run.stdout.find(&format!(".SH {name}\n")).expect(name);
    assert!(section("ENVIRONMENT") < section("FILES"));
    assert!(section("FILES") < section("VERSION"));
    for name in ["QUIZ_DATA_DIR", "QUIZ_CONFIG", "QUIZ_NOW", "NO_COLOR", "TZ"] {
        assert!(
            run.stdout.contains(&format!(".TP\n\\fB{name}\\fR\n")),
            "{name}"
        );
    }
    assert!(run.stdout.contains("quiz.sqlite3"), "{}", run.stdout);

    let dir = quiz.data_dir().join("man");
    let written = quiz.run(&["manpage", "--dir", path_arg(&dir)], "");
    written.success();
    let start = std::fs::read_to_string(dir.join("quiz-start.1")).expect("quiz-start.1");
    assert!(start.contains(".TH quiz-start 1"), "{start}");
    assert!(start.contains("\\fB\\-n\\fR, \\fB\\-\\-new\\fR"), "{start}");
    assert_eq!(
        std::fs::read_to_string(dir.join("quiz.1")).expect("quiz.1"),
        run.stdout,
        "the folder's quiz.1 is the page printed"
    );
    for page in [
        "quiz.1",
        "quiz-missed.1",
        "quiz-history-import.1",
        "quiz-manpage.1",
    ] {
        assert!(dir.join(page).is_file(), "{page}");
    }
}

/// The README's first minutes stay true to the repository (issue 18, point 1): the Rust it
/// asks for is Cargo.toml's `rust-version`, it says how to get a `quiz` binary, and it names
/// no path outside the repository.
#[test]
fn the_readme_asks_for_the_rust_version_cargo_toml_names_and_stays_in_the_repository() {
    let readme = std::fs::read_to_string(repo_path("README.md")).expect("README.md");
    let manifest = std::fs::read_to_string(repo_path("Cargo.toml")).expect("Cargo.toml");
    let rust_version = manifest
        .lines()
        .find_map(|line| line.strip_prefix("rust-version = "))
        .map(|value| value.trim_matches('"'))
        .expect("rust-version in Cargo.toml");
    assert!(
        readme.contains(&format!("Rust {rust_version} or newer")),
        "README names another Rust than {rust_version}"
    );
    for needed in [
        "cargo install --path .",
        "a C compiler",
        "~/.local/share/quiz",
    ] {
        assert!(readme.contains(needed), "README lacks {needed:?}");
    }
    for outside in ["../", "/work/", "/home/"] {
        assert!(
            !readme.contains(outside),
            "README names a path outside the repository: {outside}"
        );
    }
}
