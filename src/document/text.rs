//! Small text helpers shared by the parser and the analyses.
//!
//! Offsets inside Parallax are UTF-8 byte offsets into the canonical text (cheap slicing in
//! Rust). Files written for other programs (the JSON report, the study file, REFI-QDA) use
//! Unicode code points; [`CharIndex`] converts between the two at those edges.

use std::ops::Range;

/// A byte range into a document's canonical text.
pub type Span = Range<usize>;

/// Converts byte offsets to code-point offsets and back in O(log n + k), where k is bounded
/// by the checkpoint stride.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharIndex {
    /// `(byte, char)` pairs at char boundaries, roughly every `STRIDE` bytes.
    checkpoints: Vec<(usize, usize)>,
    byte_len: usize,
    char_len: usize,
}

const STRIDE: usize = 1024;

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 2);
        checkpoints.push((0, 0));
        let mut chars = 0;
        let mut next = STRIDE;
        for (byte, _) in text.char_indices() {
            if byte >= next {
                checkpoints.push((byte, chars));
                next = byte + STRIDE;
            }
            chars += 1;
        }
        Self {
            checkpoints,
            byte_len: text.len(),
            char_len: chars,
        }
    }

    /// Number of code points in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Code-point offset of a byte offset. A byte offset inside a character is rounded down;
    /// offsets past the end clamp to the end.
    pub fn to_char(&self, text: &str, byte: usize) -> usize {
        let byte = floor_char_boundary(text, byte.min(self.byte_len));
        let i = self.checkpoints.partition_point(|&(b, _)| b <= byte) - 1;
        let (b0, c0) = self.checkpoints[i];
        c0 + text[b0..byte].chars().count()
    }

    /// Byte offset of a code-point offset; offsets past the end clamp to the end.
    pub fn to_byte(&self, text: &str, chars: usize) -> usize {
        if chars >= self.char_len {
            return self.byte_len;
        }
        let i = self.checkpoints.partition_point(|&(_, c)| c <= chars) - 1;
        let (b0, c0) = self.checkpoints[i];
        text[b0..]
            .char_indices()
            .nth(chars - c0)
            .map_or(self.byte_len, |(b, _)| b0 + b)
    }
}

/// The largest char boundary `<= index` (stable replacement for `str::floor_char_boundary`).
pub fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut i = index;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary `>= index`.
pub fn ceil_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut i = index;
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Shrink a span so it starts and ends on non-whitespace (an all-whitespace span becomes empty).
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    if end <= start {
        start..start
    } else {
        start..end
    }
}

/// Number of words, as [`words`] finds them.
pub fn word_count(s: &str) -> usize {
    words(s).count()
}

/// The words of `s` with their byte offsets: runs of letters and digits, joined across an
/// apostrophe, a period or a hyphen that has a letter or digit on both sides, so "don’t",
/// "U.S" (of "U.S.") and "al-Maliki" are one word each.
///
/// This is the one tokenizer of the app: word counts, per-1,000-word densities, distinctive
/// words and quote matching all use it, so their numbers agree. It is a byte scan with an
/// ASCII fast path, several times faster than full Unicode word segmentation, which matters
/// on a 10 MB article.
pub fn words(s: &str) -> Words<'_> {
    Words { s, pos: 0 }
}

/// Iterator returned by [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    s: &'a str,
    pos: usize,
}

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        s[i..].chars().next()
    }
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

#[inline]
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '.' | '-' | '\u{2010}' | '\u{2011}')
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let s = self.s;
        let bytes = s.as_bytes();
        // Skip to the next word character.
        let mut i = self.pos;
        loop {
            let b = *bytes.get(i)?;
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let c = char_at(s, i)?;
                if c.is_alphanumeric() {
                    break;
                }
                i += c.len_utf8();
            }
        }
        let start = i;
        let mut end = i;
        while let Some(c) = char_at(s, end) {
            let joins = is_joiner(c) && char_at(s, end + c.len_utf8()).is_some_and(is_word_char);
            if !(is_word_char(c) || joins) {
                break;
            }
            end += c.len_utf8();
        }
        self.pos = end;
        Some((start, &s[start..end]))
    }
}

/// The runs of `s` between whitespace, with their byte offsets ("“Yes,”" is one run): for
/// readers that look at the punctuation around words, such as attribution.
pub fn split_words_with_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// The word around a byte offset (for double-click selection); a single character when the
/// offset is not in a word.
pub fn word_at(text: &str, offset: usize) -> Span {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    // Look only at the surrounding line: words never cross a newline.
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    for (at, w) in words(&text[line_start..line_end]) {
        let start = line_start + at;
        if start <= offset && offset < start + w.len() {
            return start..start + w.len();
        }
        if start > offset {
            break;
        }
    }
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    offset..end
}

/// A key for comparing person names as readers do: case, curly vs straight quotes, spacing and
/// trailing punctuation do not matter.
pub fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.trim().chars() {
        let c = fold_quote(c);
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    while out.ends_with([':', ',', '.', ';']) {
        out.pop();
    }
    out
}

