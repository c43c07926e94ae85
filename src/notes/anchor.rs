//! Anchors that hold when an article changes.
//!
//! An anchor stores the position (code points) and the quote (the exact text, 32 characters
//! of prefix and suffix) and the article's content hash. To find it again in a changed
//! article: the position, if the text there is still the quote *and* its context is still
//! the stored context (the same words may well stand at the old place by chance: a repeated
//! sentence inserted above); else the quote, choosing the occurrence whose context matches
//! best (nearest the old place on a tie) — a guess when that context hardly matches; else a
//! fuzzy match near the old place, accepted only above [`MIN_FUZZY_SCORE`]; else the note is
//! an orphan, shown with its stored quote for the reader to re-attach. Guesses
//! ([`Resolved::Fuzzy`]) are always for the reader to confirm.

use crate::document::{Document, Span};

use super::model::Anchor;

/// Characters of context stored on each side of the quote.
pub const CONTEXT: usize = 32;
/// Below this similarity a fuzzy match is not trusted.
pub const MIN_FUZZY_SCORE: f64 = 0.8;

/// Make an anchor for a byte span of a document.
pub fn anchor_for(doc: &Document, span: Span) -> Anchor {
    let text = &doc.text;
    let start = crate::document::text::floor_char_boundary(text, span.start);
    let end = crate::document::text::floor_char_boundary(text, span.end.max(start));
    let prefix_start = text[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let suffix_end = text[end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| end + i);
    Anchor {
        article: doc.source.rel_path.clone(),
        content_hash: doc.hash.0.clone(),
        start: doc.char_offset(start),
        end: doc.char_offset(end),
        exact: text[start..end].to_owned(),
        prefix: text[prefix_start..start].to_owned(),
        suffix: text[end..suffix_end].to_owned(),
    }
}

/// Where an anchor was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolved {
    /// At its stored position.
    Exact(Span),
    /// Its exact quote, elsewhere (the text before it changed).
    Moved(Span),
    /// A similar passage near the old place; the note should be checked.
    Fuzzy { span: Span, score: f64 },
    /// Not found: the passage was deleted or rewritten.
    Orphan,
}

impl Resolved {
    pub fn span(&self) -> Option<Span> {
        match self {
            Self::Exact(s) | Self::Moved(s) | Self::Fuzzy { span: s, .. } => Some(s.clone()),
            Self::Orphan => None,
        }
    }
}

/// Length of the common suffix of `a` and `b`, in chars.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// How well the text around `span` matches the anchor's context, 0–2·CONTEXT.
fn context_score(text: &str, span: &Span, anchor: &Anchor) -> usize {
    let before = &text[..span.start];
    let before = &before[before
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i)..];
    let after = &text[span.end..];
    common_suffix(before, &anchor.prefix) + common_prefix(after, &anchor.suffix)
}

/// Find an anchor in a document (see the module comment for the order of attempts).
pub fn resolve(anchor: &Anchor, doc: &Document) -> Resolved {
    let text = &doc.text;
    let start = doc.byte_offset(anchor.start);
    let end = doc.byte_offset(anchor.end);
    let full_context = anchor.prefix.chars().count() + anchor.suffix.chars().count();
    // 1. The position, when the text there is still the quote: in the same version of the
    // article, or in a changed one with the whole stored context around it.
    if start <= end
        && end <= text.len()
        && text.is_char_boundary(start)
        && text.is_char_boundary(end)
        && text[start..end] == anchor.exact
    {
        let span = start..end;
        let same_version = anchor.content_hash == doc.hash.0 && !anchor.exact.is_empty();
        if same_version || context_score(text, &span, anchor) == full_context {
            return Resolved::Exact(span);
        }
    }
    // 2. The quote elsewhere: the occurrence with the best context, nearest on a tie.
    if !anchor.exact.is_empty() {
        let best = text
            .match_indices(anchor.exact.as_str())
            .map(|(i, m)| {
                let span = i..i + m.len();
                let score = context_score(text, &span, anchor);
                (span, score)
            })
            .max_by(|(a, sa), (b, sb)| {
                sa.cmp(sb)
                    .then(b.start.abs_diff(start).cmp(&a.start.abs_diff(start)))
            });
        if let Some((span, score)) = best {
            // Context that no longer matches at all means a different place with the same
            // words: that is a guess, so it is reviewed like a fuzzy match.
            if score * 2 >= full_context.min(CONTEXT) || full_context == 0 {
                return Resolved::Moved(span);
            }
            return Resolved::Fuzzy { span, score: 0.8 };
        }
    } else {
        // A point: where its prefix and suffix meet.
        let joined = format!("{}{}", anchor.prefix, anchor.suffix);
        if !joined.is_empty()
            && let Some((i, _)) = text
                .match_indices(joined.as_str())
                .min_by_key(|(i, _)| i.abs_diff(start))
        {
            let at = i + anchor.prefix.len();
            return Resolved::Moved(at..at);
        }
    }
    // 3. A similar passage near the old place.
    fuzzy(anchor, doc, start)
}

