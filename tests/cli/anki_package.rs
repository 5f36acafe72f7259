//! Anki packages both ways (issue 13), against packages the real Anki 26.9.3 made
//! (`tests/fixtures/anki/make_fixtures.py`): every layout imports to the same cards, ids,
//! cloze groups, decks, media and history; a second import updates; an edited deck is
//! kept; bad packages are errors that write nothing; exports are what Anki reads.

use std::path::{Path, PathBuf};

use crate::common::{path_arg, repo_path};
use crate::harness::Quiz;

const NOW: &str = "2026-12-01T12:00:00Z";

const LAYOUTS: [(&str, &str); 4] = [
    ("legacy-anki2.apkg", "collection.anki2"),
    ("legacy-anki21.apkg", "collection.anki21"),
    ("modern.apkg", "collection.anki21b"),
    ("collection.colpkg", "collection.anki21b"),
];

/// The 1×1 GIF the fixture script stores as `flag.gif`.
const GIF: &[u8] = &[
    71, 73, 70, 56, 57, 97, 1, 0, 1, 0, 128, 0, 0, 255, 0, 0, 0, 0, 0, 0, 33, 249, 4, 1, 0, 0, 0,
    0, 44, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 68, 1, 0, 59,
];

fn package(name: &str) -> PathBuf {
    repo_path("tests/fixtures/anki").join(name)
}

fn import_stdout(quiz: &Quiz, name: &str, layout: &str, history: &str, media: usize) -> String {
    let decks = quiz.data_dir().join("decks");
    format!(
        "wrote {0}/geography-capitals.toml (2 notes)\nwrote {0}/languages.toml (4 notes)\n\
         wrote {0}/geography.toml (1 note)\nsuspended 1 card as in Anki\n\
         imported 7 notes (10 cards) in 3 decks from {1} \
         ({layout}); {history}; {media} media files\n",
        decks.display(),
        package(name).display()
    )
}

const GEOGRAPHY: &str = r#"title = "Geography"
source = "imported from NAME (Anki deck Geography)"
tags = ["Geography"]

[[cards]]
id = "bZphv}aD9q"
cloze = """
{{c1::Rome}} and {{c1::Milan}} are in {{c2::Italy}}.
Flag: [image: flag.gif]"""
explain = "Both cities are in the north and centre."
tags = ["cloze", "europe"]
"#;

fn deck_file(quiz: &Quiz, name: &str) -> String {
    std::fs::read_to_string(quiz.data_dir().join("decks").join(name)).expect("deck file")
}