/// Curly quotes and primes folded to their ASCII forms.
pub fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => '"',
        '\u{A0}' | '\u{2009}' | '\u{202F}' => ' ',
        other => other,
    }
}

/// Opening quotation marks.
pub fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{2018}' | '\u{AB}' | '\u{201E}')
}

/// Closing quotation marks.
pub fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{2019}' | '\u{BB}')
}

/// Leading indentation of a line in columns (a tab counts 4).
pub fn indent_width(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Iterate the lines of `text` (without their `\n`) with their byte spans.
pub fn line_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    let len = text.len();
    std::iter::from_fn(move || {
        if start > len || (start == len && len > 0 && text.as_bytes()[len - 1] == b'\n') {
            return None;
        }
        let end = memchr_newline(&text.as_bytes()[start..]).map_or(len, |i| start + i);
        let span = start..end;
        start = end + 1;
        Some(span)
    })
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "jr",
    "sr", "vs", "etc", "e.g", "i.e", "no", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr",
    "aug", "sept", "sep", "oct", "nov", "dec", "pres", "rev", "hon", "mt", "ft", "approx", "cf",
];

/// Sentence spans of `s` (offsets relative to `s`), split at `.`, `!`, `?` (and `…`) followed by
/// whitespace, unless the period closes an abbreviation ("Mr.", "U.S.", "e.g.").
pub fn sentence_spans(s: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    let mut token_start = 0;
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            token_start = i + c.len_utf8();
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        let next_is_space_or_end = match iter.peek() {
            None => true,
            Some(&(_, n)) => n.is_whitespace(),
        };
        if !next_is_space_or_end {
            continue;
        }
        // The token ends here; does it end a sentence?
        let token = &s[token_start..i + c.len_utf8()];
        let core = token.trim_end_matches(|c: char| is_close_quote(c) || c == ')' || c == ']');
        let ends = if core.ends_with(['!', '?', '\u{2026}']) {
            true
        } else if let Some(word) = core.strip_suffix('.') {
            let word = word.trim_start_matches(|c: char| is_open_quote(c) || c == '(');
            let lower = word.to_lowercase();
            let initials = !word.is_empty()
                && word
                    .split('.')
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
            !(initials || ABBREVIATIONS.contains(&lower.as_str()))
        } else {
            false
        };
        if ends && let Some(st) = start.take() {
            out.push(st..i + c.len_utf8());
        }
    }
    if let Some(st) = start {
        let end = s.trim_end().len();
        if end > st {
            out.push(st..end);
        }
    }
    out
}

/// Number of sentences (see [`sentence_spans`]).
pub fn sentence_count(s: &str) -> usize {
    sentence_spans(s).len()
}

/// How far a cut moves to reach the edge of a word.
const WORD_SLACK: usize = 24;

