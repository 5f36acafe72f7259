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
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(Tag::MetadataBlock(
                MetadataBlockKind::YamlStyle | MetadataBlockKind::PlusesStyle,
            )) => metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => metadata = false,
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
            Event::Start(Tag::Emphasis | Tag::Strong) => builder.open_term(),
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => builder.close_term(),
            Event::Text(t) | Event::Code(t) if code == 0 => builder.push(&t),
            Event::SoftBreak | Event::HardBreak => builder.push(" "),
            _ => {}
        }
    }
    builder.finish(kind, &mut out);
    out
}

/// Elements whose text is not the article's.
/// A figure's caption (`figcaption`) is skipped too: a noun phrase under a picture
/// (`Detail from a 1657 map …`), not a sentence of the article.
const SKIPPED: [&str; 15] = [
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

/// Class, id and role words of page furniture in an HTML page: a table of contents, a
/// "From Wikipedia" line, an infobox, a menu, a footer drawn with `<div>`s rather than the
/// elements [`SKIPPED`] names. A word is matched whole or as a `-`/`_` part of one
/// (`jump-to-nav`, `mw-navigation`).
const CHROME: [&str; 29] = [
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

/// HTML: the text of the article (of `<article>` or `<main>` when there is one).
pub(super) fn html(text: &str) -> Vec<Block> {
    let tokens = || {
        let mut emitter = DefaultEmitter::default();
        // Script and style contents are raw text, as a browser reads them.
        emitter.naively_switch_states(true);
        Tokenizer::new_with_emitter(text, emitter).flatten()
    };
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
    for token in tokens() {
        match token {
            Token::StartTag(tag) => {
                let tag_name = name(&tag.name);
                if matches!(tag_name.as_str(), "article" | "main") {
                    scope += 1;
                }
                if SKIPPED.contains(&tag_name.as_str()) && !tag.self_closing {
                    skip += 1;
                }
                if !tag.self_closing {
                    match &mut chrome {
                        Some((open, depth)) if *open == tag_name => *depth += 1,
                        None if CHROME_ELEMENTS.contains(&tag_name.as_str()) && is_chrome(&tag) => {
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
                }
            }
            Token::EndTag(tag) => {
                let tag_name = name(&tag.name);
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
                }
                if matches!(tag_name.as_str(), "article" | "main") {
                    scope = scope.saturating_sub(1);
                }
            }
            Token::String(s) if skip == 0 && chrome.is_none() && (!scoped || scope > 0) => {
                builder.push(&String::from_utf8_lossy(&s));
            }
            _ => {}
        }
    }
    builder.finish(kind, &mut out);
    out
}
