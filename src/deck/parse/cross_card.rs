//! The rules across the cards of a deck — no id used twice, no question asked twice — and
//! what the deck gives each of its cards: its tags, its `reverse`, its strictness
//! (`case_sensitive`, `exact`, `transliterate`), the card's line.

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::DeValue;

use super::cards::{exact_contradiction, header_span, read_card, reversed};
use super::values::{string_field, wrong_type};
use super::{CardSink, Checks, Head};
use crate::deck::codes::Code;
use crate::deck::{Card, Kind};
use crate::diagnostic::Finding;
use crate::judge::{self, Strictness};

/// Reads `[[cards]]` tables in file order, checking ids (and questions) across them.
pub(super) struct CardReader<'s> {
    checks: Checks,
    deck_tags: Vec<String>,
    deck_reverse: bool,
    deck_strictness: Strictness,
    lines: LineCounter<'s>,
    ids: Ids,
    first_questions: HashMap<String, Range<usize>>,
}

impl<'s> CardReader<'s> {
    pub(super) fn new(source: &'s str, checks: Checks, head: &Head, tables: usize) -> Self {
        CardReader {
            checks,
            deck_tags: head.tags.clone(),
            deck_reverse: head.reverse,
            deck_strictness: Strictness {
                case_sensitive: head.case_sensitive,
                exact: head.exact,
                transliterate: head.transliterate,
            },
            lines: LineCounter::new(source),
            ids: Ids::with_capacity(tables),
            first_questions: HashMap::new(),
        }
    }

    /// Reads one `[[cards]]` value, whose spans count from `text`, which starts at byte
    /// `offset` of the file; findings are given spans in the file.
    pub(super) fn read(
        &mut self,
        text: &str,
        offset: usize,
        value: &Spanned<DeValue<'_>>,
        findings: &mut Vec<Finding>,
        sink: &mut dyn CardSink,
    ) {
        let in_file = |span: Range<usize>| span.start + offset..span.end + offset;
        let DeValue::Table(table) = value.get_ref() else {
            findings.push(wrong_type(
                in_file(value.span()),
                "cards",
                "a [[cards]] table",
                value.get_ref(),
            ));
            return;
        };
        // Ids and questions are compared before the card is read, so a card with some other
        // mistake still counts as the first holder of its id.
        let explicit_id = string_field(table, "id");
        let question = (self.checks == Checks::All)
            .then(|| string_field(table, "question").or_else(|| string_field(table, "cloze")))
            .flatten();
        let before = findings.len();
        let table_start = value.span().start.min(text.len());
        let line_end = self.lines.line_end(offset + table_start) - offset;
        let header = header_span(text, table_start, line_end);
        let raw = read_card(text, header, table, findings);
        for finding in &mut findings[before..] {
            finding.span = in_file(finding.span.clone());
            for (span, _) in &mut finding.related {
                *span = in_file(span.clone());
            }
        }
        let id = match (explicit_id, &raw) {
            (Some(explicit), _) => Some(explicit),
            (None, Some(raw)) => Some((raw.id.as_str(), raw.id_span.clone())),
            (None, None) => None,
        };
        if let Some((id, span)) = id {
            self.ids.push(id, in_file(span));
        }
        if let Some((text, span)) = question {
            let span = in_file(span);
            let key = judge::normalise(text);
            if let Some(first) = self.first_questions.get(&key).filter(|_| !key.is_empty()) {
                findings.push(
                    Finding::warning(
                        Code::DuplicateQuestion,
                        span,
                        "duplicate question: another card asks the same",
                    )
                    .label("asked again here")
                    .related(first.clone(), "first asked here"),
                );
            } else {
                self.first_questions.insert(key, span);
            }
        }
        let Some(raw) = raw else {
            return;
        };
        let line = self.lines.line_at(offset + value.span().start);
        let strictness = Strictness {
            case_sensitive: raw
                .case_sensitive
                .as_ref()
                .map_or(self.deck_strictness.case_sensitive, |(set, _)| *set),
            exact: raw.exact.unwrap_or(self.deck_strictness.exact),
            transliterate: raw
                .transliterate
                .unwrap_or(self.deck_strictness.transliterate),
        };
        if let (true, None, Some((false, span))) =
            (strictness.exact, raw.exact, &raw.case_sensitive)
        {
            // The card's `case_sensitive = false` under the deck's `exact = true`.
            findings.push(exact_contradiction(in_file(span.clone()), "deck"));
            return;
        }
        let reverse = raw.reverse.unwrap_or(self.deck_reverse);
        let reversed: Vec<Card> = raw
            .cards
            .iter()
            .filter(|card| reverse && card.kind == Kind::Text)
            .map(reversed)
            .collect();
        // The cards of one table have its tags, and get the deck's once for them all, so
        // the cards of a cloze keep sharing one list.
        type Tags = Arc<[String]>;
        let mut with_deck_tags: Option<(Tags, Tags)> = None;
        for mut card in raw.cards.into_iter().chain(reversed) {
            card.line = line;
            card.strictness = strictness;
            if self.deck_tags.iter().any(|tag| !card.tags.contains(tag)) {
                card.tags = match &with_deck_tags {
                    Some((own, all)) if Arc::ptr_eq(own, &card.tags) => Arc::clone(all),
                    _ => {
                        let mut all = card.tags.to_vec();
                        for tag in &self.deck_tags {
                            if !all.contains(tag) {
                                all.push(tag.clone());
                            }
                        }
                        let all: Tags = all.into();
                        with_deck_tags = Some((Arc::clone(&card.tags), Arc::clone(&all)));
                        all
                    }
                };
            }
            sink.card(card);
        }
    }
}

