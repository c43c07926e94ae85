//! Frame hits: where each frame's cues occur, with the evidence, and how dense they are per
//! 1,000 words — the article and the comment thread counted apart.

use std::sync::Arc;

use serde::Serialize;

use super::codebook::CompiledCodebook;
use super::stance::per_1000;
use super::{Scope, scoped_blocks};
use crate::document::text::word_count;
use crate::document::{Document, Span};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FrameHit {
    pub frame: usize,
    pub span: Span,
    /// The cue or pattern that matched.
    pub cue: Arc<str>,
    pub scope: Scope,
    /// Index of the block the hit is in (a "passage").
    pub block: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrameStats {
    pub article_hits: usize,
    pub thread_hits: usize,
    pub article_per_1000: f64,
    pub thread_per_1000: f64,
    /// Blocks with at least one hit, in order.
    pub article_passages: Vec<usize>,
    pub thread_passages: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrameAnalysis {
    pub hits: Vec<FrameHit>,
    /// One per codebook frame, in codebook order.
    pub stats: Vec<FrameStats>,
    pub article_words: usize,
    pub thread_words: usize,
}

pub fn analyze(doc: &Document, codebook: &CompiledCodebook) -> FrameAnalysis {
    let text = &doc.text;
    let mut out = FrameAnalysis {
        stats: vec![FrameStats::default(); codebook.frames().len()],
        ..Default::default()
    };
    for (bi, block, scope) in scoped_blocks(doc) {
        let words = word_count(&text[block.span.clone()]);
        match scope {
            Scope::Article => out.article_words += words,
            Scope::Thread => out.thread_words += words,
        }
        for m in codebook.matches(text, block.span.clone()) {
            let st = &mut out.stats[m.frame];
            let (hits, passages) = match scope {
                Scope::Article => (&mut st.article_hits, &mut st.article_passages),
                Scope::Thread => (&mut st.thread_hits, &mut st.thread_passages),
            };
            *hits += 1;
            if passages.last() != Some(&bi) {
                passages.push(bi);
            }
            out.hits.push(FrameHit {
                frame: m.frame,
                span: m.span,
                cue: m.cue,
                scope,
                block: bi,
            });
        }
    }
    for st in &mut out.stats {
        st.article_per_1000 = per_1000(st.article_hits, out.article_words);
        st.thread_per_1000 = per_1000(st.thread_hits, out.thread_words);
    }
    out.hits
        .sort_by_key(|h| (h.span.start, h.span.end, h.frame));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::codebook::{Codebook, Frame};
    use crate::document::Format;

    #[test]
    fn hits_density_and_passages_article_apart_from_thread() {
        let book = CompiledCodebook::new(Codebook {
            frames: vec![
                Frame {
                    id: "n".into(),
                    cues: vec!["nuclear".into()],
                    ..Default::default()
                },
                Frame {
                    id: "m".into(),
                    cues: vec!["troops".into()],
                    ..Default::default()
                },
            ],
            ..Default::default()
        });
        let text = "Title\n\nThe nuclear talks matter. Nuclear, nuclear.\n\nNo troops.\n\n  1. Ann says:\n\n    nuclear nuclear nuclear nuclear\n\n  2. Bob says:\n\n    Fine.\n";
        let doc = Document::from_text("t.txt", Format::Text, text);
        let f = analyze(&doc, &book);
        assert_eq!(f.stats[0].article_hits, 3);
        assert_eq!(f.stats[0].thread_hits, 4);
        assert_eq!(f.stats[0].article_passages.len(), 1);
        assert_eq!(f.stats[1].article_hits, 1);
        assert_eq!(f.article_words, 1 + 6 + 2);
        assert!((f.stats[0].article_per_1000 - 3000.0 / 9.0).abs() < 1e-9);
        assert!(
            f.hits
                .iter()
                .all(|h| &doc.text[h.span.clone()].to_lowercase() == "nuclear"
                    || &doc.text[h.span.clone()] == "troops")
        );
    }
}
