//! Words of a block with the punctuation around them, and the small word lists the rules
//! read them with.

use super::*;

/// A word of a block, with where it is (byte offsets in the block's text).
#[derive(Debug, Clone)]
pub(super) struct Tok<'a> {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The word without the punctuation around it.
    pub(super) word: &'a str,
    pub(super) lower: String,
    /// The punctuation right after the word (",", ".", ":", a closing quote…).
    pub(super) after: &'a str,
    /// Punctuation right before it (an opening quote, a parenthesis).
    pub(super) before: &'a str,
}

impl Tok<'_> {
    pub(super) fn cap(&self) -> bool {
        self.word.chars().next().is_some_and(char::is_uppercase)
    }
    pub(super) fn comma(&self) -> bool {
        self.after.contains(',')
    }
    pub(super) fn stops(&self) -> bool {
        self.after.contains([',', ';', ':', '.', '!', '?'])
            || self.after.chars().any(is_close_quote)
    }
}

pub(super) fn tokens(s: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    for (start, raw) in crate::document::text::split_words_with_offsets(s) {
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let inner = &raw[lead..];
        // Keep the full stop of an abbreviation or initial ("Dr.", "U.S.", "J.").
        let mut trail_at = inner.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        if inner[trail_at..].starts_with('.') {
            let w = &inner[..trail_at];
            // An initial ("J."), letters with stops ("U.S."), a known short form ("Dr.").
            let abbrev = w.chars().count() == 1 && w.chars().next().is_some_and(char::is_uppercase)
                || w.contains('.')
                || matches!(
                    w.to_lowercase().as_str(),
                    "dr" | "mr"
                        | "mrs"
                        | "ms"
                        | "sen"
                        | "rep"
                        | "gov"
                        | "gen"
                        | "lt"
                        | "col"
                        | "sgt"
                        | "capt"
                        | "prof"
                        | "rev"
                        | "st"
                        | "jr"
                        | "inc"
                        | "corp"
                        | "co"
                );
            if abbrev {
                trail_at += 1;
            }
        }
        let word = &inner[..trail_at];
        if word.is_empty() {
            continue;
        }
        out.push(Tok {
            start: start + lead,
            end: start + lead + trail_at,
            word,
            lower: word.to_lowercase(),
            after: &inner[trail_at..],
            before: &raw[..lead],
        });
    }
    out
}

pub(super) const PRONOUNS_PERSON: &[&str] = &["he", "she"];
pub(super) const PRONOUNS_GROUP: &[&str] = &["they", "it"];
/// Words between a subject and its verb ("Kerry also said", "has warned", "on Monday").
pub(super) const BETWEEN: &[&str] = &[
    "also",
    "later",
    "then",
    "again",
    "repeatedly",
    "now",
    "previously",
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "could",
    "recently",
    "reportedly",
    "publicly",
    "privately",
    "already",
    "once",
    "earlier",
    "further",
    "even",
    "flatly",
    "quickly",
    "just",
    "firmly",
    "strongly",
    "simply",
    "still",
    "often",
    "never",
    "sharply",
    "openly",
    "long",
];
/// Function words that are capitalised only because they start a sentence.
pub(super) const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "for",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "since",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "there",
    "here",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "asked",
    "speaking",
    "according",
    "however",
    "meanwhile",
    "still",
    "later",
    "earlier",
    "once",
    "now",
    "then",
    "editor's",
    "editor’s",
    "last",
    "next",
    "on",
    "by",
    "with",
    "from",
    "of",
    "to",
    "critics",
    "officials",
    "experts",
    "analysts",
    "residents",
];

pub(super) fn is_day_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
    )
}

/// Words that end a clause before a subject ("that", "and", "because").
pub(super) fn is_boundary(t: &Tok<'_>) -> bool {
    matches!(
        t.lower.as_str(),
        "that"
            | "and"
            | "but"
            | "because"
            | "while"
            | "although"
            | "though"
            | "when"
            | "after"
            | "before"
            | "if"
            | "as"
            | "since"
            | "where"
            | "whether"
    ) || t.after.contains([';', ':'])
}