#[test]
fn every_layout_imports_the_same_cards_ids_decks_media_and_history() {
    for (name, layout) in LAYOUTS {
        let mut quiz = Quiz::new();
        quiz.at(NOW);
        let run = quiz.run(&["import", path_arg(&package(name))], "");
        run.success();
        assert_eq!(
            run.stdout,
            import_stdout(
                &quiz,
                name,
                layout,
                "49 reviews added (0 already in the log), 10 cards rescheduled, 1 log row left \
                 out (manual, rescheduling or no rating)",
                2
            ),
            "{name}"
        );
        assert_eq!(run.stderr, "", "{name}");
        assert_eq!(
            deck_file(&quiz, "geography.toml"),
            GEOGRAPHY.replace("NAME", name)
        );
        let languages = deck_file(&quiz, "languages.toml");
        for expected in [
            "title = \"Languages\"",
            "id = \"N!)(X_Wi}Q\"\nquestion = \"chat\"\nanswer = \"cat\"\ntags = [\"french\"]\nreverse = true",
            // The optional reverse: asked back only where its field is set.
            "id = \"wz]so=^{{Q\"\nquestion = \"Hund\"\nanswer = \"dog\"\ntags = [\"german\"]\nreverse = true",
            "id = \"Kj!}7REhX6\"\nquestion = \"Katze\"\nanswer = \"cat\"\ntags = [\"german\"]\n",
            // A guid's `~` is escaped; the sound on the back is shown after answering.
            "id = \"K%7EQ<e6Q|T<\"\nquestion = \"\"\"\nSay hello\nin Spanish\"\"\"\nanswer = \"hola\"\nexplain = \"[sound: word.mp3]\"",
        ] {
            assert!(
                languages.contains(expected),
                "{name}: {expected}\n{languages}"
            );
        }
        let capitals = deck_file(&quiz, "geography-capitals.toml");
        assert!(capitals.starts_with("title = \"Geography::Capitals\"\nsource = \"imported from "));
        assert!(capitals.contains("tags = [\"Geography\", \"Capitals\"]\n"));
        assert!(capitals.contains("id = \"b4Vr^m_%23ft\"\nquestion = \"Capital of Japan?\""));
        quiz.run(&["check"], "").success();

        // Every Anki card is a quiz card with its history replayed.
        assert_eq!(
            quiz.rows("SELECT deck, card, reps, lapses FROM cards ORDER BY deck, card"),
            [
                ["geography", "bZphv}aD9q#1", "7", "2"],
                ["geography", "bZphv}aD9q#2", "5", "0"],
                ["geography-capitals", "b4Vr^m_%23ft", "3", "0"],
                ["geography-capitals", "gGaS_1{Ba3", "6", "1"],
                ["languages", "K%7EQ<e6Q|T<", "3", "0"],
                ["languages", "Kj!}7REhX6", "4", "0"],
                ["languages", "N!)(X_Wi}Q", "4", "0"],
                ["languages", "N!)(X_Wi}Q~r", "5", "1"],
                ["languages", "wz]so=^{{Q", "7", "2"],
                ["languages", "wz]so=^{{Q~r", "4", "0"],
            ]
            .map(|row| row.map(str::to_string).to_vec())
        );
        // The filtered review without rescheduling is cram; durations are kept.
        assert_eq!(
            quiz.rows("SELECT mode, COUNT(*), SUM(elapsed_ms) FROM reviews GROUP BY mode"),
            [["cram", "1", "0"], ["import", "48", "285000"]]
                .map(|row| row.map(str::to_string).to_vec())
        );
        assert_eq!(
            quiz.rows("SELECT reviewed_at, rating FROM reviews ORDER BY reviewed_at LIMIT 2"),
            [["1793577637000", "3"], ["1793578237000", "1"]]
                .map(|row| row.map(str::to_string).to_vec())
        );
        // The reverse of "chat" was suspended in Anki.
        assert_eq!(
            quiz.rows("SELECT deck, card FROM suspended"),
            [["languages", "N!)(X_Wi}Q~r"]].map(|row| row.map(str::to_string).to_vec())
        );
        let media = quiz.data_dir().join("media");
        assert_eq!(
            std::fs::read(media.join("geography/flag.gif")).expect("gif"),
            GIF
        );
        assert!(
            std::fs::read(media.join("languages/word.mp3"))
                .expect("mp3")
                .starts_with(b"ID3")
        );
    }
}

#[test]
fn a_cloze_group_is_one_card_judged_as_several_parts() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.run(
        &["import", "--no-history", path_arg(&package("modern.apkg"))],
        "",
    )
    .success();
    let run = quiz.run(&["cram", "geography", "--plain"], "Milan and Rome\nItaly\n");
    run.success();
    assert!(
        run.stdout.contains(
            "[...] and [...] are in Italy.\\nFlag: [image: flag.gif]\n  (2 answers, separated by commas)\nright"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Rome and Milan are in [...]."),
        "{}",
        run.stdout
    );
}

