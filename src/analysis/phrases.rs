//! Finding many phrases at once: one Aho–Corasick automaton over every phrase, with word
//! boundaries, an optional trailing `*` wildcard, and curly apostrophes matching straight ones.
//! Codebook cues, stance markers, reporting verbs and actor names all go through here.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::document::Span;

/// A curly apostrophe in the text is three bytes; matching runs on a copy where it reads
/// `'` followed by two U+0001 bytes, so every byte offset stays the same as in the text.
const CURLY_APOSTROPHE: &str = "'\u{1}\u{1}";

/// Whether matching ignores ASCII case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Insensitive,
    Sensitive,
}

/// One phrase match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch<'m, T> {
    pub span: Span,
    pub tag: &'m T,
    /// The phrase as it was given (with its `*`).
    pub phrase: &'m str,
}

/// A set of tagged phrases compiled for matching.
#[derive(Debug, Clone)]
pub struct PhraseMatcher<T> {
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: (index into `entries`, wildcard).
    patterns: Vec<(usize, bool)>,
    entries: Vec<(String, T)>,
}

/// The ways a phrase can appear: as typed, and with each straight apostrophe curly.
fn variants(phrase: &str) -> Vec<String> {
    if phrase.contains(['\'', '\u{2019}', '\u{2018}']) {
        let straight: String = phrase
            .chars()
            .map(|c| {
                if matches!(c, '\u{2019}' | '\u{2018}') {
                    '\''
                } else {
                    c
                }
            })
            .collect();
        vec![straight.clone(), straight.replace('\'', CURLY_APOSTROPHE)]
    } else {
        vec![phrase.to_owned()]
    }
}

/// Replace curly apostrophes by [`CURLY_APOSTROPHE`] (same byte length).
fn fold_apostrophes(s: &str) -> Cow<'_, str> {
    if !s.contains(['\u{2019}', '\u{2018}']) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace(['\u{2019}', '\u{2018}'], CURLY_APOSTROPHE))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '\u{1}' | '-')
}

fn boundary_before(s: &str, at: usize) -> bool {
    // U+0001 pads a curly apostrophe: it is inside a word like the apostrophe itself.
    s[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != '\u{1}')
}

fn boundary_after(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_none_or(|c| !c.is_alphanumeric())
}

impl<T> PhraseMatcher<T> {
    pub fn new(phrases: impl IntoIterator<Item = (String, T)>, case: Case) -> Self {
        let entries: Vec<(String, T)> = phrases.into_iter().collect();
        let mut texts = Vec::new();
        let mut patterns = Vec::new();
        for (i, (phrase, _)) in entries.iter().enumerate() {
            let trimmed = phrase.trim();
            let (text, wildcard) = match trimmed.strip_suffix('*') {
                Some(t) => (t.trim_end(), true),
                None => (trimmed, false),
            };
            if text.is_empty() {
                continue;
            }
            for v in variants(text) {
                texts.push(v);
                patterns.push((i, wildcard));
            }
        }
        let automaton = (!texts.is_empty())
            .then(|| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .ascii_case_insensitive(case == Case::Insensitive)
                    .build(&texts)
                    .ok()
            })
            .flatten();
        Self {
            automaton,
            patterns,
            entries,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// Every match in `text[range]` on word boundaries, overlapping ones included, as spans
    /// into `text`, in no particular order.
    pub fn find_all(&self, text: &str, range: Span) -> Vec<PhraseMatch<'_, T>> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let folded = fold_apostrophes(&text[range.clone()]);
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(folded.as_bytes()) {
            let (entry, wildcard) = self.patterns[m.pattern().as_usize()];
            let start = m.start();
            let mut end = m.end();
            if !boundary_before(&folded, start) {
                continue;
            }
            if wildcard {
                end += folded[end..]
                    .find(|c: char| !is_word_char(c))
                    .unwrap_or(folded.len() - end);
                // A trailing apostrophe or hyphen is punctuation, not part of the word.
                while end > m.end() && folded[..end].ends_with(['\'', '-', '\u{1}']) {
                    end -= 1;
                    while !folded.is_char_boundary(end) {
                        end -= 1;
                    }
                }
            } else if !boundary_after(&folded, end) {
                continue;
            }
            let (phrase, tag) = &self.entries[entry];
            out.push(PhraseMatch {
                span: range.start + start..range.start + end,
                tag,
                phrase: phrase.as_str(),
            });
        }
        out
    }

    /// Leftmost-longest matches that do not overlap, in order.
    pub fn find_longest(&self, text: &str, range: Span) -> Vec<PhraseMatch<'_, T>> {
        let mut all = self.find_all(text, range);
        all.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        let mut out: Vec<PhraseMatch<'_, T>> = Vec::with_capacity(all.len());
        for m in all {
            if out.last().is_none_or(|l| m.span.start >= l.span.end) {
                out.push(m);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(m: &PhraseMatcher<u8>, text: &str) -> Vec<String> {
        m.find_longest(text, 0..text.len())
            .into_iter()
            .map(|p| text[p.span].to_owned())
            .collect()
    }

    #[test]
    fn words_wildcards_case_and_apostrophes() {
        let m = PhraseMatcher::new(
            [
                ("same side", 0),
                ("cooperat*", 1),
                ("Iran", 2),
                ("don't", 3),
                ("at least", 4),
                ("least", 5),
            ]
            .map(|(p, t)| (p.to_owned(), t)),
            Case::Insensitive,
        );
        let text = "On the Same Side, Iran’s cooperation; Iranian cooperating’ — we don\u{2019}t at least.";
        assert_eq!(
            found(&m, text),
            [
                "Same Side",
                "Iran",
                "cooperation",
                "cooperating",
                "don\u{2019}t",
                "at least"
            ]
        );
    }

    #[test]
    fn case_sensitive_names() {
        let m = PhraseMatcher::new(
            [("IS".to_owned(), 0u8), ("US".to_owned(), 1)],
            Case::Sensitive,
        );
        assert_eq!(found(&m, "this is US policy, IS said"), ["US", "IS"]);
    }
}
