//! Stretches in quote marks, and the ones that are nobody's speech.

use super::*;

/// A stretch in quote marks in a block: (open mark, close mark end, inner span), relative
/// to the block; `open_end` when it runs to the block's end without a closing mark.
#[derive(Debug, Clone)]
pub(super) struct Quoted {
    pub(super) open: usize,
    pub(super) close: usize,
    pub(super) inner: Span,
    pub(super) open_end: bool,
}

pub(super) fn quotations(s: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut straight: Option<(usize, usize)> = None;
    for (i, c) in s.char_indices() {
        match c {
            '\u{201C}' | '\u{00AB}' | '\u{201E}' if open.is_none() => {
                open = Some((i, i + c.len_utf8()))
            }
            '\u{201D}' | '\u{00BB}' => {
                if let Some((o, inner)) = open.take() {
                    out.push(Quoted {
                        open: o,
                        close: i + c.len_utf8(),
                        inner: inner..i,
                        open_end: false,
                    });
                }
            }
            '"' => match straight.take() {
                Some((o, inner)) => out.push(Quoted {
                    open: o,
                    close: i + 1,
                    inner: inner..i,
                    open_end: false,
                }),
                None => straight = Some((i, i + 1)),
            },
            _ => {}
        }
    }
    if let Some((o, inner)) = open {
        out.push(Quoted {
            open: o,
            close: s.len(),
            inner: inner..s.trim_end().len(),
            open_end: true,
        });
    }
    out.sort_by_key(|q| q.open);
    out
}

/// In quote marks as the name of something, said to be one: a title introduced as such
/// ("the book “The Quiet Years”", "on “Meet the Press”"), a nickname ("call her “Lolo”"),
/// a term held at arm's length ("the so-called “reform”").
pub(super) fn names_a_work(s: &str, q: &Quoted) -> bool {
    let inner = s[q.inner.clone()].trim().trim_end_matches([',', '.']);
    let before: String = s[..q.open].to_lowercase();
    let before = before.trim_end();
    let intro_words = [
        "book",
        "novel",
        "film",
        "movie",
        "show",
        "program",
        "programme",
        "album",
        "song",
        "play",
        "series",
        "column",
        "essay",
        "article",
        "titled",
        "entitled",
        "called",
        "dubbed",
        "nicknamed",
        "known as",
        "so-called",
        "act",
        "law",
        "bill",
        "report",
        "podcast",
        "on",
        "named",
        "call him",
        "call her",
        "call them",
        "calls him",
        "calls her",
    ];
    intro_words.iter().any(|w| {
        before.ends_with(w)
            && !before[..before.len() - w.len()].ends_with(|c: char| c.is_alphanumeric())
    }) && inner.split_whitespace().count() <= 8
}

/// In quote marks with nobody said to speak it, and shaped like a title: title case
/// throughout, no sentence inside ("“Meet the Press”").
pub(super) fn is_not_speech(s: &str, q: &Quoted) -> bool {
    let inner = s[q.inner.clone()].trim().trim_end_matches([',', '.']);
    let words: Vec<&str> = inner.split_whitespace().collect();
    // Title case throughout, no sentence inside: a title.
    let title_case = words.len() >= 2
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || matches!(
                    *w,
                    "the" | "of" | "a" | "an" | "and" | "in" | "on" | "to" | "for" | "at"
                )
        })
        && !inner.contains(['.', '!', '?']);
    title_case && words.len() <= 8
}