#[test]
fn importing_again_updates_and_keeps_a_deck_the_learner_edited() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let modern = package("modern.apkg");
    quiz.run(&["import", path_arg(&modern)], "").success();
    let again = quiz.run(&["import", path_arg(&package("legacy-anki21.apkg"))], "");
    again.success();
    let decks = quiz.data_dir().join("decks");
    // Same guids, same files: the decks are updated (their source line names the new
    // file), the reviews are already in the log.
    assert!(again.stdout.starts_with(&format!(
        "updated {}/geography-capitals.toml (2 notes)\n",
        decks.display()
    )));
    assert!(again.stdout.contains(
        "0 reviews added (49 already in the log), 0 cards rescheduled, 1 log row left out \
         (manual, rescheduling or no rating); 0 media files\n"
    ));
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 49);

    let edited = decks.join("languages.toml");
    let text = format!("{}# my note\n", deck_file(&quiz, "languages.toml"));
    std::fs::write(&edited, &text).expect("edit");
    let before = deck_file(&quiz, "geography.toml");
    let refused = quiz.run(&["import", path_arg(&modern)], "");
    assert_eq!(refused.code, 1);
    assert_eq!(refused.stdout, "");
    assert_eq!(
        refused.stderr,
        format!(
            "quiz: error: {} was changed since it was imported (or was not written by an \
             import); nothing was imported. Import again with --update to replace it, or with \
             -o DIR to write the decks elsewhere\n",
            edited.display()
        )
    );
    assert_eq!(deck_file(&quiz, "languages.toml"), text);
    assert_eq!(deck_file(&quiz, "geography.toml"), before);

    let updated = quiz.run(&["import", "--update", path_arg(&modern)], "");
    updated.success();
    assert!(
        updated
            .stdout
            .contains(&format!("updated {}\n", edited.display()).replace("\n", " (4 notes)\n"))
    );
    assert!(!deck_file(&quiz, "languages.toml").contains("# my note"));
}

#[test]
fn no_history_and_another_folder() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    let out = quiz.data_dir().join("elsewhere");
    let run = quiz.run(
        &[
            "import",
            "--no-history",
            "-o",
            path_arg(&out),
            path_arg(&package("modern.apkg")),
        ],
        "",
    );
    run.success();
    assert!(
        run.stdout.ends_with(
            "(collection.anki21b); history not imported (--no-history); 2 media files\n"
        )
    );
    assert!(out.join("geography.toml").is_file());
    assert!(!quiz.data_dir().join("decks").exists());
    assert_eq!(quiz.count("SELECT COUNT(*) FROM reviews"), 0);
}

/// A copy of a fixture with one member's bytes replaced.
fn altered(quiz: &Quiz, name: &str, member: &str, bytes: &[u8]) -> PathBuf {
    let path = altered_from(quiz, &package(name), member, bytes);
    let named = path.with_file_name(format!("bad-{name}"));
    std::fs::rename(&path, &named).expect("rename");
    named
}

fn altered_from(quiz: &Quiz, source: &Path, member: &str, bytes: &[u8]) -> PathBuf {
    use std::io::{Read as _, Write as _};
    let source = std::fs::read(source).expect("fixture");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(source)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("member");
        let mut data = Vec::new();
        file.read_to_end(&mut data).expect("read member");
        let name = file.name().to_string();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(if name == member { bytes } else { &data })
            .expect("write");
    }
    let path = quiz.data_dir().join("in").join("package.apkg");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, out.finish().expect("finish").into_inner()).expect("write");
    path
}

#[track_caller]
fn refused(quiz: &Quiz, file: &Path, problem: &str) {
    let run = quiz.run(&["import", path_arg(file)], "");
    assert_eq!(
        run.stderr,
        format!("quiz: error: {} {problem}\n", file.display())
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(!quiz.data_dir().join("decks").exists());
    assert!(!quiz.data_dir().join("media").exists());
    assert!(!quiz.db_path().exists());
}

#[test]
fn bad_packages_are_errors_that_write_nothing() {
    let quiz = Quiz::new();
    let photos = {
        use std::io::Write as _;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.jpg", zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(b"jpeg").expect("write");
        let path = quiz.data_dir().join("photos.zip");
        std::fs::write(&path, zip.finish().expect("zip").into_inner()).expect("write");
        path
    };
    refused(
        &quiz,
        &photos,
        "is a ZIP archive but not an Anki package: it holds no collection.anki2, \
         collection.anki21 or collection.anki21b",
    );
    refused(
        &quiz,
        &altered(
            &quiz,
            "legacy-anki21.apkg",
            "collection.anki21",
            b"SQLite format 3\x00 junk",
        ),
        "holds a damaged Anki collection (collection.anki21): file is not a database",
    );
    let damaged = altered(
        &quiz,
        "modern.apkg",
        "collection.anki21b",
        b"\x28\xb5\x2f\xfd junk",
    );
    let run = quiz.run(&["import", path_arg(&damaged)], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&format!(
            "quiz: error: {} is a damaged Anki package: collection.anki21b does not decompress: ",
            damaged.display()
        )),
        "{}",
        run.stderr
    );
    assert!(!quiz.db_path().exists());
    // word.mp3 is member 1; a damaged media file stops the import before anything is written.
    let gif = altered(&quiz, "modern.apkg", "1", b"\x28\xb5\x2f\xfd\x00\x58");
    let run = quiz.run(&["import", path_arg(&gif)], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(&format!(
            "quiz: error: {} is a damaged Anki package: media file \"word.mp3\", member 1 does \
             not decompress: ",
            gif.display()
        )),
        "{}",
        run.stderr
    );
    assert!(!quiz.data_dir().join("decks").exists());
    assert!(!quiz.db_path().exists());
    let map = altered(&quiz, "modern.apkg", "media", b"\x28\xb5\x2f\xfd");
    let run = quiz.run(&["import", path_arg(&map)], "");
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with(&format!(
        "quiz: error: {} is a damaged Anki package: its media map does not decompress: ",
        map.display()
    )));
    assert!(!quiz.db_path().exists());
}

