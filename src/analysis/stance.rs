//! Hedges and boosters (after Hyland): where a text is tentative and where it is certain,
//! per 1,000 words so texts of different length compare fairly — for the article, the thread,
//! the writer's own voice and each quoted speaker.

use serde::Serialize;

use super::lexicon::{Lexicons, Stance};
use super::quotes::{Quote, QuoteKind};
use super::{Scope, scoped_blocks};
use crate::document::text::word_count;
use crate::document::{Document, Span};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StanceMark {
    pub span: Span,
    pub stance: Stance,
    /// The lexicon entry that matched.
    pub marker: String,
    pub scope: Scope,
}

/// Counts of hedges and boosters over some words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StanceCounts {
    pub hedges: usize,
    pub boosters: usize,
    pub words: usize,
}

impl StanceCounts {
    pub fn hedges_per_1000(&self) -> f64 {
        per_1000(self.hedges, self.words)
    }
    pub fn boosters_per_1000(&self) -> f64 {
        per_1000(self.boosters, self.words)
    }
}

/// `count` per 1,000 of `words` (0 when there are no words).
pub fn per_1000(count: usize, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        count as f64 * 1000.0 / words as f64
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StanceAnalysis {
    pub marks: Vec<StanceMark>,
    pub article: StanceCounts,
    pub thread: StanceCounts,
    /// The writer's own words in the article (outside quotations).
    pub writer: StanceCounts,
    /// Each speaker's quoted words in the article, most words first.
    pub by_speaker: Vec<(String, StanceCounts)>,
    /// Each commenter's words in the reader thread, most words first.
    pub by_commenter: Vec<(String, StanceCounts)>,
}

/// The writer's voice in [`StanceAnalysis::by_speaker`]-like tables.
pub const WRITER: &str = "(the writer)";

pub fn analyze(doc: &Document, quotes: &[Quote], lx: &Lexicons) -> StanceAnalysis {
    let text = &doc.text;
    let mut out = StanceAnalysis::default();
    for (_, block, scope) in scoped_blocks(doc) {
        let words = word_count(&text[block.span.clone()]);
        let counts = match scope {
            Scope::Article => &mut out.article,
            Scope::Thread => &mut out.thread,
        };
        counts.words += words;
        for m in lx.stance.find_longest(text, block.span.clone()) {
            match m.tag {
                Stance::Hedge => counts.hedges += 1,
                Stance::Booster => counts.boosters += 1,
            }
            out.marks.push(StanceMark {
                span: m.span,
                stance: *m.tag,
                marker: m.phrase.to_owned(),
                scope,
            });
        }
    }
    out.marks.sort_by_key(|m| (m.span.start, m.span.end));
    // Per speaker: the marks inside each speaker's quoted words.
    let mut speakers: Vec<(String, StanceCounts)> = Vec::new();
    let mut commenters: Vec<(String, StanceCounts)> = Vec::new();
    let mut quoted_article = StanceCounts::default();
    for q in quotes {
        let Some(speaker) = &q.speaker else { continue };
        let mut c = StanceCounts {
            words: q.words,
            ..Default::default()
        };
        // Marks are in document order: find the first inside the quote by binary search.
        let from = out.marks.partition_point(|m| m.span.start < q.span.start);
        for m in out.marks[from..]
            .iter()
            .take_while(|m| m.span.start < q.span.end)
            .filter(|m| m.span.end <= q.span.end)
        {
            match m.stance {
                Stance::Hedge => c.hedges += 1,
                Stance::Booster => c.boosters += 1,
            }
        }
        let in_article = q.scope == Scope::Article && q.kind != QuoteKind::Comment;
        if in_article {
            quoted_article.hedges += c.hedges;
            quoted_article.boosters += c.boosters;
            quoted_article.words += c.words;
        }
        let table = if in_article {
            &mut speakers
        } else {
            &mut commenters
        };
        match table.iter_mut().find(|(s, _)| s == speaker) {
            Some((_, total)) => {
                total.hedges += c.hedges;
                total.boosters += c.boosters;
                total.words += c.words;
            }
            None => table.push((speaker.clone(), c)),
        }
    }
    out.writer = StanceCounts {
        hedges: out.article.hedges.saturating_sub(quoted_article.hedges),
        boosters: out.article.boosters.saturating_sub(quoted_article.boosters),
        words: out.article.words.saturating_sub(quoted_article.words),
    };
    for table in [&mut speakers, &mut commenters] {
        table.sort_by(|a, b| b.1.words.cmp(&a.1.words).then(a.0.cmp(&b.0)));
    }
    out.by_speaker = speakers;
    out.by_commenter = commenters;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::quotes;
    use crate::document::Format;

    #[test]
    fn hedges_and_boosters_per_1000_words() {
        let text = "Title\n\nIt is clearly true. It may perhaps be so. “It is certainly the case that we must act now,” Maria Lopez said.";
        let doc = Document::from_text("t.txt", Format::Text, text);
        let lx = Lexicons::built_in();
        let (q, _) = quotes::analyze(
            &doc,
            lx,
            &crate::analysis::lexicon::seed_gazetteer(),
            crate::analysis::attribution::Words::built_in(),
        );
        let s = analyze(&doc, &q, lx);
        assert_eq!(s.article.hedges, 2, "{:?}", s.marks);
        assert_eq!(s.article.boosters, 3, "{:?}", s.marks);
        let words = s.article.words as f64;
        assert!((s.article.hedges_per_1000() - 2000.0 / words).abs() < 1e-9);
        let lopez = s
            .by_speaker
            .iter()
            .find(|(n, _)| n == "Maria Lopez")
            .unwrap()
            .1;
        assert_eq!((lopez.hedges, lopez.boosters), (0, 2));
        assert_eq!(s.writer.boosters, 1);
        assert_eq!(s.writer.hedges, 2);
        assert_eq!(per_1000(3, 0), 0.0);
    }
}
