//! Reader comment threads: finding where the thread starts, cutting it into comments, and
//! linking replies.
//!
//! Blog exports write threads in several forms; the header lines recognised are
//! `12. Name says:`, `Name says:`, `Name said…`, `Name on DATE at TIME said:`, `Name wrote:`,
//! and their German, French, Spanish, Portuguese, Italian and Dutch forms (`Name sagt:`,
//! `Name am DATE um TIME schrieb:`, `Name dit :`, `Name a écrit :`, `Name dice:`,
//! `Name escribió:`, `Name disse:`, `Name diz:`, `Name ha scritto:`, `Name zegt:`),
//! optionally followed by a date line, with or without `Reply` lines between comments. In a
//! numbered thread, a number line without an author ("23. @C. Clavin: …") starts a comment
//! whose author is unknown; after a `Reply` line, text without a header is a new comment with
//! an unknown author. A comment is never merged into its neighbour.
//!
//! Replies come from "@Name:" at the start of a paragraph, resolved to that author's latest
//! earlier comment — or, when the reply quotes one of that author's earlier comments, to the
//! comment it quotes. Quoting an earlier comment without naming it is a reply too. When
//! "@Name" names nobody who commented before, and a recent comment has no author line, that
//! comment is taken to be Name's (marked as inferred).

use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHasher};

use super::parse::{
    Para, Parser, baseline_indent, mark_excerpts, split_paragraphs, trailing_attribution,
};
use super::pattern::{CheckedPattern, group_chars_at_most};
use super::text::{
    Span, fold_quote, indent_width, is_close_quote, is_open_quote, line_spans, name_key, trim_span,
};
use super::{AuthorSource, BlockKind, Comment, QuoteInfo, Reply, ReplyEvidence, Section, dates};

/// A comment's header line: "12. Jane Roe on June 3, 2014 at 9:12 pm said:". The name takes
/// at most 60 characters and the date 4 to 60, checked in code ([`CheckedPattern`]): compiled
/// as counts, its lazy DFA grew to 1.5–2.8 MB reading a 43-comment thread.
static HEADER: CheckedPattern = CheckedPattern::new(
    |bounded| {
        let (name, date) = if bounded {
            ("{0,59}?", "{4,60}?")
        } else {
            ("*?", "{4,}?")
        };
        format!(
            r"^(?:(?P<num>\d{{1,5}})[.)]\s+)?(?P<name>[^\s:@][^:\n]{name})(?:,?\s+(?i:on|am|le|el|em|il|op)\s+(?P<date>.{date}))?\s+(?i:says|said|wrote|writes|commented|replied|sagt|schreibt|schrieb|meint|kommentierte|dit|a\s+écrit|écrit|a\s+dit|dice|dijo|escribió|escribe|comentó|disse|diz|escreveu|comentou|ha\s+scritto|scrive|dice|schreef|zegt)\s*(?::|\.\.\.|…)?$"
        )
    },
    |c| group_chars_at_most(c, "name", 60) && group_chars_at_most(c, "date", 60),
);
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<num>\d{1,5})\.\s+(?P<rest>\S.*)$").expect("valid regex"));
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:reply|reply\s*↓|↓\s*reply|report|report comment|like|share|cancel reply|leave a reply|leave a comment|log in to reply|permalink|\d+\s+likes?|you must be logged in to post a comment\.?)$")
        .expect("valid regex")
});
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+\s+)?(?:comments?|responses?|replies|reader comments|discussion|thoughts)(?:\s*\(\d+\))?(?:\s+(?:to|on)\s+.{1,200})?$")
        .expect("valid regex")
});

/// Words that do not occur in commenter names but do in sentences ("Kerry also says:").
const NOT_IN_NAMES: &[&str] = &[
    "he", "she", "it", "they", "we", "you", "i", "that", "this", "who", "which", "also", "then",
    "never", "still", "but", "because", "if", "what", "when", "where", "there", "here", "not",
    "has", "have", "had", "is", "was", "were", "be", "as",
];

#[derive(Debug, Clone)]
struct Header {
    number: Option<u32>,
    name: String,
    date: Option<String>,
}