/// The legacy fixture with its database changed by `sql` first.
fn altered_database(quiz: &Quiz, sql: &str, media: &[u8]) -> PathBuf {
    use std::io::Read as _;
    let source = std::fs::read(package("legacy-anki21.apkg")).expect("fixture");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(source)).expect("zip");
    let mut database = Vec::new();
    zip.by_name("collection.anki21")
        .expect("member")
        .read_to_end(&mut database)
        .expect("read");
    let path = quiz.data_dir().join("collection.anki21");
    std::fs::write(&path, database).expect("write");
    rusqlite::Connection::open(&path)
        .expect("open")
        .execute_batch(sql)
        .expect("alter");
    let bytes = std::fs::read(&path).expect("read back");
    std::fs::remove_file(&path).expect("remove");
    let file = altered(quiz, "legacy-anki21.apkg", "collection.anki21", &bytes);
    let again = std::fs::read(&file).expect("read");
    std::fs::remove_file(&file).expect("remove");
    std::fs::write(quiz.data_dir().join("source.apkg"), again).expect("write");
    altered_from(quiz, &quiz.data_dir().join("source.apkg"), "media", media)
}

#[test]
fn a_media_name_out_of_its_folder_is_left_out() {
    let quiz = Quiz::new();
    // A note naming a sound that climbs out of the media folder, and a map holding it.
    let file = altered_database(
        &quiz,
        "UPDATE notes SET flds = replace(flds, '[sound:word.mp3]', '[sound:../../evil.mp3]');",
        br#"{"0": "../../evil.mp3", "1": "flag.gif"}"#,
    );
    let run = quiz.run(&["import", path_arg(&file)], "");
    run.success();
    assert!(
        run.stderr
            .contains("media \"../../evil.mp3\": not a plain file name left out"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.ends_with("; 1 media file\n"), "{}", run.stdout);
    let root = quiz.data_dir().parent().expect("parent").to_path_buf();
    for place in [
        quiz.data_dir().join("evil.mp3"),
        quiz.data_dir().join("media/evil.mp3"),
        root.join("evil.mp3"),
    ] {
        assert!(!place.exists(), "{}", place.display());
    }
    assert!(quiz.data_dir().join("media/geography/flag.gif").is_file());
}

#[test]
fn exports_anki_reads() {
    let mut quiz = Quiz::new();
    quiz.at(NOW);
    quiz.run(&["import", path_arg(&package("modern.apkg"))], "")
        .success();
    let text = quiz.run(&["export", "languages", "--format", "anki"], "");
    text.success();
    assert_eq!(
        text.stdout,
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n\
         #tags column:6\n\
         N!)(X_Wi}Q\tBasic (and reversed card)\tLanguages\tchat\tcat\tfrench\n\
         wz]so=^{{Q\tBasic (and reversed card)\tLanguages\tHund\tdog\tgerman\n\
         Kj!}7REhX6\tBasic (type in the answer)\tLanguages\tKatze\tcat\tgerman\n\
         K~Q<e6Q|T<\tBasic (type in the answer)\tLanguages\tSay hello<br>in Spanish\t\
         hola [sound:word.mp3]\t\n"
    );
    let cloze = quiz.run(&["export", "geography", "--format", "anki"], "");
    assert!(cloze.stdout.ends_with(
        "bZphv}aD9q\tCloze\tGeography\t\"{{c1::Rome}} and {{c1::Milan}} are in {{c2::Italy}}.\
         <br>Flag: <img src=\"\"flag.gif\"\">\"\tBoth cities are in the north and centre.\tcloze europe\n"
    ));

    // The package goes back through quiz's own reader to the same cards and history.
    let apkg = quiz.data_dir().join("geo.apkg");
    let run = quiz.run(
        &[
            "export",
            "geography",
            "--format",
            "apkg",
            "--with-history",
            "-o",
            path_arg(&apkg),
        ],
        "",
    );
    run.success();
    assert_eq!(
        run.stdout,
        format!("wrote {} (1 note, 2 cards, 12 reviews)\n", apkg.display())
    );
    let mut back = Quiz::new();
    back.at(NOW);
    let imported = back.run(&["import", path_arg(&apkg)], "");
    imported.success();
    assert!(
        imported
            .stdout
            .contains("imported 1 note (2 cards) in 1 deck from"),
        "{}",
        imported.stdout
    );
    assert!(
        imported
            .stdout
            .contains("(collection.anki2); 12 reviews added")
    );
    assert_eq!(
        back.rows("SELECT card, reps, lapses FROM cards ORDER BY card"),
        [["bZphv}aD9q#1", "7", "2"], ["bZphv}aD9q#2", "5", "0"]]
            .map(|row| row.map(str::to_string).to_vec())
    );
    assert_eq!(
        std::fs::read(back.data_dir().join("media/geography/flag.gif")).expect("gif"),
        GIF
    );
    // A suspended card is suspended in the package too.
    let languages = quiz.data_dir().join("languages.apkg");
    quiz.run(
        &[
            "export",
            "languages",
            "--format",
            "apkg",
            "-o",
            path_arg(&languages),
        ],
        "",
    )
    .success();
    let mut third = Quiz::new();
    third.at(NOW);
    let imported = third.run(&["import", path_arg(&languages)], "");
    imported.success();
    assert!(
        imported.stdout.contains("suspended 1 card as in Anki\n"),
        "{}",
        imported.stdout
    );
    assert_eq!(
        third.rows("SELECT card FROM suspended"),
        [["N!)(X_Wi}Q~r"]].map(|row| row.map(str::to_string).to_vec())
    );
    // A binary package is never written to the terminal.
    let no_file = quiz.run(&["export", "geography", "--format", "apkg"], "");
    assert_eq!(no_file.code, 1);
    assert_eq!(
        no_file.stderr,
        "quiz: error: an Anki package is a binary file: name it with -o FILE.apkg\n"
    );
}

