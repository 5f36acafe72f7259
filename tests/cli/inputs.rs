//! Issue 17, point 3: every file quiz reads (a deck by path for `start`, `check` and `add`,
//! an import, a review log, the config file, a derive document) is refused with a message
//! when it is not a regular file (a FIFO, which would block forever, `/dev/zero`, which would
//! be read until memory runs out, a folder), and when it is larger than its kind's limit.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{path_arg, with_config};
use crate::harness::{Quiz, Run, run_command};

const MIB: u64 = 1024 * 1024;

/// One way of reading a file: the command with `{}` for the path, what the error calls the file.
struct Reader {
    args: &'static [&'static str],
    config: bool,
    prefix: &'static str,
}

const READERS: &[Reader] = &[
    Reader {
        args: &["start", "{}"],
        config: false,
        prefix: "could not read deck",
    },
    Reader {
        args: &["check", "{}"],
        config: false,
        prefix: "could not read deck",
    },
    Reader {
        args: &["add", "{}"],
        config: false,
        prefix: "could not read deck",
    },
    Reader {
        args: &["import", "{}"],
        config: false,
        prefix: "could not read",
    },
    Reader {
        args: &["history", "import", "{}"],
        config: false,
        prefix: "could not read",
    },
    Reader {
        args: &["derive", "{}"],
        config: false,
        prefix: "could not read",
    },
    Reader {
        args: &["decks"],
        config: true,
        prefix: "could not read the config file",
    },
];

fn run_reader(quiz: &Quiz, reader: &Reader, path: &Path) -> Run {
    let shown = path_arg(path);
    let args: Vec<&str> = reader
        .args
        .iter()
        .map(|a| if *a == "{}" { shown } else { a })
        .collect();
    let command: Command = if reader.config {
        with_config(quiz, path, &args)
    } else {
        quiz.command(&args)
    };
    run_command(command, "")
}

/// The error for `path`: `check` draws a deck it cannot read as an E016 finding, the others
/// end with one `quiz: error:` line.
fn error_text(run: &Run) -> String {
    format!("{}{}", run.stdout, run.stderr)
}

#[cfg(unix)]
fn fifo(dir: &Path) -> PathBuf {
    let path = dir.join("pipe.toml");
    let status = Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo failed");
    path
}

#[test]
#[cfg(unix)]
fn issue_17_a_fifo_a_device_or_a_folder_is_refused_by_every_reader() {
    let quiz = Quiz::new();
    let pipe = fifo(quiz.data_dir());
    let folder = quiz.data_dir().join("folder.toml");
    std::fs::create_dir_all(&folder).expect("create folder");
    for (path, kind) in [
        (pipe.as_path(), "a named pipe (FIFO)"),
        (Path::new("/dev/zero"), "a character device"),
        (folder.as_path(), "a folder"),
    ] {
        for reader in READERS {
            // `check` of a folder checks the decks in it: not a file read.
            if reader.args[0] == "check" && kind == "a folder" {
                continue;
            }
            let run = run_reader(&quiz, reader, path);
            let text = error_text(&run);
            assert_eq!(run.code, 1, "{:?} on {kind}: {text}", reader.args);
            assert!(
                text.contains(&format!("it is {kind}, not a regular file")),
                "{:?} on {kind}: {text}",
                reader.args
            );
            if reader.args[0] != "check" {
                assert!(
                    text.contains(&format!(
                        "quiz: error: {} {}",
                        reader.prefix,
                        path_arg(path)
                    )),
                    "{:?} on {kind}: {text}",
                    reader.args
                );
            }
        }
    }
}

/// A sparse file of `size` bytes: no disk space, and quiz must not read it anyway.
fn sparse(dir: &Path, name: &str, size: u64) -> PathBuf {
    let path = dir.join(name);
    File::create(&path)
        .and_then(|f| f.set_len(size))
        .expect("sparse file");
    path
}

#[test]
fn issue_17_a_file_just_above_its_limit_is_refused_and_says_the_limit() {
    let quiz = Quiz::new();
    let deck = sparse(quiz.data_dir(), "big.toml", 256 * MIB + 1);
    let config = sparse(quiz.data_dir(), "config.toml", MIB + 1);
    let log = sparse(quiz.data_dir(), "log.csv", 512 * MIB + 1);
    let import = sparse(quiz.data_dir(), "cards.csv", 1024 * MIB + 1);
    let document = sparse(quiz.data_dir(), "doc.txt", 64 * MIB + 1);
    let cases: [(&Reader, &PathBuf, String); 7] = [
        (&READERS[0], &deck, deck_limit()),
        (&READERS[1], &deck, deck_limit()),
        (&READERS[2], &deck, deck_limit()),
        (
            &READERS[3],
            &import,
            "it is 1.0 GiB (1073741825 bytes), and a file to import may be at most 1 GiB".into(),
        ),
        (
            &READERS[4],
            &log,
            "it is 512.0 MiB (536870913 bytes), and a review log may be at most 512 MiB".into(),
        ),
        (
            &READERS[5],
            &document,
            "it is 64.0 MiB (67108865 bytes), and a document may be at most 64 MiB".into(),
        ),
        (
            &READERS[6],
            &config,
            "it is 1.0 MiB (1048577 bytes), and the config file may be at most 1 MiB".into(),
        ),
    ];
    for (reader, path, expected) in cases {
        let run = run_reader(&quiz, reader, path);
        let text = error_text(&run);
        assert_eq!(run.code, 1, "{:?}: {text}", reader.args);
        assert!(text.contains(&expected), "{:?}: {text}", reader.args);
    }
}

#[test]
fn issue_17_a_text_export_above_the_deck_limit_is_refused_once_known_to_be_text() {
    let quiz = Quiz::new();
    // Real text (a sparse file reads as NUL bytes, refused as binary first).
    let mut text = "front\tback ".to_string();
    text.extend(std::iter::repeat_n(
        'a',
        (64 * MIB) as usize - text.len() + 1,
    ));
    let export = quiz.write("cards.txt", &text);
    let run = quiz.run(&["import", path_arg(&export)], "");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: error: could not read {}: it is 64.0 MiB (67108865 bytes), and a text export \
             to import may be at most 64 MiB\n",
            path_arg(&export)
        )
    );
    assert_eq!(run.stdout, "");
}

fn deck_limit() -> String {
    "it is 256.0 MiB (268435457 bytes), and a deck may be at most 256 MiB".into()
}

#[test]
fn issue_17_a_deck_at_its_limit_is_still_read() {
    let quiz = Quiz::new();
    // Exactly 64 MiB of valid TOML (what toml's general parser may read at once; a deck of
    // [[cards]] tables may be 256 MiB): a title, a card and a comment that fills the rest.
    let head = "title = \"Big\"\n[[cards]]\nid = \"a\"\nquestion = \"q\"\nanswer = \"a\"\n#";
    let mut text = String::with_capacity(64 * MIB as usize);
    text.push_str(head);
    text.extend(std::iter::repeat_n('x', 64 * MIB as usize - head.len() - 1));
    text.push('\n');
    let deck = quiz.write("limit.toml", &text);
    let run = quiz.run(&["check", path_arg(&deck)], "");
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}