fn parse_header(line: &str) -> Option<Header> {
    let c = HEADER.captures(line)?;
    let name = c.name("name")?.as_str().trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 || name.contains(['?', '!', '“', '”', '"', ';']) {
        return None;
    }
    if words
        .iter()
        .any(|w| NOT_IN_NAMES.contains(&w.to_lowercase().as_str()))
        || words[0].eq_ignore_ascii_case("the")
    {
        return None;
    }
    let date = match c.name("date") {
        Some(d) if dates::find_date(d.as_str()).is_some() => Some(d.as_str().trim().to_owned()),
        Some(_) => return None,
        None => None,
    };
    Some(Header {
        number: c.name("num").and_then(|m| m.as_str().parse().ok()),
        name: name.to_owned(),
        date,
    })
}

/// A comment as cut from the text, before its blocks are classified.
#[derive(Debug, Clone)]
pub(super) struct RawComment {
    header: Option<Span>,
    /// The comment it answers, from the markup's nesting.
    parent: Option<usize>,
    pingback: bool,
    number: Option<u32>,
    author: Option<String>,
    date: Option<String>,
    /// Start of the comment (header or first text).
    start: usize,
    /// The comment's own text (empty span at the header end when it has none).
    body: Span,
}

#[derive(Debug, Clone)]
pub(super) struct RawThread {
    /// Byte offset where the thread starts (its heading or first header line).
    pub start: usize,
    marker: Option<Span>,
    comments: Vec<RawComment>,
}

#[derive(Debug, Clone)]
struct Line {
    span: Span,
    /// Trimmed content span.
    content: Span,
    indent: usize,
}

/// Find the comment thread after `body_start`. Headers before the last footer marker (at
/// `last_back_marker`) belong to the article, not the thread.
pub(super) fn detect(
    text: &str,
    body_start: usize,
    last_back_marker: Option<usize>,
) -> Option<RawThread> {
    let lines: Vec<Line> = line_spans(&text[body_start..])
        .map(|s| {
            let span = body_start + s.start..body_start + s.end;
            Line {
                content: trim_span(text, span.clone()),
                indent: indent_width(&text[span.clone()]),
                span,
            }
        })
        .collect();
    // Cheap prefilter: a header ends with "says:", "said…" and the like.
    let is_header_candidate = |l: &Line| {
        let s = &text[l.content.clone()];
        !s.is_empty()
            && s.len() <= 120
            && (s.ends_with(':')
                || s.ends_with("...")
                || s.ends_with('…')
                || s.ends_with(|c: char| c.is_alphabetic()))
    };
    let mut headers: Vec<(usize, Header)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| is_header_candidate(l))
        .filter_map(|(i, l)| parse_header(&text[l.content.clone()]).map(|h| (i, h)))
        .collect();
    if let Some(marker) = last_back_marker
        && headers.iter().any(|(i, _)| lines[*i].span.start > marker)
    {
        headers.retain(|(i, _)| lines[*i].span.start > marker);
    }
    let marker_line = lines.iter().position(|l| {
        let s = &text[l.content.clone()];
        !s.is_empty() && s.split_whitespace().count() <= 15 && MARKER.is_match(s)
    });
    let first = if let Some(pos) = headers.iter().position(|(_, h)| h.number == Some(1)) {
        pos
    } else if let Some(m) = marker_line.filter(|&m| headers.iter().any(|(i, _)| *i > m)) {
        headers.iter().position(|(i, _)| *i > m)?
    } else if headers.len() >= 2 {
        0
    } else {
        return None;
    };
    let (first_line, first_header) = headers[first].clone();
    // A thread heading shortly before the first header belongs to the thread.
    let marker = marker_line.filter(|&m| m < first_line && first_line - m <= 6);
    let start_line = marker.unwrap_or(first_line);
    let header_indent = lines[first_line].indent;
    let numbered = first_header.number.is_some();

    let mut comments: Vec<RawComment> = Vec::new();
    let mut last_number = first_header.number.unwrap_or(0).saturating_sub(1);
    let mut open = false; // the current comment can take more text
    let mut expecting_date = false;
    for (i, line) in lines.iter().enumerate().skip(first_line) {
        let s = &text[line.content.clone()];
        if s.is_empty() {
            continue;
        }
        let header = if is_header_candidate(line) {
            parse_header(s)
        } else {
            None
        };
        if let Some(h) = header {
            let accept = if numbered {
                h.number.is_some_and(|n| n > last_number) && line.indent <= header_indent + 1
            } else {
                line.indent <= header_indent + 1
            };
            if accept || i == first_line {
                last_number = h.number.unwrap_or(last_number);
                comments.push(RawComment {
                    parent: None,
                    pingback: false,
                    header: Some(line.content.clone()),
                    number: h.number,
                    author: Some(h.name),
                    date: h.date,
                    start: line.content.start,
                    body: line.content.end..line.content.end,
                });
                open = true;
                expecting_date = true;
                continue;
            }
        }
        if numbered
            && line.indent == header_indent
            && let Some(c) = NUMBERED.captures(s)
        {
            let n: u32 = c
                .name("num")
                .and_then(|m| m.as_str().parse().ok())
                .unwrap_or(0);
            if n == last_number + 1 {
                last_number = n;
                let rest = c
                    .name("rest")
                    .map_or(line.content.end, |m| line.content.start + m.start());
                comments.push(RawComment {
                    parent: None,
                    pingback: false,
                    header: None,
                    number: Some(n),
                    author: None,
                    date: None,
                    start: line.content.start,
                    body: rest..line.content.end,
                });
                open = true;
                expecting_date = false;
                continue;
            }
        }
        if SEPARATOR.is_match(s) {
            open = false;
            expecting_date = false;
            continue;
        }
        if expecting_date && dates::is_date_line(s) {
            if let Some(c) = comments.last_mut() {
                c.date = Some(s.to_owned());
                c.body = line.content.end..line.content.end;
            }
            expecting_date = false;
            continue;
        }
        expecting_date = false;
        match comments.last_mut() {
            Some(c) if open => {
                if c.body.is_empty() && c.header.is_some() {
                    c.body.start = line.content.start;
                }
                c.body.end = line.content.end;
            }
            _ => {
                // Text after a "Reply" line with no header: its own comment, author unknown.
                comments.push(RawComment {
                    parent: None,
                    pingback: false,
                    header: None,
                    number: None,
                    author: None,
                    date: None,
                    start: line.content.start,
                    body: line.content.clone(),
                });
                open = true;
            }
        }
    }
    Some(RawThread {
        start: lines[start_line].content.start,
        marker: marker.map(|m| lines[m].content.clone()),
        comments,
    })
}