#[test]
fn ankis_text_export_keeps_guids_reverses_groups_and_decks() {
    let quiz = Quiz::new();
    let run = quiz.run(&["import", path_arg(&package("notes.txt"))], "");
    run.success();
    for expected in [
        // The same ids as the package gives, so progress is shared.
        "id = \"b4Vr^m_%23ft\"\nquestion = \"Capital of Japan?\"\nanswer = \"Tokyo\"\ntags = [\"asia\", \"typed\", \"Geography::Capitals\"]\n",
        "id = \"N!)(X_Wi}Q\"\nquestion = \"chat\"\nanswer = \"cat\"\ntags = [\"french\", \"Languages\"]\nreverse = true\n",
        "id = \"wz]so=^{{Q\"\nquestion = \"Hund\"\nanswer = \"dog\"\ntags = [\"german\", \"Languages\"]\nreverse = true\n",
        "id = \"Kj!}7REhX6\"\nquestion = \"Katze\"\nanswer = \"cat\"\ntags = [\"german\", \"Languages\"]\n\n",
        "cloze = \"\"\"\n{{c1::Rome}} and {{c1::Milan}} are in {{c2::Italy}}.\nFlag: [image: flag.gif]\"\"\"\n",
        "answer = \"hola\"\nexplain = \"[sound: word.mp3]\"\n",
    ] {
        assert!(run.stdout.contains(expected), "{expected}\n{}", run.stdout);
    }
    assert_eq!(
        run.stderr,
        format!(
            "quiz: imported 7 cards from {} (read as anki), skipped 0 rows\n",
            package("notes.txt").display()
        )
    );
}
