//! The Markdown and HTML readers: markup to blocks, the author's emphasis (`**glucose**`,
//! `<em>`) kept as terms. Markdown goes through pulldown-cmark with code blocks and front
//! matter left out; HTML through the html5gum tokenizer, keeping the article and dropping
//! scripts, navigation, footers, captions and the `<div>`s marked as furniture. Plain text,
//! which has no markup to read and must be rebuilt into paragraphs, stays in the parent.

use std::ops::Range;

use html5gum::{DefaultEmitter, Token, Tokenizer};
use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, collapse, strip_citations};

/// Builds one block's text with spaces collapsed, keeping term ranges right.
#[derive(Default)]
struct Builder {
    text: String,
    terms: Vec<Range<usize>>,
    term_start: Option<usize>,
}

impl Builder {
    fn push(&mut self, piece: &str) {
        for c in piece.chars() {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with(' ') {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    fn open_term(&mut self) {
        self.term_start.get_or_insert(self.text.len());
    }

    fn close_term(&mut self) {
        if let Some(start) = self.term_start.take() {
            let end = self.text.trim_end().len();
            if end > start {
                let start =
                    start + (self.text[start..].len() - self.text[start..].trim_start().len());
                if start < end {
                    self.terms.push(start..end);
                }
            }
        }
    }

    /// A link named for the article it leads to (`<a title="Normal matrix">normal
    /// matrix</a>`, as an encyclopedia links a concept where it first uses it) is a term
    /// when it is a phrase in lower case: a name is found by its capitals anyway, and one
    /// linked word (`software`) is too common a thing to ask.
    fn close_link(&mut self, start: usize, title: &str) {
        let Some(linked) = self.text.get(start..) else {
            return;
        };
        let trimmed = linked.trim();
        let words = trimmed.split_whitespace().count();
        if (2..=4).contains(&words)
            && trimmed.starts_with(char::is_lowercase)
            && trimmed.eq_ignore_ascii_case(title.trim())
            && trimmed
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-'))
        {
            let at = start + (linked.len() - linked.trim_start().len());
            self.terms.push(at..at + trimmed.len());
        }
    }

    fn finish(&mut self, kind: BlockKind, out: &mut Vec<Block>) {
        self.close_term();
        let built = self.text.trim_end().to_string();
        let terms: Vec<Range<usize>> = std::mem::take(&mut self.terms)
            .into_iter()
            .filter(|r| r.end <= built.len())
            .collect();
        // A citation mark assembled from markup (`<sup>&#91;5&#93;</sup>`, as Wikipedia
        // writes them) is only whole now; the terms are found again in the text without it.
        let text = collapse(&strip_citations(&built));
        let terms = if text == built {
            terms
        } else {
            let mut from = 0;
            terms
                .iter()
                .filter_map(|r| {
                    let at = from + text.get(from..)?.find(&built[r.clone()])?;
                    from = at + r.len();
                    Some(at..from)
                })
                .collect()
        };
        if !text.is_empty() {
            out.push(Block { text, kind, terms });
        }
        self.text.clear();
    }
}

/// Markdown: one block per paragraph, heading and list item; code left out.
pub(super) fn markdown(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut builder = Builder::default();
    let mut kind = BlockKind::Paragraph;
    let mut code = 0usize;
    let mut items = 0usize;
    // Front matter (`---` title, date, author `---` on top of a blog post) is the site
    // generator's, not prose: read as text it ran into one card.
    let mut metadata = false;
    // Its `title:` is the document's title, though: the deck's and its subject's; its
    // author and date are the front's, asked of the work.
    let mut title = None;
    let mut front = Vec::new();
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(
                MetadataBlockKind::YamlStyle | MetadataBlockKind::PlusesStyle,
            )) => metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => metadata = false,
            Event::Text(t) if metadata => {
                title = title.or_else(|| front_matter_title(&t));
                front.extend(front_matter_front(&t));
            }
            _ if metadata => {}
            Event::Start(Tag::Heading { .. }) => {
                builder.finish(kind, &mut out);
                kind = BlockKind::Heading;
            }
            Event::Start(Tag::Paragraph) => {
                builder.finish(kind, &mut out);
                kind = if items > 0 {
                    BlockKind::Item
                } else {
                    BlockKind::Paragraph
                };
            }
            Event::Start(Tag::Item) => {
                builder.finish(kind, &mut out);
                items += 1;
                kind = BlockKind::Item;
            }
            Event::End(TagEnd::Item) => {
                builder.finish(kind, &mut out);
                items = items.saturating_sub(1);
                kind = if items > 0 {
                    BlockKind::Item
                } else {
                    BlockKind::Paragraph
                };
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) => {
                builder.finish(kind, &mut out);
                kind = if items > 0 {
                    BlockKind::Item
                } else {
                    BlockKind::Paragraph
                };
            }
            Event::Start(Tag::CodeBlock(_)) => {
                builder.finish(kind, &mut out);
                code += 1;
            }
            Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
            // Inline code is one term, never cut: `errors.Join`, not `errors.{{Join}}`.
            Event::Code(t) if code == 0 => {
                builder.open_term();
                builder.push(&t);
                builder.close_term();
            }
            Event::Start(Tag::Emphasis | Tag::Strong) => builder.open_term(),
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => builder.close_term(),
            Event::Text(t) if code == 0 => builder.push(&t),
            Event::SoftBreak | Event::HardBreak => builder.push(" "),
            _ => {}
        }
    }
    builder.finish(kind, &mut out);
    let fronted = title.is_some() && !front.is_empty();
    let mut out = titled(out, title);
    if fronted {
        let lines = front.into_iter().map(|text| Block {
            text,
            kind: BlockKind::Heading,
            terms: Vec::new(),
        });
        out.splice(1..1, lines);
    }
    out
}

