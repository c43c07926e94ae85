//! Find in a document: every match of a query in the text the reader sees.
//!
//! Matching runs on each block's display text (see [`super::display`]), so a phrase that
//! wraps onto an indented line of a comment is still found, and hits never land in hidden
//! markup. Hits are returned as canonical byte spans, in document order.

use regex::RegexBuilder;

use super::display::DisplayText;
use super::{Document, Span};

/// How to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FindOptions {
    pub case_sensitive: bool,
    pub whole_word: bool,
}

/// Every hit of `query` in the document's blocks. An empty query finds nothing.
pub fn find_all(doc: &Document, query: &str, options: FindOptions) -> Vec<Span> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    // Quotes and spaces as typed should match their curly and non-breaking forms.
    let mut pattern = String::new();
    for c in query.chars() {
        match c {
            '\'' | '\u{2018}' | '\u{2019}' => pattern.push_str("['\u{2018}\u{2019}]"),
            '"' | '\u{201C}' | '\u{201D}' => pattern.push_str("[\"\u{201C}\u{201D}]"),
            c if c.is_whitespace() => pattern.push_str(r"\s+"),
            c => pattern.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    if options.whole_word {
        pattern = format!(r"\b{pattern}\b");
    }
    let Ok(re) = RegexBuilder::new(&pattern)
        .case_insensitive(!options.case_sensitive)
        .build()
    else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    for block in doc.blocks() {
        let display = DisplayText::of_block(&doc.text, block);
        for m in re.find_iter(&display.text) {
            let start = display.to_source(m.start());
            let end = display.to_source(m.end());
            if start < end {
                hits.push(start..end);
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn doc(text: &str) -> Document {
        Document::from_text("t.txt", Format::Text, text)
    }

    #[test]
    fn case_and_whole_word() {
        let d = doc("Title\n\nIran and Iranian officials. IRAN said no.");
        let all = find_all(&d, "iran", FindOptions::default());
        assert_eq!(all.len(), 3);
        let words = find_all(
            &d,
            "iran",
            FindOptions {
                whole_word: true,
                ..Default::default()
            },
        );
        assert_eq!(words.len(), 2);
        let exact = find_all(
            &d,
            "Iran",
            FindOptions {
                case_sensitive: true,
                whole_word: true,
            },
        );
        assert_eq!(exact.len(), 1);
        assert_eq!(&d.text[exact[0].clone()], "Iran");
    }

    #[test]
    fn typed_quotes_and_spaces_match_what_the_text_has() {
        let d = doc(
            "Title\n\n  1. Ann says:\n\n    It\u{2019}s no secret that we\n    talk.\n\n  2. Bob says:\n\n    Yes.\n",
        );
        let hits = find_all(&d, "it's no secret that we talk", FindOptions::default());
        assert_eq!(hits.len(), 1);
        assert_eq!(
            &d.text[hits[0].clone()],
            "It\u{2019}s no secret that we\n    talk"
        );
    }

    #[test]
    fn empty_query_and_special_characters() {
        let d = doc("Title\n\nP5+1 talks (nuclear) cost $5.");
        assert!(find_all(&d, "  ", FindOptions::default()).is_empty());
        assert_eq!(find_all(&d, "P5+1", FindOptions::default()).len(), 1);
        assert_eq!(find_all(&d, "(nuclear)", FindOptions::default()).len(), 1);
        assert_eq!(find_all(&d, "$5.", FindOptions::default()).len(), 1);
    }
}
