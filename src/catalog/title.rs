//! A deck's title without reading its cards: the fields before the first table, read from
//! the file a line at a time, are enough to know what the deck is called, so a report over
//! decks whose index is current reads no card at all.

use std::io::BufRead as _;
use std::path::Path;

use crate::deck::parse::{self, Checks};
use crate::deck::{DeckId, Origin};

/// The title of a deck file that loads, from the part before its first table; `None` when
/// that part cannot be read or does not parse on its own.
pub(super) fn of_file(id: &DeckId, origin: &Origin, path: &Path) -> Option<String> {
    head_title(id, origin, &read_head(path)?)
}

/// The title of a deck text that loads: from the part before its first table, or, when
/// that part does not parse on its own, from the whole text (parsed, not indexed again);
/// `None` when the text does not load.
pub(super) fn of_text(id: &DeckId, origin: &Origin, text: &str) -> Option<String> {
    head_title(id, origin, head(text)).or_else(|| {
        parse::parse_deck_with(id.clone(), text, origin.clone(), Checks::Errors)
            .deck
            .map(|deck| deck.title)
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
    use std::io::Read as _;
    let input = crate::input::Input::Deck;
    let file = crate::input::open(path, input).ok()?;
    let mut reader = std::io::BufReader::new(file.take(input.limit()));
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
    use crate::deck::library::{self, DeckFile};

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
        // A text the index holds still gets its title, from the whole text.
        let id = DeckId("d".into());
        assert_eq!(of_text(&id, &Origin::Bundled, text).as_deref(), Some("T"));
    }
}
