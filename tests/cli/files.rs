//! The files quiz writes (issue 10): a symlink another local user plants where quiz puts its
//! temporary file is never followed; a new file (`import -o`, `export -o`, `derive -o`, `new`,
//! `history export -o`) never replaces what is already at its path, file or symlink; a
//! replaced deck (`add`, `check --fix`) keeps its mode bits and, when the learner's deck path
//! is a symlink, stays one.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{capitals_deck, path_arg, repo_path};
use crate::harness::{Quiz, Run, run_command};

/// What the victim's own file holds; no run of quiz may change it.
const VICTIM: &str = "the victim's own notes\n";

/// A deck with one card without an id: `check --fix` rewrites it.
const UNFIXED: &str =
    "title = \"Unfixed\"\n\n[[cards]]\nquestion = \"Capital of France?\"\nanswer = \"Paris\"\n";

/// `quiz add` in plain mode: one text card, then no more.
const ADD_ONE: &str = "text\nCapital of Spain?\nMadrid\n\n\n\n\ny\nn\n";

/// A command that writes one file, and the file it writes.
struct Case {
    name: &'static str,
    args: Vec<String>,
    stdin: &'static str,
    output: PathBuf,
}

impl Case {
    fn run(&self, quiz: &Quiz) -> Run {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        quiz.run(&args, self.stdin)
    }
}

/// Every command that creates a file that must not exist yet, each writing into `out/` of the
/// data dir (and `new` without `--path` into the decks folder).
fn creating(quiz: &Quiz) -> Vec<Case> {
    let out = quiz.data_dir().join("out");
    let decks = quiz.data_dir().join("decks");
    for folder in [&out, &decks] {
        std::fs::create_dir_all(folder).expect("create folder");
    }
    let deck = quiz.write("capitals.toml", &capitals_deck(2));
    let import = repo_path("tests/fixtures/import/cards.csv");
    let document = repo_path("tests/fixtures/derive/000_36f739adb32d5b01.txt");
    let case = |name, args: &[&str], output: PathBuf| Case {
        name,
        args: args.iter().map(|a| (*a).to_string()).collect(),
        stdin: "",
        output,
    };
    let [imported, exported, derived, fresh, log] = [
        "imported.toml",
        "exported.tsv",
        "derived.toml",
        "fresh.toml",
        "log.csv",
    ]
    .map(|name| out.join(name));
    vec![
        case(
            "import -o",
            &["import", path_arg(&import), "-o", path_arg(&imported)],
            imported.clone(),
        ),
        case(
            "export -o",
            &["export", path_arg(&deck), "-o", path_arg(&exported)],
            exported.clone(),
        ),
        case(
            "derive -o",
            &["derive", path_arg(&document), "-o", path_arg(&derived)],
            derived.clone(),
        ),
        case(
            "new --path",
            &["new", "fresh", "--path", path_arg(&fresh)],
            fresh.clone(),
        ),
        case("new", &["new", "planned"], decks.join("planned.toml")),
        case(
            "history export -o",
            &["history", "export", "-o", path_arg(&log)],
            log.clone(),
        ),
    ]
}

/// Every command that replaces a deck in place, each on a deck of its own in the decks folder.
fn replacing(quiz: &Quiz) -> Vec<Case> {
    [("check --fix", "fixme"), ("add", "addto")]
        .into_iter()
        .map(|(name, deck)| {
            let output = quiz.write(&format!("decks/{deck}.toml"), UNFIXED);
            let verb: Vec<String> = if name == "add" {
                vec!["add".into()]
            } else {
                vec!["check".into(), "--fix".into()]
            };
            Case {
                name,
                args: verb
                    .into_iter()
                    .chain([path_arg(&output).to_string()])
                    .collect(),
                stdin: if name == "add" { ADD_ONE } else { "" },
                output,
            }
        })
        .collect()
}

/// The victim's file, outside the folder quiz writes to, readable only by its owner.
fn victim(quiz: &Quiz) -> PathBuf {
    let path = quiz.write("victim/notes.txt", VICTIM);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    path
}

