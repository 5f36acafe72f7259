//! The deck files a report covers (`quiz stats`, `quiz decks`), sorted into those that load
//! and those that do not, without parsing a deck whose text is the one its index was made
//! from (nor reading past its title, when the file system vouches it has not changed): a
//! report then reads that deck's cards from the deck index.
//!
//! `commands::index_decks` refreshes the index, but it reports a deck that does not load
//! the way a study session does (the whole diagnostic, "skipped deck"), while the reports
//! name it in one line and go on. So a report first sorts its decks here, prints its own
//! warnings for the failures, and hands only the decks that load to `index_decks`, which
//! then has nothing to report.

use std::io::BufRead as _;
use std::path::Path;

use crate::deck::library::{self, Located, Report};
use crate::deck::parse::{self, Checks};
use crate::deck::{DeckId, Origin};
use crate::store::Store;
use crate::store::deck_index::{self, IndexEntry, Stamp};

/// What became of one deck file.
pub enum Checked {
    /// It loads, so its cards can be read from the deck index once that is refreshed.
    Loads { deck: Located, title: String },
    /// It does not load; the report holds its errors.
    Fails(Report),
}

/// Sorts `decks`, in their order. A file the index's stamp vouches for is read only up to
/// its first table, for the title; another is read whole, and parsed only when its text is
/// not the one the index holds, which is then the only text known to load.
pub fn check(decks: Vec<Located>, store: &Store) -> anyhow::Result<Vec<Checked>> {
    let mut checked = Vec::with_capacity(decks.len());
    for deck in decks {
        let indexed = store
            .deck_index_entry(&deck.id)?
            .filter(IndexEntry::current);
        if let Some(entry) = &indexed
            && let Some(path) = deck.unread_path()
            && let (Some(old), Some(now)) = (&entry.stamp, stamp(path))
            && old.vouches_for(&now)
            && let Some(title) =
                read_head(path).and_then(|head| head_title(&deck.id, &deck.origin, &head))
        {
            checked.push(Checked::Loads { deck, title });
            continue;
        }
        let file = deck.clone().read();
        if file.unreadable.is_none()
            && indexed.is_some_and(|entry| entry.key == deck_index::key(&file.text))
            && let Some(title) = head_title(&file.id, &file.origin, head(&file.text))
        {
            checked.push(Checked::Loads { deck, title });
            continue;
        }
        let parsed = library::parse_file_with(&file, Checks::Errors);
        checked.push(match parsed.deck {
            Some(parsed) => Checked::Loads {
                deck,
                title: parsed.title,
            },
            None => Checked::Fails(Report {
                file,
                findings: parsed.findings,
            }),
        });
    }
    Ok(checked)
}

/// What the file system says of a deck file now, as `commands::index_decks` takes it (a
/// copy of its `stamp`, until both live in one module); `None` when it cannot say.
fn stamp(path: &Path) -> Option<Stamp> {
    let nanos = |time: std::time::SystemTime| {
        let since = time.duration_since(std::time::UNIX_EPOCH).ok()?;
        i64::try_from(since.as_nanos()).ok()
    };
    let metadata = std::fs::metadata(path).ok()?;
    Some(Stamp {
        path: path.to_str()?.to_string(),
        size: metadata.len(),
        modified: nanos(metadata.modified().ok()?)?,
        taken: nanos(std::time::SystemTime::now())?,
    })
}

/// Whether a line opens a table (`[[cards]]` or any other): the deck's own fields come
/// before the first.
fn opens_table(line: &str) -> bool {
    line.trim_start_matches([' ', '\t']).starts_with('[')
}

/// The part of a deck's text before its first table.
fn head(text: &str) -> &str {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        if opens_table(line) {
            break;
        }
        end += line.len();
    }
    &text[..end]
}

/// [`head`] of a deck file, read a line at a time so the cards after it are not read;
/// `None` when the file cannot be read as text.
fn read_head(path: &Path) -> Option<String> {
    let mut reader = std::io::BufReader::new(std::fs::File::open(path).ok()?);
    let mut text = String::new();
    loop {
        let start = text.len();
        if reader.read_line(&mut text).ok()? == 0 {
            return Some(text);
        }
        if opens_table(&text[start..]) {
            text.truncate(start);
            return Some(text);
        }
    }
}

