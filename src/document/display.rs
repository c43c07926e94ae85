//! The text a block shows, and how its offsets map back to the canonical text.
//!
//! The reading view should not show markup or export artefacts: the four-space indent of every
//! line of a reader comment, Markdown's `> ` quote markers, or the hard line wraps of a text
//! file wrapped at 72 columns. Rather than change the canonical text (which every note anchor
//! points into), each block is shown through a [`DisplayText`]: a copy with those prefixes
//! dropped and hard wraps joined, plus a piecewise map between display and canonical offsets.

use super::text::Span;
use super::{Block, LinePrefix};

/// One contiguous run copied from the canonical text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    /// Byte offset in the canonical text.
    src: usize,
    /// Byte offset in the display text.
    disp: usize,
    len: usize,
}

/// A block's display text with its offset map.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DisplayText {
    pub text: String,
    pieces: Vec<Piece>,
    /// Canonical span of the block.
    pub span: Span,
}

impl DisplayText {
    /// Build the display text of `block` from the document text.
    pub fn of_block(doc_text: &str, block: &Block) -> Self {
        Self::build(
            doc_text,
            block.span.clone(),
            block.line_prefix,
            block.hard_wrapped,
        )
    }

    pub fn build(doc_text: &str, span: Span, prefix: LinePrefix, hard_wrapped: bool) -> Self {
        let mut text = String::with_capacity(span.len());
        let mut pieces = Vec::new();
        let mut line_start = span.start;
        let mut first = true;
        while line_start <= span.end {
            let rest = &doc_text[line_start..span.end];
            let line_len = rest.find('\n').unwrap_or(rest.len());
            let line = &rest[..line_len];
            let skip = prefix_len(line, prefix);
            if !first {
                // The newline before this line: a break, or a space when the paragraph is hard-wrapped.
                let nl = line_start - 1;
                pieces.push(Piece {
                    src: nl,
                    disp: text.len(),
                    len: 1,
                });
                text.push(if hard_wrapped { ' ' } else { '\n' });
            }
            let content = &line[skip..];
            if !content.is_empty() {
                pieces.push(Piece {
                    src: line_start + skip,
                    disp: text.len(),
                    len: content.len(),
                });
                text.push_str(content);
            }
            first = false;
            line_start += line_len + 1;
        }
        Self { text, pieces, span }
    }

    /// Canonical byte offset of a display byte offset. Offsets at the end map to the span's end.
    pub fn to_source(&self, disp: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.disp <= disp);
        if i == 0 {
            return self.span.start;
        }
        let p = self.pieces[i - 1];
        if disp < p.disp + p.len {
            p.src + (disp - p.disp)
        } else if disp >= self.text.len() {
            self.span.end
        } else {
            p.src + p.len
        }
    }

    /// Display byte offset of a canonical offset. Offsets in hidden markup map to the start
    /// of the next visible text; offsets outside the block clamp to its ends.
    pub fn to_display(&self, src: usize) -> usize {
        if src <= self.span.start {
            return 0;
        }
        if src >= self.span.end {
            return self.text.len();
        }
        let i = self.pieces.partition_point(|p| p.src <= src);
        if i == 0 {
            return 0;
        }
        let p = self.pieces[i - 1];
        if src < p.src + p.len {
            p.disp + (src - p.src)
        } else {
            self.pieces.get(i).map_or(self.text.len(), |next| next.disp)
        }
    }

    /// Canonical spans covered by a display range (several when it crosses hidden markup).
    pub fn source_spans(&self, disp: Span) -> Vec<Span> {
        self.pieces
            .iter()
            .filter_map(|p| {
                let start = disp.start.max(p.disp);
                let end = disp.end.min(p.disp + p.len);
                (start < end).then(|| p.src + (start - p.disp)..p.src + (end - p.disp))
            })
            .collect()
    }
}

fn prefix_len(line: &str, prefix: LinePrefix) -> usize {
    match prefix {
        LinePrefix::Indent => line.len() - line.trim_start().len(),
        LinePrefix::QuoteMarker => {
            let trimmed = line
                .trim_start()
                .trim_start_matches(|c: char| c == '>' || c.is_whitespace());
            line.len() - trimmed.len()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn display(text: &str, prefix: LinePrefix, hard: bool) -> DisplayText {
        let start = text.len() - text.trim_start().len();
        DisplayText::build(text, start..text.trim_end().len(), prefix, hard)
    }

    #[test]
    fn indentation_of_continuation_lines_is_hidden() {
        let text =
            "    Well we gave Iraq to Iran\u{2026}\n    Now if \u{201c}our ally\u{201d} would.";
        let d = display(text, LinePrefix::Indent, false);
        assert_eq!(
            d.text,
            "Well we gave Iraq to Iran\u{2026}\nNow if \u{201c}our ally\u{201d} would."
        );
        // Every display char maps back to the same char in the source.
        for (i, c) in d.text.char_indices() {
            let src = d.to_source(i);
            assert_eq!(text[src..].chars().next(), Some(c), "at display {i}");
            assert_eq!(d.to_display(src), i);
        }
        // A source offset in the hidden indent maps to the next visible char.
        let hidden = text.find("\n").unwrap() + 2;
        assert_eq!(
            &d.text[d.to_display(hidden)..d.to_display(hidden) + 3],
            "Now"
        );
    }

    #[test]
    fn markdown_quote_markers_and_hard_wraps() {
        let text = "> It is no secret that we\n> have had discussions.";
        let d = display(text, LinePrefix::QuoteMarker, true);
        assert_eq!(
            d.text,
            "> It is no secret that we have had discussions.".trim_start_matches("> ")
        );
        let spans = d.source_spans(0..d.text.len());
        assert_eq!(spans.len(), 3);
        assert_eq!(&text[spans[0].clone()], "It is no secret that we");
        assert_eq!(&text[spans[2].clone()], "have had discussions.");
        assert_eq!(d.to_source(d.text.len()), text.len());
    }
}