fn is_word_end(chars: &[char], e: usize) -> bool {
    e > 0 && chars[e - 1].is_alphanumeric() && chars.get(e).is_none_or(|c| !c.is_alphanumeric())
}

/// Search near `around` (bytes) for the stretch most like the anchor's quote with its context.
fn fuzzy(anchor: &Anchor, doc: &Document, around: usize) -> Resolved {
    let text = &doc.text;
    let needle: Vec<char> = if anchor.exact.is_empty() {
        format!("{}{}", anchor.prefix, anchor.suffix)
            .chars()
            .collect()
    } else {
        anchor.exact.chars().collect()
    };
    if needle.len() < 4 {
        return Resolved::Orphan;
    }
    // Long passages are compared by their first and last 120 characters.
    let probe = |s: &[char]| -> Vec<char> {
        if s.len() <= 240 {
            s.to_vec()
        } else {
            s[..120]
                .iter()
                .chain(&s[s.len() - 120..])
                .copied()
                .collect()
        }
    };
    let needle_probe = probe(&needle);
    let radius = (needle.len() * 4).max(2000);
    let from = doc.byte_offset(doc.char_offset(around).saturating_sub(radius));
    let to = doc.byte_offset(doc.char_offset(around) + radius + needle.len());
    let window: Vec<(usize, char)> = text[from..to]
        .char_indices()
        .map(|(i, c)| (from + i, c))
        .collect();
    let chars: Vec<char> = window.iter().map(|(_, c)| *c).collect();
    let mut best: Option<(f64, usize, usize)> = None;
    let lengths = [needle.len(), needle.len() * 9 / 10, needle.len() * 11 / 10];
    for s in 0..chars.len() {
        // Candidate starts at word beginnings only.
        if chars[s].is_whitespace() || (s > 0 && chars[s - 1].is_alphanumeric()) {
            continue;
        }
        for &len in &lengths {
            if len == 0 || s + len > chars.len() {
                continue;
            }
            let cand = probe(&chars[s..s + len]);
            let score = strsim::generic_levenshtein(&cand, &needle_probe) as f64;
            let sim = 1.0 - score / cand.len().max(needle_probe.len()) as f64;
            if best.is_none_or(|(b, _, _)| sim > b) {
                best = Some((sim, s, s + len));
            }
        }
    }
    // Refine the end: the length that matches best, and where the quote ended on a whole
    // word, an end on a whole word too.
    if let Some((sim, s, e)) = best {
        let ends_word = needle.last().is_some_and(|c| c.is_alphanumeric());
        let lo = s + (needle.len() * 85 / 100).max(1);
        let hi = (s + needle.len() * 115 / 100).min(chars.len());
        let mut refined: Option<(f64, usize)> = None;
        for e2 in lo..=hi {
            if ends_word && !is_word_end(&chars, e2) {
                continue;
            }
            let cand = probe(&chars[s..e2]);
            let d = strsim::generic_levenshtein(&cand, &needle_probe) as f64;
            let sim2 = 1.0 - d / cand.len().max(needle_probe.len()) as f64;
            if refined
                .is_none_or(|(b, be)| sim2 > b || (sim2 == b && e2.abs_diff(e) < be.abs_diff(e)))
            {
                refined = Some((sim2, e2));
            }
        }
        if let Some((sim2, e2)) = refined
            && (sim2 >= sim || (ends_word && !is_word_end(&chars, e)))
        {
            best = Some((sim2, s, e2));
        }
    }
    match best {
        Some((score, s, e)) if score >= MIN_FUZZY_SCORE => {
            let start = window[s].0;
            let end = window.get(e).map_or(to, |(i, _)| *i);
            let span = if anchor.exact.is_empty() {
                let at = crate::document::text::floor_char_boundary(
                    text,
                    start + anchor.prefix.len().min(end - start),
                );
                at..at
            } else {
                start..end
            };
            Resolved::Fuzzy { span, score }
        }
        _ => Resolved::Orphan,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn doc(text: &str) -> Document {
        Document::from_text("a.txt", Format::Text, text)
    }

    fn anchor_on(d: &Document, quote: &str) -> Anchor {
        let i = d.text.find(quote).unwrap();
        anchor_for(d, i..i + quote.len())
    }

    const BASE: &str = "Title\n\nKerry denied coordinating with Tehran. He insisted that Washington was only communicating. The talks continue on the margins of the nuclear negotiations.";

    #[test]
    fn unchanged_article_is_exact() {
        let d = doc(BASE);
        let a = anchor_on(&d, "only communicating");
        assert_eq!(a.prefix.chars().count(), CONTEXT);
        assert_eq!(
            resolve(&a, &d),
            Resolved::Exact(
                d.text.find("only communicating").unwrap()
                    ..d.text.find("only communicating").unwrap() + 18
            )
        );
    }

    #[test]
    fn edit_before_the_passage_moves_it_by_quote() {
        let a = anchor_on(&doc(BASE), "only communicating");
        let changed = doc(&BASE.replace(
            "Kerry denied",
            "On Thursday, Secretary of State John Kerry flatly denied",
        ));
        match resolve(&a, &changed) {
            Resolved::Moved(s) => assert_eq!(&changed.text[s], "only communicating"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn edit_after_the_passage_keeps_it_exact() {
        let a = anchor_on(&doc(BASE), "denied coordinating");
        let changed = doc(&BASE.replace(
            "nuclear negotiations",
            "long nuclear negotiations in Vienna",
        ));
        assert!(matches!(resolve(&a, &changed), Resolved::Exact(_)));
    }

    #[test]
    fn edit_inside_the_passage_is_fuzzy_and_reviewed() {
        let a = anchor_on(
            &doc(BASE),
            "He insisted that Washington was only communicating",
        );
        let changed = doc(&BASE.replace(
            "He insisted that Washington was only",
            "He insisted that Washington is only",
        ));
        match resolve(&a, &changed) {
            Resolved::Fuzzy { span, score } => {
                assert!((MIN_FUZZY_SCORE..1.0).contains(&score));
                assert!(
                    changed.text[span.clone()].starts_with("He insisted that Washington is only"),
                    "{:?} {score}",
                    &changed.text[span]
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_fuzzy_match_ends_on_a_whole_word_when_the_quote_did() {
        let quote = "He insisted that Washington was only communicating";
        let a = anchor_on(&doc(BASE), quote);
        for (from, to) in [
            ("Washington was", "Washington is"),
            ("was only", "was really only"),
            ("He insisted", "He said"),
        ] {
            let changed = doc(&BASE.replace(from, to));
            let expected = quote.replace(from, to);
            match resolve(&a, &changed) {
                Resolved::Fuzzy { span, .. } => {
                    assert_eq!(&changed.text[span], expected, "{from} → {to}")
                }
                other => panic!("{from} → {to}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_same_quote_twice_picks_the_right_one_by_context() {
        let text = "Title\n\nThe talks matter. Kerry said the talks matter to him. Psaki said the talks matter to her.";
        let d = doc(text);
        let i = text.find("to her").unwrap() - "the talks matter ".len();
        let a = anchor_for(&d, i..i + "the talks matter".len());
        // Insert text at the start: the position shifts, the quote occurs three times.
        let changed = doc(&text.replace("Title\n\n", "Title\n\nA new first sentence. "));
        match resolve(&a, &changed) {
            Resolved::Moved(s) => assert!(changed.text[s.end..].starts_with(" to her")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_same_words_at_the_old_place_in_other_surroundings_are_not_taken_for_it() {
        // The note is on the second "the talks matter"; a sentence inserted above puts the
        // first occurrence exactly at the note's old position.
        let text =
            "Title\n\nKerry said the talks matter a lot. Psaki said the talks matter to her.";
        let d = doc(text);
        let quote = "the talks matter";
        let at = text.rfind(quote).unwrap();
        let a = anchor_for(&d, at..at + quote.len());
        let first = text.find(quote).unwrap();
        let insert = "x".repeat(at - first);
        let changed = doc(&text.replace("Title\n\n", &format!("Title\n\n{insert}")));
        assert_eq!(
            &changed.text[at..at + quote.len()],
            quote,
            "the trap is set"
        );
        match resolve(&a, &changed) {
            Resolved::Moved(s) => {
                assert!(
                    changed.text[s.end..].starts_with(" to her"),
                    "the right one"
                )
            }
            other => panic!("{other:?}"),
        }
        // With no other occurrence to go to, the same words elsewhere are a guess, never
        // taken as the passage itself.
        let rewritten =
            doc("Title\n\nNobody said anything. Then the talks matter, he wrote, in other words.");
        let b = anchor_for(&d, at..at + quote.len());
        assert!(matches!(resolve(&b, &rewritten), Resolved::Fuzzy { .. }));
    }

    #[test]
    fn a_deleted_passage_is_an_orphan() {
        let a = anchor_on(
            &doc(BASE),
            "He insisted that Washington was only communicating.",
        );
        let changed =
            doc(&BASE.replace(" He insisted that Washington was only communicating.", ""));
        assert_eq!(resolve(&a, &changed), Resolved::Orphan);
    }

    #[test]
    fn emoji_and_accents_use_code_points() {
        let text = "Title\n\nCafé 🙂 naïve résumé: “the quoted words” here.";
        let d = doc(text);
        let a = anchor_on(&d, "the quoted words");
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(
            chars[a.start..a.end].iter().collect::<String>(),
            "the quoted words"
        );
        let changed = doc(&text.replace("Café", "Café au lait 🙂🙂"));
        match resolve(&a, &changed) {
            Resolved::Moved(s) => assert_eq!(&changed.text[s], "the quoted words"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn crlf_files_have_the_same_canonical_text() {
        let lf = doc(BASE);
        let a = anchor_on(&lf, "only communicating");
        let decoded = crate::corpus::decode::decode(BASE.replace('\n', "\r\n").as_bytes()).unwrap();
        let crlf = doc(&decoded.text);
        assert_eq!(crlf.hash, lf.hash);
        assert!(matches!(resolve(&a, &crlf), Resolved::Exact(_)));
    }

    #[test]
    fn a_point_anchor_follows_its_context() {
        let d = doc(BASE);
        let at = d.text.find(" The talks").unwrap();
        let a = anchor_for(&d, at..at);
        assert!(a.exact.is_empty());
        assert!(matches!(resolve(&a, &d), Resolved::Exact(_)));
        let changed = doc(&BASE.replace("Title\n\n", "Title\n\nPreface. "));
        match resolve(&a, &changed) {
            Resolved::Moved(s) => assert!(changed.text[s.start..].starts_with(" The talks")),
            other => panic!("{other:?}"),
        }
    }
}