/// A front matter's author as a by-line (`By Robert Griesemer, on behalf of the Go team`,
/// from `by:` or `author:`, inline or the list's first item) and its `date:`.
fn front_matter_front(yaml: &str) -> Vec<String> {
    let unquote = |v: &str| {
        let v = v.trim();
        v.strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(v)
            .to_string()
    };
    let lines: Vec<&str> = yaml.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        match key.trim() {
            "by" | "author" | "authors" => {
                let name = if value.trim().is_empty() {
                    lines
                        .get(i + 1)
                        .and_then(|next| next.trim().strip_prefix("- "))
                        .map(unquote)
                } else {
                    Some(unquote(value))
                };
                out.extend(name.filter(|n| !n.is_empty()).map(|n| format!("By {n}")));
            }
            // `2023-02-01T10:00:00Z`: the day is the date.
            "date" => out.push(unquote(value).chars().take(10).collect()),
            _ => {}
        }
    }
    out
}

/// A front matter's `title: Half a decade with Go` (quotes taken off), if it has one.
fn front_matter_title(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        let value = line.strip_prefix("title:")?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        (!value.is_empty()).then(|| collapse(value))
    })
}

/// The blocks with the document's own title (a front matter's, a page's `<h1>`) first, as
/// its heading: otherwise the first section heading (`History`) or the first sentence
/// would stand for it.
fn titled(mut out: Vec<Block>, title: Option<String>) -> Vec<Block> {
    let Some(title) = title.filter(|t| !t.is_empty()) else {
        return out;
    };
    if out
        .first()
        .is_some_and(|b| b.kind == BlockKind::Heading && b.text == title)
    {
        return out;
    }
    out.insert(
        0,
        Block {
            text: title,
            kind: BlockKind::Heading,
            terms: Vec::new(),
        },
    );
    out
}

/// Elements whose text is not the article's.
/// A figure's caption (`figcaption`) is skipped too: a noun phrase under a picture
/// (`Detail from a 1657 map …`), not a sentence of the article.
const SKIPPED: [&str; 16] = [
    "math",
    "script",
    "style",
    "nav",
    "footer",
    "header",
    "aside",
    "noscript",
    "template",
    "form",
    "button",
    "select",
    "svg",
    "iframe",
    "head",
    "figcaption",
];

/// Where a formula stood in a block's text; a sentence holding one is no card.
pub(in crate::derive) const FORMULA: char = '\u{FFFC}';