impl CardReader<'_> {
    /// Adds the findings that need every card read: each id used again (E-duplicate-id).
    pub(super) fn finish(self, findings: &mut Vec<Finding>) {
        self.ids.duplicates(findings);
    }
}

/// Every card's id with its span, in file order, to find the ids used twice once all are
/// read. Held as one text and a fixed-size record an id, and compared by sorting: a map of
/// a million ids took about 120 MB (an allocation each, and a table sized for all), most
/// of a million-card deck's memory after its text.
struct Ids {
    text: String,
    records: Vec<IdRecord>,
}

struct IdRecord {
    hash: u64,
    /// Where the id is in `text`, and its length.
    start: u32,
    len: u32,
    /// Where it is in the file, and its length there: 24 bytes a record in all.
    span_start: u32,
    span_len: u32,
}

impl Ids {
    fn with_capacity(cards: usize) -> Ids {
        Ids {
            text: String::new(),
            records: Vec::with_capacity(cards),
        }
    }

    fn push(&mut self, id: &str, span: Range<usize>) {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        hasher.write(id.as_bytes());
        // Past 4 GiB of ids or of file (no deck file comes near: see input::Input::Deck) the
        // records would name the wrong place; an id is then left out of the comparison.
        let (Ok(start), Ok(len), Ok(span_start), Ok(span_len)) = (
            u32::try_from(self.text.len()),
            u32::try_from(id.len()),
            u32::try_from(span.start),
            u32::try_from(span.len()),
        ) else {
            return;
        };
        self.text.push_str(id);
        self.records.push(IdRecord {
            hash: hasher.finish(),
            start,
            len,
            span_start,
            span_len,
        });
    }

    fn id(&self, record: &IdRecord) -> &str {
        let start = record.start as usize;
        &self.text[start..start + record.len as usize]
    }

    fn span(record: &IdRecord) -> Range<usize> {
        let start = record.span_start as usize;
        start..start + record.span_len as usize
    }

    /// Each id used before, with the span of its first use.
    fn duplicates(mut self, findings: &mut Vec<Finding>) {
        let mut records = std::mem::take(&mut self.records);
        // Ties in file order (`start` grows with it): the first of equal ids comes first.
        records.sort_unstable_by_key(|record| (record.hash, record.start));
        for group in records.chunk_by(|a, b| a.hash == b.hash) {
            for (at, record) in group.iter().enumerate() {
                let id = self.id(record);
                let Some(first) = group[..at].iter().find(|first| self.id(first) == id) else {
                    continue;
                };
                findings.push(
                    Finding::error(
                        Code::DuplicateId,
                        Ids::span(record),
                        format!("duplicate card id `{id}`"),
                    )
                    .label("used again here")
                    .related(Ids::span(first), "first used here"),
                );
            }
        }
    }
}

/// Cards come in file order, so counting newlines on from the previous card keeps loading
/// linear in the size of the file (counting from the start each time made 100,000 cards
/// take minutes).
struct LineCounter<'a> {
    source: &'a str,
    offset: usize,
    line: usize,
    /// The end of the line last asked for by [`LineCounter::line_end`]: where it was asked
    /// from and the offset of its `\n` (or the end of the file).
    line_end: Option<(usize, usize)>,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        LineCounter {
            source,
            offset: 0,
            line: 1,
            line_end: None,
        }
    }

    /// The offset of the `\n` that ends the line of byte `offset`, or the end of the file.
    /// Many cards on one line ask for the same end: it is found once.
    fn line_end(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        match self.line_end {
            Some((from, end)) if (from..=end).contains(&offset) => end,
            _ => {
                let end = self.source.as_bytes()[offset..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(self.source.len(), |i| offset + i);
                self.line_end = Some((offset, end));
                end
            }
        }
    }

    /// 1-based line of a byte offset.
    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.source.len());
        if offset < self.offset {
            *self = LineCounter::new(self.source);
        }
        let newlines = self.source.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.line += newlines;
        self.offset = offset;
        self.line
    }
}