/// The title of a deck whose text loads, from its [`head`], so its cards are not parsed;
/// `None` when the head does not parse on its own (a table header inside a multi-line
/// string cuts it short), and the whole file must be read.
fn head_title(id: &DeckId, origin: &Origin, head: &str) -> Option<String> {
    parse::parse_deck_with(id.clone(), head, origin.clone(), Checks::Errors)
        .deck
        .map(|deck| deck.title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::library::DeckFile;

    fn head_title_of(text: &str) -> Option<String> {
        head_title(&DeckId("d".into()), &Origin::Bundled, head(text))
    }

    fn file(text: &str) -> DeckFile {
        DeckFile {
            id: DeckId("d".into()),
            origin: Origin::Bundled,
            display: "d.toml".into(),
            text: text.into(),
            unreadable: None,
        }
    }

    fn full_title(text: &str) -> Option<String> {
        library::parse_file_with(&file(text), Checks::All)
            .deck
            .map(|deck| deck.title)
    }

    #[test]
    fn the_head_gives_the_title_the_whole_file_gives() {
        let card = "\n[[cards]]\nquestion = \"q\"\nanswer = \"a\"\n";
        let other = "\n  [[cards]] # another\nquestion = \"r\"\nanswer = \"b\"\n";
        for text in [
            format!("title = \"T\"\n{card}"),
            format!("# no title: the deck's name\n  {card}"),
            format!("title = \"\"\"\nTwo\nlines\"\"\"\ntags = [\"x\"]\n{card}{other}"),
            "title = 'T'\ncards = [{ question = \"q\", answer = \"a\" }]\n".to_string(),
        ] {
            assert_eq!(head_title_of(&text), full_title(&text), "{text}");
            assert!(full_title(&text).is_some(), "{text}");
        }
    }

    #[test]
    fn a_head_cut_inside_a_string_is_not_read() {
        let text = "title = \"T\"\ndescription = \"\"\"\n[not a table]\n\"\"\"\n\n[[cards]]\nquestion = \"q\"\nanswer = \"a\"\n";
        assert_eq!(full_title(text).as_deref(), Some("T"));
        assert_eq!(head_title_of(text), None);
    }

    #[test]
    fn a_deck_is_parsed_unless_its_text_is_the_indexed_one() {
        let dir = tempfile::tempdir().unwrap();
        let decks = dir.path().join("decks");
        std::fs::create_dir_all(&decks).unwrap();
        std::fs::write(
            decks.join("good.toml"),
            "title = \"Good\"\n[[cards]]\nquestion = \"q\"\nanswer = \"a\"\n",
        )
        .unwrap();
        std::fs::write(
            decks.join("bad.toml"),
            "title = \"Bad\"\n[[cards]]\nquestion = \"q\"\n",
        )
        .unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let found = || library::locate(&[], dir.path()).unwrap();
        let names = |checked: &[Checked]| {
            checked
                .iter()
                .map(|c| match c {
                    Checked::Loads { deck, title } => format!("{} loads: {title}", deck.id.0),
                    Checked::Fails(report) => format!(
                        "{} fails: {}",
                        report.file.id.0,
                        report.findings.first().map_or("", |f| f.code.name())
                    ),
                })
                .collect::<Vec<_>>()
        };
        let checked = check(found(), &store).unwrap();
        assert_eq!(
            names(&checked)[1..],
            ["bad fails: E012", "good loads: Good"]
        );

        // Once the index holds a text, that text is taken to load: it is not parsed again.
        let bad = DeckId("bad".into());
        let text = std::fs::read_to_string(decks.join("bad.toml")).unwrap();
        store
            .index_deck(&bad)
            .unwrap()
            .finish(&deck_index::key(&text), None)
            .unwrap();
        let checked = check(found(), &store).unwrap();
        assert_eq!(names(&checked)[1..], ["bad loads: Bad", "good loads: Good"]);
    }
}