/// Class, id and role words of page furniture in an HTML page: a table of contents, a
/// "From Wikipedia" line, an infobox, a menu, a footer drawn with `<div>`s rather than the
/// elements [`SKIPPED`] names. A word is matched whole or as a `-`/`_` part of one
/// (`jump-to-nav`, `mw-navigation`).
const CHROME: [&str; 34] = [
    // The page's status marks beside its title (MediaWiki's `mw-indicator`: the article's
    // coordinates, a protection padlock), not its text.
    "indicator",
    // A picture and its caption (Wikipedia's `thumb`, `thumbcaption`, `gallery`).
    "thumb",
    "thumbcaption",
    "gallery",
    "footer",
    "toc",
    "navigation",
    "navbar",
    "nav",
    "menu",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "jump",
    "sitesub",
    "contentsub",
    "infobox",
    "catlinks",
    "printfooter",
    "noprint",
    "cookie",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "hatnote",
    "editsection",
    "share",
    "social",
    "advert",
    // The list of references (`<ol class="references">`, `<div class="reflist">`): whom
    // the article cites, not what it says.
    "references",
    "reflist",
    // A maintenance box (`This section needs expansion`, MediaWiki's `ambox metadata`).
    "ambox",
    "metadata",
];

/// Elements that may be page furniture by their attributes: only those whose end tag is
/// never left out, so skipping to it cannot swallow the article.
const CHROME_ELEMENTS: [&str; 8] = ["div", "section", "span", "ul", "ol", "table", "dl", "sup"];

/// Whether a start tag's `id`, `class` or `role` marks it as page furniture.
fn is_chrome(tag: &html5gum::StartTag<()>) -> bool {
    tag.attributes.iter().any(|(key, value)| {
        matches!(key.0.as_slice(), b"id" | b"class" | b"role")
            && String::from_utf8_lossy(&value.value)
                .to_lowercase()
                .split_whitespace()
                .any(|word| {
                    CHROME.contains(&word) || word.split(['-', '_']).any(|p| CHROME.contains(&p))
                })
    })
}

/// A citation mark as MediaWiki writes it, `<sup class="reference">`, and the page numbers
/// it puts in one beside it (`<sup class="reference nowrap">:&#8202;228</sup>`): dropped
/// whole, so no number of the mark is left to become a gap.
fn is_reference(tag: &html5gum::StartTag<()>) -> bool {
    has_class(tag, "reference")
}

/// Whether a start tag's `class` holds `word`.
fn has_class(tag: &html5gum::StartTag<()>, word: &str) -> bool {
    tag.attributes.iter().any(|(key, value)| {
        key.0.as_slice() == b"class"
            && String::from_utf8_lossy(&value.value)
                .to_lowercase()
                .split_whitespace()
                .any(|w| w == word)
    })
}

/// Elements that end a block of text.
const BLOCKS: [&str; 23] = [
    "p",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "dt",
    "dd",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
    "table",
    "ul",
    "ol",
    "body",
    "hr",
    "title",
    "address",
    "figure",
];

fn heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The tokens of an HTML page, script and style contents raw text, as a browser reads them.
fn tokens(text: &str) -> impl Iterator<Item = Token<()>> + '_ {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    Tokenizer::new_with_emitter(text, emitter).flatten()
}

