//! Quoted excerpts: an introduction ending in a colon, the paragraphs it quotes, and where the author resumes.

use super::*;

/// The person an excerpt's introduction names ("Jack Goldstone argues that …:").
pub(super) fn intro_source(intro: &str) -> Option<String> {
    INTRO_SOURCE
        .captures_iter(intro)
        .filter_map(|c| c.name("name").map(|m| m.as_str().to_owned()))
        .filter(|n| {
            !matches!(
                n.as_str(),
                "He" | "She" | "They" | "It" | "This" | "That" | "I" | "We"
            )
        })
        .last()
}

/// Whether a paragraph after an excerpt is the author speaking again.
pub(super) fn is_resumption(
    s: &str,
    surname: Option<&str>,
    excerpt_has_first_person: bool,
) -> bool {
    let lower = s.trim_start().to_lowercase();
    if RESUMPTION_OPENERS.iter().any(|o| {
        lower.starts_with(o) && lower[o.len()..].starts_with(|c: char| !c.is_alphanumeric())
    }) {
        return true;
    }
    if BACK_REFERENCES.iter().any(|r| lower.contains(r)) {
        return true;
    }
    if let Some(surname) = surname {
        let key = surname.to_lowercase();
        let opening: Vec<String> = lower
            .split_whitespace()
            .take(8)
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                    .to_owned()
            })
            .collect();
        if opening.iter().any(|w| {
            *w == key || w.strip_suffix("’s").or(w.strip_suffix("'s")) == Some(key.as_str())
        }) {
            return true;
        }
    }
    !excerpt_has_first_person && has_first_person(s)
}

pub(super) fn has_first_person(s: &str) -> bool {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .any(|w| {
            matches!(
                w,
                "I" | "I’m" | "I'm" | "I’ve" | "I've" | "I’d" | "I'd" | "me" | "my" | "Me" | "My"
            )
        })
}

/// Mark the paragraphs after an introduction ending in a colon as a quoted excerpt.
///
/// The excerpt runs until the author resumes (a paragraph that names the quoted person, refers
/// back to "the above", opens with a discourse marker such as "Notwithstanding", or switches
/// to the first person), until a quotation that opened with a quote mark closes, or until the
/// body ends. A list after the colon is a list, not an excerpt.
pub(in crate::document) fn mark_excerpts(
    text: &str,
    blocks: &mut [Block],
    range: std::ops::Range<usize>,
) {
    let mut i = range.start;
    while i < range.end {
        let b = blocks[i].clone();
        let s = text[b.span.clone()].trim_end();
        // "@Name:" addresses a commenter; it introduces nothing.
        let intro_ok = b.kind == BlockKind::Paragraph
            && s.ends_with(':')
            && !s.starts_with('@')
            && !LIST_ITEM.is_match(s);
        if !intro_ok || i + 1 >= range.end {
            i += 1;
            continue;
        }
        let intro_sentence = sentence_spans(s)
            .last()
            .map(|r| b.span.start + r.start..b.span.start + r.end)
            .unwrap_or(b.span.clone());
        let source = intro_source(&text[intro_sentence.clone()]);
        let surname = source
            .as_deref()
            .and_then(|n| n.split_whitespace().last())
            .map(str::to_owned);
        let first = &blocks[i + 1];
        let first_text = &text[first.span.clone()];
        if !matches!(first.kind, BlockKind::Paragraph | BlockKind::Quote)
            || first.section != b.section
            || LIST_ITEM.is_match(first_text)
        {
            i += 1;
            continue;
        }
        let info = QuoteInfo {
            intro: Some(intro_sentence.clone()),
            source: source.clone(),
            from_comment: None,
            from_article: false,
        };
        let same_run = |blk: &Block| {
            matches!(blk.kind, BlockKind::Paragraph | BlockKind::Quote) && blk.section == b.section
        };
        let mut j = i + 1;
        if first_text.starts_with(is_open_quote) {
            // A quotation in quote marks: up to the paragraph that closes it (within 8), else
            // just the first paragraph.
            let close = (i + 1..range.end.min(i + 9))
                .take_while(|&k| same_run(&blocks[k]))
                .find(|&k| {
                    text[blocks[k].span.clone()]
                        .trim_end()
                        .ends_with(is_close_quote)
                })
                .unwrap_or(i + 1);
            while j <= close || (j < range.end && blocks[j].continued) {
                blocks[j].kind = BlockKind::Quote;
                blocks[j].quote = Some(info.clone());
                j += 1;
            }
        } else {
            let mut first_person = false;
            while j < range.end && same_run(&blocks[j]) {
                let t = &text[blocks[j].span.clone()];
                if j > i + 1
                    && !blocks[j].continued
                    && (t.trim_end().ends_with(':')
                        || is_resumption(t, surname.as_deref(), first_person))
                {
                    break;
                }
                first_person |= has_first_person(t);
                blocks[j].kind = BlockKind::Quote;
                blocks[j].quote = Some(info.clone());
                j += 1;
                if t.trim_end().ends_with(is_close_quote) && unbalanced_close(t) {
                    while j < range.end && blocks[j].continued {
                        j += 1;
                    }
                    break;
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// More closing than opening double quotes: the paragraph ends a quotation opened earlier.
pub(super) fn unbalanced_close(s: &str) -> bool {
    let opens = s.chars().filter(|&c| c == '\u{201C}').count();
    let closes = s.chars().filter(|&c| c == '\u{201D}').count();
    closes > opens
}

/// The source named by a trailing attribution: "… — Cheney, C-Span, 1994" gives "Cheney".
pub(in crate::document) fn trailing_attribution(s: &str) -> Option<String> {
    let dash = s
        .rfind(['\u{2014}', '\u{2013}'])
        .or_else(|| s.rfind("--"))?;
    let after = &s[dash..];
    let after = after.trim_start_matches(['\u{2014}', '\u{2013}', '-']);
    if after.len() > 140 {
        return None;
    }
    TRAILING_ATTRIBUTION
        .captures(after)
        .and_then(|c| c.name("name").map(|m| m.as_str().to_owned()))
}
