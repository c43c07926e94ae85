//! Markdown: the source stays the canonical text; `pulldown-cmark` tells which spans are
//! headings, block quotes and front matter, so the parser can label them.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::parse::{Hint, SourceMeta};
use super::text::trim_span;
use super::{BlockKind, LinePrefix, dates};

/// Block hints for a Markdown source.
pub fn hints(text: &str) -> Vec<Hint> {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut hints = Vec::new();
    let mut seen_title = false;
    let mut quote_depth = 0usize;
    let mut seen_paragraph = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if quote_depth == 0 => {
                let span = heading_content(text, range);
                if span.is_empty() {
                    continue;
                }
                let kind = if level == HeadingLevel::H1 && !seen_title && !seen_paragraph {
                    seen_title = true;
                    BlockKind::Title
                } else {
                    BlockKind::Heading
                };
                hints.push(Hint {
                    span,
                    kind: Some(kind),
                    prefix: LinePrefix::Indent,
                    cut: false,
                });
            }
            Event::Start(Tag::BlockQuote(_)) => {
                if quote_depth == 0 {
                    hints.push(Hint {
                        span: trim_span(text, range),
                        kind: Some(BlockKind::Quote),
                        prefix: LinePrefix::QuoteMarker,
                        cut: false,
                    });
                }
                quote_depth += 1;
            }
            Event::Start(Tag::Paragraph) => seen_paragraph = true,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::MetadataBlock(_)) => hints.push(Hint {
                span: trim_span(text, range),
                kind: Some(BlockKind::Boilerplate),
                prefix: LinePrefix::Indent,
                cut: false,
            }),
            _ => {}
        }
    }
    hints
}

/// The text of an ATX (`## Title ##`) or setext (`Title\n=====`) heading, without markers.
fn heading_content(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let span = trim_span(text, range);
    let s = &text[span.clone()];
    if s.starts_with('#') {
        let without_hashes = s.trim_start_matches('#');
        let start = span.end - without_hashes.len();
        let inner = without_hashes.trim_end().trim_end_matches('#');
        trim_span(text, start..start + inner.len())
    } else {
        let first_line = s.find('\n').unwrap_or(s.len());
        trim_span(text, span.start..span.start + first_line)
    }
}

/// Metadata from YAML-style front matter (`title:`, `author:`, `date:`, `source:`/`outlet:`).
pub fn front_matter(text: &str) -> SourceMeta {
    let mut meta = SourceMeta::default();
    let Some(rest) = text.strip_prefix("---\n") else {
        return meta;
    };
    let Some(end) = rest.find("\n---") else {
        return meta;
    };
    for line in rest[..end].lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = Some(value.to_owned()),
            "author" | "byline" => meta.author = Some(value.to_owned()),
            "outlet" | "source" | "publication" | "site" => meta.outlet = Some(value.to_owned()),
            "date" | "published" => meta.date = dates::find_date(value).map(|(_, d)| d),
            _ => {}
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_quotes_and_front_matter() {
        let text = "---\ntitle: \"Talks\"\nauthor: Jane Roe\ndate: 2014-09-16\n---\n\n# The Title #\n\nBody text.\n\n> quoted\n> more\n\nSub\n---\n\nEnd.";
        let h = hints(text);
        let got: Vec<_> = h.iter().map(|h| (h.kind, &text[h.span.clone()])).collect();
        assert_eq!(got[0].0, Some(BlockKind::Boilerplate));
        assert_eq!(got[1], (Some(BlockKind::Title), "The Title"));
        assert_eq!(got[2], (Some(BlockKind::Quote), "> quoted\n> more"));
        assert_eq!(got[3], (Some(BlockKind::Heading), "Sub"));
        let meta = front_matter(text);
        assert_eq!(meta.title.as_deref(), Some("Talks"));
        assert_eq!(meta.author.as_deref(), Some("Jane Roe"));
        assert_eq!(
            meta.date.map(|d| d.to_string()).as_deref(),
            Some("2014-09-16")
        );
    }
}