#[track_caller]
fn assert_untouched(victim: &Path, case: &str) {
    assert_eq!(
        std::fs::read_to_string(victim).expect("read victim"),
        VICTIM,
        "{case} wrote into the victim's file"
    );
    let mode = std::fs::metadata(victim)
        .expect("victim")
        .permissions()
        .mode()
        & 0o7777;
    assert_eq!(mode, 0o600, "{case} changed the victim's mode");
}

/// Runs `quiz ARGS` as an attacker who can write to `folder` would want it run: a symlink
/// to `victim` waits at `.{file}.{pid}.tmp`, the name quiz gave its temporary file before
/// issue 10, for the very pid of the run (the shell plants it and then `exec`s quiz, which
/// keeps the shell's pid). A real attacker plants links for the next few hundred pids.
fn run_with_planted_link(quiz: &Quiz, case: &Case, target: &Path, victim: &Path) -> Run {
    let base = quiz.command(&case.args.iter().map(String::as_str).collect::<Vec<_>>());
    let file = target.file_name().expect("file name").to_string_lossy();
    let prefix = target.with_file_name(format!(".{file}"));
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(r#"ln -s "$1" "$2.$$.tmp" && shift 2 && exec "$@""#)
        .arg("sh")
        .arg(victim)
        .arg(&prefix)
        .arg(base.get_program())
        .args(base.get_args());
    for (key, value) in base.get_envs() {
        match value {
            Some(value) => shell.env(key, value),
            None => shell.env_remove(key),
        };
    }
    run_command(shell, case.stdin)
}

/// The names in `folder` that are not symlinks: what quiz left there.
fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("read folder")
        .map(|entry| entry.expect("entry"))
        .filter(|entry| !entry.file_type().expect("type").is_symlink())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_planted_symlink_at_the_temporary_name_never_reaches_the_victim() {
    let quiz = Quiz::new();
    let victim = victim(&quiz);
    for case in creating(&quiz) {
        let run = run_with_planted_link(&quiz, &case, &case.output, &victim);
        assert_eq!(run.code, 0, "{}: {}", case.name, run.stderr);
        assert_untouched(&victim, case.name);
        let written = std::fs::symlink_metadata(&case.output).expect("output");
        assert!(written.file_type().is_file(), "{}: {written:?}", case.name);
        assert!(std::fs::metadata(&case.output).expect("output").len() > 0);
    }
    let out = quiz.data_dir().join("out");
    assert_eq!(
        files_in(&out),
        [
            "derived.toml",
            "exported.tsv",
            "fresh.toml",
            "imported.toml",
            "log.csv"
        ],
        "a temporary file was left behind"
    );

    for case in replacing(&quiz) {
        let run = run_with_planted_link(&quiz, &case, &case.output, &victim);
        assert_eq!(run.code, 0, "{}: {}", case.name, run.stderr);
        assert_untouched(&victim, case.name);
        let deck = std::fs::symlink_metadata(&case.output).expect("deck");
        assert!(
            deck.file_type().is_file(),
            "{}: the deck is now {deck:?}",
            case.name
        );
        let text = std::fs::read_to_string(&case.output).expect("deck");
        assert_ne!(text, UNFIXED, "{}: the deck was not written", case.name);
    }
    assert_eq!(
        files_in(&quiz.data_dir().join("decks")),
        ["addto.toml", "fixme.toml", "planned.toml"],
        "a temporary file was left behind"
    );
}

#[test]
fn a_new_file_never_replaces_a_file_or_a_symlink_at_its_path() {
    // What can be at the path: a file of the learner's, a symlink to the victim's file, and
    // a symlink to where the victim has no file yet (following it would make one).
    for occupant in ["file", "symlink", "dangling symlink"] {
        let quiz = Quiz::new();
        let victim = victim(&quiz);
        let nowhere = victim.with_file_name("not-yet.txt");
        for case in creating(&quiz) {
            match occupant {
                "file" => std::fs::write(&case.output, "kept\n").expect("write"),
                "symlink" => symlink(&victim, &case.output).expect("symlink"),
                _ => symlink(&nowhere, &case.output).expect("symlink"),
            }
            let run = case.run(&quiz);
            let what = format!("{} over a {occupant}", case.name);
            assert_eq!(run.code, 1, "{what}: {}", run.stderr);
            assert_eq!(
                run.stderr,
                format!(
                    "quiz: error: {} already exists; not overwriting it\n",
                    case.output.display()
                ),
                "{what}"
            );
            assert_eq!(run.stdout, "", "{what}");
            match occupant {
                "file" => assert_eq!(
                    std::fs::read_to_string(&case.output).expect("read"),
                    "kept\n"
                ),
                "symlink" => assert_eq!(std::fs::read_link(&case.output).expect("link"), victim),
                _ => assert_eq!(std::fs::read_link(&case.output).expect("link"), nowhere),
            }
            assert_untouched(&victim, &what);
            assert!(!nowhere.exists(), "{what} made a file through the symlink");
        }
        let left = files_in(&quiz.data_dir().join("out"));
        let expected: &[&str] = if occupant == "file" {
            &[
                "derived.toml",
                "exported.tsv",
                "fresh.toml",
                "imported.toml",
                "log.csv",
            ]
        } else {
            &[]
        };
        assert_eq!(left, expected, "a temporary file was left behind");
    }
}

#[test]
fn a_new_file_gets_the_mode_any_new_file_gets() {
    let quiz = Quiz::new();
    for case in creating(&quiz) {
        case.run(&quiz).success();
        // quiz inherits this process's umask: a file made here the ordinary way is the measure.
        let reference = case.output.with_file_name("reference");
        std::fs::File::create(&reference).expect("reference file");
        let mode =
            |path: &Path| std::fs::metadata(path).expect("mode").permissions().mode() & 0o7777;
        assert_eq!(mode(&case.output), mode(&reference), "{}", case.name);
        std::fs::remove_file(&reference).expect("remove reference");
    }
}

#[test]
fn a_replaced_deck_keeps_its_mode_bits() {
    let quiz = Quiz::new();
    for case in replacing(&quiz) {
        // Neither the temporary file's 0600 nor what the umask would give a new file.
        std::fs::set_permissions(&case.output, std::fs::Permissions::from_mode(0o640))
            .expect("chmod");
        case.run(&quiz).success();
        let text = std::fs::read_to_string(&case.output).expect("deck");
        assert_ne!(text, UNFIXED, "{}: the deck was not written", case.name);
        let mode = std::fs::metadata(&case.output)
            .expect("deck")
            .permissions()
            .mode()
            & 0o7777;
        assert_eq!(mode, 0o640, "{}", case.name);
    }
}

#[test]
fn a_symlinked_deck_is_replaced_through_the_link() {
    let quiz = Quiz::new();
    for case in replacing(&quiz) {
        // The deck the learner keeps elsewhere, linked into the decks folder.
        let file = case
            .output
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let real = quiz.write(&format!("elsewhere/{file}"), UNFIXED);
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        std::fs::remove_file(&case.output).expect("remove deck");
        symlink(&real, &case.output).expect("symlink");
        case.run(&quiz).success();
        assert_eq!(
            std::fs::read_link(&case.output).expect("still a link"),
            real,
            "{}",
            case.name
        );
        let text = std::fs::read_to_string(&real).expect("deck");
        assert_ne!(text, UNFIXED, "{}: the deck was not written", case.name);
        let mode = std::fs::metadata(&real).expect("deck").permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640, "{}", case.name);
    }
    assert_eq!(
        files_in(&quiz.data_dir().join("decks")),
        Vec::<String>::new()
    );
    assert_eq!(
        files_in(&quiz.data_dir().join("elsewhere")),
        ["addto.toml", "fixme.toml"]
    );
}