/// The thread a page's markup gives: one comment per comment element, replies from the
/// nesting. A heading right before the first comment ("3 Comments") is the thread's.
pub(super) fn from_markup(text: &str, thread: &super::html::MarkupThread) -> Option<RawThread> {
    let first = thread.comments.first()?;
    let before = text[..first.span.start].trim_end();
    let last_para = before.rfind("\n\n").map_or(0, |i| i + 2);
    let heading = trim_span(text, last_para..before.len());
    let marker = (!heading.is_empty()
        && text[heading.clone()].split_whitespace().count() <= 15
        && MARKER.is_match(&text[heading.clone()]))
    .then_some(heading);
    let comments = thread
        .comments
        .iter()
        .map(|c| RawComment {
            header: c.header.clone(),
            parent: c.parent,
            pingback: c.pingback,
            number: None,
            author: c.author.clone(),
            date: c.date.clone(),
            start: c.span.start,
            body: c.body.clone(),
        })
        .collect();
    Some(RawThread {
        start: marker.as_ref().map_or(first.span.start, |m| m.start),
        marker,
        comments,
    })
}

/// Where the thread ends: after its last comment.
pub(super) fn end(raw: &RawThread) -> usize {
    raw.comments
        .iter()
        .map(|c| {
            c.body
                .end
                .max(c.header.as_ref().map_or(0, |h| h.end))
                .max(c.start)
        })
        .max()
        .unwrap_or(raw.start)
}