/// HTML: the text of the article (of `<article>` or `<main>` when there is one).
pub(super) fn html(text: &str) -> Vec<Block> {
    let tokens = || tokens(text);
    let name = |bytes: &[u8]| String::from_utf8_lossy(bytes).to_ascii_lowercase();
    let scoped = tokens().any(|t| matches!(&t, Token::StartTag(tag) if matches!(name(&tag.name).as_str(), "article" | "main")));
    let mut out = Vec::new();
    let mut builder = Builder::default();
    let mut kind = BlockKind::Paragraph;
    let mut skip = 0usize;
    // The furniture element being skipped, and how deep inside its own kind we are.
    let mut chrome: Option<(String, usize)> = None;
    let mut scope = 0usize;
    let mut items = 0usize;
    // The page's own title: its first `<h1>` wherever it stands (often in a header, which
    // is dropped), else its `<title>` without the site's name after a dash or a bar.
    let mut h1: Option<String> = None;
    let mut page_title = String::new();
    let mut in_h1 = false;
    let mut in_title = false;
    // The open link: where its text starts and the article it is named for.
    let mut link: Option<(usize, String)> = None;
    for token in tokens() {
        match token {
            Token::StartTag(tag) => {
                let tag_name = name(&tag.name);
                if matches!(tag_name.as_str(), "article" | "main") {
                    scope += 1;
                }
                if tag_name == "h1" && h1.is_none() && !tag.self_closing {
                    in_h1 = true;
                    h1 = Some(String::new());
                }
                in_title |= tag_name == "title" && page_title.is_empty();
                // A formula's text (MathML, its TeX beside it) reads as nothing a card can
                // show: its place is marked, and its sentence is left out.
                if tag_name == "math" && skip == 0 && chrome.is_none() && (!scoped || scope > 0) {
                    builder.push(&FORMULA.to_string());
                }
                if SKIPPED.contains(&tag_name.as_str()) && !tag.self_closing {
                    skip += 1;
                }
                if !tag.self_closing {
                    match &mut chrome {
                        Some((open, depth)) if *open == tag_name => *depth += 1,
                        None if (CHROME_ELEMENTS.contains(&tag_name.as_str())
                            && is_chrome(&tag))
                            || (tag_name == "sup" && is_reference(&tag)) =>
                        {
                            chrome = Some((tag_name.clone(), 1));
                        }
                        _ => {}
                    }
                }
                if heading(&tag_name) {
                    builder.finish(kind, &mut out);
                    kind = BlockKind::Heading;
                } else if BLOCKS.contains(&tag_name.as_str()) {
                    builder.finish(kind, &mut out);
                    if tag_name == "li" {
                        items += 1;
                    }
                    kind = if items > 0 {
                        BlockKind::Item
                    } else {
                        BlockKind::Paragraph
                    };
                } else if matches!(tag_name.as_str(), "em" | "strong" | "b" | "i" | "dfn") {
                    builder.open_term();
                } else if tag_name == "br" {
                    // A line break inside a paragraph is a wrap, as in plain text.
                    builder.push(" ");
                } else if tag_name == "a" && !tag.self_closing {
                    link = tag
                        .attributes
                        .iter()
                        .find(|(key, _)| key.0.as_slice() == b"title")
                        .map(|(_, value)| {
                            (
                                builder.text.len(),
                                String::from_utf8_lossy(&value.value).to_string(),
                            )
                        });
                }
            }
            Token::EndTag(tag) => {
                let tag_name = name(&tag.name);
                in_h1 &= tag_name != "h1";
                in_title &= tag_name != "title";
                if SKIPPED.contains(&tag_name.as_str()) {
                    skip = skip.saturating_sub(1);
                }
                if let Some((open, depth)) = &mut chrome
                    && *open == tag_name
                {
                    *depth -= 1;
                    if *depth == 0 {
                        chrome = None;
                    }
                }
                if heading(&tag_name) || BLOCKS.contains(&tag_name.as_str()) {
                    builder.finish(kind, &mut out);
                    if tag_name == "li" {
                        items = items.saturating_sub(1);
                    }
                    kind = if items > 0 {
                        BlockKind::Item
                    } else {
                        BlockKind::Paragraph
                    };
                } else if matches!(tag_name.as_str(), "em" | "strong" | "b" | "i" | "dfn") {
                    builder.close_term();
                } else if tag_name == "a"
                    && let Some((start, title)) = link.take()
                {
                    builder.close_link(start, &title);
                }
                if matches!(tag_name.as_str(), "article" | "main") {
                    scope = scope.saturating_sub(1);
                }
            }
            Token::String(s) if in_h1 || in_title => {
                let piece = String::from_utf8_lossy(&s);
                match h1.as_mut() {
                    Some(h1) if in_h1 => h1.push_str(&piece),
                    _ => page_title.push_str(&piece),
                }
                if skip == 0 && chrome.is_none() && (!scoped || scope > 0) {
                    builder.push(&piece);
                }
            }
            Token::String(s) if skip == 0 && chrome.is_none() && (!scoped || scope > 0) => {
                builder.push(&String::from_utf8_lossy(&s));
            }
            _ => {}
        }
    }
    builder.finish(kind, &mut out);
    let site = |t: &str| {
        [" - ", " – ", " — ", " | "]
            .iter()
            .find_map(|sep| t.rsplit_once(sep).map(|(head, _)| head.to_string()))
            .unwrap_or_else(|| t.to_string())
    };
    let title = h1
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty())
        .or_else(|| Some(site(&collapse(&page_title))));
    // After the lead's first paragraph: before it they would read as cover lines, and
    // at the end they would fall among the back matter (`References`, `External links`).
    let fields = infobox_fields(text);
    let at = out
        .iter()
        .position(|b| {
            b.kind == BlockKind::Paragraph && crate::derive::sentences::ends_sentence(&b.text)
        })
        .map_or(out.len(), |i| i + 1);
    out.splice(at..at, fields);
    titled(out, title)
}

