//! `quiz import` identifies a file before reading it (issue 10, "A binary file is a deck"): a
//! damaged ZIP or Anki package, a binary file, text in UTF-16 or in a legacy 8-bit encoding
//! is one error line naming the file and what is wrong, exit 1, nothing on stdout and
//! nothing written; a UTF-8 byte order mark is fine. (Packages that are ZIPs: anki_package.rs.)

use std::path::PathBuf;

use crate::common::path_arg;
use crate::harness::Quiz;

/// Writes `bytes` into a folder of their own, so that anything written beside them shows.
fn input(quiz: &Quiz, name: &str, bytes: &[u8]) -> PathBuf {
    let dir = quiz.data_dir().join("in");
    std::fs::create_dir_all(&dir).expect("create dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write input");
    path
}

fn files_in(quiz: &Quiz) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(quiz.data_dir().join("in"))
        .expect("read dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Imports `bytes` as `name`, once to stdout and once with `-o`, and checks that both fail
/// with `problem` after the file's path and leave nothing behind.
#[track_caller]
fn refused(name: &str, bytes: &[u8], problem: &str) {
    let quiz = Quiz::new();
    let file = input(&quiz, name, bytes);
    let out = file.with_file_name("out.toml");
    let expected = format!("quiz: error: {} {problem}\n", file.display());
    for args in [
        vec!["import", path_arg(&file)],
        vec!["import", path_arg(&file), "-o", path_arg(&out)],
    ] {
        let run = quiz.run(&args, "");
        assert_eq!(run.stderr, expected, "{args:?}");
        assert_eq!(run.code, 1, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(files_in(&quiz), [name], "{args:?}");
    }
    assert!(!quiz.db_path().exists(), "an import touches no progress");
}

#[test]
fn a_damaged_zip_archive_is_refused_as_a_package() {
    // The start of a real ZIP: a local file header for `collection.anki2`, cut short. Since
    // issue 13 a ZIP is read as an Anki package, whatever its name.
    let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
    zip.extend_from_slice(&[0; 16]);
    zip.extend_from_slice(b"\x10\x00\x00\x00collection.anki2");
    let problem = "is a damaged ZIP archive, so no Anki package can be read from it \
                   (invalid Zip archive: Could not find EOCD)";
    refused("export.zip", &zip, problem);
    // Quizlet text it is not, whatever the name says.
    refused("cards.txt", &zip, problem);
}

#[test]
fn a_file_named_as_an_anki_package_must_be_one() {
    refused(
        "collection.COLPKG",
        b"not even a zip",
        "is not a ZIP archive, so not an Anki package",
    );
}

#[test]
fn a_binary_file_names_its_first_nul_byte() {
    // Offsets count bytes from 0, "ó" being two of them: the NUL is byte 17, on line 2.
    refused(
        "cards.txt",
        b"hola\thello\nadi\xc3\xb3s\x00bye\n",
        "is not a text file: byte 17 (line 2) is a NUL byte",
    );
    refused(
        "program",
        b"\x7fELF\x02\x01\x01\x00\x00",
        "is not a text file: byte 7 (line 1) is a NUL byte",
    );
}

#[test]
fn text_in_a_legacy_encoding_names_its_first_byte_that_is_not_utf8() {
    // "café" and "niño" saved as Windows-1252: the é of café is 0xE9, byte 18, on line 2.
    refused(
        "latin1.txt",
        b"tea\tthe\ncoffee\tcaf\xe9\nboy\tni\xf1o\n",
        "is not UTF-8 text: byte 18 (line 2) is 0xe9, which is not valid UTF-8 there; save the \
         file as UTF-8 and import it again",
    );
}

#[test]
fn utf16_is_refused_by_its_byte_order_mark() {
    let utf16le: Vec<u8> = "\u{feff}hola\thello\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    refused(
        "cards.txt",
        &utf16le,
        "is UTF-16LE text (it opens with a UTF-16LE byte order mark): quiz reads UTF-8 only; \
         save the file as UTF-8 and import it again",
    );
    let utf16be: Vec<u8> = "\u{feff}hola\thello\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    refused(
        "cards.txt",
        &utf16be,
        "is UTF-16BE text (it opens with a UTF-16BE byte order mark): quiz reads UTF-8 only; \
         save the file as UTF-8 and import it again",
    );
}

#[test]
fn a_utf8_byte_order_mark_is_skipped() {
    let quiz = Quiz::new();
    let file = input(
        &quiz,
        "cards.txt",
        "\u{feff}hola\thello\nadiós\tbye\n".as_bytes(),
    );
    let out = file.with_file_name("out.toml");
    let run = quiz.run(&["import", path_arg(&file), "-o", path_arg(&out)], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "quiz: imported 2 cards from {} (read as quizlet), skipped 0 rows\n",
            file.display()
        )
    );
    let deck = std::fs::read_to_string(&out).expect("deck written");
    assert!(deck.contains("question = \"hola\"\n"), "{deck}");
    assert!(!deck.contains('\u{feff}'), "{deck}");
}