/// Turn the raw thread into comments and blocks, then link replies.
pub(super) fn build(parser: &mut Parser<'_>, raw: RawThread) {
    let text = parser.text;
    if let Some(marker) = raw.marker {
        parser.push(BlockKind::Heading, marker, Section::Thread, None);
    }
    for (k, rc) in raw.comments.into_iter().enumerate() {
        let first_block = parser.article.blocks.len();
        let paras: Vec<Para> = if rc.body.is_empty() {
            Vec::new()
        } else {
            // Start at the beginning of the body's first line so its indentation counts.
            let line_start = text[..rc.body.start].rfind('\n').map_or(0, |i| i + 1);
            let start = if text[line_start..rc.body.start].trim().is_empty() {
                line_start
            } else {
                rc.body.start
            };
            split_paragraphs(text, start..rc.body.end, &[])
        };
        // The text of a comment without a header line starts after its number, mid-line, so
        // its first paragraph's indentation says nothing.
        let measured = if rc.header.is_none() && !paras.is_empty() {
            &paras[1..]
        } else {
            &paras[..]
        };
        let baseline = baseline_indent(measured.iter());
        for p in &paras {
            let s = &text[p.span.clone()];
            let attributed = trailing_attribution(s).filter(|_| attribution_has_source(s));
            let enclosed = s.starts_with(is_open_quote)
                && s.trim_end().ends_with(is_close_quote)
                && !s.contains('\n')
                && balanced_once(s);
            let kind = if rc.pingback {
                // Another site linking here: kept, apart from what readers wrote.
                BlockKind::Boilerplate
            } else if p.indent >= baseline + 2 || attributed.is_some() || enclosed {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            let idx = parser.push(kind, p.span.clone(), Section::Thread, Some(p));
            if let Some(source) = attributed {
                parser.article.blocks[idx].quote = Some(QuoteInfo {
                    intro: None,
                    source: Some(source),
                    from_comment: None,
                    from_article: false,
                });
            }
        }
        let end_block = parser.article.blocks.len();
        mark_excerpts(text, &mut parser.article.blocks, first_block..end_block);
        for b in &mut parser.article.blocks[first_block..end_block] {
            b.comment = Some(k);
        }
        let body_end = if rc.body.is_empty() {
            rc.header.as_ref().map_or(rc.start, |h| h.end)
        } else {
            rc.body.end
        };
        parser.article.comments.push(Comment {
            number: rc.number,
            author_source: if rc.author.is_some() {
                AuthorSource::Header
            } else {
                AuthorSource::Unknown
            },
            author: rc.author,
            date: rc.date,
            span: rc.start..body_end.max(rc.start),
            header: rc.header,
            body: rc.body,
            blocks: first_block..end_block,
            replies_to: rc
                .parent
                .filter(|&p| p < k)
                .map(|to| Reply {
                    to,
                    evidence: ReplyEvidence::Nesting,
                })
                .into_iter()
                .collect(),
            pingback: rc.pingback,
        });
    }
    link(parser);
}

fn attribution_has_source(s: &str) -> bool {
    let tail: String = s
        .chars()
        .rev()
        .take(120)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after_dash = tail.rsplit(['—', '–']).next().unwrap_or("");
    !after_dash.contains(',') || after_dash.chars().filter(char::is_ascii_digit).count() >= 4
}

/// One opening and one closing quote mark: the whole paragraph is a single quotation.
fn balanced_once(s: &str) -> bool {
    s.chars().filter(|&c| c == '\u{201C}').count() <= 1
        && s.chars().filter(|&c| c == '\u{201D}').count() <= 1
}

const SHINGLE: usize = 4;
/// Source id of the article body in the shingle index.
const ARTICLE: u32 = u32::MAX;

/// Hash of each word, case- and quote-folded ("Don’t" and "don't" hash alike).
fn word_hashes(s: &str) -> Vec<u64> {
    let mut buf = String::with_capacity(32);
    super::text::words(s)
        .map(|(_, w)| {
            buf.clear();
            for c in w.chars() {
                let c = fold_quote(c);
                if c.is_ascii() {
                    buf.push(c.to_ascii_lowercase());
                } else if c.is_alphanumeric() {
                    buf.extend(c.to_lowercase());
                }
            }
            let mut h = FxHasher::default();
            h.write(buf.as_bytes());
            h.finish()
        })
        .collect()
}

fn shingles(s: &str) -> Vec<u64> {
    let words = word_hashes(s);
    if words.len() < SHINGLE {
        return Vec::new();
    }
    words
        .windows(SHINGLE)
        .map(|w| {
            let mut h = FxHasher::default();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// The single earlier source that holds at least 80% of `s`'s shingles, if any.
fn quoted_source(index: &FxHashMap<u64, u32>, s: &str, min_words: usize) -> Option<u32> {
    quoted_source_of(index, &shingles(s), min_words)
}

fn quoted_source_of(index: &FxHashMap<u64, u32>, sh: &[u64], min_words: usize) -> Option<u32> {
    if sh.is_empty() || sh.len() + SHINGLE - 1 < min_words {
        return None;
    }
    let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
    for h in sh {
        if let Some(&src) = index.get(h) {
            *counts.entry(src).or_default() += 1;
        }
    }
    let (src, n) = counts.into_iter().max_by_key(|&(src, n)| (n, src))?;
    (n * 5 >= sh.len() * 4).then_some(src)
}

/// Quoted stretches inside a paragraph (“…” or "…"), as spans relative to `s`.
fn inline_quotes(s: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match (open, c) {
            (None, '\u{201C}') => open = Some(i + c.len_utf8()),
            (None, '"') => open = Some(i + 1),
            (Some(start), '\u{201D}' | '"') => {
                out.push(start..i);
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// A "@Name" address at the start of a paragraph: the name and its span (relative to `s`).
/// The name an "@" addresses at the start of a paragraph: what comes before a colon
/// ("@Ann Lee: …", "@ Ann: …"), or without one the first words ("@Ann I agree"), longest
/// first — the words are tried against earlier commenters' names in that order.
fn mention(s: &str) -> Option<Vec<(String, Span)>> {
    let rest = s.strip_prefix('@')?;
    let line = rest.lines().next().unwrap_or(rest);
    let lead = line.len() - line.trim_start().len();
    if let Some(colon) = line.find(':').filter(|&c| c <= 60) {
        let name = &line[..colon];
        let trimmed = name.trim();
        if trimmed.is_empty() || trimmed.split_whitespace().count() > 6 {
            return None;
        }
        let start = 1 + lead;
        return Some(vec![(trimmed.to_owned(), start..start + trimmed.len())]);
    }
    // No colon: up to four words, stopping at punctuation.
    let head: &str = line[lead..]
        .split([',', '.', ';', '!', '?', '(', ')', '\u{2014}'])
        .next()
        .unwrap_or("");
    let words: Vec<(usize, &str)> = head
        .split_whitespace()
        .take(4)
        .map(|w| (w.as_ptr() as usize - head.as_ptr() as usize, w))
        .collect();
    if words.is_empty() {
        return None;
    }
    let start = 1 + lead;
    Some(
        (1..=words.len())
            .rev()
            .map(|n| {
                let (off, w) = words[n - 1];
                let end = off + w.len();
                (head[..end].to_owned(), start..start + end)
            })
            .collect(),
    )
}

/// Earlier commenters by name key, with their comments in order.
#[derive(Default)]
struct Authors {
    comments: FxHashMap<String, Vec<usize>>,
}

impl Authors {
    fn add(&mut self, key: String, comment: usize) {
        let list = self.comments.entry(key).or_default();
        let at = list.partition_point(|&c| c < comment);
        list.insert(at, comment);
    }

    /// The key of the commenter "@name" addresses: exact name, else a unique prefix ("Jenos"
    /// → "Jenos Idanian #13"), else one word of the name ("Florack" → "Eric Florack"),
    /// preferring the commenter who wrote last.
    fn resolve(&self, key: &str) -> Option<&str> {
        if let Some((k, _)) = self.comments.get_key_value(key) {
            return Some(k);
        }
        let latest = |pred: &dyn Fn(&str) -> bool| {
            self.comments
                .iter()
                .filter(|(k, _)| pred(k))
                .max_by_key(|(_, list)| list.last().copied())
                .map(|(k, _)| k.as_str())
        };
        let prefix = format!("{key} ");
        if let Some(k) = latest(&|a: &str| a.starts_with(&prefix)) {
            return Some(k);
        }
        if !key.contains(' ') && key.chars().count() >= 3 {
            return latest(&|a: &str| a.split(' ').any(|w| w == key));
        }
        None
    }
}

/// Detect quotes of earlier comments and link every comment to the comments it answers.
fn link(parser: &mut Parser<'_>) {
    let text = parser.text;
    let article = &mut parser.article;
    let article_author = article.meta.author.as_ref().map(|a| name_key(&a.value));
    let mut index: FxHashMap<u64, u32> =
        FxHashMap::with_capacity_and_hasher(text.len() / 6, Default::default());
    for b in &article.blocks {
        if b.section != Section::Thread && matches!(b.kind, BlockKind::Paragraph | BlockKind::Quote)
        {
            for h in shingles(&text[b.span.clone()]) {
                index.entry(h).or_insert(ARTICLE);
            }
        }
    }
    let mut authors = Authors::default();

    for k in 0..article.comments.len() {
        let blocks = article.comments[k].blocks.clone();
        // Earlier comments this one quotes, with where.
        let mut quoted: Vec<(usize, Span)> = Vec::new();
        let mut mentions: Vec<(Vec<(String, Span)>, bool)> = Vec::new();
        // Shingles of the comment's own (unquoted) text, indexed once the comment is done.
        let mut own: Vec<Vec<u64>> = Vec::new();
        for bi in blocks {
            let span = article.blocks[bi].span.clone();
            let s = &text[span.clone()];
            // "@Name: …" is the commenter's own address unless the address itself is part of
            // the quoted text (then the first shingle, which spans it, is found too).
            let sh = shingles(s);
            let source = quoted_source_of(&index, &sh, 5).filter(|&src| {
                !s.starts_with('@') || sh.first().and_then(|h| index.get(h)) == Some(&src)
            });
            let block = &mut article.blocks[bi];
            if let Some(src) = source {
                block.kind = BlockKind::Quote;
                let info = block.quote.get_or_insert(QuoteInfo {
                    intro: None,
                    source: None,
                    from_comment: None,
                    from_article: false,
                });
                if src == ARTICLE {
                    info.from_article = true;
                } else {
                    info.from_comment = Some(src as usize);
                    quoted.push((src as usize, span.clone()));
                }
                continue;
            }
            if block.kind == BlockKind::Quote {
                continue;
            }
            own.push(sh);
            for q in inline_quotes(s) {
                if let Some(src) =
                    quoted_source(&index, &s[q.clone()], 5).filter(|&src| src != ARTICLE)
                {
                    quoted.push((src as usize, span.start + q.start..span.start + q.end));
                }
            }
            if let Some(names) = mention(s) {
                let with_colon = names.len() == 1;
                mentions.push((
                    names
                        .into_iter()
                        .map(|(n, m)| (n, span.start + m.start..span.start + m.end))
                        .collect(),
                    with_colon,
                ));
            }
        }

        let mut replies: Vec<Reply> = Vec::new();
        for (names, with_colon) in mentions {
            // The longest run of words that names an earlier commenter; without a colon,
            // words that name nobody are just the start of a sentence.
            let found = names
                .iter()
                .find(|(n, _)| authors.resolve(&name_key(n)).is_some())
                .or(if with_colon { names.first() } else { None });
            let Some((name, span)) = found.cloned() else {
                continue;
            };
            let key = name_key(&name);
            let target = match authors.resolve(&key) {
                Some(author_key) => {
                    let by_author = authors
                        .comments
                        .get(author_key)
                        .map_or(&[][..], Vec::as_slice);
                    quoted
                        .iter()
                        .map(|(j, _)| *j)
                        .filter(|j| by_author.binary_search(j).is_ok())
                        .max()
                        .or_else(|| by_author.last().copied())
                }
                None if article_author.as_deref() != Some(key.as_str()) => {
                    // Nobody of that name commented before: a recent comment without an
                    // author line is the likeliest one addressed.
                    let j = (k.saturating_sub(3)..k)
                        .rev()
                        .find(|&j| article.comments[j].author.is_none());
                    if let Some(j) = j {
                        article.comments[j].author = Some(name.clone());
                        article.comments[j].author_source =
                            AuthorSource::InferredFromReply { reply: k };
                        authors.add(key.clone(), j);
                    }
                    j
                }
                None => None,
            };
            if let Some(to) = target
                && !replies.iter().any(|r| r.to == to)
            {
                replies.push(Reply {
                    to,
                    evidence: ReplyEvidence::Mention { span },
                });
            }
        }
        for (to, span) in quoted {
            if to < k && !replies.iter().any(|r| r.to == to) {
                replies.push(Reply {
                    to,
                    evidence: ReplyEvidence::Quote { span },
                });
            }
        }
        // The markup's nesting comes first; text evidence adds the rest.
        let mut all = std::mem::take(&mut article.comments[k].replies_to);
        for r in replies {
            if !all.iter().any(|x| x.to == r.to) {
                all.push(r);
            }
        }
        article.comments[k].replies_to = all;
        if let Some(author) = &article.comments[k].author {
            authors.add(name_key(author), k);
        }

        for h in own.into_iter().flatten() {
            index.entry(h).or_insert(k as u32);
        }
    }
}

#[cfg(test)]
mod tests;