/// A field of an infobox longer than this is a list or a note, not a value to ask.
const MAX_FIELD_WORDS: usize = 8;

/// An encyclopedia's infobox, its rows read as a fact sheet's fields (`Founded: April 4,
/// 1975`, `Phylum: Chordata`): its labelled facts are the page's most quoted, and the
/// article's text is dropped with the rest of the box's furniture. A row is a field when it
/// has a label (a header cell, or a cell ending in `:`) and one short value; pictures,
/// maps, lists and notes in the box are left out.
fn infobox_fields(text: &str) -> Vec<Block> {
    let name = |bytes: &[u8]| String::from_utf8_lossy(bytes).to_ascii_lowercase();
    let mut out = Vec::new();
    // How deep inside the infobox's tables, and inside elements whose text is no value.
    let (mut depth, mut skip) = (0usize, 0usize);
    // The row's cells: whether a header, and its text.
    let mut cells: Vec<(bool, String)> = Vec::new();
    let mut cell: Option<(bool, String)> = None;
    for token in tokens(text) {
        match token {
            Token::StartTag(tag) => {
                let tag_name = name(&tag.name);
                if tag_name == "table" && (depth > 0 || has_class(&tag, "infobox")) {
                    depth += 1;
                }
                if depth == 0 || tag.self_closing {
                    continue;
                }
                match tag_name.as_str() {
                    "sup" | "style" | "script" | "math" => skip += 1,
                    "tr" => cells.clear(),
                    "th" | "td" => cell = Some((tag_name == "th", String::new())),
                    "br" | "li" => {
                        if let Some((_, text)) = &mut cell {
                            // Several lines in a cell: a list, no one value.
                            text.push('\n');
                        }
                    }
                    _ => {}
                }
            }
            Token::EndTag(tag) => {
                let tag_name = name(&tag.name);
                if depth == 0 {
                    continue;
                }
                match tag_name.as_str() {
                    "table" => depth -= 1,
                    "sup" | "style" | "script" | "math" => skip = skip.saturating_sub(1),
                    "th" | "td" => cells.extend(cell.take()),
                    "tr" => {
                        // A label once: `Founded` again is the same date another way.
                        if let Some(field) = field(&cells).filter(|f| {
                            let label = f.split(": ").next().unwrap_or_default();
                            !out.iter()
                                .any(|b: &Block| b.text.starts_with(&format!("{label}: ")))
                        }) {
                            out.push(Block {
                                text: field,
                                kind: BlockKind::Paragraph,
                                terms: Vec::new(),
                            });
                        }
                        cells.clear();
                    }
                    _ => {}
                }
            }
            Token::String(piece) if depth > 0 && skip == 0 => {
                if let Some((_, text)) = &mut cell {
                    text.push_str(&String::from_utf8_lossy(&piece));
                }
            }
            _ => {}
        }
    }
    out
}

/// `Label: value` of an infobox row, when it is one label and one short value.
fn field(cells: &[(bool, String)]) -> Option<String> {
    let [(header, label), (_, value)] = cells else {
        return None;
    };
    let label = collapse(label);
    let value = value.trim();
    let labelled = *header || label.ends_with(':');
    let label = label.trim_end_matches(':').trim();
    let words = value.split_whitespace().count();
    // Identifiers and links a learner does not learn; a relative date (`18 years ago`) is
    // stale by the time it is read, an `estimate` line heads the figures under it.
    let lower = label.to_lowercase();
    let furniture = [
        "website",
        "url",
        "isin",
        "asn",
        "coordinates",
        "image",
        "logo",
        "map",
    ]
    .contains(&lower.as_str())
        || value.contains(" ago")
        || value.ends_with("estimate");
    let usable = labelled
        && !furniture
        && !value.contains('\n')
        && (1..=MAX_FIELD_WORDS).contains(&words)
        && (1..=4).contains(&label.split_whitespace().count())
        && label.starts_with(char::is_alphabetic)
        && !label.contains(['.', ';'])
        && value.chars().any(char::is_alphanumeric)
        && !value.contains(['°', '|', '•'])
        && !value.contains(FORMULA);
    usable.then(|| format!("{label}: {}", collapse(&strip_citations(value))))
}
