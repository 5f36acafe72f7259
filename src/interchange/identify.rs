//! What a file given to `quiz import` is, decided from its bytes before any of it is read as
//! cards. Every text format here is forgiving (a line it cannot use is skipped, not fatal),
//! so without this a ZIP or any other binary file read as Quizlet text became a deck of
//! garbage with exit 0. A ZIP or a file named `.apkg`/`.colpkg` is read as an Anki package
//! ([`is_package`]); whatever else is not UTF-8 text is refused here, naming the first byte
//! that is wrong, so that nothing is written.

use std::path::Path;

/// The local file header, the end of an empty archive, and a spanned archive's marker.
const ZIP_MAGIC: [&[u8]; 3] = [b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08"];

/// Byte order marks of the encodings a text editor may save in instead of UTF-8. UTF-32's
/// come first: UTF-32LE's mark begins with UTF-16LE's.
const OTHER_BOMS: [(&[u8], &str); 4] = [
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe", "UTF-16LE"),
    (b"\xfe\xff", "UTF-16BE"),
];

/// Why a file is not imported. Each message follows the file's name: "FILE is …".
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum NotText {
    #[error(
        "is {encoding} text (it opens with a {encoding} byte order mark): quiz reads UTF-8 \
         only; save the file as UTF-8 and import it again"
    )]
    OtherEncoding { encoding: &'static str },
    #[error("is not a text file: byte {offset} (line {line}) is a NUL byte")]
    Nul { offset: usize, line: usize },
    #[error(
        "is not UTF-8 text: byte {offset} (line {line}) is {byte:#04x}, which is not valid \
         UTF-8 there; save the file as UTF-8 and import it again"
    )]
    NotUtf8 {
        offset: usize,
        line: usize,
        byte: u8,
    },
}

/// Whether a file is to be read as an Anki package rather than as text: an Anki name, or
/// a ZIP archive whatever its name (the package reader then says if it is no Anki package).
pub(crate) fn is_package(path: &Path, bytes: &[u8]) -> bool {
    let anki_name = path.extension().is_some_and(|extension| {
        extension.eq_ignore_ascii_case("apkg") || extension.eq_ignore_ascii_case("colpkg")
    });
    anki_name || ZIP_MAGIC.iter().any(|magic| bytes.starts_with(magic))
}

/// The text of an import file that is not a package (a UTF-8 byte order mark, if any, is
/// still there), or why it is not one. Offsets count bytes from 0, as a hex editor shows
/// them; lines count from 1.
pub(crate) fn text_of(bytes: &[u8]) -> Result<&str, NotText> {
    if let Some((_, encoding)) = OTHER_BOMS.iter().find(|(bom, _)| bytes.starts_with(bom)) {
        return Err(NotText::OtherEncoding { encoding });
    }
    // A NUL anywhere says binary (or UTF-16 without a mark) better than the first byte that
    // is not UTF-8 would: binary files usually hold both.
    if let Some(offset) = bytes.iter().position(|&byte| byte == 0) {
        return Err(NotText::Nul {
            offset,
            line: line_at(bytes, offset),
        });
    }
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        NotText::NotUtf8 {
            offset,
            line: line_at(bytes, offset),
            byte: bytes[offset],
        }
    })
}

fn line_at(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset]
        .iter()
        .filter(|&&byte| byte == b'\n')
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identify(_name: &str, bytes: &[u8]) -> Result<String, NotText> {
        text_of(bytes).map(str::to_owned)
    }

    #[test]
    fn utf8_text_passes_with_or_without_a_byte_order_mark() {
        assert_eq!(identify("a.txt", b"a\tb\n"), Ok("a\tb\n".to_owned()));
        assert_eq!(
            identify("a.txt", "\u{feff}é\tb".as_bytes()),
            Ok("\u{feff}é\tb".to_owned())
        );
        assert_eq!(identify("empty.txt", b""), Ok(String::new()));
    }

    #[test]
    fn zip_archives_and_anki_names_are_packages_whatever_they_hold() {
        let package = |name: &str, bytes: &[u8]| is_package(Path::new(name), bytes);
        assert!(package("x.txt", b"PK\x03\x04rest"));
        assert!(package("x", b"PK\x05\x06"));
        assert!(package("d.APKG", b"a\tb\n"));
        assert!(package("d.colpkg", b""));
        // Only the magic number at the start makes a ZIP.
        assert!(!package("x.txt", b"PK\tpeak\n"));
        assert!(identify("x.txt", b"PK\tpeak\n").is_ok());
    }

    #[test]
    fn other_unicode_encodings_are_named_by_their_byte_order_mark() {
        let encoding = |bytes: &[u8]| match identify("x.txt", bytes) {
            Err(NotText::OtherEncoding { encoding }) => encoding,
            other => panic!("{other:?}"),
        };
        assert_eq!(encoding(b"\xff\xfea\x00"), "UTF-16LE");
        assert_eq!(encoding(b"\xfe\xff\x00a"), "UTF-16BE");
        assert_eq!(encoding(b"\xff\xfe\x00\x00a\x00\x00\x00"), "UTF-32LE");
        assert_eq!(encoding(b"\x00\x00\xfe\xff"), "UTF-32BE");
    }

    #[test]
    fn the_first_bad_byte_is_named_by_offset_and_line() {
        assert_eq!(
            identify("x.txt", b"a\tb\nc\td\x00e\xff"),
            Err(NotText::Nul { offset: 7, line: 2 })
        );
        assert_eq!(
            identify("x.txt", b"caf\xe9\tcoffee\nb\xffc"),
            Err(NotText::NotUtf8 {
                offset: 3,
                line: 1,
                byte: 0xe9
            })
        );
        // A sequence cut short by the end of the file.
        assert_eq!(
            identify("x.txt", b"a\nb\n\xc3"),
            Err(NotText::NotUtf8 {
                offset: 4,
                line: 3,
                byte: 0xc3
            })
        );
    }
}
