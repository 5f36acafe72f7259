//! The few protobuf fields an Anki package needs, read by hand: a varint, a length-delimited
//! field, the rest skipped. A whole protobuf crate with generated code would cost more build
//! time than the five messages read here (`PackageMetadata`, `MediaEntries`, a note type's
//! and a template's config) are worth.

/// One field of a message: its number and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    /// A fixed 32- or 64-bit value, which none of the fields read here is.
    Fixed,
}

/// The fields of a message in order, or `None` when the bytes are not a message.
pub(super) fn fields(mut bytes: &[u8]) -> Option<Vec<(u64, Value<'_>)>> {
    let mut out = Vec::new();
    while !bytes.is_empty() {
        let key = varint(&mut bytes)?;
        let value = match key & 7 {
            0 => Value::Varint(varint(&mut bytes)?),
            1 => {
                bytes = bytes.get(8..)?;
                Value::Fixed
            }
            2 => {
                let len = usize::try_from(varint(&mut bytes)?).ok()?;
                let (value, rest) = (bytes.get(..len)?, bytes.get(len..)?);
                bytes = rest;
                Value::Bytes(value)
            }
            5 => {
                bytes = bytes.get(4..)?;
                Value::Fixed
            }
            _ => return None,
        };
        out.push((key >> 3, value));
    }
    Some(out)
}

/// The first varint field `number`, or 0 (protobuf's default) when absent.
pub(super) fn varint_field(fields: &[(u64, Value<'_>)], number: u64) -> u64 {
    fields
        .iter()
        .find_map(|(n, value)| match value {
            Value::Varint(v) if *n == number => Some(*v),
            _ => None,
        })
        .unwrap_or(0)
}

/// The first length-delimited field `number` as text, or empty when absent.
pub(super) fn text_field(fields: &[(u64, Value<'_>)], number: u64) -> String {
    fields
        .iter()
        .find_map(|(n, value)| match value {
            Value::Bytes(bytes) if *n == number => {
                Some(String::from_utf8_lossy(bytes).into_owned())
            }
            _ => None,
        })
        .unwrap_or_default()
}

fn varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_varints_and_nested_bytes_and_refuses_truncation() {
        // PackageMetadata { version: 3 }, as Anki writes it.
        assert_eq!(fields(&[0x08, 0x03]), Some(vec![(1, Value::Varint(3))]));
        // A MediaEntries entry: { name: "a.mp3", size: 300 }.
        let entry = [0x0a, 0x05, b'a', b'.', b'm', b'p', b'3', 0x10, 0xac, 0x02];
        let read = fields(&entry).unwrap();
        assert_eq!(text_field(&read, 1), "a.mp3");
        assert_eq!(varint_field(&read, 2), 300);
        assert_eq!(varint_field(&read, 9), 0);
        assert_eq!(fields(&[0x0a, 0x05, b'a']), None);
        assert_eq!(fields(&[0x08, 0x80]), None);
        // Field 255 (a media entry's legacy_zip_filename) takes a two-byte key.
        assert_eq!(
            fields(&[0xf8, 0x0f, 0x07]),
            Some(vec![(255, Value::Varint(7))])
        );
    }
}