/// Byte `at` moved to the nearest edge of a word, looking back up to [`WORD_SLACK`] bytes
/// (`at` itself when it already sits at one, or when the word is longer than that).
fn word_edge_before(text: &str, at: usize) -> usize {
    let at = floor_char_boundary(text, at.min(text.len()));
    if at == 0 || at == text.len() || text[..at].ends_with(char::is_whitespace) {
        return at;
    }
    if text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    let from = floor_char_boundary(text, at.saturating_sub(WORD_SLACK));
    text[from..at].rfind(char::is_whitespace).map_or(at, |i| {
        from + i + text[from + i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// Byte `at` moved forward to the end of the word it falls in, up to [`WORD_SLACK`] bytes.
fn word_edge_after(text: &str, at: usize) -> usize {
    let at = ceil_char_boundary(text, at.min(text.len()));
    if at == 0 || at == text.len() || text[at..].starts_with(char::is_whitespace) {
        return at;
    }
    let to = ceil_char_boundary(text, (at + WORD_SLACK).min(text.len()));
    text[at..to]
        .find(char::is_whitespace)
        .map_or(at, |i| at + i)
}

/// The text around `span`: about `before` bytes before it and `after` bytes after it,
/// cut at word edges, with an ellipsis where the text goes on.
pub fn around(text: &str, span: Span, before: usize, after: usize) -> String {
    let start = word_edge_before(text, span.start.saturating_sub(before));
    let stop = word_edge_after(text, span.end.saturating_add(after)).max(start);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(text[start..stop].trim());
    if stop < text.len() {
        out.push('…');
    }
    out
}

/// A short preview of a text for tips and lists, cut after a whole word.
pub fn preview(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let cut = text
        .char_indices()
        .nth(max_chars)
        .map_or(text.len(), |(i, _)| i);
    let cut = if text[cut..].starts_with(char::is_whitespace) {
        cut
    } else {
        let from = floor_char_boundary(text, cut.saturating_sub(WORD_SLACK));
        text[from..cut]
            .rfind(char::is_whitespace)
            .map_or(cut, |i| from + i)
    };
    format!("{}…", text[..cut].trim_end())
}

/// The last `max_chars` characters of `text`, from the start of a word, with an ellipsis
/// in front when cut.
pub fn preview_end(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    let n = text.chars().count();
    if n <= max_chars {
        return text.to_owned();
    }
    let cut = text.char_indices().nth(n - max_chars).map_or(0, |(i, _)| i);
    // At a word's start already, or moved past the rest of the word it falls in.
    let cut = if text[..cut].ends_with(char::is_whitespace) {
        cut
    } else {
        word_edge_after(text, cut)
    };
    format!("…{}", text[cut..].trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_and_previews_cut_between_words() {
        let text = "The secretary of state said the two countries were working in coordination on the crisis in Iraq.";
        let at = text.find("working").unwrap();
        let s = around(text, at..at + "working".len(), 20, 12);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        let inner = s.trim_matches('…');
        for w in inner.split_whitespace() {
            assert!(
                text.split_whitespace().any(|t| t == w),
                "{w:?} is a cut word in {s:?}"
            );
        }
        assert!(inner.contains("working"));
        // The whole text fits: no ellipses.
        assert_eq!(around(text, at..at + 7, 500, 500), text);
        let p = preview(text, 30);
        assert!(p.ends_with('…'));
        for w in p.trim_end_matches('…').split_whitespace() {
            assert!(text.split_whitespace().any(|t| t == w), "{w:?} in {p:?}");
        }
        let e = preview_end(text, 30);
        for w in e.trim_start_matches('…').split_whitespace() {
            assert!(text.split_whitespace().any(|t| t == w), "{w:?} in {e:?}");
        }
        // A single word longer than the slack is cut where it must be.
        let long = "x".repeat(200);
        assert_eq!(preview(&long, 10).chars().count(), 11);
        // Multi-byte text stays on character boundaries.
        let greek = "Η συνεργασία των δύο χωρών είναι πιθανή σύμφωνα με τον υπουργό εξωτερικών.";
        let at = greek.find("είναι").unwrap();
        let g = around(greek, at..at + "είναι".len(), 15, 15);
        assert!(g.contains("είναι"), "{g}");
        let _ = preview(greek, 20);
        let _ = preview_end(greek, 20);
    }

    #[test]
    fn char_index_round_trips_on_mixed_text() {
        let text = "é🙂 “quoted” — naïve\n".repeat(300);
        let index = CharIndex::new(&text);
        assert_eq!(index.char_len(), text.chars().count());
        for (chars, (byte, _)) in text.char_indices().enumerate().step_by(7) {
            assert_eq!(index.to_char(&text, byte), chars);
            assert_eq!(index.to_byte(&text, chars), byte);
        }
        assert_eq!(index.to_char(&text, text.len()), index.char_len());
        assert_eq!(index.to_byte(&text, index.char_len() + 5), text.len());
        // A byte inside the emoji rounds down to the emoji's start.
        assert_eq!(index.to_char(&text, 4), 1);
    }

    #[test]
    fn words_are_found_like_a_reader_would() {
        let s = "U.S. officials don\u{2019}t trust al-Maliki \u{2014} caf\u{e9} 300 P5+1 \u{1F642} 9/11.";
        let w: Vec<_> = words(s).map(|(_, w)| w).collect();
        assert_eq!(
            w,
            [
                "U.S",
                "officials",
                "don\u{2019}t",
                "trust",
                "al-Maliki",
                "caf\u{e9}",
                "300",
                "P5",
                "1",
                "9",
                "11"
            ]
        );
        for (at, word) in words(s) {
            assert_eq!(&s[at..at + word.len()], word);
        }
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("... -- ''"), 0);
    }

    #[test]
    fn word_at_an_offset() {
        let s = "Kerry\u{2019}s \u{201c}quiet\u{201d} talks";
        let at = |i: usize| &s[word_at(s, i)];
        assert_eq!(at(0), "Kerry\u{2019}s");
        assert_eq!(at(3), "Kerry\u{2019}s");
        assert_eq!(at(s.find("quiet").unwrap() + 2), "quiet");
        assert_eq!(at(s.find(' ').unwrap()), " ");
        assert_eq!(at(s.len()), "");
    }

    #[test]
    fn names_compare_like_a_reader() {
        assert_eq!(
            name_key("Just \u{2018}nutha\u{2019} ig\u{2019}rant cracker:"),
            name_key("just 'nutha' ig'rant  cracker")
        );
        assert_eq!(name_key("  C. Clavin "), "c. clavin");
    }

    #[test]
    fn line_spans_cover_every_line() {
        let text = "a\n\nbc\n";
        let lines: Vec<_> = line_spans(text).map(|s| &text[s]).collect();
        assert_eq!(lines, ["a", "", "bc"]);
        let text = "a\nb";
        let lines: Vec<_> = line_spans(text).map(|s| &text[s]).collect();
        assert_eq!(lines, ["a", "b"]);
        assert_eq!(line_spans("").count(), 1);
    }

    #[test]
    fn sentences_are_counted() {
        assert_eq!(sentence_count("One. Two? “Three.” Four"), 4);
        assert_eq!(sentence_count("U.S. walks back possibility"), 1);
        assert_eq!(sentence_count("Mr. Kerry spoke. Then he left."), 2);
        let s = "He said “never.” She agreed.";
        let spans: Vec<_> = sentence_spans(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(spans, ["He said “never.”", "She agreed."]);
        assert_eq!(sentence_count(""), 0);
    }
}
